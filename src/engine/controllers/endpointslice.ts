/**
 * Simulates kube-controller-manager's EndpointSlice controller: for each Service with a selector, slices
 * (discovery.k8s.io/v1, at most 100 endpoints each) listing every matching pod that has an IP and is not
 * finished, with conditions ready (Ready and not terminating), serving (Ready) and terminating; terminating
 * pods stay listed until they are gone. Endpoints keep their slice across syncs, as the real reconciler
 * tries to. Also: the endpoints kube-proxy routes to (`routedEndpoints`).
 * Left out: dual stack, topology hints, trafficDistribution, the last-change-trigger-time annotation,
 * mirroring of user Endpoints, the batching delay.
 */
import { ownerReference, splitNameKey } from '../api/meta';
import { isPodReady, isPodTerminating } from '../api/podutil';
import type { Store } from '../api/store';
import type { EndpointSlice, Pod, Service } from '../api/types';
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import type { ServicePort } from 'kubernetes-types/core/v1';
import type { Controller, ObjectWatch, ReconcileContext } from '../sim/controller';
import { watchSelf } from '../sim/controller';
import { findPort, HEADLESS_LABEL, isTerminal, managedSelector, podIp, servicePodWatch } from './endpoints';

export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller';
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
/** kube-controller-manager's --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

// The same pod and selector rules as the Endpoints controller: one definition for both.
const selectorOf = managedSelector;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sliceEndpointPort(sp: ServicePort, port: number): EndpointPort {
  return {
    name: sp.name ?? '',
    port,
    protocol: sp.protocol ?? 'TCP',
    ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
  };
}

function portsKey(ports: readonly EndpointPort[]): string {
  return ports
    .map((p) => `${p.name ?? ''}:${p.port ?? ''}/${p.protocol ?? ''}/${p.appProtocol ?? ''}`)
    .join(',');
}

/** An endpoint object per pod version, Service name and zone (objects are immutable, so this is pure). */
const endpointCache = new WeakMap<Pod, { key: string; ep: Endpoint }>();

/** podToEndpoint: serving = Ready (or publishNotReadyAddresses), ready = serving and not terminating. */
export function endpointFor(pod: Pod, svc: Service, zone: string | undefined): Endpoint {
  const publish = svc.spec?.publishNotReadyAddresses === true;
  const svcName = svc.metadata?.name ?? '';
  const cacheKey = `${svcName}\u0000${publish ? 1 : 0}\u0000${zone ?? ''}`;
  const hit = endpointCache.get(pod);
  if (hit && hit.key === cacheKey) return hit.ep;
  const serving = publish || isPodReady(pod);
  const terminating = isPodTerminating(pod);
  const meta = pod.metadata;
  const hostname =
    pod.spec?.hostname && pod.spec.subdomain === svcName && meta?.namespace === svc.metadata?.namespace
      ? pod.spec.hostname
      : undefined;
  const ep: Endpoint = {
    addresses: [podIp(pod) ?? ''],
    conditions: { ready: publish || (serving && !terminating), serving, terminating },
    ...(hostname ? { hostname } : {}),
    targetRef: {
      kind: 'Pod',
      namespace: meta?.namespace ?? 'default',
      name: meta?.name ?? '',
      uid: meta?.uid ?? '',
    },
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    ...(zone ? { zone } : {}),
  };
  endpointCache.set(pod, { key: cacheKey, ep });
  return ep;
}

interface Group {
  readonly ports: EndpointPort[];
  /** Desired endpoints by pod uid, in pod-name order. */
  readonly eps: Map<string, Endpoint>;
}

