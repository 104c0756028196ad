/**
 * Writing the node controller's taints (pkg/controller/util/node SwapNodeControllerTaint with
 * AddOrUpdateTaintOnNode / RemoveTaintOffNode). Leaves out the client's conflict retries: the simulated
 * controller reads the stored node right before it writes, so a write never races.
 */
import type { ApiServer } from '../../api/apiserver';
import { timestamp } from '../../api/meta';
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE, taintMatches } from '../../api/taints';
import type { Node, Taint } from '../../api/types';
import type { NodeSpec } from 'kubernetes-types/core/v1';

export const UNREACHABLE_NO_EXECUTE: Taint = { key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute' };
export const NOT_READY_NO_EXECUTE: Taint = { key: TAINT_NODE_NOT_READY, effect: 'NoExecute' };

function sameTaint(a: Taint, b: Taint): boolean {
  return (
    a.key === b.key &&
    a.effect === b.effect &&
    (a.value ?? '') === (b.value ?? '') &&
    a.timeAdded === b.timeAdded
  );
}

/** A copy of the node with these taints (the field dropped when there are none). */
export function withTaints(node: Node, taints: readonly Taint[]): Node {
  const { taints: _old, ...spec } = node.spec ?? {};
  const next: NodeSpec = taints.length ? { ...spec, taints: [...taints] } : spec;
  return { ...node, spec: next };
}

/**
 * Add `add` (stamped with timeAdded = now, replacing a taint of the same key and effect) and remove every
 * taint matching one of `remove`, in one update of the node's spec. Returns false when the node is gone.
 */
export function swapNodeTaints(
  api: ApiServer,
  nodeName: string,
  add: readonly Taint[],
  remove: readonly Taint[],
  now: number,
): boolean {
  const node = api.get('Node', undefined, nodeName);
  if (!node) return false;
  let taints = [...(node.spec?.taints ?? [])];
  let changed = false;
  for (const t of add) {
    const stamped: Taint = { ...t, timeAdded: timestamp(now) };
    const i = taints.findIndex((x) => taintMatches(x, t));
    const cur = taints[i];
    if (cur && sameTaint(cur, stamped)) continue;
    if (i >= 0) taints[i] = stamped;
    else taints.push(stamped);
    changed = true;
  }
  const before = taints.length;
  taints = taints.filter((x) => !remove.some((r) => taintMatches(x, r)));
  if (taints.length !== before) changed = true;
  if (changed) api.update('Node', withTaints(node, taints));
  return true;
}
