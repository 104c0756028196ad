/**
 * Deployment status and conditions (sync.go calculateStatus, progress.go syncRolloutStatus): the counts
 * summed over the ReplicaSets, Available, Progressing with its deadline, ReplicaFailure, pause/resume.
 */
import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import { seconds } from '../../api/meta';
import { writeStatus } from './state';
import type { SyncState } from './state';
import {
  REASON_MIN_AVAILABLE,
  REASON_MIN_UNAVAILABLE,
  REASON_NEW_RS_AVAILABLE,
  REASON_PAUSED,
  REASON_RESUMED,
  REASON_RS_UPDATED,
  REASON_TIMED_OUT,
  desiredReplicas,
  getCondition,
  hasProgressDeadline,
  maxUnavailable,
  newCondition,
  progressDeadline,
  removeCondition,
  setCondition,
  statusEqual,
  sumSpec,
  sumStatus,
} from './util';

type RSs = readonly (ReplicaSet | undefined)[];

/** calculateStatus: counts from the ReplicaSets, the stored conditions, and Available re-evaluated. */
export function calculateStatus(
  allRSs: RSs,
  newRS: ReplicaSet | undefined,
  d: Deployment,
  now: number,
): DeploymentStatus {
  const available = sumStatus(allRSs, 'availableReplicas');
  const unavailable = Math.max(0, sumSpec(allRSs) - available);
  // Zero counts are left out, as the API omits them (omitempty).
  const counts: [keyof DeploymentStatus, number][] = [
    ['observedGeneration', d.metadata?.generation ?? 0],
    ['replicas', sumStatus(allRSs, 'replicas')],
    ['updatedReplicas', sumStatus([newRS], 'replicas')],
    ['readyReplicas', sumStatus(allRSs, 'readyReplicas')],
    ['availableReplicas', available],
    ['unavailableReplicas', unavailable],
  ];
  let status: DeploymentStatus = {};
  for (const [k, v] of counts) if (v) status = { ...status, [k]: v };
  if (d.status?.conditions?.length) status.conditions = [...d.status.conditions];
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  const c =
    available >= desiredReplicas(d) - maxUnavailable(d)
      ? newCondition('Available', 'True', REASON_MIN_AVAILABLE, 'Deployment has minimum availability.', now)
      : newCondition(
          'Available',
          'False',
          REASON_MIN_UNAVAILABLE,
          'Deployment does not have minimum availability.',
          now,
        );
  return setCondition(status, c);
}

