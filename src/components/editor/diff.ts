/**
 * What Apply would change, like `kubectl diff`: for each document of the learner's YAML, the live object
 * (from the UI's mirror) beside the object as the apply would leave it, and a unified diff of the two as
 * `kubectl get -o yaml` prints them. Pure, so it is unit-tested without Monaco or a worker.
 *
 * kubectl diff asks the API server for a dry run. Here the merge is approximated in the UI: labels, the
 * non-system annotations and string maps (selectors, ConfigMap data) are replaced as the engine's apply
 * replaces them, while fields the YAML leaves out inside the spec keep their live (defaulted) values, so
 * the server's defaults do not show up as removals. The worker still decides, atomically, when applying.
 */
import { isMap, parseAllDocuments } from 'yaml';
import type { Kind, KubeObject } from '../../engine';
import { KIND_INFO, encodeBase64, qualifiedSingular, resourceType, toYaml, utf8Bytes } from '../../engine';

export type ChangeAction = 'create' | 'change' | 'unchanged';

export interface PlannedChange {
  /** The mirror's key: "Deployment/default/shop", "Node/node-1". */
  readonly key: string;
  /** As kubectl names it: "deployment.apps/shop". */
  readonly name: string;
  readonly namespace?: string;
  readonly action: ChangeAction;
  /** A unified diff of the YAML ("" when unchanged). */
  readonly diff: string;
  readonly added: number;
  readonly removed: number;
}

