import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../api/types';
import type { Simulation } from '../../sim/simulation';
import { timestamp } from '../../api/meta';
import { findFeasibleNodes } from '../scheduler';
import { REASON } from './filters';
import { makeNode, makePod, makeSim } from './testkit';

/** Each node's reasons for `pod` (empty array: feasible). */
function verdicts(sim: Simulation, pod: Pod): Record<string, readonly string[]> {
  const a = findFeasibleNodes(sim.store, pod);
  const out: Record<string, readonly string[]> = {};
  for (const n of sim.store.list('Node'))
    out[n.metadata?.name ?? ''] = a.failures.get(n.metadata?.name ?? '')?.reasons ?? [];
  return out;
}

function seed(nodes: Node[], pods: Pod[] = []): Simulation {
  const sim = makeSim(nodes, []);
  sim.act('test', () => pods.forEach((p) => sim.api.create('Pod', p)));
  return sim;
}

describe('NodeUnschedulable', () => {
  it('rejects a cordoned node unless the pod tolerates node.kubernetes.io/unschedulable:NoSchedule', () => {
    const sim = seed([makeNode('a', { unschedulable: true }), makeNode('b')]);
    expect(verdicts(sim, makePod('p'))).toEqual({ a: [REASON.unschedulable], b: [] });
    const tolerant = makePod('p', {
      spec: {
        tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }],
      },
    });
    expect(verdicts(sim, tolerant).a).toEqual([]);
  });

  it('runs before TaintToleration: a cordoned, tainted node reports only "were unschedulable"', () => {
    const sim = seed([makeNode('a', { unschedulable: true, taints: [{ key: 'k', effect: 'NoSchedule' }] })]);
    expect(verdicts(sim, makePod('p')).a).toEqual([REASON.unschedulable]);
  });
});

describe('TaintToleration', () => {
  const taints = [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }];
  const sim = seed([
    makeNode('ns', { taints }),
    makeNode('ne', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }] }),
    makeNode('pref', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'PreferNoSchedule' }] }),
  ]);

  it('rejects untolerated NoSchedule and NoExecute taints with the current message; PreferNoSchedule passes', () => {
    expect(verdicts(sim, makePod('p'))).toEqual({ ns: [REASON.taint], ne: [REASON.taint], pref: [] });
    expect(REASON.taint).toBe('node(s) had untolerated taint(s)');
  });

  it.each([
    [
      'Equal with the same value',
      { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
      true,
    ],
    ['no operator means Equal', { key: 'dedicated', value: 'gpu' }, true],
    [
      'Equal with another value',
      { key: 'dedicated', operator: 'Equal', value: 'cpu', effect: 'NoSchedule' },
      false,
    ],
    ['Exists on the key', { key: 'dedicated', operator: 'Exists' }, true],
    ['Exists with an empty key tolerates everything', { operator: 'Exists' }, true],
    ['empty effect matches all effects', { key: 'dedicated', operator: 'Exists', effect: '' }, true],
    ['another effect does not match', { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, false],
    ['another key does not match', { key: 'other', operator: 'Exists' }, false],
  ])('toleration: %s', (_name, toleration, ok) => {
    const v = verdicts(sim, makePod('p', { spec: { tolerations: [toleration] } }));
    expect(v.ns).toEqual(ok ? [] : [REASON.taint]);
  });
});

describe('NodeAffinity', () => {
  const sim = seed([
    makeNode('a', { labels: { disk: 'ssd', gen: '5', zone: 'z1' } }),
    makeNode('b', { labels: { disk: 'hdd', gen: '3' } }),
  ]);
  const req = (expr: object[], fields: object[] = []): Pod =>
    makePod('p', {
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  ...(expr.length ? { matchExpressions: expr } : {}),
                  ...(fields.length ? { matchFields: fields } : {}),
                },
              ],
            },
          },
        },
      } as Pod['spec'],
    });
  const R = REASON.nodeAffinity;

  it('nodeSelector must match every label', () => {
    expect(verdicts(sim, makePod('p', { spec: { nodeSelector: { disk: 'ssd' } } }))).toEqual({
      a: [],
      b: [R],
    });
    expect(R).toBe("node(s) didn't match Pod's node affinity/selector");
  });

  it.each([
    ['In', { key: 'disk', operator: 'In', values: ['ssd', 'nvme'] }, { a: [], b: [R] }],
    ['NotIn', { key: 'disk', operator: 'NotIn', values: ['ssd'] }, { a: [R], b: [] }],
    ['Exists', { key: 'zone', operator: 'Exists' }, { a: [], b: [R] }],
    ['DoesNotExist', { key: 'zone', operator: 'DoesNotExist' }, { a: [R], b: [] }],
    ['Gt', { key: 'gen', operator: 'Gt', values: ['4'] }, { a: [], b: [R] }],
    ['Lt', { key: 'gen', operator: 'Lt', values: ['4'] }, { a: [R], b: [] }],
  ])('matchExpressions %s', (_op, expr, expected) => {
    expect(verdicts(sim, req([expr]))).toEqual(expected);
  });

  it('matchFields metadata.name selects a node by name', () => {
    expect(verdicts(sim, req([], [{ key: 'metadata.name', operator: 'In', values: ['b'] }]))).toEqual({
      a: [R],
      b: [],
    });
  });

  it('terms are ORed, expressions within a term ANDed', () => {
    const pod = makePod('p', {
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    { key: 'disk', operator: 'In', values: ['ssd'] },
                    { key: 'gen', operator: 'Lt', values: ['4'] },
                  ],
                },
                { matchExpressions: [{ key: 'disk', operator: 'In', values: ['hdd'] }] },
              ],
            },
          },
        },
      },
    });
    expect(verdicts(sim, pod)).toEqual({ a: [R], b: [] });
  });
});

