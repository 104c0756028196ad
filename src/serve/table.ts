/**
 * The server-side Table format (meta.k8s.io/v1 Table): the columns and cells `kubectl get` prints come from
 * the API server's table convertors. Here they come from the engine's own kubectl printers, so the real
 * kubectl and the app's console print the same rows. Wide columns have priority 1, as upstream marks them.
 */
// The printers register each kind's table when the kubectl registry loads.
import '../engine/kubectl';
import type { Kind, KubeObject, Simulation } from '../engine';
import { tableFor } from '../engine';

export interface TableOptions {
  /** includeObject=None|Metadata|Object (default Metadata). */
  readonly includeObject: 'None' | 'Metadata' | 'Object';
  /** Leave out the column definitions (every watch event after the first). */
  readonly noHeaders?: boolean;
}

/** upstream's column descriptions for the NAME and AGE columns, which every table has. */
const DESCRIPTIONS: Record<string, string> = {
  NAME: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  AGE: 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
};

export function partialMetadata(o: KubeObject): Record<string, unknown> {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata ?? {} };
}

/** A Table of `objects` of one kind, with `resourceVersion` as the list's. */
export function toTable(
  kind: Kind,
  objects: readonly KubeObject[],
  sim: Simulation,
  resourceVersion: string,
  opts: TableOptions,
): Record<string, unknown> {
  const table = tableFor(kind);
  const ctx = { now: sim.now, store: sim.store, wide: true };
  const columns = [
    ...table.headers.map((h) => ({ h, priority: 0 })),
    ...(table.wide ?? []).map((h) => ({ h, priority: 1 })),
  ];
  const columnDefinitions = columns.map(({ h, priority }) => ({
    name: h,
    type: 'string',
    format: h === 'NAME' ? 'name' : '',
    description: DESCRIPTIONS[h] ?? '',
    priority,
  }));
  const rows = objects.map((o) => {
    const cells = table.row(o, ctx);
    const object =
      opts.includeObject === 'Object'
        ? o
        : opts.includeObject === 'Metadata'
          ? partialMetadata(o)
          : undefined;
    return { cells, ...(object ? { object } : {}) };
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    ...(opts.noHeaders ? {} : { columnDefinitions }),
    rows,
  };
}
