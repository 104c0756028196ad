/**
 * The pods/binding subresource (pkg/registry/core/pod/storage BindingREST): sets spec.nodeName and
 * PodScheduled=True in one write, bypassing pod update validation as the real subresource does.
 * Leaves out binding annotations and the UID/resourceVersion preconditions of a Binding object.
 */
import type { ApiServer } from '../../api/apiserver';
import { ApiError } from '../../api/errors';
import { timestamp } from '../../api/meta';
import type { Pod, PodCondition } from '../../api/types';

/** The pod's status with `cond` set; undefined when nothing would change. lastTransitionTime moves on a status flip. */
export function statusWithCondition(
  pod: Pod,
  cond: Omit<PodCondition, 'lastTransitionTime'>,
  now: number,
): Pod['status'] | undefined {
  const conditions = pod.status?.conditions ?? [];
  const old = conditions.find((c) => c.type === cond.type);
  if (old && old.status === cond.status && old.reason === cond.reason && old.message === cond.message)
    return undefined;
  const next: PodCondition = {
    ...cond,
    lastTransitionTime:
      old && old.status === cond.status && old.lastTransitionTime ? old.lastTransitionTime : timestamp(now),
  };
  const list = old ? conditions.map((c) => (c.type === cond.type ? next : c)) : [...conditions, next];
  return { ...pod.status, conditions: list };
}

/** POST pods/<name>/binding: assign the pod to `nodeName`. Conflict when it is already bound or being deleted. */
export function bindPod(api: ApiServer, namespace: string, name: string, nodeName: string): Pod {
  const cur = api.read('Pod', namespace, name);
  if (cur.spec?.nodeName) {
    throw new ApiError(
      'Conflict',
      `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${cur.spec.nodeName}"`,
    );
  }
  if (cur.metadata?.deletionTimestamp) {
    throw new ApiError(
      'Conflict',
      `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is being deleted, cannot be assigned to a host`,
    );
  }
  const status = statusWithCondition(cur, { type: 'PodScheduled', status: 'True' }, api.now) ?? cur.status;
  return api.store.put({
    ...cur,
    spec: { ...cur.spec, containers: cur.spec?.containers ?? [], nodeName },
    ...(status ? { status } : {}),
  });
}
