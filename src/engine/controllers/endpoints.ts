/**
 * Simulates kube-controller-manager's Endpoints controller: one Endpoints object per Service with a selector, ready
 * pods in `addresses`, not-ready ones in `notReadyAddresses`, capped at 1000 addresses as the real one truncates.
 * Left out: EndpointSlices (readyEndpointPods gives the traffic layer their view), dual-stack IP families, trigger-time annotation.
 */
import { splitNameKey } from '../api/meta';
import { isPodReady, isPodTerminating } from '../api/podutil';
import type { Store } from '../api/store';
import type { Endpoints, KubeObject, Pod, Service } from '../api/types';
import type { EndpointAddress, EndpointPort, EndpointSubset, ServicePort } from 'kubernetes-types/core/v1';
import type { Controller, ObjectWatch } from '../sim/controller';
import { watchSelf } from '../sim/controller';

export const ENDPOINTS_CONTROLLER = 'endpoints-controller';
/** The Endpoints API keeps at most this many addresses; the rest are dropped with an annotation. */
export const MAX_ENDPOINT_ADDRESSES = 1000;
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

/** The Service's selector when the controller manages its endpoints; undefined (or empty) means user-managed. */
export function managedSelector(svc: Service): Readonly<Record<string, string>> | undefined {
  const sel = svc.spec?.selector;
  return sel && Object.keys(sel).length > 0 ? sel : undefined;
}

export function podIp(pod: Pod): string | undefined {
  return pod.status?.podIP || pod.status?.podIPs?.[0]?.ip || undefined;
}

export function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** ShouldPodBeInEndpoints: not terminal, has an IP, and not terminating unless terminating pods are tolerated. */
function includePod(pod: Pod, includeTerminating: boolean): boolean {
  if (isTerminal(pod) || podIp(pod) === undefined) return false;
  return includeTerminating || !isPodTerminating(pod);
}

/**
 * The pods that should receive a Service's traffic, as kube-proxy reads EndpointSlices: endpoints that are
 * ready (pod Ready and not terminating; every listed pod when publishNotReadyAddresses). Not truncated.
 */
export function readyEndpointPods(store: Store, service: Service): Pod[] {
  const sel = managedSelector(service);
  if (!sel) return [];
  const publish = service.spec?.publishNotReadyAddresses === true;
  const out: Pod[] = [];
  for (const pod of store.podsWithLabels(service.metadata?.namespace ?? 'default', sel)) {
    if (isTerminal(pod) || podIp(pod) === undefined) continue;
    if (publish || (isPodReady(pod) && !isPodTerminating(pod))) out.push(pod);
  }
  return out;
}

/**
 * Like readyEndpointPods, with kube-proxy's fallback (GA in 1.28): when no endpoint is ready, traffic goes to
 * terminating pods that are still serving (Ready).
 */
export function trafficEndpointPods(store: Store, service: Service): Pod[] {
  const ready = readyEndpointPods(store, service);
  if (ready.length > 0) return ready;
  const sel = managedSelector(service);
  if (!sel) return [];
  return store
    .podsWithLabels(service.metadata?.namespace ?? 'default', sel)
    .filter((p) => !isTerminal(p) && podIp(p) !== undefined && isPodTerminating(p) && isPodReady(p));
}

/** FindPort: a named targetPort is looked up among the pod's container ports, a number is used as is. */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  const protocol = sp.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? [])
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

function endpointPort(sp: ServicePort, port: number): EndpointPort {
  return {
    ...(sp.name ? { name: sp.name } : {}),
    port,
    protocol: sp.protocol ?? 'TCP',
    ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
  };
}

/** The address of a pod (cached per pod object: objects are immutable, so the cache is a pure function). */
const addressCache = new WeakMap<Pod, EndpointAddress>();

function addressOf(pod: Pod, svc: Service): EndpointAddress {
  const meta = pod.metadata;
  // The hostname depends on the Service (pod.spec.subdomain naming it), so such pods are not cached.
  const hostname =
    pod.spec?.hostname && pod.spec.subdomain === svc.metadata?.name ? pod.spec.hostname : undefined;
  if (hostname === undefined) {
    const hit = addressCache.get(pod);
    if (hit) return hit;
  }
  const addr: EndpointAddress = {
    ip: podIp(pod) ?? '',
    ...(hostname ? { hostname } : {}),
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: {
      kind: 'Pod',
      namespace: meta?.namespace ?? 'default',
      name: meta?.name ?? '',
      uid: meta?.uid ?? '',
    },
  };
  if (hostname === undefined) addressCache.set(pod, addr);
  return addr;
}

function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const ua = a.targetRef?.uid ?? '';
  const ub = b.targetRef?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

interface Group {
  readonly ports: EndpointPort[];
  readonly ready: EndpointAddress[];
  readonly notReady: EndpointAddress[];
}

/**
 * The subsets for a Service, packed as RepackSubsets does (one subset per distinct port list, addresses sorted
 * by IP then UID), and whether they had to be truncated to MAX_ENDPOINT_ADDRESSES.
 */
