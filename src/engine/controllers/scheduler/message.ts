/**
 * The FailedScheduling message of kube-scheduler (framework.FitError.Error) and DefaultPreemption's
 * postfilter summary. Preemption itself is not simulated (no pod priorities), so every node is either
 * "No preemption victims found for incoming pod" (preemption might help) or "Preemption is not helpful".
 */
import type { FilterFailure } from './filters';

export const NO_VICTIMS = 'No preemption victims found for incoming pod';
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_NODES = 'no nodes available to schedule pods';

/** "<count> <reason>" per distinct reason, sorted as plain strings (so "10 …" < "2 …" < "Insufficient" < "node(s)"). */
export function reasonHistogram(reasonLists: Iterable<readonly string[]>): string[] {
  const counts = new Map<string, number>();
  for (const reasons of reasonLists) for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const out: string[] = [];
  for (const [r, n] of counts) out.push(`${n} ${r}`);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * "0/N nodes are available: <histogram>. preemption: 0/N nodes are available: <histogram>."
 * (Upstream prints a second period after the preemption part in many versions; we print one, as the
 * project's reference message does.)
 */
export function failedSchedulingMessage(totalNodes: number, failures: readonly FilterFailure[]): string {
  if (totalNodes === 0) return NO_NODES;
  // A PreFilter rejection is named once, not counted per node (FitError's PreFilterMsg).
  const pre = failures.find((f) => f.preFilter);
  const filterPart = pre
    ? pre.reasons.join(', ')
    : reasonHistogram(failures.map((f) => f.reasons)).join(', ');
  const preemption = reasonHistogram(failures.map((f) => [f.unresolvable ? NOT_HELPFUL : NO_VICTIMS])).join(
    ', ',
  );
  return `0/${totalNodes} nodes are available: ${filterPart}. preemption: 0/${totalNodes} nodes are available: ${preemption}.`;
}
