/**
 * Stable hashes of strings: no random draws, so names and IDs derived from them are the same in every run.
 */

/** FNV-1a, 32 bits: the hash behind pod-template-hash. */
export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** 64 hex digits derived from a string (container IDs, image digests): stable, no random draws. */
export function hex64(seed: string): string {
  // One hash of the seed, then an xorshift stream: cheap enough for every container start.
  let x = fnv32a(seed) || 0x9e3779b9;
  let out = '';
  for (let i = 0; i < 8; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += (x >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}
