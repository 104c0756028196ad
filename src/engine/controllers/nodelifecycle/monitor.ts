/**
 * kube-controller-manager's node lifecycle controller (pkg/controller/nodelifecycle): the 5 s node health
 * monitor (Unknown conditions after the grace period, pods marked NotReady, zone disruption modes), the
 * rate-limited NoExecute tainting queue and the condition-based NoSchedule taints (TaintNodesByCondition).
 * Leaves out: node label reconciliation, the retry-after-error bookkeeping (nodesToRetry), the separate pod
 * worker (processPod, a no-op for freshly bound pods) and clock skew. The last heartbeat is the newer of the
 * Lease's renewTime and the Ready condition's lastHeartbeatTime, where the real controller uses the moment it
 * first saw either change (up to one monitor period later).
 */
import type { ApiServer } from '../../api/apiserver';
import { ApiError } from '../../api/errors';
import { seconds, timestamp } from '../../api/meta';
import {
  hasTaint,
  TAINT_NODE_DISK_PRESSURE,
  TAINT_NODE_MEMORY_PRESSURE,
  TAINT_NODE_NETWORK_UNAVAILABLE,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_PID_PRESSURE,
  TAINT_NODE_UNREACHABLE,
  TAINT_NODE_UNSCHEDULABLE,
  taintMatches,
} from '../../api/taints';
import type { Store } from '../../api/store';
import type { KubeObject, Node, NodeCondition, Taint } from '../../api/types';
import type { Controller, ReconcileContext } from '../../sim/controller';
import { NOT_READY_NO_EXECUTE, swapNodeTaints, UNREACHABLE_NO_EXECUTE } from './nodetaints';
import type { TokenBucket, ZoneRuntime, ZoneState } from './zones';
import {
  computeZoneState,
  EVICTION_LIMITER_QPS,
  newBucket,
  nextTokenAt,
  swapLimiter,
  tryAccept,
  zoneKey,
  zoneQps,
} from './zones';

export const NODE_LIFECYCLE_CONTROLLER = 'node-lifecycle-controller';
/** node-monitor-period, node-monitor-grace-period (v1.32+), node-startup-grace-period, in seconds. */
export const NODE_MONITOR_PERIOD = 5;
export const NODE_MONITOR_GRACE_PERIOD = 50;
export const NODE_STARTUP_GRACE_PERIOD = 60;

/** Runtime entry holding everything the controller remembers between passes (see LifecycleRuntime). */
export const LIFECYCLE_STATE_KEY = 'node-lifecycle/state';
export const MONITOR_KEY = 'monitor';
export const TAINTING_PASS_KEY = 'noexecute-tainting';
const NODE_KEY = 'node/';
const NODE_LEASE_NAMESPACE = 'kube-node-lease';
const EXCLUDE_DISRUPTION_LABEL = 'node.kubernetes.io/exclude-disruption';
const SOURCE = { component: 'node-controller' } as const;

/** What the controller keeps between passes: its known nodes, per-zone state and queues, the probe floor. */
export interface LifecycleRuntime {
  /** Node names the controller has registered (RegisteredNode / RemovingNode events). */
  readonly known: readonly string[];
  /** Every heartbeat counts as at least this recent: set when leaving master disruption mode. */
  readonly probeFloor: number;
  readonly zones: Readonly<Record<string, ZoneRuntime>>;
}

const EMPTY_STATE: LifecycleRuntime = { known: [], probeFloor: 0, zones: {} };

/** The NoSchedule taint each node condition status maps to (nodeConditionToTaintKeyStatusMap). */
const CONDITION_TAINTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Ready: { False: TAINT_NODE_NOT_READY, Unknown: TAINT_NODE_UNREACHABLE },
  MemoryPressure: { True: TAINT_NODE_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_NODE_DISK_PRESSURE },
  NetworkUnavailable: { True: TAINT_NODE_NETWORK_UNAVAILABLE },
  PIDPressure: { True: TAINT_NODE_PID_PRESSURE },
};
const CONDITION_TAINT_KEYS = new Set(Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)));
/** The conditions the controller turns Unknown (NetworkUnavailable is the cloud's, left alone). */
const UNKNOWN_CONDITION_TYPES = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

interface ZoneWork {
  state: ZoneState;
  limiter: TokenBucket;
  /** Insertion-ordered: delete + add moves a node to the back, as Remove + Add do on the real queue. */
  queue: Set<string>;
}