export interface DiffProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface DiffPlan {
  readonly changes: readonly PlannedChange[];
  /** Documents the diff could not read (the apply will report them properly, with positions). */
  readonly problems: readonly DiffProblem[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Annotations controllers and tools write; an apply keeps them (as the engine's apply does). */
const SYSTEM_ANNOTATION_PREFIXES = ['deployment.kubernetes.io/', 'kubectl.kubernetes.io/', 'kubernetes.io/'];
/** Metadata the server owns; never part of what a learner's YAML changes. */
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
];
/** String maps an apply replaces as a whole (no defaults hide inside them). */
const ATOMIC_MAPS = new Set(['labels', 'annotations', 'matchLabels', 'nodeSelector', 'data', 'stringData']);

/** The store key the mirror uses for an object. */
export function objectKey(kind: string, name: string, namespace: string | undefined): string {
  return namespace === undefined ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
}

function displayName(kind: Kind, name: string): string {
  return `${qualifiedSingular(resourceType(kind))}/${name}`;
}

/**
 * Lay `applied` over `live`: maps merge key by key (live keys the YAML leaves out stay: they are
 * defaults), lists take the YAML's length and merge element by element (by `name` when elements have
 * one), scalars come from the YAML unless they print the same ("1" and 1 for a quantity).
 */
export function overlay(live: unknown, applied: unknown, key = ''): unknown {
  if (isObject(applied)) {
    if (!isObject(live) || ATOMIC_MAPS.has(key)) return applied;
    const out: Json = { ...live };
    for (const [k, v] of Object.entries(applied)) out[k] = overlay(live[k], v, k);
    return out;
  }
  if (Array.isArray(applied)) {
    if (!Array.isArray(live)) return applied;
    return applied.map((item, i) => {
      const named = isObject(item) && typeof item.name === 'string';
      const match = named
        ? live.find((l) => isObject(l) && l.name === item.name)
        : live.length === applied.length
          ? live[i]
          : undefined;
      return overlay(match, item);
    });
  }
  if (applied !== null && live !== undefined && live !== null && !isObject(live) && !Array.isArray(live)) {
    if (String(live) === String(applied)) return live;
  }
  return applied;
}

/** The parts of an object a learner's YAML describes: metadata without server fields, and no status. */
export function desiredPart(o: Json): Json {
  const { status: _status, ...rest } = o;
  const meta = isObject(rest.metadata) ? { ...rest.metadata } : {};
  for (const k of SERVER_METADATA) delete meta[k];
  return { ...rest, metadata: meta };
}

/** The object the apply would leave behind (desired parts only), the engine's merge approximated. */
export function mergeForDiff(live: Json, applied: Json): Json {
  const liveMeta = isObject(live.metadata) ? live.metadata : {};
  const appliedMeta = isObject(applied.metadata) ? applied.metadata : {};
  const kept = Object.entries(isObject(liveMeta.annotations) ? liveMeta.annotations : {}).filter(([k]) =>
    SYSTEM_ANNOTATION_PREFIXES.some((p) => k.startsWith(p)),
  );
  const annotations = {
    ...Object.fromEntries(kept),
    ...(isObject(appliedMeta.annotations) ? appliedMeta.annotations : {}),
  };
  const { labels: _l, annotations: _a, ...metaRest } = liveMeta;
  const metadata: Json = { ...metaRest };
  if (isObject(appliedMeta.labels) && Object.keys(appliedMeta.labels).length)
    metadata.labels = appliedMeta.labels;
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  const out: Json = { apiVersion: live.apiVersion, kind: live.kind, metadata };
  for (const [k, v] of Object.entries(applied)) {
    if (k === 'apiVersion' || k === 'kind' || k === 'metadata' || k === 'status') continue;
    out[k] = overlay(live[k], v, k);
  }
  // Top-level scalars the server defaults (a Secret's `type`) stay as they are.
  for (const [k, v] of Object.entries(live)) {
    if (!(k in out) && k !== 'status' && (typeof v === 'string' || typeof v === 'boolean')) out[k] = v;
  }
  // The API server folds a Secret's stringData into data, base64-encoded.
  if (live.kind === 'Secret' && isObject(out.stringData)) {
    const data: Json = isObject(out.data) ? { ...out.data } : {};
    for (const [k, v] of Object.entries(out.stringData)) data[k] = encodeBase64(utf8Bytes(String(v)));
    delete out.stringData;
    out.data = data;
  }
  return desiredPart(out);
}

/** Sorted-key JSON, for "is anything different?" whatever the key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v)) {
    const keys = Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

type Op = { readonly type: ' ' | '-' | '+'; readonly text: string };

/** Line operations turning `a` into `b` (longest common subsequence; beyond a size, all-out all-in). */
export function lineDiff(a: readonly string[], b: readonly string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head: Op[] = a.slice(0, start).map((text) => ({ type: ' ', text }));
  const tail: Op[] = a.slice(endA).map((text) => ({ type: ' ', text }));
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  const n = x.length;
  const m = y.length;
  const middle: Op[] = [];
  if (n * m > 4_000_000) {
    for (const text of x) middle.push({ type: '-', text });
    for (const text of y) middle.push({ type: '+', text });
    return [...head, ...middle, ...tail];
  }
  // lcs[i][j]: the longest common subsequence of x[i..] and y[j..].
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] =
        x[i] === y[j]
          ? (lcs[(i + 1) * w + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * w + j] ?? 0, lcs[i * w + j + 1] ?? 0);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      middle.push({ type: ' ', text: x[i] ?? '' });
      i++;
      j++;
    } else if ((lcs[(i + 1) * w + j] ?? 0) >= (lcs[i * w + j + 1] ?? 0)) {
      middle.push({ type: '-', text: x[i++] ?? '' });
    } else {
      middle.push({ type: '+', text: y[j++] ?? '' });
    }
  }
  while (i < n) middle.push({ type: '-', text: x[i++] ?? '' });
  while (j < m) middle.push({ type: '+', text: y[j++] ?? '' });
  return [...head, ...middle, ...tail];
}

