/**
 * The control plane as components that can fail (the ControlPlaneOutage fault): kube-apiserver, etcd,
 * kube-scheduler and kube-controller-manager. The runtime entry `control-plane` says what is down and until
 * when; the Simulation follows it (parks the stopped components' work, refuses API writes while the API
 * server or etcd is down) and the `control-plane` controller brings components back on time. With the API
 * server or etcd down the scheduler and controller-manager stop too: they lose their leader-election leases,
 * and on return a new leader is elected (LeaderElection events) and the node lifecycle controller, starting
 * with an empty health map, gives every node a fresh grace period. Left out: HA control planes, etcd quorum,
 * partial API availability, watch-cache reads during an etcd outage.
 */
import type { Component, ComponentsDown, Controller } from '../sim/controller';
import { CONTROL_PLANE_KEY } from '../sim/controller';
import { hex64 } from '../base/hash';
import { restartNodeHealthMonitor } from '../controllers/nodelifecycle/monitor';
import { formatDuration } from '../base/duration';
import type { Store } from '../api/store';
import type { Lease } from '../api/types';

export const CONTROL_PLANE_CONTROLLER = 'control-plane';
const RECOVER_KEY = 'recover';

export type ControlPlaneComponent = 'kube-apiserver' | 'etcd' | 'kube-scheduler' | 'kube-controller-manager';

export const CONTROL_PLANE_COMPONENTS: readonly ControlPlaneComponent[] = [
  'kube-apiserver',
  'etcd',
  'kube-scheduler',
  'kube-controller-manager',
];

export interface ComponentOutage {
  readonly component: ControlPlaneComponent;
  readonly since: number;
  readonly until: number;
}

export interface ControlPlaneLogLine {
  readonly t: number;
  readonly message: string;
}

/** Runtime entry `control-plane` (CONTROL_PLANE_KEY): the kernel follows its `down` list. */
export interface ControlPlaneState extends ComponentsDown {
  /** What a fault stopped, and when each comes back. */
  readonly outages: readonly ComponentOutage[];
  /** Every component that cannot work now: those stopped, and those that need the API server. */
  readonly down: readonly Component[];
  /** What happened, for the UI and the runner (the API server cannot hold Events while it is down). */
  readonly log: readonly ControlPlaneLogLine[];
}

const LOG_LIMIT = 50;

/** The components that cannot work when `stopped` are down (in CONTROL_PLANE_COMPONENTS order). */
export function effectiveDown(stopped: Iterable<ControlPlaneComponent>): Component[] {
  const set = new Set<ControlPlaneComponent>(stopped);
  if (set.has('kube-apiserver') || set.has('etcd')) {
    set.add('kube-apiserver');
    set.add('kube-scheduler');
    set.add('kube-controller-manager');
  }
  return CONTROL_PLANE_COMPONENTS.filter((c) => set.has(c));
}

export function controlPlaneState(store: Store): ControlPlaneState {
  return store.getRuntime<ControlPlaneState>(CONTROL_PLANE_KEY) ?? { outages: [], down: [], log: [] };
}

/** Whether the API server answers now (the kubectl language prints the connection error when not). */
export function apiServerReachable(store: Store): boolean {
  const down = controlPlaneState(store).down;
  return !down.includes('kube-apiserver') && !down.includes('etcd');
}

function withLog(log: readonly ControlPlaneLogLine[], t: number, message: string): ControlPlaneLogLine[] {
  return [...log, { t, message }].slice(-LOG_LIMIT);
}

/**
 * Stop `components` (default: all four) for `durationSeconds` from `now`. Returns the message the fault
 * prints and the time recovery is due; the caller arms the controller's timer.
 */
export function beginOutage(
  store: Store,
  now: number,
  durationSeconds: number,
  components: readonly ControlPlaneComponent[] = CONTROL_PLANE_COMPONENTS,
): { message: string; until: number } {
  const st = controlPlaneState(store);
  const until = now + durationSeconds;
  const outages = st.outages.filter((o) => !components.includes(o.component));
  for (const c of components) {
    const prev = st.outages.find((o) => o.component === c);
    outages.push({ component: c, since: prev?.since ?? now, until: Math.max(until, prev?.until ?? 0) });
  }
  outages.sort(
    (a, b) => CONTROL_PLANE_COMPONENTS.indexOf(a.component) - CONTROL_PLANE_COMPONENTS.indexOf(b.component),
  );
  const down = effectiveDown(outages.map((o) => o.component));
  const also = down.filter((c) => !components.includes(c as ControlPlaneComponent));
  const message =
    `control plane: ${components.join(', ')} down for ${formatDuration(durationSeconds)}` +
    (also.length ? ` (${also.join(', ')} cannot work without the API server)` : '') +
    '; running pods keep running';
  store.setRuntime<ControlPlaneState>(CONTROL_PLANE_KEY, {
    outages,
    down,
    log: withLog(st.log, now, message),
  });
  return { message, until };
}

/** The leader-election Lease a restarted component takes (the involved object of its LeaderElection event). */
function leaderLease(component: string): Lease {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: component, namespace: 'kube-system' },
  };
}

/** Brings components back when their time is up; armed by the fault through `Simulation.schedule`. */
export const controlPlaneController: Controller = {
  name: CONTROL_PLANE_CONTROLLER,
  component: 'simulation',
  watches: [],
  reconcile(key, ctx) {
    if (key !== RECOVER_KEY) return;
    const st = controlPlaneState(ctx.store);
    const back = st.outages.filter((o) => o.until <= ctx.now);
    if (!back.length) return;
    const outages = st.outages.filter((o) => o.until > ctx.now);
    const down = effectiveDown(outages.map((o) => o.component));
    const restarted = st.down.filter((c) => !down.includes(c));
    if (restarted.includes('kube-controller-manager')) {
      // A new controller-manager starts with an empty node health map: every node gets a fresh grace period.
      restartNodeHealthMonitor(ctx.store, ctx.now);
    }
    const message = `control plane: ${restarted.length ? restarted.join(', ') : back.map((o) => o.component).join(', ')} back${down.length ? `; still down: ${down.join(', ')}` : ''}`;
    ctx.store.setRuntime<ControlPlaneState>(CONTROL_PLANE_KEY, {
      outages,
      down,
      log: withLog(st.log, ctx.now, message),
    });
    // The Simulation now lets writes through again; the new leaders announce themselves.
    for (const c of ['kube-controller-manager', 'kube-scheduler'] as const) {
      if (!restarted.includes(c)) continue;
      const id = hex64(`${c}/${ctx.now}`);
      const identity = `control-plane_${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`;
      ctx.api.recordEvent(leaderLease(c), 'Normal', 'LeaderElection', `${identity} became leader`, {
        component: c,
      });
    }
  },
};

export const RECOVER_TIMER_KEY = RECOVER_KEY;