/** The endpoints a Service should list, grouped by their resolved ports. */
export function desiredEndpoints(store: Store, svc: Service): Map<string, Group> {
  const groups = new Map<string, Group>();
  const sel = selectorOf(svc);
  if (!sel) return groups;
  const servicePorts = svc.spec?.ports ?? [];
  const headless = svc.spec?.clusterIP === 'None';
  const fixed = servicePorts.every((sp) => typeof (sp.targetPort ?? sp.port) === 'number')
    ? servicePorts.map((sp) => sliceEndpointPort(sp, (sp.targetPort ?? sp.port) as number))
    : undefined;
  const pods = store
    .podsWithLabels(svc.metadata?.namespace ?? 'default', sel)
    .filter((p) => !isTerminal(p) && podIp(p) !== undefined)
    .sort((a, b) => compareText(a.metadata?.name ?? '', b.metadata?.name ?? ''));
  for (const pod of pods) {
    let ports: EndpointPort[];
    if (servicePorts.length === 0) {
      if (!headless) continue;
      ports = [];
    } else if (fixed) ports = fixed;
    else {
      ports = [];
      for (const sp of servicePorts) {
        const n = findPort(pod, sp);
        if (n !== undefined) ports.push(sliceEndpointPort(sp, n));
      }
      if (ports.length === 0) continue;
    }
    const key = portsKey(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, eps: new Map() }));
    const node = pod.spec?.nodeName ? store.get('Node', undefined, pod.spec.nodeName) : undefined;
    g.eps.set(
      pod.metadata?.uid ?? pod.metadata?.name ?? '',
      endpointFor(pod, svc, node?.metadata?.labels?.[ZONE_LABEL]),
    );
  }
  return groups;
}

function sliceLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = { ...svc.metadata?.labels };
  delete labels[HEADLESS_LABEL];
  labels[SERVICE_NAME_LABEL] = svc.metadata?.name ?? '';
  labels[MANAGED_BY_LABEL] = MANAGED_BY;
  if (svc.spec?.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
  return labels;
}

function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  if (a === b) return true;
  return (
    a.addresses[0] === b.addresses[0] &&
    a.conditions?.ready === b.conditions?.ready &&
    a.conditions?.serving === b.conditions?.serving &&
    a.conditions?.terminating === b.conditions?.terminating &&
    a.hostname === b.hostname &&
    a.nodeName === b.nodeName &&
    a.zone === b.zone &&
    a.targetRef?.uid === b.targetRef?.uid &&
    a.targetRef?.name === b.targetRef?.name
  );
}

function sameList(a: readonly Endpoint[], b: readonly Endpoint[]): boolean {
  return a.length === b.length && a.every((e, i) => sameEndpoint(e, b[i] as Endpoint));
}

function sameRecord(
  a: Readonly<Record<string, string>> | undefined,
  b: Readonly<Record<string, string>>,
): boolean {
  const x = a ?? {};
  const kx = Object.keys(x);
  return kx.length === Object.keys(b).length && kx.every((k) => x[k] === b[k]);
}

function epId(e: Endpoint): string {
  return e.targetRef?.uid || e.targetRef?.name || e.addresses[0] || '';
}

/** The managed slices of a Service (owned by it), by name. */
export function managedSlices(store: Store, svc: Service): EndpointSlice[] {
  const uid = svc.metadata?.uid;
  if (!uid) return [];
  return store
    .listByOwner('EndpointSlice', uid)
    .filter((s) => s.metadata?.labels?.[MANAGED_BY_LABEL] === MANAGED_BY)
    .sort((a, b) => compareText(a.metadata?.name ?? '', b.metadata?.name ?? ''));
}

/** Every slice of a Service as kube-proxy finds them: by the kubernetes.io/service-name label. */
export function slicesOf(store: Store, svc: Service): EndpointSlice[] {
  if (selectorOf(svc)) return managedSlices(store, svc);
  const name = svc.metadata?.name ?? '';
  return store
    .list('EndpointSlice', svc.metadata?.namespace ?? 'default')
    .filter((s) => s.metadata?.labels?.[SERVICE_NAME_LABEL] === name)
    .sort((a, b) => compareText(a.metadata?.name ?? '', b.metadata?.name ?? ''));
}

