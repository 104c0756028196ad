/**
 * OpenAPI documents of the served API, made from the engine's generated schema: v3 per group version
 * (/openapi/v3/<api|apis/group/version>, what `kubectl explain` reads and what kubectl checks for the
 * fieldValidation parameter before it leaves validation to the server) and v2 (/openapi/v2, JSON only).
 * Definitions take upstream's names (io.k8s.api.apps.v1.Deployment, io.k8s.apimachinery.pkg.apis.meta.v1.
 * ObjectMeta), kinds carry x-kubernetes-group-version-kind, and Quantity, IntOrString and Time are named
 * definitions as kube-openapi publishes them, so kubectl prints the same type names.
 */
import { createHash } from 'node:crypto';
import type { Kind } from '../engine';
import { KUBERNETES_VERSION } from '../engine';
import type { Schema } from './schema';
import { kindDefinition, REF_PREFIX, SCHEMA } from './schema';
import type { ServedResource } from './resources';
import { groupVersion, SERVED, servedGroups } from './resources';

type Json = Record<string, unknown>;
type Flavour = 'v2' | 'v3';

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';

/** Upstream's definition name for one of the generated schema's ("apps.v1.Deployment"). */
export function upstreamName(def: string): string {
  return def.startsWith('meta.') ? `io.k8s.apimachinery.pkg.apis.${def}` : `io.k8s.api.${def}`;
}

function refTo(name: string, flavour: Flavour): string {
  return flavour === 'v3' ? `#/components/schemas/${name}` : `#/definitions/${name}`;
}

/** Named definitions kube-openapi has for types the generated schema writes inline. */
function builtins(flavour: Flavour): Record<string, Json> {
  const v3 = flavour === 'v3';
  return {
    [QUANTITY]: {
      description:
        'Quantity is a fixed-point representation of a number. It provides convenient marshaling/unmarshaling in JSON and YAML, in addition to String() and AsInt64() accessors.',
      ...(v3 ? { oneOf: [{ type: 'string' }, { type: 'number' }] } : { type: 'string' }),
    },
    [INT_OR_STRING]: {
      description:
        'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
      format: 'int-or-string',
      ...(v3 ? { oneOf: [{ type: 'integer' }, { type: 'string' }] } : { type: 'string' }),
    },
    [`${META}Time`]: {
      description:
        'Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.  Wrappers are provided for many of the factory methods that the time package offers.',
      type: 'string',
      format: 'date-time',
    },
    [`${META}MicroTime`]: {
      description: 'MicroTime is version of Time with microsecond level precision.',
      type: 'string',
      format: 'date-time',
    },
    [`${META}ListMeta`]: {
      description:
        'ListMeta describes metadata that synthetic resources must have, including lists and various status objects. A resource may have only one of {ObjectMeta, ListMeta}.',
      type: 'object',
      properties: {
        continue: { type: 'string' },
        remainingItemCount: { type: 'integer', format: 'int64' },
        resourceVersion: { type: 'string' },
        selfLink: { type: 'string' },
      },
    },
  };
}

/** A reference, wrapped in allOf (v3) when it carries its own description or extensions. */
function withRef(name: string, extra: Json, flavour: Flavour): Json {
  const ref = { $ref: refTo(name, flavour) };
  if (Object.keys(extra).length === 0) return ref;
  return flavour === 'v3' ? { allOf: [ref], ...extra } : { ...ref, ...extra };
}

function convert(s: Schema, flavour: Flavour, refs: Set<string>, propName = ''): Json {
  const extra: Json = {};
  if (s.description) extra.description = s.description;
  if (s['x-kubernetes-patch-strategy'])
    extra['x-kubernetes-patch-strategy'] = s['x-kubernetes-patch-strategy'];
  if (s['x-kubernetes-patch-merge-key'])
    extra['x-kubernetes-patch-merge-key'] = s['x-kubernetes-patch-merge-key'];
  if (s['x-kubernetes-quantity']) return withRef(QUANTITY, extra, flavour);
  if (s['x-kubernetes-int-or-string']) return withRef(INT_OR_STRING, extra, flavour);
  if (s.format === 'date-time') {
    const micro = s['x-go-type'] === 'v1.MicroTime';
    return withRef(`${META}${micro ? 'MicroTime' : 'Time'}`, extra, flavour);
  }
  const target = s.$ref ?? (s.allOf?.length === 1 ? s.allOf[0]?.$ref : undefined);
  if (target) {
    const def = target.slice(REF_PREFIX.length);
    refs.add(def);
    return withRef(upstreamName(def), extra, flavour);
  }
  const out: Json = {};
  if (s.type !== undefined) out.type = s.type;
  if (s.format) out.format = s.format;
  // kubernetes-types spells apiVersion and kind as literal types; the API documents no enum there.
  if (s.enum && propName !== 'apiVersion' && propName !== 'kind') out.enum = s.enum;
  if (s.items) out.items = convert(s.items, flavour, refs);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') {
    out.additionalProperties = convert(s.additionalProperties, flavour, refs);
  }
  if (s.properties) {
    out.properties = Object.fromEntries(
      Object.entries(s.properties).map(([k, p]) => [k, convert(p, flavour, refs, k)]),
    );
  }
  if (s.required?.length) out.required = s.required;
  if (s.anyOf) out.anyOf = s.anyOf.map((a) => convert(a, flavour, refs));
  if (s['x-kubernetes-preserve-unknown-fields']) out['x-kubernetes-preserve-unknown-fields'] = true;
  return { ...out, ...extra };
}

