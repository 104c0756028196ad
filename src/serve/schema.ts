/**
 * The served API's view of the engine's generated schema (src/engine/api/schema/kubernetes.json): schemas
 * by kind, the strategic-merge-patch metadata of a field, the names of timestamp fields, and pruning of
 * unknown fields (what the API server does to an object when field validation is Warn or Ignore).
 */
import schemaJson from '../engine/api/schema/kubernetes.json';
import type { Kind } from '../engine';

export interface Schema {
  readonly $ref?: string;
  readonly allOf?: readonly Schema[];
  readonly anyOf?: readonly Schema[];
  readonly type?: string | readonly string[];
  readonly format?: string;
  readonly description?: string;
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly additionalProperties?: Schema | boolean;
  readonly items?: Schema;
  readonly required?: readonly string[];
  readonly readOnly?: boolean;
  readonly 'x-go-type'?: string;
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly 'x-kubernetes-quantity'?: boolean;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  readonly 'x-kubernetes-patch-strategy'?: string;
  readonly 'x-kubernetes-patch-merge-key'?: string;
}

export interface SchemaDocument {
  readonly kinds: Readonly<Record<string, Schema>>;
  readonly definitions: Readonly<Record<string, Schema>>;
}

export const SCHEMA = schemaJson as unknown as SchemaDocument;
export const REF_PREFIX = '#/definitions/';

/** Follow $ref and single-element allOf wrappers to the schema itself. */
export function resolve(s: Schema | undefined): Schema | undefined {
  let cur = s;
  for (let i = 0; cur && i < 8; i++) {
    if (cur.$ref) cur = SCHEMA.definitions[cur.$ref.slice(REF_PREFIX.length)];
    else if (cur.allOf && cur.allOf.length === 1 && !cur.properties) cur = cur.allOf[0];
    else return cur;
  }
  return cur;
}

export function kindSchema(kind: Kind): Schema | undefined {
  return resolve(SCHEMA.kinds[kind]);
}

/** The definition name of a kind ("apps.v1.Deployment"). */
export function kindDefinition(kind: Kind): string | undefined {
  return SCHEMA.kinds[kind]?.$ref?.slice(REF_PREFIX.length);
}

/** A property's own schema with its extensions (the allOf wrapper of a $ref keeps them). */
export function property(parent: Schema | undefined, name: string): Schema | undefined {
  return resolve(parent)?.properties?.[name];
}

/** Names of every timestamp field (metav1.Time and MicroTime) anywhere in the schema. */
export const TIME_FIELDS: ReadonlySet<string> = (() => {
  const out = new Set<string>();
  for (const def of Object.values(SCHEMA.definitions)) {
    for (const [name, p] of Object.entries(def.properties ?? {})) if (p.format === 'date-time') out.add(name);
  }
  return out;
})();

/**
 * Remove the fields the schema does not know, as decoding into Go structs does when field validation is
 * Warn or Ignore. Returns the pruned copy and the paths removed (for Warn's warnings).
 */
export function prune(kind: Kind, obj: unknown): { value: unknown; removed: string[] } {
  const removed: string[] = [];
  const walk = (v: unknown, schema: Schema | undefined, path: string, depth: number): unknown => {
    const s = resolve(schema);
    if (!s || v === null || typeof v !== 'object' || depth > 64 || s['x-kubernetes-preserve-unknown-fields'])
      return v;
    if (Array.isArray(v)) return s.items ? v.map((x, i) => walk(x, s.items, `${path}[${i}]`, depth + 1)) : v;
    const rec = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    if (s.properties) {
      for (const [k, x] of Object.entries(rec)) {
        const p = path ? `${path}.${k}` : k;
        const prop = s.properties[k];
        if (!prop) removed.push(p);
        else out[k] = walk(x, prop, p, depth + 1);
      }
      return out;
    }
    if (s.additionalProperties && typeof s.additionalProperties === 'object') {
      for (const [k, x] of Object.entries(rec))
        out[k] = walk(x, s.additionalProperties, `${path}[${k}]`, depth + 1);
      return out;
    }
    return v;
  };
  return { value: walk(obj, kindSchema(kind), '', 0), removed };
}
