/**
 * Revisions (sync.go getNewReplicaSet, cleanupDeployment) and the read side kubectl needs: `rollout undo`
 * target selection (kubectl's rollback.go) and `rollout history`.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { ApiError } from '../../api/errors';
import { controllerOf, ownerReference, selectorMatches } from '../../api/meta';
import type { Store } from '../../api/store';
import type { PodTemplateSpec } from '../../api/types';
import { SOURCE, SyncAborted, remember, writeRevision, writeStatus } from './state';
import type { SyncState } from './state';
import {
  ANNOTATIONS_TO_SKIP,
  HASH_LABEL,
  REASON_FAILED_RS_CREATE,
  REASON_FOUND_NEW_RS,
  REASON_NEW_RS_CREATED,
  REVISION,
  byCreation,
  byRevision,
  equalIgnoreHash,
  getCondition,
  hasProgressDeadline,
  maxRevision,
  newCondition,
  newRSNewReplicas,
  newReplicaSetAnnotations,
  podTemplateHash,
  revisionHistoryLimit,
  revisionOf,
  setCondition,
  specReplicas,
  templateWithoutHash,
} from './util';

export interface ReplicaSetsOfDeployment {
  /** The oldest ReplicaSet whose template equals the Deployment's, ignoring pod-template-hash. */
  readonly newRS: ReplicaSet | undefined;
  /** Every other ReplicaSet, oldest first. */
  readonly oldRSs: ReplicaSet[];
}

/** FindNewReplicaSet / FindOldReplicaSets over a list (sorted by creation, as upstream sorts it in place). */
export function splitReplicaSets(d: Deployment, rsList: readonly ReplicaSet[]): ReplicaSetsOfDeployment {
  const sorted = [...rsList].sort(byCreation);
  const newRS = sorted.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
  return { newRS, oldRSs: sorted.filter((rs) => rs !== newRS) };
}

/**
 * getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created when `create` and missing) with its
 * revision raised above every old one, the Deployment's revision annotation copied from it, and the old ones.
 */
export function getAllReplicaSetsAndSyncRevision(s: SyncState, create: boolean): ReplicaSetsOfDeployment {
  const { newRS: existing, oldRSs } = splitReplicaSets(s.d, s.rsList);
  return { newRS: getNewReplicaSet(s, existing, oldRSs, create), oldRSs };
}

