/**
 * The one pure function from the cluster mirror to @xyflow/react nodes and edges. Positions depend only
 * on the cluster's shape (which nodes, workloads and Services exist, and how many pods a node holds in
 * coarse steps), never on pod status, so the picture stays still while the loop works. Between updates,
 * every node or edge whose content did not change is the very same object as before, so React Flow and
 * the memoised node components skip it.
 */
import type { Edge, Node } from '@xyflow/react';
import { MarkerType } from '@xyflow/react';
import type { ClusterMirror } from '../../state/mirror';
import type {
  Activity,
  EndpointView,
  Gap,
  Ghost,
  PodFacts,
  NodeConditionWord,
  PartId,
  PodView,
  ReplicaSetView,
  TrafficView,
  Usage,
} from './model';
import {
  ACTIVE_SECONDS,
  CONTROLLERS,
  compareNames,
  deploymentGap,
  deriveActivity,
  endpointsOf,
  isMachineDown,
  keyOfObject,
  NEUTRAL_COLOUR,
  nodeCondition,
  nodeLabel,
  podLabel,
  podTone,
  REPLACEMENT_WINDOW,
  replicaSetView,
  restartCountdown,
  revisionColour,
  shortPodName,
  trafficOf,
  usageOf,
  ZONE_LABEL,
} from './model';
import type { MirrorIndex } from './mirrorIndex';
import { indexMirror } from './mirrorIndex';
import { graphStrings as S } from '../../strings';

// ---------------------------------------------------------------------------------------------------------
// Node data, one type per custom node

export type ControlPlaneData = {
  readonly parts: readonly { readonly id: PartId; readonly active: boolean }[];
  readonly selected: string | null;
};

export type QueueData = {
  readonly pods: readonly PodView[] | null;
  readonly aggregate: string | null;
  readonly count: number;
  readonly selectedPod: string | null;
  readonly label: string;
};

export type WorkerData = {
  readonly key: string;
  readonly name: string;
  readonly condition: NodeConditionWord;
  readonly down: boolean;
  readonly zone: string | null;
  readonly taints: readonly string[];
  readonly cordoned: boolean;
  readonly cpu: Usage;
  readonly memory: Usage;
  readonly podCount: number;
  /** Pod boxes, or null when the node shows an aggregate instead. */
  readonly pods: readonly PodView[] | null;
  readonly aggregate: string | null;
  /** With an aggregate: the pods by look, for a stacked bar. */
  readonly tally: Tally | null;
  /** A big cluster's narrower card (counts only). */
  readonly compact: boolean;
  readonly kubeletActive: boolean;
  readonly selected: boolean;
  readonly selectedPod: string | null;
  readonly label: string;
};

export type WorkloadData = {
  readonly key: string;
  readonly kind: 'Deployment' | 'StatefulSet' | 'ReplicaSet';
  readonly name: string;
  readonly desired: number;
  readonly ready: number;
  readonly updated: number | null;
  readonly available: number;
  readonly gap: Gap;
  readonly revision: number | null;
  readonly colour: string;
  readonly replicaSets: readonly ReplicaSetView[];
  readonly selected: string | null;
};

export type HpaData = {
  readonly key: string;
  readonly name: string;
  readonly target: string;
  readonly min: number;
  readonly max: number;
  readonly current: number;
  readonly desired: number;
  readonly utilization: number | null;
  readonly targetUtilization: number | null;
  readonly selected: boolean;
};

export type ServiceData = {
  readonly key: string;
  readonly name: string;
  readonly endpoints: readonly EndpointView[];
  readonly traffic: TrafficView | null;
  readonly selected: boolean;
};

export type ControlPlaneNode = Node<ControlPlaneData, 'controlPlane'>;
export type QueueNode = Node<QueueData, 'queue'>;
export type WorkerNode = Node<WorkerData, 'worker'>;
export type WorkloadNode = Node<WorkloadData, 'workload'>;
export type HpaNode = Node<HpaData, 'hpa'>;
export type ServiceNode = Node<ServiceData, 'service'>;
/** Every node the graph draws, as a union discriminated by `type`. */
export type GraphNode = ControlPlaneNode | QueueNode | WorkerNode | WorkloadNode | HpaNode | ServiceNode;

