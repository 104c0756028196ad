/**
 * Pods by controlling owner uid, and orphan pods (no controller) by namespace: a derived cache of the store
 * so that a ReplicaSet sync walks its own pods as plain object references and finds adoption candidates
 * without scanning. Pure function of the store: it follows the diffs, and rebuilds lazily after a restore
 * (Store.epoch) or whenever it may have missed a write, so cold and warm answers are identical.
 */
import { controllerOf } from '../../api/meta';
import type { Store } from '../../api/store';
import type { Pod } from '../../api/types';

const EMPTY: ReadonlyMap<string, Pod> = new Map();

export class PodOwnership {
  private epoch: number;
  private rv: number;
  private valid = false;
  // controller uid -> "Pod/ns/name" -> pod
  private readonly byController = new Map<string, Map<string, Pod>>();
  // namespace -> "Pod/ns/name" -> pod without a controller reference
  private readonly orphans = new Map<string, Map<string, Pod>>();

  constructor(private readonly store: Store) {
    this.epoch = store.epoch;
    this.rv = store.resourceVersion;
    store.onDiff((d) => {
      if (d.type === 'runtime') return;
      const expected = this.rv + 1;
      this.rv = this.store.resourceVersion;
      if (!this.valid) return;
      if (this.store.epoch !== this.epoch || this.rv !== expected) {
        this.valid = false;
        return;
      }
      if (d.kind !== 'Pod') return;
      const from = d.type === 'added' ? undefined : (d.from as Pod);
      const to = d.type === 'removed' ? undefined : (d.to as Pod);
      if (
        from &&
        to &&
        controllerOf(from)?.uid === controllerOf(to)?.uid &&
        from.metadata?.namespace === to.metadata?.namespace
      ) {
        this.add(d.key, to); // same bucket: replaced in place
        return;
      }
      if (from) this.remove(d.key, from);
      if (to) this.add(d.key, to);
    });
  }

  /**
   * Pods whose controller reference names `uid`. Iteration order is not part of the contract (a rebuilt cache
   * may order them differently): callers that act on pods in turn must impose their own order.
   */
  controlledBy(uid: string): ReadonlyMap<string, Pod> {
    this.check();
    return this.byController.get(uid) ?? EMPTY;
  }

  /** Pods in `namespace` without a controller reference. */
  orphansIn(namespace: string): ReadonlyMap<string, Pod> {
    this.check();
    return this.orphans.get(namespace) ?? EMPTY;
  }

  private add(key: string, pod: Pod): void {
    const uid = controllerOf(pod)?.uid;
    const index = uid !== undefined ? this.byController : this.orphans;
    const k = uid ?? pod.metadata?.namespace ?? '';
    let m = index.get(k);
    if (!m) index.set(k, (m = new Map()));
    m.set(key, pod);
  }

  private remove(key: string, pod: Pod): void {
    const uid = controllerOf(pod)?.uid;
    const index = uid !== undefined ? this.byController : this.orphans;
    const k = uid ?? pod.metadata?.namespace ?? '';
    const m = index.get(k);
    if (!m) return;
    m.delete(key);
    if (m.size === 0) index.delete(k);
  }

  private check(): void {
    if (this.valid && this.store.epoch === this.epoch && this.store.resourceVersion === this.rv) return;
    this.epoch = this.store.epoch;
    this.rv = this.store.resourceVersion;
    this.byController.clear();
    this.orphans.clear();
    for (const p of this.store.list('Pod'))
      this.add(`Pod/${p.metadata?.namespace ?? 'default'}/${p.metadata?.name ?? ''}`, p);
    this.valid = true;
  }
}

const caches = new WeakMap<Store, PodOwnership>();

/** The ownership cache of a store (created on first use). */
export function podOwnership(store: Store): PodOwnership {
  let c = caches.get(store);
  if (!c) caches.set(store, (c = new PodOwnership(store)));
  return c;
}
