/**
 * `-o yaml`, `-o json` and `-o name` as kubectl prints them. kubectl decodes objects into unstructured
 * maps, so both JSON and YAML come out with keys sorted; JSON is indented by four spaces; YAML is
 * sigs.k8s.io/yaml (go-yaml v2): block sequences not indented under their key, strings that would read
 * as another type ("1", "2026-01-01T09:00:00Z", "on") in double quotes, other strings that cannot be
 * plain in single quotes, multi-line strings as literal blocks, and no folding of long lines (kubectl's
 * YAML never wraps).
 */
import { Document, isScalar, parse, Scalar, visit } from 'yaml';
import type { Kind, KubeObject } from '../../api/types';
import { slashName } from '../resources';

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

export function toJson(obj: unknown): string {
  return JSON.stringify(sortKeys(obj), null, 4);
}

/**
 * Would go-yaml resolve this plain scalar to another type (bool, number, null, a timestamp)? Only those
 * strings are double-quoted; a string that merely cannot be plain ("a: b", "x [y]") is left to the
 * emitter, which single-quotes it, as go-yaml's does.
 */
function ambiguous(s: string): boolean {
  if (s === '') return true;
  try {
    const v: unknown = parse(s, { version: '1.1' });
    return v === null || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date;
  } catch {
    return false;
  }
}

export function toYaml(obj: unknown): string {
  const doc = new Document(sortKeys(obj), { version: '1.1' });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      if (node.value.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
      else if (ambiguous(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  // Keys too: "y", "on" and friends.
  visit(doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string' && ambiguous(pair.key.value)) {
        pair.key.type = Scalar.QUOTE_DOUBLE;
      }
    },
  });
  return doc.toString({ indentSeq: false, singleQuote: true, lineWidth: 0 }).replace(/\n$/, '');
}

/** The List kubectl prints for several objects (or a list query). */
export function listOf(items: readonly KubeObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

export function nameOf(o: KubeObject): string {
  return slashName(o.kind as Kind, o.metadata?.name ?? '');
}
