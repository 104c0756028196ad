/**
 * What the graph draws, derived from the ClusterMirror and nothing else: pods with their STATUS word and
 * owner colour, nodes with condition and requested resources, workloads with their setpoint, Services with
 * endpoints and traffic, and which control-plane parts acted recently. Pure functions; no React.
 */
import type { Deployment, Endpoints, Event, KubeObject, Node, Pod, ReplicaSet } from '../../engine';
import {
  bytes,
  controllerOf,
  cpuMillis,
  isPodReady,
  podRequests,
  podStatusWord,
  seconds,
} from '../../engine';
import { changesBetween } from '../../state/changes';
import type { ClusterMirror } from '../../state/mirror';

// ---------------------------------------------------------------------------------------------------------
// Small readers

const timeCache = new Map<string, number>();

/** Simulated seconds of an RFC 3339 timestamp (cached: the same strings come back every frame). */
export function simTime(ts: string | undefined): number {
  if (ts === undefined) return Number.NaN;
  let v = timeCache.get(ts);
  if (v === undefined) {
    if (timeCache.size > 20_000) timeCache.clear();
    v = seconds(ts);
    timeCache.set(ts, v);
  }
  return v;
}

export function podKey(namespace: string, name: string): string {
  return `Pod/${namespace}/${name}`;
}

export function keyOfObject(o: KubeObject): string {
  const ns = o.metadata?.namespace;
  return ns ? `${o.kind}/${ns}/${o.metadata?.name ?? ''}` : `${o.kind}/${o.metadata?.name ?? ''}`;
}

/** Event store key -> the version last seen and when it happened (a big cluster holds thousands). */
const eventTimes = new Map<string, { readonly event: Event; readonly t: number }>();

/**
 * When an Event last happened, in simulated seconds. Cached by store key and version (objects are
 * immutable), so an unchanged Event costs one lookup and is never read again.
 */
export function eventTime(key: string, e: Event): number {
  const hit = eventTimes.get(key);
  if (hit?.event === e) return hit.t;
  if (eventTimes.size > 100_000) eventTimes.clear();
  const t = simTime(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp);
  eventTimes.set(key, { event: e, t });
  return t;
}

const collator = new Intl.Collator('en', { numeric: true });

/** Natural order: "node-2" before "node-10". (One shared collator: localeCompare with options is slow.) */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}

// ---------------------------------------------------------------------------------------------------------
// Colours: one per ReplicaSet revision, so old and new pods of a rollout differ at a glance.

/** Colour-blind-friendly hues (Okabe-Ito, with a darker yellow), readable on a white card. */
export const REVISION_COLOURS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#8C7A00',
  '#6A3D9A',
] as const;
export const NEUTRAL_COLOUR = '#7A8394';

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** A workload's colour for a revision: consecutive revisions of one Deployment always differ. */
export function revisionColour(workload: string, revision: number): string {
  const base = hashString(workload) % REVISION_COLOURS.length;
  return REVISION_COLOURS[(base + Math.max(0, revision - 1)) % REVISION_COLOURS.length] ?? NEUTRAL_COLOUR;
}

function revisionOf(o: KubeObject): number {
  const v = o.metadata?.annotations?.['deployment.kubernetes.io/revision'];
  const n = v === undefined ? Number.NaN : Number(v);
  return Number.isInteger(n) ? n : 0;
}

// ---------------------------------------------------------------------------------------------------------
// Pods

/** The look of a pod, chosen from its STATUS word and readiness. */
export type PodTone =
  | 'pending'
  | 'creating'
  | 'starting'
  | 'ready'
  | 'failing'
  | 'terminating'
  | 'evicted'
  | 'done'
  | 'unknown'
  | 'gone';

export function podTone(status: string, ready: boolean): PodTone {
  switch (status) {
    case 'Pending':
    case 'SchedulingGated':
      return 'pending';
    case 'ContainerCreating':
    case 'PodInitializing':
      return 'creating';
    case 'Running':
    case 'NotReady':
      return ready ? 'ready' : 'starting';
    case 'Terminating':
      return 'terminating';
    case 'Evicted':
      return 'evicted';
    case 'Completed':
      return 'done';
    case 'Unknown':
      return 'unknown';
    default:
      // Init:0/2 is progress; Init:Error, Init:CrashLoopBackOff and the like are failures.
      if (status.startsWith('Init:')) return /^Init:\d+\/\d+$/.test(status) ? 'creating' : 'failing';
      return 'failing';
  }
}

