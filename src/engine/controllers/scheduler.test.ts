import { describe, expect, it } from 'vitest';
import type { Event, Node, Pod } from '../api/types';
import type { Simulation } from '../sim/simulation';
import {
  findFeasibleNodes,
  numFeasibleNodesToFind,
  scheduler,
  schedulingVerdict,
  START_INDEX_KEY,
  UNSCHEDULABLE_KEY,
  verdictKey,
} from './scheduler';
import { reasonHistogram } from './scheduler/message';
import { CONTROL_PLANE_TAINT, createPods, makeNode, makePod, makeSim, nodeOf } from './scheduler/testkit';

function events(sim: Simulation, reason: string): Event[] {
  return sim.store.list('Event').filter((e) => e.reason === reason);
}

function podScheduled(sim: Simulation, name: string) {
  return sim.store.get('Pod', 'default', name)?.status?.conditions?.find((c) => c.type === 'PodScheduled');
}

function update(sim: Simulation, node: string, change: (n: Node) => Node): void {
  sim.act('test', () => sim.api.update('Node', change(sim.store.get('Node', undefined, node) as Node)));
}

const EXAMPLE =
  '0/3 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint(s), 1 node(s) were unschedulable. ' +
  'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.';

function exampleCluster(): Simulation {
  const sim = makeSim(
    [
      makeNode('control-plane', { taints: [CONTROL_PLANE_TAINT] }),
      makeNode('node-1', { unschedulable: true }),
      makeNode('node-2', { cpu: '4' }),
    ],
    [scheduler],
  );
  createPods(sim, makePod('busy', { nodeName: 'node-2', cpu: '3' }));
  return sim;
}

describe('scheduling a pod', () => {
  it('binds it, sets PodScheduled=True and records the Scheduled event', () => {
    const sim = makeSim([makeNode('node-1')], [scheduler]);
    createPods(sim, makePod('web-6d9f7c8b5-x2k4q'));
    expect(nodeOf(sim, 'web-6d9f7c8b5-x2k4q')).toBe('node-1');
    expect(podScheduled(sim, 'web-6d9f7c8b5-x2k4q')).toMatchObject({
      status: 'True',
      lastTransitionTime: '2026-01-01T09:00:00Z',
    });
    const [e] = events(sim, 'Scheduled');
    expect(e).toMatchObject({
      type: 'Normal',
      message: 'Successfully assigned default/web-6d9f7c8b5-x2k4q to node-1',
      source: { component: 'default-scheduler' },
      involvedObject: { kind: 'Pod', name: 'web-6d9f7c8b5-x2k4q', namespace: 'default' },
    });
  });

  it('ignores pods for another scheduler', () => {
    const sim = makeSim([makeNode('node-1')], [scheduler]);
    createPods(sim, makePod('p', { spec: { schedulerName: 'my-scheduler' } }));
    expect(nodeOf(sim, 'p')).toBeUndefined();
    expect(sim.store.list('Event')).toEqual([]);
  });

  it('leaves pods with scheduling gates alone (PodScheduled=False SchedulingGated)', () => {
    const sim = makeSim([makeNode('node-1')], [scheduler]);
    createPods(sim, makePod('p', { spec: { schedulingGates: [{ name: 'wait' }] } }));
    expect(nodeOf(sim, 'p')).toBeUndefined();
    expect(podScheduled(sim, 'p')).toMatchObject({ status: 'False', reason: 'SchedulingGated' });
    expect(events(sim, 'FailedScheduling')).toEqual([]);
  });
});

