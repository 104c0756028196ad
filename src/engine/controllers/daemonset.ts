/**
 * Simulates kube-controller-manager's DaemonSet controller (daemon_controller.go, update.go): one pod per
 * eligible node (node name, selector/affinity and NoSchedule/NoExecute taints, with the automatic daemon
 * tolerations), created with node affinity on metadata.name for the scheduler to place; failed and surplus
 * pods deleted; RollingUpdate with maxUnavailable (no surge), OnDelete; status counts and events.
 * Left out: maxSurge (treated as maxUnavailable 1), the failed-pod back-off, ControllerRevision objects
 * (the revision is the template hash), adoption of orphans and the history cleanup.
 */
import { ApiError } from '../api/errors';
import { createPodFor, deletePodFor } from './podcontrol';
import { controllerOf, ownerReference, seconds, splitNameKey } from '../api/meta';
import { isPodAvailable, isPodReady, podReadySince } from '../api/podutil';
import {
  findMatchingUntoleratedTaint,
  TAINT_NODE_DISK_PRESSURE,
  TAINT_NODE_MEMORY_PRESSURE,
  TAINT_NODE_NETWORK_UNAVAILABLE,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_PID_PRESSURE,
  TAINT_NODE_UNREACHABLE,
  TAINT_NODE_UNSCHEDULABLE,
} from '../api/taints';
import type { DaemonSet, Node, Pod, PodSpec, Toleration } from '../api/types';
import type { DaemonSetStatus } from 'kubernetes-types/apps/v1';
import { stableJson } from '../api/kinds/common';
import type { Controller, ObjectWatch, ReconcileContext } from '../sim/controller';
import { watchOwned } from '../sim/controller';
import { podTemplateHash, scaledValue } from './deployment/util';
import { podMatchesNodeSelectorAndAffinity } from './scheduler/helpers';

export const DAEMONSET_CONTROLLER = 'daemonset-controller';
const SOURCE = { component: DAEMONSET_CONTROLLER } as const;
export const REVISION_LABEL = 'controller-revision-hash';
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
const AVAILABILITY_EPSILON = 0.001;

