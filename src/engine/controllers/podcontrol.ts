/**
 * Pod creation and deletion on behalf of a workload controller, with the events every such controller
 * records (client-go's RealPodControl): SuccessfulCreate "Created pod: x", FailedCreate "Error creating: ...",
 * SuccessfulDelete "Deleted pod: x", FailedDelete "Error deleting: ...". One mechanism for ReplicaSets,
 * DaemonSets and Jobs alike. Errors other than ApiError are bugs and propagate.
 */
import type { EventSource } from '../api/apiserver';
import { ApiError } from '../api/errors';
import type { KubeObject, Pod } from '../api/types';
import type { ReconcileContext } from '../sim/controller';

/** Create a pod for `owner`; returns it, or the API error after recording FailedCreate. */
export function createPodFor(
  ctx: ReconcileContext,
  owner: KubeObject,
  pod: Pod,
  source: EventSource,
): Pod | ApiError {
  try {
    const created = ctx.api.create('Pod', pod);
    ctx.api.recordEvent(
      owner,
      'Normal',
      'SuccessfulCreate',
      `Created pod: ${created.metadata?.name ?? ''}`,
      source,
    );
    return created;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    ctx.api.recordEvent(owner, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, source);
    return e;
  }
}

/**
 * Delete one of `owner`'s pods gracefully. A pod already gone counts as deleted (undefined); another API
 * error is returned after recording FailedDelete.
 */
export function deletePodFor(
  ctx: ReconcileContext,
  owner: KubeObject,
  pod: Pod,
  source: EventSource,
): ApiError | undefined {
  const name = pod.metadata?.name ?? '';
  try {
    ctx.api.delete('Pod', pod.metadata?.namespace, name);
    ctx.api.recordEvent(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`, source);
    return undefined;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.reason === 'NotFound') return undefined;
    ctx.api.recordEvent(owner, 'Warning', 'FailedDelete', `Error deleting: ${e.message}`, source);
    return e;
  }
}
