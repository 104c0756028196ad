/**
 * Simulates kube-controller-manager's StatefulSet controller (stateful_set_control.go): stable members
 * `<set>-<ordinal>` with their claims created first, OrderedReady (one at a time, each waiting for its
 * predecessors to be Running, Ready and available; scale-down from the highest ordinal, one fully gone at a
 * time, never past an unhealthy pod) and Parallel, RollingUpdate from the highest ordinal with a partition,
 * OnDelete, PVC retention (WhenDeleted / WhenScaled), status and events. Revisions are template hashes kept
 * in the runtime table instead of ControllerRevision objects. Left out: adoption/release of pods by label,
 * maxUnavailable (alpha), stale-claim checks, and identity repair of pods edited by hand.
 */
import { ApiError } from '../api/errors';
import { controllerOf, splitNameKey } from '../api/meta';
import { podReadySince } from '../api/podutil';
import type { PersistentVolumeClaim, Pod, PodTemplateSpec, StatefulSet } from '../api/types';
import type { StatefulSetStatus } from 'kubernetes-types/apps/v1';
import { stableJson } from '../api/kinds/common';
import type { Controller, ObjectWatch, ReconcileContext } from '../sim/controller';
import { watchOwned } from '../sim/controller';
import {
  claimOwnerRefs,
  claimsFor,
  isHealthy,
  isRunningAndAvailable,
  isRunningAndReady,
  isTerminating,
  newStatefulSetPod,
  parseOrdinal,
  podRevision,
  revisionName,
  startOrdinal,
} from './statefulset/identity';

export const STATEFULSET_CONTROLLER = 'statefulset-controller';
const SOURCE = { component: STATEFULSET_CONTROLLER } as const;
/** Runtime key of a set's revisions: `statefulset-revisions/<namespace>/<name>` -> { revision: template }. */
export const REVISIONS_PREFIX = 'statefulset-revisions/';
const AVAILABILITY_EPSILON = 0.001;

type Revisions = Readonly<Record<string, PodTemplateSpec>>;

function revisionsKey(set: StatefulSet): string {
  return `${REVISIONS_PREFIX}${set.metadata?.namespace ?? 'default'}/${set.metadata?.name ?? ''}`;
}

/** The set itself, except writes of its status alone. */
const selfWatch: ObjectWatch = {
  kind: 'StatefulSet',
  keys: () => [],
  changed(from, to) {
    const obj = (to ?? from) as StatefulSet;
    if (
      from &&
      to &&
      (from as StatefulSet).spec === (to as StatefulSet).spec &&
      from.metadata?.uid === to.metadata?.uid
    )
      return [];
    return [`${obj.metadata?.namespace ?? 'default'}/${obj.metadata?.name ?? ''}`];
  },
};

/** A claim that disappears may be one a pending member still needs. */
const claimWatch: ObjectWatch = {
  kind: 'PersistentVolumeClaim',
  keys: () => [],
  changed(from, to, store) {
    if (to || !from) return [];
    const ns = from.metadata?.namespace ?? 'default';
    const out: string[] = [];
    for (const set of store.list('StatefulSet', ns)) {
      const name = set.metadata?.name ?? '';
      const claim = from.metadata?.name ?? '';
      if (
        (set.spec?.volumeClaimTemplates ?? []).some((t) =>
          claim.startsWith(`${t.metadata?.name ?? ''}-${name}-`),
        )
      )
        out.push(`${ns}/${name}`);
    }
    return out;
  },
};

function recordPodEvent(
  ctx: ReconcileContext,
  set: StatefulSet,
  verb: 'create' | 'delete',
  pod: string,
  err?: ApiError,
): void {
  const Verb = verb === 'create' ? 'Create' : 'Delete';
  const setName = set.metadata?.name ?? '';
  if (!err)
    ctx.api.recordEvent(
      set,
      'Normal',
      `Successful${Verb}`,
      `${verb} Pod ${pod} in StatefulSet ${setName} successful`,
      SOURCE,
    );
  else
    ctx.api.recordEvent(
      set,
      'Warning',
      `Failed${Verb}`,
      `${verb} Pod ${pod} in StatefulSet ${setName} failed error: ${err.message}`,
      SOURCE,
    );
}

/** createPersistentVolumeClaims: every missing claim of the member, each with its event. */
function createClaims(
  ctx: ReconcileContext,
  set: StatefulSet,
  pod: string,
  ordinal: number,
): ApiError | undefined {
  let failure: ApiError | undefined;
  const setName = set.metadata?.name ?? '';
  for (const claim of claimsFor(set, ordinal)) {
    const name = claim.metadata?.name ?? '';
    if (ctx.store.get('PersistentVolumeClaim', claim.metadata?.namespace, name)) continue;
    try {
      ctx.api.create('PersistentVolumeClaim', claim);
      ctx.api.recordEvent(
        set,
        'Normal',
        'SuccessfulCreate',
        `create Claim ${name} Pod ${pod} in StatefulSet ${setName} success`,
        SOURCE,
      );
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      ctx.api.recordEvent(
        set,
        'Warning',
        'FailedCreate',
        `create Claim ${name} for Pod ${pod} in StatefulSet ${setName} failed error: ${e.message}`,
        SOURCE,
      );
      failure ??= e;
    }
  }
  return failure;
}

