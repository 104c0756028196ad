import { describe, expect, it } from 'vitest';
import type { Deployment, Event } from '../api/types';
import { createCluster } from '../cluster';
import type { Simulation } from '../sim/simulation';
import type { NodeGroupSpec } from './clusterautoscaler';
import {
  autoscalerState,
  BOOT_SECONDS_MAX,
  BOOT_SECONDS_MIN,
  CLUSTER_AUTOSCALER,
  NODE_GROUP_LABEL,
  TO_BE_DELETED_TAINT,
} from './clusterautoscaler';

const pool: NodeGroupSpec = {
  name: 'pool',
  min: 1,
  max: 5,
  capacity: { cpu: '2', memory: '4Gi', pods: '110' },
};

function cluster(groups: readonly NodeGroupSpec[] = [pool]): Simulation {
  return createCluster({ nodes: [], autoscaler: { nodeGroups: groups } });
}

function deploy(
  sim: Simulation,
  name: string,
  replicas: number,
  cpu: string,
  extra: Record<string, unknown> = {},
): void {
  const body = {
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{ name: 'app', image: `${name}:1.0`, resources: { requests: { cpu } } }],
          ...extra,
        },
      },
    },
  } as Deployment;
  sim.act('test', () => {
    const cur = sim.store.get('Deployment', 'default', name);
    if (cur)
      sim.api.update('Deployment', {
        ...cur,
        spec: { ...body.spec, replicas } as NonNullable<Deployment['spec']>,
      });
    else sim.api.create('Deployment', body);
  });
}

function record(sim: Simulation): { t: number; reason: string; object: string; message: string }[] {
  const out: { t: number; reason: string; object: string; message: string }[] = [];
  sim.store.onDiff((d) => {
    if (d.type === 'runtime' || d.kind !== 'Event' || d.type === 'removed') return;
    const e = d.to as Event;
    if (e.source?.component !== CLUSTER_AUTOSCALER) return;
    if (d.type === 'updated' && (e.count ?? 1) <= ((d.from as Event).count ?? 1)) return;
    out.push({
      t: sim.now,
      reason: e.reason ?? '',
      object: e.involvedObject.name ?? '',
      message: e.message ?? '',
    });
  });
  return out;
}

const nodeNames = (sim: Simulation) => sim.store.list('Node').map((n) => n.metadata?.name ?? '');
const running = (sim: Simulation, app: string) =>
  sim.store.list('Pod').filter((p) => p.metadata?.labels?.app === app && p.status?.phase === 'Running')
    .length;