describe('FailedScheduling', () => {
  it('gives the exact message for a tainted control plane, a cordoned node and a node short of CPU', () => {
    const sim = exampleCluster();
    createPods(sim, makePod('web', { cpu: '2' }));
    expect(nodeOf(sim, 'web')).toBeUndefined();
    const [e] = events(sim, 'FailedScheduling');
    expect(e).toMatchObject({
      type: 'Warning',
      message: EXAMPLE,
      source: { component: 'default-scheduler' },
    });
    expect(podScheduled(sim, 'web')).toMatchObject({
      status: 'False',
      reason: 'Unschedulable',
      message: EXAMPLE,
    });
  });

  it('keeps the per-node verdict in the runtime table for "why Pending"', () => {
    const sim = exampleCluster();
    createPods(sim, makePod('web', { cpu: '2' }));
    const v = schedulingVerdict(sim.store, 'default', 'web');
    expect(v).toMatchObject({
      attempts: 1,
      lastAttempt: 0,
      message: EXAMPLE,
      nodes: {
        'control-plane': ['node(s) had untolerated taint(s)'],
        'node-1': ['node(s) were unschedulable'],
        'node-2': ['Insufficient cpu'],
      },
    });
    expect(sim.store.getRuntime(verdictKey('default', 'web'))).toBe(v);
    expect(sim.store.getRuntime(UNSCHEDULABLE_KEY)).toEqual(['default/web']);
  });

  it('sorts the histogram as plain strings: "10 …" before "2 …", "Insufficient" before "node(s)"', () => {
    expect(reasonHistogram([['node(s) x'], ['Insufficient cpu']])).toEqual([
      '1 Insufficient cpu',
      '1 node(s) x',
    ]);
    const nodes = Array.from({ length: 12 }, (_, i) =>
      makeNode(`n${i}`, i < 10 ? { unschedulable: true } : { cpu: '2' }),
    );
    const sim = makeSim(nodes, [scheduler]);
    createPods(
      sim,
      makePod('x10', { nodeName: 'n10', cpu: '1' }),
      makePod('x11', { nodeName: 'n11', cpu: '1' }),
    );
    createPods(sim, makePod('p', { cpu: '2' }));
    expect(events(sim, 'FailedScheduling')[0]?.message).toBe(
      '0/12 nodes are available: 10 node(s) were unschedulable, 2 Insufficient cpu. ' +
        'preemption: 0/12 nodes are available: 10 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('counts a node short of cpu and memory under each; a request above allocatable is not helped by preemption', () => {
    const sim = makeSim([makeNode('a', { cpu: '2', memory: '2Gi' })], [scheduler]);
    createPods(sim, makePod('x', { nodeName: 'a', cpu: '1500m', memory: '1536Mi' }));
    createPods(sim, makePod('p', { cpu: '1', memory: '1Gi' }));
    expect(events(sim, 'FailedScheduling')[0]?.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
    createPods(sim, makePod('huge', { cpu: '3' }));
    expect(schedulingVerdict(sim.store, 'default', 'huge')?.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });
});

describe('retrying unschedulable pods', () => {
  it('retries when the node is uncordoned (after the 1 s back-off) and clears the verdict', () => {
    const sim = makeSim([makeNode('a', { unschedulable: true })], [scheduler]);
    createPods(sim, makePod('p'));
    expect(nodeOf(sim, 'p')).toBeUndefined();
    update(sim, 'a', (n) => ({ ...n, spec: { ...n.spec, unschedulable: false } }));
    expect(nodeOf(sim, 'p')).toBeUndefined();
    sim.runUntil(1);
    expect(nodeOf(sim, 'p')).toBe('a');
    expect(podScheduled(sim, 'p')).toMatchObject({
      status: 'True',
      lastTransitionTime: '2026-01-01T09:00:01Z',
    });
    expect(schedulingVerdict(sim.store, 'default', 'p')).toBeUndefined();
    expect(sim.store.getRuntime(UNSCHEDULABLE_KEY)).toEqual([]);
  });

  it('retries when a pod on the node is deleted', () => {
    const sim = makeSim([makeNode('a', { cpu: '1' })], [scheduler]);
    createPods(sim, makePod('x', { nodeName: 'a', cpu: '800m' }), makePod('p', { cpu: '500m' }));
    sim.runUntil(5);
    expect(nodeOf(sim, 'p')).toBeUndefined();
    sim.act('test', () => sim.api.delete('Pod', 'default', 'x', { gracePeriodSeconds: 0 }));
    sim.runUntil(5);
    expect(nodeOf(sim, 'p')).toBe('a');
  });

  it('retries when a pod becomes terminal (Succeeded) and frees its requests', () => {
    const sim = makeSim([makeNode('a', { cpu: '1' })], [scheduler]);
    createPods(sim, makePod('job', { nodeName: 'a', cpu: '800m' }), makePod('p', { cpu: '500m' }));
    sim.runUntil(20);
    const job = sim.store.get('Pod', 'default', 'job') as Pod;
    sim.act('test', () => sim.api.updateStatus('Pod', { ...job, status: { phase: 'Succeeded' } }));
    sim.runUntil(20);
    expect(nodeOf(sim, 'p')).toBe('a');
  });

  it("retries when an existing pod's labels change (anti-affinity)", () => {
    const sim = makeSim([makeNode('a')], [scheduler]);
    const anti = makePod('p', {
      spec: {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' },
            ],
          },
        },
      },
    });
    createPods(sim, makePod('w', { nodeName: 'a', labels: { app: 'web' } }), anti);
    expect(schedulingVerdict(sim.store, 'default', 'p')?.nodes).toEqual({
      a: ["node(s) didn't match pod anti-affinity rules"],
    });
    const w = sim.store.get('Pod', 'default', 'w') as Pod;
    sim.act('test', () =>
      sim.api.update('Pod', { ...w, metadata: { ...w.metadata, labels: { app: 'db' } } }),
    );
    sim.runUntil(1);
    expect(nodeOf(sim, 'p')).toBe('a');
  });

  it('does not retry on events that cannot help (a taint-rejected pod and a deleted pod)', () => {
    const sim = makeSim([makeNode('a', { taints: [CONTROL_PLANE_TAINT] })], [scheduler]);
    createPods(sim, makePod('x', { nodeName: 'a' }), makePod('p'));
    sim.act('test', () => sim.api.delete('Pod', 'default', 'x', { gracePeriodSeconds: 0 }));
    sim.runUntil(60);
    expect(schedulingVerdict(sim.store, 'default', 'p')?.attempts).toBe(1);
  });

  it('retries every 5 minutes even without a cluster change', () => {
    const sim = makeSim([makeNode('a', { unschedulable: true })], [scheduler]);
    createPods(sim, makePod('p'));
    sim.runUntil(299);
    expect(schedulingVerdict(sim.store, 'default', 'p')?.attempts).toBe(1);
    sim.runUntil(300);
    expect(schedulingVerdict(sim.store, 'default', 'p')).toMatchObject({ attempts: 2, lastAttempt: 300 });
    expect(events(sim, 'FailedScheduling')[0]?.count).toBe(2);
    sim.runUntil(900);
    expect(schedulingVerdict(sim.store, 'default', 'p')?.attempts).toBe(4);
  });
});