/** A pass's mutable copy of LifecycleRuntime, written back once at the end if it changed. */
class PassState {
  known: readonly string[];
  probeFloor: number;
  readonly zones = new Map<string, ZoneWork>();

  constructor(
    private readonly prev: LifecycleRuntime,
    private readonly now: number,
  ) {
    this.known = prev.known;
    this.probeFloor = prev.probeFloor;
    for (const [k, z] of Object.entries(prev.zones)) {
      this.zones.set(k, { state: z.state, limiter: z.limiter, queue: new Set(z.queue) });
    }
  }

  /** addPodEvictorForNewZone: a zone seen for the first time starts Initial with a full bucket. */
  zone(key: string): ZoneWork {
    let z = this.zones.get(key);
    if (!z) {
      z = { state: 'Initial', limiter: newBucket(EVICTION_LIMITER_QPS, this.now), queue: new Set() };
      this.zones.set(key, z);
    }
    return z;
  }

  save(ctx: ReconcileContext): void {
    const zones: Record<string, ZoneRuntime> = {};
    for (const [k, z] of this.zones) {
      const old = this.prev.zones[k];
      const queue = [...z.queue];
      const same =
        old && old.state === z.state && old.limiter === z.limiter && sameList(old.queue, queue)
          ? old
          : undefined;
      zones[k] = same ?? { state: z.state, limiter: z.limiter, queue };
    }
    const prevKeys = Object.keys(this.prev.zones);
    const unchanged =
      this.known === this.prev.known &&
      this.probeFloor === this.prev.probeFloor &&
      prevKeys.length === this.zones.size &&
      prevKeys.every((k) => zones[k] === this.prev.zones[k]);
    if (unchanged) return;
    ctx.store.setRuntime<LifecycleRuntime>(LIFECYCLE_STATE_KEY, {
      known: this.known,
      probeFloor: this.probeFloor,
      zones,
    });
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function loadState(ctx: ReconcileContext): PassState {
  return new PassState(ctx.store.getRuntime<LifecycleRuntime>(LIFECYCLE_STATE_KEY) ?? EMPTY_STATE, ctx.now);
}

function nodeName(node: Node): string {
  return node.metadata?.name ?? '';
}

function condition(node: Node, type: string): NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === type);
}

/** Writes of a pass never throw out of it: like the real loop, it logs (here: skips) and carries on. */
function attempt(fn: () => void): boolean {
  try {
    fn();
    return true;
  } catch (e) {
    if (e instanceof ApiError) return false;
    throw e;
  }
}

/** `seconds`, memoised: a pure function of the string, so the cache changes nothing but the cost. */
const parsed = new Map<string, number>();
function parseTime(ts: string | undefined): number {
  if (ts === undefined) return Number.NaN;
  let t = parsed.get(ts);
  if (t === undefined) {
    if (parsed.size >= 8192) parsed.clear();
    parsed.set(ts, (t = seconds(ts)));
  }
  return t;
}

function latest(...times: number[]): number {
  let best = Number.NEGATIVE_INFINITY;
  for (const t of times) if (!Number.isNaN(t) && t > best) best = t;
  return best;
}

function sameCondition(a: NodeCondition, b: NodeCondition): boolean {
  return (
    a.type === b.type &&
    a.status === b.status &&
    a.reason === b.reason &&
    a.message === b.message &&
    a.lastHeartbeatTime === b.lastHeartbeatTime &&
    a.lastTransitionTime === b.lastTransitionTime
  );
}

function recordNodeEvent(api: ApiServer, node: Node, reason: string, event: string): void {
  api.recordEvent(node, 'Normal', reason, `Node ${nodeName(node)} event: ${event}`, SOURCE);
}

/**
 * tryUpdateNodeHealth: when the last heartbeat is older than the grace period, turn Ready and the pressure
 * conditions Unknown. Returns the Ready condition as it was (`observed`; a stand-in Unknown one when the
 * kubelet never posted) and as it is now (`current`, undefined when there is none).
 */
