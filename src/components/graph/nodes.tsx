/**
 * The custom React Flow nodes: control plane lane, scheduling queue, worker nodes with their pods,
 * workloads with their setpoint, HPAs and Services. Each is memoised and draws only its `data`; movement
 * inside a node is CSS (pods, bars), never a moved flow node.
 */
import type { NodeProps } from '@xyflow/react';
import { Handle, Position } from '@xyflow/react';
import type { CSSProperties, KeyboardEvent, MouseEvent, ReactNode } from 'react';
import { memo, useRef } from 'react';
import { formatBytes, formatCpu } from '../../engine';
import { isMenuKey, useGraphActions } from './context';
import type { PartId, PodView, Usage } from './model';
import { graphStrings as S } from '../../strings';
import type { ControlPlaneNode, HpaNode, QueueNode, ServiceNode, WorkerNode, WorkloadNode } from './toFlow';
import { LAYOUT } from './toFlow';

const PART_NAMES: Readonly<Record<PartId, string>> = {
  'api-server': S.apiServer,
  etcd: S.etcd,
  scheduler: S.scheduler,
  deployment: 'Deployment',
  replicaset: 'ReplicaSet',
  statefulset: 'StatefulSet',
  hpa: 'HPA',
  endpoints: 'Endpoints',
  'node-lifecycle': 'Node lifecycle',
  'taint-eviction': 'Taint eviction',
  'garbage-collector': 'Garbage collector',
};

const PART_ROLES: Readonly<Record<PartId, string>> = {
  'api-server': S.apiServerRole,
  etcd: S.etcdRole,
  scheduler: S.schedulerRole,
  deployment: S.controller,
  replicaset: S.controller,
  statefulset: S.controller,
  hpa: S.controller,
  endpoints: S.controller,
  'node-lifecycle': S.controller,
  'taint-eviction': S.controller,
  'garbage-collector': S.controller,
};

