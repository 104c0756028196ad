/**
 * Simulates kube-controller-manager's garbage collector: a dependent whose owners are all gone (absent, or
 * present under another uid) is deleted (background propagation); dangling references beside a live owner
 * are removed; an owner deleted in the foreground (the foregroundDeletion finalizer) has its dependents
 * deleted, in the foreground too, and loses the finalizer (and so is removed) once no dependent that blocks
 * its deletion (blockOwnerDeletion) is left. Left out: the graph's delay; orphaning happens in the API
 * server's delete at once rather than through the orphan finalizer.
 */
import { FOREGROUND_FINALIZER } from '../api/apiserver';
import { keyOf, objectKey } from '../api/meta';
import type { Store } from '../api/store';
import type { ApiServer } from '../api/apiserver';
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

function inForeground(obj: KubeObject | undefined): boolean {
  return (
    obj?.metadata?.deletionTimestamp !== undefined &&
    !!obj.metadata.finalizers?.includes(FOREGROUND_FINALIZER)
  );
}

/** Keys of `obj`'s owners that are being deleted in the foreground (they wait for their dependents). */
function waitingOwners(obj: KubeObject, store: Store): string[] {
  const out: string[] = [];
  for (const ref of obj.metadata?.ownerReferences ?? []) {
    if (!isKind(ref.kind)) continue;
    const ns = KIND_INFO[ref.kind].namespaced ? obj.metadata?.namespace : undefined;
    if (inForeground(store.get(ref.kind, ns, ref.name))) out.push(objectKey(ref.kind, ns, ref.name));
  }
  return out;
}

function gcWatch(kind: Kind): ObjectWatch {
  return {
    kind,
    keys: () => [],
    changed(from, to, store) {
      const out: string[] = [];
      if (inForeground(to) && !inForeground(from) && to) out.push(keyOf(to));
      // A dependent left (or stopped pointing at its owner): a foreground owner may now be free to go.
      if (from && (!to || from.metadata?.ownerReferences !== to.metadata?.ownerReferences)) {
        out.push(...waitingOwners(from, store));
      }
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

/**
 * Foreground deletion of `owner`: delete its dependents (in the foreground too), and once none that blocks
 * the owner's deletion remains, drop the finalizer, which removes the owner.
 */
function deleteDependents(owner: KubeObject, api: ApiServer, store: Store): void {
  const uid = owner.metadata?.uid ?? '';
  const dependents = store.dependents(uid);
  for (const d of dependents) {
    if (d.metadata?.deletionTimestamp === undefined) {
      api.delete(d.kind as Kind, d.metadata?.namespace, d.metadata?.name ?? '', {
        propagationPolicy: 'Foreground',
      });
    }
  }
  const blocking = store
    .dependents(uid)
    .filter((d) => d.metadata?.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion));
  if (blocking.length > 0) return;
  const finalizers = (owner.metadata?.finalizers ?? []).filter((f) => f !== FOREGROUND_FINALIZER);
  const { finalizers: _f, ...meta } = owner.metadata ?? {};
  api.update(
    owner.kind as Kind,
    {
      ...owner,
      metadata: finalizers.length ? { ...meta, finalizers } : meta,
    } as never,
  );
}

export const garbageCollector: Controller = {
  name: GARBAGE_COLLECTOR,
  component: 'kube-controller-manager',
  watches: GC_KINDS.map(gcWatch),
  reconcile(key, ctx) {
    const k = parseKey(key);
    if (!k) return;
    const obj = ctx.store.get(k.kind, k.namespace, k.name);
    if (obj && inForeground(obj)) {
      deleteDependents(obj, ctx.api, ctx.store);
      return;
    }
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
