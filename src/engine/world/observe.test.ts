import { describe, expect, it } from 'vitest';
import type { Controller } from '../sim/controller';
import { observe } from './observe';
import { Simulation } from '../sim/simulation';

/** Objects written by hand, no controllers: the projection alone. */
function world(): Simulation {
  const sim = new Simulation({ seed: 1, images: {} }, [] as Controller[]);
  sim.act('test', () => {
    for (const ns of ['default', 'b-team'])
      sim.api.create('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    sim.api.create('Node', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-2' },
      spec: { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] },
    });
    const n1 = sim.api.create('Node', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } });
    sim.api.updateStatus('Node', {
      ...n1,
      status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }] },
    });
    for (const [ns, name] of [
      ['default', 'web-b'],
      ['b-team', 'zz'],
      ['default', 'web-a'],
    ] as const) {
      const pod = sim.api.create('Pod', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: ns, labels: { app: 'web' } },
        spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'web:1' }] },
      });
      sim.api.updateStatus('Pod', {
        ...pod,
        status: {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: name === 'web-a' ? 'True' : 'False' }],
          containerStatuses: [
            {
              name: 'c',
              image: 'web:1',
              imageID: '',
              ready: name === 'web-a',
              restartCount: 2,
              state: { running: {} },
            },
          ],
        },
      });
    }
    sim.api.create('Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    });
    sim.api.create('Endpoints', {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'web', namespace: 'default' },
      subsets: [
        {
          addresses: [{ ip: '10.0.0.1', targetRef: { kind: 'Pod', name: 'web-a', namespace: 'default' } }],
          notReadyAddresses: [
            { ip: '10.0.0.2', targetRef: { kind: 'Pod', name: 'web-b', namespace: 'default' } },
          ],
        },
      ],
    });
    // kube-proxy (and so the state line) reads the EndpointSlices: web-a ready, web-b not.
    const svc = sim.store.get('Service', 'default', 'web');
    sim.api.create('EndpointSlice', {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: 'web-abcde',
        namespace: 'default',
        labels: {
          'kubernetes.io/service-name': 'web',
          'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
        },
        ownerReferences: [
          { apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc?.metadata?.uid ?? '', controller: true },
        ],
      },
      addressType: 'IPv4',
      endpoints: [
        {
          addresses: ['10.0.0.1'],
          conditions: { ready: true, serving: true, terminating: false },
          targetRef: { kind: 'Pod', name: 'web-a', namespace: 'default' },
        },
        {
          addresses: ['10.0.0.2'],
          conditions: { ready: false, serving: false, terminating: false },
          targetRef: { kind: 'Pod', name: 'web-b', namespace: 'default' },
        },
      ],
    });
  });
  return sim;
}

describe('observe', () => {
  it('projects nodes, pods and services, sorted by namespace and name', () => {
    const s = observe(world().store);
    expect(s.nodes).toEqual([
      { name: 'node-1', ready: 'True', unschedulable: false, taints: [] },
      {
        name: 'node-2',
        ready: 'Unknown',
        unschedulable: true,
        taints: ['node.kubernetes.io/unreachable:NoExecute'],
      },
    ]);
    expect(s.pods.map((p) => `${p.namespace}/${p.name}`)).toEqual([
      'b-team/zz',
      'default/web-a',
      'default/web-b',
    ]);
    expect(s.pods[1]).toEqual({
      namespace: 'default',
      name: 'web-a',
      owner: null,
      node: 'node-1',
      phase: 'Running',
      ready: true,
      restarts: 2,
      status: 'Running',
    });
    expect(s.services).toEqual([{ namespace: 'default', name: 'web', endpoints: ['web-a'] }]);
    expect(s.deployments).toEqual([]);
    expect(s.hpas).toEqual([]);
    expect(s.statefulSets).toEqual([]);
    expect(s.traffic).toEqual([]);
  });

  it('is pure: the same store gives the same JSON', () => {
    const sim = world();
    expect(JSON.stringify(observe(sim.store))).toBe(JSON.stringify(observe(sim.store)));
  });
});
