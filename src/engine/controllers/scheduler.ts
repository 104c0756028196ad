/**
 * kube-scheduler with the default profile: one pending pod per reconcile goes through the Filter plugins
 * on every node (or the adaptive share of a large cluster), the Score plugins pick the best node, and the
 * pod is bound; an unschedulable pod gets FailedScheduling and PodScheduled=False with the real message,
 * is requeued by the cluster changes that could make it fit (queueing hints), and retried at least every
 * 5 minutes. Preemption is not simulated (pods have no priorities): the message only reports that no
 * victims exist. Volumes: only VolumeBinding's check that claims exist and are bound. Also left out: DRA,
 * nominated nodes, multiple profiles and the node tree order.
 */
import { nameKey, splitNameKey } from '../api/meta';
import type { Store } from '../api/store';
import type { KubeObject, Node, Pod } from '../api/types';
import type { Controller, ReconcileContext } from '../sim/controller';
import { bindPod, statusWithCondition } from './scheduler/binding';
import type { FilterFailure } from './scheduler/filters';
import { preFilter, runFilters } from './scheduler/filters';
import { failedSchedulingMessage } from './scheduler/message';
import type { NodeInfo } from './scheduler/nodeinfo';
import { isTerminal, nodeInfo } from './scheduler/nodeinfo';
import { scoreNodes } from './scheduler/scores';
import type { NodeScore } from './scheduler/scores';

export const SCHEDULER_NAME = 'default-scheduler';

/** Runtime key of a pending pod's last verdict: `sched/<namespace>/<pod>`. */
export const VERDICT_PREFIX = 'sched/';
/** Runtime key: the keys of pods with a verdict, in the order they became unschedulable. */
export const UNSCHEDULABLE_KEY = 'scheduler/unschedulable';
/** Runtime key: where the next search for feasible nodes starts (large clusters only). */
export const START_INDEX_KEY = 'scheduler/next-start-node-index';

/** podMaxInUnschedulablePodsDuration: an unschedulable pod is retried at least this often. */
export const MAX_UNSCHEDULABLE_SECONDS = 300;
const INITIAL_BACKOFF_SECONDS = 1;
const MAX_BACKOFF_SECONDS = 10;
const MIN_FEASIBLE_NODES = 100;
const MIN_FEASIBLE_PERCENTAGE = 5;

/** What the scheduler concluded the last time it tried a pending pod: the app's "why Pending". */
export interface SchedulingVerdict {
  readonly attempts: number;
  /** Simulated second of the last attempt. */
  readonly lastAttempt: number;
  /** The FailedScheduling message. */
  readonly message: string;
  /** Each node's failure reasons (first failing filter). */
  readonly nodes: Readonly<Record<string, readonly string[]>>;
  /** The filter plugins that rejected some node (the real queue's unschedulablePlugins). */
  readonly plugins: readonly string[];
  /** When the pod is due for its next attempt without any further cluster change. */
  readonly retryAt: number;
  /** The pod's resourceVersion after the scheduler's own status write: a later edit retries at once. */
  readonly podResourceVersion: string;
}

export function verdictKey(namespace: string, name: string): string {
  return `${VERDICT_PREFIX}${namespace}/${name}`;
}

/** The app's "why is this pod Pending": the scheduler's last verdict, if any. */
export function schedulingVerdict(
  store: Store,
  namespace: string,
  name: string,
): SchedulingVerdict | undefined {
  return store.getRuntime<SchedulingVerdict>(verdictKey(namespace, name));
}

/** numFeasibleNodesToFind: all nodes up to 100, then (50 − nodes/125)% with a floor of 5% and 100 nodes. */
export function numFeasibleNodesToFind(totalNodes: number): number {
  if (totalNodes < MIN_FEASIBLE_NODES) return totalNodes;
  const pct = Math.max(MIN_FEASIBLE_PERCENTAGE, 50 - Math.trunc(totalNodes / 125));
  return Math.max(MIN_FEASIBLE_NODES, Math.trunc((totalNodes * pct) / 100));
}

/** Pod back-off after `attempts` failed attempts: 1 s, doubling, at most 10 s. */
export function backoffSeconds(attempts: number): number {
  let d = INITIAL_BACKOFF_SECONDS;
  for (let i = 1; i < attempts; i++) {
    if (d >= MAX_BACKOFF_SECONDS) break;
    d *= 2;
  }
  return Math.min(d, MAX_BACKOFF_SECONDS);
}

// ---------------------------------------------------------------- queueing hints

/** Cluster events and the filter plugins whose rejection they may undo ('*': all of them). */
const HINTS = {
  node: '*',
  'pod-freed': ['NodeResourcesFit', 'NodePorts', 'InterPodAffinity', 'PodTopologySpread'],
  'pod-terminating': ['PodTopologySpread'],
  'pod-labels': ['InterPodAffinity', 'PodTopologySpread'],
  'pod-added': ['InterPodAffinity', 'PodTopologySpread'],
  pvc: ['VolumeBinding'],
} as const satisfies Record<string, '*' | readonly string[]>;

