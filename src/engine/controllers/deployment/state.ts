/**
 * What one sync of a Deployment works on, and the writes it makes. Upstream mutates a deep copy of the
 * Deployment as it goes; here every write returns the stored object and the sync carries on with it, so a
 * later write in the same sync never meets a stale resourceVersion (upstream would hit a Conflict and retry).
 */
import type { Deployment, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { ReconcileContext } from '../../sim/controller';
import {
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  REVISION,
  desiredReplicas,
  maxSurge,
  replicasAnnotationsNeedUpdate,
  specReplicas,
  statusEqual,
} from './util';

export const SOURCE = { component: 'deployment-controller' } as const;

export interface SyncState {
  readonly ctx: ReconcileContext;
  /** The Deployment as last read or written. */
  d: Deployment;
  /** The ReplicaSets this Deployment controls (after adoption and release). */
  readonly rsList: ReplicaSet[];
}

/** Thrown to end a sync early, as an upstream sync returning an error (the work queue retries it). */
export class SyncAborted extends Error {
  constructor(readonly requeueAfter?: number) {
    super('deployment sync aborted');
  }
}

/** Replace `rs` in the sync's list after a write, so later steps see the stored object. */
export function remember(s: SyncState, rs: ReplicaSet): ReplicaSet {
  const i = s.rsList.findIndex((x) => x.metadata?.uid === rs.metadata?.uid);
  if (i >= 0) s.rsList[i] = rs;
  else s.rsList.push(rs);
  return rs;
}

/** Write the Deployment's status (the /status subresource) when it differs from the stored one. */
export function writeStatus(s: SyncState, status: DeploymentStatus): void {
  if (statusEqual(s.d.status, status)) return;
  s.d = s.ctx.api.updateStatus('Deployment', { ...s.d, status });
}

/**
 * Set the Deployment's revision annotation. Upstream sends it with the status update (the Deployment status
 * strategy keeps metadata changes); here it is an ordinary update, which leaves spec and generation alone.
 */
export function writeRevision(s: SyncState, revision: string): void {
  if (s.d.metadata?.annotations?.[REVISION] === revision) return;
  s.d = s.ctx.api.update('Deployment', {
    ...s.d,
    metadata: {
      ...s.d.metadata,
      annotations: { ...s.d.metadata?.annotations, [REVISION]: revision },
    },
  });
}

/**
 * scaleReplicaSet: set the size and the desired/max replica annotations; a size change is announced with a
 * ScalingReplicaSet event. Returns whether the size changed and the ReplicaSet as stored.
 */
export function scaleReplicaSet(
  s: SyncState,
  rs: ReplicaSet,
  newScale: number,
): { scaled: boolean; rs: ReplicaSet } {
  const oldScale = specReplicas(rs);
  const desired = desiredReplicas(s.d);
  const max = desired + maxSurge(s.d);
  const sizeChanged = oldScale !== newScale;
  if (!sizeChanged && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
  const written = s.ctx.api.update('ReplicaSet', {
    ...rs,
    metadata: {
      ...rs.metadata,
      annotations: {
        ...rs.metadata?.annotations,
        [DESIRED_REPLICAS]: String(desired),
        [MAX_REPLICAS]: String(max),
      },
    },
    spec: { ...(rs.spec as NonNullable<ReplicaSet['spec']>), replicas: newScale },
  });
  remember(s, written);
  if (sizeChanged) {
    const verb = oldScale < newScale ? 'up' : 'down';
    s.ctx.api.recordEvent(
      s.d,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${verb} replica set ${written.metadata?.name ?? ''} from ${oldScale} to ${newScale}`,
      SOURCE,
    );
  }
  return { scaled: sizeChanged, rs: written };
}

/** scaleReplicaSetAndRecordEvent: nothing at all when the size is already right. */
export function scaleTo(s: SyncState, rs: ReplicaSet, newScale: number): { scaled: boolean; rs: ReplicaSet } {
  if (specReplicas(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(s, rs, newScale);
}
