/**
 * The default profile's Score plugins with their weights and NormalizeScore steps (pkg/scheduler/framework/
 * plugins): TaintToleration, NodeAffinity, NodeResourcesFit (LeastAllocated), PodTopologySpread (with the
 * system default constraints), InterPodAffinity, NodeResourcesBalancedAllocation and ImageLocality.
 * Leaves out image sizes (ImageLocality scores 0: the simulation does not model image sizes), DRA and
 * plugin arguments other than the defaults.
 */
import { selectorMatches } from '../../api/meta';
import type { Store } from '../../api/store';
import type { LabelSelector, Node, Pod, Toleration } from '../../api/types';
import type { WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import { boundPodsMatching, nodeByName, nodeSelectorTermMatches, tolerated } from './helpers';
import type { AffinityTerm, SpreadConstraint } from './filters';
import {
  affinityTerm,
  hasAllTopologyKeys,
  matchingCountsByNode,
  nodeIncluded,
  spreadConstraints,
  termMatches,
} from './filters';
import type { NodeInfo } from './nodeinfo';
import { allocatableOf, nonZeroRequestsOf, podsWithAffinity, requestsOf } from './nodeinfo';

export const MAX_NODE_SCORE = 100;

export const SCORE_WEIGHTS = {
  TaintToleration: 3,
  NodeAffinity: 2,
  NodeResourcesFit: 1,
  PodTopologySpread: 2,
  InterPodAffinity: 2,
  NodeResourcesBalancedAllocation: 1,
  ImageLocality: 1,
} as const;

export type ScorePlugin = keyof typeof SCORE_WEIGHTS;
const PLUGINS = Object.keys(SCORE_WEIGHTS) as ScorePlugin[];

export const HOSTNAME_LABEL = 'kubernetes.io/hostname';
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** framework.DefaultNormalizeScore: scale to 0..100 by the maximum, optionally reversed. */
export function defaultNormalize(scores: readonly number[], reverse: boolean): number[] {
  let max = 0;
  for (const s of scores) max = Math.max(max, s);
  if (max === 0) return scores.map((s) => (reverse ? MAX_NODE_SCORE : s));
  return scores.map((s) => {
    const v = Math.trunc((MAX_NODE_SCORE * s) / max);
    return reverse ? MAX_NODE_SCORE - v : v;
  });
}

// ---------------------------------------------------------------- TaintToleration

/** Number of PreferNoSchedule taints the pod does not tolerate (tolerations with effect "" or PreferNoSchedule). */
export function taintTolerationRaw(node: Node, tolerations: readonly Toleration[] | undefined): number {
  return countSoftTaints(node, softTolerations(tolerations));
}

function softTolerations(tolerations: readonly Toleration[] | undefined): Toleration[] {
  return (tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
}

function countSoftTaints(node: Node, soft: readonly Toleration[]): number {
  const taints = node.spec?.taints;
  if (!taints) return 0;
  let n = 0;
  for (const taint of taints) if (taint.effect === 'PreferNoSchedule' && !tolerated(soft, taint)) n++;
  return n;
}

function taintToleration(pod: Pod, nodes: readonly NodeInfo[]): number[] {
  const soft = softTolerations(pod.spec?.tolerations);
  return defaultNormalize(
    nodes.map((n) => countSoftTaints(n.node, soft)),
    true,
  );
}

// ---------------------------------------------------------------- NodeAffinity (preferred)

function nodeAffinity(pod: Pod, nodes: readonly NodeInfo[]): number[] {
  const preferred = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  if (preferred.length === 0) return nodes.map(() => 0);
  const raw = nodes.map((n) => {
    let s = 0;
    for (const t of preferred)
      if (t.weight !== 0 && nodeSelectorTermMatches(t.preference, n.node)) s += t.weight;
    return s;
  });
  return defaultNormalize(raw, false);
}

// ---------------------------------------------------------------- NodeResourcesFit / BalancedAllocation

/** LeastAllocated for cpu and memory (weight 1 each) with non-zero requests. */
export function leastAllocatedScore(pod: Pod, info: NodeInfo): number {
  const alloc = allocatableOf(info.node);
  const nz = nonZeroRequestsOf(pod);
  const cpu = alloc.cpu ?? 0;
  const memory = alloc.memory ?? 0;
  let sum = 0;
  let weights = 0;
  if (cpu > 0) {
    sum += leastRequested(info.pods.nonZeroCpu + nz.cpu, cpu);
    weights++;
  }
  if (memory > 0) {
    sum += leastRequested(info.pods.nonZeroMemory + nz.memory, memory);
    weights++;
  }
  return weights === 0 ? 0 : Math.trunc(sum / weights);
}

function leastRequested(requested: number, capacity: number): number {
  return requested > capacity ? 0 : Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** BalancedAllocation: 100 × (1 − std of the cpu and memory fractions), real requests. */
export function balancedAllocationScore(pod: Pod, info: NodeInfo): number {
  const alloc = allocatableOf(info.node);
  const req = requestsOf(pod);
  const cpu = alloc.cpu ?? 0;
  const memory = alloc.memory ?? 0;
  // With a single resource (the other not allocatable) the deviation is 0.
  if (cpu === 0 || memory === 0) return MAX_NODE_SCORE;
  const fCpu = Math.min(1, ((info.pods.requested.cpu ?? 0) + (req.cpu ?? 0)) / cpu);
  const fMem = Math.min(1, ((info.pods.requested.memory ?? 0) + (req.memory ?? 0)) / memory);
  return Math.trunc((1 - Math.abs((fCpu - fMem) / 2)) * MAX_NODE_SCORE);
}

// ---------------------------------------------------------------- PodTopologySpread (soft + system defaults)

/**
 * helper.DefaultSelector: the selectors of the Services and ReplicaSets (no ReplicationControllers or
 * StatefulSets exist in the simulation) that select the pod, merged; undefined when there are none.
 */
export function defaultSpreadSelector(store: Store, pod: Pod): LabelSelector | undefined {
  const ns = pod.metadata?.namespace ?? 'default';
  const labels = pod.metadata?.labels ?? {};
  const matchLabels: Record<string, string> = {};
  const matchExpressions: NonNullable<LabelSelector['matchExpressions']> = [];
  for (const svc of store.list('Service', ns)) {
    const sel = svc.spec?.selector;
    if (!sel || Object.keys(sel).length === 0) continue;
    if (Object.keys(sel).every((k) => labels[k] === sel[k])) Object.assign(matchLabels, sel);
  }
  for (const rs of store.list('ReplicaSet', ns)) {
    const sel = rs.spec?.selector;
    if (!sel || (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length))
      continue;
    if (!selectorMatches(sel, labels)) continue;
    Object.assign(matchLabels, sel.matchLabels);
    matchExpressions.push(...(sel.matchExpressions ?? []));
  }
  if (Object.keys(matchLabels).length === 0 && matchExpressions.length === 0) return undefined;
  return { matchLabels, ...(matchExpressions.length ? { matchExpressions } : {}) };
}

/** The scheduler's system default constraints (hostname maxSkew 3, zone maxSkew 5, ScheduleAnyway). */
export function systemDefaultConstraints(selector: LabelSelector): SpreadConstraint[] {
  const base = { selector, minDomains: 1, honorNodeAffinity: true, honorNodeTaints: false };
  return [
    { ...base, maxSkew: 3, topologyKey: HOSTNAME_LABEL },
    { ...base, maxSkew: 5, topologyKey: ZONE_LABEL },
  ];
}

function podTopologySpread(store: Store, pod: Pod, nodes: readonly NodeInfo[]): number[] {
  const own = pod.spec?.topologySpreadConstraints ?? [];
  let constraints: SpreadConstraint[];
  if (own.length > 0) constraints = spreadConstraints(pod, 'ScheduleAnyway');
  else {
    const sel = defaultSpreadSelector(store, pod);
    constraints = sel ? systemDefaultConstraints(sel) : [];
  }
  if (constraints.length === 0) return nodes.map(() => 0);
  // Only the pod's own constraints require every topology key (system defaulting tolerates a missing zone).
  const requireAll = own.length > 0;
  const ignored = new Set<string>();
  const domains = constraints.map(() => new Map<string, number>());
  for (const n of nodes) {
    if (requireAll && !hasAllTopologyKeys(n.node, constraints)) {
      ignored.add(n.name);
      continue;
    }
    for (let i = 0; i < constraints.length; i++) {
      const key = (constraints[i] as SpreadConstraint).topologyKey;
      if (key !== HOSTNAME_LABEL) domains[i]?.set(n.node.metadata?.labels?.[key] ?? '', 0);
    }
  }
  const weights = constraints.map((c, i) =>
    Math.log((c.topologyKey === HOSTNAME_LABEL ? nodes.length - ignored.size : (domains[i]?.size ?? 0)) + 2),
  );
  const ns = pod.metadata?.namespace ?? 'default';
  // The default constraints share one selector: count its pods once.
  const bySelector = new Map<LabelSelector | undefined, Map<string, number>>();
  const perNode = constraints.map((c) => {
    let m = bySelector.get(c.selector);
    if (!m) bySelector.set(c.selector, (m = matchingCountsByNode(store, ns, c.selector)));
    return m;
  });
  constraints.forEach((c, i) => {
    if (c.topologyKey === HOSTNAME_LABEL) return;
    const dom = domains[i] as Map<string, number>;
    for (const [nodeName, count] of perNode[i] ?? []) {
      const node = nodeByName(store, nodeName);
      if (!node) continue;
      if (requireAll && !hasAllTopologyKeys(node, constraints)) continue;
      if (!nodeIncluded(c, pod, node)) continue;
      const value = node.metadata?.labels?.[c.topologyKey] ?? '';
      const cur = dom.get(value);
      if (cur !== undefined) dom.set(value, cur + count);
    }
  });
  const raw: number[] = [];
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (const n of nodes) {
    if (ignored.has(n.name)) {
      raw.push(-1);
      continue;
    }
    let score = 0;
    const labels = n.node.metadata?.labels ?? {};
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i] as SpreadConstraint;
      const value = labels[c.topologyKey];
      if (value === undefined) continue;
      const cnt =
        c.topologyKey === HOSTNAME_LABEL ? (perNode[i]?.get(n.name) ?? 0) : (domains[i]?.get(value) ?? 0);
      score += cnt * (weights[i] ?? 0) + (c.maxSkew - 1);
    }
    const r = Math.round(score);
    raw.push(r);
    min = Math.min(min, r);
    max = Math.max(max, r);
  }
  const out: number[] = [];
  for (const r of raw) {
    if (r < 0) out.push(0);
    else out.push(max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - r)) / max));
  }
  return out;
}