type HintEvent = keyof typeof HINTS;
const REQUEUE = '~requeue/';

function unschedulableKeys(store: Store): readonly string[] {
  return store.getRuntime<readonly string[]>(UNSCHEDULABLE_KEY) ?? [];
}

function hint(store: Store, events: HintEvent[]): string[] {
  return events.length && unschedulableKeys(store).length ? events.map((e) => REQUEUE + e) : [];
}

function responsible(pod: Pod): boolean {
  const name = pod.spec?.schedulerName;
  return !name || name === SCHEDULER_NAME;
}

function holdsNode(pod: Pod | undefined): boolean {
  return !!pod?.spec?.nodeName && !isTerminal(pod);
}

function sameLabels(
  a: Readonly<Record<string, string>> | undefined,
  b: Readonly<Record<string, string>> | undefined,
): boolean {
  if (a === b) return true;
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => a?.[k] === b?.[k]);
}

function podEvents(from: Pod | undefined, to: Pod | undefined): HintEvent[] {
  const was = holdsNode(from);
  const is = holdsNode(to);
  if (was && !is) return ['pod-freed'];
  if (!was && is) return ['pod-added'];
  if (!was || !from || !to) return [];
  const out: HintEvent[] = [];
  if (!from.metadata?.deletionTimestamp && to.metadata?.deletionTimestamp) out.push('pod-terminating');
  if (!sameLabels(from.metadata?.labels, to.metadata?.labels)) out.push('pod-labels');
  return out;
}

function nodeChanged(from: Node, to: Node): boolean {
  return (
    !!from.spec?.unschedulable !== !!to.spec?.unschedulable ||
    JSON.stringify(from.spec?.taints ?? []) !== JSON.stringify(to.spec?.taints ?? []) ||
    !sameLabels(from.metadata?.labels, to.metadata?.labels) ||
    JSON.stringify(from.status?.allocatable ?? {}) !== JSON.stringify(to.status?.allocatable ?? {})
  );
}

// ---------------------------------------------------------------- verdict bookkeeping

function forget(ctx: ReconcileContext, key: string): void {
  const { namespace, name } = splitNameKey(key);
  const vk = verdictKey(namespace, name);
  if (ctx.store.getRuntime(vk) !== undefined) ctx.store.setRuntime(vk, undefined);
  const list = unschedulableKeys(ctx.store);
  if (list.includes(key))
    ctx.store.setRuntime(
      UNSCHEDULABLE_KEY,
      list.filter((k) => k !== key),
    );
}

/** A cluster event: pods it may help become due once their back-off has passed. */
function flush(ctx: ReconcileContext, event: HintEvent): void {
  const plugins = HINTS[event];
  for (const key of unschedulableKeys(ctx.store)) {
    const { namespace, name } = splitNameKey(key);
    const vk = verdictKey(namespace, name);
    const v = ctx.store.getRuntime<SchedulingVerdict>(vk);
    if (!v) continue;
    if (plugins !== '*' && !v.plugins.some((p) => (plugins as readonly string[]).includes(p))) continue;
    const due = Math.max(ctx.now, v.lastAttempt + backoffSeconds(v.attempts));
    if (due >= v.retryAt) continue;
    ctx.store.setRuntime(vk, { ...v, retryAt: due });
    if (due <= ctx.now) ctx.enqueue(SCHEDULER_NAME, key);
    else ctx.requeueAfter(due - ctx.now, key);
  }
}

// ---------------------------------------------------------------- one scheduling attempt

/** Reservoir sampling over the nodes with the highest total: each is chosen with equal probability. */
function selectHost(scores: readonly NodeScore[], ctx: ReconcileContext): string {
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) max = Math.max(max, s.total);
  let count = 0;
  let selected = '';
  for (const s of scores) {
    if (s.total !== max) continue;
    count++;
    if (count === 1 || ctx.rng.int(count) === 0) selected = s.node;
  }
  return selected;
}

interface Attempt {
  readonly totalNodes: number;
  readonly feasible: readonly NodeInfo[];
  readonly failures: ReadonlyMap<string, FilterFailure>;
}

/** Filters nodes from the rotating start index until enough feasible nodes are found. */
export function findFeasibleNodes(store: Store, pod: Pod): Attempt {
  const nodes = store.list('Node');
  const total = nodes.length;
  const failures = new Map<string, FilterFailure>();
  const feasible: NodeInfo[] = [];
  if (total === 0) return { totalNodes: 0, feasible, failures };
  const cycle = preFilter(store, pod, nodes);
  const want = numFeasibleNodesToFind(total);
  const start = (store.getRuntime<number>(START_INDEX_KEY) ?? 0) % total;
  let processed = 0;
  for (let i = 0; i < total && feasible.length < want; i++) {
    const info = nodeInfo(store, nodes[(start + i) % total] as Node);
    processed++;
    const f = runFilters(cycle, info);
    if (f) failures.set(info.name, f);
    else feasible.push(info);
  }
  const next = (start + processed) % total;
  if (next !== start || store.getRuntime(START_INDEX_KEY) !== undefined) {
    store.setRuntime(START_INDEX_KEY, next === 0 ? undefined : next);
  }
  return { totalNodes: total, feasible, failures };
}