describe('choosing among equal nodes', () => {
  const bindWithSeed = (seed: number): string | undefined => {
    const sim = makeSim([makeNode('a'), makeNode('b'), makeNode('c'), makeNode('d')], [scheduler], seed);
    createPods(sim, makePod('p'));
    return nodeOf(sim, 'p');
  };

  it('is deterministic for a seed and breaks ties at random across seeds', () => {
    expect(bindWithSeed(7)).toBe(bindWithSeed(7));
    const chosen = new Set(Array.from({ length: 24 }, (_, i) => bindWithSeed(i + 1)));
    expect(chosen.size).toBeGreaterThan(2);
  });
});

describe('large clusters', () => {
  it('scores an adaptive share of nodes: all up to 100, then (50 − n/125)% with floors of 5% and 100', () => {
    expect([50, 100, 200, 1000, 5000, 6000].map(numFeasibleNodesToFind)).toEqual([
      50, 100, 100, 420, 500, 300,
    ]);
  });

  it('rotates where the search for feasible nodes starts, and keeps it in the runtime table', () => {
    const nodes = Array.from({ length: 150 }, (_, i) => makeNode(`n${String(i).padStart(3, '0')}`));
    const sim = makeSim(nodes, [scheduler]);
    createPods(sim, makePod('p1'));
    expect(sim.store.getRuntime(START_INDEX_KEY)).toBe(100);
    expect(Number(nodeOf(sim, 'p1')?.slice(1))).toBeLessThan(100);
    const second = findFeasibleNodes(sim.store, makePod('p2'));
    expect(second.feasible[0]?.name).toBe('n100');
    expect(second.feasible.map((f) => f.name)).toContain('n049');
    expect(sim.store.getRuntime(START_INDEX_KEY)).toBe(50);
  });
});

describe('derived cache', () => {
  it('is rebuilt after a snapshot restore (same answers cold or warm)', () => {
    const sim = makeSim([makeNode('a', { cpu: '4' })], [scheduler]);
    const snap = sim.snapshot();
    createPods(sim, makePod('first', { cpu: '3' }));
    expect(nodeOf(sim, 'first')).toBe('a');
    // Warm the cache with node a holding 3 cpu.
    expect(findFeasibleNodes(sim.store, makePod('probe', { cpu: '2' })).failures.get('a')?.reasons).toEqual([
      'Insufficient cpu',
    ]);
    sim.restore(snap);
    createPods(sim, makePod('second', { cpu: '3' }));
    expect(nodeOf(sim, 'second')).toBe('a');
    const cold = makeSim([makeNode('a', { cpu: '4' })], [scheduler]);
    createPods(cold, makePod('second', { cpu: '3' }));
    expect(sim.store.get('Pod', 'default', 'second')?.spec).toEqual(
      cold.store.get('Pod', 'default', 'second')?.spec,
    );
  });
});
