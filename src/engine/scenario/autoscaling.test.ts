/**
 * The two autoscaling examples tell the story their opening comments promise, and the Scenario's
 * `spec.autoscaler` is checked like the rest of the file.
 */
import { describe, expect, it } from 'vitest';
import type { Event } from '../api/types';
import type { ClusterState } from '../world/observe';
import { observe } from '../world/observe';
import { loadSimulation } from './build';
import { ScenarioError } from '../base/diagnostics';
import { loadScenario } from './validate';

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

interface Seen {
  readonly t: number;
  readonly reason: string;
  readonly object: string;
  readonly message: string;
}

function play(text: string, until: number, every: number): { events: Seen[]; at(t: number): ClusterState } {
  const { sim } = loadSimulation(text);
  const events: Seen[] = [];
  sim.store.onDiff((d) => {
    if (d.type === 'runtime' || d.kind !== 'Event' || d.type === 'removed') return;
    const e = d.to as Event;
    if (d.type === 'updated' && (e.count ?? 1) <= ((d.from as Event).count ?? 1)) return;
    events.push({
      t: sim.now,
      reason: e.reason ?? '',
      object: `${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}`,
      message: e.message ?? '',
    });
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
      if (!s) throw new Error(`no state at ${t}s`);
      return s;
    },
  };
}

describe('examples/hpa-load-spike.yaml', () => {
  const run = play(example('hpa-load-spike'), 960, 15);
  const hpa = (t: number) => run.at(t).hpas[0];
  const rescales = run.events.filter((e) => e.reason === 'SuccessfulRescale');

  it('holds 2 replicas at 55 % (inside the tolerance) before the spike', () => {
    expect(hpa(105)).toEqual({
      namespace: 'default',
      name: 'web',
      currentReplicas: 2,
      desiredReplicas: 2,
      currentUtilization: 55,
    });
    expect(rescales.filter((e) => e.t < 120)).toEqual([]);
  });

  it('scales 2 → 4 → 8 → 10 after the spike, doubling at most per step', () => {
    const up = rescales.filter((e) => e.t >= 120 && e.t < 480);
    expect(up.map((e) => e.message)).toEqual([
      'New size: 4; reason: cpu resource utilization (percentage of request) above target',
      'New size: 8; reason: cpu resource utilization (percentage of request) above target',
      'New size: 10; reason: cpu resource utilization (percentage of request) above target',
    ]);
    expect(up[0]?.t).toBeLessThanOrEqual(150);
    expect(hpa(300)).toMatchObject({ currentReplicas: 10, desiredReplicas: 10, currentUtilization: 65 });
    expect(run.at(300).pods.filter((p) => p.ready)).toHaveLength(10);
  });

  it('keeps 10 replicas for 5 minutes after the spike ends, then scales down', () => {
    expect(hpa(495)?.currentUtilization).toBe(15);
    const down = rescales.filter((e) => e.t >= 480);
    expect(down.map((e) => e.message)).toEqual(['New size: 3; reason: All metrics below target']);
    // The last proposal of 10 came at the last sync before 480 s; it holds for 300 s more.
    expect(down[0]?.t).toBeGreaterThanOrEqual(480 + 300 - 15);
    expect(down[0]?.t).toBeLessThanOrEqual(480 + 300 + 15);
    expect(hpa(960)).toMatchObject({ currentReplicas: 3, desiredReplicas: 3 });
  });
});

