/**
 * kube-controller-manager's taint eviction controller (pkg/controller/tainteviction): pods on a node with
 * NoExecute taints are deleted at once when a taint is not tolerated, after the shortest tolerationSeconds
 * of the tolerations used, or never. Its TimedWorkerQueue lives in the runtime table. Leaves out the worker
 * sharding and the delete retries (a failed eviction is dropped, as after the real retries run out).
 */
import { ApiError } from '../../api/errors';
import { timestamp } from '../../api/meta';
import { getMatchingTolerations, minTolerationSeconds, noExecuteTaints } from '../../api/taints';
import type { Node, Pod, PodCondition, Taint, Toleration } from '../../api/types';
import type { Controller, ReconcileContext } from '../../sim/controller';

export const TAINT_EVICTION_CONTROLLER = 'taint-eviction-controller';
/** Runtime prefix: `taint-eviction/<namespace>/<pod>` holds a pod's scheduled eviction (EvictionWork). */
export const EVICTION_PREFIX = 'taint-eviction/';
const SOURCE = { component: TAINT_EVICTION_CONTROLLER } as const;
const NODE_KEY = 'node/';
const POD_KEY = 'pod/';
/** Timer key: the scheduled eviction of `<namespace>/<pod>` is due. */
const FIRE_KEY = 'evict/';

/**
 * One entry of the TimedWorkerQueue: pending (deletion due at fireAt, counted from createdAt), or done (the
 * pod was deleted; the entry stays so the same pod is not deleted twice, until it is cancelled or gone).
 */
export interface EvictionWork {
  readonly createdAt: number;
  readonly fireAt: number;
  readonly done: boolean;
}

function podRef(namespace: string, name: string): Pod {
  // The real controller's event reference names the pod without its uid.
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace } };
}

function workKey(namespace: string, name: string): string {
  return `${EVICTION_PREFIX}${namespace}/${name}`;
}

function getWork(ctx: ReconcileContext, namespace: string, name: string): EvictionWork | undefined {
  return ctx.store.getRuntime<EvictionWork>(workKey(namespace, name));
}

function splitPodKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** CancelWork, with the "Cancelling deletion" event when a pending eviction is dropped. */
function cancelWork(ctx: ReconcileContext, namespace: string, name: string): void {
  const work = getWork(ctx, namespace, name);
  if (!work) return;
  ctx.store.setRuntime(workKey(namespace, name), undefined);
  if (!work.done) {
    ctx.api.recordEvent(
      podRef(namespace, name),
      'Normal',
      'TaintManagerEviction',
      `Cancelling deletion of Pod ${namespace}/${name}`,
      SOURCE,
    );
  }
}

const DISRUPTION_TARGET: PodCondition = {
  type: 'DisruptionTarget',
  status: 'True',
  reason: 'DeletionByTaintManager',
  message: 'Taint manager: deleting due to NoExecute taint',
};

/** deletePodHandler: event, DisruptionTarget condition, then a graceful delete with the pod's own grace. */
function evict(ctx: ReconcileContext, namespace: string, name: string, createdAt: number): void {
  ctx.api.recordEvent(
    podRef(namespace, name),
    'Normal',
    'TaintManagerEviction',
    `Marking for deletion Pod ${namespace}/${name}`,
    SOURCE,
  );
  const pod = ctx.api.get('Pod', namespace, name);
  if (!pod) {
    ctx.store.setRuntime(workKey(namespace, name), undefined);
    return;
  }
  try {
    const conditions = pod.status?.conditions ?? [];
    const cur = conditions.find((c) => c.type === 'DisruptionTarget');
    if (
      cur?.status !== DISRUPTION_TARGET.status ||
      cur.reason !== DISRUPTION_TARGET.reason ||
      cur.message !== DISRUPTION_TARGET.message
    ) {
      const transition =
        cur?.status === 'True' && cur.lastTransitionTime ? cur.lastTransitionTime : timestamp(ctx.now);
      const next: PodCondition = { ...DISRUPTION_TARGET, lastTransitionTime: transition };
      ctx.api.updateStatus('Pod', {
        ...pod,
        status: {
          ...pod.status,
          conditions: cur ? conditions.map((c) => (c === cur ? next : c)) : [...conditions, next],
        },
      });
    }
    ctx.api.delete('Pod', namespace, name);
    ctx.store.setRuntime<EvictionWork>(workKey(namespace, name), { createdAt, fireAt: ctx.now, done: true });
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    ctx.store.setRuntime(workKey(namespace, name), undefined);
  }
}

/** AddWork: ignored while any entry (pending or done) exists for the pod; due now means evicted now. */
function addWork(
  ctx: ReconcileContext,
  namespace: string,
  name: string,
  createdAt: number,
  fireAt: number,
): void {
  if (getWork(ctx, namespace, name)) return;
  if (fireAt <= ctx.now) {
    evict(ctx, namespace, name, createdAt);
    return;
  }
  ctx.store.setRuntime<EvictionWork>(workKey(namespace, name), { createdAt, fireAt, done: false });
  ctx.requeueAfter(fireAt - ctx.now, `${FIRE_KEY}${namespace}/${name}`);
}

