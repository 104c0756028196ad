/**
 * Simulates kube-controller-manager's Deployment controller (pkg/controller/deployment): ReplicaSet adoption,
 * RollingUpdate and Recreate rollouts, proportional scaling, revisions and history, status and conditions.
 * Leaves out the deprecated spec.rollbackTo, the SelectingAll guard (validation here rejects empty selectors)
 * and the feature-gated status.terminatingReplicas. The logic lives in ./deployment/.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { controllerOf, ownerReference, selectorMatches, splitNameKey } from '../api/meta';
import type { Store } from '../api/store';
import type { KubeObject } from '../api/types';
import type { Controller, ObjectWatch, ReconcileContext } from '../sim/controller';
import { watchSelf } from '../sim/controller';
import { getAllReplicaSetsAndSyncRevision } from './deployment/history';
import { checkPausedConditions, syncDeploymentStatus } from './deployment/progress';
import { rolloutRecreate } from './deployment/recreate';
import { rolloutRolling } from './deployment/rolling';
import { SyncAborted } from './deployment/state';
import type { SyncState } from './deployment/state';
import { isScalingEvent, sync } from './deployment/sync';
import { isRollingUpdate } from './deployment/util';

export { rollbackTarget, rolloutHistory } from './deployment/history';
export type { RevisionEntry, RollbackPlan } from './deployment/history';

/**
 * ClaimReplicaSets: keep the ReplicaSets this Deployment controls and whose labels its selector matches,
 * release controlled ones that no longer match, and adopt matching orphans.
 */
function claimReplicaSets(ctx: ReconcileContext, d: Deployment): ReplicaSet[] {
  const uid = d.metadata?.uid ?? '';
  const deleting = d.metadata?.deletionTimestamp !== undefined;
  const out: ReplicaSet[] = [];
  for (const rs of ctx.store.list('ReplicaSet', d.metadata?.namespace ?? 'default')) {
    const ref = controllerOf(rs);
    const matches = selectorMatches(d.spec?.selector, rs.metadata?.labels);
    if (ref) {
      if (ref.uid !== uid) continue;
      if (matches) out.push(rs);
      else if (!deleting) {
        const refs = (rs.metadata?.ownerReferences ?? []).filter((r) => r.uid !== uid);
        const { ownerReferences: _o, ...meta } = rs.metadata ?? {};
        ctx.api.update('ReplicaSet', {
          ...rs,
          metadata: refs.length ? { ...meta, ownerReferences: refs } : meta,
        });
      }
      continue;
    }
    if (!matches || deleting || rs.metadata?.deletionTimestamp) continue;
    const refs = [...(rs.metadata?.ownerReferences ?? []), ownerReference(d)];
    out.push(ctx.api.update('ReplicaSet', { ...rs, metadata: { ...rs.metadata, ownerReferences: refs } }));
  }
  return out;
}

/** syncDeployment: claim ReplicaSets, then pause, scaling event or rollout by strategy (§1.3). */
function syncDeployment(ctx: ReconcileContext, d: Deployment): void {
  const s: SyncState = { ctx, d, rsList: claimReplicaSets(ctx, d) };
  if (d.metadata?.deletionTimestamp) {
    const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, false);
    syncDeploymentStatus(s, [...oldRSs, newRS], newRS);
    return;
  }
  checkPausedConditions(s);
  if (s.d.spec?.paused || isScalingEvent(s)) sync(s);
  else if (isRollingUpdate(s.d)) rolloutRolling(s);
  else rolloutRecreate(s);
}

function deploymentKey(obj: KubeObject, name: string): string {
  return `${obj.metadata?.namespace ?? 'default'}/${name}`;
}

/** A ReplicaSet wakes its controlling Deployment; an orphan wakes every Deployment that could adopt it. */
const replicaSetWatch: ObjectWatch = {
  kind: 'ReplicaSet',
  keys(obj, store) {
    const ref = controllerOf(obj);
    if (ref) return ref.kind === 'Deployment' ? [deploymentKey(obj, ref.name)] : [];
    return store
      .list('Deployment', obj.metadata?.namespace ?? 'default')
      .filter((d) => selectorMatches(d.spec?.selector, obj.metadata?.labels))
      .map((d) => deploymentKey(d, d.metadata?.name ?? ''));
  },
};

/** Whether any ReplicaSet of the Deployment still has a pod. */
function hasPods(store: Store, d: Deployment): boolean {
  const uid = d.metadata?.uid ?? '';
  for (const rs of store.listByOwner('ReplicaSet', uid)) {
    const rsUid = rs.metadata?.uid ?? '';
    if (controllerOf(rs)?.uid !== uid) continue;
    for (const p of store.listByOwner('Pod', rsUid)) {
      if (controllerOf(p)?.uid === rsUid && selectorMatches(d.spec?.selector, p.metadata?.labels))
        return true;
    }
  }
  return false;
}

/**
 * Pods matter only to Recreate: upstream watches pod deletions and wakes a Recreate Deployment once its last
 * pod is gone, so the new ReplicaSet can start.
 */
const podWatch: ObjectWatch = {
  kind: 'Pod',
  keys: () => [],
  changed(from, to, store) {
    if (to || !from) return [];
    const rsRef = controllerOf(from);
    if (rsRef?.kind !== 'ReplicaSet') return [];
    const rs = store.get('ReplicaSet', from.metadata?.namespace, rsRef.name);
    const dRef = rs ? controllerOf(rs) : undefined;
    if (!rs || rs.metadata?.uid !== rsRef.uid || dRef?.kind !== 'Deployment') return [];
    const d = store.get('Deployment', rs.metadata?.namespace, dRef.name);
    if (!d || d.metadata?.uid !== dRef.uid || d.spec?.strategy?.type !== 'Recreate') return [];
    return hasPods(store, d) ? [] : [deploymentKey(d, dRef.name)];
  },
};

export const deploymentController: Controller = {
  name: 'deployment-controller',
  component: 'kube-controller-manager',
  watches: [watchSelf('Deployment'), replicaSetWatch, podWatch],
  reconcile(key, ctx) {
    const { namespace, name } = splitNameKey(key);
    const d = ctx.store.get('Deployment', namespace, name);
    if (!d) return;
    try {
      syncDeployment(ctx, d);
    } catch (e) {
      if (!(e instanceof SyncAborted)) throw e;
      if (e.requeueAfter !== undefined) ctx.requeueAfter(e.requeueAfter);
    }
  },
};
