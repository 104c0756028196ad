/** Pod predicates shared by controllers, with the exact meaning Kubernetes gives them. */
import { seconds } from './meta';
import type { Pod, PodCondition } from './types';

export function podCondition(pod: Pod, type: string): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

/** Active: not Succeeded, not Failed, and not being deleted (controller_utils.IsPodActive). */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata?.deletionTimestamp;
}

export function isPodTerminating(pod: Pod): boolean {
  return pod.metadata?.deletionTimestamp !== undefined;
}

/** The pod's Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/** Simulated second at which the pod last became Ready (NaN when not Ready). */
export function podReadySince(pod: Pod): number {
  const c = podCondition(pod, 'Ready');
  return c?.status === 'True' ? seconds(c.lastTransitionTime) : Number.NaN;
}

/**
 * Available: Ready for more than minReadySeconds (strictly), per podutil.IsPodAvailable.
 * With minReadySeconds 0, Ready means available.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  return podReadySince(pod) + minReadySeconds < now;
}

/** The highest restart count of any container, as the ReplicaSet's ranking compares them. */
export function maxRestarts(pod: Pod): number {
  let max = 0;
  for (const s of pod.status?.containerStatuses ?? []) max = Math.max(max, s.restartCount);
  return max;
}
