/**
 * Which pod and which container run `kubectl logs` reads: the pod a workload's selector picks
 * (podutils.ByLogging), the default container, and the kubelet's validateContainerLogStatus verdict
 * (which run to read, or why there is nothing to read).
 */
import { seconds } from '../../../api/meta';
import { isPodReady, maxRestarts, podReadySince } from '../../../api/podutil';
import type { Pod } from '../../../api/types';

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

const PHASE_RANK: Readonly<Record<string, number>> = { Running: 0, Unknown: 1, Pending: 2 };

/** ByLogging: scheduled, Running, Ready, Ready longest, most restarts, oldest first. */
export function byLogging(a: Pod, b: Pod): number {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na ? -1 : 1;
  const pa = PHASE_RANK[a.status?.phase ?? ''] ?? 3;
  const pb = PHASE_RANK[b.status?.phase ?? ''] ?? 3;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return ra ? -1 : 1;
  if (ra && rb && podReadySince(a) !== podReadySince(b)) return podReadySince(a) - podReadySince(b);
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(b) - maxRestarts(a);
  return seconds(a.metadata?.creationTimestamp) - seconds(b.metadata?.creationTimestamp);
}

/** podcmd.AllContainerNames: "init, app, sidecar". */
export function allContainerNames(pod: Pod): string {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name).join(', ');
}

/** The container logs default to, and the notice kubectl prints when it had to choose. */
export function defaultContainer(pod: Pod): { name: string; notice?: string } {
  const containers = pod.spec?.containers ?? [];
  const wanted = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (wanted && containers.some((c) => c.name === wanted)) return { name: wanted };
  const name = containers[0]?.name ?? '';
  const several = containers.length > 1 || (pod.spec?.initContainers?.length ?? 0) > 0;
  return several
    ? { name, notice: `Defaulted container "${name}" out of: ${allContainerNames(pod)}` }
    : { name };
}

/** The run to read: a live one (no exit), or a terminated one with its exit. */
export interface RunRef {
  readonly start: number;
  readonly end?: number;
  readonly exit?: { readonly code: number; readonly reason: string };
  readonly live: boolean;
}

/** validateContainerLogStatus: the run `logs` (or `logs --previous`) reads, or the kubelet's refusal. */
export function runToRead(pod: Pod, container: string, previous: boolean): RunRef | { error: string } {
  const podName = pod.metadata?.name ?? '';
  const st = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find(
    (s) => s.name === container,
  );
  if (!st) return { error: `container "${container}" in pod "${podName}" is not available` };
  const last = st.lastState?.terminated;
  const state = st.state;
  const ended = (t: NonNullable<typeof last>): RunRef => ({
    start: seconds(t.startedAt),
    end: seconds(t.finishedAt),
    exit: { code: t.exitCode, reason: t.reason ?? '' },
    live: false,
  });
  if (previous) {
    if (!last?.containerID) {
      return { error: `previous terminated container "${container}" in pod "${podName}" not found` };
    }
    return ended(last);
  }
  if (state?.running) return { start: seconds(state.running.startedAt), live: true };
  if (state?.terminated) {
    if (state.terminated.containerID) return ended(state.terminated);
    if (last?.containerID) return ended(last);
    return { error: `container "${container}" in pod "${podName}" is terminated` };
  }
  if (last) {
    if (!last.containerID) return { error: `container "${container}" in pod "${podName}" is terminated` };
    return ended(last);
  }
  const reason = state?.waiting?.reason;
  if (reason === 'ErrImagePull') {
    return {
      error: `container "${container}" in pod "${podName}" is waiting to start: image can't be pulled`,
    };
  }
  if (reason === 'ImagePullBackOff') {
    return {
      error: `container "${container}" in pod "${podName}" is waiting to start: trying and failing to pull image`,
    };
  }
  if (state?.waiting)
    return { error: `container "${container}" in pod "${podName}" is waiting to start: ${reason ?? ''}` };
  return { error: `container "${container}" in pod "${podName}" is waiting to start - no logs yet` };
}
