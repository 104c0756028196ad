/**
 * Taints and tolerations as core/v1 defines them (Toleration.ToleratesTaint, Taint.MatchTaint, the
 * helpers of pkg/apis/core/v1/helper and pkg/util/taints), plus the well-known node taint keys.
 * Leaves out the alpha Gt/Lt toleration operators (TaintTolerationComparisonOperators, off by default).
 */
import type { Taint, Toleration } from './types';

export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_NODE_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_NODE_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_NODE_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';
export const TAINT_NODE_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';

/**
 * Whether one toleration tolerates a taint: an empty effect matches every effect, an empty key (only valid
 * with Exists) matches every key; operator Exists ignores the value, Equal (the default) compares it.
 */
export function tolerationMatches(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** Whether any of `tolerations` tolerates `taint`. */
export function tolerates(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => tolerationMatches(t, taint));
}

/**
 * The first taint (among those `filter` keeps, all by default) that no toleration tolerates, or undefined
 * when every one is tolerated (v1helper.FindMatchingUntoleratedTaint).
 */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  filter?: (taint: Taint) => boolean,
): Taint | undefined {
  for (const taint of taints ?? []) {
    if (filter && !filter(taint)) continue;
    if (!tolerates(tolerations, taint)) return taint;
  }
  return undefined;
}

/**
 * For each taint, the first toleration that tolerates it (v1helper.GetMatchingTolerations). `allTolerated`
 * is false (and `used` empty) as soon as one taint is not tolerated.
 */
export function getMatchingTolerations(
  taints: readonly Taint[],
  tolerations: readonly Toleration[] | undefined,
): { allTolerated: boolean; used: Toleration[] } {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = (tolerations ?? []).find((x) => tolerationMatches(x, taint));
    if (!t) return { allTolerated: false, used: [] };
    used.push(t);
  }
  return { allTolerated: true, used };
}

/**
 * The shortest tolerationSeconds among the tolerations used: 0 for an empty list or any value <= 0, and -1
 * (forever) when none sets tolerationSeconds (the taint eviction controller's getMinTolerationTime).
 */
export function minTolerationSeconds(used: readonly Toleration[]): number {
  if (used.length === 0) return 0;
  let min = Number.POSITIVE_INFINITY;
  for (const t of used) {
    if (t.tolerationSeconds === undefined) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Number.POSITIVE_INFINITY ? -1 : min;
}

/** Same key and effect (Taint.MatchTaint): the identity of a taint on a node. */
export function taintMatches(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect;
}

export function hasTaint(taints: readonly Taint[] | undefined, taint: Taint): boolean {
  return (taints ?? []).some((t) => taintMatches(t, taint));
}

/** The taints with effect NoExecute, in node order. */
export function noExecuteTaints(taints: readonly Taint[] | undefined): Taint[] {
  return (taints ?? []).filter((t) => t.effect === 'NoExecute');
}
