/**
 * The scheduler cache (pkg/scheduler/backend/cache): per-node totals of the pods bound there, kept as a
 * derived cache of the store. Leaves out assumed pods (binding here is synchronous) and image states.
 * The cache is a pure function of the store: it follows the store's diffs and is rebuilt lazily after a
 * restore (Store.epoch) or whenever it missed a write, so a cold and a warm cache give identical answers.
 */
import type { Store } from '../../api/store';
import type { Node, Pod } from '../../api/types';
import { nodeAllocatable, podNonZeroRequests, podRequests } from '../../api/resources';
import type { ResourceAmounts } from '../../api/resources';

// Store objects are immutable, so per-object memos are pure caches.
const requestsMemo = new WeakMap<Pod, ResourceAmounts>();
const nonZeroMemo = new WeakMap<Pod, { readonly cpu: number; readonly memory: number }>();
const allocatableMemo = new WeakMap<Node, ResourceAmounts>();

/** podRequests, memoised per (immutable) pod object. */
export function requestsOf(pod: Pod): ResourceAmounts {
  let r = requestsMemo.get(pod);
  if (!r) requestsMemo.set(pod, (r = podRequests(pod)));
  return r;
}

/** podNonZeroRequests, memoised per pod object. */
export function nonZeroRequestsOf(pod: Pod): { readonly cpu: number; readonly memory: number } {
  let r = nonZeroMemo.get(pod);
  if (!r) nonZeroMemo.set(pod, (r = podNonZeroRequests(pod)));
  return r;
}

/** nodeAllocatable, memoised per (immutable) node object. */
export function allocatableOf(node: Node): ResourceAmounts {
  let r = allocatableMemo.get(node);
  if (!r) allocatableMemo.set(node, (r = nodeAllocatable(node)));
  return r;
}

export interface HostPort {
  readonly ip: string;
  readonly protocol: string;
  readonly port: number;
}

/** What the scheduler knows about one node's pods. */
export interface NodePods {
  /** Pods bound to the node and not finished (Succeeded/Failed pods leave the scheduler cache). */
  readonly pods: readonly Pod[];
  /** Σ real requests of those pods (cpu millicores, bytes, counts). */
  readonly requested: ResourceAmounts;
  /** Σ requests with the 100m / 200Mi defaults for containers that set none. */
  readonly nonZeroCpu: number;
  readonly nonZeroMemory: number;
  readonly usedPorts: readonly HostPort[];
}

const EMPTY: NodePods = { pods: [], requested: {}, nonZeroCpu: 0, nonZeroMemory: 0, usedPorts: [] };

/** Finished pods no longer hold resources, exactly as the scheduler's informer filters them out. */
export function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Host ports a pod's containers claim (hostIP defaults to 0.0.0.0, protocol to TCP). */
export function podHostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out;
}

export function hasPodAffinityTerms(pod: Pod): boolean {
  const a = pod.spec?.affinity;
  return a?.podAffinity !== undefined || a?.podAntiAffinity !== undefined;
}

function summarise(pods: readonly Pod[]): NodePods {
  if (pods.length === 0) return EMPTY;
  const requested: Record<string, number> = {};
  let nonZeroCpu = 0;
  let nonZeroMemory = 0;
  const usedPorts: HostPort[] = [];
  for (const p of pods) {
    const r = requestsOf(p);
    for (const k in r) requested[k] = (requested[k] ?? 0) + (r[k] ?? 0);
    const nz = nonZeroRequestsOf(p);
    nonZeroCpu += nz.cpu;
    nonZeroMemory += nz.memory;
    usedPorts.push(...podHostPorts(p));
  }
  return { pods, requested, nonZeroCpu, nonZeroMemory, usedPorts };
}

class SchedulerCache {
  private epoch: number;
  private rv: number;
  private valid = false;
  private readonly nodes = new Map<string, NodePods>();
  // "ns/name" -> bound, unfinished pod that declares pod (anti-)affinity
  private readonly withAffinity = new Map<string, Pod>();

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
      const fromNode = from?.spec?.nodeName;
      const toNode = to?.spec?.nodeName;
      if (fromNode) this.nodes.delete(fromNode);
      if (toNode) this.nodes.delete(toNode);
      const key = d.key.slice(d.key.indexOf('/') + 1);
      this.withAffinity.delete(key);
      if (to && toNode && !isTerminal(to) && hasPodAffinityTerms(to)) this.withAffinity.set(key, to);
    });
  }

  private check(): void {
    if (this.valid && this.store.epoch === this.epoch && this.store.resourceVersion === this.rv) return;
    this.epoch = this.store.epoch;
    this.rv = this.store.resourceVersion;
    this.nodes.clear();
    this.infos.clear();
    this.withAffinity.clear();
    for (const p of this.store.list('Pod')) {
      if (p.spec?.nodeName && !isTerminal(p) && hasPodAffinityTerms(p)) {
        this.withAffinity.set(`${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`, p);
      }
    }
    this.valid = true;
  }

  private readonly infos = new Map<string, NodeInfo>();

  /** The NodeInfo for a node object, reused while neither the node nor its pods changed. */
  info(node: Node): NodeInfo {
    const name = node.metadata?.name ?? '';
    const pods = this.node(name);
    const cur = this.infos.get(name);
    if (cur && cur.node === node && cur.pods === pods) return cur;
    const info: NodeInfo = { node, name, pods };
    this.infos.set(name, info);
    return info;
  }

  node(name: string): NodePods {
    this.check();
    let info = this.nodes.get(name);
    if (!info) {
      info = summarise(this.store.podsOnNode(name).filter((p) => !isTerminal(p)));
      this.nodes.set(name, info);
    }
    return info;
  }

  /** Bound, unfinished pods with pod affinity or anti-affinity. Order unspecified: callers only sum over it. */
  podsWithAffinity(): Iterable<Pod> {
    this.check();
    return this.withAffinity.values();
  }
}

const caches = new WeakMap<Store, SchedulerCache>();

function cacheFor(store: Store): SchedulerCache {
  let c = caches.get(store);
  if (!c) caches.set(store, (c = new SchedulerCache(store)));
  return c;
}

/** The scheduler's view of one node: its bound pods and their totals. */
export function nodePods(store: Store, nodeName: string): NodePods {
  return cacheFor(store).node(nodeName);
}

/** Every bound, unfinished pod that has pod affinity or anti-affinity terms (order unspecified). */
export function podsWithAffinity(store: Store): Iterable<Pod> {
  return cacheFor(store).podsWithAffinity();
}

/** A node with its pods: what every filter and score plugin looks at. */
export interface NodeInfo {
  readonly node: Node;
  readonly name: string;
  readonly pods: NodePods;
}

export function nodeInfo(store: Store, node: Node): NodeInfo {
  return cacheFor(store).info(node);
}
