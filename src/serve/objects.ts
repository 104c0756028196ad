/**
 * Objects crossing the wire: decoding a request body into a kind (with the fieldValidation directive),
 * presenting stored objects (timestamps on the client's clock), lists and Status answers for deletes.
 */
import type { Kind, KubeObject } from '../engine';
import { KIND_INFO, strictDecode } from '../engine';
import type { ServedCluster } from './cluster';
import { shiftTimes } from './clock';
import { prune } from './schema';
import type { ServedResource } from './resources';
import { groupVersion } from './resources';
import { badRequest } from './status';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export function fieldValidation(query: URLSearchParams): FieldValidation {
  const v = query.get('fieldValidation') ?? 'Warn';
  if (v !== 'Strict' && v !== 'Warn' && v !== 'Ignore') {
    throw badRequest(`fieldValidation parameter unsupported: ${v}. Valid values are: [Ignore Warn Strict]`);
  }
  return v;
}

/** A decoded object and the warnings the client should see (unknown fields under Warn). */
export interface Decoded {
  readonly object: KubeObject;
  readonly warnings: readonly string[];
}

/**
 * Decode `body` as an object of `resource`'s kind, as the API server's decoder does: the apiVersion and
 * kind must be this resource's (or absent); values of the wrong type are a 400; unknown fields are a 400
 * under Strict, dropped with a warning under Warn and dropped silently under Ignore.
 */
export function decodeObject(
  resource: ServedResource,
  body: unknown,
  validation: FieldValidation,
  cluster: ServedCluster,
): Decoded {
  const kind = resource.engineKind as Kind;
  const gv = groupVersion(resource.group, resource.version);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest(
      `${kind} in version "${resource.version}" cannot be handled as a ${kind}: the body must be an object`,
    );
  }
  const rec = body as Record<string, unknown>;
  if (rec.apiVersion !== undefined && rec.apiVersion !== gv) {
    throw badRequest(
      `the API version in the data (${String(rec.apiVersion)}) does not match the expected API version (${gv})`,
    );
  }
  if (rec.kind !== undefined && rec.kind !== kind) {
    throw badRequest(`the kind in the data (${String(rec.kind)}) does not match the expected kind (${kind})`);
  }
  const problems = strictDecode(kind, rec);
  const typeError = problems.find((p) => !p.message.startsWith('unknown field'));
  if (typeError) {
    throw badRequest(
      `${kind} in version "${resource.version}" cannot be handled as a ${kind}: ${typeError.message}`,
    );
  }
  const unknown = problems.map((p) => p.message);
  if (unknown.length && validation === 'Strict')
    throw badRequest(`strict decoding error: ${unknown.join(', ')}`);
  const pruned = unknown.length ? (prune(kind, rec).value as Record<string, unknown>) : rec;
  const object = shiftTimes(
    { ...pruned, apiVersion: gv, kind },
    -cluster.clockShift(),
  ) as unknown as KubeObject;
  return { object, warnings: validation === 'Warn' ? unknown : [] };
}

/** A stored object as clients receive it: timestamps on their clock. */
export function present<T>(cluster: ServedCluster, value: T): T {
  return shiftTimes(value, cluster.clockShift());
}

/** The `<Kind>List` of `items`. */
export function listOf(
  resource: ServedResource,
  items: readonly unknown[],
  resourceVersion: string,
): Record<string, unknown> {
  return {
    kind: `${resource.kind}List`,
    apiVersion: groupVersion(resource.group, resource.version),
    metadata: { resourceVersion },
    items,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Objects in storage order: by namespace, then name (etcd's key order). */
export function byKey(a: KubeObject, b: KubeObject): number {
  return (
    compare(a.metadata?.namespace ?? '', b.metadata?.namespace ?? '') ||
    compare(a.metadata?.name ?? '', b.metadata?.name ?? '')
  );
}

/** The objects of a kind in a namespace (or all), in storage order. */
export function listObjects(cluster: ServedCluster, kind: Kind, namespace: string | undefined): KubeObject[] {
  const store = cluster.sim.store;
  const all =
    KIND_INFO[kind].namespaced && namespace !== undefined ? store.list(kind, namespace) : store.list(kind);
  return [...all].sort(byKey);
}
