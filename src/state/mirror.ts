/**
 * The UI's copy of the simulated cluster: every API object and runtime entry the engine holds, rebuilt from
 * the diffs the worker sends. Components never compute cluster behaviour; they derive what they draw from
 * this mirror through pure selectors.
 */
import type { KubeObject } from '../engine';
import type { ChangeMark } from './changes';
import { ChangeLog, isHead } from './changes';

export interface ClusterMirror {
  /** Simulated seconds. */
  readonly t: number;
  /** API objects by store key ("Pod/default/web-1", "Node/node-1"). */
  readonly objects: ReadonlyMap<string, KubeObject>;
  /** Runtime table entries (see docs/architecture.md): "node/node-1", "sched/default/web-1", ... */
  readonly runtime: ReadonlyMap<string, unknown>;
  /**
   * Where this mirror stands in the log of keys its diffs changed, so that a view of a big cluster can
   * update from what changed since the mirror it last drew (see `changesBetween`). Absent: unknown.
   */
  readonly changes?: ChangeMark | undefined;
}

export const EMPTY_MIRROR: ClusterMirror = { t: 0, objects: new Map(), runtime: new Map() };

/** A mirror of a whole cluster (a snapshot), the start of a new change log. */
export function createMirror(
  t: number,
  objects: ReadonlyMap<string, KubeObject>,
  runtime: ReadonlyMap<string, unknown>,
): ClusterMirror {
  return { t, objects, runtime, changes: new ChangeLog().mark({ objects, runtime }) };
}

/** What applying a diff reads of it (a frame's diffs carry no `from`). */
export type MirrorDiff =
  | { readonly type: 'added' | 'updated'; readonly key: string; readonly to: KubeObject }
  | { readonly type: 'removed'; readonly key: string }
  | { readonly type: 'runtime'; readonly key: string; readonly to: unknown };

/** Apply a batch of diffs, returning a new mirror (the old one is untouched, so React sees a change). */
export function applyDiffs(mirror: ClusterMirror, diffs: readonly MirrorDiff[], t: number): ClusterMirror {
  if (diffs.length === 0) return mirror.t === t ? mirror : { ...mirror, t };
  let objects: Map<string, KubeObject> | undefined;
  let runtime: Map<string, unknown> | undefined;
  const objectKeys: string[] = [];
  const runtimeKeys: string[] = [];
  for (const d of diffs) {
    if (d.type === 'runtime') {
      runtime ??= new Map(mirror.runtime);
      if (d.to === undefined) runtime.delete(d.key);
      else runtime.set(d.key, d.to);
      runtimeKeys.push(d.key);
    } else {
      objects ??= new Map(mirror.objects);
      if (d.type === 'removed') objects.delete(d.key);
      else objects.set(d.key, d.to);
      objectKeys.push(d.key);
    }
  }
  const maps = { objects: objects ?? mirror.objects, runtime: runtime ?? mirror.runtime };
  // Continue this mirror's log, unless another mirror was already built from it (a branch): then start anew.
  const log = isHead(mirror) && mirror.changes ? mirror.changes.log : new ChangeLog();
  return { t, ...maps, changes: log.append(maps, objectKeys, runtimeKeys) };
}

/** Every object of one kind, in key order. */
export function objectsOfKind<K extends KubeObject>(mirror: ClusterMirror, kind: string): K[] {
  const prefix = `${kind}/`;
  const out: K[] = [];
  for (const [key, o] of mirror.objects) if (key.startsWith(prefix)) out.push(o as K);
  return out;
}
