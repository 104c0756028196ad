/**
 * kubectl explain's plaintext template (pkg/explain/v2/templates/plaintext.tmpl) over the engine's
 * generated schema: a field path is followed through properties, array items, map values and allOf
 * wrappers; the result prints FIELD/DESCRIPTION/FIELDS, or every nested field name with --recursive.
 * Fields print in sorted order (Go templates range over maps by key).
 */
import schemaJson from '../../../api/schema/kubernetes.json';
import type { Kind } from '../../../api/types';
import { indent, wrapString } from './wordwrap';

export interface Schema {
  readonly $ref?: string;
  readonly allOf?: readonly Schema[];
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly additionalProperties?: Schema | boolean;
  readonly items?: Schema;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly 'x-kubernetes-quantity'?: boolean;
}

interface Document {
  readonly kinds: Readonly<Record<string, Schema>>;
  readonly definitions: Readonly<Record<string, Schema>>;
}

const doc = schemaJson as unknown as Document;
const REF_PREFIX = '#/definitions/';

function resolveRef(ref: string | undefined): Schema | undefined {
  return ref ? doc.definitions[ref.slice(REF_PREFIX.length)] : undefined;
}

function mapValues(s: Schema): Schema | undefined {
  return typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
}

/** The schema of a kind's object (the definition itself, as the template starts from it). */
export function kindSchema(kind: Kind): Schema | undefined {
  return resolveRef(doc.kinds[kind]?.$ref) ?? doc.kinds[kind];
}

/** typeGuess: "string", "integer", "[]Container", "map[string]string", "Object", "ObjectMeta", ... */
export function typeGuess(s: Schema): string {
  if (s.items) return `[]${typeGuess(s.items)}`;
  const values = mapValues(s);
  if (values) return `map[string]${typeGuess(values)}`;
  if (s.allOf?.length === 1 && !s.properties) return typeGuess(s.allOf[0] as Schema);
  if (s['x-kubernetes-int-or-string']) return 'IntOrString';
  if (s['x-kubernetes-quantity']) return 'Quantity';
  if (s.$ref) {
    const target = resolveRef(s.$ref);
    const t = target?.type;
    if (!target || !t || t === 'object') return s.$ref.split('/').pop()?.split('.').pop() || 'Object';
    return typeof t === 'string' ? t : 'Object';
  }
  if (s.type === 'object') return 'Object';
  return typeof s.type === 'string' ? s.type : 'Object';
}

/**
 * Enumerations of a field. The generated schema only has them on apiVersion and kind, which the real
 * OpenAPI document does not enumerate, so no enum is printed there.
 */
function enumOf(name: string, s: Schema): readonly unknown[] {
  return name === 'apiVersion' || name === 'kind' ? [] : (s.enum ?? []);
}

const enumValue = (v: unknown): string => (v === '' ? '""' : String(v));

/** The "description" template: this schema's text, then its allOf, items and map values' texts. */
function description(schema: Schema): string {
  const s = resolveRef(schema.$ref) ?? schema;
  let out = s.description ? `${s.description}\n` : '';
  for (const a of s.allOf ?? []) out += description(a);
  if (s.items) out += description(s.items);
  const values = mapValues(s);
  if (values) out += description(values);
  return out;
}

/** "fieldDetail": one field, with its description unless `short` (--recursive). */
function fieldDetail(name: string, parent: Schema, short: boolean, level: number): string {
  const field = parent.properties?.[name] as Schema;
  const pad = level * 2;
  let out = `${indent(pad, name)}\t<${typeGuess(field)}>`;
  if (parent.required?.includes(name)) out += ' -required-';
  const values = enumOf(name, field);
  if (values.length) {
    const shown = values.slice(0, 4).map(enumValue).join(', ');
    out += `\n${' '.repeat(pad)}enum: ${shown}${values.length > 4 ? ', ....' : ''}`;
  }
  out += '\n';
  if (!short) out += `${indent(pad + 2, wrapString(field.description || '<no description>', 78 - pad))}\n\n`;
  return out;
}

/** "fieldList": every property (sorted), following refs, allOf, items and map values; cycles stop. */
function fieldList(schema: Schema, level: number, recursive: boolean, history: ReadonlySet<string>): string {
  const ref = schema.$ref ?? '';
  if (ref && history.has(ref)) return '';
  const next = new Set(history).add(ref);
  const s = resolveRef(ref) ?? schema;
  let out = '';
  for (const name of Object.keys(s.properties ?? {}).sort()) {
    out += fieldDetail(name, s, recursive, level);
    if (recursive) out += fieldList(s.properties?.[name] as Schema, level + 1, recursive, next);
  }
  for (const a of s.allOf ?? []) out += fieldList(a, level, recursive, next);
  if (s.items) out += fieldList(s.items, level, recursive, next);
  const values = mapValues(s);
  if (values) out += fieldList(values, level, recursive, next);
  return out;
}

/** The "output" template: follow `path`; "" when a field on it does not exist. */
function output(
  schema: Schema,
  path: readonly string[],
  recursive: boolean,
  history: ReadonlySet<string>,
): string {
  const ref = schema.$ref ?? '';
  const next = new Set(history).add(ref);
  const s = resolveRef(ref) ?? schema;
  if (path.length === 0) {
    let out = `DESCRIPTION:\n${indent(4, wrapString(description(s) || '<empty>', 76))}\n`;
    const fields = fieldList(s, 1, recursive, new Set());
    if (fields) out += `FIELDS:\n${fields}`;
    return out;
  }
  if (ref && history.has(ref)) return '';
  const [first = '', ...rest] = path;
  const sub = s.properties?.[first];
  if (sub) {
    let out = '';
    if (path.length === 1) {
      out += `FIELD: ${first} <${typeGuess(sub)}>\n`;
      const values = enumOf(first, sub);
      if (values.length) out += `ENUM:${values.map((v) => `\n    ${enumValue(v)}`).join('')}`;
      out += '\n\n';
    }
    return out + output(sub, rest, recursive, new Set());
  }
  if (s.items) return output(s.items, path, recursive, next);
  const values = mapValues(s);
  if (values) return output(values, path, recursive, next);
  for (const a of s.allOf ?? []) {
    const out = output(a, path, recursive, next);
    if (out) return out;
  }
  return '';
}

/** The whole explain text for a kind and a field path, or kubectl's error for a missing field. */
export function explainText(
  kind: Kind,
  group: string,
  version: string,
  path: readonly string[],
  recursive: boolean,
): { text: string } | { error: string } {
  const schema = kindSchema(kind);
  if (!schema) return { error: `error: GVK ${group}/${version}, Kind=${kind} not found in OpenAPI schema` };
  const body = output(schema, path, recursive, new Set());
  if (!body) return { error: `error: field "${path[path.length - 1] ?? ''}" does not exist` };
  const header = `${group ? `GROUP:      ${group}\n` : ''}KIND:       ${kind}\nVERSION:    ${version}\n\n`;
  return { text: `${header}${body}\n` };
}
