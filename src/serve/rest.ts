/**
 * The REST verbs on the engine's kinds: get, list (and watch, handed to watch.ts), create, replace, patch,
 * delete and deletecollection, and the status and scale subresources. Every write goes through the engine's
 * ApiServer inside `cluster.act`, so defaulting, admission, validation, graceful deletion and the
 * controllers' reactions are the engine's; this file only translates HTTP to those calls and back.
 */
import type { DeleteOptions, Kind, KubeObject, LabelSelector } from '../engine';
import { ApiError, formatSelector } from '../engine';
import { decodeBody, negotiate, readBody, sendJson } from './http';
import type { FieldValidation } from './objects';
import { decodeObject, fieldValidation, listObjects, listOf, present } from './objects';
import { jsonPatch, mergePatch, PatchError, strategicMergePatch } from './patch';
import type { ApiRequest } from './request';
import { kindSchema } from './schema';
import { matches, parseFilter } from './selectors';
import type { HttpError, ResourceRef } from './status';
import {
  badRequest,
  failure,
  fromApiError,
  methodNotAllowed,
  notFound,
  pathNotFound,
  success,
  unsupportedMediaType,
} from './status';
import { partialMetadata, toTable } from './table';
import { serveWatch } from './watch';

function ref(r: ApiRequest): ResourceRef {
  return { group: r.path.group, resource: r.path.resource.plural };
}

function kindOf(r: ApiRequest): Kind {
  return r.path.resource.engineKind as Kind;
}

/** Run an engine write as this request's actor; ApiErrors become the API server's Status answers. */
function write<T>(r: ApiRequest, name: string, fn: () => T): T {
  if (!r.cluster.sim.api.available) throw unavailable();
  try {
    return r.cluster.act(r.actor, fn);
  } catch (e) {
    if (e instanceof ApiError) throw fromApiError(e, ref(r), name, kindOf(r));
    throw e;
  }
}

/** While the simulated kube-apiserver (or etcd) is down, the served API says so instead of answering. */
export function unavailable(): HttpError {
  return failure(
    503,
    'ServiceUnavailable',
    'the simulated kube-apiserver is down (a ControlPlaneOutage): a real cluster would refuse the connection',
  );
}

function namespaceFor(r: ApiRequest, body?: KubeObject): string | undefined {
  if (!r.path.resource.namespaced) return undefined;
  return r.path.namespace ?? body?.metadata?.namespace ?? 'default';
}

function stored(r: ApiRequest, name: string): KubeObject {
  const o = r.cluster.sim.store.get(kindOf(r), namespaceFor(r), name);
  if (!o) throw notFound(ref(r), name);
  return o;
}

function respond(r: ApiRequest, code: number, obj: unknown, warnings: readonly string[] = []): void {
  if (warnings.length) {
    r.res.setHeader(
      'Warning',
      warnings.map((w) => `299 - ${JSON.stringify(w)}`),
    );
  }
  sendJson(r.res, code, present(r.cluster, obj));
}

function rendered(r: ApiRequest, objects: readonly KubeObject[], single: boolean): unknown {
  const rendering = negotiate(r.req.headers.accept);
  const rv = String(r.cluster.resourceVersion);
  if (rendering === 'table') {
    const include = r.query.get('includeObject') ?? 'Metadata';
    if (include !== 'None' && include !== 'Metadata' && include !== 'Object') {
      throw badRequest(`includeObject must be one of None, Metadata or Object, not "${include}"`);
    }
    return toTable(kindOf(r), objects, r.cluster.sim, rv, { includeObject: include });
  }
  if (rendering === 'metadata') {
    if (single) return partialMetadata(objects[0] as KubeObject);
    return {
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: rv },
      items: objects.map(partialMetadata),
    };
  }
  return single ? objects[0] : listOf(r.path.resource, objects, rv);
}

function getOne(r: ApiRequest, name: string): void {
  respond(r, 200, rendered(r, [stored(r, name)], true));
}

function list(r: ApiRequest): void {
  const filter = parseFilter(kindOf(r), r.query.get('labelSelector'), r.query.get('fieldSelector'));
  const objects = listObjects(r.cluster, kindOf(r), r.path.namespace).filter((o) => matches(filter, o));
  respond(r, 200, rendered(r, objects, false));
}

