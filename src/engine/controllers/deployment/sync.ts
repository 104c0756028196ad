/**
 * Scaling events and paused Deployments (sync.go sync/scale/isScalingEvent): replicas changed while more
 * than one ReplicaSet is active are spread over them in proportion to their size.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision } from './history';
import { syncDeploymentStatus } from './progress';
import { scaleReplicaSet, scaleTo } from './state';
import type { SyncState } from './state';
import {
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  byCreation,
  desiredReplicas,
  intAnnotation,
  isActive,
  isRollingUpdate,
  maxSurge,
  specReplicas,
  sumSpec,
} from './util';

/** sync: scale only, trim history when paused, and update status. No new ReplicaSet, no rollout. */
export function sync(s: SyncState): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, false);
  scale(s, newRS, oldRSs);
  if (s.d.spec?.paused) cleanupDeployment(s, oldRSs);
  syncDeploymentStatus(s, [...oldRSs, newRS], newRS);
}

/** A scaling event: an active ReplicaSet records a desired-replicas other than spec.replicas. */
export function isScalingEvent(s: SyncState): boolean {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, false);
  const replicas = desiredReplicas(s.d);
  for (const rs of [...oldRSs, newRS]) {
    if (!isActive(rs)) continue;
    const desired = intAnnotation(rs, DESIRED_REPLICAS);
    if (desired !== undefined && desired !== replicas) return true;
  }
  return false;
}

/** FindActiveOrLatest: the only active ReplicaSet, the newest one when none is active, else undefined. */
function activeOrLatest(
  newRS: ReplicaSet | undefined,
  newestFirstOld: readonly ReplicaSet[],
): ReplicaSet | undefined {
  if (!newRS && newestFirstOld.length === 0) return undefined;
  const active = [...newestFirstOld, newRS].filter(isActive);
  if (active.length === 0) return newRS ?? newestFirstOld[0];
  return active.length === 1 ? active[0] : undefined;
}

/** IsSaturated: the new ReplicaSet is at full size, recorded as such, and fully available. */
function isSaturated(s: SyncState, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const replicas = desiredReplicas(s.d);
  return (
    specReplicas(rs) === replicas &&
    intAnnotation(rs, DESIRED_REPLICAS) === replicas &&
    (rs.status?.availableReplicas ?? 0) === replicas
  );
}

/** Go's integer.RoundToInt32: halves round away from zero. */
function roundHalfAway(x: number): number {
  return x < 0 ? Math.trunc(x - 0.5) : Math.trunc(x + 0.5);
}

/** getReplicaSetFraction: how much this ReplicaSet should grow or shrink for the new total. */
function fraction(s: SyncState, rs: ReplicaSet): number {
  const replicas = desiredReplicas(s.d);
  const size = specReplicas(rs);
  if (replicas === 0) return -size;
  const allowed = replicas + maxSurge(s.d);
  let before = intAnnotation(rs, MAX_REPLICAS);
  // Hand-edited ReplicaSets may lack the annotation: fall back to the Deployment's current size.
  if (before === undefined || before === 0) before = s.d.status?.replicas ?? 0;
  // Upstream divides by zero here and turns +Inf into a garbage int32; taking no share instead lets the
  // leftover step give the whole change to the largest ReplicaSet.
  if (before === 0) return 0;
  return roundHalfAway((size * allowed) / before) - size;
}

/** scale(): the new size of every ReplicaSet for a scaling event (§1.6). */
export function scale(s: SyncState, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): void {
  const replicas = desiredReplicas(s.d);
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const only = activeOrLatest(newRS, newestFirst);
  if (only) {
    if (specReplicas(only) !== replicas) scaleTo(s, only, replicas);
    return;
  }
  // Saturated new ReplicaSet (e.g. after adopting old ones): the old ones simply go.
  if (isSaturated(s, newRS)) {
    for (const old of oldRSs.filter(isActive)) scaleTo(s, old, 0);
    return;
  }
  if (!isRollingUpdate(s.d)) return;

  const all = [...newestFirst, newRS].filter(isActive);
  const allowed = replicas > 0 ? replicas + maxSurge(s.d) : 0;
  const toAdd = allowed - sumSpec(all);
  // Largest first; equal sizes grow newer-first and shrink older-first.
  if (toAdd > 0) all.sort((a, b) => specReplicas(b) - specReplicas(a) || byCreation(b, a));
  else if (toAdd < 0) all.sort((a, b) => specReplicas(b) - specReplicas(a) || byCreation(a, b));

  let added = 0;
  const sizes = all.map((rs) => {
    if (toAdd === 0) return specReplicas(rs);
    let p = 0;
    if (specReplicas(rs) !== 0 && toAdd !== added) {
      const f = fraction(s, rs);
      p = toAdd > 0 ? Math.min(f, toAdd - added) : Math.max(f, toAdd - added);
    }
    added += p;
    return specReplicas(rs) + p;
  });
  all.forEach((rs, i) => {
    let size = sizes[i] as number;
    // Rounding leftovers go to the first (largest) ReplicaSet.
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
    scaleReplicaSet(s, rs, size);
  });
}
