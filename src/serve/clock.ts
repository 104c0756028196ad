/**
 * Simulated timestamps on the wire. The engine stamps objects in simulated time (second 0 is
 * 2026-01-01T09:00:00Z), but clients compute ages against their own clock (`kubectl describe`'s event ages,
 * `kubectl get -w` with client-side columns). So every timestamp field is shifted on the way out by
 * (wall clock now - simulated now), and back on the way in: a client's "now" then reads as simulated now,
 * and an age it computes is the simulated age, at any speed and while paused.
 */
import { TIME_FIELDS } from './schema';

const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** Shift one RFC 3339 timestamp by `ms` (whole seconds), keeping its fraction; other strings are returned as they are. */
export function shiftTimestamp(value: string, ms: number): string {
  const m = RFC3339.exec(value);
  if (!m) return value;
  const t = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(t)) return value;
  const shifted = new Date(t + ms).toISOString().slice(0, 19);
  return `${shifted}${m[2] ?? ''}Z`;
}

/** Timestamp fields: every metav1.Time of the schema, and metrics.k8s.io's sample time. */
const FIELDS: ReadonlySet<string> = new Set([...TIME_FIELDS, 'timestamp']);

/** Labels, annotations and data are the user's words, never shifted. */
const OPAQUE = new Set([
  'labels',
  'annotations',
  'data',
  'stringData',
  'binaryData',
  'last-applied-configuration',
]);

/** A copy of `value` with every timestamp field shifted by `ms`. Objects are never modified in place. */
export function shiftTimes<T>(value: T, ms: number): T {
  if (ms === 0) return value;
  const walk = (v: unknown, depth: number): unknown => {
    if (v === null || typeof v !== 'object' || depth > 64) return v;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (typeof x === 'string' && FIELDS.has(k)) out[k] = shiftTimestamp(x, ms);
      else if (OPAQUE.has(k)) out[k] = x;
      else out[k] = walk(x, depth + 1);
    }
    return out;
  };
  return walk(value, 0) as T;
}
