/**
 * The default profile's Filter plugins (pkg/scheduler/framework/plugins/*), run per node in the real order,
 * each with its exact failure reason and status code (Unschedulable or UnschedulableAndUnresolvable).
 * VolumeBinding only checks that every PersistentVolumeClaim exists and is bound (its PreFilter; volume
 * topology is not simulated); the other volume plugins, DRA and nominated pods (no preemption) are left out.
 */
import { selectorMatches } from '../../api/meta';
import type { Store } from '../../api/store';
import type { LabelSelector, Node, Pod } from '../../api/types';
import type { PodAffinityTerm, TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import type { ResourceAmounts } from '../../api/resources';
import {
  boundPodsMatching,
  nodeByName,
  podMatchesNodeSelectorAndAffinity,
  podMatchesTerm,
  termNamespaces,
  tolerated,
  untoleratedHardTaint,
} from './helpers';
import type { TermNamespaces } from './helpers';
import type { HostPort, NodeInfo } from './nodeinfo';
import { allocatableOf, podHostPorts, podsWithAffinity, requestsOf } from './nodeinfo';

export const REASON = {
  unschedulable: 'node(s) were unschedulable',
  nodeName: "node(s) didn't match the requested node name",
  taint: 'node(s) had untolerated taint(s)',
  nodeAffinity: "node(s) didn't match Pod's node affinity/selector",
  nodePorts: "node(s) didn't have free ports for the requested pod ports",
  tooManyPods: 'Too many pods',
  spread: "node(s) didn't match pod topology spread constraints",
  spreadMissingLabel: "node(s) didn't match pod topology spread constraints (missing required label)",
  affinity: "node(s) didn't match pod affinity rules",
  antiAffinity: "node(s) didn't match pod anti-affinity rules",
  existingAntiAffinity: "node(s) didn't satisfy existing pods anti-affinity rules",
} as const;

export function insufficient(resource: string): string {
  return `Insufficient ${resource}`;
}

/** A node's failed filter: the plugin, its reasons, and whether preemption could ever help. */
export interface FilterFailure {
  readonly plugin: string;
  readonly reasons: readonly string[];
  readonly unresolvable: boolean;
  /** Set when a PreFilter rejected the pod for every node (the message then names it once, not per node). */
  readonly preFilter?: true;
}

// ---------------------------------------------------------------- VolumeBinding (PreFilter)

export const UNBOUND_IMMEDIATE_CLAIMS = 'pod has unbound immediate PersistentVolumeClaims';

/**
 * VolumeBinding's PreFilter: a claim the pod names must exist, not be being deleted, and (every class here
 * binds Immediately) already be bound; otherwise no node can take the pod.
 */
export function volumeBindingPreFilter(store: Store, pod: Pod): FilterFailure | undefined {
  const ns = pod.metadata?.namespace ?? 'default';
  let unbound = false;
  for (const v of pod.spec?.volumes ?? []) {
    const claimName = v.persistentVolumeClaim?.claimName;
    if (claimName === undefined) continue;
    const pvc = store.get('PersistentVolumeClaim', ns, claimName);
    const reason = !pvc
      ? `persistentvolumeclaim "${claimName}" not found`
      : pvc.metadata?.deletionTimestamp
        ? `persistentvolumeclaim "${claimName}" is being deleted`
        : undefined;
    if (reason) return { plugin: 'VolumeBinding', reasons: [reason], unresolvable: true, preFilter: true };
    if (pvc?.status?.phase !== 'Bound' || !pvc.spec?.volumeName) unbound = true;
  }
  return unbound
    ? { plugin: 'VolumeBinding', reasons: [UNBOUND_IMMEDIATE_CLAIMS], unresolvable: true, preFilter: true }
    : undefined;
}

// ---------------------------------------------------------------- PodTopologySpread (hard constraints)

export interface SpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: LabelSelector | undefined;
  readonly minDomains: number;
  readonly honorNodeAffinity: boolean;
  readonly honorNodeTaints: boolean;
}

/** The pod's constraints with `whenUnsatisfiable` = action, matchLabelKeys merged into the selector. */
export function spreadConstraints(pod: Pod, action: 'DoNotSchedule' | 'ScheduleAnyway'): SpreadConstraint[] {
  const out: SpreadConstraint[] = [];
  const labels = pod.metadata?.labels ?? {};
  for (const c of pod.spec?.topologySpreadConstraints ?? []) {
    if (c.whenUnsatisfiable !== action) continue;
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector: mergeMatchLabelKeys(c, labels),
      minDomains: c.minDomains ?? 1,
      honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
      honorNodeTaints: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
    });
  }
  return out;
}

