import { describe, expect, it } from 'vitest';
import type { Node, Pod, ReplicaSet } from '../../api/types';
import type { Simulation } from '../../sim/simulation';
import { scheduler } from '../scheduler';
import { nodeInfo } from './nodeinfo';
import { balancedAllocationScore, leastAllocatedScore, scoreNodes, SCORE_WEIGHTS } from './scores';
import type { NodeScore, ScorePlugin } from './scores';
import { createPods, makeNode, makePod, makeSim, nodeOf } from './testkit';

function seed(nodes: Node[], pods: Pod[] = []): Simulation {
  const sim = makeSim(nodes, []);
  sim.act('test', () => pods.forEach((p) => sim.api.create('Pod', p)));
  return sim;
}

function scores(sim: Simulation, pod: Pod): NodeScore[] {
  return scoreNodes(
    sim.store,
    pod,
    sim.store.list('Node').map((n) => nodeInfo(sim.store, n)),
  );
}

function plugin(sim: Simulation, pod: Pod, p: ScorePlugin): Record<string, number> {
  return Object.fromEntries(scores(sim, pod).map((s) => [s.node, s.plugins[p]]));
}

const webRs: ReplicaSet = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web-6d9f7c8b5', namespace: 'default' },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
    },
  },
};

describe('NodeResourcesFit LeastAllocated', () => {
  it('uses non-zero requests: a container without requests counts 100m and 200Mi', () => {
    // Node 1000m / 2Gi. Existing pod asks 300m and no memory (=> 200Mi); the new pod asks nothing (=> 100m, 200Mi).
    // cpu (1000-400)*100/1000 = 60; memory (2048-400)*100/2048 = 80.47 -> 80; (60+80)/2 = 70.
    const sim = seed(
      [makeNode('a', { cpu: '1', memory: '2Gi' })],
      [makePod('x', { nodeName: 'a', cpu: '300m' })],
    );
    const info = nodeInfo(sim.store, sim.store.list('Node')[0] as Node);
    expect(leastAllocatedScore(makePod('p'), info)).toBe(70);
    // With real requests: cpu 300+250 -> 45, memory 1024Mi -> 50 ... but the 200Mi default of x stays: (2048-1224)*100/2048 = 40.2 -> 40.
    expect(leastAllocatedScore(makePod('p', { cpu: '250m', memory: '1Gi' }), info)).toBe(
      Math.trunc((45 + 40) / 2),
    );
  });

  it('scores 0 for a resource whose requests exceed allocatable', () => {
    const sim = seed(
      [makeNode('a', { cpu: '1', memory: '2Gi' })],
      [makePod('x', { nodeName: 'a', cpu: '2' })],
    );
    const info = nodeInfo(sim.store, sim.store.list('Node')[0] as Node);
    // cpu 0; memory (2048 - 400)*100/2048 -> 80; (0 + 80) / 2 = 40.
    expect(leastAllocatedScore(makePod('p'), info)).toBe(40);
  });
});

describe('NodeResourcesBalancedAllocation', () => {
  it('is 100 × (1 − |f_cpu − f_mem| / 2) on real requests, truncated', () => {
    // Node 1000m / 2Gi; existing 300m (no memory); new pod 200m / 512Mi -> f_cpu 0.5, f_mem 0.25, std 0.125 -> 87.5 -> 87.
    const sim = seed(
      [makeNode('a', { cpu: '1', memory: '2Gi' })],
      [makePod('x', { nodeName: 'a', cpu: '300m' })],
    );
    const pod = makePod('p', { cpu: '200m', memory: '512Mi' });
    expect(balancedAllocationScore(pod, nodeInfo(sim.store, sim.store.list('Node')[0] as Node))).toBe(87);
    expect(plugin(sim, pod, 'NodeResourcesBalancedAllocation')).toEqual({ a: 87 });
  });

  it('caps each fraction at 1', () => {
    const sim = seed(
      [makeNode('a', { cpu: '1', memory: '2Gi' })],
      [makePod('x', { nodeName: 'a', cpu: '3' })],
    );
    // f_cpu = min(1, 3.1) = 1, f_mem = 0.5 -> std 0.25 -> 75.
    expect(
      plugin(sim, makePod('p', { cpu: '100m', memory: '1Gi' }), 'NodeResourcesBalancedAllocation'),
    ).toEqual({ a: 75 });
  });

  it('is skipped (0 everywhere) for a best-effort pod', () => {
    const sim = seed(
      [makeNode('a', { cpu: '1', memory: '2Gi' })],
      [makePod('x', { nodeName: 'a', cpu: '300m' })],
    );
    expect(plugin(sim, makePod('p'), 'NodeResourcesBalancedAllocation')).toEqual({ a: 0 });
  });
});

