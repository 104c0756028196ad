/**
 * The data plane's request traffic: kube-proxy spreading each Service's requests round-robin over the
 * endpoints it last saw (ready ones, or serving+terminating ones when none is ready), and ingress-nginx
 * routing outside requests by host and path. Every simulated second each request stream gets an outcome
 * per endpoint from what really sits behind it (no process, an app still starting, a hung app, the image's
 * error rate), computed arithmetically so cost follows endpoints, not requests.
 * Left out: session affinity, traffic policies (Local), topology-aware routing, retries, connection reuse,
 * the propagation delay between an EndpointSlice change and the node's rules.
 */
import { cpuMillis } from '../api/quantity';
import type { Service } from '../api/types';
import type { Store } from '../api/store';
import type { SimConfig } from '../sim/config';
import { imageBehaviour } from '../sim/config';
import type { LatencyPart, Outcome } from './requests';
import {
  apportion,
  CLIENT_TIMEOUT_MS,
  FAST_FAIL_MS,
  isSpreadHit,
  latencyQuantile,
  meanLatencyMs,
  MIN_LATENCY_MS,
  OUTCOME_CODE,
  roundRobin,
  sampleIndices,
  takeCount,
} from './requests';
import type { Controller, ReconcileContext } from '../sim/controller';
import type { RoutedEndpoint } from '../controllers/endpointslice';
import { routedEndpoints } from '../controllers/endpointslice';
import { parseIngressAddress, routeIngress } from '../controllers/ingress';
import type { NodeRt, PodRt } from '../controllers/kubelet/runtime';
import { nodeDownKey, nodeKubeletKey } from '../controllers/kubelet/runtime';
import { appStart, notReadyAt } from '../controllers/kubelet/app';

export const KUBE_PROXY = 'kube-proxy';
/** Runtime prefixes (see docs/architecture.md, runtime table). */
export const SERVICE_TRAFFIC_PREFIX = 'traffic/';
export const INGRESS_TRAFFIC_PREFIX = 'ingress-traffic/';
export const REQUESTS_PREFIX = 'requests/';
export const INGRESS_REQUESTS_PREFIX = 'ingress-requests/';
export const POD_TRAFFIC_PREFIX = 'podtraffic/';
export const KUBE_PROXY_STATE_KEY = 'kube-proxy/state';
const TICK = 'tick';
/** Individual requests kept per stream and second (for the app to animate), and in the ring overall. */
export const SAMPLES_PER_SECOND = 20;
export const SAMPLE_RING = 100;
/** CPU an app may use when its container has no CPU limit: one core. */
const UNLIMITED_CPU_MILLIS = 1000;
const EPS = 1e-9;

/** Runtime `traffic/<namespace>/<service>`: the offered load (set by the scenario) and last second's figures. */
export interface ServiceTraffic {
  readonly service: string;
  readonly namespace: string;
  /** Offered load, requests per second (the scenario's figure; TrafficChange sets it). */
  readonly requestsPerSecond: number;
  /** Failed requests in the last simulated second. */
  readonly errorsPerSecond: number;
  /** Requests sent in the last simulated second (the offered rate, in whole requests). */
  readonly requests?: number;
  readonly latencyMs?: { readonly p50: number; readonly p95: number };
  /** Failed requests of the last second by reason. */
  readonly errors?: Readonly<Partial<Record<Outcome, number>>>;
  /** Endpoints the requests were spread over. */
  readonly endpoints?: number;
  /** Error diffusion and round-robin position, carried from second to second. */
  readonly carry?: number;
  readonly errorCarry?: number;
  readonly rr?: number;
}

/** Runtime `ingress-traffic/<host><path>`: outside requests to an Ingress address. */
export interface IngressTraffic extends Omit<ServiceTraffic, 'service' | 'namespace'> {
  /** "shop.example.com/cart" */
  readonly ingress: string;
  readonly host: string;
  readonly path: string;
  /** "namespace/service" the last second's requests were routed to, when a rule matched. */
  readonly backend?: string;
}

