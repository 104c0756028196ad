/**
 * Simulates ingress-nginx, the Ingress controller of class "nginx" (the default here): it publishes its own
 * address in every such Ingress's status.loadBalancer.ingress and routes outside HTTP requests by host and
 * path to Services: exact hosts before `*.` wildcards before rules without a host, then the longest matching
 * path (Exact before Prefix on a tie), then the Ingress's defaultBackend, else its own 404.
 * Left out: TLS, annotations (rewrites, canaries), IngressClass objects, regex paths, resource backends.
 */
import { splitNameKey } from '../api/meta';
import type { Store } from '../api/store';
import type { Ingress } from '../api/types';
import type { HTTPIngressPath, IngressBackend, IngressRule } from 'kubernetes-types/networking/v1';
import type { Controller } from '../sim/controller';
import { watchSelf } from '../sim/controller';
import { INGRESS_CONTROLLER_IP } from './servicelb';

export const INGRESS_CONTROLLER = 'ingress-nginx';
export const INGRESS_CLASS = 'nginx';
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const SOURCE = { component: 'nginx-ingress-controller' };

/** Whether this controller serves an Ingress: class nginx, or no class at all (nginx is the default class). */
export function isOurIngress(ing: Ingress): boolean {
  const cls = ing.spec?.ingressClassName ?? ing.metadata?.annotations?.[CLASS_ANNOTATION];
  return cls === undefined || cls === INGRESS_CLASS;
}

/** Split "shop.example.com/cart" into host and path ("/" when none is given). */
export function parseIngressAddress(address: string): { host: string; path: string } {
  const slash = address.indexOf('/');
  return slash < 0
    ? { host: address.toLowerCase(), path: '/' }
    : { host: address.slice(0, slash).toLowerCase(), path: address.slice(slash) };
}

function hostMatches(ruleHost: string, host: string): 'exact' | 'wildcard' | undefined {
  if (ruleHost === host) return 'exact';
  // "*.example.com" matches exactly one more label: "shop.example.com", not "a.b.example.com".
  if (ruleHost.startsWith('*.')) {
    const suffix = ruleHost.slice(1);
    if (host.endsWith(suffix)) {
      const label = host.slice(0, host.length - suffix.length);
      if (label.length > 0 && !label.includes('.')) return 'wildcard';
    }
  }
  return undefined;
}

/** Whether `path` matches the rule path, by pathType (Prefix matches whole path elements). */
export function pathMatches(p: HTTPIngressPath, path: string): boolean {
  const rule = p.path ?? '';
  switch (p.pathType) {
    case 'Exact':
      return path === rule;
    case 'Prefix': {
      const trimmed = rule.replace(/\/+$/, '');
      if (trimmed === '') return true;
      return path === trimmed || path.startsWith(`${trimmed}/`);
    }
    default:
      // ImplementationSpecific: nginx's plain prefix location.
      return path.startsWith(rule || '/');
  }
}

const TYPE_RANK: Readonly<Record<string, number>> = { Exact: 3, Prefix: 2, ImplementationSpecific: 1 };

/** Where ingress-nginx sends a request: a Service backend in the Ingress's namespace, or nothing (404). */
export interface IngressRoute {
  readonly ingress: string;
  readonly namespace: string;
  readonly service: string;
  readonly port: number | string;
}

function serviceRoute(ing: Ingress, b: IngressBackend | undefined): IngressRoute | undefined {
  if (!b?.service) return undefined;
  return {
    ingress: ing.metadata?.name ?? '',
    namespace: ing.metadata?.namespace ?? 'default',
    service: b.service.name,
    port: b.service.port?.number ?? b.service.port?.name ?? 80,
  };
}

function compareIngresses(a: Ingress, b: Ingress): number {
  const ka = `${a.metadata?.namespace ?? ''}/${a.metadata?.name ?? ''}`;
  const kb = `${b.metadata?.namespace ?? ''}/${b.metadata?.name ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The backend for a request to `host` + `path`, or undefined when ingress-nginx answers 404 itself. */
export function routeIngress(store: Store, host: string, path: string): IngressRoute | undefined {
  const h = host.toLowerCase();
  const ingresses = store.list('Ingress').filter(isOurIngress).sort(compareIngresses);
  const tiers: { ing: Ingress; rule: IngressRule }[][] = [[], [], []];
  for (const ing of ingresses) {
    for (const rule of ing.spec?.rules ?? []) {
      if (!rule.host) tiers[2]?.push({ ing, rule });
      else {
        const m = hostMatches(rule.host, h);
        if (m === 'exact') tiers[0]?.push({ ing, rule });
        else if (m === 'wildcard') tiers[1]?.push({ ing, rule });
      }
    }
  }
  const server = tiers.find((t) => t.length > 0) ?? [];
  let best: { ing: Ingress; p: HTTPIngressPath } | undefined;
  for (const { ing, rule } of server) {
    for (const p of rule.http?.paths ?? []) {
      if (!pathMatches(p, path)) continue;
      if (!best) {
        best = { ing, p };
        continue;
      }
      const len = (p.path ?? '').length;
      const bestLen = (best.p.path ?? '').length;
      if (
        len > bestLen ||
        (len === bestLen && (TYPE_RANK[p.pathType] ?? 0) > (TYPE_RANK[best.p.pathType] ?? 0))
      )
        best = { ing, p };
    }
  }
  if (best) return serviceRoute(best.ing, best.p.backend);
  // No path matched: the defaultBackend of an Ingress with rules for this host, else any Ingress's.
  for (const { ing } of server)
    if (ing.spec?.defaultBackend) return serviceRoute(ing, ing.spec.defaultBackend);
  for (const ing of ingresses)
    if (ing.spec?.defaultBackend) return serviceRoute(ing, ing.spec.defaultBackend);
  return undefined;
}

export const ingressController: Controller = {
  name: INGRESS_CONTROLLER,
  component: 'kubelet',
  watches: [watchSelf('Ingress')],
  reconcile(key, ctx) {
    const { namespace, name } = splitNameKey(key);
    const ing = ctx.store.get('Ingress', namespace, name);
    if (!ing || !isOurIngress(ing)) return;
    const cur = ing.status?.loadBalancer?.ingress ?? [];
    if (cur.length === 1 && cur[0]?.ip === INGRESS_CONTROLLER_IP) return;
    ctx.api.recordEvent(ing, 'Normal', 'Sync', 'Scheduled for sync', SOURCE);
    ctx.api.updateStatus('Ingress', {
      ...ing,
      status: { loadBalancer: { ingress: [{ ip: INGRESS_CONTROLLER_IP }] } },
    });
  },
};