describe('cluster-autoscaler', () => {
  it('each group starts at its minimum size, labelled with the group', () => {
    const sim = cluster([pool, { name: 'big', min: 2, max: 3 }]);
    expect(nodeNames(sim)).toEqual(['pool-1', 'big-1', 'big-2']);
    expect(sim.store.get('Node', undefined, 'big-2')?.metadata?.labels?.[NODE_GROUP_LABEL]).toBe('big');
  });

  it('scales up at the next scan for pods that would fit on a new node; the node registers after boot', () => {
    const sim = cluster();
    const ev = record(sim);
    deploy(sim, 'shop', 10, '300m'); // six fit on a 2-CPU node
    sim.runUntil(9);
    expect(ev).toEqual([]);
    sim.runUntil(10);
    expect(ev.map((e) => [e.t, e.reason, e.message])).toEqual(
      Array.from({ length: 4 }, () => [
        10,
        'TriggeredScaleUp',
        'pod triggered scale-up: [{pool 1->2 (max: 5)}]',
      ]),
    );
    const upcoming = autoscalerState(sim.store)?.upcoming ?? [];
    expect(upcoming.map((u) => u.name)).toEqual(['pool-2']);
    const at = upcoming[0]?.registerAt ?? 0;
    expect(at).toBeGreaterThanOrEqual(10 + BOOT_SECONDS_MIN);
    expect(at).toBeLessThanOrEqual(10 + BOOT_SECONDS_MAX);
    // No second scale-up while the node boots: the pending pods are waiting for it.
    sim.runUntil(at - 0.5);
    expect(nodeNames(sim)).toEqual(['pool-1']);
    expect(ev).toHaveLength(4);
    sim.runUntil(at);
    expect(nodeNames(sim)).toEqual(['pool-1', 'pool-2']);
    sim.runUntil(at + 15);
    expect(running(sim, 'shop')).toBe(10);
  });

  it('never grows a group beyond its max, and says so', () => {
    const sim = cluster([{ ...pool, max: 2 }]);
    const ev = record(sim);
    deploy(sim, 'shop', 16, '300m'); // needs 3 nodes
    sim.runUntil(10);
    expect(ev.filter((e) => e.reason === 'TriggeredScaleUp')[0]?.message).toBe(
      'pod triggered scale-up: [{pool 1->2 (max: 2)}]',
    );
    sim.runUntil(120);
    expect(nodeNames(sim)).toEqual(['pool-1', 'pool-2']);
    expect(ev.filter((e) => e.reason === 'NotTriggerScaleUp').map((e) => e.message)).toContain(
      "pod didn't trigger scale-up: 1 max node group size reached",
    );
  });

  it('does not scale up when no group could hold the pod', () => {
    const sim = cluster([pool, { ...pool, name: 'gpu', min: 0, max: 2, labels: { accelerator: 'gpu' } }]);
    const ev = record(sim);
    deploy(sim, 'report', 1, '3');
    deploy(sim, 'picky', 1, '100m', { nodeSelector: { disk: 'ssd' } });
    sim.runUntil(60);
    expect(nodeNames(sim)).toEqual(['pool-1']);
    expect(ev.filter((e) => e.reason === 'TriggeredScaleUp')).toEqual([]);
    const msgs = ev
      .filter((e) => e.reason === 'NotTriggerScaleUp')
      .map((e) => [e.object.split('-')[0], e.message]);
    expect(msgs).toEqual([
      ['report', "pod didn't trigger scale-up: 2 Insufficient cpu"],
      ['picky', "pod didn't trigger scale-up: 2 node(s) didn't match Pod's node affinity/selector"],
    ]);
  });

  it('picks the group whose nodes the pod fits: a node selector chooses the group', () => {
    const sim = cluster([pool, { name: 'gpu', min: 0, max: 2, labels: { accelerator: 'gpu' } }]);
    const ev = record(sim);
    deploy(sim, 'train', 1, '500m', { nodeSelector: { accelerator: 'gpu' } });
    sim.runUntil(10);
    expect(ev.map((e) => e.message)).toEqual(['pod triggered scale-up: [{gpu 0->1 (max: 2)}]']);
    sim.runUntil(80);
    expect(nodeNames(sim)).toEqual(['pool-1', 'gpu-1']);
  });

  it('drains and removes a node unneeded for 10 minutes, never below the minimum', () => {
    const sim = cluster();
    const ev = record(sim);
    deploy(sim, 'shop', 10, '300m');
    sim.runUntil(300);
    expect(nodeNames(sim)).toEqual(['pool-1', 'pool-2']);
    // Six replicas: the ReplicaSet removes pods from the fuller node first, leaving pool-1 at 2 pods (30 %).
    deploy(sim, 'shop', 6, '300m');
    sim.runUntil(320);
    const since = autoscalerState(sim.store)?.unneededSince['pool-1'];
    expect(since).toBe(310);
    sim.runUntil(909);
    expect(ev.filter((e) => e.reason === 'ScaleDown')).toEqual([]);
    sim.runUntil(910);
    const down = ev.filter((e) => e.reason === 'ScaleDown');
    expect(down[0]).toEqual({
      t: 910,
      reason: 'ScaleDown',
      object: 'pool-1',
      message: 'marked the node as toBeDeleted/unschedulable',
    });
    expect(down.slice(1).map((e) => e.message)).toEqual([
      'deleting pod for node scale down',
      'deleting pod for node scale down',
    ]);
    expect(sim.store.get('Node', undefined, 'pool-1')?.spec?.taints?.map((t) => [t.key, t.effect])).toEqual([
      [TO_BE_DELETED_TAINT, 'NoSchedule'],
    ]);
    sim.runUntil(960);
    expect(nodeNames(sim)).toEqual(['pool-2']);
    expect(running(sim, 'shop')).toBe(6);
    // Nothing runs at all: the last node stays (min 1).
    deploy(sim, 'shop', 0, '300m');
    sim.runUntil(3000);
    expect(nodeNames(sim)).toEqual(['pool-2']);
  });

  it('waits 10 minutes after any scale-up before removing anything (scale-down-delay-after-add)', () => {
    const gpu: NodeGroupSpec = { ...pool, name: 'gpu', min: 0, max: 2, labels: { accelerator: 'gpu' } };
    const sim = cluster([pool, gpu]);
    deploy(sim, 'shop', 10, '300m');
    sim.runUntil(100);
    deploy(sim, 'shop', 2, '300m'); // a pool node is unneeded from ~110 s: ripe at ~710 s
    sim.runUntil(650);
    deploy(sim, 'train', 1, '500m', { nodeSelector: { accelerator: 'gpu' } }); // scale-up at 660 s
    sim.runUntil(1250);
    expect(nodeNames(sim).filter((n) => n.startsWith('pool'))).toHaveLength(2);
    expect(autoscalerState(sim.store)?.lastScaleUp).toBe(660);
    sim.runUntil(1290);
    expect(nodeNames(sim).filter((n) => n.startsWith('pool'))).toHaveLength(1);
    expect(nodeNames(sim)).toContain('gpu-1');
    expect(running(sim, 'shop')).toBe(2);
  });
});
