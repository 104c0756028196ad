/**
 * The editor's JSON Schema for Kubernetes YAML, derived from the generated schema of every kind the API
 * server serves (src/engine/api/schema/kubernetes.json, from kubernetes-types): each document is checked
 * against the kind it names (`if kind is X then X's schema`), so completion, hover documentation and
 * validation fit a Deployment in one document and a Service in the next.
 */
import generated from '../../engine/api/schema/kubernetes.json';

type Json = Record<string, unknown>;

/** Where the schema lives for monaco-yaml: a file-like URI (monaco-yaml needs one even for an inline schema). */
export const SCHEMA_URI = 'file:///setpoint/kubernetes.schema.json';

/** Drop the generator's Go-specific annotations: they are noise in hover text and in the worker message. */
function clean(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clean);
  if (v && typeof v === 'object') {
    const out: Json = {};
    for (const [k, x] of Object.entries(v as Json)) if (!k.startsWith('x-go-')) out[k] = clean(x);
    return out;
  }
  return v;
}

/** The apiVersion each kind is served at, read from its schema ("apps/v1"). */
function apiVersionOf(definition: unknown): string | undefined {
  const d = definition as { properties?: { apiVersion?: { enum?: unknown[] } } } | undefined;
  const v = d?.properties?.apiVersion?.enum?.[0];
  return typeof v === 'string' ? v : undefined;
}

export function kubernetesSchema(): Json {
  const definitions = clean(generated.definitions) as Record<string, Json>;
  const kinds = Object.entries(generated.kinds as Record<string, { $ref: string }>);
  const defOf = (ref: string) => definitions[ref.replace('#/definitions/', '')];
  const apiVersions = [
    ...new Set(kinds.map(([, r]) => apiVersionOf(defOf(r.$ref))).filter((v) => v !== undefined)),
  ];
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Kubernetes object',
    description: 'A Kubernetes object this simulated cluster serves. Choose its kind to see its fields.',
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata'],
    properties: {
      apiVersion: {
        type: 'string',
        enum: apiVersions.sort(),
        description: 'The API group and version of the object, for example apps/v1 for a Deployment.',
      },
      kind: {
        type: 'string',
        enum: kinds.map(([k]) => k).sort(),
        description: 'The kind of object: Deployment, Service, Pod, ConfigMap, ...',
      },
    },
    allOf: kinds.map(([kind, ref]) => ({
      if: { properties: { kind: { const: kind } }, required: ['kind'] },
      then: { $ref: ref.$ref },
    })),
    definitions,
  };
}
