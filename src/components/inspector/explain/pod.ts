/**
 * Why a pod is in the state it is: the scheduler's per-node verdict for a Pending pod, the kubelet's
 * back-off for a crash loop, the node's silence for a pod stuck Terminating, and the pod's life story from
 * its events. Plain words first, then Kubernetes' own message.
 */
import { formatCpu, formatBytes } from '../../../engine/api/quantity';
import { podRequests } from '../../../engine/api/resources';
import type { ContainerStatus, Node, Pod } from '../../../engine/api/types';
import type { ClusterMirror } from '../../../state/mirror';
import {
  compareNames,
  isMachineDown,
  isPodReady,
  nodeCondition,
  nodeUsage,
  podStatusWord,
  restartCountdown,
  simTime,
} from '../../graph/model';
import type { Explanation, Section, Tone } from './common';
import { conditionsTable, formatClock, formatDuration, plural, relative, storyOf } from './common';

/** The scheduler's last verdict for a pending pod (runtime `sched/<namespace>/<pod>`). */
export interface SchedulingVerdictLike {
  readonly attempts: number;
  readonly lastAttempt: number;
  readonly message: string;
  readonly nodes: Readonly<Record<string, readonly string[]>>;
  readonly retryAt: number;
}

export function verdictOf(
  mirror: ClusterMirror,
  namespace: string,
  name: string,
): SchedulingVerdictLike | undefined {
  return mirror.runtime.get(`sched/${namespace}/${name}`) as SchedulingVerdictLike | undefined;
}

function memText(b: number): string {
  if (b >= 2 ** 30 && b % 2 ** 28 === 0) return `${b / 2 ** 30}Gi`;
  if (b % 2 ** 20 === 0) return formatBytes(b);
  return `${Math.round(b / 2 ** 20)}Mi`;
}

/**
 * One scheduler filter reason in plain words, with the numbers behind a resource shortfall:
 * "not enough free CPU: the pod requests 6, the node has 3750m free".
 */