function mergeMatchLabelKeys(
  c: TopologySpreadConstraint,
  podLabels: Readonly<Record<string, string>>,
): LabelSelector | undefined {
  const extra: Record<string, string> = {};
  for (const k of c.matchLabelKeys ?? []) {
    const v = podLabels[k];
    if (v !== undefined) extra[k] = v;
  }
  if (Object.keys(extra).length === 0) return c.labelSelector;
  return { ...c.labelSelector, matchLabels: { ...c.labelSelector?.matchLabels, ...extra } };
}

/** Node inclusion policies: which nodes' pods count toward a constraint. */
export function nodeIncluded(c: SpreadConstraint, pod: Pod, node: Node): boolean {
  if (c.honorNodeAffinity && !podMatchesNodeSelectorAndAffinity(pod, node)) return false;
  if (c.honorNodeTaints && untoleratedHardTaint(node, pod.spec?.tolerations)) return false;
  return true;
}

export function hasAllTopologyKeys(node: Node, constraints: readonly { topologyKey: string }[]): boolean {
  const labels = node.metadata?.labels ?? {};
  return constraints.every((c) => Object.prototype.hasOwnProperty.call(labels, c.topologyKey));
}

/** Per node name, how many bound, non-terminating pods of `namespace` the selector matches. */
export function matchingCountsByNode(
  store: Store,
  namespace: string,
  selector: LabelSelector | undefined,
): Map<string, number> {
  const out = new Map<string, number>();
  if (!selector) return out;
  const ns: TermNamespaces = { all: false, names: new Set([namespace]) };
  for (const p of boundPodsMatching(store, ns, selector)) {
    if (p.metadata?.deletionTimestamp) continue; // terminating pods are not counted (#87621)
    const n = p.spec?.nodeName ?? '';
    out.set(n, (out.get(n) ?? 0) + 1);
  }
  return out;
}

interface SpreadFilterState {
  readonly constraints: readonly SpreadConstraint[];
  /** Per constraint: topology value -> matching pods in that domain (eligible domains only). */
  readonly counts: readonly Map<string, number>[];
  readonly minMatch: readonly number[];
}

function spreadPreFilter(store: Store, pod: Pod, nodes: readonly Node[]): SpreadFilterState | undefined {
  const constraints = spreadConstraints(pod, 'DoNotSchedule');
  if (constraints.length === 0) return undefined;
  const namespace = pod.metadata?.namespace ?? 'default';
  const perNode = constraints.map((c) => matchingCountsByNode(store, namespace, c.selector));
  const counts = constraints.map(() => new Map<string, number>());
  for (const node of nodes) {
    if (!hasAllTopologyKeys(node, constraints)) continue;
    const name = node.metadata?.name ?? '';
    constraints.forEach((c, i) => {
      if (!nodeIncluded(c, pod, node)) return;
      const value = node.metadata?.labels?.[c.topologyKey] ?? '';
      const m = counts[i] as Map<string, number>;
      m.set(value, (m.get(value) ?? 0) + (perNode[i]?.get(name) ?? 0));
    });
  }
  const minMatch = counts.map((m, i) => {
    if (m.size < (constraints[i]?.minDomains ?? 1)) return 0;
    let min = Number.MAX_SAFE_INTEGER;
    for (const v of m.values()) min = Math.min(min, v);
    return min;
  });
  return { constraints, counts, minMatch };
}

