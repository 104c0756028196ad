/**
 * metav1.FormatLabelSelector as describe prints a LabelSelector: requirements sorted by key, values sorted,
 * "<none>" when empty (the SELECTOR column's formatSelector in ../../selector prints "" there).
 */
import type { LabelSelector } from '../../../api/types';
import { compare } from './writer';

/** "app=web,tier in (a,b)"; "<none>" for an absent or empty selector, as FormatLabelSelector prints it. */
export function selectorString(selector: LabelSelector | undefined): string {
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(selector?.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of selector?.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort(compare).join(',');
    const text =
      e.operator === 'Exists'
        ? e.key
        : e.operator === 'DoesNotExist'
          ? `!${e.key}`
          : `${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${values})`;
    reqs.push({ key: e.key, text });
  }
  reqs.sort((a, b) => compare(a.key, b.key));
  return reqs.length ? reqs.map((r) => r.text).join(',') : '<none>';
}