describe('NodePorts', () => {
  const withPort = (name: string, hostPort: number, extra: object = {}, nodeName?: string): Pod =>
    makePod(name, {
      ...(nodeName ? { nodeName } : {}),
      spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80, hostPort, ...extra }] }] },
    });

  it('rejects a node where the host port is taken; other protocols and other host IPs are free', () => {
    const sim = seed([makeNode('a'), makeNode('b')], [withPort('old', 8080, { hostIP: '10.0.0.1' }, 'a')]);
    expect(verdicts(sim, withPort('p', 8080))).toEqual({ a: [REASON.nodePorts], b: [] });
    expect(verdicts(sim, withPort('p', 8080, { hostIP: '10.0.0.2' })).a).toEqual([]);
    expect(verdicts(sim, withPort('p', 8080, { hostIP: '10.0.0.1' })).a).toEqual([REASON.nodePorts]);
    expect(verdicts(sim, withPort('p', 8080, { protocol: 'UDP' })).a).toEqual([]);
    expect(verdicts(sim, withPort('p', 9090)).a).toEqual([]);
  });
});

describe('NodeResourcesFit', () => {
  it('gives one reason per short resource, with real requests of the pods already there', () => {
    const sim = seed(
      [
        makeNode('a', { cpu: '2', memory: '4Gi' }),
        makeNode('b', { cpu: '2', memory: '4Gi' }),
        makeNode('c', { cpu: '2', memory: '4Gi' }),
      ],
      [
        makePod('x', { nodeName: 'a', cpu: '1500m' }),
        makePod('y', { nodeName: 'b', cpu: '1500m', memory: '3Gi' }),
        makePod('z', { nodeName: 'c', memory: '3Gi' }),
      ],
    );
    expect(verdicts(sim, makePod('p', { cpu: '600m', memory: '2Gi' }))).toEqual({
      a: ['Insufficient cpu'],
      b: ['Insufficient cpu', 'Insufficient memory'],
      c: ['Insufficient memory'],
    });
  });

  it('a pod without requests fits an overcommitted node; only the pod count limits it', () => {
    const sim = seed([makeNode('a', { cpu: '1', pods: '2' })], [makePod('x', { nodeName: 'a', cpu: '1' })]);
    expect(verdicts(sim, makePod('p')).a).toEqual([]);
    expect(verdicts(sim, makePod('p', { cpu: '1m' })).a).toEqual(['Insufficient cpu']);
    sim.act('test', () => sim.api.create('Pod', makePod('y', { nodeName: 'a' })));
    expect(verdicts(sim, makePod('p')).a).toEqual([REASON.tooManyPods]);
  });

  it('checks ephemeral-storage and extended resources against allocatable', () => {
    const sim = seed([makeNode('a')]);
    const pod = makePod('p', {
      spec: {
        containers: [
          {
            name: 'c',
            image: 'x',
            resources: { requests: { 'ephemeral-storage': '1Gi', 'example.com/gpu': '1' } },
          },
        ],
      },
    });
    expect(verdicts(sim, pod).a).toEqual(['Insufficient ephemeral-storage', 'Insufficient example.com/gpu']);
  });

  it('finished pods free their requests; terminating ones still hold them', () => {
    const sim = seed([makeNode('a', { cpu: '1' })], [makePod('done', { nodeName: 'a', cpu: '1' })]);
    expect(verdicts(sim, makePod('p', { cpu: '500m' })).a).toEqual(['Insufficient cpu']);
    sim.act('test', () => {
      const cur = sim.store.get('Pod', 'default', 'done') as Pod;
      sim.api.updateStatus('Pod', { ...cur, status: { phase: 'Succeeded' } });
    });
    expect(verdicts(sim, makePod('p', { cpu: '500m' })).a).toEqual([]);
    sim.act('test', () => sim.api.create('Pod', makePod('going', { nodeName: 'a', cpu: '1' })));
    sim.act('test', () => sim.api.delete('Pod', 'default', 'going'));
    expect(sim.store.get('Pod', 'default', 'going')?.metadata?.deletionTimestamp).toBe(timestamp(30));
    expect(verdicts(sim, makePod('p', { cpu: '500m' })).a).toEqual(['Insufficient cpu']);
  });
});

