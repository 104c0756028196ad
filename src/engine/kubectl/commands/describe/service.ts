/** kubectl describe service (describeService, formatEndpointSlices). */
import type { Store } from '../../../api/store';
import type { Service } from '../../../api/types';
import { describeEvents } from './events';
import { formatLabelSet } from '../../selector';
import type { DescribeContext } from './types';
import { compare, PrefixWriter, printAnnotations, printLabels } from './writer';

const MAX_SHOWN = 3;
const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** Address and port lists in the EndpointSlice shape, from slices or (when there are none) Endpoints. */
interface Slice {
  readonly ports: readonly { readonly name?: string | undefined; readonly port?: number | undefined }[];
  readonly endpoints: readonly { readonly address: string; readonly ready: boolean }[];
}

function slicesOf(store: Store, svc: Service): Slice[] {
  const ns = svc.metadata?.namespace;
  const name = svc.metadata?.name ?? '';
  const slices = store
    .list('EndpointSlice', ns)
    .filter((s) => s.metadata?.labels?.[SERVICE_NAME_LABEL] === name);
  if (slices.length) {
    return slices
      .sort((a, b) => compare(a.metadata?.name ?? '', b.metadata?.name ?? ''))
      .map((s) => ({
        ports: s.ports ?? [],
        endpoints: s.endpoints.map((e) => ({
          address: e.addresses[0] ?? '',
          ready: e.conditions?.ready !== false,
        })),
      }));
  }
  const ep = store.get('Endpoints', ns, name);
  return (ep?.subsets ?? []).map((sub) => ({
    ports: sub.ports ?? [],
    endpoints: [
      ...(sub.addresses ?? []).map((a) => ({ address: a.ip, ready: true })),
      ...(sub.notReadyAddresses ?? []).map((a) => ({ address: a.ip, ready: false })),
    ],
  }));
}

/**
 * formatEndpointSlices for one service port: "ip:port" of ready endpoints serving a port of that name, at
 * most three, then " + N more..."; "<none>" without any slice.
 */
export function endpointsLine(store: Store, svc: Service, portName: string): string {
  const slices = slicesOf(store, svc);
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const s of slices) {
    const ports = s.ports.length ? s.ports.filter((p) => (p.name ?? '') === portName) : [undefined];
    for (const port of ports) {
      for (const e of s.endpoints) {
        if (list.length === MAX_SHOWN) more = true;
        if (!e.ready) continue;
        if (!more) list.push(port ? `${e.address}:${port.port ?? 0}` : e.address);
        count++;
      }
    }
  }
  const shown = list.join(',');
  return more ? `${shown} + ${count - MAX_SHOWN} more...` : shown;
}

export function describeService(svc: Service, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec = svc.spec;
  w.write(0, `Name:\t${svc.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${svc.metadata?.namespace ?? ''}\n`);
  printLabels(w, 'Labels', svc.metadata?.labels);
  printAnnotations(w, 'Annotations', svc.metadata?.annotations);
  w.write(0, `Selector:\t${formatLabelSet(spec?.selector)}\n`);
  w.write(0, `Type:\t${spec?.type ?? ''}\n`);
  if (spec?.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${spec?.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${spec?.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${spec?.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
  if (spec?.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec?.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec?.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) {
    w.write(0, `LoadBalancer Ingress:\t${ingress.map((i) => i.ip || i.hostname || '').join(', ')}\n`);
  }
  for (const p of spec?.ports ?? []) {
    const name = p.name || '<unset>';
    const proto = p.protocol ?? 'TCP';
    w.write(0, `Port:\t${name}\t${p.port}/${proto}\n`);
    w.write(0, `TargetPort:\t${String(p.targetPort ?? p.port)}/${proto}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`);
    w.write(0, `Endpoints:\t${endpointsLine(ctx.store, svc, p.name ?? '')}\n`);
  }
  w.write(0, `Session Affinity:\t${spec?.sessionAffinity ?? ''}\n`);
  if (spec?.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec?.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec?.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if (spec?.loadBalancerSourceRanges?.length) {
    w.write(0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
  }
  if (ctx.showEvents) describeEvents(w, ctx.events(svc), ctx.now);
  return w.toString();
}
