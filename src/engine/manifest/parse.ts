/**
 * Multi-document YAML with positions. Every problem found in a scenario, from a YAML syntax error to a
 * Kubernetes validation failure deep inside a Deployment, is reported as `line:column: message` at the
 * node it is about, so this module keeps each parsed document beside its plain value and can map a
 * field path ("spec.template.spec.containers[0].image") back to where it was written.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, visit } from 'yaml';
import type { Document, Node as YamlNode, Scalar } from 'yaml';
import type { Diagnostic, Position } from '../base/diagnostics';
import { ScenarioError } from '../base/diagnostics';

/** Scenario files (and applied manifests) larger than this are refused before parsing. */
export const MAX_SOURCE_BYTES = 1024 * 1024;
/** Alias expansions allowed per document: a "billion laughs" document is refused instead of expanded. */
export const MAX_ALIAS_COUNT = 100;

/** A field path: map keys and sequence indexes. */
export type FieldPath = readonly (string | number)[];

/** Where a node of the parsed text sits in the file (embedded YAML maps onto its host file). */
export type PositionMapper = (offset: number) => Position;

/** One non-empty YAML document with its plain value and a way back from field paths to positions. */
export interface YamlDocument {
  /** 0-based index among the documents of the source, empty ones included. */
  readonly index: number;
  readonly doc: Document.Parsed;
  readonly value: unknown;
  readonly position: PositionMapper;
  /** Where the document's content starts. */
  readonly start: Position;
}

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
    : `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * Parse every document of `text`. Throws ScenarioError for input over MAX_SOURCE_BYTES, syntax errors,
 * unresolved aliases and alias bombs. Empty documents (a stray `---`, comments only) are skipped.
 */
export function parseYaml(text: string, mapPosition?: (p: Position) => Position): YamlDocument[] {
  // A cheap bound first: UTF-8 needs at most 3 bytes per UTF-16 unit.
  if (text.length * 3 > MAX_SOURCE_BYTES) {
    const size = utf8Length(text);
    if (size > MAX_SOURCE_BYTES) {
      const at = mapPosition ? mapPosition({ line: 1, column: 1 }) : { line: 1, column: 1 };
      throw new ScenarioError([
        { ...at, message: `input is too large (${formatSize(size)}): the limit is 1 MiB` },
      ]);
    }
  }
  const lineCounter = new LineCounter();
  const position: PositionMapper = (offset) => {
    const p = lineCounter.linePos(offset);
    const here = { line: p.line, column: p.col };
    return mapPosition ? mapPosition(here) : here;
  };
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (!Array.isArray(docs)) return [];
  const errors: Diagnostic[] = [];
  for (const doc of docs) {
    for (const e of doc.errors) {
      errors.push({ ...position(e.pos[0]), message: `YAML syntax error: ${yamlMessage(e.code, e.message)}` });
    }
  }
  if (errors.length) throw new ScenarioError(errors.slice(0, 1));
  const out: YamlDocument[] = [];
  docs.forEach((doc, index) => {
    const contents = doc.contents;
    if (contents === null || (isScalar(contents) && contents.value === null)) return;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const alias = firstAlias(doc);
      const at = position(alias?.range?.[0] ?? contents.range?.[0] ?? 0);
      const message =
        e instanceof Error && e.message.startsWith('Excessive alias count')
          ? `YAML aliases expand too much (more than ${MAX_ALIAS_COUNT} alias uses): refusing a possible alias bomb`
          : e instanceof Error && e.message.startsWith('Unresolved alias')
            ? `YAML syntax error: ${e.message}`
            : `YAML error: ${e instanceof Error ? e.message : String(e)}`;
      errors.push({ ...at, message });
      return;
    }
    out.push({ index, doc, value, position, start: position(contents.range?.[0] ?? 0) });
  });
  if (errors.length) throw new ScenarioError(errors.slice(0, 1));
  return out;
}

function yamlMessage(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') return 'mapping keys must be unique';
  return message;
}

function firstAlias(doc: Document.Parsed): YamlNode | undefined {
  let found: YamlNode | undefined;
  visit(doc, {
    Alias(_key, node) {
      // Report an alias that is unresolvable first; otherwise the first alias in the document.
      if (!found) found = node;
      if (node.resolve(doc) === undefined) {
        found = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Kubernetes' field path syntax as Go's field.Path prints it, also used by strict decoding:
 * "spec.template.spec.containers[0].image", "metadata.labels[app.kubernetes.io/name]".
 */
export function parseFieldPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  let cur = '';
  for (let i = 0; i < path.length; i++) {
    const ch = path[i];
    if (ch === '.') {
      if (cur) out.push(cur);
      cur = '';
    } else if (ch === '[') {
      if (cur) out.push(cur);
      cur = '';
      const end = path.indexOf(']', i + 1);
      const inner = end < 0 ? path.slice(i + 1) : path.slice(i + 1, end);
      out.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      i = end < 0 ? path.length : end;
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

function resolveNode(doc: Document.Parsed, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

function rangeStart(node: unknown): number | undefined {
  const r = (node as { range?: readonly number[] | null } | null)?.range;
  return r ? r[0] : undefined;
}

/** The node at `path` and, when the last step is a map key, that key's node. */
export function nodeAt(
  d: YamlDocument,
  path: FieldPath,
): { node: unknown; key: unknown; depth: number; parent: unknown } {
  let node: unknown = resolveNode(d.doc, d.doc.contents);
  let key: unknown;
  let parent: unknown;
  let depth = 0;
  for (const seg of path) {
    let next: unknown;
    let nextKey: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => {
        const k = p.key;
        return isScalar(k) ? String(k.value) === String(seg) : false;
      });
      if (!pair) break;
      next = resolveNode(d.doc, pair.value) ?? pair.key;
      nextKey = pair.key;
    } else if (isSeq(node) && typeof seg === 'number') {
      next = resolveNode(d.doc, node.items[seg]);
      if (next === undefined || next === null) break;
    } else break;
    parent = node;
    node = next;
    key = nextKey;
    depth++;
  }
  return { node, key: depth === path.length ? key : undefined, depth, parent };
}

/**
 * Position of the node at `path`: its key for `target: 'key'` (used for unknown fields), else its value.
 * A path that leaves the written document stops at the deepest node that exists (a missing required
 * field points at the mapping that lacks it).
 */
export function positionOf(d: YamlDocument, path: FieldPath, target: 'key' | 'value' = 'value'): Position {
  const { node, key } = nodeAt(d, path);
  const offset =
    (target === 'key' ? rangeStart(key) : undefined) ?? rangeStart(node) ?? rangeStart(d.doc.contents) ?? 0;
  return d.position(offset);
}

/** A diagnostic at `path` of document `d`. */
export function diagnosticAt(
  d: YamlDocument,
  path: FieldPath,
  message: string,
  target: 'key' | 'value' = 'value',
): Diagnostic {
  return { ...positionOf(d, path, target), message };
}

/**
 * For a string at `path` that itself holds YAML (a timeline entry's `apply`), map positions inside the
 * string back to the host file. A literal block scalar (`|`) maps line by line; any other style maps
 * every position to the start of the string, which is the best that can be said for folded or quoted text.
 */
export function embeddedPositions(
  d: YamlDocument,
  path: FieldPath,
  hostText: string,
): (p: Position) => Position {
  const { node } = nodeAt(d, path);
  const start = rangeStart(node) ?? rangeStart(d.doc.contents) ?? 0;
  const at = d.position(start);
  const scalar = node as Scalar | undefined;
  if (!isScalar(scalar) || scalar.type !== 'BLOCK_LITERAL') return () => at;
  // The header line ("|", "|-", "|2") is at `start`; content begins on the following line.
  const headerEnd = hostText.indexOf('\n', start);
  if (headerEnd < 0) return () => at;
  // The block's indentation is that of its first non-blank line, which is also right for the rare
  // explicit indentation indicator ("|2") as long as the first line is not more indented than the rest.
  const lines = hostText.slice(headerEnd + 1).split('\n');
  const first = lines.find((l) => l.trim() !== '') ?? '';
  const indent = first.length - first.trimStart().length;
  return (p) => ({ line: at.line + p.line, column: p.column + indent });
}
