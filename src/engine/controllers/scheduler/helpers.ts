/**
 * Matching rules the scheduler plugins share (k8s.io/component-helpers/scheduling/corev1 and the
 * scheduler's util package): node selector terms, tolerations, pod (anti-)affinity terms, and finding
 * pods by label selector through the store's label index. Leaves out the Gt/Lt toleration operators (alpha).
 */
import { selectorMatches } from '../../api/meta';
import { tolerates } from '../../api/taints';
import type { Store } from '../../api/store';
import type { LabelSelector, Node, Pod, Taint, Toleration } from '../../api/types';
import type { NodeSelectorRequirement, NodeSelectorTerm, PodAffinityTerm } from 'kubernetes-types/core/v1';
import { isTerminal } from './nodeinfo';

// ---------------------------------------------------------------- node selectors

function parseInt64(s: string | undefined): number | undefined {
  if (s === undefined || !/^[+-]?\d+$/.test(s)) return undefined;
  return Number(s);
}

/** One requirement against a map of values (node labels, or {metadata.name} for matchFields). */
export function requirementMatches(
  r: NodeSelectorRequirement,
  values: Readonly<Record<string, string>>,
): boolean {
  const has = Object.prototype.hasOwnProperty.call(values, r.key);
  const v = values[r.key];
  switch (r.operator) {
    case 'In':
      return has && (r.values ?? []).includes(v as string);
    case 'NotIn':
      return !has || !(r.values ?? []).includes(v as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || (r.values ?? []).length !== 1) return false;
      const want = parseInt64(r.values?.[0]);
      const got = parseInt64(v);
      if (want === undefined || got === undefined) return false;
      return r.operator === 'Gt' ? got > want : got < want;
    }
    default:
      return false;
  }
}

/** A node selector term: all its matchExpressions (labels) and matchFields (metadata.name). Empty matches nothing. */
export function nodeSelectorTermMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  for (const e of exprs) if (!requirementMatches(e, labels)) return false;
  const nodeFields = { 'metadata.name': node.metadata?.name ?? '' };
  for (const f of fields) if (f.key !== 'metadata.name' || !requirementMatches(f, nodeFields)) return false;
  return true;
}

/** pod.spec.nodeSelector and requiredDuringSchedulingIgnoredDuringExecution (terms ORed) both hold. */
export function podMatchesNodeSelectorAndAffinity(pod: Pod, node: Node): boolean {
  const sel = pod.spec?.nodeSelector;
  if (sel) {
    const labels = node.metadata?.labels ?? {};
    for (const k in sel) if (labels[k] !== sel[k]) return false;
  }
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) return required.nodeSelectorTerms.some((t) => nodeSelectorTermMatches(t, node));
  return true;
}

// ---------------------------------------------------------------- taints and tolerations

/** Whether any toleration tolerates the taint (the one matcher, shared with taint eviction). */
export const tolerated = tolerates;

/** The first NoSchedule / NoExecute taint of the node the pod does not tolerate. */
export function untoleratedHardTaint(
  node: Node,
  tolerations: readonly Toleration[] | undefined,
): Taint | undefined {
  for (const taint of node.spec?.taints ?? []) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerated(tolerations, taint)) return taint;
  }
  return undefined;
}

// ---------------------------------------------------------------- finding pods by selector

/** Namespaces a pod affinity term covers: its own list and namespaceSelector, else the pod's namespace. */
export interface TermNamespaces {
  readonly all: boolean;
  readonly names: ReadonlySet<string>;
}

export function termNamespaces(term: PodAffinityTerm, podNamespace: string, store: Store): TermNamespaces {
  const names = new Set(term.namespaces ?? []);
  const nsSel = term.namespaceSelector;
  if (nsSel) {
    const empty = !nsSel.matchLabels && !(nsSel.matchExpressions ?? []).length;
    if (empty) return { all: true, names };
    for (const ns of store.list('Namespace')) {
      if (selectorMatches(nsSel, ns.metadata?.labels)) names.add(ns.metadata?.name ?? '');
    }
  } else if (names.size === 0) names.add(podNamespace);
  return { all: false, names };
}

export function inNamespaces(ns: TermNamespaces, namespace: string | undefined): boolean {
  return ns.all || ns.names.has(namespace ?? '');
}

/**
 * Pods of `namespace` (every namespace when undefined) that the selector may match, found through the
 * label index: candidates only, callers still check the selector. A nil selector selects nothing.
 */
function candidates(store: Store, namespace: string | undefined, selector: LabelSelector): Iterable<Pod> {
  const namespaces =
    namespace !== undefined ? [namespace] : store.list('Namespace').map((n) => n.metadata?.name ?? '');
  const ml = selector.matchLabels;
  if (ml && Object.keys(ml).length > 0) return namespaces.flatMap((ns) => store.podsWithLabels(ns, ml));
  const inExpr = (selector.matchExpressions ?? []).find((e) => e.operator === 'In');
  if (inExpr) {
    const seen = new Set<Pod>();
    for (const ns of namespaces) {
      for (const v of inExpr.values ?? [])
        for (const p of store.podsWithLabels(ns, { [inExpr.key]: v })) seen.add(p);
    }
    return seen;
  }
  return namespace !== undefined ? store.list('Pod', namespace) : store.list('Pod');
}

/** Bound, unfinished pods in the given namespaces whose labels the selector matches. */
export function boundPodsMatching(
  store: Store,
  namespaces: TermNamespaces,
  selector: LabelSelector | undefined,
): Pod[] {
  if (!selector) return [];
  const out: Pod[] = [];
  const lists = namespaces.all
    ? [candidates(store, undefined, selector)]
    : [...namespaces.names].map((ns) => candidates(store, ns, selector));
  for (const list of lists) {
    for (const p of list) {
      if (!p.spec?.nodeName || isTerminal(p)) continue;
      if (!inNamespaces(namespaces, p.metadata?.namespace)) continue;
      if (selectorMatches(selector, p.metadata?.labels)) out.push(p);
    }
  }
  return out;
}

/** Whether `pod` matches a pod affinity term declared by a pod in `ownerNamespace`. */
export function podMatchesTerm(
  pod: Pod,
  namespaces: TermNamespaces,
  selector: LabelSelector | undefined,
): boolean {
  return inNamespaces(namespaces, pod.metadata?.namespace) && selectorMatches(selector, pod.metadata?.labels);
}

export function nodeByName(store: Store, name: string | undefined): Node | undefined {
  return name ? store.get('Node', undefined, name) : undefined;
}
