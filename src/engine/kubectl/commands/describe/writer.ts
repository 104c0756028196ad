/**
 * kubectl describe's PrefixWriter over a tabwriter: `write(level, text)` indents by two spaces per level,
 * `flush()` ends the current column blocks (the Events table is flushed separately, so it never aligns
 * with the lines above it). Plus the shared multi-line printers: labels, annotations, taints, tolerations.
 */
import type { Taint, Toleration } from '../../../api/types';
import { DESCRIBE_TABS, formatTabs } from './tabwriter';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const MAX_ANNOTATION_LEN = 140;

export class PrefixWriter {
  private done = '';
  private pending = '';

  write(level: number, text: string): void {
    this.pending += '  '.repeat(level) + text;
  }

  /** Fprintln: the text and a newline, no indentation. */
  line(text: string): void {
    this.pending += `${text}\n`;
  }

  flush(): void {
    this.done += formatTabs(this.pending, DESCRIBE_TABS);
    this.pending = '';
  }

  toString(): string {
    this.flush();
    return this.done;
  }

  /** The text as written, tabs left in (describe.NewPrefixWriter without a tabwriter, as rollout history uses). */
  raw(): string {
    return this.done + this.pending;
  }
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedKeys(m: Readonly<Record<string, string>> | undefined, skip?: string): string[] {
  return Object.keys(m ?? {})
    .filter((k) => k !== skip)
    .sort();
}

/** printLabelsMultilineWithIndent: "Labels:  a=b" and further pairs aligned under the first. */
export function printLabels(
  w: PrefixWriter,
  title: string,
  labels: Readonly<Record<string, string>> | undefined,
  initialIndent = '',
  innerIndent = '\t',
): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = sortedKeys(labels);
  if (keys.length === 0) return w.line('<none>');
  keys.forEach((k, i) => {
    if (i > 0) w.write(0, initialIndent + innerIndent);
    w.write(0, `${k}=${labels?.[k] ?? ''}\n`);
  });
}

/** printAnnotationsMultiline: "key: value", long or multi-line values on lines of their own. */
export function printAnnotations(
  w: PrefixWriter,
  title: string,
  annotations: Readonly<Record<string, string>> | undefined,
): void {
  w.write(0, `${title}:\t`);
  const keys = sortedKeys(annotations, LAST_APPLIED);
  if (keys.length === 0) return w.line('<none>');
  keys.forEach((k, i) => {
    if (i > 0) w.write(0, '\t');
    const value = (annotations?.[k] ?? '').replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) {
        const short = s.length > MAX_ANNOTATION_LEN - 2 ? `${s.slice(0, MAX_ANNOTATION_LEN - 2)}...` : s;
        w.write(0, `\t  ${short}\n`);
      }
    } else w.write(0, `${k}: ${value}\n`);
  });
}

/** Taint.ToString(): "key=value:Effect", "key:Effect". */
export function taintString(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;
}

/** printTaintsMultilineWithIndent: sorted by "effect,key". */
export function printTaints(w: PrefixWriter, title: string, taints: readonly Taint[] | undefined): void {
  w.write(0, `${title}:\t`);
  if (!taints?.length) return w.line('<none>');
  const key = (t: Taint) => `${t.effect},${t.key}`;
  const sorted = [...taints].sort((a, b) => compare(key(a), key(b)));
  sorted.forEach((t, i) => {
    if (i > 0) w.write(0, '\t');
    w.write(0, `${taintString(t)}\n`);
  });
}

/** printTolerationsMultilineWithIndent: "node.kubernetes.io/not-ready:NoExecute op=Exists for 300s". */
export function printTolerations(
  w: PrefixWriter,
  title: string,
  tolerations: readonly Toleration[] | undefined,
  initialIndent = '',
): void {
  w.write(0, `${initialIndent}${title}:\t`);
  if (!tolerations?.length) return w.line('<none>');
  const sorted = [...tolerations].sort((a, b) => compare(a.key ?? '', b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i > 0) w.write(0, `${initialIndent}\t`);
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${s}\n`);
  });
}

/** printPodsMultilineWithIndent: names of pods, sorted. */
export function printNames(w: PrefixWriter, title: string, names: readonly string[]): void {
  w.write(0, `${title}:\t`);
  if (names.length === 0) return w.line('<none>');
  [...names].sort().forEach((n, i) => {
    if (i > 0) w.write(0, '\t');
    w.write(0, `${n}\n`);
  });
}