/** One pod as the graph draws it. `label` is its accessible name (contract 3, exact). */
export interface PodView {
  readonly key: string;
  readonly name: string;
  readonly namespace: string;
  readonly short: string;
  readonly status: string;
  readonly ready: boolean;
  readonly restarts: number;
  readonly tone: PodTone;
  readonly colour: string;
  /** "ReplicaSet/ns/name" or "StatefulSet/ns/name" of the controller, when there is one. */
  readonly ownerKey: string | null;
  /** Whole seconds until the kubelet restarts a crashed container (CrashLoopBackOff). */
  readonly restartIn: number | null;
  /** The departed pod this one replaces (same owner), while the link is fresh. */
  readonly replaces: string | null;
  /** A pod that has gone (kept a few seconds as a ghost in its old slot). */
  readonly ghost: boolean;
  readonly label: string;
}

/** "shop-6d9f7c8b5-x7k2p" -> "shop…x7k2p": the parts a learner matches with kubectl's output. */
export function shortPodName(name: string): string {
  const m = /^(.+)-[a-z0-9]{6,10}-([a-z0-9]{5})$/.exec(name);
  return m ? `${m[1]}…${m[2]}` : name;
}

export function podLabel(name: string, status: string, ready: boolean): string {
  return `Pod ${name} ${status} ${ready ? 'ready' : 'not ready'}`;
}

interface ContainerRtLike {
  readonly proc?: { readonly k?: string; readonly restartAt?: number; readonly waitFrom?: number };
}

/** Seconds until the next restart of a backing-off container, from the kubelet's runtime entry. */
export function restartCountdown(mirror: ClusterMirror, namespace: string, name: string): number | null {
  const rt = mirror.runtime.get(`pod/${namespace}/${name}`) as
    { readonly containers?: readonly ContainerRtLike[] } | undefined;
  let best: number | null = null;
  for (const c of rt?.containers ?? []) {
    const p = c.proc;
    if (p?.k === 'exited' && typeof p.restartAt === 'number' && p.restartAt > mirror.t) {
      const left = Math.ceil(p.restartAt - mirror.t);
      if (best === null || left < best) best = left;
    }
  }
  return best;
}

export function restartsOf(pod: Pod): number {
  let n = 0;
  for (const s of pod.status?.containerStatuses ?? []) n += s.restartCount;
  return n;
}

/** What the graph reads of one version of a pod, computed once (a big cluster redraws 1,000 of them). */
export interface PodFacts {
  readonly pod: Pod;
  /** Store key: "Pod/<namespace>/<name>". */
  readonly key: string;
  readonly name: string;
  readonly namespace: string;
  readonly node: string | null;
  /** "ReplicaSet/ns/name" or "StatefulSet/ns/name" of the controller, when there is one. */
  readonly ownerKey: string | null;
  readonly createdAt: number;
  /** When it started to go (deletion start) while Terminating, else null. */
  readonly departingAt: number | null;
  readonly status: string;
  readonly ready: boolean;
  readonly restarts: number;
  /** What it requests of its node, as the scheduler counts it (nothing once Succeeded or Failed). */
  readonly cpu: number;
  readonly memory: number;
}

export function podFacts(key: string, pod: Pod): PodFacts {
  const namespace = pod.metadata?.namespace ?? 'default';
  const ref = pod.metadata?.ownerReferences?.find((o) => o.controller);
  const phase = pod.status?.phase;
  const done = phase === 'Succeeded' || phase === 'Failed';
  const requests = done ? undefined : podRequests(pod);
  const deletion = pod.metadata?.deletionTimestamp;
  return {
    pod,
    key,
    name: pod.metadata?.name ?? '',
    namespace,
    node: pod.spec?.nodeName ?? null,
    ownerKey: ref ? `${ref.kind}/${namespace}/${ref.name}` : null,
    createdAt: simTime(pod.metadata?.creationTimestamp),
    departingAt: deletion ? simTime(deletion) - (pod.metadata?.deletionGracePeriodSeconds ?? 0) : null,
    status: podStatusWord(pod),
    ready: isPodReady(pod),
    restarts: restartsOf(pod),
    cpu: requests?.cpu ?? 0,
    memory: requests?.memory ?? 0,
  };
}

/** A pod that is gone from the mirror, remembered for a few seconds so its replacement can point at it. */
export interface Ghost {
  readonly name: string;
  readonly namespace: string;
  readonly node: string | null;
  readonly ownerKey: string | null;
  readonly colour: string;
  /** When it started to go: deletion start if it was Terminating, else the moment it vanished. */
  readonly departedAt: number;
  readonly goneAt: number;
  /** Creation time, to keep its slot among its node's pods. */
  readonly createdAt: number;
}