export function endpointSubsets(
  store: Store,
  svc: Service,
): { subsets: EndpointSubset[]; truncated: boolean } {
  const sel = managedSelector(svc);
  if (!sel) return { subsets: [], truncated: false };
  const publish = svc.spec?.publishNotReadyAddresses === true;
  const servicePorts = svc.spec?.ports ?? [];
  const headless = svc.spec?.clusterIP === 'None';
  // When every targetPort is a number, every pod gets the same ports: compute them once.
  const fixedPorts = servicePorts.every((sp) => typeof (sp.targetPort ?? sp.port) === 'number')
    ? servicePorts.map((sp) => endpointPort(sp, (sp.targetPort ?? sp.port) as number))
    : undefined;
  const groups = new Map<string, Group>();
  for (const pod of store.podsWithLabels(svc.metadata?.namespace ?? 'default', sel)) {
    if (!includePod(pod, publish)) continue;
    let ports: EndpointPort[];
    if (servicePorts.length === 0) {
      // A Service without ports only gets endpoints when it is headless.
      if (!headless) continue;
      ports = [];
    } else if (fixedPorts) ports = fixedPorts;
    else {
      ports = [];
      for (const sp of servicePorts) {
        const n = findPort(pod, sp);
        if (n !== undefined) ports.push(endpointPort(sp, n));
      }
      if (ports.length === 0) continue;
    }
    const gk = ports
      .map((p) => `${p.name ?? ''}:${p.port}/${p.protocol ?? ''}/${p.appProtocol ?? ''}`)
      .join(',');
    let g = groups.get(gk);
    if (!g) groups.set(gk, (g = { ports, ready: [], notReady: [] }));
    (publish || isPodReady(pod) ? g.ready : g.notReady).push(addressOf(pod, svc));
  }
  const keys = [...groups.keys()].sort();
  const subsets: EndpointSubset[] = [];
  let totalReady = 0;
  let totalNotReady = 0;
  for (const k of keys) {
    const g = groups.get(k) as Group;
    g.ready.sort(compareAddresses);
    g.notReady.sort(compareAddresses);
    totalReady += g.ready.length;
    totalNotReady += g.notReady.length;
    subsets.push(subset(g.ready, g.notReady, g.ports));
  }
  if (totalReady + totalNotReady <= MAX_ENDPOINT_ADDRESSES) return { subsets, truncated: false };
  return { subsets: truncate(subsets, totalReady, totalNotReady), truncated: true };
}

function subset(
  ready: EndpointAddress[],
  notReady: EndpointAddress[],
  ports: EndpointPort[],
): EndpointSubset {
  return {
    ...(ready.length ? { addresses: ready } : {}),
    ...(notReady.length ? { notReadyAddresses: notReady } : {}),
    ...(ports.length ? { ports } : {}),
  };
}

/**
 * Keep MAX_ENDPOINT_ADDRESSES addresses, ready ones first: when the ready ones alone overflow, they are shared
 * among subsets in proportion (rounded up, the last subset gets what is left) and not-ready ones are dropped;
 * otherwise all ready ones stay and the not-ready ones are shared the same way.
 */
function truncate(
  subsets: readonly EndpointSubset[],
  totalReady: number,
  totalNotReady: number,
): EndpointSubset[] {
  const truncateReady = totalReady > MAX_ENDPOINT_ADDRESSES;
  const budget = truncateReady ? MAX_ENDPOINT_ADDRESSES : MAX_ENDPOINT_ADDRESSES - totalReady;
  const total = truncateReady ? totalReady : totalNotReady;
  let left = budget;
  return subsets.map((s) => {
    const ready = s.addresses ?? [];
    const notReady = s.notReadyAddresses ?? [];
    const share = Math.min(
      left,
      Math.ceil(((truncateReady ? ready.length : notReady.length) / total) * budget),
    );
    const keptReady = truncateReady ? ready.slice(0, share) : ready;
    const keptNotReady = truncateReady ? [] : notReady.slice(0, share);
    left -= truncateReady ? keptReady.length : keptNotReady.length;
    return subset(keptReady, keptNotReady, s.ports ?? []);
  });
}

function sameAddresses(
  a: readonly EndpointAddress[] | undefined,
  b: readonly EndpointAddress[] | undefined,
): boolean {
  const x = a ?? [];
  const y = b ?? [];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const p = x[i] as EndpointAddress;
    const q = y[i] as EndpointAddress;
    if (p === q) continue;
    if (
      p.ip !== q.ip ||
      p.hostname !== q.hostname ||
      p.nodeName !== q.nodeName ||
      p.targetRef?.uid !== q.targetRef?.uid ||
      p.targetRef?.name !== q.targetRef?.name ||
      p.targetRef?.namespace !== q.targetRef?.namespace ||
      p.targetRef?.kind !== q.targetRef?.kind
    ) {
      return false;
    }
  }
  return true;
}