/** AddOrUpdateDaemonPodTolerations: what every daemon pod tolerates, whatever its template says. */
export function daemonTolerations(spec: PodSpec | undefined): Toleration[] {
  const own = spec?.tolerations ?? [];
  const add: Toleration[] = [
    { key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoExecute' },
    { key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' },
    { key: TAINT_NODE_DISK_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
    { key: TAINT_NODE_MEMORY_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
    { key: TAINT_NODE_PID_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
    { key: TAINT_NODE_UNSCHEDULABLE, operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (spec?.hostNetwork)
    add.push({ key: TAINT_NODE_NETWORK_UNAVAILABLE, operator: 'Exists', effect: 'NoSchedule' });
  const kept = own.filter((t) => !add.some((a) => a.key === t.key && a.effect === t.effect));
  return [...kept, ...add];
}

/** NodeShouldRunDaemonPod: [should a pod be created here, may an existing one keep running]. */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): [boolean, boolean] {
  const spec = ds.spec?.template.spec;
  const name = node.metadata?.name ?? '';
  if (spec?.nodeName && spec.nodeName !== name) return [false, false];
  const probe: Pod = {
    metadata: ds.spec?.template.metadata ?? {},
    spec: { ...(spec as PodSpec), nodeName: name },
  };
  if (!podMatchesNodeSelectorAndAffinity(probe, node)) return [false, false];
  const tolerations = daemonTolerations(spec);
  const taints = node.spec?.taints;
  const hard = findMatchingUntoleratedTaint(
    taints,
    tolerations,
    (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute',
  );
  if (!hard) return [true, true];
  const noExecute = findMatchingUntoleratedTaint(taints, tolerations, (t) => t.effect === 'NoExecute');
  return [false, noExecute === undefined];
}

/** The node a daemon pod is meant for: its binding, or the matchFields metadata.name its affinity names. */
export function targetNode(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms)
    for (const f of t.matchFields ?? [])
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  return undefined;
}

function daemonPod(ds: DaemonSet, node: string, hash: string): Pod {
  const tpl = ds.spec?.template;
  const spec = tpl?.spec as PodSpec;
  const affinity = {
    ...spec.affinity,
    nodeAffinity: {
      ...spec.affinity?.nodeAffinity,
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
      },
    },
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${ds.metadata?.name ?? ''}-`,
      namespace: ds.metadata?.namespace ?? 'default',
      labels: {
        ...tpl?.metadata?.labels,
        [REVISION_LABEL]: hash,
        [TEMPLATE_GENERATION_LABEL]: String(ds.metadata?.generation ?? 1),
      },
      ...(tpl?.metadata?.annotations ? { annotations: { ...tpl.metadata.annotations } } : {}),
      ownerReferences: [ownerReference(ds)],
    },
    spec: { ...spec, affinity, tolerations: daemonTolerations(spec) },
  };
}

function isTerminal(p: Pod): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

/** podByCreationTimestampAndPhase: Running (bound) pods first, then the oldest. */
function oldestFirst(a: Pod, b: Pod): number {
  const ra = a.status?.phase === 'Running' ? 0 : 1;
  const rb = b.status?.phase === 'Running' ? 0 : 1;
  if (ra !== rb) return ra - rb;
  const ta = seconds(a.metadata?.creationTimestamp);
  const tb = seconds(b.metadata?.creationTimestamp);
  if (ta !== tb) return ta - tb;
  return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1;
}

function podsByNode(ctx: ReconcileContext, ds: DaemonSet): Map<string, Pod[]> {
  const uid = ds.metadata?.uid ?? '';
  const out = new Map<string, Pod[]>();
  for (const p of ctx.store.listByOwner('Pod', uid)) {
    if (controllerOf(p)?.uid !== uid) continue;
    const node = targetNode(p) ?? '';
    let list = out.get(node);
    if (!list) out.set(node, (list = []));
    list.push(p);
  }
  return out;
}

/** Delete a daemon pod; a failure ends the sync (it is retried). */
function deletePod(ctx: ReconcileContext, ds: DaemonSet, pod: Pod): void {
  const err = deletePodFor(ctx, ds, pod, SOURCE);
  if (err) throw err;
}

/** manage: create where missing, delete failed, surplus and misplaced pods. True when it wrote anything. */
function manage(ctx: ReconcileContext, ds: DaemonSet, nodes: readonly Node[], hash: string): boolean {
  const byNode = podsByNode(ctx, ds);
  const create: string[] = [];
  const remove: Pod[] = [];
  const names = new Set<string>();
  for (const node of nodes) {
    const name = node.metadata?.name ?? '';
    names.add(name);
    const [shouldRun, shouldContinue] = nodeShouldRunDaemonPod(node, ds);
    const pods = byNode.get(name) ?? [];
    if (shouldRun && pods.length === 0) create.push(name);
    else if (shouldContinue) {
      const running: Pod[] = [];
      for (const p of pods) {
        if (p.metadata?.deletionTimestamp) continue;
        if (p.status?.phase === 'Failed') {
          ctx.api.recordEvent(
            ds,
            'Warning',
            'FailedDaemonPod',
            `Found failed daemon pod ${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''} on node ${name}, will try to kill it`,
            SOURCE,
          );
          remove.push(p);
        } else if (p.status?.phase === 'Succeeded') remove.push(p);
        else running.push(p);
      }
      running.sort(oldestFirst);
      remove.push(...running.slice(1));
    } else {
      for (const p of pods) if (!p.metadata?.deletionTimestamp) remove.push(p);
    }
  }
  // Pods meant for nodes that no longer exist and were never bound.
  for (const [node, pods] of byNode) {
    if (names.has(node)) continue;
    for (const p of pods) if (!p.spec?.nodeName && !p.metadata?.deletionTimestamp) remove.push(p);
  }
  for (const p of remove) deletePod(ctx, ds, p);
  for (const node of create) {
    const pod = createPodFor(ctx, ds, daemonPod(ds, node, hash), SOURCE);
    if (pod instanceof ApiError) throw pod;
  }
  return remove.length + create.length > 0;
}

/** rollingUpdate without surge: delete old pods while no more than maxUnavailable nodes lack an available pod. */
function rollingUpdate(ctx: ReconcileContext, ds: DaemonSet, nodes: readonly Node[], hash: string): void {
  const byNode = podsByNode(ctx, ds);
  const minReady = ds.spec?.minReadySeconds ?? 0;
  let desired = 0;
  for (const n of nodes) if (nodeShouldRunDaemonPod(n, ds)[0]) desired++;
  const mu = ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable;
  const maxUnavailable = Math.max(1, scaledValue(mu ?? 1, desired, true));
  let unavailable = 0;
  const replace: Pod[] = [];
  const candidates: Pod[] = [];
  for (const n of nodes) {
    const pods = byNode.get(n.metadata?.name ?? '') ?? [];
    if (pods.length === 0) continue;
    if (pods.some((p) => p.metadata?.deletionTimestamp)) {
      unavailable++;
      continue;
    }
    const live = pods.filter((p) => !isTerminal(p));
    const fresh = live.filter((p) => p.metadata?.labels?.[REVISION_LABEL] === hash);
    const old = live.filter((p) => p.metadata?.labels?.[REVISION_LABEL] !== hash);
    if (fresh.length > 1 || old.length > 1 || (fresh.length === 0) === (old.length === 0)) {
      unavailable++;
      continue;
    }
    const newPod = fresh[0];
    const oldPod = old[0];
    if (newPod) {
      if (!isPodAvailable(newPod, minReady, ctx.now)) unavailable++;
    } else if (oldPod) {
      if (!isPodAvailable(oldPod, minReady, ctx.now)) replace.push(oldPod);
      else if (unavailable < maxUnavailable) candidates.push(oldPod);
    }
  }
  const room = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
  for (const p of [...replace, ...candidates.slice(0, room)]) deletePod(ctx, ds, p);
}

function computeStatus(
  ctx: ReconcileContext,
  ds: DaemonSet,
  nodes: readonly Node[],
  hash: string,
): DaemonSetStatus {
  const byNode = podsByNode(ctx, ds);
  const minReady = ds.spec?.minReadySeconds ?? 0;
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  for (const n of nodes) {
    const pods = (byNode.get(n.metadata?.name ?? '') ?? [])
      .filter((p) => !isTerminal(p) && !p.metadata?.deletionTimestamp)
      .sort(oldestFirst);
    const [shouldRun] = nodeShouldRunDaemonPod(n, ds);
    if (!shouldRun) {
      if (pods.length) misscheduled++;
      continue;
    }
    desired++;
    const pod = pods[0];
    if (!pod) continue;
    current++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, ctx.now)) available++;
      else {
        const since = podReadySince(pod);
        ctx.requeueAfter(Math.max(0, since + minReady - ctx.now) + AVAILABILITY_EPSILON);
      }
    }
    if (pod.metadata?.labels?.[REVISION_LABEL] === hash) updated++;
  }
  const generation = ds.metadata?.generation;
  return {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
    updatedNumberScheduled: updated,
    numberAvailable: available,
    numberUnavailable: desired - available,
  };
}

function nodeMatters(from: Node, to: Node): boolean {
  return (
    stableJson(from.metadata?.labels ?? {}) !== stableJson(to.metadata?.labels ?? {}) ||
    stableJson(from.spec?.taints ?? []) !== stableJson(to.spec?.taints ?? [])
  );
}

const selfWatch: ObjectWatch = {
  kind: 'DaemonSet',
  keys: () => [],
  changed(from, to) {
    const obj = (to ?? from) as DaemonSet;
    if (from && to && (from as DaemonSet).spec === (to as DaemonSet).spec) return [];
    return [`${obj.metadata?.namespace ?? 'default'}/${obj.metadata?.name ?? ''}`];
  },
};

const nodeWatch: ObjectWatch = {
  kind: 'Node',
  keys: () => [],
  changed(from, to, store) {
    if (from && to && !nodeMatters(from as Node, to as Node)) return [];
    return store
      .list('DaemonSet')
      .map((d) => `${d.metadata?.namespace ?? 'default'}/${d.metadata?.name ?? ''}`);
  },
};

export const daemonSetController: Controller = {
  name: DAEMONSET_CONTROLLER,
  component: 'kube-controller-manager',
  watches: [selfWatch, watchOwned('Pod', 'DaemonSet'), nodeWatch],
  reconcile(key, ctx) {
    const { namespace, name } = splitNameKey(key);
    const ds = ctx.store.get('DaemonSet', namespace, name);
    if (!ds || ds.metadata?.deletionTimestamp) return;
    const nodes = ctx.store.list('Node');
    const hash = podTemplateHash(ds.spec?.template);
    let error: unknown;
    try {
      const wrote = manage(ctx, ds, nodes, hash);
      if (!wrote && ds.spec?.updateStrategy?.type !== 'OnDelete') rollingUpdate(ctx, ds, nodes, hash);
    } catch (e) {
      error = e;
    }
    const status = computeStatus(ctx, ds, nodes, hash);
    const fresh = ctx.store.get('DaemonSet', namespace, name);
    if (fresh && stableJson(fresh.status ?? {}) !== stableJson(status))
      ctx.api.updateStatus('DaemonSet', { ...fresh, status });
    if (error) throw error;
  },
};
