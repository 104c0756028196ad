/**
 * The event log's rows, in the style of `kubectl get events`: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE.
 * Pure functions of the mirror (Events are ordinary API objects in the store).
 */
import { seconds } from '../engine/api/meta';
import type { Event } from '../engine/api/types';
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

/** Every Event in the mirror, newest first (ties in store-key order, so the order is stable). */
export function eventRows(mirror: ClusterMirror): EventRow[] {
  const rows: EventRow[] = [];
  for (const [key, o] of mirror.objects) if (key.startsWith('Event/')) rows.push(rowOf(key, o as Event));
  return rows.sort((a, b) => b.last - a.last || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Rows whose object matches `filter` (case-insensitive, against "kind/name" and the name alone), and only
 * those about `objectKey` when given.
 */
export function filterEvents(
  rows: readonly EventRow[],
  filter: string,
  objectKey?: string | null,
): EventRow[] {
  const f = filter.trim().toLowerCase();
  return rows.filter(
    (r) => (!objectKey || r.objectKey === objectKey) && (f === '' || r.object.toLowerCase().includes(f)),
  );
}
