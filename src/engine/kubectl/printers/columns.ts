/**
 * Which columns `kubectl get` prints for each kind, as the API server's table convertors define them
 * (pkg/printers/internalversion/printers.go). Each kind's table lives in a file grouped by area; a module
 * can replace a kind's table with `registerTable`.
 */
import type { Store } from '../../api/store';
import type { Kind, KindMap, KubeObject } from '../../api/types';
import { since } from '../duration';

export interface TableContext {
  readonly now: number;
  readonly store: Store;
  readonly wide: boolean;
}

export interface KindTable<K extends Kind = Kind> {
  /** Column headers, NAME first. */
  readonly headers: readonly string[];
  /** Extra headers for `-o wide`, appended after `headers`. */
  readonly wide?: readonly string[];
  /** Cells for `headers` (plus `wide` when ctx.wide), NAME first. */
  row(obj: KindMap[K], ctx: TableContext): string[];
}

const TABLES = new Map<Kind, KindTable>();

export function registerTable<K extends Kind>(kind: K, table: KindTable<K>): void {
  TABLES.set(kind, table as unknown as KindTable);
}

/** A kind's table; kinds without one print NAME and AGE, as the API server's default table does. */
export function tableFor(kind: Kind): KindTable {
  return (
    TABLES.get(kind) ?? {
      headers: ['NAME', 'AGE'],
      row: (o: KubeObject, ctx: TableContext) => [
        o.metadata?.name ?? '',
        since(o.metadata?.creationTimestamp, ctx.now),
      ],
    }
  );
}

/** The AGE cell of an object. */
export function age(o: KubeObject, ctx: TableContext): string {
  return since(o.metadata?.creationTimestamp, ctx.now);
}

/** kubectl's empty-cell texts. */
export const NONE = '<none>';

export function orNone(s: string | undefined): string {
  return s ? s : NONE;
}
