/**
 * Which pods a ReplicaSet deletes first when it scales down (controller_utils' ActivePodsWithRanks with
 * pod-deletion-cost and LogarithmicScaleDown, both on by default). Pure functions: the pods, their ranks and
 * the current simulated time in, an order out. Rules are numbered as in kubernetes-behaviour.md §2.3.
 */
import { seconds } from '../../api/meta';
import { isPodActive, isPodReady, maxRestarts, podCondition } from '../../api/podutil';
import type { Pod } from '../../api/types';

export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

/** A pod with its rank: the number of active related pods on its node (pods of every RS of the same owner). */
export interface RankedPod {
  readonly pod: Pod;
  readonly rank: number;
}

const PHASE_ORDINAL: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** The pod-deletion-cost annotation as an int32; absent or malformed means 0, as the controller reads it. */
export function podDeletionCost(pod: Pod): number {
  const raw = pod.metadata?.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (raw === undefined || !/^[+-]?\d+$/.test(raw)) return 0;
  const n = Number(raw);
  return n < INT32_MIN || n > INT32_MAX ? 0 : n;
}

/** Simulated second the pod last turned Ready, or undefined (not Ready, or no transition time). */
function readyTime(pod: Pod): number | undefined {
  const c = podCondition(pod, 'Ready');
  if (c?.status !== 'True') return undefined;
  const t = seconds(c.lastTransitionTime);
  return Number.isNaN(t) ? undefined : t;
}

function creationTime(pod: Pod): number | undefined {
  const t = seconds(pod.metadata?.creationTimestamp);
  return Number.isNaN(t) ? undefined : t;
}

/** floor(log2(now - t in nanoseconds)), or -1 when t is not in the past: the LogarithmicScaleDown bucket. */
export function logBucket(t: number, now: number): number {
  const ns = Math.round((now - t) * 1e9);
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

function compareUid(a: Pod, b: Pod): number {
  const ua = a.metadata?.uid ?? '';
  const ub = b.metadata?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/**
 * Newer first, with empty times first; times in the same log2 bucket are ordered by UID instead (which is why
 * the result looks random to an observer). Both times must differ.
 */
function compareTimesNewerFirst(
  a: Pod,
  ta: number | undefined,
  b: Pod,
  tb: number | undefined,
  now: number,
): number {
  if (ta === undefined || tb === undefined) return ta === undefined ? -1 : 1;
  const diff = logBucket(ta, now) - logBucket(tb, now);
  if (diff === 0) return compareUid(a, b);
  return diff;
}

/** Negative when `a` should be deleted before `b`, positive for the reverse, 0 when no rule separates them. */
export function compareForDeletion(a: RankedPod, b: RankedPod, now: number): number {
  const pa = a.pod;
  const pb = b.pod;
  // 1. Not assigned to a node before assigned.
  const na = pa.spec?.nodeName ?? '';
  const nb = pb.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
  // 2. Pending < Unknown < Running.
  const oa = PHASE_ORDINAL[pa.status?.phase ?? ''] ?? 0;
  const ob = PHASE_ORDINAL[pb.status?.phase ?? ''] ?? 0;
  if (oa !== ob) return oa - ob;
  // 3. Not Ready before Ready.
  const ra = isPodReady(pa);
  const rb = isPodReady(pb);
  if (ra !== rb) return ra ? 1 : -1;
  // 4. Lower pod-deletion-cost first.
  const ca = podDeletionCost(pa);
  const cb = podDeletionCost(pb);
  if (ca !== cb) return ca - cb;
  // 5. Higher rank (more related pods on the same node) first.
  if (a.rank !== b.rank) return b.rank - a.rank;
  // 6. Both Ready at different times: more recently Ready first, log2-bucketed; a bucket tie ends at the UID.
  if (ra && rb) {
    const ta = readyTime(pa);
    const tb = readyTime(pb);
    if (ta !== tb) return compareTimesNewerFirst(pa, ta, pb, tb, now);
  }
  // 7. More container restarts first.
  const xa = maxRestarts(pa);
  const xb = maxRestarts(pb);
  if (xa !== xb) return xb - xa;
  // 8. Newer creationTimestamp first (empty first), log2-bucketed with the UID tie-break.
  const ka = creationTime(pa);
  const kb = creationTime(pb);
  if (ka !== kb) return compareTimesNewerFirst(pa, ka, pb, kb, now);
  return 0;
}

/** Rank each pod by the active `related` pods on its node (unassigned pods share the node ""). */
export function rankPods(pods: readonly Pod[], related: Iterable<Pod>): RankedPod[] {
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const node = p.spec?.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  return pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
}

/**
 * The `count` pods to delete out of `pods` (the RS's active pods). When all of them go, no ranking is done,
 * as in the real controller.
 */
export function podsToDelete(
  pods: readonly Pod[],
  related: () => Iterable<Pod>,
  count: number,
  now: number,
): Pod[] {
  if (count <= 0) return [];
  // The order pods are deleted in is still made canonical (by name), so that events come out the same way.
  if (count >= pods.length) return pods.slice().sort(compareNames);
  const ranked = rankPods(pods, related());
  // Go's sort is not stable; where the comparator sees a full tie, the name keeps the result deterministic.
  ranked.sort((a, b) => compareForDeletion(a, b, now) || compareNames(a.pod, b.pod));
  return ranked.slice(0, count).map((r) => r.pod);
}

function compareNames(a: Pod, b: Pod): number {
  const x = a.metadata?.name ?? '';
  const y = b.metadata?.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}