/** One request as the app animates it (runtime `requests/<namespace>/<service>`, a ring). */
export interface RequestSample {
  readonly t: number;
  readonly pod: string | null;
  readonly node: string | null;
  readonly ok: boolean;
  readonly code: number;
  readonly reason: Outcome;
}

export interface RequestRing {
  readonly samples: readonly RequestSample[];
}

/** Runtime `podtraffic/<namespace>/<pod>`: requests routed to the pod per second (all streams). */
export interface PodTraffic {
  readonly requestsPerSecond: number;
}

interface ProxyState {
  /** The simulated second of the next tick (undefined: not ticking). */
  readonly next?: number | undefined;
  /** Runtime keys of the request streams, sorted. */
  readonly streams: readonly string[];
  /** podtraffic keys written at the last tick, sorted. */
  readonly pods: readonly string[];
}

export function serviceTrafficKey(namespace: string, service: string): string {
  return `${SERVICE_TRAFFIC_PREFIX}${namespace}/${service}`;
}

export function ingressTrafficKey(address: string): string {
  const { host, path } = parseIngressAddress(address);
  return `${INGRESS_TRAFFIC_PREFIX}${host}${path}`;
}

/** Offer `requestsPerSecond` to an Ingress address ("shop.example.com/cart"), keeping the stream's figures. */
export function setIngressTraffic(store: Store, address: string, requestsPerSecond: number): void {
  const key = ingressTrafficKey(address);
  const { host, path } = parseIngressAddress(address);
  const old = store.getRuntime<IngressTraffic>(key);
  const next: IngressTraffic = old
    ? { ...old, requestsPerSecond }
    : { ingress: `${host}${path}`, host, path, requestsPerSecond, errorsPerSecond: 0 };
  store.setRuntime(key, next);
}

/** Offer `requestsPerSecond` to a Service, keeping the stream's figures (TrafficChange). */
export function setServiceTraffic(
  store: Store,
  namespace: string,
  service: string,
  requestsPerSecond: number,
): void {
  const key = serviceTrafficKey(namespace, service);
  const old = store.getRuntime<ServiceTraffic>(key);
  const next: ServiceTraffic = old
    ? { ...old, requestsPerSecond }
    : { service, namespace, requestsPerSecond, errorsPerSecond: 0 };
  store.setRuntime(key, next);
}

// ---------------------------------------------------------------------------------------------------------
// What sits behind an endpoint

/** What a connection to an endpoint meets right now. */
export interface EndpointHealth {
  readonly outcome: 'ok' | 'not-serving' | 'connection-refused' | 'timeout';
  readonly errorRate: number;
  readonly cpuMillisPerRequest: number;
  readonly baseCpuMillis: number;
  readonly cpuLimitMillis: number;
}

const IDLE: EndpointHealth = {
  outcome: 'ok',
  errorRate: 0,
  cpuMillisPerRequest: 0,
  baseCpuMillis: 0,
  cpuLimitMillis: UNLIMITED_CPU_MILLIS,
};

const REFUSED: EndpointHealth = {
  outcome: 'connection-refused',
  errorRate: 0,
  cpuMillisPerRequest: 0,
  baseCpuMillis: 0,
  cpuLimitMillis: UNLIMITED_CPU_MILLIS,
};

/**
 * The state of the process behind an endpoint, from the kubelet's container-runtime facts: gone (pod deleted,
 * machine down or restarted, container not running), running but not yet serving (inside startupSeconds),
 * hung, or serving. The first container is the one that serves.
 */