function getNewReplicaSet(
  s: SyncState,
  existing: ReplicaSet | undefined,
  oldRSs: readonly ReplicaSet[],
  create: boolean,
): ReplicaSet | undefined {
  const { api } = s.ctx;
  const newRevision = maxRevision(oldRSs) + 1;
  const minReady = s.d.spec?.minReadySeconds ?? 0;

  if (existing) {
    const { annotations, changed } = newReplicaSetAnnotations(
      s.d,
      existing.metadata?.annotations,
      newRevision,
      true,
    );
    if (changed || (existing.spec?.minReadySeconds ?? 0) !== minReady) {
      // Upstream returns right after this write; the Deployment's own revision follows on the next sync.
      const { minReadySeconds: _m, ...spec } = existing.spec as NonNullable<ReplicaSet['spec']>;
      return remember(
        s,
        api.update('ReplicaSet', {
          ...existing,
          metadata: { ...existing.metadata, annotations },
          spec: minReady ? { ...spec, minReadySeconds: minReady } : spec,
        }),
      );
    }
    writeRevision(s, existing.metadata?.annotations?.[REVISION] ?? '');
    // A Deployment that never had a Progressing condition starts measuring progress from now.
    if (hasProgressDeadline(s.d) && !getCondition(s.d.status, 'Progressing')) {
      const name = existing.metadata?.name ?? '';
      const c = newCondition(
        'Progressing',
        'True',
        REASON_FOUND_NEW_RS,
        `Found new replica set "${name}"`,
        s.ctx.now,
      );
      writeStatus(s, setCondition(s.d.status ?? {}, c));
    }
    return existing;
  }
  if (!create) return undefined;

  const d = s.d;
  const namespace = d.metadata?.namespace ?? 'default';
  const template = d.spec?.template ?? {};
  const hash = podTemplateHash(template, d.status?.collisionCount);
  const labels = { ...template.metadata?.labels, [HASH_LABEL]: hash };
  const selector = d.spec?.selector ?? {};
  const name = `${d.metadata?.name ?? ''}-${hash}`;
  const draft: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace, ownerReferences: [ownerReference(d)], labels },
    spec: {
      replicas: 0,
      ...(minReady ? { minReadySeconds: minReady } : {}),
      selector: { ...selector, matchLabels: { ...selector.matchLabels, [HASH_LABEL]: hash } },
      template: { ...template, metadata: { ...template.metadata, labels } },
    },
  };
  const replicas = newRSNewReplicas(d, [...oldRSs, draft], draft);
  const annotations = newReplicaSetAnnotations(d, undefined, newRevision, false).annotations;
  const rs: ReplicaSet = {
    ...draft,
    metadata: { ...draft.metadata, annotations },
    spec: { ...(draft.spec as NonNullable<ReplicaSet['spec']>), replicas },
  };

  let created: ReplicaSet;
  let alreadyExists = false;
  const clash = api.get('ReplicaSet', namespace, name);
  if (clash) {
    // Ours already (a stale list): adopt it silently. Someone else's, or another template: a hash collision,
    // so bump collisionCount (which changes the hash) and try again on the next sync.
    if (
      controllerOf(clash)?.uid === d.metadata?.uid &&
      equalIgnoreHash(d.spec?.template, clash.spec?.template)
    ) {
      created = clash;
      alreadyExists = true;
    } else {
      writeStatus(s, { ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 });
      throw new SyncAborted();
    }
  } else {
    try {
      created = api.create('ReplicaSet', rs);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const msg = `Failed to create new replica set "${name}": ${e.message}`;
      if (hasProgressDeadline(d)) {
        writeStatus(
          s,
          setCondition(
            d.status ?? {},
            newCondition('Progressing', 'False', REASON_FAILED_RS_CREATE, msg, s.ctx.now),
          ),
        );
      }
      api.recordEvent(s.d, 'Warning', REASON_FAILED_RS_CREATE, msg, SOURCE);
      throw e;
    }
  }
  remember(s, created);
  if (!alreadyExists && replicas > 0) {
    api.recordEvent(
      s.d,
      'Normal',
      'ScalingReplicaSet',
      `Scaled up replica set ${name} from 0 to ${replicas}`,
      SOURCE,
    );
  }
  writeRevision(s, String(newRevision));
  if (!alreadyExists && hasProgressDeadline(s.d)) {
    const c = newCondition(
      'Progressing',
      'True',
      REASON_NEW_RS_CREATED,
      `Created new replica set "${name}"`,
      s.ctx.now,
    );
    writeStatus(s, setCondition(s.d.status ?? {}, c));
  }
  return created;
}

/**
 * cleanupDeployment: delete the oldest-revision old ReplicaSets beyond revisionHistoryLimit. Only fully
 * drained ones whose latest spec the ReplicaSet controller has observed go; the others still count.
 */
export function cleanupDeployment(s: SyncState, oldRSs: readonly ReplicaSet[]): void {
  const limit = revisionHistoryLimit(s.d);
  if (limit === undefined) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp);
  const diff = cleanable.length - limit;
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i] as ReplicaSet;
    if (
      (rs.status?.replicas ?? 0) !== 0 ||
      specReplicas(rs) !== 0 ||
      (rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)
    ) {
      continue;
    }
    const ns = rs.metadata?.namespace;
    const name = rs.metadata?.name ?? '';
    if (s.ctx.api.get('ReplicaSet', ns, name)) s.ctx.api.delete('ReplicaSet', ns, name);
  }
}

// ---------------------------------------------------------------------------------------------------------
// kubectl's side: rollout history and rollout undo.

