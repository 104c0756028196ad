/**
 * Collapses the store's diffs between two frames into at most one diff per key, so a frame's size follows
 * how many things changed, not how often they changed (a pod updated ten times in one frame is one diff).
 * `from` stays the value before the frame and `to` the value after it, so each diff is still reversible.
 */
import type { Diff } from '../engine';

export class DiffBuffer {
  private byKey = new Map<string, Diff>();

  get size(): number {
    return this.byKey.size;
  }

  clear(): void {
    this.byKey.clear();
  }

  push(d: Diff): void {
    const prev = this.byKey.get(d.key);
    if (!prev) {
      this.byKey.set(d.key, d);
      return;
    }
    const merged = merge(prev, d);
    // Delete first so that the key moves to the end: the frame lists changes in the order they settled.
    this.byKey.delete(d.key);
    if (merged) this.byKey.set(d.key, merged);
  }

  /** The coalesced diffs, and an empty buffer. */
  take(): Diff[] {
    const out = [...this.byKey.values()];
    this.byKey.clear();
    return out;
  }
}

/** One diff with the same effect as `a` then `b` (same key), or undefined when they cancel out. */
export function merge(a: Diff, b: Diff): Diff | undefined {
  if (a.type === 'runtime' || b.type === 'runtime') {
    const from = a.type === 'runtime' ? a.from : undefined;
    const to = b.type === 'runtime' ? b.to : undefined;
    if (from === undefined && to === undefined) return undefined;
    return { type: 'runtime', key: b.key, from, to };
  }
  if (a.type === 'added') {
    if (b.type === 'removed') return undefined;
    return { type: 'added', kind: b.kind, key: b.key, to: b.to };
  }
  const from = a.from;
  if (b.type === 'removed') return { type: 'removed', kind: b.kind, key: b.key, from };
  return { type: 'updated', kind: b.kind, key: b.key, from, to: b.to };
}
