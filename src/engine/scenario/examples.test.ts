/**
 * Every file in examples/ loads, runs, and tells the story its opening comment promises. These runs use
 * every controller, so they are the integration tests of the whole engine.
 */
import { describe, expect, it } from 'vitest';
import type { Event } from '../api/types';
import type { ClusterState } from '../world/observe';
import { observe } from '../world/observe';
import { loadSimulation } from './build';

const files = import.meta.glob('../../../examples/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

function example(name: string): string {
  const text = files[`../../../examples/${name}.yaml`];
  if (text === undefined) throw new Error(`examples/${name}.yaml is missing`);
  return text;
}

interface SeenEvent {
  readonly t: number;
  readonly type: string;
  readonly reason: string;
  readonly object: string;
  readonly message: string;
}

/** Run a scenario, recording events as the runner prints them and the state every `every` seconds. */
function play(text: string, until: number, every = 1): { events: SeenEvent[]; at(t: number): ClusterState } {
  const { sim } = loadSimulation(text);
  const events: SeenEvent[] = [];
  const record = (e: Event) => {
    const o = e.involvedObject;
    events.push({
      t: sim.now,
      type: e.type ?? '',
      reason: e.reason ?? '',
      object: o.namespace
        ? `${o.kind ?? ''}/${o.namespace}/${o.name ?? ''}`
        : `${o.kind ?? ''}/${o.name ?? ''}`,
      message: e.message ?? '',
    });
  };
  for (const e of sim.store.list('Event')) record(e);
  sim.store.onDiff((d) => {
    if (d.type === 'added' && d.kind === 'Event') record(d.to as Event);
    if (
      d.type === 'updated' &&
      d.kind === 'Event' &&
      ((d.to as Event).count ?? 1) > ((d.from as Event).count ?? 1)
    ) {
      record(d.to as Event);
    }
  });
  const states = new Map<number, ClusterState>();
  for (let t = 0; t <= until; t += every) {
    sim.runUntil(t);
    states.set(t, observe(sim.store));
  }
  return {
    events,
    at: (t) => {
      const s = states.get(t);
      if (!s) throw new Error(`no state sampled at ${t}s`);
      return s;
    },
  };
}

const live = (s: ClusterState) => s.pods.filter((p) => p.status !== 'Terminating');

describe('examples', () => {
  it('every example loads', () => {
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(6);
    for (const [file, text] of Object.entries(files)) {
      expect(() => loadSimulation(text), file).not.toThrow();
    }
  });

  it('self-healing: a crashed container restarts in place, a deleted pod is replaced', () => {
    const run = play(example('self-healing'), 120);
    const ready = (t: number) => run.at(t).pods.filter((p) => p.ready && p.status === 'Running');
    expect(ready(20)).toHaveLength(3);
    const before = run.at(29).pods.map((p) => p.name);
    // The crash: same pods, one restart.
    const after = run.at(45);
    expect(after.pods.map((p) => p.name)).toEqual(before);
    expect(after.pods.map((p) => p.restarts).sort()).toEqual([0, 0, 1]);
    expect(after.pods.every((p) => p.ready)).toBe(true);
    // The delete: a replacement is created at once and becomes ready.
    expect(run.events.some((e) => e.t === 60 && e.reason === 'SuccessfulCreate')).toBe(true);
    const end = run.at(120);
    expect(live(end)).toHaveLength(3);
    expect(end.pods.every((p) => p.ready)).toBe(true);
    expect(end.pods.filter((p) => !before.includes(p.name))).toHaveLength(1);
    expect(end.deployments[0]).toMatchObject({ name: 'shop', availableReplicas: 3 });
    expect(end.services[0]?.endpoints).toHaveLength(3);
    expect(end.traffic).toEqual([{ service: 'shop', requestsPerSecond: 20, errorsPerSecond: 0 }]);
  });

  it('crash-loop: the containers restart with growing back-off and the pods show CrashLoopBackOff', () => {
    const run = play(example('crash-loop'), 300);
    expect(run.events.filter((e) => e.reason === 'BackOff' && e.type === 'Warning').length).toBeGreaterThan(
      2,
    );
    const s = run.at(120);
    expect(s.pods.map((p) => p.status)).toEqual(['CrashLoopBackOff', 'CrashLoopBackOff']);
    expect(Math.min(...s.pods.map((p) => p.restarts))).toBeGreaterThanOrEqual(3);
    expect(run.at(300).deployments[0]?.availableReplicas).toBe(0);
  });

  it('node-loss: NotReady after the grace period, eviction after 300 s, recovery', () => {
    const run = play(example('node-loss'), 480);
    const node2 = (t: number) => run.at(t).nodes.find((n) => n.name === 'node-2');
    expect(node2(60)?.ready).toBe('True');
    expect(node2(90)?.ready).toBe('Unknown');
    expect(node2(90)?.taints).toContain('node.kubernetes.io/unreachable:NoExecute');
    const onNode2 = run.at(90).pods.filter((p) => p.node === 'node-2');
    expect(onNode2.length).toBeGreaterThan(0);
    expect(onNode2.every((p) => !p.ready)).toBe(true);
    expect(run.at(90).services[0]?.endpoints).toHaveLength(6 - onNode2.length);
    const evictions = run.events.filter((e) => e.reason === 'TaintManagerEviction');
    expect(evictions).toHaveLength(onNode2.length);
    for (const e of evictions) expect(e.t).toBeGreaterThanOrEqual(375);
    for (const e of evictions) expect(e.t).toBeLessThanOrEqual(390);
    const replaced = run.at(400);
    expect(replaced.pods.filter((p) => p.ready && p.node !== 'node-2')).toHaveLength(6);
    expect(node2(480)).toEqual({ name: 'node-2', ready: 'True', unschedulable: false, taints: [] });
    expect(live(run.at(480))).toHaveLength(6);
  });

  it('rolling-update: a second ReplicaSet takes over within the surge and unavailability bounds', () => {
    const run = play(example('rolling-update'), 180);
    expect(run.at(59).replicaSets).toHaveLength(1);
    for (let t = 60; t <= 120; t++) {
      const s = run.at(t);
      expect(live(s).length, `pods at ${t}s`).toBeLessThanOrEqual(5);
      expect(s.deployments[0]?.availableReplicas, `available at ${t}s`).toBeGreaterThanOrEqual(3);
    }
    const end = run.at(180);
    expect(end.deployments[0]).toMatchObject({
      replicas: 4,
      updatedReplicas: 4,
      availableReplicas: 4,
      revision: 2,
    });
    expect(end.replicaSets.map((r) => [r.image, r.replicas, r.revision]).sort()).toEqual([
      ['shop:1.0', 0, 1],
      ['shop:1.1', 4, 2],
    ]);
    expect(
      run.events.filter((e) => e.reason === 'ScalingReplicaSet' && e.t >= 60).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('bad-rollout: the broken version stalls, the old template rolls it back', () => {
    const run = play(example('bad-rollout'), 300);
    const stalled = run.at(150);
    const broken = stalled.replicaSets.find((r) => r.image === 'shop:1.1-broken');
    const good = stalled.replicaSets.find((r) => r.image === 'shop:1.0');
    expect(broken?.availableReplicas).toBe(0);
    expect(good?.availableReplicas).toBe(3);
    expect(stalled.deployments[0]?.availableReplicas).toBe(3);
    expect(stalled.pods.some((p) => p.status === 'CrashLoopBackOff')).toBe(true);
    const end = run.at(300);
    expect(end.deployments[0]).toMatchObject({ availableReplicas: 4, revision: 3 });
    expect(end.replicaSets.find((r) => r.image === 'shop:1.0')).toMatchObject({ replicas: 4, revision: 3 });
    expect(end.replicaSets.find((r) => r.image === 'shop:1.1-broken')?.replicas).toBe(0);
    expect(end.pods.every((p) => p.status === 'Running' && p.ready)).toBe(true);
  });

  it('unschedulable: Pending with FailedScheduling until a smaller request is applied', () => {
    const run = play(example('unschedulable'), 120);
    const failed = run.events.find((e) => e.reason === 'FailedScheduling');
    expect(failed?.type).toBe('Warning');
    expect(failed?.message).toMatch(/^0\/3 nodes are available: 3 Insufficient cpu\./);
    const pending = run.at(30).pods;
    expect(pending.map((p) => [p.status, p.node])).toEqual([
      ['Pending', null],
      ['Pending', null],
    ]);
    const end = run.at(120);
    expect(end.pods.map((p) => [p.status, p.ready])).toEqual([
      ['Running', true],
      ['Running', true],
    ]);
    expect(end.deployments[0]?.availableReplicas).toBe(2);
  });
});