function isDryRun(r: ApiRequest): boolean {
  const v = r.query.getAll('dryRun');
  if (v.some((x) => x !== 'All'))
    throw badRequest(
      `dryRun: Unsupported value: "${v.find((x) => x !== 'All') ?? ''}": supported values: "All"`,
    );
  return v.length > 0;
}

async function bodyOf(r: ApiRequest): Promise<unknown> {
  return decodeBody(await readBody(r.req), r.req.headers['content-type']);
}

/** Server-set fields a client may not write on create (rest.BeforeCreate clears or refuses them). */
function forCreate(o: KubeObject): KubeObject {
  if (o.metadata?.resourceVersion)
    throw badRequest('resourceVersion should not be set on objects to be created');
  const {
    uid: _u,
    creationTimestamp: _c,
    deletionTimestamp: _d,
    managedFields: _m,
    generation: _g,
    ...meta
  } = o.metadata ?? {};
  const { status: _s, ...rest } = o as KubeObject & { status?: unknown };
  return { ...rest, metadata: meta } as KubeObject;
}

async function create(r: ApiRequest): Promise<void> {
  const dryRun = isDryRun(r);
  const { object, warnings } = decodeObject(
    r.path.resource,
    await bodyOf(r),
    fieldValidation(r.query),
    r.cluster,
  );
  const ns = namespaceFor(r, object);
  if (
    r.path.namespace !== undefined &&
    object.metadata?.namespace !== undefined &&
    object.metadata.namespace !== r.path.namespace
  ) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  const input = forCreate({
    ...object,
    metadata: { ...object.metadata, ...(ns ? { namespace: ns } : {}) },
  } as KubeObject);
  const name = input.metadata?.name ?? input.metadata?.generateName ?? '';
  const kind = kindOf(r);
  const out = write(r, name, () =>
    dryRun ? r.cluster.sim.api.prepare(kind, input as never) : r.cluster.sim.api.create(kind, input as never),
  );
  respond(r, 201, out, warnings);
}