// ---------------------------------------------------------------- InterPodAffinity (preferred, + existing pods' terms)

/** Σ weights of matching (anti-)affinity terms per topology pair, then each node sums its pairs. */
function interPodAffinity(store: Store, pod: Pod, nodes: readonly NodeInfo[]): number[] {
  const ns = pod.metadata?.namespace ?? 'default';
  const aff = pod.spec?.affinity;
  const topo = new Map<string, Map<string, number>>();
  const add = (node: Node | undefined, key: string, w: number): void => {
    const labels = node?.metadata?.labels;
    if (!labels || Object.keys(labels).length === 0) return;
    const v = labels[key];
    if (v === undefined) return;
    let m = topo.get(key);
    if (!m) topo.set(key, (m = new Map()));
    m.set(v, (m.get(v) ?? 0) + w);
  };
  // The incoming pod's preferred terms, against every existing pod they select.
  const incoming = (terms: readonly WeightedPodAffinityTerm[] | undefined, sign: number): void => {
    for (const wt of terms ?? []) {
      const t: AffinityTerm = affinityTerm(wt.podAffinityTerm, ns, store);
      for (const e of boundPodsMatching(store, t.namespaces, t.selector))
        add(nodeByName(store, e.spec?.nodeName), t.topologyKey, sign * wt.weight);
    }
  };
  incoming(aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution, 1);
  incoming(aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution, -1);
  // Existing pods' terms that select the incoming pod: required affinity (hardPodAffinityWeight 1), preferred ±.
  for (const e of podsWithAffinity(store)) {
    const ens = e.metadata?.namespace ?? 'default';
    const node = nodeByName(store, e.spec?.nodeName);
    const ea = e.spec?.affinity;
    for (const t of ea?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
      if (termMatches(affinityTerm(t, ens, store), pod)) add(node, t.topologyKey, 1);
    }
    for (const wt of ea?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
      if (termMatches(affinityTerm(wt.podAffinityTerm, ens, store), pod))
        add(node, wt.podAffinityTerm.topologyKey, wt.weight);
    }
    for (const wt of ea?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
      if (termMatches(affinityTerm(wt.podAffinityTerm, ens, store), pod))
        add(node, wt.podAffinityTerm.topologyKey, -wt.weight);
    }
  }
  if (topo.size === 0) return nodes.map(() => 0);
  const raw = nodes.map((n) => {
    let s = 0;
    const labels = n.node.metadata?.labels ?? {};
    for (const [key, values] of topo) {
      const v = labels[key];
      if (v !== undefined) s += values.get(v) ?? 0;
    }
    return s;
  });
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const s of raw) {
    min = Math.min(min, s);
    max = Math.max(max, s);
  }
  const diff = max - min;
  return raw.map((s) => (diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((s - min) / diff)) : 0));
}