/** processPodOnNode: what the pod's tolerations say about the node's NoExecute taints. */
function processPodOnNode(
  ctx: ReconcileContext,
  namespace: string,
  name: string,
  tolerations: readonly Toleration[] | undefined,
  taints: readonly Taint[],
): void {
  const { allTolerated, used } = getMatchingTolerations(taints, tolerations);
  if (!allTolerated) {
    cancelWork(ctx, namespace, name);
    addWork(ctx, namespace, name, ctx.now, ctx.now);
    return;
  }
  const min = minTolerationSeconds(used);
  if (min < 0) {
    cancelWork(ctx, namespace, name);
    return;
  }
  let createdAt = ctx.now;
  const existing = getWork(ctx, namespace, name);
  if (existing && !existing.done) {
    // A pending eviction keeps its start: a later taint does not push it back (nor bring it forward).
    if (existing.createdAt < ctx.now) return;
    // Set at this same instant (the real clock would have moved on): recompute it from the same start.
    createdAt = existing.createdAt;
    ctx.store.setRuntime(workKey(namespace, name), undefined);
  }
  addWork(ctx, namespace, name, createdAt, createdAt + min);
}

/** handleNodeUpdate: the node's NoExecute taints changed. */
function handleNodeUpdate(ctx: ReconcileContext, nodeName: string): void {
  const node = ctx.store.get('Node', undefined, nodeName);
  // A deleted node's pods keep whatever eviction is scheduled, as in the real controller.
  if (!node) return;
  const taints = noExecuteTaints(node.spec?.taints);
  for (const pod of ctx.store.podsOnNode(nodeName)) {
    const namespace = pod.metadata?.namespace ?? 'default';
    const name = pod.metadata?.name ?? '';
    if (taints.length === 0) cancelWork(ctx, namespace, name);
    else processPodOnNode(ctx, namespace, name, pod.spec?.tolerations, taints);
  }
}

/** handlePodUpdate: a pod was bound, changed its tolerations, or is gone. */
function handlePodUpdate(ctx: ReconcileContext, namespace: string, name: string): void {
  const pod = ctx.store.get('Pod', namespace, name);
  if (!pod) {
    cancelWork(ctx, namespace, name);
    return;
  }
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) return;
  const taints = noExecuteTaints(ctx.store.get('Node', undefined, nodeName)?.spec?.taints);
  if (taints.length === 0) return;
  processPodOnNode(ctx, namespace, name, pod.spec?.tolerations, taints);
}

/** The timer of a scheduled eviction: deletes the pod if that eviction is still pending and due. */
function fire(ctx: ReconcileContext, namespace: string, name: string): void {
  const work = getWork(ctx, namespace, name);
  if (!work || work.done || work.fireAt > ctx.now) return;
  evict(ctx, namespace, name, work.createdAt);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export const taintEvictionController: Controller = {
  name: TAINT_EVICTION_CONTROLLER,
  component: 'kube-controller-manager',
  watches: [
    {
      // NodeUpdated: only a change of the NoExecute taints matters.
      kind: 'Node',
      keys: () => [],
      changed: (from, to) => {
        const a = from as Node | undefined;
        const b = to as Node | undefined;
        const node = b ?? a;
        if (a && b && sameJson(noExecuteTaints(a.spec?.taints), noExecuteTaints(b.spec?.taints))) return [];
        return node ? [NODE_KEY + (node.metadata?.name ?? '')] : [];
      },
    },
    {
      // PodUpdated: added, deleted, bound, or tolerations changed.
      kind: 'Pod',
      keys: () => [],
      changed: (from, to) => {
        const a = from as Pod | undefined;
        const b = to as Pod | undefined;
        const pod = b ?? a;
        if (!pod?.spec?.nodeName) return [];
        if (
          a &&
          b &&
          a.spec?.nodeName === b.spec?.nodeName &&
          sameJson(a.spec?.tolerations, b.spec?.tolerations)
        ) {
          return [];
        }
        return [`${POD_KEY}${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`];
      },
    },
  ],
  reconcile(key, ctx) {
    if (key.startsWith(NODE_KEY)) handleNodeUpdate(ctx, key.slice(NODE_KEY.length));
    else if (key.startsWith(POD_KEY)) {
      const { namespace, name } = splitPodKey(key.slice(POD_KEY.length));
      handlePodUpdate(ctx, namespace, name);
    } else if (key.startsWith(FIRE_KEY)) {
      const { namespace, name } = splitPodKey(key.slice(FIRE_KEY.length));
      fire(ctx, namespace, name);
    }
  },
};