describe('examples/cluster-autoscaler.yaml', () => {
  const run = play(example('cluster-autoscaler'), 1200, 10);
  const nodes = (t: number) => run.at(t).nodes.map((n) => n.name);

  it('scales the pool up for the pending shop pods at the first scan', () => {
    expect(nodes(0)).toEqual(['pool-1']);
    const up = run.events.filter((e) => e.reason === 'TriggeredScaleUp');
    expect(up).toHaveLength(4);
    expect(
      up.every((e) => e.t === 10 && e.message === 'pod triggered scale-up: [{pool 1->2 (max: 5)}]'),
    ).toBe(true);
    const registered = [40, 50, 60, 70].find((t) => nodes(t).includes('pool-2'));
    expect(registered).toBeDefined();
    const shop = run.at(120).pods.filter((p) => p.name.startsWith('shop-'));
    expect(shop.filter((p) => p.ready)).toHaveLength(10);
  });

  it('never scales up for the pod no node of the group could hold', () => {
    const report = run.events.filter((e) => e.object.startsWith('Pod/report-'));
    expect(report.filter((e) => e.reason === 'TriggeredScaleUp')).toEqual([]);
    expect(report.find((e) => e.reason === 'NotTriggerScaleUp')?.message).toBe(
      "pod didn't trigger scale-up: 1 Insufficient cpu",
    );
    expect(run.at(1200).pods.find((p) => p.name.startsWith('report-'))?.status).toBe('Pending');
  });

  it('drains and removes the emptied node after 10 minutes unneeded, keeping the minimum', () => {
    const down = run.events.filter((e) => e.reason === 'ScaleDown');
    expect(down[0]).toMatchObject({
      object: 'Node/pool-1',
      message: 'marked the node as toBeDeleted/unschedulable',
    });
    expect(down[0]?.t).toBe(910);
    expect(down.slice(1).map((e) => e.message)).toEqual([
      'deleting pod for node scale down',
      'deleting pod for node scale down',
    ]);
    expect(nodes(900)).toEqual(['pool-1', 'pool-2']);
    expect(nodes(960)).toEqual(['pool-2']);
    expect(nodes(1200)).toEqual(['pool-2']);
    const shop = run.at(1200).pods.filter((p) => p.name.startsWith('shop-'));
    expect(shop.map((p) => [p.node, p.ready])).toEqual(Array.from({ length: 6 }, () => ['pool-2', true]));
  });
});

describe('spec.autoscaler', () => {
  const scenario = (autoscaler: string, nodes = '') =>
    `apiVersion: setpoint.dev/v1alpha1\nkind: Scenario\nspec:\n${nodes}  autoscaler:\n${autoscaler}`;
  const problems = (text: string): string[] => {
    try {
      loadScenario(text);
      return [];
    } catch (e) {
      if (e instanceof ScenarioError) return e.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`);
      throw e;
    }
  };

  it('loads node groups with their template', () => {
    const s = loadScenario(
      scenario(
        '    nodeGroups:\n      - {name: pool, min: 1, max: 3, capacity: {cpu: "2"}, labels: {tier: web}, taints: [{key: spot, value: "true", effect: NoSchedule}]}\n',
      ),
    );
    expect(s.autoscaler).toEqual({
      nodeGroups: [
        {
          name: 'pool',
          min: 1,
          max: 3,
          capacity: { cpu: '2' },
          labels: { tier: 'web' },
          taints: [{ key: 'spot', value: 'true', effect: 'NoSchedule' }],
        },
      ],
    });
  });

  it('reports bad groups at their lines', () => {
    expect(problems(scenario('    nodeGroups:\n      - {name: pool, min: 3, max: 2}\n'))).toEqual([
      '6:35: spec.autoscaler.nodeGroups[0].max: Invalid value: 2: must be greater than or equal to min',
    ]);
    expect(problems(scenario('    nodeGroups:\n      - {name: Pool, min: 0, max: 2, size: 1}\n'))).toEqual([
      '6:16: spec.autoscaler.nodeGroups[0].name: Invalid value: "Pool": must be a lowercase RFC 1123 label of at most 50 characters (its nodes are named <name>-1, <name>-2, ...)',
      '6:38: unknown field "size" in a node group (supported fields: capacity, labels, max, min, name, taints)',
    ]);
    expect(
      problems(
        scenario('    nodeGroups:\n      - {name: pool, min: 0, max: 2}\n', '  nodes: [{name: pool-1}]\n'),
      ),
    ).toEqual([
      '7:16: spec.autoscaler.nodeGroups[0].name: Invalid value: "pool": node "pool-1" in spec.nodes would clash with this group\'s node names',
    ]);
  });
});