/** The ReplicaSets a Deployment controls, as kubectl lists them (selector match and controllerRef). */
export function replicaSetsOf(store: Store, d: Deployment): ReplicaSet[] {
  const uid = d.metadata?.uid ?? '';
  return store
    .listByOwner('ReplicaSet', uid)
    .filter((rs) => controllerOf(rs)?.uid === uid && selectorMatches(d.spec?.selector, rs.metadata?.labels));
}

export interface RevisionEntry {
  readonly revision: number;
  readonly replicaSet: string;
  /** The ReplicaSet's kubernetes.io/change-cause annotation, when set (kubectl prints "<none>" otherwise). */
  readonly changeCause?: string;
  readonly template: PodTemplateSpec;
}

/** `kubectl rollout history`: one entry per revision, lowest first (a later duplicate revision wins). */
export function rolloutHistory(store: Store, d: Deployment): RevisionEntry[] {
  const { newRS, oldRSs } = splitReplicaSets(d, replicaSetsOf(store, d));
  const byRev = new Map<number, RevisionEntry>();
  for (const rs of newRS ? [...oldRSs, newRS] : oldRSs) {
    const revision = revisionOf(rs);
    if (revision === undefined) continue;
    const cause = rs.metadata?.annotations?.['kubernetes.io/change-cause'];
    byRev.set(revision, {
      revision,
      replicaSet: rs.metadata?.name ?? '',
      ...(cause ? { changeCause: cause } : {}),
      template: rs.spec?.template ?? {},
    });
  }
  return [...byRev.values()].sort((a, b) => a.revision - b.revision);
}

/** What `kubectl rollout undo` would do: patch the Deployment, skip, or fail with kubectl's message. */
export type RollbackPlan =
  | {
      /** The revision's pod template without pod-template-hash, to put into spec.template. */
      readonly template: PodTemplateSpec;
      /** The Deployment's full annotations after the undo (kubectl replaces them). */
      readonly annotations: Record<string, string>;
      readonly revision: number;
      readonly replicaSet: string;
    }
  | { readonly skipped: string }
  | { readonly error: string };

/**
 * kubectl's DeploymentRollbacker: with no revision (or 0) the ReplicaSet with the second-highest revision,
 * else the one with exactly `toRevision`. Lookup errors come first, then the paused refusal, then the
 * "already matches" skip (which prints the revision asked for, 0 when none was given).
 */
export function rollbackTarget(store: Store, d: Deployment, toRevision = 0): RollbackPlan {
  const name = d.metadata?.name ?? '';
  if (toRevision < 0) return { error: `unable to find specified revision ${toRevision} in history` };
  const { newRS, oldRSs } = splitReplicaSets(d, replicaSetsOf(store, d));
  let target: ReplicaSet | undefined;
  let latest = -1;
  let latestRS: ReplicaSet | undefined;
  let previous = -1;
  for (const rs of newRS ? [...oldRSs, newRS] : oldRSs) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (toRevision === 0) {
      if (latest < v) {
        previous = latest;
        target = latestRS;
        latest = v;
        latestRS = rs;
      } else if (previous < v) {
        previous = v;
        target = rs;
      }
    } else if (v === toRevision) {
      target = rs;
      break;
    }
  }
  if (toRevision > 0 && !target)
    return { error: `unable to find specified revision ${toRevision} in history` };
  if (!target) return { error: `no rollout history found for deployment "${name}"` };
  if (d.spec?.paused) {
    return {
      error: `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${name}' and try again`,
    };
  }
  if (equalIgnoreHash(target.spec?.template, d.spec?.template)) {
    return { skipped: `skipped rollback (current template already matches revision ${toRevision})` };
  }
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {}))
    if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(target.metadata?.annotations ?? {}))
    if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  return {
    template: templateWithoutHash(target.spec?.template),
    annotations,
    revision: revisionOf(target) ?? 0,
    replicaSet: target.metadata?.name ?? '',
  };
}
