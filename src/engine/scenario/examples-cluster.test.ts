/**
 * The stories of examples/control-plane-outage.yaml and examples/config-and-quota.yaml, checked against a run
 * of each file.
 */
import { describe, expect, it } from 'vitest';
import type { Event } from '../api/types';
import { podRuntimeKey } from '../controllers/kubelet/runtime';
import type { PodRt } from '../controllers/kubelet/runtime';
import { observe } from '../world/observe';
import type { Simulation } from '../sim/simulation';
import { loadSimulation } from './build';

const files = import.meta.glob('../../../examples/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

function load(name: string): Simulation {
  const text = files[`../../../examples/${name}.yaml`];
  if (text === undefined) throw new Error(`examples/${name}.yaml is missing`);
  return loadSimulation(text).sim;
}

function events(sim: Simulation): { t: number; e: Event }[] {
  const out: { t: number; e: Event }[] = [];
  sim.onRecord((r) => {
    if (r.diff.type === 'added' || r.diff.type === 'updated') {
      if (r.diff.kind === 'Event') out.push({ t: r.t, e: r.diff.to as Event });
    }
  });
  return out;
}

describe('examples/control-plane-outage.yaml', () => {
  it('running pods keep running and restarting; healing and scheduling wait for the control plane', () => {
    const sim = load('control-plane-outage');
    const seen = events(sim);
    sim.runUntil(59);
    const before = observe(sim.store);
    const names = before.pods.map((p) => p.name);
    expect(before.pods.every((p) => p.ready)).toBe(true);
    expect(names).toHaveLength(3);
    sim.runUntil(60);
    expect(sim.api.available).toBe(false);
    // 1m30s: the crashes are restarted by the kubelets.
    sim.runUntil(95);
    for (const n of names) {
      const rt = sim.store.getRuntime<PodRt>(podRuntimeKey(`default/${n}`));
      expect(rt?.containers[0]?.restarts).toBe(1);
      expect(rt?.containers[0]?.proc.k).toBe('run');
    }
    // 1m40s: node-2 dies, and nothing notices while the controllers are down.
    sim.runUntil(179);
    const during = observe(sim.store);
    expect(during.pods.map((p) => p.name)).toEqual(names);
    expect(seen.filter((x) => x.t > 60 && x.t < 180)).toEqual([]);
    expect(during.nodes.map((n) => n.ready)).toEqual(['True', 'True', 'True']);
    // The Service keeps every endpoint, the dead machine's too: a third of the requests fail.
    expect(during.services[0]?.endpoints).toEqual(names);
    expect(during.traffic[0]).toMatchObject({ requestsPerSecond: 20 });
    expect(during.traffic[0]?.errorsPerSecond).toBeGreaterThanOrEqual(6);
    expect(during.traffic[0]?.errorsPerSecond).toBeLessThanOrEqual(7);
    // 3m: the control plane is back; node-2 gets a fresh grace period, so nothing changes at once.
    sim.runUntil(181);
    expect(
      seen
        .filter((x) => x.t === 180 && x.e.reason === 'LeaderElection')
        .map((x) => x.e.involvedObject.name)
        .sort(),
    ).toEqual(['kube-controller-manager', 'kube-scheduler']);
    sim.runUntil(225);
    expect(observe(sim.store).nodes.map((n) => n.ready)).toEqual(['True', 'True', 'True']);
    // About 50 s later node-2 is Unknown, its pod leaves the endpoints and the errors stop.
    sim.runUntil(240);
    const end = observe(sim.store);
    expect(end.nodes.map((n) => n.ready)).toEqual(['True', 'Unknown', 'True']);
    expect(end.services[0]?.endpoints).toHaveLength(2);
    expect(end.traffic[0]?.errorsPerSecond).toBe(0);
    // The live kubelets posted their restarts; node-2's never could.
    expect(end.pods.map((p) => [p.node, p.restarts])).toEqual([
      ['node-1', 1],
      ['node-2', 0],
      ['node-3', 1],
    ]);
  });
});

describe('examples/config-and-quota.yaml', () => {
  it('pods wait for the ConfigMap; the quota blocks the third replica until it is raised', () => {
    const sim = load('config-and-quota');
    sim.runUntil(20);
    let s = observe(sim.store);
    expect(s.pods.map((p) => p.status)).toEqual(['CreateContainerConfigError', 'CreateContainerConfigError']);
    const failed = sim.store.list('Event', 'default').filter((e) => e.reason === 'Failed');
    expect(failed.map((e) => e.message)).toEqual([
      'Error: configmap "app-config" not found',
      'Error: configmap "app-config" not found',
    ]);
    const rs = sim.store.list('ReplicaSet', 'default')[0];
    expect(rs?.status?.conditions?.[0]?.message).toMatch(
      /^pods "shop-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: compute, requested: requests\.cpu=400m, used: requests\.cpu=800m, limited: requests\.cpu=1$/,
    );
    expect(s.deployments[0]?.conditions.ReplicaFailure).toEqual({ status: 'True', reason: 'FailedCreate' });
    // 30s: the ConfigMap arrives and the containers start with its value and the Secret's.
    sim.runUntil(32);
    s = observe(sim.store);
    expect(s.pods.map((p) => p.status)).toEqual(['Running', 'Running']);
    expect(sim.store.get('ResourceQuota', 'default', 'compute')?.status?.used).toEqual({
      pods: '2',
      'requests.cpu': '800m',
      'requests.memory': '256Mi',
    });
    sim.runUntil(119);
    expect(observe(sim.store).pods).toHaveLength(2);
    // 2m: the quota is raised and the ReplicaSet's next retry creates the third pod.
    sim.runUntil(300);
    s = observe(sim.store);
    expect(s.pods.map((p) => p.status)).toEqual(['Running', 'Running', 'Running']);
    expect(s.deployments[0]).toMatchObject({ availableReplicas: 3 });
    expect(s.deployments[0]?.conditions.ReplicaFailure).toBeUndefined();
  });
});
