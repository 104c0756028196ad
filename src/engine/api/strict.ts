/**
 * Strict decoding, as the API server does it since Kubernetes 1.25 (`fieldValidation=Strict`): every field
 * of a manifest must exist in the kind's schema, and every value must decode into the Go type behind it.
 * Driven by schema/kubernetes.json (generated from kubernetes-types by scripts/gen-schema.ts). Never
 * throws: any input, however malformed or deep, yields a list of problems (empty when the object decodes).
 */
import schemaJson from './schema/kubernetes.json';
import { parseQuantity } from './quantity';
import type { Kind } from './types';

export interface FieldProblem {
  /** Kubernetes' field path, e.g. "spec.template.spec.containers[0].imagee". */
  readonly path: string;
  readonly message: string;
  /** For an unknown field: the fields that level does support, sorted. */
  readonly supported?: readonly string[];
}

interface Schema {
  readonly $ref?: string;
  readonly allOf?: readonly Schema[];
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly additionalProperties?: Schema | boolean;
  readonly items?: Schema;
  readonly 'x-go-type'?: string;
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly 'x-kubernetes-quantity'?: boolean;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
}

interface SchemaDocument {
  readonly kinds: Readonly<Record<string, Schema>>;
  readonly definitions: Readonly<Record<string, Schema>>;
}

const doc = schemaJson as unknown as SchemaDocument;

/** Deeper than any real manifest: past this, decoding stops looking (and reports it once). */
const MAX_DEPTH = 64;

const QUANTITY_MESSAGE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** Follow $ref and single-element allOf wrappers to the schema itself. */
function resolve(s: Schema | undefined): Schema | undefined {
  let cur = s;
  for (let i = 0; cur && i < 8; i++) {
    if (cur.$ref) cur = doc.definitions[cur.$ref.slice('#/definitions/'.length)];
    else if (cur.allOf && cur.allOf.length === 1) cur = cur.allOf[0];
    else return cur;
  }
  return cur;
}

/** The schema for a kind's top-level object. */
export function kindSchema(kind: Kind): Schema | undefined {
  return resolve(doc.kinds[kind]);
}

/** What Go's encoding/json calls a JSON value in "cannot unmarshal X into ...". */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return `number`;
  if (typeof v === 'string') return 'string';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

interface Ctx {
  readonly out: FieldProblem[];
  /** The Go struct that holds the field being decoded, for messages. */
  struct: string;
  readonly seen: Set<unknown>;
}

function goPath(path: string): string {
  return path.replace(/\[[^\]]*\]/g, '');
}

function mismatch(ctx: Ctx, path: string, v: unknown, goType: string, numberText = false): void {
  const what = numberText && typeof v === 'number' ? `number ${String(v)}` : jsonKind(v);
  const into = path ? `Go struct field ${ctx.struct}.${goPath(path)}` : 'Go value';
  ctx.out.push({ path, message: `json: cannot unmarshal ${what} into ${into} of type ${goType}` });
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function decode(v: unknown, schema: Schema | undefined, path: string, ctx: Ctx, depth: number): void {
  const s = resolve(schema);
  // JSON null decodes into anything (it leaves the zero value); so does a field with no schema.
  if (!s || v === null || v === undefined || s['x-kubernetes-preserve-unknown-fields']) return;
  if (depth > MAX_DEPTH) {
    ctx.out.push({ path, message: `object nesting is deeper than ${MAX_DEPTH} levels` });
    return;
  }
  const goType = s['x-go-type'] ?? 'interface {}';
  if (s['x-kubernetes-quantity']) {
    if ((typeof v !== 'string' && typeof v !== 'number') || parseQuantity(v) === undefined) {
      ctx.out.push({ path, message: QUANTITY_MESSAGE });
    }
    return;
  }
  if (s['x-kubernetes-int-or-string']) {
    // IntOrString decodes a non-string into an int32 by itself, so Go names no struct field.
    if (typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v))) return;
    const what = typeof v === 'number' ? `number ${String(v)}` : jsonKind(v);
    ctx.out.push({ path, message: `json: cannot unmarshal ${what} into Go value of type int32` });
    return;
  }
  const types = s.type === undefined ? [] : typeof s.type === 'string' ? [s.type] : s.type;
  if (types.includes('string')) {
    if (typeof v !== 'string') mismatch(ctx, path, v, goType);
    return;
  }
  if (types.includes('boolean')) {
    if (typeof v !== 'boolean') mismatch(ctx, path, v, goType);
    return;
  }
  if (types.includes('integer') || types.includes('number')) {
    if (typeof v !== 'number') mismatch(ctx, path, v, goType);
    else if (types.includes('integer') && !Number.isInteger(v)) mismatch(ctx, path, v, goType, true);
    return;
  }
  if (types.includes('array')) {
    if (!Array.isArray(v)) {
      mismatch(ctx, path, v, goType);
      return;
    }
    if (ctx.seen.has(v)) return;
    ctx.seen.add(v);
    v.forEach((item, i) => decode(item, s.items, `${path}[${i}]`, ctx, depth + 1));
    ctx.seen.delete(v);
    return;
  }
  if (types.includes('object')) {
    if (typeof v !== 'object' || Array.isArray(v)) {
      mismatch(ctx, path, v, goType);
      return;
    }
    if (ctx.seen.has(v)) return;
    ctx.seen.add(v);
    const rec = v as Record<string, unknown>;
    const outer = ctx.struct;
    if (s.properties) {
      ctx.struct = goType.slice(goType.indexOf('.') + 1);
      const supported = Object.keys(s.properties).sort();
      for (const key of Object.keys(rec)) {
        const p = join(path, key);
        const prop = s.properties[key];
        if (!prop) ctx.out.push({ path: p, message: `unknown field "${p}"`, supported });
        else decode(rec[key], prop, p, ctx, depth + 1);
      }
    } else if (s.additionalProperties && typeof s.additionalProperties === 'object') {
      for (const key of Object.keys(rec))
        decode(rec[key], s.additionalProperties, `${path}[${key}]`, ctx, depth + 1);
    }
    ctx.struct = outer;
    ctx.seen.delete(v);
  }
}

/**
 * Problems strict decoding finds in `obj` as a `kind`: unknown fields (with the fields supported at that
 * level) and values of the wrong type, in Go's encoding/json wording. Empty when the object decodes.
 */
export function strictDecode(kind: Kind, obj: unknown): FieldProblem[] {
  const out: FieldProblem[] = [];
  try {
    const s = kindSchema(kind);
    if (!s) return out;
    if (obj === null || obj === undefined) return out;
    if (typeof obj !== 'object' || Array.isArray(obj)) {
      out.push({
        path: '',
        message: `json: cannot unmarshal ${jsonKind(obj)} into Go value of type ${s['x-go-type'] ?? kind}`,
      });
      return out;
    }
    decode(obj, s, '', { out, struct: kind, seen: new Set() }, 0);
  } catch {
    // Unreachable for plain data; exotic inputs (getters that throw, proxies) end decoding quietly.
    out.push({ path: '', message: 'the object could not be decoded' });
  }
  return out;
}