function activate(e: KeyboardEvent, run: () => void): boolean {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    e.stopPropagation();
    run();
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Control plane

export const ControlPlaneView = memo(function ControlPlaneView({ data }: NodeProps<ControlPlaneNode>) {
  const actions = useGraphActions();
  const part = (id: PartId) => data.parts.find((p) => p.id === id);
  const button = (id: PartId, big: boolean) => {
    const p = part(id);
    const key = `ControlPlane/${id}`;
    return (
      <button
        key={id}
        type="button"
        className={`cp-part${big ? ' cp-big' : ''}${p?.active ? ' active' : ''}${data.selected === key ? ' selected' : ''}`}
        aria-label={`${PART_NAMES[id]}${big ? `, ${PART_ROLES[id]}` : ` ${S.controller}`}${p?.active ? `, ${S.actingNow}` : ''}`}
        onClick={() => actions.select(key)}
      >
        {big && <span className="cp-light" aria-hidden="true" />}
        {PART_NAMES[id]}
      </button>
    );
  };
  const controllers = data.parts.filter((p) => !['scheduler', 'api-server', 'etcd'].includes(p.id));
  return (
    <section className="gnode cp" aria-label={S.controlPlane}>
      <Handle type="target" id="in" position={Position.Bottom} className="handle" />
      <h3 className="gtitle">{S.controlPlane}</h3>
      <div className="cp-row">
        {button('scheduler', true)}
        <span className="cp-wire" aria-hidden="true" />
        {button('api-server', true)}
        <span className="cp-wire" aria-hidden="true" />
        {button('etcd', true)}
        <div className="cp-cm" role="group" aria-label={S.controllerManager}>
          <span className="cp-cm-title" aria-hidden="true">
            {S.controllerManager}
          </span>
          <div className="cp-controllers">{controllers.map((p) => button(p.id, false))}</div>
        </div>
      </div>
    </section>
  );
});

// ---------------------------------------------------------------------------------------------------------
// Pods

function PodDetail({ pod }: { pod: PodView }) {
  if (pod.ghost) return <span className="pod-detail">{S.gone}</span>;
  if (pod.restartIn !== null) return <span className="pod-detail warn">{S.restartIn(pod.restartIn)}</span>;
  if (pod.replaces) return <span className="pod-detail new">{S.replaces(pod.replaces.slice(-5))}</span>;
  if (pod.restarts > 0) return <span className="pod-detail">↻ {S.restarts(pod.restarts)}</span>;
  return <span className="pod-detail" />;
}

interface PodGridProps {
  readonly pods: readonly PodView[];
  readonly selectedPod: string | null;
  readonly onEscape?: () => void;
}

/** Pod boxes with a roving tab stop: Tab reaches one pod, the arrow keys move between them. */
function PodGrid({ pods, selectedPod, onEscape }: PodGridProps) {
  const actions = useGraphActions();
  const ref = useRef<HTMLDivElement>(null);
  const focusables = () => [...(ref.current?.querySelectorAll<HTMLElement>('[data-pod]') ?? [])];
  const live = pods.filter((p) => !p.ghost);
  const stop = Math.max(
    0,
    live.findIndex((p) => p.key === selectedPod),
  );
  const onKey = (e: KeyboardEvent<HTMLDivElement>, pod: PodView) => {
    if (activate(e, () => actions.select(pod.key))) return;
    if (isMenuKey(e)) {
      e.preventDefault();
      e.stopPropagation();
      const r = e.currentTarget.getBoundingClientRect();
      actions.openMenu(
        { kind: 'pod', key: pod.key, name: pod.name, namespace: pod.namespace },
        { x: r.left + 12, y: r.bottom },
        e.currentTarget,
      );
      return;
    }
    const all = focusables();
    const i = all.indexOf(e.currentTarget);
    const step: Record<string, number> = {
      ArrowLeft: -1,
      ArrowRight: 1,
      ArrowUp: -LAYOUT.chipsPerRow,
      ArrowDown: LAYOUT.chipsPerRow,
    };
    let next: number | undefined;
    if (e.key in step) next = i + (step[e.key] ?? 0);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = all.length - 1;
    else if (e.key === 'Escape' && onEscape) {
      e.preventDefault();
      e.stopPropagation();
      onEscape();
      return;
    }
    if (next === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    const target = all[Math.min(all.length - 1, Math.max(0, next))];
    if (target) {
      for (const el of all) el.tabIndex = el === target ? 0 : -1;
      target.focus();
    }
  };
  const onContext = (e: MouseEvent<HTMLDivElement>, pod: PodView) => {
    e.preventDefault();
    e.stopPropagation();
    actions.openMenu(
      { kind: 'pod', key: pod.key, name: pod.name, namespace: pod.namespace },
      { x: e.clientX, y: e.clientY },
      e.currentTarget,
    );
  };
  return (
    <div className="pods" ref={ref}>
      {pods.map((pod) => {
        if (pod.ghost) {
          return (
            <div
              key={pod.key}
              className="pod tone-gone"
              aria-hidden="true"
              style={{ '--owner': pod.colour } as never}
            >
              <span className="pod-name">{pod.short}</span>
              <span className="pod-status">{S.gone}</span>
            </div>
          );
        }
        const index = live.indexOf(pod);
        return (
          <div
            key={pod.key}
            data-pod={pod.key}
            role="button"
            tabIndex={index === stop ? 0 : -1}
            aria-label={pod.label}
            aria-pressed={pod.key === selectedPod}
            className={`pod tone-${pod.tone}${pod.key === selectedPod ? ' selected' : ''}${pod.replaces ? ' replacement' : ''}`}
            style={{ '--owner': pod.colour } as never}
            title={pod.name}
            onClick={(e) => {
              e.stopPropagation();
              actions.select(pod.key);
            }}
            onKeyDown={(e) => onKey(e, pod)}
            onContextMenu={(e) => onContext(e, pod)}
          >
            <span className="pod-name-row">
              <span className="pod-name">{pod.short}</span>
              <span className={`pod-ready ${pod.ready ? 'yes' : 'no'}`} aria-hidden="true">
                {pod.ready ? '✓' : '○'}
              </span>
            </span>
            <span className={`pod-status${pod.status.length > 13 ? ' long' : ''}`}>{pod.status}</span>
            <PodDetail pod={pod} />
          </div>
        );
      })}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Scheduling queue

export const QueueView = memo(function QueueView({ data }: NodeProps<QueueNode>) {
  return (
    <section className={`gnode queue${data.count ? ' waiting' : ''}`} aria-label={data.label}>
      <Handle type="target" id="owners" position={Position.Bottom} className="handle" />
      <Handle type="target" id="replacement" position={Position.Right} className="handle" />
      <h3 className="gtitle">
        {S.queueTitle} <span className="count">{data.count}</span>
      </h3>
      {data.aggregate !== null ? (
        <p className="aggregate">{data.aggregate}</p>
      ) : data.pods && data.pods.length ? (
        <PodGrid pods={data.pods} selectedPod={data.selectedPod} />
      ) : (
        <p className="empty">{S.queueEmpty}</p>
      )}
    </section>
  );
});

// ---------------------------------------------------------------------------------------------------------
// Worker node

/**
 * A bar's fill: its width, which a CSS transition slides (graph.css), so a changing bar costs no React
 * renders.
 */
function fillStyle(frac: number): CSSProperties {
  return { width: `${Math.round(frac * 100)}%` };
}

function Bar({ label, usage, format }: { label: string; usage: Usage; format: (n: number) => string }) {
  const frac = usage.allocatable > 0 ? Math.min(1, usage.requested / usage.allocatable) : 0;
  const text = S.requestedOf(format(usage.requested), format(usage.allocatable));
  return (
    <div className="bar" title={`${label}: ${text}`}>
      <span className="bar-label">{label}</span>
      <span className="bar-track" aria-hidden="true">
        <span className={`bar-fill${frac > 0.85 ? ' full' : ''}`} style={fillStyle(frac)} />
      </span>
      <span className="bar-value">
        {format(usage.requested)} / {format(usage.allocatable)}
      </span>
    </div>
  );
}

function memText(b: number): string {
  if (b === 0) return '0';
  if (b % 2 ** 30 === 0 || b >= 2 ** 30) return `${Math.round((b / 2 ** 30) * 10) / 10}Gi`;
  return b % 2 ** 20 === 0 ? formatBytes(b) : `${Math.round(b / 2 ** 20)}Mi`;
}

export const WorkerView = memo(function WorkerView({ data }: NodeProps<WorkerNode>) {
  const actions = useGraphActions();
  const ref = useRef<HTMLElement>(null);
  const target = { kind: 'node' as const, key: data.key, name: data.name, down: data.down };
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    if (e.target !== e.currentTarget) return;
    if (activate(e, () => actions.select(data.key))) return;
    if (isMenuKey(e)) {
      e.preventDefault();
      const r = e.currentTarget.getBoundingClientRect();
      actions.openMenu(target, { x: r.left + 16, y: r.top + 40 }, e.currentTarget);
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowRight') {
      const first = e.currentTarget.querySelector<HTMLElement>('[data-pod][tabindex="0"]');
      if (first) {
        e.preventDefault();
        first.focus();
      }
    }
  };
  const shownTaints = data.taints.slice(0, 2);
  return (
    <section
      ref={ref}
      className={`gnode worker cond-${data.condition}${data.down ? ' down' : ''}${data.selected ? ' selected' : ''}${data.compact ? ' compact' : ''}`}
      role="group"
      tabIndex={0}
      aria-label={data.label}
      aria-roledescription="node"
      onClick={() => actions.select(data.key)}
      onKeyDown={onKey}
      onContextMenu={(e) => {
        e.preventDefault();
        actions.openMenu(target, { x: e.clientX, y: e.clientY }, e.currentTarget);
      }}
    >
      <Handle type="target" id="owners" position={Position.Left} className="handle" />
      <Handle type="target" id="traffic" position={Position.Bottom} className="handle" />
      <Handle type="source" id="replaced" position={Position.Top} className="handle" />
      <Handle type="target" id="replacement" position={Position.Top} className="handle" />
      <header className="worker-head">
        <span className="worker-name">{data.name}</span>
        <span className={`badge cond cond-${data.condition}`}>{data.condition}</span>
      </header>
      <div className="worker-meta">
        {data.zone && <span className="zone">{data.zone}</span>}
        <span>{S.podsOnNode(data.podCount)}</span>
        <span className={`kubelet${data.kubeletActive ? ' active' : ''}`} title="kubelet">
          <span className="cp-light" aria-hidden="true" /> kubelet
        </span>
        {data.cordoned && <span className="badge cordon">{S.cordoned}</span>}
        {data.down && <span className="badge off">{S.machineDown}</span>}
      </div>
      {data.taints.length > 0 && (
        <div className="taints">
          {shownTaints.map((t) => (
            <span key={t} className="taint" title={t}>
              {t}
            </span>
          ))}
          {data.taints.length > shownTaints.length && (
            <span className="taint">+{data.taints.length - shownTaints.length}</span>
          )}
        </div>
      )}
      <Bar label={S.cpu} usage={data.cpu} format={formatCpu} />
      <Bar label={S.memory} usage={data.memory} format={memText} />
      {data.aggregate !== null ? (
        <div className="aggregate">
          {data.tally && data.tally.length > 0 && (
            <span className="tally" aria-hidden="true">
              {data.tally.map((t) => (
                <span key={t.tone} className={`tally-${t.tone}`} style={{ flexGrow: t.n }} />
              ))}
            </span>
          )}
          <p>{data.aggregate}</p>
        </div>
      ) : (
        <PodGrid
          pods={data.pods ?? []}
          selectedPod={data.selectedPod}
          onEscape={() => ref.current?.focus()}
        />
      )}
    </section>
  );
});

// ---------------------------------------------------------------------------------------------------------
// Workloads

function Setpoint({
  desired,
  ready,
  gap,
  colour,
}: {
  desired: number;
  ready: number;
  gap: 'converged' | 'closing' | 'stalled';
  colour: string;
}) {
  const frac = desired > 0 ? Math.min(1, ready / desired) : ready > 0 ? 1 : 1;
  const word = gap === 'converged' ? S.converged : gap === 'stalled' ? S.stalled : S.closingGap;
  return (
    <div className={`setpoint gap-${gap}`}>
      <span className="sp-numbers">
        <strong>{ready}</strong>
        <span className="sp-of">/ {desired}</span>
        <span className="sp-unit">{S.ready}</span>
      </span>
      <span className="sp-track" aria-hidden="true">
        <span className="sp-fill" style={{ ...fillStyle(frac), background: colour }} />
      </span>
      <span className="sp-word">{word}</span>
    </div>
  );
}

function selectable(run: () => void) {
  return {
    tabIndex: 0,
    onClick: (e: MouseEvent) => {
      e.stopPropagation();
      run();
    },
    onKeyDown: (e: KeyboardEvent) => {
      activate(e, run);
    },
  };
}

export const WorkloadView = memo(function WorkloadView({ data }: NodeProps<WorkloadNode>) {
  const actions = useGraphActions();
  const word = data.gap === 'converged' ? S.converged : data.gap === 'stalled' ? S.stalled : S.closingGap;
  return (
    <section
      className={`gnode workload${data.selected === data.key ? ' selected' : ''}`}
      role="group"
      aria-label={`${data.kind} ${data.name}, ${data.desired} ${S.desired}, ${data.ready} ${S.ready}, ${word}`}
      {...selectable(() => actions.select(data.key))}
    >
      <Handle type="source" id={data.key} position={Position.Right} className="handle" />
      <Handle type="target" id="hpa" position={Position.Bottom} className="handle" />
      <header className="wl-head">
        <span className="kind">{data.kind}</span>
        <span className="wl-name">{data.name}</span>
        {data.revision !== null && <span className="rev">{S.revision(data.revision)}</span>}
      </header>
      <Setpoint desired={data.desired} ready={data.ready} gap={data.gap} colour={data.colour} />
      {data.replicaSets.length > 0 && (
        <div className="rs-list">
          {data.replicaSets.map((rs) => (
            <div
              key={rs.key}
              role="button"
              className={`rs${rs.isNew ? ' new' : ''}${data.selected === rs.key ? ' selected' : ''}`}
              aria-label={`ReplicaSet ${rs.name} revision ${rs.revision}: ${S.rsCounts(rs.desired, rs.current, rs.ready, rs.available)}`}
              {...selectable(() => actions.select(rs.key))}
            >
              <Handle type="source" id={rs.key} position={Position.Right} className="handle" />
              <span className="swatch" style={{ background: rs.colour }} aria-hidden="true" />
              <span className="rs-name">{rs.hash || rs.name}</span>
              <span className="rev">{S.revision(rs.revision)}</span>
              <span className="rs-counts" title={S.rsCounts(rs.desired, rs.current, rs.ready, rs.available)}>
                {rs.ready}/{rs.desired}
              </span>
            </div>
          ))}
        </div>
      )}
    </section>
  );
});

export const HpaView = memo(function HpaView({ data }: NodeProps<HpaNode>) {
  const actions = useGraphActions();
  return (
    <section
      className={`gnode hpa${data.selected ? ' selected' : ''}`}
      role="group"
      aria-label={`HorizontalPodAutoscaler ${data.name}, ${data.current} current, ${data.desired} desired`}
      {...selectable(() => actions.select(data.key))}
    >
      <Handle type="source" id="out" position={Position.Top} className="handle" />
      <header className="wl-head">
        <span className="kind">HPA</span>
        <span className="wl-name">{data.name}</span>
        <span className="rev">{data.target}</span>
      </header>
      <p className="hpa-line">
        <strong>
          {data.current} → {data.desired}
        </strong>{' '}
        {S.hpaRange(data.min, data.max)}
      </p>
      <p className="hpa-line">{S.hpaUtil(data.utilization, data.targetUtilization)}</p>
    </section>
  );
});

// ---------------------------------------------------------------------------------------------------------
// Services

export const ServiceView = memo(function ServiceView({ data }: NodeProps<ServiceNode>) {
  const actions = useGraphActions();
  const ready = data.endpoints.filter((e) => e.ready);
  const notReady = data.endpoints.length - ready.length;
  const failing = new Set(data.traffic?.failingPods ?? []);
  const shown = data.endpoints.slice(0, 10);
  let trafficLine: ReactNode = <span className="muted">{S.noTraffic}</span>;
  if (data.traffic && data.traffic.requestsPerSecond > 0) {
    trafficLine = (
      <>
        <span>{S.requestsPerSecond(data.traffic.requestsPerSecond)}</span>
        <span className={data.traffic.errorsPerSecond > 0 ? 'bad flash' : 'good'}>
          {S.successRate(data.traffic.successPercent)}
        </span>
      </>
    );
  }
  return (
    <section
      className={`gnode service${data.selected ? ' selected' : ''}${ready.length === 0 ? ' no-endpoints' : ''}`}
      role="group"
      aria-label={`Service ${data.name}, ${ready.length} ready endpoints`}
      {...selectable(() => actions.select(data.key))}
    >
      <Handle type="source" id="out" position={Position.Top} className="handle" />
      <header className="wl-head">
        <span className="kind">Service</span>
        <span className="wl-name">{data.name}</span>
        <span className="traffic">{trafficLine}</span>
      </header>
      <p className="ep-title">
        {S.endpoints}: {ready.length}
        {notReady > 0 && <span className="muted"> · {S.notReadyEndpoints(notReady)}</span>}
        {ready.length === 0 && <span className="bad"> · {S.noEndpoints}</span>}
      </p>
      <ul className="endpoints" aria-hidden="true">
        {shown.map((e) => (
          <li key={e.pod} className={`ep${e.ready ? ' ready' : ''}${failing.has(e.pod) ? ' failing' : ''}`}>
            <span className="ep-dot" />
            {e.pod.slice(-5)}
          </li>
        ))}
        {data.endpoints.length > shown.length && (
          <li className="ep more">+{data.endpoints.length - shown.length}</li>
        )}
      </ul>
    </section>
  );
});