export function endpointHealth(
  store: Store,
  ctx: Pick<ReconcileContext, 'config' | 'now'>,
  ep: RoutedEndpoint,
  nodes: Map<string, NodeRt | 'down' | undefined> = new Map(),
): EndpointHealth {
  const pod = store.get('Pod', ep.namespace, ep.pod);
  if (!pod || (ep.uid && pod.metadata?.uid !== ep.uid) || (ep.ip && pod.status?.podIP !== ep.ip))
    return REFUSED;
  const node = pod.spec?.nodeName;
  if (!node) return REFUSED;
  // The machine: powered off (runtime node/<name>), or its kubelet has not seen it come back yet.
  let k = nodes.get(node);
  if (k === undefined && !nodes.has(node)) {
    const off = store.getRuntime<{ down?: boolean }>(nodeDownKey(node))?.down === true;
    k = off ? 'down' : store.getRuntime<NodeRt>(nodeKubeletKey(node));
    nodes.set(node, k);
  }
  if (k === 'down' || k?.down === true) return REFUSED;
  const rt = store.getRuntime<PodRt>(runtimeKeyOf(ep.key));
  if (!rt || rt.uid !== pod.metadata?.uid || (k && rt.boot !== k.boot)) return REFUSED;
  const c = rt.containers[0];
  const spec = pod.spec?.containers[0];
  if (!c || !spec || c.proc.k !== 'run') return REFUSED;
  const b = behaviourOf(ctx.config, spec.image ?? '');
  const start = c.proc.start;
  const hungAt = Math.min(
    c.hungAt ?? Infinity,
    b.hangAfterSeconds !== undefined ? start + b.hangAfterSeconds : Infinity,
  );
  // Alive but not ready (notReadyAfterSeconds): the app answers requests as it answers its readiness
  // probe, with 503s, whether or not a probe is there to keep the pod out of the endpoints.
  const outcome =
    ctx.now >= hungAt - EPS
      ? 'timeout'
      : ctx.now < start + b.startupSeconds - EPS || notReadyAt(b, ctx.now - appStart(c, start))
        ? 'not-serving'
        : 'ok';
  return {
    outcome,
    errorRate: Math.min(Math.max(b.errorRate ?? 0, 0), 1),
    cpuMillisPerRequest: b.cpuMillisPerRequest ?? 0,
    baseCpuMillis: b.baseCpuMillis ?? 0,
    cpuLimitMillis: cpuMillis(spec.resources?.limits?.cpu) || UNLIMITED_CPU_MILLIS,
  };
}

/** Interned runtime keys ("pod/<ns>/<name>", "podtraffic/<ns>/<name>"), looked up by the pod key itself. */
const keyCache = new Map<string, Map<string, string>>();

function interned(prefix: string, key: string): string {
  let m = keyCache.get(prefix);
  if (!m) keyCache.set(prefix, (m = new Map()));
  let v = m.get(key);
  if (v === undefined) {
    if (m.size > 100_000) m.clear();
    m.set(key, (v = prefix + key));
  }
  return v;
}

function runtimeKeyOf(podKey: string): string {
  return interned('pod/', podKey);
}

/** imageBehaviour, remembered per configuration (immutable for a run) and image. */
const behaviourCache = new WeakMap<SimConfig, Map<string, ReturnType<typeof imageBehaviour>>>();

function behaviourOf(config: SimConfig, image: string): ReturnType<typeof imageBehaviour> {
  let m = behaviourCache.get(config);
  if (!m) behaviourCache.set(config, (m = new Map()));
  let b = m.get(image);
  if (!b) m.set(image, (b = imageBehaviour(config, image)));
  return b;
}

// ---------------------------------------------------------------------------------------------------------
// One tick

interface Stream {
  readonly key: string;
  readonly entry: ServiceTraffic | IngressTraffic;
  readonly ingress: boolean;
  /** A failure for every request (no Service, no endpoints, no route), or the endpoints to spread over. */
  readonly fail?: Outcome | undefined;
  readonly service: string;
  readonly backend?: string | undefined;
  readonly eps: readonly RoutedEndpoint[];
  readonly n: number;
  readonly carry: number;
  readonly rrStart: number;
  readonly rrNext: number;
  readonly counts: readonly number[];
}

