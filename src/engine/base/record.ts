/** A plain object (not null, not an array): the first check every decoder of untrusted data makes. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