export function plainReason(
  reason: string,
  pod: Pod | undefined,
  node: Node | undefined,
  podsOnNode: readonly Pod[],
): string {
  const m = /^Insufficient (.+)$/.exec(reason);
  if (m) {
    const resource = m[1] ?? '';
    const what = resource === 'cpu' ? 'CPU' : resource;
    if (pod && node && (resource === 'cpu' || resource === 'memory')) {
      const usage = nodeUsage(node, podsOnNode)[resource];
      const want = podRequests(pod)[resource] ?? 0;
      const free = Math.max(0, usage.allocatable - usage.requested);
      const fmt = resource === 'cpu' ? formatCpu : memText;
      return `not enough free ${what}: the pod requests ${fmt(want)}, the node has ${fmt(free)} free`;
    }
    return `not enough free ${what}`;
  }
  switch (reason) {
    case 'Too many pods':
      return 'it already runs as many pods as it allows';
    case 'node(s) were unschedulable':
      return 'it is cordoned (marked unschedulable)';
    case 'node(s) had untolerated taint(s)': {
      const taints = (node?.spec?.taints ?? []).map(
        (t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`,
      );
      return taints.length
        ? `it has a taint the pod does not tolerate (${taints.join(', ')})`
        : 'it has a taint the pod does not tolerate';
    }
    case "node(s) didn't match Pod's node affinity/selector":
      return "its labels do not match the pod's node selector or affinity";
    case "node(s) didn't have free ports for the requested pod ports":
      return 'the host port the pod asks for is already taken there';
    case "node(s) didn't match pod topology spread constraints":
      return "placing it there would break the pod's topology spread constraint";
    case "node(s) didn't match pod affinity rules":
      return 'no pod the affinity rule asks for runs there';
    case "node(s) didn't match pod anti-affinity rules":
    case "node(s) didn't satisfy existing pods anti-affinity rules":
      return 'an anti-affinity rule keeps the pod away from it';
    default:
      return reason;
  }
}

function fixFor(reasons: readonly string[]): string | null {
  if (reasons.some((r) => r.startsWith('Insufficient')))
    return 'What would help: ask for less (lower the requests), free room by removing other pods, or add a node with more capacity.';
  if (reasons.includes('node(s) had untolerated taint(s)'))
    return 'What would help: give the pod a toleration for the taint, or remove the taint from a node.';
  if (reasons.includes('node(s) were unschedulable')) return 'What would help: uncordon a node.';
  if (reasons.includes("node(s) didn't match Pod's node affinity/selector"))
    return "What would help: label a node to match, or relax the pod's node selector.";
  return null;
}

/** The "why Pending" part: one sentence per node, the retry, and what would help. */
export function explainScheduling(
  mirror: ClusterMirror,
  pod: Pod,
  verdict: SchedulingVerdictLike,
): Section[] {
  const names = Object.keys(verdict.nodes).sort(compareNames);
  const podsByNode = new Map<string, Pod[]>();
  for (const [key, o] of mirror.objects) {
    if (!key.startsWith('Pod/')) continue;
    const n = (o as Pod).spec?.nodeName;
    if (!n) continue;
    const list = podsByNode.get(n) ?? [];
    list.push(o as Pod);
    podsByNode.set(n, list);
  }
  const lines = names.map((n) => {
    const node = mirror.objects.get(`Node/${n}`) as Node | undefined;
    const reasons = verdict.nodes[n] ?? [];
    const plain = reasons.map((r) => plainReason(r, pod, node, podsByNode.get(n) ?? [])).join('; ');
    return `${n}: ${plain} (${reasons.join(', ')}).`;
  });
  const all = names.flatMap((n) => verdict.nodes[n] ?? []);
  const retry = verdict.retryAt - mirror.t;
  const tail = [
    `The scheduler has tried ${plural(verdict.attempts, 'time')}; it tries again as soon as something in the cluster changes, and at the latest ${relative(retry)}.`,
  ];
  const fix = fixFor(all);
  if (fix) tail.push(fix);
  return [
    { type: 'text', heading: 'Why no node fits', lines: [...lines, ...tail] },
    { type: 'message', heading: 'FailedScheduling (default-scheduler)', message: verdict.message },
  ];
}

function requestText(pod: Pod): string | null {
  const r = podRequests(pod);
  const parts: string[] = [];
  if (r.cpu) parts.push(`${formatCpu(r.cpu)} CPU`);
  if (r.memory) parts.push(`${memText(r.memory)} memory`);
  return parts.length ? `It requests ${parts.join(' and ')}.` : null;
}

function containerState(c: ContainerStatus): string {
  if (c.state?.running) return `Running since ${c.state.running.startedAt ?? '?'}`;
  if (c.state?.waiting) return `Waiting: ${c.state.waiting.reason ?? ''}`;
  if (c.state?.terminated)
    return `Terminated: ${c.state.terminated.reason ?? ''} (exit code ${c.state.terminated.exitCode})`;
  return 'not started';
}

function lastExit(pod: Pod): { reason: string; exitCode: number } | null {
  for (const c of pod.status?.containerStatuses ?? []) {
    const t = c.lastState?.terminated ?? c.state?.terminated;
    if (t) return { reason: t.reason ?? 'Error', exitCode: t.exitCode };
  }
  return null;
}

/** Headline and tone for a pod, from its STATUS word and what is around it. */
function headlineOf(
  mirror: ClusterMirror,
  pod: Pod,
  status: string,
  verdict: SchedulingVerdictLike | undefined,
): [string, Tone] {
  const ns = pod.metadata?.namespace ?? 'default';
  const name = pod.metadata?.name ?? '';
  const nodeName = pod.spec?.nodeName;
  const node = nodeName ? (mirror.objects.get(`Node/${nodeName}`) as Node | undefined) : undefined;
  const nodeGone = node ? nodeCondition(node) !== 'Ready' : false;
  const ready = isPodReady(pod);
  if (pod.metadata?.deletionTimestamp) {
    if (nodeName && (nodeGone || isMachineDown(mirror, nodeName)))
      return [
        `Being deleted, but its node ${nodeName} is not reporting, so nobody can confirm its containers stopped: it stays Terminating until the node comes back. Its ReplicaSet has already made a replacement.`,
        'problem',
      ];
    return [
      'Being deleted: the kubelet is stopping its containers (SIGTERM, then SIGKILL after the grace period).',
      'progress',
    ];
  }
  if (!nodeName) {
    if (verdict) {
      const n = Object.keys(verdict.nodes).length;
      return [
        `No node can take this pod, so it waits Pending: the scheduler checked ${plural(n, 'node')} and each one failed a filter.`,
        'problem',
      ];
    }
    return ['Waiting for the scheduler to choose a node.', 'progress'];
  }
  switch (status) {
    case 'ContainerCreating':
    case 'PodInitializing':
      return [
        `Scheduled on ${nodeName}; the kubelet there is pulling the image and starting the container.`,
        'progress',
      ];
    case 'CrashLoopBackOff': {
      const left = restartCountdown(mirror, ns, name);
      const exit = lastExit(pod);
      const why = exit ? ` (last exit: ${exit.reason}, exit code ${exit.exitCode})` : '';
      const when = left !== null ? ` Next restart in ${formatDuration(left)}.` : '';
      return [
        `Its container keeps exiting${why}. The kubelet restarts it in place, waiting longer each time (10s, 20s, 40s … up to 5m).${when} Restarting does not fix a bug.`,
        'problem',
      ];
    }
    case 'ImagePullBackOff':
    case 'ErrImagePull':
      return [
        'The kubelet cannot pull the image, and retries with a growing delay. Check the image name and tag.',
        'problem',
      ];
    case 'OOMKilled':
      return [
        'The container used more memory than its limit, so the kernel killed it (OOMKilled). The kubelet will restart it.',
        'problem',
      ];
    case 'Error':
      return [
        'The container exited with an error. The kubelet will restart it (restartPolicy Always).',
        'problem',
      ];
    case 'Evicted':
      return ['Evicted from its node; its controller creates a replacement elsewhere.', 'problem'];
    case 'Completed':
      return ['Its containers finished successfully.', 'ok'];
    default:
      break;
  }
  if (status === 'Running' && ready)
    return [`Running and ready on ${nodeName}: Services that select it send it traffic.`, 'ok'];
  if (status === 'Running' && nodeGone)
    return [
      `Still Running as far as the API knows, but its node ${nodeName} stopped reporting, so the node controller marked it not ready and Services stopped sending it traffic.`,
      'problem',
    ];
  if (status === 'Running')
    return [
      'Running, but not ready yet: until its readiness check passes, Services send it no traffic.',
      'progress',
    ];
  return [`Status ${status}.`, 'info'];
}

/** Everything the inspector says about one pod. */
export function explainPod(mirror: ClusterMirror, namespace: string, name: string): Explanation | null {
  const pod = mirror.objects.get(`Pod/${namespace}/${name}`) as Pod | undefined;
  if (!pod) return null;
  const status = podStatusWord(pod);
  const verdict = pod.spec?.nodeName ? undefined : verdictOf(mirror, namespace, name);
  const [headline, tone] = headlineOf(mirror, pod, status, verdict);
  const sections: Section[] = [];
  const facts: string[] = [
    `STATUS ${status}, ${isPodReady(pod) ? 'ready' : 'not ready'}, ${plural(restartsOf(pod), 'restart')}.`,
  ];
  const owner = pod.metadata?.ownerReferences?.find((o) => o.controller);
  if (owner) facts.push(`Owned by ${owner.kind} ${owner.name}.`);
  facts.push(pod.spec?.nodeName ? `Runs on ${pod.spec.nodeName}.` : 'Not bound to a node yet.');
  const req = requestText(pod);
  if (req) facts.push(req);
  sections.push({ type: 'text', heading: 'Facts', lines: facts });
  if (verdict) sections.push(...explainScheduling(mirror, pod, verdict));
  for (const c of pod.status?.containerStatuses ?? []) {
    const msg = c.state?.waiting?.message;
    if (msg)
      sections.push({
        type: 'message',
        heading: `${c.state?.waiting?.reason ?? 'Waiting'} (kubelet)`,
        message: msg,
      });
  }
  sections.push({ type: 'story', heading: 'Life story (events)', items: storyOf(mirror, pod) });
  sections.push(conditionsTable('Conditions', pod.status?.conditions));
  const containers = pod.status?.containerStatuses ?? [];
  if (containers.length) {
    sections.push({
      type: 'table',
      heading: 'Containers',
      columns: ['Name', 'State', 'Ready', 'Restarts', 'Last exit'],
      rows: containers.map((c) => {
        const t = c.lastState?.terminated;
        return [
          c.name,
          containerState(c),
          c.ready ? 'yes' : 'no',
          String(c.restartCount),
          t
            ? `${t.reason ?? ''} (${t.exitCode}) at ${t.finishedAt ? formatClock(simTime(t.finishedAt)) : '?'}`
            : '',
        ];
      }),
    });
  }
  return { kind: 'Pod', name, headline, tone, sections };
}

function restartsOf(pod: Pod): number {
  let n = 0;
  for (const s of pod.status?.containerStatuses ?? []) n += s.restartCount;
  return n;
}