/** How long (simulated seconds) a gone pod stays drawn as a ghost. */
export const GHOST_SECONDS = 8;
/** A new pod of the same owner created this soon after a departure counts as its replacement. */
export const REPLACEMENT_WINDOW = 60;

function ownerKeyOf(pod: Pod): string | null {
  const ref = controllerOf(pod);
  if (!ref) return null;
  return `${ref.kind}/${pod.metadata?.namespace ?? 'default'}/${ref.name}`;
}

function deletionStart(pod: Pod): number {
  const ts = pod.metadata?.deletionTimestamp;
  if (!ts) return Number.NaN;
  return simTime(ts) - (pod.metadata?.deletionGracePeriodSeconds ?? 0);
}

/**
 * Remember pods that vanished between two mirrors, and forget ghosts older than GHOST_SECONDS (or all of
 * them when time went backwards, after a seek). Pure: returns the same array when nothing changed.
 */
export function trackGhosts(
  prev: ClusterMirror | null,
  next: ClusterMirror,
  ghosts: readonly Ghost[],
  colourOf: (pod: Pod) => string = () => NEUTRAL_COLOUR,
): readonly Ghost[] {
  if (prev && next.t < prev.t) return ghosts.length ? [] : ghosts;
  let out: Ghost[] | null = null;
  for (const g of ghosts) {
    if (next.t - g.goneAt > GHOST_SECONDS || next.objects.has(podKey(g.namespace, g.name))) {
      out ??= ghosts.slice(0, ghosts.indexOf(g));
    } else if (out) out.push(g);
  }
  if (prev && prev.objects !== next.objects) {
    // Only the keys that changed can have gone, when the mirrors' change log knows them.
    const changed = changesBetween(prev, next)?.objects;
    const keys = changed ? [...changed].filter((k) => k.startsWith('Pod/')) : prev.objects.keys();
    for (const key of keys) {
      const o = prev.objects.get(key);
      if (o?.kind !== 'Pod' || next.objects.has(key)) continue;
      const pod = o as Pod;
      const start = deletionStart(pod);
      out ??= [...ghosts];
      out.push({
        name: pod.metadata?.name ?? '',
        namespace: pod.metadata?.namespace ?? 'default',
        node: pod.spec?.nodeName ?? null,
        ownerKey: ownerKeyOf(pod),
        colour: colourOf(pod),
        departedAt: Number.isNaN(start) ? next.t : start,
        goneAt: next.t,
        createdAt: simTime(pod.metadata?.creationTimestamp),
      });
    }
  }
  return out ?? ghosts;
}

// ---------------------------------------------------------------------------------------------------------
// Nodes

export type NodeConditionWord = 'Ready' | 'NotReady' | 'Unknown';

export function nodeCondition(node: Node): NodeConditionWord {
  const c = node.status?.conditions?.find((x) => x.type === 'Ready');
  if (c?.status === 'True') return 'Ready';
  if (c?.status === 'False') return 'NotReady';
  return 'Unknown';
}

export function isMachineDown(mirror: ClusterMirror, node: string): boolean {
  const rt = mirror.runtime.get(`node/${node}`) as { down?: boolean } | undefined;
  return rt?.down === true;
}

export const ZONE_LABEL = 'topology.kubernetes.io/zone';

export interface Usage {
  /** Requested amount (millicores, bytes). */
  readonly requested: number;
  readonly allocatable: number;
}

export function nodeLabel(
  name: string,
  condition: NodeConditionWord,
  extra: { down: boolean; cordoned: boolean; pods: number },
): string {
  const parts = [`Node ${name} ${condition}`];
  if (extra.cordoned) parts.push('SchedulingDisabled');
  if (extra.down) parts.push('machine off');
  parts.push(`${extra.pods} ${extra.pods === 1 ? 'pod' : 'pods'}`);
  return parts.join(', ');
}

// ---------------------------------------------------------------------------------------------------------
// Control plane activity

export type PartId =
  | 'api-server'
  | 'etcd'
  | 'scheduler'
  | 'deployment'
  | 'replicaset'
  | 'statefulset'
  | 'endpoints'
  | 'node-lifecycle'
  | 'taint-eviction'
  | 'garbage-collector'
  | 'hpa';

/** Which part of the control plane an event source or controller name belongs to. */
export const COMPONENT_PART: Readonly<Record<string, PartId>> = {
  'default-scheduler': 'scheduler',
  'kube-scheduler': 'scheduler',
  'deployment-controller': 'deployment',
  'replicaset-controller': 'replicaset',
  'statefulset-controller': 'statefulset',
  'endpoints-controller': 'endpoints',
  'endpointslice-controller': 'endpoints',
  'node-controller': 'node-lifecycle',
  'node-lifecycle-controller': 'node-lifecycle',
  'taint-eviction-controller': 'taint-eviction',
  'garbage-collector-controller': 'garbage-collector',
  'horizontal-pod-autoscaler': 'hpa',
  'horizontal-pod-autoscaler-controller': 'hpa',
  'kube-apiserver': 'api-server',
};