/** One endpoint kube-proxy can send a connection to. */
export interface RoutedEndpoint {
  readonly pod: string;
  readonly namespace: string;
  /** "namespace/pod" */
  readonly key: string;
  readonly uid: string;
  readonly ip: string;
  readonly node: string | null;
}

interface SliceRoutes {
  readonly ready: readonly RoutedEndpoint[];
  readonly fallback: readonly RoutedEndpoint[];
}

function compareRoutes(a: RoutedEndpoint, b: RoutedEndpoint): number {
  return compareText(a.pod, b.pod) || compareText(a.ip, b.ip);
}

/** A slice's ready and fallback endpoints (slices are immutable, so this cache is a pure function). */
const routeCache = new WeakMap<EndpointSlice, SliceRoutes>();

function sliceRoutes(s: EndpointSlice, namespace: string): SliceRoutes {
  const hit = routeCache.get(s);
  if (hit) return hit;
  const ready: RoutedEndpoint[] = [];
  const fallback: RoutedEndpoint[] = [];
  for (const e of s.endpoints ?? []) {
    const c = e.conditions ?? {};
    // A nil ready condition means ready (the API's "unknown state" is interpreted as ready).
    const isReady = c.ready !== false;
    const fallbackOk = c.serving !== false && c.terminating === true;
    if (!isReady && !fallbackOk) continue;
    const pod = e.targetRef?.name ?? e.addresses[0] ?? '';
    const ns = e.targetRef?.namespace ?? namespace;
    (isReady ? ready : fallback).push({
      pod,
      namespace: ns,
      key: `${ns}/${pod}`,
      uid: e.targetRef?.uid ?? '',
      ip: e.addresses[0] ?? '',
      node: e.nodeName ?? null,
    });
  }
  const r = { ready: ready.sort(compareRoutes), fallback: fallback.sort(compareRoutes) };
  routeCache.set(s, r);
  return r;
}

/**
 * What kube-proxy programs for a Service: its ready endpoints, or when none is ready the serving and
 * terminating ones (GA in 1.28), from the slices as they stand (stale while the controller is down).
 * Sorted by pod name; each pod once. Do not mutate the result (it may be shared).
 */
export function routedEndpoints(store: Store, svc: Service): readonly RoutedEndpoint[] {
  const namespace = svc.metadata?.namespace ?? 'default';
  const slices = slicesOf(store, svc);
  if (slices.length === 1) {
    const r = sliceRoutes(slices[0] as EndpointSlice, namespace);
    return r.ready.length > 0 ? r.ready : r.fallback;
  }
  const ready: RoutedEndpoint[] = [];
  const fallback: RoutedEndpoint[] = [];
  const seen = new Set<string>();
  for (const s of slices) {
    const r = sliceRoutes(s, namespace);
    for (const [from, to] of [
      [r.ready, ready],
      [r.fallback, fallback],
    ] as const) {
      for (const e of from) {
        const id = e.uid || e.key;
        if (seen.has(id)) continue;
        seen.add(id);
        to.push(e);
      }
    }
  }
  return (ready.length > 0 ? ready : fallback).sort(compareRoutes);
}

/** A managed slice deleted by someone else is recreated (our own writes find nothing to do). */
const sliceWatch: ObjectWatch = {
  kind: 'EndpointSlice',
  keys(obj, store) {
    const svc = obj.metadata?.labels?.[SERVICE_NAME_LABEL];
    if (!svc || obj.metadata?.labels?.[MANAGED_BY_LABEL] !== MANAGED_BY) return [];
    if (store.get('EndpointSlice', obj.metadata?.namespace, obj.metadata?.name ?? '')) return [];
    return [`${obj.metadata?.namespace ?? 'default'}/${svc}`];
  },
};