function recordFailure(
  ctx: ReconcileContext,
  key: string,
  pod: Pod,
  attempt: Attempt,
  prev: SchedulingVerdict | undefined,
): void {
  const { namespace, name } = splitNameKey(key);
  const failures = [...attempt.failures.values()];
  const message = failedSchedulingMessage(attempt.totalNodes, failures);
  ctx.api.recordEvent(pod, 'Warning', 'FailedScheduling', message, { component: SCHEDULER_NAME });
  const status = statusWithCondition(
    pod,
    { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message },
    ctx.now,
  );
  const written = status ? ctx.api.updateStatus('Pod', { ...pod, status }) : pod;
  const nodes: Record<string, readonly string[]> = {};
  for (const [n, f] of attempt.failures) nodes[n] = f.reasons;
  const verdict: SchedulingVerdict = {
    attempts: (prev?.attempts ?? 0) + 1,
    lastAttempt: ctx.now,
    message,
    nodes,
    plugins: [...new Set(failures.map((f) => f.plugin))].sort(),
    retryAt: ctx.now + MAX_UNSCHEDULABLE_SECONDS,
    podResourceVersion: written.metadata?.resourceVersion ?? '',
  };
  ctx.store.setRuntime(verdictKey(namespace, name), verdict);
  const list = unschedulableKeys(ctx.store);
  if (!list.includes(key)) ctx.store.setRuntime(UNSCHEDULABLE_KEY, [...list, key]);
  ctx.requeueAfter(MAX_UNSCHEDULABLE_SECONDS, key);
}

function schedulePod(ctx: ReconcileContext, key: string): void {
  const { namespace, name } = splitNameKey(key);
  const pod = ctx.store.get('Pod', namespace, name);
  if (!pod || pod.spec?.nodeName || pod.metadata?.deletionTimestamp || !responsible(pod)) {
    forget(ctx, key);
    return;
  }
  if ((pod.spec?.schedulingGates ?? []).length > 0) {
    forget(ctx, key);
    const message = 'Scheduling is blocked due to non-empty scheduling gates';
    const status = statusWithCondition(
      pod,
      { type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message },
      ctx.now,
    );
    if (status) ctx.api.updateStatus('Pod', { ...pod, status });
    return;
  }
  const prev = schedulingVerdict(ctx.store, namespace, name);
  if (prev) {
    const edited = prev.podResourceVersion !== pod.metadata?.resourceVersion;
    const due = edited
      ? Math.min(prev.retryAt, prev.lastAttempt + backoffSeconds(prev.attempts))
      : prev.retryAt;
    if (ctx.now < due) {
      if (edited) {
        ctx.store.setRuntime(verdictKey(namespace, name), {
          ...prev,
          retryAt: due,
          podResourceVersion: pod.metadata?.resourceVersion ?? '',
        });
        ctx.requeueAfter(due - ctx.now, key);
      }
      return;
    }
  }
  const attempt = findFeasibleNodes(ctx.store, pod);
  if (attempt.feasible.length === 0) {
    recordFailure(ctx, key, pod, attempt, prev);
    return;
  }
  const host =
    attempt.feasible.length === 1
      ? (attempt.feasible[0] as NodeInfo).name
      : selectHost(scoreNodes(ctx.store, pod, attempt.feasible), ctx);
  const bound = bindPod(ctx.api, namespace, name, host);
  forget(ctx, key);
  ctx.api.recordEvent(bound, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${host}`, {
    component: SCHEDULER_NAME,
  });
}

export const scheduler: Controller = {
  name: SCHEDULER_NAME,
  component: 'kube-scheduler',
  watches: [
    {
      kind: 'Pod',
      keys: (obj: KubeObject) => {
        const pod = obj as Pod;
        return !pod.spec?.nodeName && responsible(pod) ? [nameKey(pod)] : [];
      },
      changed: (from, to, store) => hint(store, podEvents(from as Pod | undefined, to as Pod | undefined)),
    },
    {
      // A claim that appears or gets bound may let a pod waiting on VolumeBinding through.
      kind: 'PersistentVolumeClaim',
      keys: () => [],
      changed: (_from, to, store) => hint(store, to ? ['pvc'] : []),
    },
    {
      kind: 'Node',
      keys: () => [],
      changed: (from, to, store) => {
        if (!to) return [];
        return hint(store, !from || nodeChanged(from as Node, to as Node) ? ['node'] : []);
      },
    },
  ],
  reconcile(key, ctx) {
    if (key.startsWith(REQUEUE)) flush(ctx, key.slice(REQUEUE.length) as HintEvent);
    else schedulePod(ctx, key);
  },
};
