/**
 * The STATUS and READY columns of `kubectl get pods`, computed as kubectl's table printer does
 * (pkg/printers/internalversion/printers.go printPod): phase or reason, init-container progress, the last
 * container's waiting or terminated reason, Terminating and Unknown (NodeLost). Left out: the RESTARTS column.
 */
import type { Container, ContainerStatus, Pod } from './types';

function isRestartableInit(c: Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

function hasReadyCondition(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

function initializedTrue(pod: Pod): boolean {
  const c = pod.status?.conditions?.find((x) => x.type === 'Initialized');
  return c?.status === 'True';
}

/** The reason a terminated container shows: its reason, else Signal:N or ExitCode:N. */
function terminatedWord(
  t: NonNullable<NonNullable<ContainerStatus['state']>['terminated']>,
  prefix = '',
): string {
  if (t.reason) return prefix + t.reason;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode}`;
}

function printPod(pod: Pod): { reason: string; ready: number; total: number } {
  const spec = pod.spec;
  const status = pod.status;
  // A pod the API server accepted is Pending until something says otherwise.
  const phase = status?.phase || 'Pending';
  let reason = status?.reason || phase;
  if (status?.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }
  const initSpecs = new Map((spec?.initContainers ?? []).map((c) => [c.name, c] as const));
  let total = (spec?.containers ?? []).length;
  for (const c of spec?.initContainers ?? []) if (isRestartableInit(c)) total++;
  let ready = 0;

  let initializing = false;
  const inits = status?.initContainerStatuses ?? [];
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i] as ContainerStatus;
    const term = c.state?.terminated;
    const wait = c.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (isRestartableInit(initSpecs.get(c.name)) && c.started === true) {
      if (c.ready) ready++;
      continue;
    }
    if (term) reason = terminatedWord(term, 'Init:');
    else if (wait?.reason && wait.reason !== 'PodInitializing') reason = `Init:${wait.reason}`;
    else reason = `Init:${i}/${(spec?.initContainers ?? []).length}`;
    initializing = true;
    break;
  }

  if (!initializing || initializedTrue(pod)) {
    let hasRunning = false;
    const statuses = status?.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i] as ContainerStatus;
      const wait = c.state?.waiting;
      const term = c.state?.terminated;
      if (wait?.reason) reason = wait.reason;
      else if (term) reason = terminatedWord(term);
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    // A pod with a container still running is not Completed just because another one finished.
    if (reason === 'Completed' && hasRunning) reason = hasReadyCondition(pod) ? 'Running' : 'NotReady';
  }

  if (pod.metadata?.deletionTimestamp && status?.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed')
    reason = 'Terminating';
  return { reason, ready, total };
}

/**
 * The STATUS column of `kubectl get pods`: Pending, ContainerCreating, Running, Completed, Error,
 * CrashLoopBackOff, ImagePullBackOff, ErrImagePull, OOMKilled, Terminating, Unknown, Init:0/1, ...
 * The word depends only on the pod (`_now` is accepted for callers that render at a time).
 */
export function podStatusWord(pod: Pod, _now?: number): string {
  return printPod(pod).reason;
}

/** The READY column: ready containers / containers (restartable init containers count too), e.g. "1/1". */
export function podReadyColumn(pod: Pod): string {
  const { ready, total } = printPod(pod);
  return `${ready}/${total}`;
}
