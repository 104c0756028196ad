import { describe, expect, it } from 'vitest';
import { timestamp } from '../api/meta';
import type { KubeObject, OwnerReference, Pod, ReplicaSet } from '../api/types';
import { Simulation } from '../sim/simulation';
import { garbageCollector } from './garbagecollector';
import { replicaSetController } from './replicaset';

function newSim(withRs = false): Simulation {
  const sim = new Simulation(
    { seed: 1, images: {} },
    withRs ? [garbageCollector, replicaSetController] : [garbageCollector],
  );
  sim.runUntil(100);
  sim.store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', uid: 'ns-default' } });
  return sim;
}

function ref(owner: KubeObject, controller = true): OwnerReference {
  return {
    apiVersion: owner.apiVersion ?? '',
    kind: owner.kind ?? '',
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller,
  };
}

function putDeployment(sim: Simulation, name: string, uid = `uid-${name}`): KubeObject {
  return sim.store.put({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', uid },
    spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } } } },
  });
}

function putRs(sim: Simulation, name: string, owner: KubeObject | undefined, replicas = 2): ReplicaSet {
  return sim.store.put<ReplicaSet>({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      ...(owner ? { ownerReferences: [ref(owner)] } : {}),
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image: 'nginx' }] },
      },
    },
  });
}

function putPod(sim: Simulation, name: string, owners: OwnerReference[], node?: string): Pod {
  // Defaulted as the API server stores pods, so the collector's updates validate like real ones.
  const pod = sim.api.prepare('Pod', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      ...(owners.length ? { ownerReferences: owners } : {}),
    },
    spec: {
      containers: [{ name: 'app', image: 'nginx' }],
      terminationGracePeriodSeconds: 30,
      ...(node ? { nodeName: node } : {}),
    },
    status: { phase: node ? 'Running' : 'Pending' },
  });
  return sim.store.put(pod);
}

const pod = (sim: Simulation, name: string) => sim.store.get('Pod', 'default', name);

describe('garbage collector (background cascading deletion)', () => {
  it('deleting a Deployment removes its ReplicaSets and then their pods (bound ones gracefully)', () => {
    const sim = newSim();
    const dep = putDeployment(sim, 'web');
    const rs1 = putRs(sim, 'web-1', dep);
    const rs2 = putRs(sim, 'web-2', dep);
    putPod(sim, 'web-1-a', [ref(rs1)], 'node-1');
    putPod(sim, 'web-1-b', [ref(rs1)]);
    putPod(sim, 'web-2-a', [ref(rs2)], 'node-2');
    const keep = putRs(sim, 'other', undefined);
    putPod(sim, 'other-a', [ref(keep)], 'node-1');
    sim.runUntil(sim.now);

    sim.act('input', () => sim.api.delete('Deployment', 'default', 'web'));
    expect(sim.store.get('ReplicaSet', 'default', 'web-1')).toBeUndefined();
    expect(sim.store.get('ReplicaSet', 'default', 'web-2')).toBeUndefined();
    expect(pod(sim, 'web-1-a')?.metadata?.deletionTimestamp).toBe(timestamp(130));
    expect(pod(sim, 'web-2-a')?.metadata?.deletionTimestamp).toBe(timestamp(130));
    expect(pod(sim, 'web-1-b')).toBeUndefined(); // never scheduled: removed at once
    expect(sim.store.get('ReplicaSet', 'default', 'other')).toBeDefined();
    expect(pod(sim, 'other-a')?.metadata?.deletionTimestamp).toBeUndefined();
  });

  it('with the ReplicaSet controller running, a deleted RS is not replaced and its pods go', () => {
    const sim = newSim(true);
    const dep = putDeployment(sim, 'web');
    putRs(sim, 'web-1', dep, 3);
    sim.runUntil(sim.now);
    expect(sim.store.list('Pod', 'default')).toHaveLength(3);
    sim.act('input', () => sim.api.delete('Deployment', 'default', 'web'));
    expect(sim.store.list('ReplicaSet', 'default')).toHaveLength(0);
    expect(sim.store.list('Pod', 'default')).toHaveLength(0);
  });

  it('a dependent that still has a live owner only loses the dangling reference', () => {
    const sim = newSim();
    const a = putRs(sim, 'a', undefined);
    const b = putRs(sim, 'b', undefined);
    putPod(sim, 'shared', [ref(a), ref(b, false)], 'node-1');
    sim.runUntil(sim.now);
    sim.act('input', () => sim.api.delete('ReplicaSet', 'default', 'b'));
    const p = pod(sim, 'shared');
    expect(p?.metadata?.deletionTimestamp).toBeUndefined();
    expect(p?.metadata?.ownerReferences).toEqual([ref(a)]);
  });

  it('an owner recreated under the same name with a new uid does not keep the old dependents', () => {
    const sim = newSim();
    const rs = putRs(sim, 'web', undefined);
    putPod(sim, 'web-a', [ref(rs)], 'node-1');
    sim.runUntil(sim.now);
    sim.act('input', () => {
      sim.api.delete('ReplicaSet', 'default', 'web');
      sim.store.put({ ...rs, metadata: { ...rs.metadata, uid: 'uid-web-v2' } });
    });
    expect(pod(sim, 'web-a')?.metadata?.deletionTimestamp).toBeDefined();
  });

  it('an object created pointing at an owner that does not exist is collected', () => {
    const sim = newSim();
    sim.act('input', () =>
      putPod(sim, 'stray', [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'gone', uid: 'uid-gone', controller: true },
      ]),
    );
    expect(pod(sim, 'stray')).toBeUndefined();
  });

  it('leaves objects whose owners are alive, and references to unknown kinds, alone', () => {
    const sim = newSim();
    const rs = putRs(sim, 'web', undefined);
    sim.act('input', () => {
      putPod(sim, 'owned', [ref(rs)], 'node-1');
      putPod(
        sim,
        'crd-owned',
        [{ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', uid: 'uid-w', controller: true }],
        'node-1',
      );
    });
    expect(pod(sim, 'owned')?.metadata?.deletionTimestamp).toBeUndefined();
    expect(pod(sim, 'crd-owned')?.metadata?.deletionTimestamp).toBeUndefined();
  });

  it('a cluster-scoped owner (Node) of a namespaced dependent (Lease) is resolved without a namespace', () => {
    const sim = newSim();
    const node = sim.store.put({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-1', uid: 'uid-node-1' },
    });
    sim.act('input', () =>
      sim.store.put({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name: 'node-1',
          namespace: 'default',
          uid: 'uid-lease',
          ownerReferences: [ref(node, false)],
        },
      }),
    );
    expect(sim.store.get('Lease', 'default', 'node-1')).toBeDefined();
    sim.act('input', () => sim.api.delete('Node', undefined, 'node-1'));
    expect(sim.store.get('Lease', 'default', 'node-1')).toBeUndefined();
  });
});