/** DeploymentComplete: every replica updated and available, no old ones left, and the spec observed. */
export function deploymentComplete(d: Deployment, st: DeploymentStatus | undefined): boolean {
  const r = desiredReplicas(d);
  return (
    (st?.updatedReplicas ?? 0) === r &&
    (st?.replicas ?? 0) === r &&
    (st?.availableReplicas ?? 0) === r &&
    (st?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0)
  );
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available than the stored status. */
function deploymentProgressing(d: Deployment, st: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (st.replicas ?? 0) - (st.updatedReplicas ?? 0);
  return (
    (st.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (st.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (st.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** DeploymentTimedOut: strictly more than progressDeadlineSeconds since the condition's lastUpdateTime. */
function deploymentTimedOut(d: Deployment, st: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(st, 'Progressing');
  if (!c) return false;
  // A finished rollout is not judged again until a new one records its own condition.
  if (c.reason === REASON_NEW_RS_AVAILABLE) return false;
  if (c.reason === REASON_TIMED_OUT) return true;
  return seconds(c.lastUpdateTime) + progressDeadline(d) < now;
}

/** A ReplicaFailure condition of the new ReplicaSet, else of any ReplicaSet, as a Deployment condition. */
function replicaFailure(allRSs: RSs, newRS: ReplicaSet | undefined): DeploymentCondition | undefined {
  for (const rs of [newRS, ...allRSs]) {
    const c = rs?.status?.conditions?.find((x) => x.type === 'ReplicaFailure');
    if (c) {
      return {
        type: 'ReplicaFailure',
        status: c.status,
        ...(c.lastTransitionTime
          ? { lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime }
          : {}),
        ...(c.reason ? { reason: c.reason } : {}),
        ...(c.message ? { message: c.message } : {}),
      };
    }
  }
  return undefined;
}

/** syncDeploymentStatus: counts and Available only (scaling events and paused deployments). */
export function syncDeploymentStatus(s: SyncState, allRSs: RSs, newRS: ReplicaSet | undefined): void {
  writeStatus(s, calculateStatus(allRSs, newRS, s.d, s.ctx.now));
}

/** syncRolloutStatus: status plus the Progressing verdict, and a wake-up to check the deadline later. */
export function syncRolloutStatus(s: SyncState, allRSs: RSs, newRS: ReplicaSet | undefined): void {
  const d = s.d;
  const now = s.ctx.now;
  let st = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) st = removeCondition(st, 'Progressing');

  const current = getCondition(d.status, 'Progressing');
  // Only the new ReplicaSet is left and it already reported success: nothing to estimate.
  const finished =
    (st.replicas ?? 0) === (st.updatedReplicas ?? 0) && current?.reason === REASON_NEW_RS_AVAILABLE;
  if (hasProgressDeadline(d) && !finished) {
    const rsName = newRS?.metadata?.name;
    const subject =
      rsName !== undefined ? `ReplicaSet "${rsName}"` : `Deployment "${d.metadata?.name ?? ''}"`;
    if (deploymentComplete(d, st)) {
      st = setCondition(
        st,
        newCondition(
          'Progressing',
          'True',
          REASON_NEW_RS_AVAILABLE,
          `${subject} has successfully progressed.`,
          now,
        ),
      );
    } else if (deploymentProgressing(d, st)) {
      // Progress refreshes lastUpdateTime even though status and reason stay the same, which
      // setCondition alone would not do; a True condition keeps its lastTransitionTime.
      let c = newCondition('Progressing', 'True', REASON_RS_UPDATED, `${subject} is progressing.`, now);
      if (current) {
        if (current.status === 'True' && current.lastTransitionTime) {
          c = { ...c, lastTransitionTime: current.lastTransitionTime };
        }
        st = removeCondition(st, 'Progressing');
      }
      st = setCondition(st, c);
    } else if (deploymentTimedOut(d, st, now)) {
      st = setCondition(
        st,
        newCondition('Progressing', 'False', REASON_TIMED_OUT, `${subject} has timed out progressing.`, now),
      );
    }
  }

  const failure = replicaFailure(allRSs, newRS);
  st = failure ? setCondition(st, failure) : removeCondition(st, 'ReplicaFailure');

  if (statusEqual(d.status, st)) {
    requeueStuckDeployment(s, st);
    return;
  }
  writeStatus(s, st);
}

/**
 * requeueStuckDeployment: with no progress seen, come back one second after the deadline would pass
 * (lastUpdateTime + progressDeadlineSeconds - now + 1 s), so the timeout is noticed without any event.
 */
function requeueStuckDeployment(s: SyncState, st: DeploymentStatus): void {
  const d = s.d;
  const current = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !current) return;
  if (deploymentComplete(d, st) || current.reason === REASON_TIMED_OUT) return;
  const after = seconds(current.lastUpdateTime) + progressDeadline(d) - s.ctx.now;
  if (after < 1) {
    // Upstream re-adds the key rate-limited (5 ms) and keeps doing so; only the deadline itself can change
    // the verdict, and it cannot for a condition that already reports success, so that one needs no wake-up.
    if (current.reason !== REASON_NEW_RS_AVAILABLE && Number.isFinite(after)) {
      s.ctx.requeueAfter(Math.max(after, 0) + 0.005);
    }
    return;
  }
  s.ctx.requeueAfter(after + 1);
}

/**
 * checkPausedConditions: Progressing becomes Unknown/DeploymentPaused while paused and Unknown/
 * DeploymentResumed on resume, so time spent paused never counts towards the deadline. A timeout stays.
 */
export function checkPausedConditions(s: SyncState): void {
  const d = s.d;
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(d.status, 'Progressing');
  if (cond?.reason === REASON_TIMED_OUT) return;
  const pausedCond = cond?.reason === REASON_PAUSED;
  let c: DeploymentCondition | undefined;
  if (d.spec?.paused && !pausedCond) {
    c = newCondition('Progressing', 'Unknown', REASON_PAUSED, 'Deployment is paused', s.ctx.now);
  } else if (!d.spec?.paused && pausedCond) {
    c = newCondition('Progressing', 'Unknown', REASON_RESUMED, 'Deployment is resumed', s.ctx.now);
  }
  if (c) writeStatus(s, setCondition(d.status ?? {}, c));
}
