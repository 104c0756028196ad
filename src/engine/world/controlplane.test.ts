import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { podStatusWord } from '../api/podstatus';
import type { Deployment } from '../api/types';
import { connectionRefusedMessage } from '../api/apiserver';
import { createCluster } from '../cluster';
import type { PodRt } from '../controllers/kubelet/runtime';
import { podRuntimeKey } from '../controllers/kubelet/runtime';
import type { ControlPlaneState } from './controlplane';
import { CONTROL_PLANE_KEY } from '../sim/controller';
import { apiServerReachable } from './controlplane';
import type { Fault } from './faults';
import { runFault, validateFault } from './faults';
import type { Simulation } from '../sim/simulation';

function deployment(replicas: number): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'web:1', resources: { requests: { cpu: '100m' } } }] },
      },
    },
  };
}

function cluster(replicas = 3): Simulation {
  const sim = createCluster();
  sim.act('test', () => sim.api.create('Deployment', deployment(replicas)));
  sim.runUntil(30);
  return sim;
}

const fault = (sim: Simulation, f: Fault) => sim.act('fault', () => runFault(sim, f));
const pods = (sim: Simulation) => sim.store.list('Pod', 'default');
const names = (sim: Simulation) =>
  pods(sim)
    .map((p) => p.metadata?.name ?? '')
    .sort();
const nodesReady = (sim: Simulation) =>
  sim.store.list('Node').map((n) => n.status?.conditions?.find((c) => c.type === 'Ready')?.status);

function scale(sim: Simulation, replicas: number): void {
  sim.act('test', () => {
    const d = sim.store.get('Deployment', 'default', 'web');
    if (d) sim.api.update('Deployment', { ...d, spec: { ...d.spec, replicas } } as Deployment);
  });
}