/** Bring a member's claims' ownerReferences in line with the retention policy. */
function fixClaims(
  ctx: ReconcileContext,
  set: StatefulSet,
  pod: Pod,
  ordinal: number,
  scaledDown: boolean,
): void {
  for (const want of claimsFor(set, ordinal)) {
    const claim = ctx.store.get('PersistentVolumeClaim', want.metadata?.namespace, want.metadata?.name ?? '');
    if (!claim) continue;
    const refs = claimOwnerRefs(claim, set, pod, scaledDown);
    if (!refs) continue;
    const { ownerReferences: _o, ...meta } = claim.metadata ?? {};
    const next: PersistentVolumeClaim = {
      ...claim,
      metadata: refs.length ? { ...meta, ownerReferences: refs } : meta,
    };
    ctx.api.update('PersistentVolumeClaim', next);
  }
}

function deleteMember(ctx: ReconcileContext, set: StatefulSet, pod: Pod): void {
  const name = pod.metadata?.name ?? '';
  try {
    ctx.api.delete('Pod', pod.metadata?.namespace, name);
    recordPodEvent(ctx, set, 'delete', name);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.reason === 'NotFound') return;
    recordPodEvent(ctx, set, 'delete', name, e);
    throw e;
  }
}

/** The revisions this sync works with, remembered so a pod below the partition can be recreated as it was. */
function revisions(
  ctx: ReconcileContext,
  set: StatefulSet,
): { current: string; update: string; templates: Revisions } {
  const update = revisionName(set, set.spec?.template);
  const current = set.status?.currentRevision || update;
  const stored = ctx.store.getRuntime<Revisions>(revisionsKey(set)) ?? {};
  const templates: Record<string, PodTemplateSpec> = {};
  const cur = stored[current];
  if (cur) templates[current] = cur;
  templates[update] = set.spec?.template ?? {};
  if (stableJson(templates) !== stableJson(stored))
    ctx.store.setRuntime(revisionsKey(set), templates as Revisions);
  return { current, update, templates };
}

function computeStatus(
  set: StatefulSet,
  pods: readonly Pod[],
  current: string,
  update: string,
  now: number,
): StatefulSetStatus {
  const minReady = set.spec?.minReadySeconds ?? 0;
  let replicas = 0;
  let ready = 0;
  let available = 0;
  let currentReplicas = 0;
  let updated = 0;
  for (const p of pods) {
    replicas++;
    if (isRunningAndReady(p)) {
      ready++;
      if (isRunningAndAvailable(p, minReady, now)) available++;
    }
    if (!isTerminating(p)) {
      const rev = podRevision(p);
      if (rev === current) currentReplicas++;
      if (rev === update) updated++;
    }
  }
  let currentRevision = current;
  // completeRollingUpdate: once every replica is updated and ready, the update revision becomes current.
  if (set.spec?.updateStrategy?.type !== 'OnDelete' && updated === replicas && ready === replicas) {
    currentRevision = update;
    currentReplicas = updated;
  }
  const generation = set.metadata?.generation;
  return {
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
    replicas,
    readyReplicas: ready,
    currentReplicas,
    updatedReplicas: updated,
    currentRevision,
    updateRevision: update,
    collisionCount: 0,
    availableReplicas: available,
  };
}

function ownedPods(ctx: ReconcileContext, set: StatefulSet): Pod[] {
  const uid = set.metadata?.uid ?? '';
  return ctx.store.listByOwner('Pod', uid).filter((p) => controllerOf(p)?.uid === uid);
}