/** The controllers drawn inside the controller manager, in this order. */
export const CONTROLLERS: readonly PartId[] = [
  'deployment',
  'replicaset',
  'statefulset',
  'hpa',
  'endpoints',
  'node-lifecycle',
  'taint-eviction',
  'garbage-collector',
];

/** How long (simulated seconds) a part stays lit after it acted. */
export const ACTIVE_SECONDS = 2;

export interface Activity {
  /** Last time each part acted. */
  readonly parts: ReadonlyMap<PartId, number>;
  /** Last time each node's kubelet acted. */
  readonly kubelets: ReadonlyMap<string, number>;
}

function bump<K>(m: Map<K, number>, k: K, t: number): void {
  if (!Number.isFinite(t)) return;
  const cur = m.get(k);
  if (cur === undefined || t > cur) m.set(k, t);
}

/**
 * When each control-plane part last acted: from the shell's `activity` (actor of recent diffs) when given,
 * from Events' source components, and from the scheduler's verdicts. Every act goes through the API server
 * and lands in etcd, so those two light with any of them.
 */
export function deriveActivity(
  mirror: ClusterMirror,
  events: readonly Event[],
  activity: ReadonlyMap<string, number> | undefined,
  schedulerAttempts: readonly number[],
): Activity {
  const parts = new Map<PartId, number>();
  const kubelets = new Map<string, number>();
  const since = mirror.t - ACTIVE_SECONDS;
  const note = (component: string, t: number, host?: string) => {
    if (!(t >= since)) return;
    if (component === 'kubelet' || component === 'kubelet-node-status') {
      if (host) bump(kubelets, host, t);
      bump(parts, 'api-server', t);
      return;
    }
    const part = COMPONENT_PART[component];
    if (part) {
      bump(parts, part, t);
      bump(parts, 'api-server', t);
    }
  };
  for (const e of events) {
    const t = simTime(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp);
    note(e.source?.component ?? e.reportingComponent ?? '', t, e.source?.host);
  }
  if (activity) for (const [name, t] of activity) note(name, t);
  for (const t of schedulerAttempts) note('default-scheduler', t);
  const api = parts.get('api-server');
  if (api !== undefined) bump(parts, 'etcd', api);
  return { parts, kubelets };
}

// ---------------------------------------------------------------------------------------------------------
// Workloads and Services

export type Gap = 'converged' | 'closing' | 'stalled';

export interface ReplicaSetView {
  readonly key: string;
  readonly name: string;
  readonly hash: string;
  readonly revision: number;
  readonly colour: string;
  readonly desired: number;
  readonly current: number;
  readonly ready: number;
  readonly available: number;
  readonly isNew: boolean;
}

export function replicaSetView(rs: ReplicaSet, workload: string, isNew: boolean): ReplicaSetView {
  const revision = revisionOf(rs);
  return {
    key: keyOfObject(rs),
    name: rs.metadata?.name ?? '',
    hash: rs.metadata?.labels?.['pod-template-hash'] ?? '',
    revision,
    colour: revisionColour(workload, revision),
    desired: rs.spec?.replicas ?? 1,
    current: rs.status?.replicas ?? 0,
    ready: rs.status?.readyReplicas ?? 0,
    available: rs.status?.availableReplicas ?? 0,
    isNew,
  };
}

export function deploymentGap(d: Deployment): Gap {
  const progressing = d.status?.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded') return 'stalled';
  const desired = d.spec?.replicas ?? 1;
  const st = d.status;
  if (
    (st?.readyReplicas ?? 0) === desired &&
    (st?.updatedReplicas ?? 0) === desired &&
    (st?.replicas ?? 0) === desired &&
    (st?.availableReplicas ?? 0) === desired
  ) {
    return 'converged';
  }
  return 'closing';
}

export interface EndpointView {
  readonly pod: string;
  readonly node: string | null;
  readonly ready: boolean;
}

export function endpointsOf(ep: Endpoints | undefined): EndpointView[] {
  const out: EndpointView[] = [];
  for (const s of ep?.subsets ?? []) {
    for (const a of s.addresses ?? [])
      out.push({ pod: a.targetRef?.name ?? a.ip, node: a.nodeName ?? null, ready: true });
    for (const a of s.notReadyAddresses ?? [])
      out.push({ pod: a.targetRef?.name ?? a.ip, node: a.nodeName ?? null, ready: false });
  }
  out.sort((a, b) => compareNames(a.pod, b.pod));
  return out;
}