describe('ControlPlaneOutage', () => {
  it('refuses writes with the connection error, keeps reads, and comes back on time', () => {
    const sim = cluster();
    expect(fault(sim, { type: 'ControlPlaneOutage', durationSeconds: 120 })).toEqual({
      ok: true,
      exitCode: 0,
      message:
        'control plane: kube-apiserver, etcd, kube-scheduler, kube-controller-manager down for 2m; running pods keep running',
    });
    expect(sim.api.available).toBe(false);
    expect(apiServerReachable(sim.store)).toBe(false);
    expect(sim.store.getRuntime<ControlPlaneState>(CONTROL_PLANE_KEY)?.down).toEqual([
      'kube-apiserver',
      'etcd',
      'kube-scheduler',
      'kube-controller-manager',
    ]);
    let err: unknown;
    try {
      scale(sim, 5);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).reason).toBe('ServiceUnavailable');
    expect((err as ApiError).message).toBe(
      'The connection to the server 10.96.0.1:6443 was refused - did you specify the right host or port?',
    );
    expect(connectionRefusedMessage()).toBe((err as ApiError).message);
    expect(sim.api.get('Deployment', 'default', 'web')?.spec?.replicas).toBe(3);
    sim.runUntil(149);
    expect(sim.api.available).toBe(false);
    sim.runUntil(150);
    expect(sim.api.available).toBe(true);
    const st = sim.store.getRuntime<ControlPlaneState>(CONTROL_PLANE_KEY);
    expect(st?.down).toEqual([]);
    expect(st?.log.map((l) => [l.t, l.message.slice(0, 30)])).toEqual([
      [30, 'control plane: kube-apiserver,'],
      [150, 'control plane: kube-apiserver,'],
    ]);
    const leaders = sim.store.list('Event', 'kube-system').filter((e) => e.reason === 'LeaderElection');
    expect(leaders.map((e) => e.involvedObject.name).sort()).toEqual([
      'kube-controller-manager',
      'kube-scheduler',
    ]);
    scale(sim, 4);
    sim.runUntil(160);
    expect(pods(sim)).toHaveLength(4);
  });

  it('during the outage: no deletion, no scheduling, kubelet restarts go on, no node turns NotReady; then catch-up', () => {
    const sim = cluster();
    const before = names(sim);
    // Half a second off the kubelets' retry rhythm, so the controllers return before any heartbeat does.
    fault(sim, { type: 'ControlPlaneOutage', durationSeconds: 300.5 });
    // Crash every container: the kubelets restart them locally.
    sim.runUntil(40);
    expect(fault(sim, { type: 'PodCrash', selector: 'app=web', count: 3 }).ok).toBe(true);
    // Deleting a pod is an API request: refused as kubectl's would be, and the pod keeps running.
    sim.runUntil(60);
    const victim = before[0] ?? '';
    expect(fault(sim, { type: 'PodDelete', pod: victim })).toEqual({
      ok: false,
      message:
        'The connection to the server 10.96.0.1:6443 was refused - did you specify the right host or port?',
      exitCode: 1,
    });
    sim.runUntil(320);
    expect(names(sim)).toEqual(before);
    expect(sim.store.get('Pod', 'default', victim)?.metadata?.deletionTimestamp).toBeUndefined();
    for (const name of before) {
      const rt = sim.store.getRuntime<PodRt>(podRuntimeKey(`default/${name}`));
      expect(rt?.containers[0]?.restarts).toBe(1);
      expect(rt?.containers[0]?.proc.k).toBe('run');
      // The API server never heard of it: the stored status is the last one written before the outage.
      expect(sim.store.get('Pod', 'default', name)?.status?.containerStatuses?.[0]?.restartCount).toBe(0);
    }
    // Five minutes without heartbeats, yet no node was marked NotReady or tainted.
    expect(nodesReady(sim)).toEqual(['True', 'True', 'True']);
    // Service endpoints are left as they were (kube-proxy keeps routing with what it has).
    // Recovery at 330.5: the controllers catch up level-based.
    sim.runUntil(331);
    const now = names(sim);
    expect(now).toEqual(before);
    expect(pods(sim).every((p) => p.spec?.nodeName)).toBe(true);
    // The kubelets post the statuses they kept on their next status sync (within 10 s).
    sim.runUntil(341);
    expect(
      before.map((n) => sim.store.get('Pod', 'default', n)?.status?.containerStatuses?.[0]?.restartCount),
    ).toEqual([1, 1, 1]);
    sim.runUntil(450);
    expect(nodesReady(sim)).toEqual(['True', 'True', 'True']);
    expect(sim.store.list('Node').every((n) => (n.spec?.taints ?? []).length === 0)).toBe(true);
    expect(sim.store.get('Deployment', 'default', 'web')?.status?.availableReplicas).toBe(3);
  });

  it('scheduler only: pods are created but stay Pending until it returns', () => {
    const sim = cluster(1);
    expect(
      fault(sim, { type: 'ControlPlaneOutage', durationSeconds: 60, component: 'kube-scheduler' }).message,
    ).toBe('control plane: kube-scheduler down for 1m; running pods keep running');
    expect(sim.api.available).toBe(true);
    scale(sim, 3);
    sim.runUntil(89);
    expect(pods(sim)).toHaveLength(3);
    expect(pods(sim).filter((p) => !p.spec?.nodeName)).toHaveLength(2);
    expect(pods(sim).filter((p) => podStatusWord(p) === 'Pending')).toHaveLength(2);
    sim.runUntil(90);
    expect(pods(sim).filter((p) => !p.spec?.nodeName)).toHaveLength(0);
    sim.runUntil(100);
    expect(pods(sim).filter((p) => p.status?.phase === 'Running')).toHaveLength(3);
  });

  it('controller-manager only: the API answers but nothing reconciles until it returns', () => {
    const sim = cluster(1);
    fault(sim, { type: 'ControlPlaneOutage', durationSeconds: 30, component: 'kube-controller-manager' });
    scale(sim, 2);
    sim.runUntil(59);
    expect(pods(sim)).toHaveLength(1);
    sim.runUntil(61);
    expect(pods(sim)).toHaveLength(2);
  });

  it('a snapshot taken during the outage restores it', () => {
    const sim = cluster(1);
    fault(sim, { type: 'ControlPlaneOutage', durationSeconds: 60 });
    const snap = sim.snapshot();
    sim.runUntil(100);
    expect(sim.api.available).toBe(true);
    sim.restore(snap);
    expect(sim.api.available).toBe(false);
    sim.runUntil(100);
    expect(sim.api.available).toBe(true);
  });

  it('validates the component', () => {
    expect(
      validateFault({ type: 'ControlPlaneOutage', durationSeconds: '2m', component: 'etcd' }).fault,
    ).toEqual({
      type: 'ControlPlaneOutage',
      durationSeconds: 120,
      component: 'etcd',
    });
    expect(
      validateFault({ type: 'ControlPlaneOutage', durationSeconds: 5, component: 'dns' }).problems,
    ).toEqual([
      {
        path: ['component'],
        message:
          'component: Unsupported value: "dns": supported values: "kube-apiserver", "etcd", "kube-scheduler", "kube-controller-manager"',
      },
    ]);
  });
});