function checkTarget(r: ApiRequest, name: string, o: KubeObject): void {
  if (o.metadata?.name !== undefined && o.metadata.name !== name) {
    throw badRequest(
      `the name of the object (${o.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  if (
    r.path.namespace !== undefined &&
    o.metadata?.namespace !== undefined &&
    o.metadata.namespace !== r.path.namespace
  ) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
}

/** Write `next` over the stored object: its spec and metadata, or with `status` only its status. */
function save(r: ApiRequest, name: string, next: KubeObject, status: boolean, dryRun: boolean): KubeObject {
  const kind = kindOf(r);
  const api = r.cluster.sim.api;
  const ns = namespaceFor(r);
  const withKey = {
    ...next,
    metadata: { ...next.metadata, name, ...(ns ? { namespace: ns } : {}) },
  } as KubeObject;
  return write(r, name, () => {
    if (dryRun) return api.prepare(kind, withKey as never, stored(r, name) as never);
    return status ? api.updateStatus(kind, withKey as never) : api.update(kind, withKey as never);
  });
}

async function replace(r: ApiRequest, name: string, status: boolean): Promise<void> {
  const dryRun = isDryRun(r);
  const { object, warnings } = decodeObject(
    r.path.resource,
    await bodyOf(r),
    fieldValidation(r.query),
    r.cluster,
  );
  checkTarget(r, name, object);
  stored(r, name);
  respond(r, 200, save(r, name, object, status, dryRun), warnings);
}

const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
] as const;

/** Apply a patch document of `contentType` to `base` (as the client sees it). */
export function applyPatch(
  contentType: string,
  base: unknown,
  patch: unknown,
  schema: ReturnType<typeof kindSchema>,
): unknown {
  try {
    if (contentType === 'application/json-patch+json') return jsonPatch(base, patch);
    if (contentType === 'application/merge-patch+json') return mergePatch(base, patch);
    return strategicMergePatch(base, patch, schema);
  } catch (e) {
    if (e instanceof PatchError) throw failure(422, 'Invalid', e.message);
    throw e;
  }
}

function patchType(r: ApiRequest): string {
  const type = (r.req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/apply-patch+yaml' || type === 'application/apply-patch+cbor') {
    throw failure(
      415,
      'UnsupportedMediaType',
      'server-side apply is not simulated: use client-side apply (kubectl apply without --server-side)',
    );
  }
  if (!(PATCH_TYPES as readonly string[]).includes(type)) throw unsupportedMediaType(PATCH_TYPES.join(', '));
  return type;
}

async function patch(r: ApiRequest, name: string, status: boolean): Promise<void> {
  const type = patchType(r);
  const dryRun = isDryRun(r);
  const validation: FieldValidation = fieldValidation(r.query);
  const doc = decodeBody(await readBody(r.req), 'application/json');
  const current = present(r.cluster, stored(r, name));
  const patched = applyPatch(type, current, doc, kindSchema(kindOf(r)));
  const { object, warnings } = decodeObject(r.path.resource, patched, validation, r.cluster);
  checkTarget(r, name, object);
  respond(r, 200, save(r, name, object, status, dryRun), warnings);
}

function deleteOptions(
  r: ApiRequest,
  body: unknown,
): DeleteOptions & { preconditions?: { uid?: string; resourceVersion?: string } } {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const grace =
    b.gracePeriodSeconds ??
    (r.query.has('gracePeriodSeconds') ? Number(r.query.get('gracePeriodSeconds')) : undefined);
  const policy = b.propagationPolicy ?? r.query.get('propagationPolicy') ?? undefined;
  if (grace !== undefined && (typeof grace !== 'number' || !Number.isInteger(grace) || grace < 0)) {
    throw badRequest(`gracePeriodSeconds must be a whole number of seconds, not ${JSON.stringify(grace)}`);
  }
  if (policy !== undefined && policy !== 'Background' && policy !== 'Foreground' && policy !== 'Orphan') {
    throw failure(
      422,
      'Invalid',
      `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${String(policy)}": supported values: "Foreground", "Background", "Orphan"`,
    );
  }
  const orphan = b.orphanDependents;
  return {
    ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}),
    ...(policy
      ? { propagationPolicy: policy }
      : orphan === true
        ? { propagationPolicy: 'Orphan' as const }
        : {}),
    ...(b.preconditions && typeof b.preconditions === 'object'
      ? { preconditions: b.preconditions as { uid?: string; resourceVersion?: string } }
      : {}),
  };
}

function checkPreconditions(
  r: ApiRequest,
  o: KubeObject,
  p: { uid?: string; resourceVersion?: string } | undefined,
): void {
  if (!p) return;
  if (p.uid !== undefined && p.uid !== o.metadata?.uid) {
    throw failure(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${ref(r).resource} "${o.metadata?.name ?? ''}": Precondition failed: UID in precondition: ${p.uid}, UID in object meta: ${o.metadata?.uid ?? ''}`,
    );
  }
  if (p.resourceVersion !== undefined && p.resourceVersion !== o.metadata?.resourceVersion) {
    throw failure(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${ref(r).resource} "${o.metadata?.name ?? ''}": Precondition failed: ResourceVersion in precondition: ${p.resourceVersion}, ResourceVersion in meta: ${o.metadata?.resourceVersion ?? ''}`,
    );
  }
}

/** Delete one object; the answer is the object while it is still there (graceful, foreground), else a Status. */
function deleteOne(
  r: ApiRequest,
  o: KubeObject,
  opts: ReturnType<typeof deleteOptions>,
  dryRun: boolean,
): unknown {
  const name = o.metadata?.name ?? '';
  checkPreconditions(r, o, opts.preconditions);
  if (dryRun) return o;
  const { preconditions: _p, ...options } = opts;
  write(r, name, () => r.cluster.sim.api.delete(kindOf(r), o.metadata?.namespace, name, options));
  const after = r.cluster.sim.store.get(kindOf(r), o.metadata?.namespace, name);
  if (after && after.metadata?.uid === o.metadata?.uid) return after;
  if (kindOf(r) === 'Pod') return o;
  return success(200, {
    name,
    ...(r.path.group ? { group: r.path.group } : {}),
    kind: r.path.resource.plural,
    ...(o.metadata?.uid ? { uid: o.metadata.uid } : {}),
  } as never);
}