// ---------------------------------------------------------------- all together

export interface NodeScore {
  readonly node: string;
  readonly total: number;
  /** Normalised 0..100 score of each plugin (before weighting). */
  readonly plugins: Readonly<Record<ScorePlugin, number>>;
}

/** Scores every feasible node with every plugin; the caller picks the highest total. */
export function scoreNodes(store: Store, pod: Pod, nodes: readonly NodeInfo[]): NodeScore[] {
  const req = requestsOf(pod);
  const bestEffort = (req.cpu ?? 0) === 0 && (req.memory ?? 0) === 0;
  const per: Record<ScorePlugin, number[]> = {
    TaintToleration: taintToleration(pod, nodes),
    NodeAffinity: nodeAffinity(pod, nodes),
    NodeResourcesFit: nodes.map((n) => leastAllocatedScore(pod, n)),
    PodTopologySpread: podTopologySpread(store, pod, nodes),
    InterPodAffinity: interPodAffinity(store, pod, nodes),
    NodeResourcesBalancedAllocation: bestEffort
      ? nodes.map(() => 0)
      : nodes.map((n) => balancedAllocationScore(pod, n)),
    ImageLocality: nodes.map(() => 0),
  };
  const out: NodeScore[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const scores: Record<ScorePlugin, number> = {
      TaintToleration: per.TaintToleration[i] ?? 0,
      NodeAffinity: per.NodeAffinity[i] ?? 0,
      NodeResourcesFit: per.NodeResourcesFit[i] ?? 0,
      PodTopologySpread: per.PodTopologySpread[i] ?? 0,
      InterPodAffinity: per.InterPodAffinity[i] ?? 0,
      NodeResourcesBalancedAllocation: per.NodeResourcesBalancedAllocation[i] ?? 0,
      ImageLocality: per.ImageLocality[i] ?? 0,
    };
    let total = 0;
    for (const p of PLUGINS) total += scores[p] * SCORE_WEIGHTS[p];
    out.push({ node: (nodes[i] as NodeInfo).name, total, plugins: scores });
  }
  return out;
}
