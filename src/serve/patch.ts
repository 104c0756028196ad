/**
 * The three patch types the API server accepts for built-in kinds:
 * - JSON patch (RFC 6902, application/json-patch+json): add, remove, replace, move, copy, test;
 * - JSON merge patch (RFC 7386, application/merge-patch+json): maps merge, null deletes, lists replace;
 * - strategic merge patch (application/strategic-merge-patch+json), k8s.io/apimachinery's strategicpatch:
 *   lists with a patch strategy of "merge" merge by their merge key (containers by name, ports by
 *   containerPort), primitive merge lists union, "retainKeys" drops keys the patch does not keep, and the
 *   directives $patch (replace, delete, merge), $retainKeys, $setElementOrder/<list> and
 *   $deleteFromPrimitiveList/<list> work as kubectl apply writes them. The strategies come from the schema
 *   (x-kubernetes-patch-strategy, x-kubernetes-patch-merge-key); lists without one are replaced whole.
 */
import type { Schema } from './schema';
import { resolve } from './schema';

export class PatchError extends Error {}

type Json = unknown;
type Obj = Record<string, Json>;

function isObj(v: Json): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

// ---------------------------------------------------------------------------------------------------------
// JSON merge patch

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObj(patch)) return clone(patch);
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// JSON patch

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer: "${path}"`);
  return path.slice(1).split('/').map(unescape);
}

function parentOf(doc: Json, tokens: string[], path: string): { parent: Obj | Json[]; key: string } {
  let cur: Json = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isObj(cur)) cur = cur[t];
    else cur = undefined;
    if (cur === undefined) throw new PatchError(`missing value at "${path}"`);
  }
  if (!Array.isArray(cur) && !isObj(cur)) throw new PatchError(`missing value at "${path}"`);
  return { parent: cur, key: tokens[tokens.length - 1] ?? '' };
}

function index(arr: Json[], key: string, forAdd: boolean, path: string): number {
  if (forAdd && key === '-') return arr.length;
  if (!/^(0|[1-9]\d*)$/.test(key)) throw new PatchError(`invalid array index "${key}" in "${path}"`);
  const i = Number(key);
  if (i > arr.length || (!forAdd && i === arr.length))
    throw new PatchError(`index out of range in "${path}"`);
  return i;
}

function get(doc: Json, path: string): Json {
  let cur = doc;
  for (const t of pointer(path)) {
    if (Array.isArray(cur)) cur = cur[index(cur, t, false, path)];
    else if (isObj(cur) && t in cur) cur = cur[t];
    else throw new PatchError(`missing value at "${path}"`);
  }
  return cur;
}

function add(doc: Json, path: string, value: Json): Json {
  const tokens = pointer(path);
  if (tokens.length === 0) return clone(value);
  const { parent, key } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) parent.splice(index(parent, key, true, path), 0, clone(value));
  else parent[key] = clone(value);
  return doc;
}

function remove(doc: Json, path: string): Json {
  const tokens = pointer(path);
  if (tokens.length === 0) throw new PatchError('cannot remove the whole document');
  const { parent, key } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) parent.splice(index(parent, key, false, path), 1);
  else if (key in parent) delete parent[key];
  else throw new PatchError(`missing value at "${path}"`);
  return doc;
}

function canonical(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObj(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export function jsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw new PatchError('a JSON patch must be a list of operations');
  let doc = clone(target);
  for (const raw of ops) {
    if (!isObj(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') {
      throw new PatchError('each operation needs "op" and "path"');
    }
    const { op, path } = raw;
    switch (op) {
      case 'add':
        doc = add(doc, path, raw.value);
        break;
      case 'remove':
        doc = remove(doc, path);
        break;
      case 'replace':
        get(doc, path);
        doc = add(remove(doc, path), path, raw.value);
        break;
      case 'move': {
        if (typeof raw.from !== 'string') throw new PatchError('"move" needs "from"');
        const v = get(doc, raw.from);
        doc = add(remove(doc, raw.from), path, v);
        break;
      }
      case 'copy': {
        if (typeof raw.from !== 'string') throw new PatchError('"copy" needs "from"');
        doc = add(doc, path, get(doc, raw.from));
        break;
      }
      case 'test':
        if (canonical(get(doc, path)) !== canonical(raw.value)) throw new PatchError('testing value failed');
        break;
      default:
        throw new PatchError(`Unexpected kind: ${op}`);
    }
  }
  return doc;
}

// ---------------------------------------------------------------------------------------------------------
// Strategic merge patch

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';

interface Meta {
  readonly strategies: ReadonlySet<string>;
  readonly mergeKey?: string;
}

function metaOf(field: Schema | undefined): Meta {
  const strategy = field?.['x-kubernetes-patch-strategy'];
  const mergeKey = field?.['x-kubernetes-patch-merge-key'];
  return { strategies: new Set(strategy ? strategy.split(',') : []), ...(mergeKey ? { mergeKey } : {}) };
}

/** The schema of a field of `s` (an object), or of a map's values. */
function fieldSchema(s: Schema | undefined, key: string): Schema | undefined {
  const r = resolve(s);
  if (!r) return undefined;
  if (r.properties) return r.properties[key];
  if (r.additionalProperties && typeof r.additionalProperties === 'object') return r.additionalProperties;
  return undefined;
}

function itemsOf(field: Schema | undefined): Schema | undefined {
  return resolve(field)?.items;
}

/** Apply a strategic merge patch to `original` (an object of the schema `schema`). */
export function strategicMergePatch(original: Json, patch: Json, schema: Schema | undefined): Json {
  if (!isObj(patch)) throw new PatchError('a strategic merge patch must be a JSON object');
  return mergeMap(isObj(original) ? original : {}, patch, schema);
}

function mergeMap(original: Obj, patch: Obj, schema: Schema | undefined): Obj {
  const directive = patch[DIRECTIVE];
  if (directive === 'replace') {
    const { [DIRECTIVE]: _d, ...rest } = patch;
    return stripDirectives(rest) as Obj;
  }
  if (directive === 'delete') return {};
  if (directive !== undefined && directive !== 'merge') {
    throw new PatchError(`Unknown patch type: ${String(directive)} in map: ${JSON.stringify(patch)}`);
  }
  let out: Obj = { ...original };
  // $retainKeys (fields with the retainKeys strategy): keys it does not list are cleared.
  const retain = patch[RETAIN_KEYS];
  if (retain !== undefined) {
    if (!Array.isArray(retain)) throw new PatchError('$retainKeys must be a list');
    const keep = new Set(retain.map(String));
    out = Object.fromEntries(Object.entries(out).filter(([k]) => keep.has(k)));
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k === DIRECTIVE || k === RETAIN_KEYS || k.startsWith(SET_ORDER) || k.startsWith(DELETE_PRIMITIVE))
      continue;
    if (v === null) {
      delete out[k];
      continue;
    }
    const field = fieldSchema(schema, k);
    const meta = metaOf(field);
    const cur = out[k];
    if (Array.isArray(v)) {
      out[k] = mergeList(Array.isArray(cur) ? cur : [], v, field, meta, patch[`${SET_ORDER}${k}`]);
    } else if (isObj(v) && v[DIRECTIVE] === 'delete') delete out[k];
    else if (isObj(v)) out[k] = mergeMap(isObj(cur) ? cur : {}, v, field);
    else out[k] = v;
  }
  // $deleteFromPrimitiveList/<field>: values to take out of a merged primitive list.
  for (const [k, v] of Object.entries(patch)) {
    if (!k.startsWith(DELETE_PRIMITIVE)) continue;
    const name = k.slice(DELETE_PRIMITIVE.length);
    if (!Array.isArray(v)) throw new PatchError(`${k} must be a list`);
    const cur = out[name];
    if (Array.isArray(cur)) {
      const drop = new Set(v.map(canonical));
      out[name] = cur.filter((x) => !drop.has(canonical(x)));
    }
  }
  // $setElementOrder/<field> alone (no change to the list itself) still orders it.
  for (const [k, v] of Object.entries(patch)) {
    if (!k.startsWith(SET_ORDER)) continue;
    const name = k.slice(SET_ORDER.length);
    if (name in patch) continue;
    const cur = out[name];
    if (Array.isArray(cur) && Array.isArray(v))
      out[name] = order(cur, v, metaOf(fieldSchema(schema, name)).mergeKey);
  }
  return out;
}

function stripDirectives(v: Json): Json {
  if (Array.isArray(v))
    return v
      .filter((x) => !(isObj(x) && x[DIRECTIVE] !== undefined && Object.keys(x).length === 1))
      .map(stripDirectives);
  if (!isObj(v)) return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(
        ([k]) =>
          k !== DIRECTIVE && k !== RETAIN_KEYS && !k.startsWith(SET_ORDER) && !k.startsWith(DELETE_PRIMITIVE),
      )
      .map(([k, x]) => [k, stripDirectives(x)]),
  );
}

function keyValue(item: Json, mergeKey: string): string | undefined {
  return isObj(item) && item[mergeKey] !== undefined ? canonical(item[mergeKey]) : undefined;
}

/** Order `list` as `wanted` lists it; items it does not name keep their order, after those it does. */
function order(list: Json[], wanted: Json[], mergeKey: string | undefined): Json[] {
  const pos = new Map<string, number>();
  wanted.forEach((w, i) => {
    const k = mergeKey ? keyValue(w, mergeKey) : canonical(w);
    if (k !== undefined) pos.set(k, i);
  });
  const keyed = list.map((item, i) => {
    const k = mergeKey ? keyValue(item, mergeKey) : canonical(item);
    return { item, rank: k !== undefined && pos.has(k) ? (pos.get(k) as number) : wanted.length + i };
  });
  return keyed.sort((a, b) => a.rank - b.rank).map((x) => x.item);
}

function mergeList(
  original: Json[],
  patch: Json[],
  field: Schema | undefined,
  meta: Meta,
  setOrder: Json,
): Json[] {
  if (!meta.strategies.has('merge')) return stripDirectives(patch) as Json[];
  // {"$patch": "replace"} as an element replaces the whole list with the other elements.
  if (patch.some((x) => isObj(x) && x[DIRECTIVE] === 'replace')) {
    return stripDirectives(patch.filter((x) => !(isObj(x) && x[DIRECTIVE] === 'replace'))) as Json[];
  }
  let out: Json[];
  const mergeKey = meta.mergeKey;
  if (!mergeKey) {
    // A merged list of primitives: the union, in original order then new values.
    const seen = new Set(original.map(canonical));
    out = [...original];
    for (const v of patch) {
      if (isObj(v)) throw new PatchError('a merge list of primitives cannot hold maps');
      if (!seen.has(canonical(v))) {
        seen.add(canonical(v));
        out.push(v);
      }
    }
  } else {
    out = [...original];
    const items = itemsOf(field);
    for (const p of patch) {
      if (!isObj(p)) throw new PatchError(`expected a map in a list merged by "${mergeKey}"`);
      const k = keyValue(p, mergeKey);
      if (k === undefined)
        throw new PatchError(`map: ${JSON.stringify(p)} does not contain declared merge key: ${mergeKey}`);
      const at = out.findIndex((x) => keyValue(x, mergeKey) === k);
      if (p[DIRECTIVE] === 'delete') {
        if (at >= 0) out.splice(at, 1);
        continue;
      }
      if (at >= 0) out[at] = mergeMap(out[at] as Obj, p, items);
      else out.push(mergeMap({}, p, items));
    }
  }
  return Array.isArray(setOrder) ? order(out, setOrder, mergeKey) : out;
}
