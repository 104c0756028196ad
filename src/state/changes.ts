/**
 * A log of the store keys each batch of diffs changed, shared by a line of mirrors built one from another,
 * so that a view of a big cluster (the graph, the event log) updates from what changed since the mirror
 * it last drew instead of reading 17,000 objects again. Only the latest batches are kept; anything older
 * (or a mirror of another line, such as a snapshot after time travel) reads as unknown: rebuild.
 */

/** Maps a mark belongs to: a copy of a mirror with other maps (a test's edit) is not in the log. */
interface Maps {
  readonly objects: ReadonlyMap<string, unknown>;
  readonly runtime: ReadonlyMap<string, unknown>;
}

/** A mirror's place in a log. */
export interface ChangeMark extends Maps {
  readonly log: ChangeLog;
  readonly version: number;
}

/** What changed between two mirrors: keys of API objects and of runtime entries. */
export interface Changes {
  readonly objects: ReadonlySet<string>;
  readonly runtime: ReadonlySet<string>;
}

/** Batches kept (at one batch per animation frame, several seconds: views redraw far more often). */
const KEEP = 512;

export class ChangeLog {
  /** The version that entries[0] starts from. */
  private base = 0;
  private entries: { readonly objects: readonly string[]; readonly runtime: readonly string[] }[] = [];

  get head(): number {
    return this.base + this.entries.length;
  }

  /** The mark of the mirror at the head of the log. */
  mark(maps: Maps): ChangeMark {
    return { log: this, version: this.head, objects: maps.objects, runtime: maps.runtime };
  }

  /** Record one batch of changed keys; returns the mark of the mirror it made. */
  append(maps: Maps, objects: readonly string[], runtime: readonly string[]): ChangeMark {
    this.entries.push({ objects, runtime });
    if (this.entries.length > KEEP) {
      const drop = this.entries.length - KEEP / 2;
      this.entries.splice(0, drop);
      this.base += drop;
    }
    return this.mark(maps);
  }

  /** Keys changed from version `from` to `to`, or null when the log no longer holds them. */
  between(from: number, to: number): Changes | null {
    if (from < this.base || to > this.head || from > to) return null;
    const objects = new Set<string>();
    const runtime = new Set<string>();
    for (let i = from - this.base; i < to - this.base; i++) {
      const e = this.entries[i];
      if (!e) return null;
      for (const k of e.objects) objects.add(k);
      for (const k of e.runtime) runtime.add(k);
    }
    return { objects, runtime };
  }
}

type Marked = Maps & { readonly changes?: ChangeMark | undefined };

function markOf(m: Marked): ChangeMark | undefined {
  const c = m.changes;
  return c && c.objects === m.objects && c.runtime === m.runtime ? c : undefined;
}

/** Whether a mirror is the newest of its log, so that diffs applied to it continue the log. */
export function isHead(m: Marked): boolean {
  const c = markOf(m);
  return c !== undefined && c.version === c.log.head;
}

/** What changed from mirror `a` to the later mirror `b`, or null when unknown (then read `b` whole). */
export function changesBetween(a: Marked, b: Marked): Changes | null {
  const from = markOf(a);
  const to = markOf(b);
  if (!from || !to || from.log !== to.log) return null;
  return from.log.between(from.version, to.version);
}