function spreadFilter(s: SpreadFilterState, pod: Pod, node: Node): FilterFailure | undefined {
  const labels = node.metadata?.labels ?? {};
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i] as SpreadConstraint;
    if (!Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) {
      return { plugin: 'PodTopologySpread', reasons: [REASON.spreadMissingLabel], unresolvable: true };
    }
    const self = selectorMatches(c.selector, pod.metadata?.labels) ? 1 : 0;
    const matchNum = s.counts[i]?.get(labels[c.topologyKey] as string) ?? 0;
    if (matchNum + self - (s.minMatch[i] ?? 0) > c.maxSkew) {
      return { plugin: 'PodTopologySpread', reasons: [REASON.spread], unresolvable: false };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- InterPodAffinity (required terms)

export interface AffinityTerm {
  readonly namespaces: TermNamespaces;
  readonly selector: LabelSelector | undefined;
  readonly topologyKey: string;
}

export function affinityTerm(t: PodAffinityTerm, podNamespace: string, store: Store): AffinityTerm {
  return {
    namespaces: termNamespaces(t, podNamespace, store),
    selector: t.labelSelector,
    topologyKey: t.topologyKey,
  };
}

export function termMatches(term: AffinityTerm, pod: Pod): boolean {
  return podMatchesTerm(pod, term.namespaces, term.selector);
}

type PairCounts = Map<string, number>;

function pairKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

function bump(m: PairCounts, node: Node | undefined, topologyKey: string): void {
  const v = node?.metadata?.labels?.[topologyKey];
  if (v === undefined) return;
  const k = pairKey(topologyKey, v);
  m.set(k, (m.get(k) ?? 0) + 1);
}

interface AffinityFilterState {
  readonly affinityTerms: readonly AffinityTerm[];
  readonly antiAffinityTerms: readonly AffinityTerm[];
  readonly affinityCounts: PairCounts;
  readonly antiAffinityCounts: PairCounts;
  readonly existingAntiAffinity: PairCounts;
  readonly selfMatchesAll: boolean;
}

function affinityPreFilter(store: Store, pod: Pod): AffinityFilterState {
  const ns = pod.metadata?.namespace ?? 'default';
  const aff = pod.spec?.affinity;
  const affinityTerms = (aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
    affinityTerm(t, ns, store),
  );
  const antiAffinityTerms = (aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map(
    (t) => affinityTerm(t, ns, store),
  );
  // Existing pods whose required anti-affinity matches the incoming pod.
  const existingAntiAffinity: PairCounts = new Map();
  for (const e of podsWithAffinity(store)) {
    const terms = e.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
    if (terms.length === 0) continue;
    const node = nodeByName(store, e.spec?.nodeName);
    for (const t of terms) {
      if (termMatches(affinityTerm(t, e.metadata?.namespace ?? 'default', store), pod))
        bump(existingAntiAffinity, node, t.topologyKey);
    }
  }
  // Existing pods matching the incoming pod's terms (affinity: all terms at once; anti-affinity: any term).
  const affinityCounts: PairCounts = new Map();
  const first = affinityTerms[0];
  if (first) {
    for (const p of boundPodsMatching(store, first.namespaces, first.selector)) {
      if (!affinityTerms.every((t) => termMatches(t, p))) continue;
      const node = nodeByName(store, p.spec?.nodeName);
      for (const t of affinityTerms) bump(affinityCounts, node, t.topologyKey);
    }
  }
  const antiAffinityCounts: PairCounts = new Map();
  for (const t of antiAffinityTerms) {
    for (const p of boundPodsMatching(store, t.namespaces, t.selector))
      bump(antiAffinityCounts, nodeByName(store, p.spec?.nodeName), t.topologyKey);
  }
  const selfMatchesAll = affinityTerms.length > 0 && affinityTerms.every((t) => termMatches(t, pod));
  return {
    affinityTerms,
    antiAffinityTerms,
    affinityCounts,
    antiAffinityCounts,
    existingAntiAffinity,
    selfMatchesAll,
  };
}

function affinityFilter(s: AffinityFilterState, node: Node): FilterFailure | undefined {
  if (!s.affinityTerms.length && !s.antiAffinityTerms.length && !s.existingAntiAffinity.size)
    return undefined;
  const labels = node.metadata?.labels ?? {};
  let podsExist = true;
  let missingKey = false;
  for (const t of s.affinityTerms) {
    const v = labels[t.topologyKey];
    if (v === undefined) {
      missingKey = true;
      break;
    }
    if ((s.affinityCounts.get(pairKey(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
  }
  // The first pod of a group with affinity to itself may go anywhere that has the topology labels.
  const affinityOk = !missingKey && (podsExist || (s.affinityCounts.size === 0 && s.selfMatchesAll));
  if (!affinityOk) return { plugin: 'InterPodAffinity', reasons: [REASON.affinity], unresolvable: true };
  for (const t of s.antiAffinityTerms) {
    const v = labels[t.topologyKey];
    if (v !== undefined && (s.antiAffinityCounts.get(pairKey(t.topologyKey, v)) ?? 0) > 0) {
      return { plugin: 'InterPodAffinity', reasons: [REASON.antiAffinity], unresolvable: false };
    }
  }
  if (s.existingAntiAffinity.size)
    for (const k in labels) {
      if ((s.existingAntiAffinity.get(pairKey(k, labels[k] as string)) ?? 0) > 0) {
        return { plugin: 'InterPodAffinity', reasons: [REASON.existingAntiAffinity], unresolvable: false };
      }
    }
  return undefined;
}

// ---------------------------------------------------------------- the cycle

/** What PreFilter computes once per scheduling attempt. */
export interface FilterCycle {
  readonly pod: Pod;
  readonly requests: ResourceAmounts;
  readonly hostPorts: readonly HostPort[];
  readonly spread: SpreadFilterState | undefined;
  readonly affinity: AffinityFilterState;
  /** VolumeBinding's PreFilter verdict, which then stands for every node. */
  readonly volumes?: FilterFailure;
}

export function preFilter(store: Store, pod: Pod, nodes: readonly Node[]): FilterCycle {
  return {
    pod,
    requests: requestsOf(pod),
    hostPorts: podHostPorts(pod),
    spread: spreadPreFilter(store, pod, nodes),
    affinity: affinityPreFilter(store, pod),
    ...withVolumes(volumeBindingPreFilter(store, pod)),
  };
}

function withVolumes(f: FilterFailure | undefined): { volumes?: FilterFailure } {
  return f ? { volumes: f } : {};
}

const NATIVE = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods', 'storage']);

/** Appends "Insufficient <r>" when the pod's request of r does not fit; returns whether it never could. */
function short(
  r: string,
  want: number,
  alloc: ResourceAmounts,
  used: ResourceAmounts,
  reasons: string[],
): boolean {
  if (want <= 0) return false;
  const have = alloc[r] ?? 0;
  if (want <= have - (used[r] ?? 0)) return false;
  reasons.push(insufficient(r));
  return want > have;
}

/** NodeResourcesFit: every short resource gives its own reason. */
export function resourcesFit(requests: ResourceAmounts, info: NodeInfo): FilterFailure | undefined {
  const alloc = allocatableOf(info.node);
  const used = info.pods.requested;
  const out: string[] = [];
  if (info.pods.pods.length + 1 > (alloc.pods ?? 0)) out.push(REASON.tooManyPods);
  let unresolvable = false;
  unresolvable = short('cpu', requests.cpu ?? 0, alloc, used, out) || unresolvable;
  unresolvable = short('memory', requests.memory ?? 0, alloc, used, out) || unresolvable;
  unresolvable =
    short('ephemeral-storage', requests['ephemeral-storage'] ?? 0, alloc, used, out) || unresolvable;
  for (const k in requests) {
    if (!NATIVE.has(k)) unresolvable = short(k, requests[k] ?? 0, alloc, used, out) || unresolvable;
  }
  return out.length ? { plugin: 'NodeResourcesFit', reasons: out, unresolvable } : undefined;
}

function portsConflict(wanted: readonly HostPort[], used: readonly HostPort[]): boolean {
  for (const w of wanted) {
    for (const u of used) {
      if (w.port !== u.port || w.protocol !== u.protocol) continue;
      if (w.ip === '0.0.0.0' || u.ip === '0.0.0.0' || w.ip === u.ip) return true;
    }
  }
  return false;
}

/** Runs the filters in the default profile's order; the first failure is the node's verdict. */
export function runFilters(cycle: FilterCycle, info: NodeInfo): FilterFailure | undefined {
  const { pod } = cycle;
  if (cycle.volumes) return cycle.volumes;
  const node = info.node;
  const tolerations = pod.spec?.tolerations;
  if (
    node.spec?.unschedulable &&
    !tolerated(tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })
  ) {
    return { plugin: 'NodeUnschedulable', reasons: [REASON.unschedulable], unresolvable: true };
  }
  if (pod.spec?.nodeName && pod.spec.nodeName !== info.name) {
    return { plugin: 'NodeName', reasons: [REASON.nodeName], unresolvable: true };
  }
  if (untoleratedHardTaint(node, tolerations))
    return { plugin: 'TaintToleration', reasons: [REASON.taint], unresolvable: true };
  if (!podMatchesNodeSelectorAndAffinity(pod, node))
    return { plugin: 'NodeAffinity', reasons: [REASON.nodeAffinity], unresolvable: true };
  if (cycle.hostPorts.length && portsConflict(cycle.hostPorts, info.pods.usedPorts)) {
    return { plugin: 'NodePorts', reasons: [REASON.nodePorts], unresolvable: false };
  }
  const fit = resourcesFit(cycle.requests, info);
  if (fit) return fit;
  if (cycle.spread) {
    const f = spreadFilter(cycle.spread, pod, node);
    if (f) return f;
  }
  return affinityFilter(cycle.affinity, node);
}
