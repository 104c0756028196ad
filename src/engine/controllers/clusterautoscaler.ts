/**
 * Simulates the cluster-autoscaler add-on (kubernetes/autoscaler) over the node groups a scenario declares:
 * every 10 s (--scan-interval) pods Pending as Unschedulable that would fit on a new node of a group trigger a
 * scale-up (the machine boots and its Node registers 30-60 s later); group nodes under 50 % requested for 10 min
 * whose pods all fit elsewhere are drained and removed. Leaves out cloud quotas, balancing of similar groups,
 * the random expander (the group that helps most pods wins), PodDisruptionBudgets and the status ConfigMap.
 */
import { nodeObject } from './kubelet/register';
import type { NodeSpec } from './kubelet/register';
import { controllerOf, EPOCH_MS } from '../api/meta';
import type { ApiServer } from '../api/apiserver';
import type { Store } from '../api/store';
import type { Node, Pod, Taint } from '../api/types';
import { nodeAllocatable } from '../api/resources';
import type { Controller, ReconcileContext } from '../sim/controller';
import type { FilterCycle, FilterFailure } from './scheduler/filters';
import { preFilter, runFilters } from './scheduler/filters';
import type { NodeInfo, NodePods } from './scheduler/nodeinfo';
import { isTerminal, nodePods, nonZeroRequestsOf, podHostPorts, requestsOf } from './scheduler/nodeinfo';
import { SCHEDULER_NAME } from './scheduler';

export const CLUSTER_AUTOSCALER = 'cluster-autoscaler';
/** --scan-interval. */
export const SCAN_INTERVAL_SECONDS = 10;
/** --scale-down-unneeded-time and --scale-down-delay-after-add. */
export const SCALE_DOWN_UNNEEDED_SECONDS = 600;
export const SCALE_DOWN_DELAY_AFTER_ADD_SECONDS = 600;
/** --scale-down-utilization-threshold. */
export const SCALE_DOWN_UTILIZATION_THRESHOLD = 0.5;
/** --max-graceful-termination-sec. */
export const MAX_GRACEFUL_TERMINATION_SECONDS = 600;
/** How long a new machine takes from the cloud API call until its kubelet registers the Node. */
export const BOOT_SECONDS_MIN = 30;
export const BOOT_SECONDS_MAX = 60;
/** The taint a node gets while it is drained for removal. */
export const TO_BE_DELETED_TAINT = 'ToBeDeletedByClusterAutoscaler';
/** The label that ties a node to its group (clouds use their own, e.g. cloud.google.com/gke-nodepool). */
export const NODE_GROUP_LABEL = 'setpoint.dev/node-group';
/** How often a pod that no group can help is told so again (client-go's spam filter allows ~1 per 5 min). */
const NO_SCALE_UP_EVENT_SECONDS = 300;

export const CONFIG_KEY = 'cluster-autoscaler/config';
export const STATE_KEY = 'cluster-autoscaler/state';
const LOOP_KEY = 'loop';
const REGISTER_PREFIX = 'register/';

/** One node group: a template for its machines and its size bounds. */
export interface NodeGroupSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly capacity?: { readonly cpu?: string; readonly memory?: string; readonly pods?: string };
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: readonly Taint[];
}

/** The Scenario's `spec.autoscaler`. */
export interface AutoscalerSpec {
  readonly nodeGroups: readonly NodeGroupSpec[];
}

export interface UpcomingNode {
  readonly name: string;
  readonly group: string;
  /** Index for the node's podCIDR and address. */
  readonly index: number;
  readonly registerAt: number;
}

/** Runtime `cluster-autoscaler/state`: everything the real autoscaler keeps in memory. */
export interface AutoscalerState {
  readonly nextIndex: number;
  /** Per group, the number the next node's name gets. */
  readonly nextNumber: Readonly<Record<string, number>>;
  readonly upcoming: readonly UpcomingNode[];
  /** Node -> since when it has been unneeded. */
  readonly unneededSince: Readonly<Record<string, number>>;
  /** Node -> when its drain started. */
  readonly deleting: Readonly<Record<string, number>>;
  readonly lastScaleUp?: number | undefined;
  /** Pod key -> the last NotTriggerScaleUp message and when it was recorded. */
  readonly noScaleUp: Readonly<Record<string, { readonly message: string; readonly at: number }>>;
}