describe('TaintToleration', () => {
  const soft = (key: string) => ({ key, effect: 'PreferNoSchedule' });
  const sim = seed([
    makeNode('a'),
    makeNode('b', { taints: [soft('k1')] }),
    makeNode('c', { taints: [soft('k1'), soft('k2'), soft('k3')] }),
  ]);

  it('counts untolerated PreferNoSchedule taints and normalises in reverse: 100 − raw×100/max', () => {
    // raw 0, 1, 3 -> 100, 100 - 33 = 67, 0
    expect(plugin(sim, makePod('p'), 'TaintToleration')).toEqual({ a: 100, b: 67, c: 0 });
  });

  it('tolerated taints do not count; with max 0 every node scores 100', () => {
    const pod = makePod('p', { spec: { tolerations: [{ operator: 'Exists', effect: 'PreferNoSchedule' }] } });
    expect(plugin(sim, pod, 'TaintToleration')).toEqual({ a: 100, b: 100, c: 100 });
    const one = makePod('p', { spec: { tolerations: [{ key: 'k1', operator: 'Exists' }] } });
    // raw 0, 0, 2 -> 100, 100, 0
    expect(plugin(sim, one, 'TaintToleration')).toEqual({ a: 100, b: 100, c: 0 });
  });
});

describe('NodeAffinity (preferred)', () => {
  it('sums the weights of matching terms and normalises by the maximum', () => {
    const sim = seed([
      makeNode('a', { labels: { disk: 'ssd' } }),
      makeNode('b', { labels: { disk: 'ssd', gpu: 'yes' } }),
      makeNode('c'),
    ]);
    const pod = makePod('p', {
      spec: {
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 20,
                preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] },
              },
              { weight: 60, preference: { matchExpressions: [{ key: 'gpu', operator: 'Exists' }] } },
            ],
          },
        },
      },
    });
    // raw 20, 80, 0 -> 25, 100, 0
    expect(plugin(sim, pod, 'NodeAffinity')).toEqual({ a: 25, b: 100, c: 0 });
    expect(plugin(sim, makePod('q'), 'NodeAffinity')).toEqual({ a: 0, b: 0, c: 0 });
  });
});

describe('PodTopologySpread scoring with the system default constraints', () => {
  const web = (name: string, node?: string): Pod =>
    makePod(name, { labels: { app: 'web' }, ...(node ? { nodeName: node } : {}) });

  it('applies hostname maxSkew 3 (zone ignored without zone labels) to a pod selected by a ReplicaSet', () => {
    const sim = seed(
      [makeNode('a'), makeNode('b'), makeNode('c')],
      [web('w1', 'a'), web('w2', 'a'), web('w3', 'b')],
    );
    // Without an owner object the pod has no default constraints: the plugin is skipped.
    expect(plugin(sim, web('p'), 'PodTopologySpread')).toEqual({ a: 0, b: 0, c: 0 });
    sim.act('test', () => sim.api.create('ReplicaSet', webRs));
    // weight ln(3 + 2); raw a = round(2×1.609 + 2) = 5, b = round(1.609 + 2) = 4, c = 2
    // normalised 100 × (max + min − raw) / max: a 40, b 60, c 100
    expect(plugin(sim, web('p'), 'PodTopologySpread')).toEqual({ a: 40, b: 60, c: 100 });
  });

  it('uses a Service selector too, and zone domains when nodes have zones', () => {
    const z = (zone: string) => ({ labels: { 'topology.kubernetes.io/zone': zone } });
    const sim = seed(
      [makeNode('a', z('z1')), makeNode('b', z('z1')), makeNode('c', z('z2'))],
      [web('w1', 'a'), web('w2', 'b')],
    );
    sim.act('test', () =>
      sim.api.create('Service', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: 'default' },
        spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
      }),
    );
    // hostname: weight ln 5 = 1.609, counts 1, 1, 0, maxSkew 3 -> +2
    // zone: 2 domains, weight ln 4 = 1.386, counts z1 2, z2 0, maxSkew 5 -> +4
    // raw a = round(1.609 + 2 + 2.773 + 4) = 10, b = 10, c = round(2 + 4) = 6; normalised: a 60, b 60, c 100
    expect(plugin(sim, web('p'), 'PodTopologySpread')).toEqual({ a: 60, b: 60, c: 100 });
  });

  it('spreads 3 replicas over 3 nodes even when resources prefer one node', () => {
    const nodes = [makeNode('big', { cpu: '16', memory: '32Gi' }), makeNode('b'), makeNode('c')];
    const plain = makeSim(nodes, [scheduler]);
    createPods(plain, web('w1'), web('w2'), web('w3'));
    expect(['w1', 'w2', 'w3'].map((n) => nodeOf(plain, n))).toEqual(['big', 'big', 'big']);

    const spread = makeSim(nodes, [scheduler]);
    spread.act('test', () => spread.api.create('ReplicaSet', webRs));
    createPods(spread, web('w1'), web('w2'), web('w3'));
    expect(new Set(['w1', 'w2', 'w3'].map((n) => nodeOf(spread, n)))).toEqual(new Set(['big', 'b', 'c']));
  });
});