async function remove(r: ApiRequest, name: string | undefined): Promise<void> {
  const dryRun = isDryRun(r);
  const raw = await readBody(r.req);
  const opts = deleteOptions(r, raw.length ? decodeBody(raw, r.req.headers['content-type']) : undefined);
  if (name !== undefined) {
    respond(r, 200, deleteOne(r, stored(r, name), opts, dryRun));
    return;
  }
  const filter = parseFilter(kindOf(r), r.query.get('labelSelector'), r.query.get('fieldSelector'));
  const victims = listObjects(r.cluster, kindOf(r), r.path.namespace).filter((o) => matches(filter, o));
  const items = victims
    .map((o) => deleteOne(r, o, opts, dryRun))
    .filter((x) => (x as { kind?: string }).kind !== 'Status');
  respond(r, 200, listOf(r.path.resource, items, String(r.cluster.resourceVersion)));
}

// --- the scale subresource: autoscaling/v1 Scale over spec.replicas ---------------------------------------

function scaleOf(o: KubeObject): Record<string, unknown> {
  const spec = (o as { spec?: { replicas?: number; selector?: LabelSelector } }).spec;
  const statusReplicas = (o as { status?: { replicas?: number } }).status?.replicas ?? 0;
  const m = o.metadata ?? {};
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: spec?.replicas ?? 0 },
    status: { replicas: statusReplicas, selector: formatSelector(spec?.selector) },
  };
}

async function scale(r: ApiRequest, name: string): Promise<void> {
  const target = stored(r, name);
  if (r.method === 'GET') {
    respond(r, 200, scaleOf(target));
    return;
  }
  const dryRun = isDryRun(r);
  let next: unknown;
  if (r.method === 'PUT') next = await bodyOf(r);
  else if (r.method === 'PATCH') {
    const type = patchType(r);
    const doc = decodeBody(await readBody(r.req), 'application/json');
    next = applyPatch(type, present(r.cluster, scaleOf(target)), doc, undefined);
  } else throw methodNotAllowed();
  const s = (next ?? {}) as { metadata?: { resourceVersion?: string }; spec?: { replicas?: unknown } };
  const replicas = s.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas)) {
    throw failure(
      422,
      'Invalid',
      `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas ?? null)}: must be a whole number`,
    );
  }
  const rv = s.metadata?.resourceVersion;
  const spec = (target as { spec?: Record<string, unknown> }).spec ?? {};
  const updated = {
    ...target,
    metadata: { ...target.metadata, ...(rv ? { resourceVersion: rv } : {}) },
    spec: { ...spec, replicas },
  } as KubeObject;
  respond(r, 200, scaleOf(save(r, name, updated, false, dryRun)));
}

/** Handle a request for one of the engine's kinds (anything but logs, eviction and metrics). */
export async function handleObjects(r: ApiRequest): Promise<void> {
  const { name, subresource, resource, namespace } = r.path;
  if (!resource.namespaced && namespace !== undefined) throw pathNotFound();
  if (resource.namespaced && namespace === undefined && (name !== undefined || r.method !== 'GET')) {
    throw r.method === 'GET' ? pathNotFound() : methodNotAllowed();
  }
  if (subresource !== undefined) {
    if (name === undefined || !resource.subresources.some((s) => s.name === subresource))
      throw pathNotFound();
    if (subresource === 'status') {
      if (r.method === 'GET') return getOne(r, name);
      if (r.method === 'PUT') return replace(r, name, true);
      if (r.method === 'PATCH') return patch(r, name, true);
      throw methodNotAllowed();
    }
    if (subresource === 'scale') return scale(r, name);
    throw pathNotFound();
  }
  switch (r.method) {
    case 'GET':
      if (name !== undefined) return getOne(r, name);
      if (r.query.get('watch') === 'true' || r.query.get('watch') === '1') return serveWatch(r);
      return list(r);
    case 'POST':
      if (name !== undefined) throw methodNotAllowed();
      return create(r);
    case 'PUT':
      if (name === undefined) throw methodNotAllowed();
      return replace(r, name, false);
    case 'PATCH':
      if (name === undefined) throw methodNotAllowed();
      return patch(r, name, false);
    case 'DELETE':
      if (name === undefined && !resource.verbs.includes('deletecollection')) throw methodNotAllowed();
      return remove(r, name);
    default:
      throw methodNotAllowed();
  }
}
