/**
 * Simulates kube-controller-manager's ReplicaSet controller: active-pod counting, slow-start creates (burst 500),
 * ranked graceful deletes, adoption/release, status with ReplicaFailure. Left out: expectations (the store is
 * read-your-writes), the feature-gated status.terminatingReplicas, the work queue's exact retry curve.
 */
import type { ApiServer } from '../api/apiserver';
import { ApiError } from '../api/errors';
import { createPodFor, deletePodFor } from './podcontrol';
import {
  controllerOf,
  matchLabels,
  ownerReference,
  seconds,
  selectorMatches,
  splitNameKey,
  timestamp,
} from '../api/meta';
import { isPodActive, isPodAvailable, isPodReady, podCondition } from '../api/podutil';
import type { Store } from '../api/store';
import type { KubeObject, Pod, ReplicaSet } from '../api/types';
import type { ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { Controller, ObjectWatch, ReconcileContext } from '../sim/controller';
import { podOwnership } from './replicaset/podindex';
import { podsToDelete } from './replicaset/ranking';

export const REPLICASET_CONTROLLER = 'replicaset-controller';
/** Creates or deletes per sync (--concurrent burstReplicas in replica_set.go). */
export const BURST_REPLICAS = 500;
/** Slow start: the first batch of creates has this size, each next batch doubles. */
export const SLOW_START_INITIAL_BATCH = 1;
/** Longest retry delay after a failed create or delete (the work queue's rate limiter caps at 1000 s). */
export const MAX_RETRY_SECONDS = 1000;
/**
 * Availability is strict (ready time + minReadySeconds < now), so the minReadySeconds requeue lands a hair
 * after the boundary, as it does in a real cluster whose timestamps are truncated to the second.
 */
const AVAILABILITY_EPSILON = 0.001;

const SOURCE = { component: REPLICASET_CONTROLLER } as const;

function rsKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/** The RS keys a pod version concerns: its controlling RS, or for an active orphan every RS whose selector matches. */
function podRsKeys(pod: Pod, store: Store, out: Set<string>): void {
  const ns = pod.metadata?.namespace;
  const ref = controllerOf(pod);
  if (ref) {
    if (ref.kind === 'ReplicaSet') out.add(rsKey(ns, ref.name));
    return;
  }
  if (!isPodActive(pod)) return;
  for (const rs of store.list('ReplicaSet', ns)) {
    if (selectorMatches(rs.spec?.selector, pod.metadata?.labels)) out.add(rsKey(ns, rs.metadata?.name ?? ''));
  }
}

function readyCondition(pod: Pod): string {
  const c = podCondition(pod, 'Ready');
  return c ? `${c.status}@${c.lastTransitionTime ?? ''}` : '';
}

/** Whether a pod update can change what an RS counts or claims (kubelet churn such as container states cannot). */
export function podChangeMattersToRs(from: Pod, to: Pod): boolean {
  const a = from.metadata;
  const b = to.metadata;
  return (
    a?.labels !== b?.labels ||
    a?.ownerReferences !== b?.ownerReferences ||
    a?.deletionTimestamp !== b?.deletionTimestamp ||
    from.status?.phase !== to.status?.phase ||
    readyCondition(from) !== readyCondition(to)
  );
}

/** Pods wake their controlling RS (orphans: every RS that may adopt them), ignoring changes that cannot matter. */
const podWatch: ObjectWatch = {
  kind: 'Pod',
  keys: () => [],
  changed(from, to, store) {
    if (from && to && !podChangeMattersToRs(from as Pod, to as Pod)) return [];
    const out = new Set<string>();
    if (from) podRsKeys(from as Pod, store, out);
    if (to) podRsKeys(to as Pod, store, out);
    return out;
  },
};

/**
 * The RS itself, except for writes of its status alone (its own status updates): the real controller resyncs on
 * those too, which here would only repeat a sync that has just run.
 */
const selfWatch: ObjectWatch = {
  kind: 'ReplicaSet',
  keys: () => [],
  changed(from, to) {
    const obj = (to ?? from) as KubeObject;
    if (from && to) {
      const a = from.metadata;
      const b = to.metadata;
      const statusOnly =
        (from as ReplicaSet).spec === (to as ReplicaSet).spec &&
        a?.uid === b?.uid &&
        a?.generation === b?.generation &&
        a?.labels === b?.labels &&
        a?.ownerReferences === b?.ownerReferences &&
        a?.deletionTimestamp === b?.deletionTimestamp;
      if (statusOnly) return [];
    }
    return [rsKey(obj.metadata?.namespace, obj.metadata?.name ?? '')];
  },
};

/** The pod an RS creates: its template, named `<rs>-<suffix>`, controlled by the RS. */
export function podFromTemplate(rs: ReplicaSet): Pod {
  const tpl = rs.spec?.template;
  const meta = tpl?.metadata;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${rs.metadata?.name ?? ''}-`,
      namespace: rs.metadata?.namespace ?? 'default',
      ...(meta?.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta?.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta?.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [ownerReference(rs)],
    },
    // Objects are immutable, so every pod may share the template's spec.
    ...(tpl?.spec ? { spec: tpl.spec } : {}),
  };
}

/** Pods controlled by every ReplicaSet that shares this one's controlling owner (all RSs of a Deployment). */
export function relatedPods(store: Store, rs: ReplicaSet): Pod[] {
  const owner = controllerOf(rs);
  const siblings = owner
    ? store.listByOwner('ReplicaSet', owner.uid).filter((r) => controllerOf(r)?.uid === owner.uid)
    : [rs];
  const index = podOwnership(store);
  const out: Pod[] = [];
  for (const r of siblings) for (const p of index.controlledBy(r.metadata?.uid ?? '').values()) out.push(p);
  return out;
}

function byName(a: Pod, b: Pod): number {
  const x = a.metadata?.name ?? '';
  const y = b.metadata?.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The active pods this RS controls, after claiming: owned pods that no longer match the selector are released
 * (their ownerReference removed), matching orphans are adopted. Only active pods are claimed.
 */
function claimPods(api: ApiServer, store: Store, rs: ReplicaSet): Pod[] {
  const uid = rs.metadata?.uid ?? '';
  const ns = rs.metadata?.namespace ?? 'default';
  const selector = rs.spec?.selector;
  const deleting = rs.metadata?.deletionTimestamp !== undefined;
  const index = podOwnership(store);
  const out: Pod[] = [];
  let release: Pod[] | undefined;
  for (const pod of index.controlledBy(uid).values()) {
    if (!isPodActive(pod)) continue;
    if (selectorMatches(selector, pod.metadata?.labels)) out.push(pod);
    else if (!deleting) (release ??= []).push(pod);
  }
  for (const pod of release?.sort(byName) ?? []) {
    const refs = (pod.metadata?.ownerReferences ?? []).filter((r) => r.uid !== uid);
    const { ownerReferences: _drop, ...meta } = pod.metadata ?? {};
    api.update('Pod', { ...pod, metadata: refs.length ? { ...meta, ownerReferences: refs } : meta });
  }
  const orphans = index.orphansIn(ns);
  if (!deleting && orphans.size > 0) {
    const adopt = [...orphans.values()]
      .filter((p) => isPodActive(p) && selectorMatches(selector, p.metadata?.labels))
      .sort(byName);
    for (const pod of adopt) {
      const refs = [...(pod.metadata?.ownerReferences ?? []), ownerReference(rs)];
      out.push(api.update('Pod', { ...pod, metadata: { ...pod.metadata, ownerReferences: refs } }));
    }
  }
  return out;
}

/** Create `count` pods in slow-start batches; a batch with a failure ends the sync's creates. */
function createPods(
  ctx: ReconcileContext,
  rs: ReplicaSet,
  count: number,
  created: Pod[],
): ApiError | undefined {
  const template = podFromTemplate(rs);
  let remaining = count;
  for (
    let batch = Math.min(remaining, SLOW_START_INITIAL_BATCH);
    batch > 0;
    batch = Math.min(2 * batch, remaining)
  ) {
    let failure: ApiError | undefined;
    // A real batch runs its creates in parallel, so every create of the batch is attempted.
    for (let i = 0; i < batch; i++) {
      const pod = createPodFor(ctx, rs, template, SOURCE);
      if (pod instanceof ApiError) failure ??= pod;
      else created.push(pod);
    }
    if (failure) return failure;
    remaining -= batch;
  }
  return undefined;
}

function deletePods(ctx: ReconcileContext, rs: ReplicaSet, victims: readonly Pod[]): ApiError | undefined {
  let failure: ApiError | undefined;
  for (const pod of victims) failure ??= deletePodFor(ctx, rs, pod, SOURCE);
  return failure;
}

function sameCondition(a: ReplicaSetCondition | undefined, b: ReplicaSetCondition | undefined): boolean {
  return (
    a === b ||
    (a !== undefined &&
      b !== undefined &&
      a.type === b.type &&
      a.status === b.status &&
      a.reason === b.reason &&
      a.message === b.message &&
      a.lastTransitionTime === b.lastTransitionTime)
  );
}

function sameStatus(a: ReplicaSetStatus | undefined, b: ReplicaSetStatus): boolean {
  if (!a) return false;
  if (
    a.replicas !== b.replicas ||
    a.fullyLabeledReplicas !== b.fullyLabeledReplicas ||
    a.readyReplicas !== b.readyReplicas ||
    a.availableReplicas !== b.availableReplicas ||
    a.observedGeneration !== b.observedGeneration
  ) {
    return false;
  }
  const ca = a.conditions ?? [];
  const cb = b.conditions ?? [];
  return ca.length === cb.length && ca.every((c, i) => sameCondition(c, cb[i]));
}

/** Status as calculateStatus computes it; zero counts are omitted as the API's omitempty drops them. */
export function replicaSetStatus(
  rs: ReplicaSet,
  pods: readonly Pod[],
  now: number,
  failure: { reason: string; message: string } | undefined,
): ReplicaSetStatus {
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
  const minReady = rs.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const p of pods) {
    if (matchLabels(templateLabels, p.metadata?.labels)) fullyLabeled++;
    if (isPodReady(p)) {
      ready++;
      if (isPodAvailable(p, minReady, now)) available++;
    }
  }
  const old = rs.status?.conditions ?? [];
  const oldFailure = old.find((c) => c.type === 'ReplicaFailure');
  let conditions: ReplicaSetCondition[] = old;
  if (failure && !oldFailure) {
    conditions = [
      ...old,
      {
        type: 'ReplicaFailure',
        status: 'True',
        lastTransitionTime: timestamp(now),
        reason: failure.reason,
        message: failure.message,
      },
    ];
  } else if (!failure && oldFailure) conditions = old.filter((c) => c.type !== 'ReplicaFailure');
  const generation = rs.metadata?.generation;
  return {
    replicas: pods.length,
    ...(fullyLabeled ? { fullyLabeledReplicas: fullyLabeled } : {}),
    ...(ready ? { readyReplicas: ready } : {}),
    ...(available ? { availableReplicas: available } : {}),
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
    ...(conditions.length ? { conditions } : {}),
  };
}

export const replicaSetController: Controller = {
  name: REPLICASET_CONTROLLER,
  component: 'kube-controller-manager',
  watches: [selfWatch, podWatch],
  reconcile(key, ctx) {
    const { namespace, name } = splitNameKey(key);
    const rs = ctx.store.get('ReplicaSet', namespace, name);
    if (!rs) return;
    const active = claimPods(ctx.api, ctx.store, rs);
    const want = rs.spec?.replicas ?? 1;
    const diff = active.length - want;
    let error: ApiError | undefined;
    let pods: Pod[] = active;
    if (rs.metadata?.deletionTimestamp === undefined && diff !== 0) {
      if (diff < 0) {
        const created: Pod[] = [];
        error = createPods(ctx, rs, Math.min(-diff, BURST_REPLICAS), created);
        pods = active.concat(created);
      } else {
        const victims = podsToDelete(
          active,
          () => relatedPods(ctx.store, rs),
          Math.min(diff, BURST_REPLICAS),
          ctx.now,
        );
        error = deletePods(ctx, rs, victims);
        // Count what is still active after the deletes (graceful deletes make pods Terminating at once).
        pods = active.filter((p) => {
          const cur = ctx.store.get('Pod', p.metadata?.namespace, p.metadata?.name ?? '');
          return cur !== undefined && isPodActive(cur);
        });
      }
    }
    const failure = error
      ? { reason: diff < 0 ? 'FailedCreate' : 'FailedDelete', message: error.message }
      : undefined;
    const status = replicaSetStatus(rs, pods, ctx.now, failure);
    if (!sameStatus(rs.status, status)) ctx.api.updateStatus('ReplicaSet', { ...rs, status });

    if (error) {
      // Retry with a doubling delay measured from when the failure began (the ReplicaFailure condition).
      const since = seconds(status.conditions?.find((c) => c.type === 'ReplicaFailure')?.lastTransitionTime);
      const elapsed = Number.isNaN(since) ? 0 : ctx.now - since;
      ctx.requeueAfter(Math.min(MAX_RETRY_SECONDS, Math.max(1, elapsed)));
      return;
    }
    const minReady = rs.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && (status.readyReplicas ?? 0) === want && (status.availableReplicas ?? 0) !== want) {
      ctx.requeueAfter(minReady + AVAILABILITY_EPSILON);
    }
  },
};
