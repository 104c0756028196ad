/**
 * Why a pod is in the state it is: the scheduler's per-node verdict for a Pending pod, the kubelet's
 * back-off for a crash loop, the node's silence for a pod stuck Terminating, and the pod's life story from
 * its events. Plain words first, then Kubernetes' own message.
 */
import type { ContainerStatus, Node, Pod } from '../../../engine';
import { formatBytes, formatCpu, podRequests } from '../../../engine';
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
import { explainStrings } from '../../../strings/explain';
import type { Explanation, Section, Tone } from './common';
import { conditionsTable, formatClock, formatDuration, relative, storyOf } from './common';

const S = explainStrings.pod;

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
    const what = resource === 'cpu' ? S.cpu : resource;
    if (pod && node && (resource === 'cpu' || resource === 'memory')) {
      const usage = nodeUsage(node, podsOnNode)[resource];
      const want = podRequests(pod)[resource] ?? 0;
      const free = Math.max(0, usage.allocatable - usage.requested);
      const fmt = resource === 'cpu' ? formatCpu : memText;
      return S.notEnoughWithNumbers(what, fmt(want), fmt(free));
    }
    return S.notEnough(what);
  }
  // The case labels are the scheduler's own filter reasons, verbatim.
  switch (reason) {
    case 'Too many pods':
      return S.tooManyPods;
    case 'node(s) were unschedulable':
      return S.cordoned;
    case 'node(s) had untolerated taint(s)': {
      const taints = (node?.spec?.taints ?? []).map(
        (t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`,
      );
      return taints.length ? S.untoleratedTaints(taints) : S.untoleratedTaint;
    }
    case "node(s) didn't match Pod's node affinity/selector":
      return S.nodeSelector;
    case "node(s) didn't have free ports for the requested pod ports":
      return S.hostPort;
    case "node(s) didn't match pod topology spread constraints":
      return S.topologySpread;
    case "node(s) didn't match pod affinity rules":
      return S.podAffinity;
    case "node(s) didn't match pod anti-affinity rules":
    case "node(s) didn't satisfy existing pods anti-affinity rules":
      return S.antiAffinity;
    default:
      return reason;
  }
}

function fixFor(reasons: readonly string[]): string | null {
  if (reasons.some((r) => r.startsWith('Insufficient'))) return S.fixResources;
  if (reasons.includes('node(s) had untolerated taint(s)')) return S.fixTaint;
  if (reasons.includes('node(s) were unschedulable')) return S.fixCordon;
  if (reasons.includes("node(s) didn't match Pod's node affinity/selector")) return S.fixNodeSelector;
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
    const plain = reasons.map((r) => plainReason(r, pod, node, podsByNode.get(n) ?? []));
    return S.nodeVerdict(n, plain, reasons);
  });
  const all = names.flatMap((n) => verdict.nodes[n] ?? []);
  const retry = verdict.retryAt - mirror.t;
  const tail = [S.schedulerRetry(verdict.attempts, relative(retry))];
  const fix = fixFor(all);
  if (fix) tail.push(fix);
  return [
    { type: 'text', heading: S.headings.whyNoNodeFits, lines: [...lines, ...tail] },
    { type: 'message', heading: 'FailedScheduling (default-scheduler)', message: verdict.message },
  ];
}

function requestText(pod: Pod): string | null {
  const r = podRequests(pod);
  const parts: string[] = [];
  if (r.cpu) parts.push(S.cpuAmount(formatCpu(r.cpu)));
  if (r.memory) parts.push(S.memoryAmount(memText(r.memory)));
  return parts.length ? S.requests(parts) : null;
}

function containerState(c: ContainerStatus): string {
  if (c.state?.running) return S.runningSince(c.state.running.startedAt ?? explainStrings.unknownTime);
  if (c.state?.waiting) return S.waiting(c.state.waiting.reason ?? '');
  if (c.state?.terminated) return S.terminated(c.state.terminated.reason ?? '', c.state.terminated.exitCode);
  return S.notStarted;
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
      return [S.deletingNodeSilent(nodeName), 'problem'];
    return [S.deleting, 'progress'];
  }
  if (!nodeName) {
    if (verdict) return [S.noNodeFits(Object.keys(verdict.nodes).length), 'problem'];
    return [S.waitingForScheduler, 'progress'];
  }
  switch (status) {
    case 'ContainerCreating':
    case 'PodInitializing':
      return [S.scheduledOn(nodeName), 'progress'];
    case 'CrashLoopBackOff': {
      const left = restartCountdown(mirror, ns, name);
      return [S.crashLoop(lastExit(pod), left !== null ? formatDuration(left) : null), 'problem'];
    }
    case 'ImagePullBackOff':
    case 'ErrImagePull':
      return [S.imagePull, 'problem'];
    case 'OOMKilled':
      return [S.oomKilled, 'problem'];
    case 'Error':
      return [S.error, 'problem'];
    case 'Evicted':
      return [S.evicted, 'problem'];
    case 'Completed':
      return [S.completed, 'ok'];
    default:
      break;
  }
  if (status === 'Running' && ready) return [S.runningReady(nodeName), 'ok'];
  if (status === 'Running' && nodeGone) return [S.runningNodeSilent(nodeName), 'problem'];
  if (status === 'Running') return [S.runningNotReady, 'progress'];
  return [S.status(status), 'info'];
}

/** Everything the inspector says about one pod. */
/**
 * What the simulated container runtime could not interpret in this pod's containers (runtime
 * `pod/<namespace>/<name>`): it runs such a program until stopped, and says so here.
 */
function runtimeNotes(mirror: ClusterMirror, namespace: string, name: string): string[] {
  const rt = mirror.runtime.get(`pod/${namespace}/${name}`) as
    { containers?: readonly { name: string; note?: string }[] } | undefined;
  return (rt?.containers ?? []).filter((c) => c.note).map((c) => S.simulationNote(c.name, c.note ?? ''));
}

export function explainPod(mirror: ClusterMirror, namespace: string, name: string): Explanation | null {
  const pod = mirror.objects.get(`Pod/${namespace}/${name}`) as Pod | undefined;
  if (!pod) return null;
  const status = podStatusWord(pod);
  const verdict = pod.spec?.nodeName ? undefined : verdictOf(mirror, namespace, name);
  const [headline, tone] = headlineOf(mirror, pod, status, verdict);
  const sections: Section[] = [];
  const facts: string[] = [S.facts(status, isPodReady(pod), restartsOf(pod))];
  const owner = pod.metadata?.ownerReferences?.find((o) => o.controller);
  if (owner) facts.push(S.ownedBy(owner.kind, owner.name));
  facts.push(pod.spec?.nodeName ? S.runsOn(pod.spec.nodeName) : S.notBound);
  const req = requestText(pod);
  if (req) facts.push(req);
  sections.push({ type: 'text', heading: S.headings.facts, lines: facts });
  if (verdict) sections.push(...explainScheduling(mirror, pod, verdict));
  for (const c of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const msg = c.state?.waiting?.message;
    if (msg)
      sections.push({
        type: 'message',
        heading: `${c.state?.waiting?.reason ?? 'Waiting'} (kubelet)`,
        message: msg,
      });
  }
  const notes = runtimeNotes(mirror, namespace, name);
  if (notes.length) sections.push({ type: 'text', heading: S.headings.simulationNotes, lines: notes });
  sections.push({ type: 'story', heading: S.headings.lifeStory, items: storyOf(mirror, pod) });
  sections.push(conditionsTable(pod.status?.conditions));
  const containers = pod.status?.containerStatuses ?? [];
  if (containers.length) {
    sections.push({
      type: 'table',
      heading: S.headings.containers,
      columns: S.containerColumns,
      rows: containers.map((c) => {
        const t = c.lastState?.terminated;
        return [
          c.name,
          containerState(c),
          c.ready ? explainStrings.yes : explainStrings.no,
          String(c.restartCount),
          t
            ? S.lastExit(
                t.reason ?? '',
                t.exitCode,
                t.finishedAt ? formatClock(simTime(t.finishedAt)) : explainStrings.unknownTime,
              )
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