/** One pass of updateStatefulSet: members, condemned pods, then the rolling update. */
function syncMembers(
  ctx: ReconcileContext,
  set: StatefulSet,
  current: string,
  update: string,
  templates: Revisions,
): void {
  const setName = set.metadata?.name ?? '';
  const start = startOrdinal(set);
  const want = set.spec?.replicas ?? 1;
  const monotonic = set.spec?.podManagementPolicy !== 'Parallel';
  const minReady = set.spec?.minReadySeconds ?? 0;
  const replicas: (Pod | undefined)[] = new Array<Pod | undefined>(want).fill(undefined);
  const condemned: Pod[] = [];
  for (const p of ownedPods(ctx, set)) {
    const o = parseOrdinal(p.metadata?.name ?? '');
    if (!o || o.parent !== setName) continue;
    if (o.ordinal >= start && o.ordinal < start + want) replicas[o.ordinal - start] = p;
    else condemned.push(p);
  }
  const ordinalOf = (p: Pod) => parseOrdinal(p.metadata?.name ?? '')?.ordinal ?? 0;
  condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));

  let firstUnhealthy: Pod | undefined;
  for (const p of replicas) if (p && !isHealthy(p)) firstUnhealthy ??= p;
  for (let i = condemned.length - 1; i >= 0; i--) {
    const p = condemned[i] as Pod;
    if (!isHealthy(p)) firstUnhealthy ??= p;
  }
  if (set.metadata?.deletionTimestamp) return;

  const partition =
    set.spec?.updateStrategy?.type === 'RollingUpdate'
      ? (set.spec.updateStrategy.rollingUpdate?.partition ?? 0)
      : -1;
  const waitAvailable = (p: Pod) => {
    const since = podReadySince(p);
    if (!Number.isNaN(since))
      ctx.requeueAfter(Math.max(0, since + minReady - ctx.now) + AVAILABILITY_EPSILON);
  };

  // Members, lowest ordinal first. In OrderedReady mode the first that is not yet healthy ends the pass.
  for (let i = 0; i < want; i++) {
    const ordinal = start + i;
    const pod = replicas[i];
    if (pod && (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded')) {
      if (!isTerminating(pod)) deleteMember(ctx, set, pod);
      if (monotonic) return;
      continue;
    }
    if (!pod) {
      const useCurrent = partition >= 0 && ordinal < start + partition && templates[current] !== undefined;
      const revision = useCurrent ? current : update;
      const fresh = newStatefulSetPod(set, templates[revision], ordinal, revision);
      const name = fresh.metadata?.name ?? '';
      const claimError = createClaims(ctx, set, name, ordinal);
      if (claimError) {
        recordPodEvent(ctx, set, 'create', name, claimError);
        throw claimError;
      }
      try {
        const created = ctx.api.create('Pod', fresh);
        fixClaims(ctx, set, created, ordinal, false);
        recordPodEvent(ctx, set, 'create', name);
        replicas[i] = created;
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (e.reason !== 'AlreadyExists') recordPodEvent(ctx, set, 'create', name, e);
        throw e;
      }
      if (monotonic) return;
      continue;
    }
    if (!pod.spec?.nodeName && createClaims(ctx, set, pod.metadata?.name ?? '', ordinal)) return;
    if (isTerminating(pod) && monotonic) return;
    if (!isRunningAndReady(pod) && monotonic) return;
    if (!isRunningAndAvailable(pod, minReady, ctx.now) && monotonic) {
      waitAvailable(pod);
      return;
    }
    fixClaims(ctx, set, pod, ordinal, false);
  }

  // Condemned pods (ordinals beyond the replica count), highest first.
  for (const pod of condemned) fixClaims(ctx, set, pod, ordinalOf(pod), true);
  for (const pod of condemned) {
    if (isTerminating(pod)) {
      if (monotonic) return;
      continue;
    }
    if (monotonic && pod !== firstUnhealthy) {
      if (!isRunningAndReady(pod)) return;
      if (!isRunningAndAvailable(pod, minReady, ctx.now)) {
        waitAvailable(pod);
        return;
      }
    }
    deleteMember(ctx, set, pod);
    if (monotonic) return;
  }

  if (partition < 0) return; // OnDelete: pods change only when someone deletes them.
  for (let target = want - 1; target >= partition; target--) {
    const pod = replicas[target];
    if (!pod) return;
    if (podRevision(pod) !== update && !isTerminating(pod)) {
      deleteMember(ctx, set, pod);
      return;
    }
    if (!isHealthy(pod)) return;
  }
}

export const statefulSetController: Controller = {
  name: STATEFULSET_CONTROLLER,
  component: 'kube-controller-manager',
  watches: [selfWatch, watchOwned('Pod', 'StatefulSet'), claimWatch],
  reconcile(key, ctx) {
    const { namespace, name } = splitNameKey(key);
    const set = ctx.store.get('StatefulSet', namespace, name);
    if (!set) {
      const rk = `${REVISIONS_PREFIX}${namespace}/${name}`;
      if (ctx.store.getRuntime(rk) !== undefined) ctx.store.setRuntime(rk, undefined);
      return;
    }
    const { current, update, templates } = revisions(ctx, set);
    let error: unknown;
    try {
      syncMembers(ctx, set, current, update, templates);
    } catch (e) {
      error = e;
    }
    const status = computeStatus(set, ownedPods(ctx, set), current, update, ctx.now);
    const fresh = ctx.store.get('StatefulSet', namespace, name);
    if (fresh && stableJson(fresh.status ?? {}) !== stableJson(status))
      ctx.api.updateStatus('StatefulSet', { ...fresh, status });
    if (error) throw error;
  },
};