function updateNodeHealth(
  ctx: ReconcileContext,
  node: Node,
  probeFloor: number,
): { observed: NodeCondition; current: NodeCondition | undefined } {
  const name = nodeName(node);
  const created = node.metadata?.creationTimestamp;
  const ready = condition(node, 'Ready');
  const observed: NodeCondition = ready ?? {
    type: 'Ready',
    status: 'Unknown',
    ...(created ? { lastHeartbeatTime: created, lastTransitionTime: created } : {}),
  };
  const grace = ready ? NODE_MONITOR_GRACE_PERIOD : NODE_STARTUP_GRACE_PERIOD;
  const lease = ctx.store.get('Lease', NODE_LEASE_NAMESPACE, name);
  const probe = latest(
    ready ? parseTime(ready.lastHeartbeatTime) : parseTime(created),
    parseTime(lease?.spec?.renewTime),
    probeFloor,
  );
  if (!(ctx.now > probe + grace)) return { observed, current: ready };

  const nowTs = timestamp(ctx.now);
  const conditions = [...(node.status?.conditions ?? [])];
  for (const type of UNKNOWN_CONDITION_TYPES) {
    const i = conditions.findIndex((c) => c.type === type);
    const cur = conditions[i];
    if (!cur) {
      conditions.push({
        type,
        status: 'Unknown',
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
        ...(created ? { lastHeartbeatTime: created } : {}),
        lastTransitionTime: nowTs,
      });
    } else if (cur.status !== 'Unknown') {
      conditions[i] = {
        ...cur,
        status: 'Unknown',
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
        lastTransitionTime: nowTs,
      };
    }
  }
  const current = conditions.find((c) => c.type === 'Ready');
  if (!current || sameCondition(current, observed)) return { observed, current: ready };
  const ok = attempt(() => {
    ctx.api.updateStatus('Node', { ...node, status: { ...node.status, conditions } });
  });
  return { observed, current: ok ? current : ready };
}

/** MarkPodsNotReady: every pod on the node with a Ready condition gets Ready=False, and a Warning event. */
function markPodsNotReady(ctx: ReconcileContext, node: string): void {
  for (const pod of ctx.store.podsOnNode(node)) {
    const conditions = pod.status?.conditions ?? [];
    const i = conditions.findIndex((c) => c.type === 'Ready');
    const cur = conditions[i];
    if (!cur || cur.status === 'False') continue;
    const next = [...conditions];
    next[i] = { ...cur, status: 'False', lastTransitionTime: timestamp(ctx.now) };
    const ok = attempt(() => {
      ctx.api.updateStatus('Pod', { ...pod, status: { ...pod.status, conditions: next } });
    });
    if (ok) ctx.api.recordEvent(pod, 'Warning', 'NodeNotReady', 'Node is not ready', SOURCE);
  }
}

/** markNodeAsReachable: drop the NoExecute not-ready/unreachable taints and the node's place in the queue. */
function markNodeAsReachable(ctx: ReconcileContext, st: PassState, node: Node): void {
  const taints = node.spec?.taints;
  if (hasTaint(taints, UNREACHABLE_NO_EXECUTE) || hasTaint(taints, NOT_READY_NO_EXECUTE)) {
    attempt(() => {
      swapNodeTaints(ctx.api, nodeName(node), [], [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE], ctx.now);
    });
  }
  st.zone(zoneKey(node)).queue.delete(nodeName(node));
}

/**
 * markNodeForTainting: queue the node for its NoExecute taint unless it already has it. A queued node is
 * removed and added again, so it moves to the back, as on the real queue.
 */
function markNodeForTainting(st: PassState, node: Node, taint: Taint): void {
  if (hasTaint(node.spec?.taints, taint)) return;
  const queue = st.zone(zoneKey(node)).queue;
  queue.delete(nodeName(node));
  queue.add(nodeName(node));
}

/**
 * processTaintBaseEviction, driven by the Ready status seen at the start of the pass (so a node that just
 * turned Unknown is queued on the next pass). An opposite taint already there is swapped at once.
 */
function processTaintBaseEviction(ctx: ReconcileContext, st: PassState, node: Node, observed: string): void {
  const taints = node.spec?.taints;
  const name = nodeName(node);
  if (observed === 'False') {
    if (hasTaint(taints, UNREACHABLE_NO_EXECUTE)) {
      attempt(() => {
        swapNodeTaints(ctx.api, name, [NOT_READY_NO_EXECUTE], [UNREACHABLE_NO_EXECUTE], ctx.now);
      });
    } else markNodeForTainting(st, node, NOT_READY_NO_EXECUTE);
  } else if (observed === 'Unknown') {
    if (hasTaint(taints, NOT_READY_NO_EXECUTE)) {
      attempt(() => {
        swapNodeTaints(ctx.api, name, [UNREACHABLE_NO_EXECUTE], [NOT_READY_NO_EXECUTE], ctx.now);
      });
    } else markNodeForTainting(st, node, UNREACHABLE_NO_EXECUTE);
  } else if (observed === 'True') {
    markNodeAsReachable(ctx, st, node);
  }
}

