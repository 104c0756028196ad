/**
 * The simulated etcd: every object by kind and "namespace/name", plus the indexes controllers need so that
 * work stays proportional to what changed (pods by owner, by node and by label). Objects are immutable:
 * a write stores a new object and yields a reversible diff. A snapshot is a copy of the maps, which is cheap
 * because the objects themselves are shared.
 */
import type { Kind, KindMap, KubeObject, Pod } from './types';
import { KIND_INFO } from './types';

/** One change to the store. `from`/`to` make every diff reversible, which time travel and the UI rely on. */
export type Diff =
  | { readonly type: 'added'; readonly kind: Kind; readonly key: string; readonly to: KubeObject }
  | {
      readonly type: 'updated';
      readonly kind: Kind;
      readonly key: string;
      readonly from: KubeObject;
      readonly to: KubeObject;
    }
  | { readonly type: 'removed'; readonly kind: Kind; readonly key: string; readonly from: KubeObject }
  | { readonly type: 'runtime'; readonly key: string; readonly from: unknown; readonly to: unknown };

export interface StoreSnapshot {
  readonly objects: ReadonlyMap<Kind, ReadonlyMap<string, KubeObject>>;
  readonly runtime: ReadonlyMap<string, unknown>;
  readonly resourceVersion: number;
  readonly byOwner: ReadonlyMap<string, ReadonlySet<string>>;
  readonly podsByNode: ReadonlyMap<string, ReadonlySet<string>>;
  readonly podsByLabel: ReadonlyMap<string, ReadonlySet<string>>;
}

type Listener = (d: Diff) => void;

/** "namespace/name" for namespaced kinds, "name" otherwise. */
export function storeName(kind: Kind, namespace: string | undefined, name: string): string {
  return KIND_INFO[kind].namespaced ? `${namespace ?? 'default'}/${name}` : name;
}

function nameOf(obj: KubeObject): string {
  return storeName(obj.kind as Kind, obj.metadata?.namespace, obj.metadata?.name ?? '');
}

function addTo(index: Map<string, Set<string>>, k: string, v: string): void {
  let s = index.get(k);
  if (!s) index.set(k, (s = new Set()));
  s.add(v);
}

function removeFrom(index: Map<string, Set<string>>, k: string, v: string): void {
  const s = index.get(k);
  if (!s) return;
  s.delete(v);
  if (s.size === 0) index.delete(k);
}

export class Store {
  private objects = new Map<Kind, Map<string, KubeObject>>();
  private runtime = new Map<string, unknown>();
  private rv = 0;
  // ownerReference uid -> "Kind/ns/name" of dependents
  private byOwner = new Map<string, Set<string>>();
  private podsByNode = new Map<string, Set<string>>();
  // "key=value" -> pod "ns/name"
  private podsByLabel = new Map<string, Set<string>>();
  private listeners: Listener[] = [];
  private restores = 0;

  /** Counts `restore` calls: derived caches kept up to date from diffs rebuild when it changes. */
  get epoch(): number {
    return this.restores;
  }

  /** Number of objects of a kind (for size limits and metrics). */
  count(kind: Kind): number {
    return this.objects.get(kind)?.size ?? 0;
  }

  get resourceVersion(): number {
    return this.rv;
  }

  onDiff(listener: Listener): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  get<K extends Kind>(kind: K, namespace: string | undefined, name: string): KindMap[K] | undefined {
    return this.objects.get(kind)?.get(storeName(kind, namespace, name)) as KindMap[K] | undefined;
  }

  /** All objects of a kind (optionally in one namespace), in insertion order. */
  list<K extends Kind>(kind: K, namespace?: string): KindMap[K][] {
    const m = this.objects.get(kind);
    if (!m) return [];
    const out: KindMap[K][] = [];
    for (const o of m.values()) {
      if (namespace === undefined || o.metadata?.namespace === namespace) out.push(o as KindMap[K]);
    }
    return out;
  }

  /** Objects of `kind` that list `ownerUid` in their ownerReferences. */
  listByOwner<K extends Kind>(kind: K, ownerUid: string): KindMap[K][] {
    const keys = this.byOwner.get(ownerUid);
    if (!keys) return [];
    const m = this.objects.get(kind);
    const out: KindMap[K][] = [];
    for (const k of keys) {
      const slash = k.indexOf('/');
      if (k.slice(0, slash) !== kind) continue;
      const o = m?.get(k.slice(slash + 1));
      if (o) out.push(o as KindMap[K]);
    }
    return out;
  }