interface Gvk {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

const ENGINE_KINDS = new Map<string, ServedResource>(
  SERVED.filter((r) => r.engineKind).map((r) => [kindDefinition(r.engineKind as Kind) ?? '', r]),
);

/** Every definition reachable from `roots`, converted, plus the builtins. */
function definitionsFrom(roots: readonly string[], flavour: Flavour): Record<string, Json> {
  const out: Record<string, Json> = { ...builtins(flavour) };
  const queue = [...roots];
  const seen = new Set<string>();
  while (queue.length) {
    const def = queue.pop() as string;
    if (seen.has(def)) continue;
    seen.add(def);
    const s = SCHEMA.definitions[def];
    if (!s) continue;
    const refs = new Set<string>();
    const converted = convert(s, flavour, refs);
    const served = ENGINE_KINDS.get(def);
    if (served) {
      converted['x-kubernetes-group-version-kind'] = [
        { group: served.group, kind: served.kind, version: served.version },
      ];
    }
    out[upstreamName(def)] = converted;
    queue.push(...refs);
  }
  for (const r of SERVED) {
    const def = r.engineKind ? kindDefinition(r.engineKind) : undefined;
    if (!def || !roots.includes(def)) continue;
    out[`${upstreamName(def)}List`] = {
      description: `${r.kind}List is a list of ${r.kind} objects.`,
      type: 'object',
      required: ['items'],
      properties: {
        apiVersion: { type: 'string' },
        items: { type: 'array', items: { $ref: refTo(upstreamName(def), flavour) } },
        kind: { type: 'string' },
        metadata: withRef(`${META}ListMeta`, {}, flavour),
      },
      'x-kubernetes-group-version-kind': [{ group: r.group, kind: `${r.kind}List`, version: r.version }],
    };
  }
  return out;
}

const VALIDATION_PARAM = {
  name: 'fieldValidation',
  description:
    'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore - Warn (default) - Strict',
};
const QUERY = {
  dryRun: 'When present, indicates that modifications should not be persisted.',
  fieldManager: 'fieldManager is a name associated with the actor or entity that is making these changes.',
  labelSelector:
    'A selector to restrict the list of returned objects by their labels. Defaults to everything.',
  fieldSelector:
    'A selector to restrict the list of returned objects by their fields. Defaults to everything.',
  resourceVersion:
    'resourceVersion sets a constraint on what resource versions a request may be served from.',
  watch:
    'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.',
  allowWatchBookmarks: 'allowWatchBookmarks requests watch events with type "BOOKMARK".',
  timeoutSeconds: 'Timeout for the list/watch call.',
} as const;

function param(name: string, description: string, where: 'query' | 'path', flavour: Flavour): Json {
  const type =
    name === 'watch' || name === 'allowWatchBookmarks'
      ? 'boolean'
      : name === 'timeoutSeconds'
        ? 'integer'
        : 'string';
  return flavour === 'v3'
    ? {
        name,
        in: where,
        description,
        ...(where === 'path' ? { required: true } : {}),
        schema: { type, uniqueItems: true },
      }
    : {
        name,
        in: where,
        description,
        ...(where === 'path' ? { required: true } : {}),
        type,
        uniqueItems: true,
      };
}

function operation(
  action: string,
  gvk: Gvk,
  schemaName: string,
  query: readonly string[],
  flavour: Flavour,
  body: boolean,
): Json {
  const params = query.map((q) =>
    q === 'fieldValidation'
      ? param(q, VALIDATION_PARAM.description, 'query', flavour)
      : param(q, QUERY[q as keyof typeof QUERY] ?? '', 'query', flavour),
  );
  const ref = { $ref: refTo(schemaName, flavour) };
  const responses =
    flavour === 'v3'
      ? { '200': { description: 'OK', content: { 'application/json': { schema: ref } } } }
      : { '200': { description: 'OK', schema: ref } };
  const request =
    body && flavour === 'v3' ? { requestBody: { content: { '*/*': { schema: ref } }, required: true } } : {};
  if (body && flavour === 'v2') params.push({ name: 'body', in: 'body', required: true, schema: ref });
  return {
    description: `${action} ${gvk.kind}`,
    operationId: `${action}${gvk.kind}`,
    parameters: params,
    ...request,
    responses,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
  };
}

const WRITE = ['dryRun', 'fieldManager', 'fieldValidation'];
const LIST = [
  'allowWatchBookmarks',
  'fieldSelector',
  'labelSelector',
  'resourceVersion',
  'timeoutSeconds',
  'watch',
];

function pathsFor(r: ServedResource, flavour: Flavour): Record<string, Json> {
  const def = r.engineKind ? kindDefinition(r.engineKind) : undefined;
  if (!def) return {};
  const name = upstreamName(def);
  const gvk = { group: r.group, version: r.version, kind: r.kind };
  const root = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const scope = r.namespaced ? `${root}/namespaces/{namespace}/${r.plural}` : `${root}/${r.plural}`;
  const pathParams = (withName: boolean) => [
    ...(r.namespaced
      ? [param('namespace', 'object name and auth scope, such as for teams and projects', 'path', flavour)]
      : []),
    ...(withName ? [param('name', `name of the ${r.kind}`, 'path', flavour)] : []),
  ];
  const out: Record<string, Json> = {
    [scope]: {
      get: operation('list', gvk, `${name}List`, LIST, flavour, false),
      post: operation('post', gvk, name, WRITE, flavour, true),
      delete: operation('deletecollection', gvk, name, ['labelSelector', 'fieldSelector'], flavour, false),
      parameters: pathParams(false),
    },
    [`${scope}/{name}`]: {
      get: operation('get', gvk, name, [], flavour, false),
      put: operation('put', gvk, name, WRITE, flavour, true),
      patch: operation('patch', gvk, name, WRITE, flavour, true),
      delete: operation('delete', gvk, name, ['dryRun'], flavour, false),
      parameters: pathParams(true),
    },
  };
  if (r.namespaced)
    out[`${root}/${r.plural}`] = { get: operation('list', gvk, `${name}List`, LIST, flavour, false) };
  if (r.subresources.some((s) => s.name === 'status')) {
    out[`${scope}/{name}/status`] = {
      get: operation('get', gvk, name, [], flavour, false),
      put: operation('put', gvk, name, WRITE, flavour, true),
      patch: operation('patch', gvk, name, WRITE, flavour, true),
      parameters: pathParams(true),
    };
  }
  return out;
}

function document(resources: readonly ServedResource[], flavour: Flavour): Json {
  const roots = resources.flatMap((r) => (r.engineKind ? [kindDefinition(r.engineKind) ?? ''] : []));
  const paths = Object.assign({}, ...resources.map((r) => pathsFor(r, flavour))) as Json;
  const definitions = definitionsFrom(roots, flavour);
  const info = { title: 'Kubernetes', version: KUBERNETES_VERSION };
  return flavour === 'v3'
    ? { openapi: '3.0.0', info, paths, components: { schemas: definitions } }
    : { swagger: '2.0', info, paths, definitions };
}

/** The v3 document of one group version ("api/v1", "apis/apps/v1"), or undefined. */
export function openApiV3(path: string): Json | undefined {
  const m = /^(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (!m) return undefined;
  const group = m[2] ?? '';
  const version = m[1] ?? m[3] ?? '';
  const resources = SERVED.filter((r) => r.group === group && r.version === version && r.engineKind);
  return resources.length ? document(resources, 'v3') : undefined;
}

export function openApiV2(): Json {
  return document(
    SERVED.filter((r) => r.engineKind),
    'v2',
  );
}

const hashes = new Map<string, string>();

/** A document's content hash (what the v3 index puts in each serverRelativeURL). */
export function contentHash(path: string, body: string): string {
  let h = hashes.get(path);
  if (!h) {
    h = createHash('sha512').update(body).digest('hex').toUpperCase().slice(0, 128);
    hashes.set(path, h);
  }
  return h;
}

/** The /openapi/v3 index: one entry per served group version. */
export function openApiV3Index(hashOf: (path: string) => string): Json {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, version } of servedGroups()) {
    const path = group ? `apis/${group}/${version}` : `api/${version}`;
    if (!openApiV3(path)) continue;
    paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hashOf(path)}` };
  }
  return { paths };
}

/** For tests and the router: the group-version key of a served resource ("apis/apps/v1"). */
export function openApiPath(r: ServedResource): string {
  return r.group ? `apis/${groupVersion(r.group, r.version)}` : `api/${r.version}`;
}
