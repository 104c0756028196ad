/**
 * Checks one Kubernetes manifest the way `kubectl apply --dry-run=server` would: a kind the simulation
 * serves, the right apiVersion, no unknown fields (strict decoding, as the API server does since 1.25),
 * then defaulting, admission and validation by the simulated API server. Every failure is a diagnostic
 * at the node it is about.
 */
import type { ApiServer } from '../api/apiserver';
import { ApiError } from '../api/errors';
import { strictDecode } from '../api/strict';
import type { Kind, KubeObject } from '../api/types';
import { isKind, KIND_INFO, KINDS } from '../api/types';
import type { Diagnostic } from '../base/diagnostics';
import type { YamlDocument } from './parse';
import { diagnosticAt, parseFieldPath } from './parse';
import { isRecord } from '../base/record';

/** Kinds that only the system writes: nodes come from the Scenario's spec.nodes, the rest from controllers. */
const SYSTEM_KINDS: ReadonlySet<Kind> = new Set<Kind>([
  'Node',
  'Lease',
  'Endpoints',
  'EndpointSlice',
  'Event',
]);

/** The kinds a scenario or an apply may contain, sorted. */
export function appliableKinds(): Kind[] {
  return KINDS.filter((k) => !SYSTEM_KINDS.has(k)).sort();
}

export interface CheckedManifest {
  readonly kind: Kind;
  /** The object as written (status and, for cluster-scoped kinds, namespace removed). */
  readonly object: KubeObject;
  readonly doc: YamlDocument;
}

/** "deployment.apps/web" as kubectl names an object in its output. */
export function resourceName(kind: Kind, name: string): string {
  const { apiVersion } = KIND_INFO[kind];
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return `${kind.toLowerCase()}${group ? `.${group}` : ''}/${name}`;
}

/** The position-bearing form of an API server error: at its first field error's path when there is one. */
export function apiErrorDiagnostic(d: YamlDocument, e: ApiError): Diagnostic {
  const field = e.fieldErrors[0]?.field;
  return diagnosticAt(d, field ? parseFieldPath(field) : [], e.message);
}

/**
 * Check a manifest document without storing anything. `api` runs the server-side dry run; pass the live
 * API server for an apply, or a scratch one to check a scenario file before any cluster exists.
 */
export function checkManifest(
  d: YamlDocument,
  api: ApiServer,
): { manifest?: CheckedManifest; errors: Diagnostic[] } {
  const v = d.value;
  const supported = appliableKinds().join(', ');
  if (!isRecord(v)) {
    return {
      errors: [
        diagnosticAt(d, [], 'expected a Kubernetes object: a mapping with apiVersion, kind and metadata'),
      ],
    };
  }
  if (v.kind === undefined) {
    return {
      errors: [
        diagnosticAt(
          d,
          [],
          `kind not set: every manifest needs apiVersion and kind (supported kinds: ${supported})`,
        ),
      ],
    };
  }
  if (typeof v.kind !== 'string' || !isKind(v.kind) || SYSTEM_KINDS.has(v.kind)) {
    const kindText = typeof v.kind === 'string' ? v.kind : JSON.stringify(v.kind);
    const hint =
      v.kind === 'Node'
        ? ': nodes are declared in the Scenario document under spec.nodes'
        : v.kind === 'Scenario'
          ? ': a scenario has exactly one Scenario document, and it cannot be applied'
          : '';
    return {
      errors: [
        diagnosticAt(d, ['kind'], `unsupported kind "${kindText}"${hint} (supported kinds: ${supported})`),
      ],
    };
  }
  const kind = v.kind;
  const served = KIND_INFO[kind].apiVersion;
  if (v.apiVersion === undefined) {
    return { errors: [diagnosticAt(d, [], `apiVersion not set: ${kind} is served at ${served}`)] };
  }
  if (v.apiVersion !== served) {
    return {
      errors: [
        diagnosticAt(
          d,
          ['apiVersion'],
          `no matches for kind "${kind}" in version "${String(v.apiVersion)}": ${kind} is served at ${served}`,
        ),
      ],
    };
  }
  const strict = strictDecode(kind, v);
  if (strict.length) {
    return {
      errors: strict.map((e) =>
        e.supported
          ? diagnosticAt(
              d,
              parseFieldPath(e.path),
              `${e.message} (supported fields: ${e.supported.join(', ')})`,
              'key',
            )
          : diagnosticAt(d, parseFieldPath(e.path), e.message),
      ),
    };
  }
  const { status: _status, ...rest } = v;
  let object = rest as unknown as KubeObject;
  const meta = isRecord(v.metadata) ? v.metadata : {};
  if (!KIND_INFO[kind].namespaced && meta.namespace !== undefined) {
    const { namespace: _ns, ...rest } = meta;
    object = { ...object, metadata: rest } as KubeObject;
  } else if (KIND_INFO[kind].namespaced && meta.namespace === undefined) {
    // As the API server does for a request without one: the object lands in "default".
    object = { ...object, metadata: { ...meta, namespace: 'default' } } as KubeObject;
  }
  try {
    api.prepare(kind, object as never);
  } catch (e) {
    if (e instanceof ApiError) return { errors: [apiErrorDiagnostic(d, e)] };
    // A validator that trips over a malformed value must not turn bad input into a crash.
    return {
      errors: [diagnosticAt(d, [], `${kind} is malformed: ${e instanceof Error ? e.message : String(e)}`)],
    };
  }
  return { manifest: { kind, object, doc: d }, errors: [] };
}

/** Namespace of a manifest's object ("default" when unset; undefined for cluster-scoped kinds). */
export function namespaceOf(kind: Kind, obj: KubeObject): string | undefined {
  return KIND_INFO[kind].namespaced ? (obj.metadata?.namespace ?? 'default') : undefined;
}