/** The node spec of a group's machine (what the template node and every new node look like). */
export function groupNodeSpec(group: NodeGroupSpec, name: string): NodeSpec {
  return {
    name,
    ...(group.capacity ? { capacity: group.capacity } : {}),
    labels: { ...group.labels, [NODE_GROUP_LABEL]: group.name },
    ...(group.taints?.length ? { taints: group.taints } : {}),
  };
}

export function groupNodeName(group: string, n: number): string {
  return `${group}-${n}`;
}

/** The initial runtime entries for a cluster whose first `firstIndex` nodes are already taken. */
export function initialAutoscalerState(spec: AutoscalerSpec, firstIndex: number): AutoscalerState {
  const nextNumber: Record<string, number> = {};
  let nextIndex = firstIndex;
  for (const g of spec.nodeGroups) {
    nextNumber[g.name] = g.min + 1;
    nextIndex += g.min;
  }
  return { nextIndex, nextNumber, upcoming: [], unneededSince: {}, deleting: {}, noScaleUp: {} };
}

export function autoscalerState(store: Store): AutoscalerState | undefined {
  return store.getRuntime<AutoscalerState>(STATE_KEY);
}

function groupsOf(store: Store): readonly NodeGroupSpec[] {
  return store.getRuntime<AutoscalerSpec>(CONFIG_KEY)?.nodeGroups ?? [];
}

const podKey = (p: Pod) => `${p.metadata?.namespace ?? 'default'}/${p.metadata?.name ?? ''}`;

