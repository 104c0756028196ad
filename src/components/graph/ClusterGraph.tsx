/**
 * The cluster as a picture: the control plane lane, the scheduling queue, worker nodes with their pods,
 * workloads with their setpoint, and Services with traffic. Everything drawn comes from `toFlow(mirror)`;
 * this component only keeps what a picture needs between frames (recently gone pods, the previous flow
 * for reuse) and the faults menu.
 */
import '@xyflow/react/dist/style.css';
import './graph.css';
import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { Controls, Panel, ReactFlow, ReactFlowProvider, useReactFlow, useStore } from '@xyflow/react';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Fault, Pod } from '../../engine';
import type { ClusterMirror } from '../../state/mirror';
import { afterPaint } from './afterPaint';
import type { GraphActions, MenuTarget } from './context';
import { GraphActionsContext } from './context';
import { ContextMenu } from './ContextMenu';
import { OwnerEdgeView, ReplacementEdgeView, TrafficEdgeView } from './edges';
import { MirrorIndex } from './mirrorIndex';
import type { Ghost } from './model';
import { podColour, trackGhosts } from './model';
import { ControlPlaneView, HpaView, QueueView, ServiceView, WorkerView, WorkloadView } from './nodes';
import { graphStrings as S } from '../../strings';
import type { FlowResult } from './toFlow';
import { toFlow } from './toFlow';

/** Defined once at module level: React Flow re-creates every node when this object changes. */
const nodeTypes = {
  controlPlane: ControlPlaneView,
  queue: QueueView,
  worker: WorkerView,
  workload: WorkloadView,
  hpa: HpaView,
  service: ServiceView,
} satisfies NodeTypes;

const edgeTypes = {
  owner: OwnerEdgeView,
  traffic: TrafficEdgeView,
  replacement: ReplacementEdgeView,
} satisfies EdgeTypes;

export interface ClusterGraphProps {
  readonly mirror: ClusterMirror;
  /** Store key of the selected object ("Pod/default/web-1", "Node/node-1", ...), or null. */
  readonly selected?: string | null | undefined;
  readonly onSelect?: ((key: string | null) => void) | undefined;
  /** A fault chosen from a pod's or node's context menu. Without it the menu is not offered. */
  readonly onFault?: ((fault: Fault) => void) | undefined;
  /** Told whenever a context menu opens (for example to pause, or to log). */
  readonly onContextMenu?:
    ((target: MenuTarget, at: { readonly x: number; readonly y: number }) => void) | undefined;
  /** Controller name -> last simulated time it acted, when the shell tracks the actors of diffs. */
  readonly activity?: ReadonlyMap<string, number> | undefined;
  /** Past this many pods a node shows counts instead of boxes (default 24). */
  readonly aggregateAbove?: number | undefined;
  /**
   * Whether owner links start visible (the learner can toggle them). Default: in a small cluster only; in a
   * big one they would be hundreds of crossing lines.
   */
  readonly showOwnerEdges?: boolean | undefined;
}

interface Derived {
  readonly mirror: ClusterMirror | null;
  readonly selected: string | null;
  readonly showOwnerEdges: boolean | undefined;
  readonly activity: ReadonlyMap<string, number> | undefined;
  readonly aggregateAbove: number | undefined;
  readonly ghosts: readonly Ghost[];
  readonly flow: FlowResult;
}

const EMPTY_FLOW: FlowResult = { nodes: [], edges: [], ownerEdges: false };

export function ClusterGraph(props: ClusterGraphProps) {
  const shown = useSampled(props.mirror, props.activity);
  return (
    <ReactFlowProvider>
      <Graph {...props} mirror={shown.mirror} activity={shown.activity} />
    </ReactFlowProvider>
  );
}

interface Sample {
  readonly mirror: ClusterMirror;
  readonly activity: ReadonlyMap<string, number> | undefined;
}

/** The longest the picture waits for a newer cluster, however costly drawing it is. */
const MAX_GAP_MS = 250;

/**
 * What the picture shows: the newest mirror, taken at an animation frame, however many frames the worker
 * sent since (it sends one per ~16 ms tick, and a busy page handles several between two paints). When a
 * redraw is costly (a big cluster), the next waits twice as long as the last took, so the page keeps
 * time for scrolling, typing and the rest of the app. Its cost counts the style, layout and paint it
 * causes after the frame's callbacks, which in a big cluster are as much again as the rendering itself.
 */
function useSampled(mirror: ClusterMirror, activity: ReadonlyMap<string, number> | undefined): Sample {
  const [shown, setShown] = useState<Sample>({ mirror, activity });
  const latest = useRef<Sample>(shown);
  const frame = useRef(0);
  const next = useRef(0);
  useEffect(() => {
    latest.current = { mirror, activity };
    if (frame.current || (shown.mirror === mirror && shown.activity === activity)) return;
    const tick = (now: number) => {
      if (now < next.current) {
        frame.current = requestAnimationFrame(tick);
        return;
      }
      frame.current = 0;
      const start = performance.now();
      // Drawn in this frame, before it is painted; flushSync also makes the cost measurable.
      flushSync(() => setShown(latest.current));
      next.current = now + Math.min(MAX_GAP_MS, 2 * (performance.now() - start));
      afterPaint(() => {
        next.current = now + Math.min(MAX_GAP_MS, 2 * (performance.now() - start));
      });
    };
    frame.current = requestAnimationFrame(tick);
  }, [mirror, activity, shown]);
  useEffect(
    () => () => {
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    },
    [],
  );
  return shown;
}

