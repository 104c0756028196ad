/**
 * Simulates kube-controller-manager's garbage collector with background propagation: a dependent whose owners
 * are all gone (absent, or present under another uid) is deleted; dangling references beside a live owner are removed.
 * Left out: foreground deletion and the orphan finalizer (deletes here have no propagationPolicy), the graph's delay.
 */
import { keyOf } from '../api/meta';
import type { Store } from '../api/store';
import type { Kind, KubeObject, OwnerReference } from '../api/types';
import { isKind, KIND_INFO, KINDS } from '../api/types';
import type { Controller, ObjectWatch } from '../sim/controller';

export const GARBAGE_COLLECTOR = 'garbage-collector-controller';

/** Every kind that can own or be owned; Events are neither and are by far the most numerous writes. */
const GC_KINDS: readonly Kind[] = KINDS.filter((k) => k !== 'Event');

/** True when the owner named by `ref` no longer exists as that uid (for `dependent`'s namespace). */
export function isDangling(ref: OwnerReference, dependent: KubeObject, store: Store): boolean {
  // An owner of an unknown kind cannot be looked up: leave the reference alone rather than guess.
  if (!isKind(ref.kind)) return false;
  const ownerNamespaced = KIND_INFO[ref.kind].namespaced;
  const depNamespaced = KIND_INFO[dependent.kind as Kind].namespaced;
  // A cluster-scoped object cannot be owned by a namespaced one: such a reference never resolves.
  if (ownerNamespaced && !depNamespaced) return true;
  const owner = store.get(ref.kind, ownerNamespaced ? dependent.metadata?.namespace : undefined, ref.name);
  return owner === undefined || owner.metadata?.uid !== ref.uid;
}

function hasDangling(obj: KubeObject, store: Store): boolean {
  for (const ref of obj.metadata?.ownerReferences ?? []) if (isDangling(ref, obj, store)) return true;
  return false;
}

/** Reconcile keys are "Kind/namespace/name" (or "Kind/name"), since the collector handles every kind. */
function parseKey(key: string): { kind: Kind; namespace: string | undefined; name: string } | undefined {
  const slash = key.indexOf('/');
  const kind = key.slice(0, slash);
  if (slash < 0 || !isKind(kind)) return undefined;
  const rest = key.slice(slash + 1);
  if (!KIND_INFO[kind].namespaced) return { kind, namespace: undefined, name: rest };
  const second = rest.indexOf('/');
  return { kind, namespace: rest.slice(0, second), name: rest.slice(second + 1) };
}

function gcWatch(kind: Kind): ObjectWatch {
  return {
    kind,
    keys: () => [],
    changed(from, to, store) {
      const out: string[] = [];
      // The object is gone: each of its dependents may now be an orphan.
      const uid = from?.metadata?.uid;
      if (!to && uid) for (const d of store.dependents(uid)) out.push(keyOf(d));
      // A new or re-pointed object names an owner that is not there (created late, or with a stale uid).
      if (
        to?.metadata?.ownerReferences?.length &&
        from?.metadata?.ownerReferences !== to.metadata.ownerReferences &&
        hasDangling(to, store)
      ) {
        out.push(keyOf(to));
      }
      return out;
    },
  };
}

export const garbageCollector: Controller = {
  name: GARBAGE_COLLECTOR,
  component: 'kube-controller-manager',
  watches: GC_KINDS.map(gcWatch),
  reconcile(key, ctx) {
    const k = parseKey(key);
    if (!k) return;
    const obj = ctx.store.get(k.kind, k.namespace, k.name);
    const refs = obj?.metadata?.ownerReferences;
    if (!obj || !refs?.length) return;
    const solid = refs.filter((r) => !isDangling(r, obj, ctx.store));
    if (solid.length === refs.length) return;
    if (solid.length === 0) {
      // Background propagation: the dependent is deleted normally (pods gracefully) and its own dependents follow.
      if (obj.metadata?.deletionTimestamp === undefined) ctx.api.delete(k.kind, k.namespace, k.name);
      return;
    }
    ctx.api.update(k.kind, { ...obj, metadata: { ...obj.metadata, ownerReferences: solid } });
  },
};