export interface TrafficView {
  readonly requestsPerSecond: number;
  readonly errorsPerSecond: number;
  /** Whole percent of requests answered without error. */
  readonly successPercent: number;
  /** Pods that failed a sampled request in the last second (from `requests/<ns>/<svc>`). */
  readonly failingPods: readonly string[];
}

/**
 * The offered load and its outcome from runtime `traffic/<ns>/<svc>`, and recent failures from the sampled
 * requests in `requests/<ns>/<svc>` (an array of `{ t, pod?, ok? | status? }`, or `{ samples: [...] }`).
 */
export function trafficOf(mirror: ClusterMirror, namespace: string, name: string): TrafficView | null {
  const tr = mirror.runtime.get(`traffic/${namespace}/${name}`) as
    { requestsPerSecond?: number; errorsPerSecond?: number } | undefined;
  const raw = mirror.runtime.get(`requests/${namespace}/${name}`) as unknown;
  const samples: unknown[] = Array.isArray(raw)
    ? raw
    : raw && typeof raw === 'object' && Array.isArray((raw as { samples?: unknown }).samples)
      ? ((raw as { samples: unknown[] }).samples ?? [])
      : [];
  if (!tr && samples.length === 0) return null;
  const failing = new Set<string>();
  for (const s of samples) {
    if (!s || typeof s !== 'object') continue;
    const r = s as { t?: number; pod?: string; ok?: boolean; status?: number };
    const failed = r.ok === false || (typeof r.status === 'number' && r.status >= 500);
    if (failed && typeof r.pod === 'string' && (r.t === undefined || mirror.t - r.t <= 1)) failing.add(r.pod);
  }
  const rps = tr?.requestsPerSecond ?? 0;
  const eps = Math.min(rps, tr?.errorsPerSecond ?? 0);
  return {
    requestsPerSecond: rps,
    errorsPerSecond: eps,
    successPercent: rps > 0 ? Math.floor(((rps - eps) / rps) * 100) : 100,
    failingPods: [...failing].sort(),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Resources

const requestCache = new WeakMap<Pod, { readonly cpu: number; readonly memory: number }>();

function requestsOf(pod: Pod): { readonly cpu: number; readonly memory: number } {
  let r = requestCache.get(pod);
  if (!r) {
    const all = podRequests(pod);
    r = { cpu: all.cpu ?? 0, memory: all.memory ?? 0 };
    requestCache.set(pod, r);
  }
  return r;
}

/** What the pods bound to a node request (as the scheduler counts it) against the node's allocatable. */
export function nodeUsage(node: Node, pods: readonly Pod[]): { cpu: Usage; memory: Usage } {
  let cpu = 0;
  let memory = 0;
  for (const p of pods) {
    const phase = p.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const r = requestsOf(p);
    cpu += r.cpu;
    memory += r.memory;
  }
  const alloc = node.status?.allocatable ?? node.status?.capacity ?? {};
  return {
    cpu: { requested: cpu, allocatable: cpuMillis(alloc.cpu) },
    memory: { requested: memory, allocatable: bytes(alloc.memory) },
  };
}

/** A node's requested resources (summed from its pods' facts) against its allocatable. */
export function usageOf(node: Node, cpu: number, memory: number): { cpu: Usage; memory: Usage } {
  const alloc = node.status?.allocatable ?? node.status?.capacity ?? {};
  return {
    cpu: { requested: cpu, allocatable: cpuMillis(alloc.cpu) },
    memory: { requested: memory, allocatable: bytes(alloc.memory) },
  };
}

export { isPodReady, podStatusWord };

/** A pod's owner colour, looked up in a mirror (for ghosts, whose owner may change revision later). */
export function podColour(mirror: ClusterMirror, pod: Pod): string {
  const ref = controllerOf(pod);
  const ns = pod.metadata?.namespace ?? 'default';
  if (ref?.kind === 'ReplicaSet') {
    const rs = mirror.objects.get(`ReplicaSet/${ns}/${ref.name}`) as ReplicaSet | undefined;
    if (!rs) return NEUTRAL_COLOUR;
    const owner = rs.metadata?.ownerReferences?.find((o) => o.controller);
    return revisionColour(owner ? owner.name : ref.name, revisionOf(rs));
  }
  if (ref?.kind === 'StatefulSet') return revisionColour(ref.name, 1);
  return NEUTRAL_COLOUR;
}
