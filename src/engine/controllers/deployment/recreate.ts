/**
 * The Recreate strategy (recreate.go): every old ReplicaSet to 0, wait until no old pod runs, then the new
 * ReplicaSet straight to `replicas`. Availability plays no part.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { controllerOf, selectorMatches } from '../../api/meta';
import type { Pod } from '../../api/types';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision } from './history';
import { deploymentComplete, syncRolloutStatus } from './progress';
import { scaleTo } from './state';
import type { SyncState } from './state';
import { desiredReplicas, isActive, sumStatus } from './util';

export function rolloutRecreate(s: SyncState): void {
  // The new ReplicaSet is not created yet, so nothing scales up before the old pods are gone.
  let { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, false);
  let allRSs: (ReplicaSet | undefined)[] = [...oldRSs, newRS];

  let scaledDown = false;
  for (const rs of oldRSs.filter(isActive)) if (scaleTo(s, rs, 0).scaled) scaledDown = true;
  if (scaledDown) return syncRolloutStatus(s, allRSs, newRS);

  if (oldPodsRunning(s, newRS, oldRSs)) return syncRolloutStatus(s, allRSs, newRS);

  if (!newRS) {
    ({ newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, true));
    allRSs = [...oldRSs, newRS];
  }
  if (newRS) scaleTo(s, newRS, desiredReplicas(s.d));
  if (deploymentComplete(s.d, s.d.status)) cleanupDeployment(s, oldRSs);
  syncRolloutStatus(s, allRSs, newRS);
}

/** The pods of the Deployment's ReplicaSets, by ReplicaSet uid (getPodMapForDeployment). */
export function podMap(s: SyncState): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const rs of s.rsList) {
    const uid = rs.metadata?.uid ?? '';
    const pods = s.ctx.store
      .listByOwner('Pod', uid)
      .filter((p) => controllerOf(p)?.uid === uid && selectorMatches(s.d.spec?.selector, p.metadata?.labels));
    out.set(uid, pods);
  }
  return out;
}

/**
 * oldPodsRunning: an old ReplicaSet still reports replicas, or a pod of an old ReplicaSet is not Succeeded or
 * Failed. Terminating pods count: they may still be running.
 */
function oldPodsRunning(s: SyncState, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): boolean {
  if (sumStatus(oldRSs, 'replicas') > 0) return true;
  const newUid = newRS?.metadata?.uid;
  for (const [uid, pods] of podMap(s)) {
    if (uid === newUid) continue;
    for (const p of pods) if (p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded') return true;
  }
  return false;
}