/**
 * handleDisruption: new zone states from this pass's Ready statuses. Every zone fully disrupted: master
 * disruption mode (all NoExecute taints removed, tainting stopped). Leaving it: every node gets a fresh
 * grace period and the zones their normal rates. Otherwise each zone that changed state gets its rate.
 */
function handleDisruption(
  ctx: ReconcileContext,
  st: PassState,
  zoneStatuses: ReadonlyMap<string, (string | undefined)[]>,
  nodes: readonly string[],
): void {
  const newStates = new Map<string, ZoneState>();
  let allAreFullyDisrupted = true;
  for (const [zone, statuses] of zoneStatuses) {
    const { state } = computeZoneState(statuses);
    newStates.set(zone, state);
    if (state !== 'FullDisruption') allAreFullyDisrupted = false;
    st.zone(zone);
  }
  let allWereFullyDisrupted = true;
  for (const [zone, z] of [...st.zones]) {
    if (!zoneStatuses.has(zone)) {
      st.zones.delete(zone);
      continue;
    }
    if (z.state !== 'FullDisruption') allWereFullyDisrupted = false;
  }
  if (allAreFullyDisrupted && allWereFullyDisrupted) return;
  const size = (zone: string): number => zoneStatuses.get(zone)?.length ?? 0;

  if (allAreFullyDisrupted) {
    // "Controller detected that all Nodes are not-Ready. Entering master disruption mode"
    for (const name of nodes) {
      const node = ctx.store.get('Node', undefined, name);
      if (node) markNodeAsReachable(ctx, st, node);
    }
    for (const z of st.zones.values()) {
      z.limiter = swapLimiter(z.limiter, 0, ctx.now);
      z.state = 'FullDisruption';
    }
    return;
  }
  if (allWereFullyDisrupted) {
    // "Controller detected that some Nodes are Ready. Exiting master disruption mode"
    st.probeFloor = ctx.now;
    for (const [zone, z] of st.zones) {
      const state = newStates.get(zone) ?? 'Normal';
      z.limiter = swapLimiter(z.limiter, zoneQps(state, size(zone)), ctx.now);
      z.state = state;
    }
    return;
  }
  for (const [zone, z] of st.zones) {
    const state = newStates.get(zone) ?? z.state;
    if (state === z.state) continue;
    // "Controller detected that zone is now in new state"
    z.limiter = swapLimiter(z.limiter, zoneQps(state, size(zone)), ctx.now);
    z.state = state;
  }
}

/**
 * doNoExecuteTaintingPass: each zone's queue, one node per token. A node found Ready again is dropped (the
 * token is spent all the same). Re-arms itself for the next token while nodes wait.
 */
function noExecuteTaintingPass(ctx: ReconcileContext, st: PassState): void {
  let next = Number.POSITIVE_INFINITY;
  for (const z of st.zones.values()) {
    for (let head = first(z.queue); head !== undefined; head = first(z.queue)) {
      const accepted = tryAccept(z.limiter, ctx.now);
      if (!accepted) break;
      z.limiter = accepted;
      z.queue.delete(head);
      const node = ctx.store.get('Node', undefined, head);
      const status = node && condition(node, 'Ready')?.status;
      if (status === 'False') {
        attempt(() => {
          swapNodeTaints(ctx.api, head, [NOT_READY_NO_EXECUTE], [UNREACHABLE_NO_EXECUTE], ctx.now);
        });
      } else if (status === 'Unknown') {
        attempt(() => {
          swapNodeTaints(ctx.api, head, [UNREACHABLE_NO_EXECUTE], [NOT_READY_NO_EXECUTE], ctx.now);
        });
      }
    }
    if (z.queue.size > 0) next = Math.min(next, nextTokenAt(z.limiter, ctx.now) ?? Number.POSITIVE_INFINITY);
  }
  if (next < Number.POSITIVE_INFINITY) ctx.requeueAfter(Math.max(0, next - ctx.now), TAINTING_PASS_KEY);
}

function first(set: ReadonlySet<string>): string | undefined {
  for (const v of set) return v;
  return undefined;
}

