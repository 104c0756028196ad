/**
 * `kubectl get`'s human-readable output: a kind's table with the decorations the flags ask for (NAMESPACE
 * column for -A, "kind/" name prefixes when several kinds are shown, -L label columns, --show-labels,
 * --no-headers).
 */
import type { Kind, KubeObject } from '../../api/types';
import { KIND_INFO } from '../../api/types';
import { qualifiedSingular, resourceType } from '../resources';
import { formatLabelSet } from '../selector';
import type { TableContext } from './columns';
import { tableFor } from './columns';
import { formatTable } from './table';

export interface TableOptions {
  readonly wide: boolean;
  readonly showLabels: boolean;
  readonly labelColumns: readonly string[];
  readonly noHeaders: boolean;
  /** Prefix a NAMESPACE column (for -A), on namespaced kinds only. */
  readonly withNamespace: boolean;
  /** Prefix names with "deployment.apps/" (several kinds in one command). */
  readonly withKind: boolean;
}

function labelColumnHeader(key: string): string {
  const parts = key.split('/');
  return (parts[parts.length - 1] ?? key).toUpperCase();
}

/** Rows of one kind's table (header first unless --no-headers). */
export function tableRows(
  kind: Kind,
  objects: readonly KubeObject[],
  ctx: TableContext,
  opts: TableOptions,
): string[][] {
  const table = tableFor(kind);
  const ns = opts.withNamespace && KIND_INFO[kind].namespaced;
  const labelKeys = opts.labelColumns.flatMap((l) => l.split(',')).filter(Boolean);
  const header = [
    ...(ns ? ['NAMESPACE'] : []),
    ...table.headers,
    ...(opts.wide ? (table.wide ?? []) : []),
    ...labelKeys.map(labelColumnHeader),
    ...(opts.showLabels ? ['LABELS'] : []),
  ];
  const prefix = opts.withKind ? `${qualifiedSingular(resourceType(kind))}/` : '';
  const rows = objects.map((o) => {
    const cells = table.row(o, { ...ctx, wide: opts.wide });
    // The NAME column (first, or LAST SEEN's neighbour for events) gets the kind prefix.
    const nameIndex = table.headers.indexOf('NAME');
    if (prefix && nameIndex >= 0) cells[nameIndex] = prefix + (cells[nameIndex] ?? '');
    const labels = o.metadata?.labels;
    return [
      ...(ns ? [o.metadata?.namespace ?? ''] : []),
      ...cells,
      ...labelKeys.map((k) => labels?.[k] ?? ''),
      ...(opts.showLabels ? [formatLabelSet(labels)] : []),
    ];
  });
  return opts.noHeaders ? rows : [header, ...rows];
}

export function renderTable(
  kind: Kind,
  objects: readonly KubeObject[],
  ctx: TableContext,
  opts: TableOptions,
): string {
  return formatTable(tableRows(kind, objects, ctx, opts));
}
