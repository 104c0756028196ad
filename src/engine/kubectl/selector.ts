/**
 * Label selectors as `-l` takes them (k8s.io/apimachinery/pkg/labels.Parse): `k=v`, `k==v`, `k!=v`,
 * `k in (a,b)`, `k notin (a,b)`, `k` (exists) and `!k` (does not exist), joined by commas. Also field
 * selectors (`--field-selector metadata.name=web,status.phase!=Running`), matched against the object.
 */

export type Requirement =
  | { readonly op: '=' | '!='; readonly key: string; readonly value: string }
  | { readonly op: 'in' | 'notin'; readonly key: string; readonly values: readonly string[] }
  | { readonly op: 'exists' | '!'; readonly key: string };

export type Parsed = { readonly requirements: Requirement[] } | { readonly error: string };

/** Split on commas that are not inside parentheses. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of s) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

const KEY = /^[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?$/;
const VALUE = /^([A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?)?$/;

export function parseLabelSelector(text: string): Parsed {
  const requirements: Requirement[] = [];
  if (text.trim() === '') return { requirements };
  for (const raw of splitTop(text)) {
    const part = raw.trim();
    const bad = { error: `error: unable to parse requirement: found '${part}', expected: identifier` };
    const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(part);
    if (set) {
      const values = (set[3] ?? '').split(',').map((v) => v.trim());
      if (!KEY.test(set[1] ?? '') || values.some((v) => !VALUE.test(v))) return bad;
      requirements.push({ op: set[2] as 'in' | 'notin', key: set[1] ?? '', values });
      continue;
    }
    const cmp = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(part);
    if (cmp) {
      const key = cmp[1] ?? '';
      const value = cmp[3] ?? '';
      if (!KEY.test(key) || !VALUE.test(value)) return bad;
      requirements.push({ op: cmp[2] === '!=' ? '!=' : '=', key, value });
      continue;
    }
    if (part.startsWith('!') && KEY.test(part.slice(1).trim())) {
      requirements.push({ op: '!', key: part.slice(1).trim() });
      continue;
    }
    if (KEY.test(part)) {
      requirements.push({ op: 'exists', key: part });
      continue;
    }
    return bad;
  }
  return { requirements };
}

export function labelsMatch(
  requirements: readonly Requirement[],
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  for (const r of requirements) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = labels?.[r.key];
    switch (r.op) {
      case '=':
        if (!has || v !== r.value) return false;
        break;
      case '!=':
        if (has && v === r.value) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(v as string)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(v as string)) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
    }
  }
  return true;
}

export interface FieldRequirement {
  readonly path: readonly string[];
  readonly field: string;
  readonly negate: boolean;
  readonly value: string;
}

export function parseFieldSelector(text: string): { requirements: FieldRequirement[] } | { error: string } {
  const requirements: FieldRequirement[] = [];
  if (text.trim() === '') return { requirements };
  for (const raw of text.split(',')) {
    const m = /^\s*([A-Za-z0-9_.]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(raw);
    if (!m) return { error: `error: invalid selector: '${text}'; can't understand '${raw}'` };
    const field = m[1] ?? '';
    requirements.push({ field, path: field.split('.'), negate: m[2] === '!=', value: m[3] ?? '' });
  }
  return { requirements };
}

/** The field's value as a string ("" when absent, as the API server's field sets do). */
export function fieldValue(obj: unknown, path: readonly string[]): string {
  let cur: unknown = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur === undefined || cur === null ? '' : String(cur);
}

export function fieldsMatch(requirements: readonly FieldRequirement[], obj: unknown): boolean {
  return requirements.every((r) => (fieldValue(obj, r.path) === r.value) !== r.negate);
}

/** A selector as labels.Selector.String() prints it: requirements sorted by key. */
export function formatLabelSet(labels: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels?.[k] ?? ''}`).join(',') : '<none>';
}

interface SelectorLike {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly {
    readonly key: string;
    readonly operator: string;
    readonly values?: readonly string[];
  }[];
}

/**
 * A LabelSelector as kubectl's SELECTOR column prints it (metav1.LabelSelectorAsSelector(...).String()):
 * requirements sorted by key, set values sorted.
 */
export function formatSelector(sel: SelectorLike | undefined): string {
  if (!sel) return '<none>';
  const parts: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) parts.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    const text =
      e.operator === 'In'
        ? `${e.key} in (${values})`
        : e.operator === 'NotIn'
          ? `${e.key} notin (${values})`
          : e.operator === 'Exists'
            ? e.key
            : `!${e.key}`;
    parts.push({ key: e.key, text });
  }
  parts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return parts.map((p) => p.text).join(',');
}