/** monitorNodeHealth: one pass over every node, then the zones, then the tainting queue. */
function monitorNodeHealth(ctx: ReconcileContext): void {
  ctx.requeueAfter(NODE_MONITOR_PERIOD, MONITOR_KEY);
  const st = loadState(ctx);
  const nodes = ctx.store.list('Node').map(nodeName);

  // classifyNodes: register new nodes, forget deleted ones.
  const known = new Set(st.known);
  let membershipChanged = known.size !== nodes.length;
  for (const name of nodes) {
    if (known.has(name)) continue;
    membershipChanged = true;
    const node = ctx.store.get('Node', undefined, name);
    if (!node) continue;
    recordNodeEvent(ctx.api, node, 'RegisteredNode', `Registered Node ${name} in Controller`);
    st.zone(zoneKey(node));
    markNodeAsReachable(ctx, st, node);
  }
  if (membershipChanged) {
    const present = new Set(nodes);
    for (const name of st.known) {
      if (present.has(name)) continue;
      const gone: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name } };
      recordNodeEvent(ctx.api, gone, 'RemovingNode', `Removing Node ${name} from Controller`);
    }
    st.known = nodes;
  }

  const zoneStatuses = new Map<string, (string | undefined)[]>();
  for (const name of nodes) {
    const before = ctx.store.get('Node', undefined, name);
    if (!before) continue;
    const zone = zoneKey(before);
    st.zone(zone);
    const { observed, current } = updateNodeHealth(ctx, before, st.probeFloor);
    const node = ctx.store.get('Node', undefined, name) ?? before;
    if (!Object.prototype.hasOwnProperty.call(node.metadata?.labels ?? {}, EXCLUDE_DISRUPTION_LABEL)) {
      let list = zoneStatuses.get(zone);
      if (!list) zoneStatuses.set(zone, (list = []));
      list.push(current?.status);
    }
    if (!current) continue;
    processTaintBaseEviction(ctx, st, node, observed.status);
    if (current.status !== 'True' && observed.status === 'True') {
      // RecordNodeStatusChange, once, when the controller itself saw Ready go away.
      ctx.api.recordEvent(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, SOURCE);
      markPodsNotReady(ctx, name);
    }
  }

  handleDisruption(ctx, st, zoneStatuses, nodes);
  noExecuteTaintingPass(ctx, st);
  st.save(ctx);
}

/** doNoScheduleTaintingPass: NoSchedule taints mirror the node's conditions and spec.unschedulable. */
function noScheduleTaintingPass(ctx: ReconcileContext, name: string): void {
  const node = ctx.store.get('Node', undefined, name);
  if (!node) return;
  const desired: Taint[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) desired.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) desired.push({ key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });
  const present = (node.spec?.taints ?? []).filter(
    (t) =>
      t.effect === 'NoSchedule' && (t.key === TAINT_NODE_UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key)),
  );
  const add = desired.filter((d) => !present.some((p) => taintMatches(p, d)));
  const remove = present.filter((p) => !desired.some((d) => taintMatches(p, d)));
  if (add.length || remove.length) swapNodeTaints(ctx.api, name, add, remove, ctx.now);
}

export const nodeLifecycleController: Controller = {
  name: NODE_LIFECYCLE_CONTROLLER,
  component: 'kube-controller-manager',
  watches: [{ kind: 'Node', keys: (obj: KubeObject) => [NODE_KEY + (obj.metadata?.name ?? '')] }],
  start(ctx) {
    // The monitor runs at once, then every node-monitor-period (wait.Until).
    ctx.enqueue(NODE_LIFECYCLE_CONTROLLER, MONITOR_KEY);
  },
  reconcile(key, ctx) {
    if (key === MONITOR_KEY) monitorNodeHealth(ctx);
    else if (key === TAINTING_PASS_KEY) {
      const st = loadState(ctx);
      noExecuteTaintingPass(ctx, st);
      st.save(ctx);
    } else if (key.startsWith(NODE_KEY)) noScheduleTaintingPass(ctx, key.slice(NODE_KEY.length));
  },
};

/**
 * A restarted controller-manager's node lifecycle controller starts with an empty health map: it first
 * sees every node now, so each gets a full grace period from this moment (heartbeats missed while the
 * control plane was down do not count). Called by the control plane's recovery (world/controlplane.ts).
 */
export function restartNodeHealthMonitor(store: Store, now: number): void {
  const prev = store.getRuntime<LifecycleRuntime>(LIFECYCLE_STATE_KEY) ?? EMPTY_STATE;
  if (prev.probeFloor >= now) return;
  store.setRuntime<LifecycleRuntime>(LIFECYCLE_STATE_KEY, { ...prev, probeFloor: now });
}
