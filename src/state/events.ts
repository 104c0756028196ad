/**
 * The event log's rows, in the style of `kubectl get events`: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE.
 * Pure functions of the mirror (Events are ordinary API objects in the store).
 */
import type { Event } from '../engine';
import { seconds } from '../engine';
import { changesBetween } from './changes';
import type { ClusterMirror } from './mirror';

export interface EventRow {
  /** The Event's store key. */
  readonly key: string;
  /** Simulated seconds of the last occurrence. */
  readonly last: number;
  readonly type: string;
  readonly reason: string;
  /** kubectl's OBJECT column: "pod/shop-6d9f7c8b5-abcde", "node/node-2". */
  readonly object: string;
  /** The involved object's store key ("Pod/default/shop-...", "Node/node-2"), for selection. */
  readonly objectKey: string;
  readonly message: string;
  readonly count: number;
}

const cache = new WeakMap<Event, EventRow>();

function rowOf(key: string, e: Event): EventRow {
  let row = cache.get(e);
  if (row) return row;
  const io = e.involvedObject;
  const kind = io.kind ?? '';
  const name = io.name ?? '';
  row = {
    key,
    last: seconds(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp),
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    object: `${kind.toLowerCase()}/${name}`,
    objectKey: io.namespace ? `${kind}/${io.namespace}/${name}` : `${kind}/${name}`,
    message: e.message ?? '',
    count: e.count ?? 1,
  };
  cache.set(e, row);
  return row;
}

/** Newest first; ties in store-key order, so the order is stable. */
function newestFirst(a: EventRow, b: EventRow): number {
  return b.last - a.last || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Every Event in the mirror, newest first (ties in store-key order, so the order is stable). */
export function eventRows(mirror: ClusterMirror): readonly EventRow[] {
  return new EventRowIndex().read(mirror);
}

/**
 * `eventRows` kept up to date from one mirror to the next of its line: a big cluster holds some 16,000
 * Events and a frame changes a few, so the rows that changed are merged into the sorted list instead of
 * sorting all of them on every frame.
 */
export class EventRowIndex {
  private mirror: ClusterMirror | null = null;
  private rows: readonly EventRow[] = [];

  read(mirror: ClusterMirror): readonly EventRow[] {
    if (mirror === this.mirror) return this.rows;
    const changes = this.mirror ? changesBetween(this.mirror, mirror) : null;
    const changed = changes ? [...changes.objects].filter((k) => k.startsWith('Event/')) : null;
    this.mirror = mirror;
    if (changed && changed.length === 0) return this.rows;
    if (!changed) {
      const rows: EventRow[] = [];
      for (const [key, o] of mirror.objects) if (key.startsWith('Event/')) rows.push(rowOf(key, o as Event));
      this.rows = rows.sort(newestFirst);
      return this.rows;
    }
    const gone = new Set(changed);
    const added: EventRow[] = [];
    for (const key of changed) {
      const o = mirror.objects.get(key);
      if (o) added.push(rowOf(key, o as Event));
    }
    added.sort(newestFirst);
    // Merge the two sorted lists (changed rows mostly land at the top: they are the newest).
    const out: EventRow[] = [];
    let i = 0;
    for (const r of this.rows) {
      if (gone.has(r.key)) continue;
      while (i < added.length && newestFirst(added[i] as EventRow, r) < 0) out.push(added[i++] as EventRow);
      out.push(r);
    }
    while (i < added.length) out.push(added[i++] as EventRow);
    this.rows = out;
    return out;
  }
}

/**
 * Rows whose object matches `filter` (case-insensitive, against "kind/name" and the name alone), and only
 * those about `objectKey` when given.
 */
export function filterEvents(
  rows: readonly EventRow[],
  filter: string,
  objectKey?: string | null,
): readonly EventRow[] {
  const f = filter.trim().toLowerCase();
  if (f === '' && !objectKey) return rows;
  return rows.filter(
    (r) => (!objectKey || r.objectKey === objectKey) && (f === '' || r.object.toLowerCase().includes(f)),
  );
}