function resolve(
  store: Store,
  key: string,
  entry: ServiceTraffic | IngressTraffic,
): Omit<Stream, 'n' | 'carry' | 'rrStart' | 'rrNext' | 'counts'> {
  let svc: Service | undefined;
  let service: string;
  let backend: string | undefined;
  const ingress = key.startsWith(INGRESS_TRAFFIC_PREFIX);
  if ('ingress' in entry) {
    const route = routeIngress(store, entry.host, entry.path);
    if (!route) return { key, entry, ingress, fail: 'no-route', service: '', eps: [] };
    service = route.service;
    backend = `${route.namespace}/${route.service}`;
    svc = store.get('Service', route.namespace, route.service);
  } else {
    service = entry.service;
    svc = store.get('Service', entry.namespace, entry.service);
  }
  if (!svc) return { key, entry, ingress, fail: 'no-service', service, backend, eps: [] };
  const eps = routedEndpoints(store, svc);
  if (eps.length === 0) return { key, entry, ingress, fail: 'no-endpoints', service, backend, eps };
  return { key, entry, ingress, service, backend, eps };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function samePlain(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The figures of one stream for the second that just ended, plus its sampled requests. */
function evaluate(
  s: Stream,
  health: (ep: RoutedEndpoint) => EndpointHealth,
  podRate: ReadonlyMap<string, number>,
  now: number,
): { entry: ServiceTraffic | IngressTraffic; samples: RequestSample[] } {
  const errors: Partial<Record<Outcome, number>> = {};
  const add = (o: Outcome, k: number) => {
    if (k > 0) errors[o] = (errors[o] ?? 0) + k;
  };
  const parts: LatencyPart[] = [];
  const samples: RequestSample[] = [];
  const sampleT = (j: number) => round(now - 1 + (j + 0.5) / s.n, 3);
  let errorCarry = s.entry.errorCarry ?? 0;
  if (s.fail) {
    add(s.fail, s.n);
    if (s.n > 0) parts.push({ weight: s.n, at: FAST_FAIL_MS });
    for (const j of sampleIndices(s.n, SAMPLES_PER_SECOND))
      samples.push({
        t: sampleT(j),
        pod: null,
        node: null,
        ok: false,
        code: OUTCOME_CODE[s.fail],
        reason: s.fail,
      });
  } else {
    // Endpoints that get no request this second (fewer requests than endpoints) need no health check.
    const hs = s.eps.map((ep, i) => ((s.counts[i] ?? 0) > 0 ? health(ep) : IDLE));
    // App errors: the expected number over all serving endpoints, carried across seconds, then shared out.
    let expected = 0;
    let served = 0;
    const weights = hs.map((h, i) => {
      if (h.outcome !== 'ok') return 0;
      const c = s.counts[i] ?? 0;
      served += c;
      expected += c * h.errorRate;
      return c * h.errorRate;
    });
    const taken = takeCount(expected, errorCarry);
    errorCarry = taken.carry;
    const appErrors = taken.n > 0 ? apportion(Math.min(taken.n, served), weights) : undefined;
    // Latency: one part per distinct distribution (endpoints of one image under the same load share one).
    const byShape = new Map<
      string,
      { weight: number; min: number; mean: number } | { weight: number; at: number }
    >();
    hs.forEach((h, i) => {
      const c = s.counts[i] ?? 0;
      if (c === 0) return;
      let shapeKey: string;
      let shape: LatencyPart;
      if (h.outcome === 'ok') {
        add('app-error', Math.min(appErrors?.[i] ?? 0, c));
        const ep = s.eps[i] as RoutedEndpoint;
        const demand = h.baseCpuMillis + h.cpuMillisPerRequest * (podRate.get(ep.key) ?? 0);
        const mean = meanLatencyMs(demand / h.cpuLimitMillis);
        shapeKey = `e${mean}`;
        shape = { weight: c, min: MIN_LATENCY_MS, mean };
      } else {
        add(h.outcome, c);
        const at = h.outcome === 'timeout' ? CLIENT_TIMEOUT_MS : FAST_FAIL_MS;
        shapeKey = `a${at}`;
        shape = { weight: c, at };
      }
      const prev = byShape.get(shapeKey);
      if (prev) prev.weight += c;
      else byShape.set(shapeKey, shape);
    });
    parts.push(...byShape.values());
    // Samples: shared among endpoints in proportion to their requests, evenly spaced within each, so that
    // the animation shows every endpoint (evenly spaced over the whole second would alias the rotation).
    const e = s.eps.length;
    const k = Math.min(s.n, SAMPLES_PER_SECOND);
    const picked: { j: number; i: number; m: number }[] = [];
    if (e >= k) {
      // One sample each from k endpoints spread along this second's rotation, at spread-out positions.
      const reached = Math.min(s.n, e);
      for (let q = 0; q < k; q++) {
        const offset = Math.floor(((q + 0.5) * reached) / k);
        const i = (s.rrStart + offset) % e;
        const m = Math.floor(((s.counts[i] ?? 1) * (q + 0.5)) / k);
        picked.push({ j: offset + m * e, i, m });
      }
    } else {
      apportion(k, s.counts).forEach((ki, i) => {
        const offset = (i - (s.rrStart % e) + e) % e;
        for (const m of sampleIndices(s.counts[i] ?? 0, ki)) picked.push({ j: offset + m * e, i, m });
      });
    }
    picked.sort((a, b) => a.j - b.j);
    for (const { j, i, m } of picked) {
      const ep = s.eps[i] as RoutedEndpoint;
      const h = hs[i] as EndpointHealth;
      let reason: Outcome = h.outcome;
      if (reason === 'ok' && isSpreadHit(m, appErrors?.[i] ?? 0, s.counts[i] ?? 0)) reason = 'app-error';
      samples.push({
        t: sampleT(j),
        pod: ep.pod,
        node: ep.node,
        ok: reason === 'ok',
        code: OUTCOME_CODE[reason],
        reason,
      });
    }
  }
  let failed = 0;
  for (const o in errors) failed += errors[o as Outcome] ?? 0;
  const figures = {
    errorsPerSecond: failed,
    requests: s.n,
    latencyMs: { p50: latencyQuantile(parts, 0.5), p95: latencyQuantile(parts, 0.95) },
    errors,
    endpoints: s.eps.length,
    carry: round(s.carry, 9),
    errorCarry: round(errorCarry, 9),
    rr: s.rrNext,
  };
  const entry =
    'ingress' in s.entry
      ? (() => {
          const { backend: _b, ...rest } = s.entry;
          return { ...rest, ...figures, ...(s.backend ? { backend: s.backend } : {}) };
        })()
      : { ...s.entry, ...figures };
  return { entry, samples };
}

/** The per-pod rates last written, per store: a pure function of what was written there. */
const lastRates = new WeakMap<Store, { epoch: number; sig: readonly unknown[]; pods: readonly string[] }>();

/** One second of every request stream. Writes figures, sampled requests and per-pod rates. */
export function trafficTick(
  ctx: ReconcileContext,
  streamKeys: readonly string[],
  previousPods: readonly string[],
): readonly string[] {
  const { store } = ctx;
  const streams: Stream[] = [];
  const podRate = new Map<string, number>();
  // Pass 1: where every stream's requests go this second.
  for (const key of streamKeys) {
    const entry = store.getRuntime<ServiceTraffic | IngressTraffic>(key);
    if (!entry) continue;
    const r = resolve(store, key, entry);
    const { n, carry } = takeCount(entry.requestsPerSecond, entry.carry ?? 0);
    const rrStart = entry.rr ?? 0;
    const rr = r.fail ? { counts: [], next: rrStart } : roundRobin(n, r.eps.length, rrStart);
    if (!r.fail) {
      const share = Math.max(0, entry.requestsPerSecond) / r.eps.length;
      for (const ep of r.eps) podRate.set(ep.key, (podRate.get(ep.key) ?? 0) + share);
    }
    streams.push({ ...r, n, carry, rrStart, rrNext: rr.next, counts: rr.counts });
  }
  // Pass 2: what each request met. Endpoint health is computed once per endpoint and tick.
  const healthCache = new Map<RoutedEndpoint, EndpointHealth>();
  const nodes = new Map<string, NodeRt | 'down' | undefined>();
  const health = (ep: RoutedEndpoint): EndpointHealth => {
    let h = healthCache.get(ep);
    if (!h) healthCache.set(ep, (h = endpointHealth(store, ctx, ep, nodes)));
    return h;
  };
  for (const s of streams) {
    const { entry, samples } = evaluate(s, health, podRate, ctx.now);
    if (!samePlain(entry, s.entry)) store.setRuntime(s.key, entry);
    if (samples.length > 0) {
      const ringKey = s.ingress
        ? `${INGRESS_REQUESTS_PREFIX}${s.key.slice(INGRESS_TRAFFIC_PREFIX.length)}`
        : `${REQUESTS_PREFIX}${s.key.slice(SERVICE_TRAFFIC_PREFIX.length)}`;
      const old = store.getRuntime<RequestRing>(ringKey)?.samples ?? [];
      const all =
        old.length + samples.length > SAMPLE_RING
          ? [...old, ...samples].slice(-SAMPLE_RING)
          : [...old, ...samples];
      store.setRuntime<RequestRing>(ringKey, { samples: all });
    }
  }
  // Per-pod request rates (the metrics pipeline turns them into CPU). They only change when a stream's
  // endpoints or rate do: the same streams as last tick (same store epoch) leave them as written.
  const sig = streams.flatMap((x) => [x.eps, x.entry.requestsPerSecond]);
  const last = lastRates.get(store);
  if (
    last &&
    last.epoch === store.epoch &&
    last.sig.length === sig.length &&
    last.sig.every((v, i) => v === sig[i]) &&
    last.pods === previousPods
  ) {
    return previousPods;
  }
  const pods = [...podRate.keys()].sort();
  lastRates.set(store, { epoch: store.epoch, sig, pods });
  for (const p of pods) {
    const key = interned(POD_TRAFFIC_PREFIX, p);
    const rate = round(podRate.get(p) ?? 0, 6);
    if (store.getRuntime<PodTraffic>(key)?.requestsPerSecond !== rate)
      store.setRuntime<PodTraffic>(key, { requestsPerSecond: rate });
  }
  const now = new Set(pods);
  for (const p of previousPods) if (!now.has(p)) store.setRuntime(`${POD_TRAFFIC_PREFIX}${p}`, undefined);
  return pods;
}

function isStreamKey(key: string): boolean {
  return key.startsWith(SERVICE_TRAFFIC_PREFIX) || key.startsWith(INGRESS_TRAFFIC_PREFIX);
}

/**
 * kube-proxy (and the ingress controller's request path): a runtime watch registers request streams; one
 * timer ticks every simulated second while any exists. Part of the data plane (component kubelet), so it
 * keeps routing through a control-plane outage with the EndpointSlices it last saw.
 */
export const kubeProxy: Controller = {
  name: KUBE_PROXY,
  component: 'kubelet',
  watches: [
    { runtimePrefix: SERVICE_TRAFFIC_PREFIX, keys: (key: string) => [key] },
    { runtimePrefix: INGRESS_TRAFFIC_PREFIX, keys: (key: string) => [key] },
  ],
  reconcile(key, ctx) {
    const { store } = ctx;
    const st = store.getRuntime<ProxyState>(KUBE_PROXY_STATE_KEY) ?? { streams: [], pods: [] };
    if (key === TICK) {
      // Only the timer armed for this second counts (a stale one from before a restart does nothing).
      if (st.next === undefined || Math.abs(ctx.now - st.next) > EPS) return;
      const streams = st.streams.filter((k) => store.getRuntime(k) !== undefined);
      const pods = trafficTick(ctx, streams, st.pods);
      if (streams.length === 0) {
        store.setRuntime<ProxyState>(KUBE_PROXY_STATE_KEY, pods.length ? { streams, pods } : undefined);
        return;
      }
      store.setRuntime<ProxyState>(KUBE_PROXY_STATE_KEY, { next: st.next + 1, streams, pods });
      ctx.requeueAfter(1, TICK);
      return;
    }
    if (!isStreamKey(key)) return;
    const exists = store.getRuntime(key) !== undefined;
    const known = st.streams.includes(key);
    if (exists === known) return;
    const streams = exists ? [...st.streams, key].sort() : st.streams.filter((k) => k !== key);
    let next = st.next;
    if (exists && next === undefined) {
      // Ticks fall on whole seconds; each reports the second that just ended.
      next = Math.floor(ctx.now + EPS) + 1;
      ctx.requeueAfter(next - ctx.now, TICK);
    }
    store.setRuntime<ProxyState>(KUBE_PROXY_STATE_KEY, { next, streams, pods: st.pods });
  },
};