describe('PodTopologySpread (DoNotSchedule)', () => {
  const spread = (extra: object = {}): Pod =>
    makePod('p', {
      labels: { app: 'web' },
      spec: {
        topologySpreadConstraints: [
          {
            maxSkew: 1,
            topologyKey: 'zone',
            whenUnsatisfiable: 'DoNotSchedule',
            labelSelector: { matchLabels: { app: 'web' } },
            ...extra,
          },
        ],
      },
    });
  const web = (name: string, node: string): Pod => makePod(name, { nodeName: node, labels: { app: 'web' } });
  const nodes = [
    makeNode('a1', { labels: { zone: 'z1' } }),
    makeNode('a2', { labels: { zone: 'z1' } }),
    makeNode('b1', { labels: { zone: 'z2' } }),
    makeNode('x', {}),
  ];

  it('rejects domains whose skew would exceed maxSkew, and nodes missing the key', () => {
    const sim = seed(nodes, [
      web('w1', 'a1'),
      web('w2', 'a2'),
      web('w3', 'b1'),
      makePod('other', { nodeName: 'b1', labels: { app: 'db' } }),
    ]);
    // z1 has 2, z2 has 1: z1 would become 3 - 1 = 2 > 1.
    expect(verdicts(sim, spread())).toEqual({
      a1: [REASON.spread],
      a2: [REASON.spread],
      b1: [],
      x: [REASON.spreadMissingLabel],
    });
  });

  it('does not count terminating pods', () => {
    const sim = seed(nodes, [web('w1', 'a1'), web('w3', 'b1')]);
    expect(verdicts(sim, spread()).a1).toEqual([]);
    sim.act('test', () => sim.api.delete('Pod', 'default', 'w3'));
    // z2 now counts 0, so z1 (1 + 1 - 0 = 2) is too skewed.
    expect(verdicts(sim, spread())).toMatchObject({ a1: [REASON.spread], b1: [] });
  });

  it('minDomains above the number of eligible domains makes the global minimum 0', () => {
    const sim = seed(nodes, [web('w1', 'a1'), web('w3', 'b1')]);
    expect(verdicts(sim, spread({ minDomains: 3 }))).toMatchObject({
      a1: [REASON.spread],
      b1: [REASON.spread],
    });
  });

  it('honours the pod node affinity when counting (nodeAffinityPolicy Honor)', () => {
    const sim = seed(nodes, [web('w1', 'a1'), web('w2', 'a2')]);
    const pod = spread();
    const onlyZ1 = {
      ...pod,
      spec: { ...pod.spec, containers: pod.spec?.containers ?? [], nodeSelector: { zone: 'z1' } },
    };
    // Only z1 is eligible, so its own count is the minimum: skew 2 + 1 - 2 = 1.
    expect(verdicts(sim, onlyZ1)).toMatchObject({ a1: [], a2: [], b1: [REASON.nodeAffinity] });
  });
});

describe('InterPodAffinity', () => {
  const nodes = [
    makeNode('a', { labels: { zone: 'z1' } }),
    makeNode('b', { labels: { zone: 'z2' } }),
    makeNode('c'),
  ];
  const term = (app: string, key = 'zone'): object => ({
    labelSelector: { matchLabels: { app } },
    topologyKey: key,
  });

  it('required affinity: only nodes in a domain holding a matching pod', () => {
    const sim = seed(nodes, [makePod('cache', { nodeName: 'a', labels: { app: 'cache' } })]);
    const pod = makePod('p', {
      spec: {
        affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('cache')] } },
      } as Pod['spec'],
    });
    expect(verdicts(sim, pod)).toEqual({ a: [], b: [REASON.affinity], c: [REASON.affinity] });
  });

  it('the first pod of a self-affine group may go to any node that has the topology key', () => {
    const sim = seed(nodes);
    const pod = makePod('p', {
      labels: { app: 'web' },
      spec: {
        affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] } },
      } as Pod['spec'],
    });
    expect(verdicts(sim, pod)).toEqual({ a: [], b: [], c: [REASON.affinity] });
  });

  it('required anti-affinity of the incoming pod', () => {
    const sim = seed(nodes, [makePod('w1', { nodeName: 'a', labels: { app: 'web' } })]);
    const pod = makePod('p', {
      labels: { app: 'web' },
      spec: {
        affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] } },
      } as Pod['spec'],
    });
    expect(verdicts(sim, pod)).toEqual({ a: [REASON.antiAffinity], b: [], c: [] });
  });

  it("existing pods' required anti-affinity", () => {
    const loner = makePod('loner', {
      nodeName: 'b',
      spec: {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [term('web', 'kubernetes.io/hostname')],
          },
        },
      } as Pod['spec'],
    });
    const sim = seed(nodes, [loner]);
    expect(verdicts(sim, makePod('p', { labels: { app: 'web' } }))).toEqual({
      a: [],
      b: [REASON.existingAntiAffinity],
      c: [],
    });
    expect(verdicts(sim, makePod('p', { labels: { app: 'db' } })).b).toEqual([]);
    // Another namespace is outside the term's default namespace.
    expect(verdicts(sim, makePod('p', { namespace: 'other', labels: { app: 'web' } })).b).toEqual([]);
  });
});