function writeSlice(
  ctx: ReconcileContext,
  svc: Service,
  current: EndpointSlice | undefined,
  ports: EndpointPort[],
  endpoints: Endpoint[],
): void {
  const labels = sliceLabels(svc);
  if (
    current &&
    sameList(current.endpoints ?? [], endpoints) &&
    portsKey(current.ports ?? []) === portsKey(ports) &&
    sameRecord(current.metadata?.labels, labels)
  ) {
    return;
  }
  const next: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: current
      ? { ...current.metadata, labels }
      : {
          generateName: `${svc.metadata?.name ?? ''}-`,
          namespace: svc.metadata?.namespace ?? 'default',
          labels,
          ownerReferences: [ownerReference(svc)],
        },
    addressType: 'IPv4',
    endpoints,
    ...(ports.length ? { ports } : {}),
  };
  if (current) ctx.api.update('EndpointSlice', next);
  else ctx.api.create('EndpointSlice', next);
}

export function reconcileSlices(key: string, ctx: ReconcileContext): void {
  const { namespace, name } = splitNameKey(key);
  const svc = ctx.store.get('Service', namespace, name);
  // A deleted Service's slices go with it: they carry its ownerReference (garbage collector).
  if (!svc) return;
  if (!selectorOf(svc)) {
    // Without a selector the slices are the user's to manage: ours go.
    for (const s of managedSlices(ctx.store, svc))
      ctx.api.delete('EndpointSlice', s.metadata?.namespace, s.metadata?.name ?? '');
    return;
  }
  const groups = desiredEndpoints(ctx.store, svc);
  const existing = managedSlices(ctx.store, svc);
  const placed = new Set<string>();
  const kept: { slice: EndpointSlice; group: Group; eps: Endpoint[] }[] = [];
  const toDelete: EndpointSlice[] = [];
  // 1. Every existing slice keeps the endpoints that are still wanted with its ports (updated in place).
  for (const s of existing) {
    const group = groups.get(portsKey(s.ports ?? []));
    if (!group) {
      toDelete.push(s);
      continue;
    }
    const eps: Endpoint[] = [];
    for (const e of s.endpoints ?? []) {
      const id = epId(e);
      const want = group.eps.get(id);
      if (want && !placed.has(id) && eps.length < MAX_ENDPOINTS_PER_SLICE) {
        eps.push(want);
        placed.add(id);
      }
    }
    kept.push({ slice: s, group, eps });
  }
  // 2. New endpoints fill slices of their ports that have room, then new slices.
  const fresh: { group: Group; eps: Endpoint[] }[] = [];
  for (const group of groups.values()) {
    const slots: { eps: Endpoint[] }[] = kept.filter((k) => k.group === group);
    for (const [id, e] of group.eps) {
      if (placed.has(id)) continue;
      placed.add(id);
      let slot = slots.find((k) => k.eps.length < MAX_ENDPOINTS_PER_SLICE);
      if (!slot) {
        const f = { group, eps: [] as Endpoint[] };
        fresh.push(f);
        slots.push(f);
        slot = f;
      }
      slot.eps.push(e);
    }
  }
  // 3. Empty slices go, except one placeholder when the Service has no endpoints at all.
  let placeholder: EndpointSlice | undefined;
  for (const k of kept) {
    if (k.eps.length > 0) writeSlice(ctx, svc, k.slice, k.group.ports, k.eps);
    else toDelete.push(k.slice);
  }
  for (const f of fresh) writeSlice(ctx, svc, undefined, f.group.ports, f.eps);
  if (groups.size === 0) {
    const pool = [...toDelete, ...existing.filter((s) => !toDelete.includes(s))];
    placeholder =
      pool.find((s) => (s.endpoints ?? []).length === 0 && (s.ports ?? []).length === 0) ?? pool[0];
    writeSlice(ctx, svc, placeholder, [], []);
  }
  for (const s of toDelete) {
    if (s === placeholder) continue;
    ctx.api.delete('EndpointSlice', s.metadata?.namespace, s.metadata?.name ?? '');
  }
}

export const endpointSliceController: Controller = {
  name: ENDPOINTSLICE_CONTROLLER,
  component: 'kube-controller-manager',
  watches: [watchSelf('Service'), servicePodWatch, sliceWatch],
  reconcile: reconcileSlices,
};
