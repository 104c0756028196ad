/**
 * A load-balancer controller for Services of type LoadBalancer, as the cloud-controller-manager's
 * service-lb-controller does it with a bare-metal address pool (MetalLB's layer-2 mode on kind): each such
 * Service gets the lowest free address of 172.18.255.201-250 in status.loadBalancer.ingress, and loses it
 * when its type changes. Left out: cloud provisioning delays, health-check node ports, spec.loadBalancerClass.
 */
import { splitNameKey } from '../api/meta';
import type { Service } from '../api/types';
import type { Controller, ReconcileContext } from '../sim/controller';
import { watchSelf } from '../sim/controller';

export const SERVICE_LB_CONTROLLER = 'service-lb-controller';
const SOURCE = { component: 'service-controller' };
const POOL_PREFIX = '172.18.255.';
export const LB_POOL_FIRST = 201;
export const LB_POOL_LAST = 250;
/** The ingress controller's own LoadBalancer address: the pool's address before the ones handed out. */
export const INGRESS_CONTROLLER_IP = `${POOL_PREFIX}200`;
const RETRY_SECONDS = 10;

function lbIps(svc: Service): string[] {
  return (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').filter((ip) => ip !== '');
}

/** The lowest pool address no other Service holds (or the one it asked for in spec.loadBalancerIP). */
export function allocateLoadBalancerIP(ctx: ReconcileContext, svc: Service): string | undefined {
  const used = new Set<string>();
  for (const o of ctx.store.list('Service')) if (o !== svc) for (const ip of lbIps(o)) used.add(ip);
  const asked = svc.spec?.loadBalancerIP;
  if (asked && asked.startsWith(POOL_PREFIX)) {
    const n = Number(asked.slice(POOL_PREFIX.length));
    if (n >= LB_POOL_FIRST && n <= LB_POOL_LAST && !used.has(asked)) return asked;
  }
  for (let n = LB_POOL_FIRST; n <= LB_POOL_LAST; n++) {
    const ip = `${POOL_PREFIX}${n}`;
    if (!used.has(ip)) return ip;
  }
  return undefined;
}

export const serviceLbController: Controller = {
  name: SERVICE_LB_CONTROLLER,
  component: 'kube-controller-manager',
  watches: [watchSelf('Service')],
  reconcile(key, ctx) {
    const { namespace, name } = splitNameKey(key);
    const svc = ctx.store.get('Service', namespace, name);
    if (!svc) return;
    const has = lbIps(svc).length > 0;
    if (svc.spec?.type === 'LoadBalancer') {
      if (has) return;
      ctx.api.recordEvent(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer', SOURCE);
      const ip = allocateLoadBalancerIP(ctx, svc);
      if (!ip) {
        ctx.api.recordEvent(
          svc,
          'Warning',
          'SyncLoadBalancerFailed',
          `Error syncing load balancer: failed to ensure load balancer: no available IPs in pool ${POOL_PREFIX}${LB_POOL_FIRST}-${POOL_PREFIX}${LB_POOL_LAST}`,
          SOURCE,
        );
        ctx.requeueAfter(RETRY_SECONDS);
        return;
      }
      ctx.api.updateStatus('Service', {
        ...svc,
        status: { ...svc.status, loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } },
      });
      ctx.api.recordEvent(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer', SOURCE);
    } else if (has) {
      ctx.api.recordEvent(svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer', SOURCE);
      ctx.api.updateStatus('Service', { ...svc, status: { ...svc.status, loadBalancer: {} } });
      ctx.api.recordEvent(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer', SOURCE);
    }
  },
};
