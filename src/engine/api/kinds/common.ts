/** Small helpers the per-kind modules share: metadata defaulting for cluster-scoped kinds, stable JSON. */
import type { ObjectMeta } from '../types';

/** Cluster-scoped objects lose any namespace they were given, as the API server's BeforeCreate clears it. */
export function clusterScopedMeta(meta: ObjectMeta | undefined): ObjectMeta {
  const { namespace: _ns, ...rest } = meta ?? {};
  return rest;
}

/** JSON with sorted keys, so two objects compare equal whatever their key order. */
export function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(value).sort()) out[k] = (value as Record<string, unknown>)[k];
      return out;
    }
    return value;
  });
}