const Graph = memo(function Graph({
  mirror,
  selected = null,
  onSelect,
  onFault,
  onContextMenu,
  activity,
  aggregateAbove,
  showOwnerEdges: initialOwnerEdges,
}: ClusterGraphProps) {
  // undefined: the default for the cluster's size, until the learner chooses.
  const [showOwnerEdges, setShowOwnerEdges] = useState<boolean | undefined>(initialOwnerEdges);
  // A cache (its answers depend only on the mirror given), so updating it while rendering is safe.
  const [index] = useState(() => new MirrorIndex());
  const [derived, setDerived] = useState<Derived>({
    mirror: null,
    selected: null,
    showOwnerEdges,
    activity: undefined,
    aggregateAbove: undefined,
    ghosts: [],
    flow: EMPTY_FLOW,
  });
  let flow = derived.flow;
  if (
    derived.mirror !== mirror ||
    derived.selected !== selected ||
    derived.showOwnerEdges !== showOwnerEdges ||
    derived.activity !== activity ||
    derived.aggregateAbove !== aggregateAbove
  ) {
    // Derive during render (React's "adjust state when a prop changes"): gone pods are remembered as
    // ghosts for a few simulated seconds, and unchanged flow nodes are reused from the previous result.
    const prevMirror = derived.mirror;
    const ghosts =
      prevMirror === mirror
        ? derived.ghosts
        : trackGhosts(prevMirror, mirror, derived.ghosts, (pod: Pod) => podColour(prevMirror ?? mirror, pod));
    flow = toFlow(mirror, {
      selected,
      showOwnerEdges,
      activity,
      aggregateAbove,
      ghosts,
      previous: derived.flow,
      index,
    });
    setDerived({ mirror, selected, showOwnerEdges, activity, aggregateAbove, ghosts, flow });
  }

  const [menu, setMenu] = useState<{
    target: MenuTarget;
    at: { x: number; y: number };
    from: HTMLElement;
  } | null>(null);

  const handlers = useRef({ onSelect, onFault, onContextMenu });
  useEffect(() => {
    handlers.current = { onSelect, onFault, onContextMenu };
  });
  const actions = useMemo<GraphActions>(
    () => ({
      select: (key) => handlers.current.onSelect?.(key),
      openMenu: (target, at, from) => {
        handlers.current.onContextMenu?.(target, at);
        if (handlers.current.onFault) setMenu({ target, at, from });
      },
    }),
    [],
  );
  const closeMenu = useCallback(() => {
    setMenu((cur) => {
      if (cur?.from.isConnected) cur.from.focus();
      return null;
    });
  }, []);

  return (
    <GraphActionsContext.Provider value={actions}>
      <div className="cluster-graph" role="region" aria-label={S.graphLabel}>
        <ReactFlow
          nodes={flow.nodes as GraphNodes}
          edges={flow.edges as GraphEdges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          fitView
          fitViewOptions={FIT}
          minZoom={0.05}
          maxZoom={2}
          nodesDraggable={false}
          nodesConnectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          elementsSelectable={false}
          disableKeyboardA11y
          onPaneClick={() => handlers.current.onSelect?.(null)}
        >
          <FitOnShapeChange flow={flow} />
          <Controls showInteractive={false} position="bottom-left" />
          <Panel position="bottom-right" className="graph-panel">
            <label>
              <input
                type="checkbox"
                checked={flow.ownerEdges}
                onChange={(e) => setShowOwnerEdges(e.currentTarget.checked)}
              />{' '}
              {S.showOwnerEdges}
            </label>
          </Panel>
        </ReactFlow>
        {menu && onFault && (
          <ContextMenu target={menu.target} at={menu.at} onFault={onFault} onClose={closeMenu} />
        )}
      </div>
    </GraphActionsContext.Provider>
  );
});

type GraphNodes = FlowResult['nodes'] extends readonly (infer N)[] ? N[] : never;
type GraphEdges = FlowResult['edges'] extends readonly (infer E)[] ? E[] : never;

const FIT = { padding: 0.04, maxZoom: 1.25 } as const;

/**
 * Fit the view again when nodes, workloads or Services appear or go (not on every pod change), and when
 * the pane changes size (a window resized, a tablet turned, a panel opened).
 */
function FitOnShapeChange({ flow }: { flow: FlowResult }) {
  const { fitView } = useReactFlow();
  const pane = useStore((s) => `${s.width}x${s.height}`);
  const shape = flow.nodes.map((n) => n.id).join('|');
  useEffect(() => {
    const id = requestAnimationFrame(() => void fitView(FIT));
    return () => cancelAnimationFrame(id);
  }, [shape, pane, fitView]);
  return null;
}