function samePorts(a: readonly EndpointPort[] | undefined, b: readonly EndpointPort[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return (
    x.length === y.length &&
    x.every((p, i) => {
      const q = y[i] as EndpointPort;
      return (
        p.name === q.name && p.port === q.port && p.protocol === q.protocol && p.appProtocol === q.appProtocol
      );
    })
  );
}

function sameSubsets(a: readonly EndpointSubset[] | undefined, b: readonly EndpointSubset[]): boolean {
  const x = a ?? [];
  return (
    x.length === b.length &&
    x.every((s, i) => {
      const t = b[i] as EndpointSubset;
      return (
        sameAddresses(s.addresses, t.addresses) &&
        sameAddresses(s.notReadyAddresses, t.notReadyAddresses) &&
        samePorts(s.ports, t.ports)
      );
    })
  );
}

function sameRecord(
  a: Readonly<Record<string, string>> | undefined,
  b: Readonly<Record<string, string>> | undefined,
): boolean {
  const x = a ?? {};
  const y = b ?? {};
  const kx = Object.keys(x);
  return kx.length === Object.keys(y).length && kx.every((k) => x[k] === y[k]);
}

function svcKey(obj: KubeObject): string {
  return `${obj.metadata?.namespace ?? 'default'}/${obj.metadata?.name ?? ''}`;
}

function servicesSelecting(pod: Pod, store: Store, out: Set<string>): void {
  const labels = pod.metadata?.labels;
  if (!labels) return;
  for (const svc of store.list('Service', pod.metadata?.namespace ?? 'default')) {
    const sel = managedSelector(svc);
    if (!sel) continue;
    let ok = true;
    for (const k in sel) if (labels[k] !== sel[k]) ok = false;
    if (ok) out.add(svcKey(svc));
  }
}

/** Whether a pod update can change its endpoint (podEndpointsChanged): not container churn, restarts, etc. */
export function podChangeMattersToEndpoints(from: Pod, to: Pod): boolean {
  return (
    from.metadata?.labels !== to.metadata?.labels ||
    from.metadata?.deletionTimestamp !== to.metadata?.deletionTimestamp ||
    podIp(from) !== podIp(to) ||
    from.status?.phase !== to.status?.phase ||
    isPodReady(from) !== isPodReady(to) ||
    from.spec?.nodeName !== to.spec?.nodeName ||
    from.spec?.hostname !== to.spec?.hostname ||
    from.spec?.subdomain !== to.spec?.subdomain
  );
}

/**
 * A pod change wakes every Service in its namespace whose selector matches the pod's old or new labels.
 * Shared by the Endpoints and EndpointSlice controllers.
 */
export const servicePodWatch: ObjectWatch = {
  kind: 'Pod',
  keys: () => [],
  changed(from, to, store) {
    if (from && to && !podChangeMattersToEndpoints(from as Pod, to as Pod)) return [];
    const out = new Set<string>();
    if (from) servicesSelecting(from as Pod, store, out);
    if (to) servicesSelecting(to as Pod, store, out);
    return out;
  },
};

/** Someone deleted a managed Endpoints object: recreate it (only removals matter; our own writes do not). */
const endpointsWatch: ObjectWatch = {
  kind: 'Endpoints',
  keys(obj, store) {
    return store.get('Endpoints', obj.metadata?.namespace, obj.metadata?.name ?? '') ? [] : [svcKey(obj)];
  },
};

export const endpointsController: Controller = {
  name: ENDPOINTS_CONTROLLER,
  component: 'kube-controller-manager',
  watches: [watchSelf('Service'), servicePodWatch, endpointsWatch],
  reconcile(key, ctx) {
    const { namespace, name } = splitNameKey(key);
    const svc = ctx.store.get('Service', namespace, name);
    const current = ctx.store.get('Endpoints', namespace, name);
    if (!svc) {
      if (current) ctx.api.delete('Endpoints', namespace, name);
      return;
    }
    if (!managedSelector(svc)) return;
    const { subsets, truncated } = endpointSubsets(ctx.store, svc);
    const labels: Record<string, string> = { ...svc.metadata?.labels };
    if (svc.spec?.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
    else delete labels[HEADLESS_LABEL];
    const annotations: Record<string, string> = { ...current?.metadata?.annotations };
    if (truncated) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
    else delete annotations[OVER_CAPACITY_ANNOTATION];
    if (
      current &&
      sameSubsets(current.subsets, subsets) &&
      sameRecord(current.metadata?.labels, labels) &&
      sameRecord(current.metadata?.annotations, annotations)
    ) {
      return;
    }
    const meta = {
      ...current?.metadata,
      name,
      namespace,
      ...(Object.keys(labels).length ? { labels } : {}),
      ...(Object.keys(annotations).length ? { annotations } : {}),
    };
    if (!Object.keys(labels).length) delete meta.labels;
    if (!Object.keys(annotations).length) delete meta.annotations;
    const next: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: meta,
      ...(subsets.length ? { subsets } : {}),
    };
    if (current) ctx.api.update('Endpoints', next);
    else ctx.api.create('Endpoints', next);
  },
};