  /** Every dependent of an owner, whatever its kind (for garbage collection). */
  dependents(ownerUid: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const k of this.byOwner.get(ownerUid) ?? []) {
      const slash = k.indexOf('/');
      const o = this.objects.get(k.slice(0, slash) as Kind)?.get(k.slice(slash + 1));
      if (o) out.push(o);
    }
    return out;
  }

  podsOnNode(nodeName: string): Pod[] {
    const m = this.objects.get('Pod');
    const out: Pod[] = [];
    for (const k of this.podsByNode.get(nodeName) ?? []) {
      const p = m?.get(k);
      if (p) out.push(p as Pod);
    }
    return out;
  }

  /** Pods in `namespace` whose labels include every pair of `labels` (uses the smallest label index). */
  podsWithLabels(namespace: string, labels: Readonly<Record<string, string>>): Pod[] {
    const m = this.objects.get('Pod');
    if (!m) return [];
    let smallest: Set<string> | undefined;
    for (const k in labels) {
      const s = this.podsByLabel.get(`${k}=${labels[k]}`);
      if (!s) return [];
      if (!smallest || s.size < smallest.size) smallest = s;
    }
    const candidates = smallest ?? m.keys();
    const out: Pod[] = [];
    for (const k of candidates) {
      const p = m.get(k) as Pod | undefined;
      if (!p || p.metadata?.namespace !== namespace) continue;
      let ok = true;
      for (const l in labels) if (p.metadata?.labels?.[l] !== labels[l]) ok = false;
      if (ok) out.push(p);
    }
    return out;
  }

  /** Store an object: added when new, updated otherwise. Bumps resourceVersion. */
  put<O extends KubeObject>(obj: O): O {
    const kind = obj.kind as Kind;
    const name = nameOf(obj);
    let m = this.objects.get(kind);
    if (!m) this.objects.set(kind, (m = new Map()));
    const from = m.get(name);
    const stored = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++this.rv) } } as O;
    m.set(name, stored);
    if (!from) this.index(kind, name, stored);
    else if (indexedFieldsDiffer(from, stored)) {
      this.unindex(kind, name, from);
      this.index(kind, name, stored);
    }
    const key = `${kind}/${name}`;
    this.emit(
      from ? { type: 'updated', kind, key, from, to: stored } : { type: 'added', kind, key, to: stored },
    );
    return stored;
  }

  remove(kind: Kind, namespace: string | undefined, name: string): KubeObject | undefined {
    const m = this.objects.get(kind);
    const n = storeName(kind, namespace, name);
    const from = m?.get(n);
    if (!m || !from) return undefined;
    m.delete(n);
    this.unindex(kind, n, from);
    this.rv++;
    this.emit({ type: 'removed', kind, key: `${kind}/${n}`, from });
    return from;
  }

  getRuntime<T>(key: string): T | undefined {
    return this.runtime.get(key) as T | undefined;
  }

  /** Simulation-only state (container processes, node power, scheduler verdicts). Values must be immutable. */
  setRuntime<T>(key: string, value: T | undefined): void {
    const from = this.runtime.get(key);
    if (from === value) return;
    if (value === undefined) this.runtime.delete(key);
    else this.runtime.set(key, value);
    this.emit({ type: 'runtime', key, from, to: value });
  }

  runtimeKeys(prefix: string): string[] {
    const out: string[] = [];
    for (const k of this.runtime.keys()) if (k.startsWith(prefix)) out.push(k);
    return out;
  }

  snapshot(): StoreSnapshot {
    const objects = new Map<Kind, Map<string, KubeObject>>();
    for (const [k, m] of this.objects) objects.set(k, new Map(m));
    return {
      objects,
      runtime: new Map(this.runtime),
      resourceVersion: this.rv,
      byOwner: copyIndex(this.byOwner),
      podsByNode: copyIndex(this.podsByNode),
      podsByLabel: copyIndex(this.podsByLabel),
    };
  }

  restore(s: StoreSnapshot): void {
    this.restores++;
    this.objects = new Map();
    for (const [k, m] of s.objects) this.objects.set(k, new Map(m));
    this.runtime = new Map(s.runtime);
    this.rv = s.resourceVersion;
    this.byOwner = copyIndex(s.byOwner);
    this.podsByNode = copyIndex(s.podsByNode);
    this.podsByLabel = copyIndex(s.podsByLabel);
  }

  private emit(d: Diff): void {
    for (const l of this.listeners) l(d);
  }

  private index(kind: Kind, name: string, o: KubeObject): void {
    for (const ref of o.metadata?.ownerReferences ?? []) addTo(this.byOwner, ref.uid, `${kind}/${name}`);
    if (kind === 'Pod') {
      const node = (o as Pod).spec?.nodeName;
      if (node) addTo(this.podsByNode, node, name);
      const labels = o.metadata?.labels;
      for (const k in labels) addTo(this.podsByLabel, `${k}=${labels[k]}`, name);
    }
  }

  private unindex(kind: Kind, name: string, o: KubeObject): void {
    for (const ref of o.metadata?.ownerReferences ?? []) removeFrom(this.byOwner, ref.uid, `${kind}/${name}`);
    if (kind === 'Pod') {
      const node = (o as Pod).spec?.nodeName;
      if (node) removeFrom(this.podsByNode, node, name);
      const labels = o.metadata?.labels;
      for (const k in labels) removeFrom(this.podsByLabel, `${k}=${labels[k]}`, name);
    }
  }
}

function indexedFieldsDiffer(a: KubeObject, b: KubeObject): boolean {
  return (
    a.metadata?.ownerReferences !== b.metadata?.ownerReferences ||
    a.metadata?.labels !== b.metadata?.labels ||
    (a as Pod).spec?.nodeName !== (b as Pod).spec?.nodeName
  );
}

function copyIndex(i: ReadonlyMap<string, ReadonlySet<string>>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [k, s] of i) out.set(k, new Set(s));
  return out;
}