export type TrafficEdgeData = {
  readonly requestsPerSecond: number;
  readonly failing: boolean;
};
export type OwnerEdge = Edge<{ readonly count: number }, 'owner'>;
export type TrafficEdge = Edge<TrafficEdgeData, 'traffic'>;
export type ReplacementEdge = Edge<{ readonly label: string }, 'replacement'>;
export type GraphEdge = OwnerEdge | TrafficEdge | ReplacementEdge;

export interface FlowResult {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** Whether owner links are drawn (asked for, or by default only in a small cluster). */
  readonly ownerEdges: boolean;
}

export interface FlowOptions {
  /** Store key of the selected thing ("Pod/default/web-1", "Node/node-1", "Deployment/default/web"). */
  readonly selected?: string | null | undefined;
  /**
   * Draw ReplicaSet -> node and HPA -> Deployment links. Default: only in a small cluster (in a big one they
   * would be hundreds of crossing lines, and too many to draw smoothly).
   */
  readonly showOwnerEdges?: boolean | undefined;
  /** Past this many pods a node (or the queue) shows counts instead of boxes. */
  readonly aggregateAbove?: number | undefined;
  /** Recently gone pods (see trackGhosts). */
  readonly ghosts?: readonly Ghost[] | undefined;
  /** Controller name -> last simulated time it acted (from the shell, when it tracks diff actors). */
  readonly activity?: ReadonlyMap<string, number> | undefined;
  /** The previous result: unchanged nodes and edges are reused from it. */
  readonly previous?: FlowResult | undefined;
  /** The caller's index of earlier mirrors of the same line, brought up to date from what changed. */
  readonly index?: MirrorIndex | undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Layout constants (flow coordinates)

export const LAYOUT = {
  columnW: 250,
  gap: 22,
  nodesX: 296,
  nodeW: 300,
  /** A node's width in a big cluster, where it shows counts instead of boxes. */
  compactNodeW: 236,
  nodeHeader: 94,
  taintsRowH: 22,
  chipH: 56,
  chipGap: 6,
  chipsPerRow: 2,
  controlPlaneH: 118,
  nodesY: 150,
  queueHeader: 44,
  workloadHeader: 112,
  rsRowH: 30,
  hpaH: 92,
  serviceW: 300,
  serviceHeader: 86,
  endpointRowH: 28,
  aggregateH: 84,
} as const;

export const DEFAULT_AGGREGATE_ABOVE = 24;
/** Past this many nodes or pods every node shows counts (unless aggregateAbove is given). */
export const BIG_CLUSTER_NODES = 12;
export const BIG_CLUSTER_PODS = 300;
const MAX_ENDPOINT_ROWS = 5;

function chipRows(n: number): number {
  const rows = Math.ceil(Math.max(n, 1) / LAYOUT.chipsPerRow);
  // Grow in steps of two rows, so that one more pod rarely moves anything.
  return Math.max(2, Math.ceil(rows / 2) * 2);
}

function podsAreaH(n: number, aggregated: boolean): number {
  if (aggregated) return LAYOUT.aggregateH;
  return chipRows(n) * (LAYOUT.chipH + LAYOUT.chipGap) + LAYOUT.chipGap;
}

function gridColumns(n: number): number {
  if (n <= 3) return Math.max(n, 1);
  if (n === 4) return 2;
  return Math.ceil(Math.sqrt(n * 1.5));
}

// ---------------------------------------------------------------------------------------------------------
// Structural equality, to reuse unchanged objects

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

function reuse<T extends { readonly id: string }>(next: T[], prev: readonly T[] | undefined): readonly T[] {
  if (!prev) return next;
  const byId = new Map<string, T>();
  for (const p of prev) byId.set(p.id, p);
  let same = next.length === prev.length;
  const out = next.map((n, i) => {
    const p = byId.get(n.id);
    const r = p !== undefined && deepEqual(p, n) ? p : n;
    if (r !== prev[i]) same = false;
    return r;
  });
  return same ? prev : out;
}

// ---------------------------------------------------------------------------------------------------------
// The function

/** Cluster mirror -> flow nodes and edges (pure). */
export function toFlow(mirror: ClusterMirror, options: FlowOptions = {}): FlowResult {
  const selected = options.selected ?? null;
  const ghosts = options.ghosts ?? [];
  const idx = options.index ? options.index.read(mirror) : indexMirror(mirror);
  // A big cluster is shown in counts: boxes would be too small to read, and too many to draw smoothly.
  const big = idx.nodes.length > BIG_CLUSTER_NODES || idx.pods.length > BIG_CLUSTER_PODS;
  const aggregateAbove = options.aggregateAbove ?? (big ? 0 : DEFAULT_AGGREGATE_ABOVE);
  const ownerEdges = options.showOwnerEdges ?? !big;
  const activity: Activity = deriveActivity(mirror, idx.events, options.activity, idx.schedulerAttempts);
  const since = mirror.t - ACTIVE_SECONDS;

  // Owner colours: each ReplicaSet by its Deployment and revision; StatefulSet pods by their set.
  const colourOf = new Map<string, string>();
  const rsByDeployment = new Map<string, ReplicaSetView[]>();
  for (const rs of idx.replicaSets) {
    const owner = rs.metadata?.ownerReferences?.find((o) => o.controller);
    const workload = owner ? owner.name : (rs.metadata?.name ?? '');
    const view = replicaSetView(rs, workload, false);
    colourOf.set(view.key, view.colour);
    if (owner?.kind === 'Deployment') {
      const dk = `Deployment/${rs.metadata?.namespace ?? 'default'}/${owner.name}`;
      const list = rsByDeployment.get(dk) ?? [];
      list.push(view);
      rsByDeployment.set(dk, list);
    }
  }
  for (const ss of idx.statefulSets)
    colourOf.set(keyOfObject(ss), revisionColour(ss.metadata?.name ?? '', 1));

  // Pods, with the replacement links between departed pods and the new pods of the same owner.
  interface Departure {
    readonly name: string;
    readonly node: string | null;
    readonly ownerKey: string;
    readonly at: number;
  }
  const departures: Departure[] = [];
  const views = new Map<string, { view: PodView; node: string | null; createdAt: number }>();
  const candidates = new Map<string, { name: string; createdAt: number }[]>();
  const requested = new Map<string, { cpu: number; memory: number }>();
  for (const f of idx.pods) {
    if (f.node) {
      const r = requested.get(f.node);
      if (r) {
        r.cpu += f.cpu;
        r.memory += f.memory;
      } else requested.set(f.node, { cpu: f.cpu, memory: f.memory });
    }
    const view = podView(mirror, f, colourOf);
    views.set(f.key, { view, node: f.node, createdAt: f.createdAt });
    const ownerKey = f.ownerKey;
    if (!ownerKey) continue;
    if (f.departingAt !== null) {
      departures.push({ name: f.name, node: f.node, ownerKey, at: f.departingAt });
    } else {
      const list = candidates.get(ownerKey);
      if (list) list.push({ name: f.name, createdAt: f.createdAt });
      else candidates.set(ownerKey, [{ name: f.name, createdAt: f.createdAt }]);
    }
  }
  for (const g of ghosts) {
    if (g.ownerKey) departures.push({ name: g.name, node: g.node, ownerKey: g.ownerKey, at: g.departedAt });
  }
  departures.sort((a, b) => a.at - b.at || compareNames(a.name, b.name));
  const sorted = new Set<string>();
  const replacementLinks: { from: string | null; to: string | null; name: string; newName: string }[] = [];
  const taken = new Set<string>();
  for (const d of departures) {
    const list = candidates.get(d.ownerKey);
    if (!list) continue;
    if (!sorted.has(d.ownerKey)) {
      // Once per owner, and only for owners that lost a pod.
      list.sort((a, b) => a.createdAt - b.createdAt || compareNames(a.name, b.name));
      sorted.add(d.ownerKey);
    }
    const c = list.find(
      (x) => !taken.has(x.name) && x.createdAt >= d.at - 0.001 && x.createdAt - d.at <= REPLACEMENT_WINDOW,
    );
    if (!c) continue;
    taken.add(c.name);
    const ns = d.ownerKey.split('/')[1] ?? 'default';
    const entry = views.get(`Pod/${ns}/${c.name}`);
    if (!entry) continue;
    entry.view = { ...entry.view, replaces: d.name };
    replacementLinks.push({ from: d.node, to: entry.node, name: d.name, newName: c.name });
  }

  // Group pods (and ghosts) by node; unscheduled pods go to the scheduling queue.
  const byNode = new Map<string, { view: PodView; createdAt: number }[]>();
  const queue: { view: PodView; createdAt: number }[] = [];
  for (const { view, node, createdAt } of views.values()) {
    if (node === null) queue.push({ view, createdAt });
    else {
      const list = byNode.get(node) ?? [];
      list.push({ view, createdAt });
      byNode.set(node, list);
    }
  }
  for (const g of ghosts) {
    if (views.has(`Pod/${g.namespace}/${g.name}`) || g.node === null) continue;
    const list = byNode.get(g.node) ?? [];
    list.push({ view: ghostView(g), createdAt: g.createdAt });
    byNode.set(g.node, list);
  }
  // Plain string order for pod names (their suffixes are random; natural order buys nothing here).
  const order = (a: { view: PodView; createdAt: number }, b: { view: PodView; createdAt: number }) =>
    a.createdAt - b.createdAt || (a.view.name < b.view.name ? -1 : a.view.name > b.view.name ? 1 : 0);

  const workers: GraphNode[] = [];
  const nodes: GraphNode[] = [];
  const services: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const selectedPodName = selected?.startsWith('Pod/') ? selected : null;

  // Worker node grid.
  const cols = gridColumns(idx.nodes.length);
  const nodeW = big ? LAYOUT.compactNodeW : LAYOUT.nodeW;
  const workerData: WorkerData[] = idx.nodes.map((n) => {
    const name = n.metadata?.name ?? '';
    const list = (byNode.get(name) ?? []).sort(order);
    const real = list.filter((p) => !p.view.ghost);
    const podsOnNode = real.map((p) => p.view);
    const aggregated = real.length > aggregateAbove;
    const condition = nodeCondition(n);
    const down = isMachineDown(mirror, name);
    const cordoned = n.spec?.unschedulable === true;
    const r = requested.get(name);
    const usage = usageOf(n, r?.cpu ?? 0, r?.memory ?? 0);
    const kubeletAt = activity.kubelets.get(name);
    return {
      key: `Node/${name}`,
      name,
      condition,
      down,
      zone: n.metadata?.labels?.[ZONE_LABEL] ?? null,
      taints: groupTaints(n.spec?.taints ?? []),
      cordoned,
      cpu: usage.cpu,
      memory: usage.memory,
      podCount: real.length,
      pods: aggregated ? null : list.map((p) => p.view),
      aggregate: aggregated ? aggregateText(podsOnNode) : null,
      tally: aggregated ? tallyOf(podsOnNode) : null,
      compact: big,
      kubeletActive: kubeletAt !== undefined && kubeletAt >= since,
      selected: selected === `Node/${name}`,
      selectedPod:
        selectedPodName && list.some((p) => p.view.key === selectedPodName) ? selectedPodName : null,
      label: nodeLabel(name, condition, { down, cordoned, pods: real.length }),
    };
  });
  const rowHeights: number[] = [];
  workerData.forEach((w, i) => {
    const row = Math.floor(i / cols);
    const h =
      LAYOUT.nodeHeader +
      (w.taints.length ? LAYOUT.taintsRowH : 0) +
      podsAreaH(w.pods?.length ?? 0, w.pods === null);
    rowHeights[row] = Math.max(rowHeights[row] ?? 0, h);
  });
  const rowY: number[] = [];
  let y = LAYOUT.nodesY;
  for (const h of rowHeights) {
    rowY.push(y);
    y += h + LAYOUT.gap;
  }
  const nodesBottom = idx.nodes.length ? y - LAYOUT.gap : LAYOUT.nodesY;
  const gridW = Math.max(big ? 4 : 3, cols) * (nodeW + LAYOUT.gap) - LAYOUT.gap;
  workerData.forEach((w, i) => {
    const row = Math.floor(i / cols);
    workers.push({
      id: w.key,
      type: 'worker',
      position: { x: LAYOUT.nodesX + (i % cols) * (nodeW + LAYOUT.gap), y: rowY[row] ?? 0 },
      width: nodeW,
      height: rowHeights[row] ?? 0,
      data: w,
    });
  });

  // Control plane lane above the nodes.
  const parts: { id: PartId; active: boolean }[] = (
    ['scheduler', 'api-server', 'etcd', ...CONTROLLERS] as PartId[]
  ).map((id) => {
    const at = activity.parts.get(id);
    return { id, active: at !== undefined && at >= since };
  });
  nodes.push({
    id: 'control-plane',
    type: 'controlPlane',
    position: { x: LAYOUT.nodesX, y: 0 },
    width: gridW,
    height: LAYOUT.controlPlaneH,
    data: { parts, selected: selected?.startsWith('ControlPlane/') ? selected : null },
  });

  // Scheduling queue, top left beside the scheduler.
  queue.sort(order);
  const queueAggregated = queue.length > aggregateAbove;
  const queueViews = queue.map((q) => q.view);
  const queueH =
    LAYOUT.queueHeader +
    (queueAggregated
      ? LAYOUT.aggregateH
      : Math.ceil(Math.max(queue.length, 1) / LAYOUT.chipsPerRow) * (LAYOUT.chipH + LAYOUT.chipGap) +
        LAYOUT.chipGap);
  nodes.push({
    id: 'queue',
    type: 'queue',
    position: { x: 0, y: 0 },
    width: LAYOUT.columnW,
    height: Math.max(queueH, LAYOUT.controlPlaneH),
    data: {
      pods: queueAggregated ? null : queueViews,
      aggregate: queueAggregated ? aggregateText(queueViews) : null,
      count: queue.length,
      selectedPod:
        selectedPodName && queueViews.some((p) => p.key === selectedPodName) ? selectedPodName : null,
      label: S.queueLabel(queue.length),
    },
  });

  // Workloads column, under the queue.
  let oy = Math.max(queueH, LAYOUT.controlPlaneH) + LAYOUT.gap + 12;
  const rsNodeCounts = new Map<string, Map<string, number>>();
  if (ownerEdges)
    for (const { view, node } of views.values()) {
      if (!view.ownerKey) continue;
      const m = rsNodeCounts.get(view.ownerKey) ?? new Map<string, number>();
      const target = node === null ? 'queue' : `Node/${node}`;
      m.set(target, (m.get(target) ?? 0) + 1);
      rsNodeCounts.set(view.ownerKey, m);
    }
  const ownerHandles = new Map<string, string>();
  const placeWorkload = (data: WorkloadData) => {
    const h = LAYOUT.workloadHeader + data.replicaSets.length * LAYOUT.rsRowH;
    nodes.push({
      id: data.key,
      type: 'workload',
      position: { x: 0, y: oy },
      width: LAYOUT.columnW,
      height: h,
      data,
    });
    oy += h + LAYOUT.gap;
  };
  const ownedRs = new Set<string>();
  for (const d of idx.deployments) {
    const key = keyOfObject(d);
    const name = d.metadata?.name ?? '';
    const all = (rsByDeployment.get(key) ?? []).sort((a, b) => a.revision - b.revision);
    const revision = Number(d.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? '0') || 0;
    const newest = all.find((r) => r.revision === revision) ?? all[all.length - 1];
    const shown = all
      .filter((r) => r === newest || r.desired > 0 || r.current > 0)
      .map((r) => (r === newest ? { ...r, isNew: true } : r));
    for (const r of all) ownedRs.add(r.key);
    for (const r of shown) ownerHandles.set(r.key, key);
    placeWorkload({
      key,
      kind: 'Deployment',
      name,
      desired: d.spec?.replicas ?? 1,
      ready: d.status?.readyReplicas ?? 0,
      updated: d.status?.updatedReplicas ?? 0,
      available: d.status?.availableReplicas ?? 0,
      gap: deploymentGap(d),
      revision: revision || null,
      colour: newest?.colour ?? NEUTRAL_COLOUR,
      replicaSets: shown,
      selected: selected === key || shown.some((r) => r.key === selected) ? selected : null,
    });
  }
  for (const ss of idx.statefulSets) {
    const key = keyOfObject(ss);
    const desired = ss.spec?.replicas ?? 1;
    const ready = ss.status?.readyReplicas ?? 0;
    ownerHandles.set(key, key);
    placeWorkload({
      key,
      kind: 'StatefulSet',
      name: ss.metadata?.name ?? '',
      desired,
      ready,
      updated: ss.status?.updatedReplicas ?? null,
      available: ss.status?.availableReplicas ?? ready,
      gap: ready === desired && (ss.status?.replicas ?? 0) === desired ? 'converged' : 'closing',
      revision: null,
      colour: colourOf.get(key) ?? NEUTRAL_COLOUR,
      replicaSets: [],
      selected: selected === key ? selected : null,
    });
  }
  for (const rs of idx.replicaSets) {
    const key = keyOfObject(rs);
    if (ownedRs.has(key)) continue;
    const view = replicaSetView(rs, rs.metadata?.name ?? '', true);
    ownerHandles.set(key, key);
    placeWorkload({
      key,
      kind: 'ReplicaSet',
      name: view.name,
      desired: view.desired,
      ready: view.ready,
      updated: null,
      available: view.available,
      gap: view.ready === view.desired && view.current === view.desired ? 'converged' : 'closing',
      revision: null,
      colour: view.colour,
      replicaSets: [],
      selected: selected === key ? selected : null,
    });
  }
  for (const h of idx.hpas) {
    const key = keyOfObject(h);
    const ref = h.spec?.scaleTargetRef;
    const metric = h.spec?.metrics?.find((m) => m.type === 'Resource');
    const current = h.status?.currentMetrics?.find((m) => m.type === 'Resource');
    nodes.push({
      id: key,
      type: 'hpa',
      position: { x: 0, y: oy },
      width: LAYOUT.columnW,
      height: LAYOUT.hpaH,
      data: {
        key,
        name: h.metadata?.name ?? '',
        target: ref ? `${ref.kind}/${ref.name}` : '',
        min: h.spec?.minReplicas ?? 1,
        max: h.spec?.maxReplicas ?? 1,
        current: h.status?.currentReplicas ?? 0,
        desired: h.status?.desiredReplicas ?? 0,
        utilization: current?.resource?.current.averageUtilization ?? null,
        targetUtilization: metric?.resource?.target.averageUtilization ?? null,
        selected: selected === key,
      },
    });
    oy += LAYOUT.hpaH + LAYOUT.gap;
    if (ownerEdges && ref) {
      const target = `${ref.kind}/${h.metadata?.namespace ?? 'default'}/${ref.name}`;
      edges.push({
        id: `hpa:${key}`,
        source: key,
        target,
        type: 'owner',
        sourceHandle: 'out',
        targetHandle: 'hpa',
        data: { count: 0 },
        ariaLabel: `${h.metadata?.name ?? ''} scales ${ref.kind} ${ref.name}`,
      });
    }
  }

  // Owner edges: ReplicaSet (or StatefulSet) row -> node holding its pods, with the count.
  if (ownerEdges) {
    const ownerKeys = [...rsNodeCounts.keys()].sort(compareNames);
    for (const ownerKey of ownerKeys) {
      const source = ownerHandles.get(ownerKey);
      if (!source) continue;
      const targets = rsNodeCounts.get(ownerKey) ?? new Map<string, number>();
      for (const target of [...targets.keys()].sort(compareNames)) {
        edges.push({
          id: `own:${ownerKey}->${target}`,
          source,
          target,
          sourceHandle: ownerKey,
          targetHandle: 'owners',
          type: 'owner',
          data: { count: targets.get(target) ?? 0 },
          style: { stroke: colourOf.get(ownerKey) ?? NEUTRAL_COLOUR },
          ariaLabel: `${ownerKey.split('/')[2] ?? ''} owns ${targets.get(target) ?? 0} on ${target === 'queue' ? 'the scheduling queue' : target.slice(5)}`,
        });
      }
    }
  }

  // Replacement links between nodes (the pod boxes themselves carry "replaces ..." too).
  const seenLinks = new Set<string>();
  for (const l of replacementLinks) {
    if (l.from === null || l.from === l.to) continue;
    const target = l.to === null ? 'queue' : `Node/${l.to}`;
    const id = `rep:${l.name}->${l.newName}`;
    if (seenLinks.has(id)) continue;
    seenLinks.add(id);
    edges.push({
      id,
      source: `Node/${l.from}`,
      target,
      sourceHandle: 'replaced',
      targetHandle: 'replacement',
      type: 'replacement',
      markerEnd: { type: MarkerType.ArrowClosed, color: '#c2410c', width: 18, height: 18 },
      data: { label: S.replaces(shortPodName(l.name)) },
      ariaLabel: `${l.newName} ${S.replaces(l.name)}`,
    });
  }

  // Services below the nodes, with traffic edges to the nodes that hold ready endpoints.
  const servicesY = nodesBottom + LAYOUT.gap + 36;
  idx.services.forEach((svc, i) => {
    const key = keyOfObject(svc);
    const namespace = svc.metadata?.namespace ?? 'default';
    const name = svc.metadata?.name ?? '';
    const endpoints = endpointsOf(idx.endpoints.get(`Endpoints/${namespace}/${name}`));
    const traffic = trafficOf(mirror, namespace, name);
    const rows = Math.min(MAX_ENDPOINT_ROWS, Math.ceil(Math.max(endpoints.length, 1) / 2));
    services.push({
      id: key,
      type: 'service',
      position: { x: LAYOUT.nodesX + i * (LAYOUT.serviceW + LAYOUT.gap), y: servicesY },
      width: LAYOUT.serviceW,
      height: LAYOUT.serviceHeader + rows * LAYOUT.endpointRowH,
      data: { key, name, endpoints, traffic, selected: selected === key },
    });
    const readyByNode = new Map<string, number>();
    let readyTotal = 0;
    for (const e of endpoints) {
      if (!e.ready || e.node === null) continue;
      readyByNode.set(e.node, (readyByNode.get(e.node) ?? 0) + 1);
      readyTotal++;
    }
    const failing = new Set(traffic?.failingPods ?? []);
    for (const node of [...readyByNode.keys()].sort(compareNames)) {
      const share = readyTotal ? (readyByNode.get(node) ?? 0) / readyTotal : 0;
      const rps = Math.round((traffic?.requestsPerSecond ?? 0) * share * 10) / 10;
      const nodeFailing =
        (traffic?.errorsPerSecond ?? 0) > 0 &&
        (failing.size === 0 || endpoints.some((e) => e.node === node && failing.has(e.pod)));
      edges.push({
        id: `svc:${key}->${node}`,
        source: key,
        target: `Node/${node}`,
        sourceHandle: 'out',
        targetHandle: 'traffic',
        type: 'traffic',
        data: { requestsPerSecond: rps, failing: nodeFailing },
        ariaLabel: `Traffic from ${name} to ${node}`,
      });
    }
  });

  // Document order is keyboard order: the control plane and queue, workloads, nodes, then Services.
  nodes.push(...workers, ...services);
  const prev = options.previous;
  const result = { nodes: reuse(nodes, prev?.nodes), edges: reuse(edges, prev?.edges), ownerEdges };
  return prev && result.nodes === prev.nodes && result.edges === prev.edges && prev.ownerEdges === ownerEdges
    ? prev
    : result;
}

const viewCache = new WeakMap<PodFacts, PodView>();

/**
 * A pod's view. The same pod version with the same colour gives the very same view object (so comparing
 * it with the previous frame's costs one ===), except while a back-off countdown runs.
 */
function podView(mirror: ClusterMirror, f: PodFacts, colourOf: ReadonlyMap<string, string>): PodView {
  const colour = (f.ownerKey && colourOf.get(f.ownerKey)) || NEUTRAL_COLOUR;
  const cached = viewCache.get(f);
  if (cached && cached.colour === colour && f.status !== 'CrashLoopBackOff') return cached;
  const view: PodView = {
    key: f.key,
    name: f.name,
    namespace: f.namespace,
    short: shortPodName(f.name),
    status: f.status,
    ready: f.ready,
    restarts: f.restarts,
    tone: podTone(f.status, f.ready),
    colour,
    ownerKey: f.ownerKey,
    restartIn: f.status === 'CrashLoopBackOff' ? restartCountdown(mirror, f.namespace, f.name) : null,
    replaces: null,
    ghost: false,
    label: podLabel(f.name, f.status, f.ready),
  };
  viewCache.set(f, view);
  return view;
}

function ghostView(g: Ghost): PodView {
  return {
    key: `Ghost/${g.namespace}/${g.name}`,
    name: g.name,
    namespace: g.namespace,
    short: shortPodName(g.name),
    status: S.gone,
    ready: false,
    restarts: 0,
    tone: 'gone',
    colour: g.colour,
    ownerKey: g.ownerKey,
    restartIn: null,
    replaces: null,
    ghost: true,
    label: '',
  };
}

/** Taints grouped by key and value: "unreachable: NoSchedule, NoExecute" (the well-known prefix dropped). */
export function groupTaints(
  taints: readonly { readonly key: string; readonly value?: string | undefined; readonly effect: string }[],
): string[] {
  const groups = new Map<string, string[]>();
  for (const t of taints) {
    const k = `${t.key.replace('node.kubernetes.io/', '')}${t.value ? `=${t.value}` : ''}`;
    const list = groups.get(k) ?? [];
    list.push(t.effect);
    groups.set(k, list);
  }
  return [...groups].map(([k, effects]) => `${k}: ${effects.join(', ')}`);
}

/** How many pods of each look, in the order a stacked bar draws them (zeros left out). */
export type Tally = readonly {
  readonly tone: 'ready' | 'starting' | 'pending' | 'terminating' | 'failing';
  readonly n: number;
}[];

export function tallyOf(pods: readonly PodView[]): Tally {
  const counts = { ready: 0, starting: 0, pending: 0, terminating: 0, failing: 0 };
  for (const p of pods) {
    if (p.tone === 'ready') counts.ready++;
    else if (p.tone === 'pending') counts.pending++;
    else if (p.tone === 'terminating') counts.terminating++;
    else if (p.tone === 'failing' || p.tone === 'evicted' || p.tone === 'unknown') counts.failing++;
    else counts.starting++;
  }
  return (Object.keys(counts) as (keyof typeof counts)[])
    .filter((tone) => counts[tone] > 0)
    .map((tone) => ({ tone, n: counts[tone] }));
}

/** "42 pods: 40 ready, 2 pending": the counts a crowded node shows instead of boxes. */
export function aggregateText(pods: readonly PodView[]): string {
  const counts = new Map<string, number>();
  const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const p of pods) {
    if (p.tone === 'ready') bump('ready');
    else if (p.tone === 'pending') bump('pending');
    else if (p.tone === 'terminating') bump('terminating');
    else if (p.tone === 'failing') bump(p.status);
    else bump('not ready');
  }
  const orderOf = ['ready', 'not ready', 'pending', 'terminating'];
  const keys = [...counts.keys()].sort((a, b) => {
    const ia = orderOf.indexOf(a);
    const ib = orderOf.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || compareNames(a, b);
  });
  return S.aggregate(
    pods.length,
    keys.map((k) => `${counts.get(k) ?? 0} ${k}`),
  );
}