describe('InterPodAffinity (preferred)', () => {
  it('adds preferred affinity weights and subtracts anti-affinity per topology, normalised min..max', () => {
    const zone = (z: string) => ({ labels: { zone: z } });
    const sim = seed(
      [makeNode('a', zone('z1')), makeNode('b', zone('z1')), makeNode('c', zone('z2'))],
      [
        makePod('cache', { nodeName: 'a', labels: { app: 'cache' } }),
        makePod('w', { nodeName: 'b', labels: { app: 'web' } }),
      ],
    );
    const pod = makePod('p', {
      spec: {
        affinity: {
          podAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 50,
                podAffinityTerm: { labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: 'zone' },
              },
            ],
          },
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 30,
                podAffinityTerm: {
                  labelSelector: { matchLabels: { app: 'web' } },
                  topologyKey: 'kubernetes.io/hostname',
                },
              },
            ],
          },
        },
      },
    });
    // raw a 50, b 50 - 30 = 20, c 0 -> 100, 40, 0
    expect(plugin(sim, pod, 'InterPodAffinity')).toEqual({ a: 100, b: 40, c: 0 });
  });

  it("counts existing pods' required affinity toward the incoming pod with weight 1", () => {
    const sim = seed(
      [makeNode('a'), makeNode('b')],
      [
        makePod('fan', {
          nodeName: 'a',
          spec: {
            affinity: {
              podAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [
                  { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' },
                ],
              },
            },
          },
        }),
      ],
    );
    expect(plugin(sim, makePod('p', { labels: { app: 'web' } }), 'InterPodAffinity')).toEqual({
      a: 100,
      b: 0,
    });
    expect(plugin(sim, makePod('p', { labels: { app: 'db' } }), 'InterPodAffinity')).toEqual({ a: 0, b: 0 });
  });
});

describe('totals', () => {
  it('weights each plugin as the default profile does and ImageLocality scores 0', () => {
    const sim = seed(
      [makeNode('a', { cpu: '1', memory: '2Gi' })],
      [makePod('x', { nodeName: 'a', cpu: '300m' })],
    );
    const [s] = scores(sim, makePod('p', { cpu: '200m', memory: '512Mi' }));
    expect(SCORE_WEIGHTS).toEqual({
      TaintToleration: 3,
      NodeAffinity: 2,
      NodeResourcesFit: 1,
      PodTopologySpread: 2,
      InterPodAffinity: 2,
      NodeResourcesBalancedAllocation: 1,
      ImageLocality: 1,
    });
    // Taint 100×3 + LeastAllocated: cpu (1000-500)→50, memory (2048-712)→65 => 57 + Balanced 87
    expect(s?.plugins).toEqual({
      TaintToleration: 100,
      NodeAffinity: 0,
      NodeResourcesFit: 57,
      PodTopologySpread: 0,
      InterPodAffinity: 0,
      NodeResourcesBalancedAllocation: 87,
      ImageLocality: 0,
    });
    expect(s?.total).toBe(300 + 57 + 87);
  });
});