/** A unified diff (`diff -u`) with `context` lines around each change; "" when the texts are equal. */
export function unifiedDiff(
  before: string,
  after: string,
  fromName: string,
  toName: string,
  context = 3,
): string {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  const ops = lineDiff(a, b);
  const changed = ops.map((o, k) => (o.type !== ' ' ? k : -1)).filter((k) => k >= 0);
  if (changed.length === 0) return '';
  // Group changes whose context overlaps into hunks.
  const hunks: [number, number][] = [];
  for (const k of changed) {
    const from = Math.max(0, k - context);
    const to = Math.min(ops.length - 1, k + context);
    const last = hunks[hunks.length - 1];
    if (last && from <= last[1] + 1) last[1] = to;
    else hunks.push([from, to]);
  }
  const out = [`--- ${fromName}`, `+++ ${toName}`];
  // Line numbers before each op, in a and in b.
  const posA: number[] = [];
  const posB: number[] = [];
  let la = 1;
  let lb = 1;
  for (const o of ops) {
    posA.push(la);
    posB.push(lb);
    if (o.type !== '+') la++;
    if (o.type !== '-') lb++;
  }
  for (const [from, to] of hunks) {
    const slice = ops.slice(from, to + 1);
    const lenA = slice.filter((o) => o.type !== '+').length;
    const lenB = slice.filter((o) => o.type !== '-').length;
    const startA = lenA === 0 ? (posA[from] ?? 1) - 1 : (posA[from] ?? 1);
    const startB = lenB === 0 ? (posB[from] ?? 1) - 1 : (posB[from] ?? 1);
    out.push(`@@ -${startA},${lenA} +${startB},${lenB} @@`);
    for (const o of slice) out.push(`${o.type}${o.text}`);
  }
  return out.join('\n');
}

function count(diff: string, sign: '+' | '-'): number {
  return diff.split('\n').filter((l) => l.startsWith(sign) && !l.startsWith(`${sign}${sign}${sign} `)).length;
}

/** Plan an apply of `text` against the mirror's objects: per document, created, changed or unchanged. */
export function planApply(text: string, objects: ReadonlyMap<string, KubeObject>): DiffPlan {
  const changes: PlannedChange[] = [];
  const problems: DiffProblem[] = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const at = (offset: number) => {
    let line = 0;
    while (line + 1 < lineStarts.length && (lineStarts[line + 1] ?? Infinity) <= offset) line++;
    return { line: line + 1, column: offset - (lineStarts[line] ?? 0) + 1 };
  };
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) {
      for (const e of doc.errors) problems.push({ ...at(e.pos[0]), message: e.message.split('\n')[0] ?? '' });
      continue;
    }
    if (doc.contents === null) continue;
    const where = at(doc.contents.range?.[0] ?? 0);
    const value: unknown = doc.toJS();
    if (!isMap(doc.contents) || !isObject(value)) {
      problems.push({ ...where, message: 'a document must be a Kubernetes object (a map)' });
      continue;
    }
    const kind = value.kind;
    const meta = isObject(value.metadata) ? value.metadata : {};
    const name = meta.name;
    if (typeof kind !== 'string' || !(kind in KIND_INFO)) {
      problems.push({
        ...where,
        message: `kind ${JSON.stringify(kind ?? '')} is not one this cluster serves`,
      });
      continue;
    }
    if (typeof name !== 'string' || name === '') {
      problems.push({ ...where, message: 'metadata.name is required' });
      continue;
    }
    const k = kind as Kind;
    const namespaced = KIND_INFO[k].namespaced;
    const namespace = namespaced
      ? typeof meta.namespace === 'string'
        ? meta.namespace
        : 'default'
      : undefined;
    const key = objectKey(k, name, namespace);
    const live = objects.get(key) as unknown as Json | undefined;
    const shown = displayName(k, name);
    const file = `${KIND_INFO[k].apiVersion.replace('/', '.')}.${k}.${namespace ? `${namespace}.` : ''}${name}`;
    const base = { key, name: shown, ...(namespace !== undefined ? { namespace } : {}) };
    if (!live) {
      const created = desiredPart({
        ...value,
        metadata: { ...meta, ...(namespace !== undefined ? { namespace } : {}) },
      });
      const diff = unifiedDiff('', toYaml(created), `/dev/null`, `MERGED/${file}`);
      changes.push({ ...base, action: 'create', diff, added: count(diff, '+'), removed: 0 });
      continue;
    }
    const before = desiredPart(live);
    const after = mergeForDiff(live, value);
    if (canonical(before) === canonical(after)) {
      changes.push({ ...base, action: 'unchanged', diff: '', added: 0, removed: 0 });
      continue;
    }
    const diff = unifiedDiff(toYaml(before), toYaml(after), `LIVE/${file}`, `MERGED/${file}`);
    changes.push({ ...base, action: 'change', diff, added: count(diff, '+'), removed: count(diff, '-') });
  }
  return { changes, problems };
}
