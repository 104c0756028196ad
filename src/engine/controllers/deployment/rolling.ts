/**
 * The RollingUpdate strategy (rolling.go): each sync either grows the new ReplicaSet within maxSurge or
 * shrinks old ones within maxUnavailable, never both, then updates status.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision } from './history';
import { deploymentComplete, syncRolloutStatus } from './progress';
import { scaleTo } from './state';
import type { SyncState } from './state';
import {
  byCreation,
  desiredReplicas,
  isActive,
  maxUnavailable,
  newRSNewReplicas,
  specReplicas,
  sumSpec,
  sumStatus,
} from './util';

export function rolloutRolling(s: SyncState): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, true);
  if (!newRS) return;
  // These are the objects as they were before this sync scaled anything; status is computed from them,
  // exactly as upstream passes its pre-scale list to syncRolloutStatus.
  const allRSs = [...oldRSs, newRS];
  if (reconcileNewReplicaSet(s, allRSs, newRS)) return syncRolloutStatus(s, allRSs, newRS);
  if (reconcileOldReplicaSets(s, allRSs, oldRSs.filter(isActive), newRS))
    return syncRolloutStatus(s, allRSs, newRS);
  // History is trimmed only once the stored status says the rollout is complete.
  if (deploymentComplete(s.d, s.d.status)) cleanupDeployment(s, oldRSs);
  syncRolloutStatus(s, allRSs, newRS);
}

/** Step A: scale the new ReplicaSet up within the surge (or down to `replicas` if it is above). */
function reconcileNewReplicaSet(s: SyncState, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): boolean {
  const replicas = desiredReplicas(s.d);
  const size = specReplicas(newRS);
  if (size === replicas) return false;
  if (size > replicas) return scaleTo(s, newRS, replicas).scaled;
  return scaleTo(s, newRS, newRSNewReplicas(s.d, allRSs, newRS)).scaled;
}

/** Step B: remove old replicas, the unhealthy ones first (B1), then as far as availability allows (B2). */
function reconcileOldReplicaSets(
  s: SyncState,
  allRSs: readonly ReplicaSet[],
  activeOld: ReplicaSet[],
  newRS: ReplicaSet,
): boolean {
  if (sumSpec(activeOld) === 0) return false;
  const minAvailable = desiredReplicas(s.d) - maxUnavailable(s.d);
  const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  // Surge pods and the new ReplicaSet's unavailable pods are both subtracted, so scaling down never pushes
  // availability below minAvailable even if every new pod stays broken.
  const maxScaledDown = sumSpec(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = cleanupUnhealthyReplicas(s, activeOld, maxScaledDown);
  // Upstream swallows B1's error and reports "nothing scaled", skipping B2.
  if (!cleaned) return false;
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(s, [...cleaned.oldRSs, newRS], cleaned.oldRSs);
  return cleaned.count + scaledDown > 0;
}

/**
 * B1: take unavailable replicas off old ReplicaSets, oldest first, up to maxCleanup in total. Availability is
 * not checked: those pods serve nothing. Undefined when a ReplicaSet reports more available than its spec
 * (its status lags a scale-down), which upstream treats as an error.
 */
function cleanupUnhealthyReplicas(
  s: SyncState,
  oldRSs: ReplicaSet[],
  maxCleanup: number,
): { oldRSs: ReplicaSet[]; count: number } | undefined {
  const sorted = [...oldRSs].sort(byCreation);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (total >= maxCleanup) break;
    const rs = sorted[i] as ReplicaSet;
    const size = specReplicas(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (size === 0 || size === available) continue;
    const count = Math.min(maxCleanup - total, size - available);
    if (size - count > size) return undefined;
    sorted[i] = scaleTo(s, rs, size - count).rs;
    total += count;
  }
  return { oldRSs: sorted, count: total };
}

/** B2: scale old ReplicaSets down, oldest first, by as many as are available above minAvailable. */
function scaleDownOldReplicaSetsForRollingUpdate(
  s: SyncState,
  allRSs: readonly ReplicaSet[],
  oldRSs: readonly ReplicaSet[],
): number {
  const minAvailable = desiredReplicas(s.d) - maxUnavailable(s.d);
  const available = sumStatus(allRSs, 'availableReplicas');
  if (available <= minAvailable) return 0;
  const target = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= target) break;
    const size = specReplicas(rs);
    if (size === 0) continue;
    const count = Math.min(size, target - total);
    scaleTo(s, rs, size - count);
    total += count;
  }
  return total;
}