function summarise(pods: readonly Pod[]): NodePods {
  const requested: Record<string, number> = {};
  let nonZeroCpu = 0;
  let nonZeroMemory = 0;
  const usedPorts = [];
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

/** A simulated node: a real or template Node with the pods placed on it so far in this loop. */
interface SimNode {
  readonly node: Node;
  readonly name: string;
  readonly base: readonly Pod[];
  readonly added: Pod[];
}

function infoOf(n: SimNode): NodeInfo {
  return { node: n.node, name: n.name, pods: summarise([...n.base, ...n.added]) };
}

/** The scheduler's filters (PreFilter computed once per pod) on a simulated node: undefined when it fits. */
function check(cycle: FilterCycle, n: SimNode): FilterFailure | undefined {
  return runFilters(cycle, infoOf(n));
}

function isUnschedulable(pod: Pod): boolean {
  if (pod.spec?.nodeName || pod.metadata?.deletionTimestamp || isTerminal(pod)) return false;
  const name = pod.spec?.schedulerName;
  if (name && name !== SCHEDULER_NAME) return false;
  const c = pod.status?.conditions?.find((x) => x.type === 'PodScheduled');
  return c?.status === 'False' && c.reason === 'Unschedulable';
}

function isReady(node: Node): boolean {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

function groupOfNode(node: Node): string | undefined {
  return node.metadata?.labels?.[NODE_GROUP_LABEL];
}

/** Nodes of a group that exist or are booting (the cloud's target size). */
function groupSize(store: Store, state: AutoscalerState, group: string): number {
  let n = state.upcoming.filter((u) => u.group === group).length;
  for (const node of store.list('Node')) if (groupOfNode(node) === group) n++;
  return n;
}

/** "1 Insufficient cpu, 2 max node group size reached": counts per reason, sorted as strings. */
function reasonsMessage(reasons: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts]
    .map(([r, n]) => `${n} ${r}`)
    .sort()
    .join(', ');
}

function setState(store: Store, next: AutoscalerState): void {
  store.setRuntime<AutoscalerState>(STATE_KEY, next);
}

// ---------------------------------------------------------------- scale-up

function scaleUp(ctx: ReconcileContext, state: AutoscalerState): AutoscalerState {
  const { store } = ctx;
  const pending = store.list('Pod').filter(isUnschedulable);
  let noScaleUp = { ...state.noScaleUp };
  // Forget pods that are no longer waiting.
  const waiting = new Set(pending.map(podKey));
  for (const k of Object.keys(noScaleUp)) if (!waiting.has(k)) delete noScaleUp[k];
  if (pending.length === 0) return { ...state, noScaleUp };

  const groups = groupsOf(store);
  const nodes = store.list('Node');
  // Pods that would fit on existing nodes (the scheduler will place them) or on booting ones need nothing.
  // A node that registered but is not Ready yet still counts: it is coming up.
  const existing: SimNode[] = nodes
    .filter((n) => !state.deleting[n.metadata?.name ?? ''] && !hasToBeDeletedTaint(n))
    .map((n) => ({
      node: n,
      name: n.metadata?.name ?? '',
      base: nodePods(store, n.metadata?.name ?? '').pods,
      added: [],
    }));
  const booting: SimNode[] = [];
  for (const u of state.upcoming) {
    const g = groups.find((x) => x.name === u.group);
    if (g)
      booting.push({
        node: nodeObject(groupNodeSpec(g, u.name), u.index),
        name: u.name,
        base: [],
        added: [],
      });
  }
  const remaining: Pod[] = [];
  const withBooting = [...nodes, ...booting.map((b) => b.node)];
  for (const pod of pending) {
    const cycle = preFilter(store, pod, withBooting);
    const home = [...existing, ...booting].find((n) => !check(cycle, n));
    if (home) home.added.push(pod);
    else remaining.push(pod);
  }
  if (remaining.length === 0) return { ...state, noScaleUp };

  // For each group: which pods a fresh node of it could take, and how many new nodes they need.
  const reasons = new Map<string, string[]>();
  interface Option {
    readonly group: NodeGroupSpec;
    readonly size: number;
    readonly nodes: number;
    readonly pods: Pod[];
  }
  const options: Option[] = [];
  for (const g of groups) {
    const size = groupSize(store, state, g.name);
    const template = nodeObject(groupNodeSpec(g, `template-node-for-${g.name}`), 0);
    const allNodes = [...nodes, template];
    const fits: Pod[] = [];
    const empty: SimNode = { node: template, name: template.metadata?.name ?? '', base: [], added: [] };
    for (const pod of remaining) {
      const f = size >= g.max ? undefined : check(preFilter(store, pod, allNodes), empty);
      const list = reasons.get(podKey(pod)) ?? [];
      if (size >= g.max) list.push('max node group size reached');
      else if (f) list.push(...f.reasons);
      else fits.push(pod);
      reasons.set(podKey(pod), list);
    }
    if (fits.length === 0) continue;
    // Binpacking estimator: first fit onto as many new nodes as needed, up to the group's max.
    const fresh: SimNode[] = [];
    const helped: Pod[] = [];
    for (const pod of fits) {
      const cycle = preFilter(store, pod, allNodes);
      let home = fresh.find((n) => !check(cycle, n));
      if (!home && size + fresh.length < g.max) {
        const name = groupNodeName(g.name, (state.nextNumber[g.name] ?? 1) + fresh.length);
        home = { node: nodeObject(groupNodeSpec(g, name), 0), name, base: [], added: [] };
        if (check(cycle, home)) continue;
        fresh.push(home);
      }
      if (!home) continue;
      home.added.push(pod);
      helped.push(pod);
    }
    if (fresh.length > 0) options.push({ group: g, size, nodes: fresh.length, pods: helped });
  }

  const best = [...options].sort((a, b) => b.pods.length - a.pods.length || a.nodes - b.nodes)[0];
  let next: AutoscalerState = { ...state, noScaleUp };
  if (best) {
    const g = best.group;
    let number = state.nextNumber[g.name] ?? 1;
    let index = state.nextIndex;
    const upcoming = [...state.upcoming];
    for (let i = 0; i < best.nodes; i++) {
      const name = groupNodeName(g.name, number++);
      const boot = BOOT_SECONDS_MIN + ctx.rng.int(BOOT_SECONDS_MAX - BOOT_SECONDS_MIN + 1);
      upcoming.push({ name, group: g.name, index: index++, registerAt: ctx.now + boot });
      ctx.requeueAfter(boot, REGISTER_PREFIX + name);
    }
    const message = `pod triggered scale-up: [{${g.name} ${best.size}->${best.size + best.nodes} (max: ${g.max})}]`;
    for (const pod of best.pods) {
      ctx.api.recordEvent(pod, 'Normal', 'TriggeredScaleUp', message, { component: CLUSTER_AUTOSCALER });
      delete noScaleUp[podKey(pod)];
    }
    next = {
      ...next,
      nextIndex: index,
      nextNumber: { ...state.nextNumber, [g.name]: number },
      upcoming,
      lastScaleUp: ctx.now,
      noScaleUp,
    };
  }
  // Pods that no group can help are told why (at most once per 5 minutes while the reason stays the same).
  const helpedKeys = new Set(options.flatMap((o) => o.pods.map(podKey)));
  for (const pod of remaining) {
    const k = podKey(pod);
    if (helpedKeys.has(k)) continue;
    const message = `pod didn't trigger scale-up: ${reasonsMessage(reasons.get(k) ?? [])}`;
    const prev = noScaleUp[k];
    if (prev && prev.message === message && ctx.now - prev.at < NO_SCALE_UP_EVENT_SECONDS) continue;
    ctx.api.recordEvent(pod, 'Normal', 'NotTriggerScaleUp', message, { component: CLUSTER_AUTOSCALER });
    noScaleUp = { ...noScaleUp, [k]: { message, at: ctx.now } };
  }
  return { ...next, noScaleUp };
}

function register(ctx: ReconcileContext, name: string): void {
  const state = autoscalerState(ctx.store);
  const u = state?.upcoming.find((x) => x.name === name);
  if (!state || !u) return;
  const g = groupsOf(ctx.store).find((x) => x.name === u.group);
  if (g && !ctx.store.get('Node', undefined, name)) {
    ctx.api.create('Node', nodeObject(groupNodeSpec(g, name), u.index));
  }
  setState(ctx.store, { ...state, upcoming: state.upcoming.filter((x) => x.name !== name) });
}

// ---------------------------------------------------------------- scale-down

/** Pods that go away with the node and need no new home (DaemonSet pods, finished pods). */
function staysWithNode(pod: Pod): boolean {
  return controllerOf(pod)?.kind === 'DaemonSet' || isTerminal(pod);
}

/** Why a pod keeps its node from being removed (the drain rules with default flags), or undefined. */
function blocksRemoval(pod: Pod): boolean {
  if (!controllerOf(pod)) return true; // not replicated: nothing would recreate it
  if (pod.metadata?.namespace === 'kube-system') return true; // --skip-nodes-with-system-pods
  return (pod.spec?.volumes ?? []).some((v) => v.emptyDir !== undefined || v.hostPath !== undefined);
}

/** max(cpu, memory) requested / allocatable: the utilisation scale-down compares with the threshold. */
export function nodeUtilization(store: Store, node: Node): number {
  const alloc = nodeAllocatable(node);
  const req = nodePods(store, node.metadata?.name ?? '').requested;
  const cpu = (alloc.cpu ?? 0) > 0 ? (req.cpu ?? 0) / (alloc.cpu ?? 1) : 0;
  const mem = (alloc.memory ?? 0) > 0 ? (req.memory ?? 0) / (alloc.memory ?? 1) : 0;
  return Math.max(cpu, mem);
}

function hasToBeDeletedTaint(node: Node): boolean {
  return (node.spec?.taints ?? []).some((t) => t.key === TO_BE_DELETED_TAINT);
}

/** Which group nodes are unneeded now: low utilisation and every pod has a home on the nodes that remain. */
function findUnneeded(store: Store, state: AutoscalerState): string[] {
  const nodes = store.list('Node');
  const groupNames = new Set(groupsOf(store).map((g) => g.name));
  const live: SimNode[] = nodes
    .filter((n) => isReady(n) && !n.spec?.unschedulable && !hasToBeDeletedTaint(n))
    .map((n) => ({
      node: n,
      name: n.metadata?.name ?? '',
      base: nodePods(store, n.metadata?.name ?? '').pods,
      added: [],
    }));
  const removed = new Set<string>();
  const out: string[] = [];
  for (const cand of live) {
    const group = groupOfNode(cand.node);
    if (!group || !groupNames.has(group) || state.deleting[cand.name]) continue;
    if (nodeUtilization(store, cand.node) >= SCALE_DOWN_UTILIZATION_THRESHOLD) continue;
    const moving = cand.base.filter((p) => !staysWithNode(p) && !p.metadata?.deletionTimestamp);
    if (moving.some(blocksRemoval)) continue;
    const placed: { to: SimNode; pod: Pod }[] = [];
    let ok = true;
    for (const bound of moving) {
      // The pod as a replacement would be: not yet bound to any node.
      const { nodeName: _bound, ...spec } = bound.spec ?? { containers: [] };
      const pod: Pod = { ...bound, spec };
      const cycle = preFilter(store, pod, nodes);
      const to = live.find((n) => n !== cand && !removed.has(n.name) && !check(cycle, n));
      if (!to) {
        ok = false;
        break;
      }
      to.added.push(pod);
      placed.push({ to, pod });
    }
    if (!ok) {
      for (const { to, pod } of placed) to.added.splice(to.added.indexOf(pod), 1);
      continue;
    }
    removed.add(cand.name);
    out.push(cand.name);
  }
  return out;
}

function startDrain(ctx: ReconcileContext, node: Node): void {
  const name = node.metadata?.name ?? '';
  const taint: Taint = {
    key: TO_BE_DELETED_TAINT,
    value: String(Math.floor(EPOCH_MS / 1000 + ctx.now)),
    effect: 'NoSchedule',
  };
  const marked = ctx.api.update('Node', {
    ...node,
    spec: { ...node.spec, taints: [...(node.spec?.taints ?? []), taint] },
  });
  const source = { component: CLUSTER_AUTOSCALER };
  ctx.api.recordEvent(marked, 'Normal', 'ScaleDown', 'marked the node as toBeDeleted/unschedulable', source);
  for (const pod of ctx.store.podsOnNode(name)) {
    if (staysWithNode(pod) || pod.metadata?.deletionTimestamp) continue;
    ctx.api.recordEvent(pod, 'Normal', 'ScaleDown', 'deleting pod for node scale down', source);
    const grace = Math.min(pod.spec?.terminationGracePeriodSeconds ?? 30, MAX_GRACEFUL_TERMINATION_SECONDS);
    ctx.api.delete('Pod', pod.metadata?.namespace, pod.metadata?.name ?? '', { gracePeriodSeconds: grace });
  }
}

/** A drained node whose pods are gone is deleted from the cloud, and its Node object with it. */
function finishDrains(ctx: ReconcileContext, state: AutoscalerState): AutoscalerState {
  const deleting = { ...state.deleting };
  for (const name of Object.keys(deleting).sort()) {
    const node = ctx.store.get('Node', undefined, name);
    const pods = ctx.store.podsOnNode(name);
    const since = deleting[name] ?? ctx.now;
    const busy = pods.some((p) => !staysWithNode(p));
    if (node && busy && ctx.now < since + MAX_GRACEFUL_TERMINATION_SECONDS + SCAN_INTERVAL_SECONDS) continue;
    // What is left (DaemonSet pods, finished pods) goes with the machine, as the pod GC would remove it.
    for (const p of pods)
      ctx.api.delete('Pod', p.metadata?.namespace, p.metadata?.name ?? '', { gracePeriodSeconds: 0 });
    if (node) ctx.api.delete('Node', undefined, name);
    delete deleting[name];
  }
  return { ...state, deleting };
}

/** Pods a drain would have to move (everything but DaemonSet pods, finished and terminating pods). */
function movers(store: Store, name: string): Pod[] {
  return store.podsOnNode(name).filter((p) => !staysWithNode(p) && !p.metadata?.deletionTimestamp);
}

/**
 * Remove nodes unneeded for 10 minutes, outside the cool-down after a scale-up: every empty one at once,
 * else one non-empty node per loop (--max-drain-parallelism 1), never below a group's minimum.
 */
function scaleDown(ctx: ReconcileContext, state: AutoscalerState): AutoscalerState {
  const { store, now } = ctx;
  const unneeded = findUnneeded(store, state);
  const since: Record<string, number> = {};
  for (const n of unneeded) since[n] = state.unneededSince[n] ?? now;
  const next: AutoscalerState = { ...state, unneededSince: since };
  const cooling =
    state.lastScaleUp !== undefined && now < state.lastScaleUp + SCALE_DOWN_DELAY_AFTER_ADD_SECONDS;
  if (cooling || Object.keys(state.deleting).length > 0) return next;
  const ripe = unneeded.filter((n) => now - (since[n] ?? now) >= SCALE_DOWN_UNNEEDED_SECONDS);
  const empty = ripe.filter((n) => movers(store, n).length === 0);
  const chosen = empty.length > 0 ? empty : ripe.slice(0, 1);
  const sizes = new Map<string, number>();
  const deleting = { ...state.deleting };
  const rest = { ...since };
  for (const name of chosen) {
    const node = store.get('Node', undefined, name);
    const group = node ? groupsOf(store).find((g) => g.name === groupOfNode(node)) : undefined;
    if (!node || !group) continue;
    const size = sizes.get(group.name) ?? groupSize(store, state, group.name);
    if (size - 1 < group.min) continue;
    sizes.set(group.name, size - 1);
    startDrain(ctx, node);
    delete rest[name];
    deleting[name] = now;
  }
  return { ...next, unneededSince: rest, deleting };
}

function loop(ctx: ReconcileContext): void {
  let state = autoscalerState(ctx.store);
  if (!state) return;
  state = finishDrains(ctx, state);
  state = scaleUp(ctx, state);
  state = scaleDown(ctx, state);
  if (JSON.stringify(state) !== JSON.stringify(autoscalerState(ctx.store))) setState(ctx.store, state);
}

export const clusterAutoscaler: Controller = {
  name: CLUSTER_AUTOSCALER,
  component: 'kube-controller-manager',
  watches: [],
  start(ctx) {
    if (groupsOf(ctx.store).length > 0) ctx.requeueAfter(SCAN_INTERVAL_SECONDS, LOOP_KEY);
  },
  reconcile(key, ctx) {
    if (key.startsWith(REGISTER_PREFIX)) {
      register(ctx, key.slice(REGISTER_PREFIX.length));
      return;
    }
    loop(ctx);
    ctx.requeueAfter(SCAN_INTERVAL_SECONDS, LOOP_KEY);
  },
};

/**
 * Cluster bootstrap for a scenario's `autoscaler`: record the groups in the runtime table and start each group
 * at its minimum size (nodes `<group>-1` ... `<group>-<min>`, indexes from `firstIndex`).
 */
export function registerNodeGroups(api: ApiServer, spec: AutoscalerSpec, firstIndex: number): void {
  const store = api.store;
  store.setRuntime<AutoscalerSpec>(CONFIG_KEY, spec);
  let index = firstIndex;
  for (const g of spec.nodeGroups) {
    for (let n = 1; n <= g.min; n++)
      api.create('Node', nodeObject(groupNodeSpec(g, groupNodeName(g.name, n)), index++));
  }
  setState(store, initialAutoscalerState(spec, firstIndex));
}
