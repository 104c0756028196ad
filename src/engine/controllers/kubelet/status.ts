/**
 * The kubelet's status manager: PodStatus from the runtime facts (kubelet_pods.go generateAPIPodStatus,
 * getPhase, the pod conditions), init containers and sidecars included. Left out: resize status, resources and
 * user namespaces.
 */
import type { ContainerState, ContainerStatus, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import { timestamp as rfc3339 } from '../../api/meta';
import type { Container, Node, Pod } from '../../api/types';
import { msg } from './messages';
import type { ContainerRt, PodRt, Termination } from './runtime';
import { imageRefs } from './runtime';

const tsCache = new Map<number, string>();

/** meta.timestamp, memoized: statuses repeat the same few instants many times. */
function timestamp(t: number): string {
  let s = tsCache.get(t);
  if (s === undefined) {
    s = rfc3339(t);
    if (tsCache.size > 50_000) tsCache.clear();
    tsCache.set(t, s);
  }
  return s;
}

function terminated(t: Termination): ContainerState {
  return {
    terminated: {
      exitCode: t.exitCode,
      reason: t.reason,
      startedAt: timestamp(t.startedAt),
      finishedAt: timestamp(t.finishedAt),
      containerID: t.containerID,
    },
  };
}

function waiting(reason: string, message?: string): ContainerState {
  return { waiting: message === undefined ? { reason } : { reason, message } };
}

const CONTAINER_CREATING = waiting('ContainerCreating');
const POD_INITIALIZING = waiting('PodInitializing');

/** State and lastState as `kubectl get pod -o yaml` shows them. */
function states(
  c: ContainerRt,
  image: string,
  pod: Pod,
): { state: ContainerState; last?: Termination | undefined } {
  const p = c.proc;
  // A container the runtime has not created yet: PodInitializing in a pod with init containers.
  const CREATING = pod.spec?.initContainers?.length ? POD_INITIALIZING : CONTAINER_CREATING;
  const showLast = (): { state: ContainerState; last?: Termination | undefined } =>
    c.last ? { state: terminated(c.last), last: c.prev } : { state: CREATING };
  switch (p.k) {
    case 'idle':
      return c.last ? showLast() : { state: CREATING };
    case 'pull':
      if (p.show === 'terminated') return showLast();
      if (p.show) return { state: waiting(p.show.reason, p.show.message), last: c.last };
      return c.last ? showLast() : { state: CREATING, last: c.last };
    case 'pullErr':
      return p.shown
        ? { state: waiting('ImagePullBackOff', msg.pullBackOff(image)), last: c.last }
        : { state: waiting('ErrImagePull', p.msg), last: c.last };
    case 'stuck':
      return { state: waiting(p.reason, p.msg), last: c.last };
    case 'configErr':
      return { state: waiting(p.reason ?? 'CreateContainerConfigError', p.msg), last: c.last };
    case 'run':
      return { state: { running: { startedAt: timestamp(p.start) } }, last: c.last };
    case 'exited':
      if (p.restartAt !== undefined && p.shown && p.backoff !== undefined) {
        return { state: waiting('CrashLoopBackOff', msg.crashLoop(p.backoff, c.name, pod)), last: c.last };
      }
      return showLast();
  }
}

/** What "shown" means for a container about to pull again: keep showing what the status shows now. */
export function currentShown(
  c: ContainerRt,
  image: string,
  pod: Pod,
): { reason: string; message?: string } | 'terminated' {
  const s = states(c, image, pod).state;
  if (s.waiting)
    return s.waiting.message === undefined
      ? { reason: s.waiting.reason ?? '' }
      : { reason: s.waiting.reason ?? '', message: s.waiting.message };
  return 'terminated';
}

export function containerReady(c: ContainerRt): boolean {
  return c.proc.k === 'run' && c.started && (c.readiness === undefined || c.readiness.result === 'success');
}

function containerStatus(c: ContainerRt, pod: Pod, spec: Container | undefined): ContainerStatus {
  const { ref, imageID } = imageRefs(spec?.image ?? '');
  const { state, last } = states(c, spec?.image ?? '', pod);
  const id = c.proc.k === 'run' ? c.proc.id : c.last?.containerID;
  const out: ContainerStatus = {
    name: c.name,
    state,
    lastState: last ? terminated(last) : {},
    ready: containerReady(c),
    restartCount: c.restarts,
    image: ref,
    imageID: c.ran ? imageID : '',
    started: c.proc.k === 'run' && c.started,
  };
  if (id !== undefined) out.containerID = id;
  return out;
}

/** What the init containers say about the pod (kubelet getPhase's first loop). */
interface InitProgress {
  /** Init containers not done: a regular one not yet succeeded, a sidecar not yet started. */
  readonly pending: readonly string[];
  /** A regular init container failed (its last run exited non-zero). */
  readonly failed: boolean;
}

function initProgress(pod: Pod, statuses: readonly ContainerStatus[]): InitProgress {
  const pending: string[] = [];
  let failed = false;
  (pod.spec?.initContainers ?? []).forEach((spec, i) => {
    const s = statuses[i];
    const term = s?.state?.terminated;
    const last = s?.lastState?.terminated;
    if (spec.restartPolicy === 'Always') {
      if (s?.state?.running ? !s.started : !term && !last) pending.push(spec.name);
      return;
    }
    if (term) {
      if (term.exitCode !== 0) {
        failed = true;
        pending.push(spec.name);
      }
    } else if (s?.state?.waiting && last) {
      if (last.exitCode !== 0) failed = true;
      pending.push(spec.name);
    } else pending.push(spec.name);
  });
  return { pending, failed };
}

/** kubelet getPhase over the container statuses. `terminal`: the pod is being deleted and nothing runs. */
export function podPhase(
  statuses: readonly ContainerStatus[],
  restartPolicy: string,
  terminal: boolean,
  init: InitProgress = { pending: [], failed: false },
): string {
  if (init.failed && restartPolicy === 'Never') return 'Failed';
  let waitingN = 0;
  let running = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of statuses) {
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.lastState?.terminated) stopped++;
    else waitingN++;
  }
  if (init.pending.length > 0 || waitingN > 0) return terminal ? 'Failed' : 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (terminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

function condition(
  prev: readonly PodCondition[],
  type: string,
  status: 'True' | 'False',
  now: number,
  reason?: string,
  message?: string,
): PodCondition {
  const old = prev.find((c) => c.type === type);
  const out: PodCondition = {
    type,
    status,
    lastTransitionTime:
      old && old.status === status && old.lastTransitionTime ? old.lastTransitionTime : timestamp(now),
  };
  if (reason !== undefined) out.reason = reason;
  if (message !== undefined) out.message = message;
  return out;
}

const OWN = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

/** The whole status the kubelet would post for this pod now. */
export function buildStatus(pod: Pod, node: Node, rt: PodRt, now: number, terminal = false): PodStatus {
  const inits = pod.spec?.initContainers ?? [];
  const n = inits.length;
  const specs = [...inits, ...(pod.spec?.containers ?? [])];
  const all = rt.containers.map((c, i) => containerStatus(c, pod, specs[i]));
  const initStatuses = all.slice(0, n);
  const statuses = all.slice(n);
  const init = initProgress(pod, initStatuses);
  let phase = podPhase(statuses, pod.spec?.restartPolicy ?? 'Always', terminal, init);
  if (terminal && phase !== 'Succeeded') phase = 'Failed';
  // The app containers have finished, but the pod is done only once its sidecars have stopped too.
  const sidecarRunning = rt.containers.some(
    (c, i) => i < n && inits[i]?.restartPolicy === 'Always' && c.proc.k === 'run',
  );
  if (sidecarRunning && !init.failed && (phase === 'Succeeded' || phase === 'Failed')) phase = 'Running';
  const done = phase === 'Succeeded' || phase === 'Failed';
  const prev = pod.status?.conditions ?? [];
  // Readiness counts the app containers and the sidecars.
  const unready = rt.containers
    .filter((c, i) => (i >= n || inits[i]?.restartPolicy === 'Always') && !containerReady(c))
    .map((c) => c.name);
  const readyCond = (type: string): PodCondition =>
    done
      ? condition(prev, type, 'False', now, 'PodCompleted')
      : unready.length
        ? condition(prev, type, 'False', now, 'ContainersNotReady', msg.containersNotReady(unready))
        : condition(prev, type, 'True', now);
  const initialized =
    init.pending.length === 0 || (done && !init.failed)
      ? condition(prev, 'Initialized', 'True', now)
      : condition(
          prev,
          'Initialized',
          'False',
          now,
          'ContainersNotInitialized',
          msg.containersNotInitialized(init.pending),
        );
  const scheduled =
    prev.find((c) => c.type === 'PodScheduled') ?? condition(prev, 'PodScheduled', 'True', now);
  const conditions: PodCondition[] = [
    condition(prev, 'PodReadyToStartContainers', done || rt.mount ? 'False' : 'True', now),
    initialized,
    readyCond('Ready'),
    readyCond('ContainersReady'),
    scheduled,
    ...prev.filter((c) => !OWN.has(c.type)),
  ];
  const hostIP = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
  return {
    ...pod.status,
    phase,
    conditions,
    hostIP,
    hostIPs: [{ ip: hostIP }],
    ...(rt.ip ? { podIP: rt.ip, podIPs: [{ ip: rt.ip }] } : {}),
    startTime: timestamp(rt.admittedAt),
    ...(n ? { initContainerStatuses: initStatuses } : {}),
    containerStatuses: statuses,
  };
}

/** Deep equality of plain JSON-like data (key order ignored), cheaper than comparing serialisations. */
export function samePlain(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!samePlain(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let n = 0;
  for (const k in ao) {
    if (ao[k] === undefined) continue;
    n++;
    if (!samePlain(ao[k], bo[k])) return false;
  }
  for (const k in bo) if (bo[k] !== undefined) n--;
  return n === 0;
}
