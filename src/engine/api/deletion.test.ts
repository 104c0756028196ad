/** Delete propagation policies (Background, Foreground, Orphan) and eviction, through the whole engine. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import { applyInput } from '../inputs';
import type { Simulation } from '../sim/simulation';
import { FOREGROUND_FINALIZER } from './apiserver';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.27}]
`;

function running(): Simulation {
  const sim = createCluster();
  expect(applyInput(sim, { type: 'apply', manifests: DEPLOYMENT }).ok).toBe(true);
  sim.runUntil(30);
  expect(sim.store.list('Pod', 'default').filter((p) => p.status?.phase === 'Running')).toHaveLength(2);
  return sim;
}

describe('delete propagation', () => {
  it('Foreground keeps the owner, finalizer set, until its dependents are gone, then removes it', () => {
    const sim = running();
    sim.act('test', () =>
      sim.api.delete('Deployment', 'default', 'web', { propagationPolicy: 'Foreground' }),
    );
    const d = sim.store.get('Deployment', 'default', 'web');
    expect(d?.metadata?.deletionTimestamp).toBeDefined();
    expect(d?.metadata?.finalizers).toContain(FOREGROUND_FINALIZER);
    // Its ReplicaSet is being deleted in the foreground too, and its pods are terminating.
    const rs = sim.store.list('ReplicaSet', 'default');
    expect(rs).toHaveLength(1);
    expect(rs[0]?.metadata?.finalizers).toContain(FOREGROUND_FINALIZER);
    expect(sim.store.list('Pod', 'default').every((p) => p.metadata?.deletionTimestamp)).toBe(true);
    sim.runUntil(sim.now + 60);
    expect(sim.store.list('Pod', 'default')).toHaveLength(0);
    expect(sim.store.list('ReplicaSet', 'default')).toHaveLength(0);
    expect(sim.store.get('Deployment', 'default', 'web')).toBeUndefined();
  });

  it('Background removes the owner at once and the collector deletes the dependents', () => {
    const sim = running();
    sim.act('test', () =>
      sim.api.delete('Deployment', 'default', 'web', { propagationPolicy: 'Background' }),
    );
    expect(sim.store.get('Deployment', 'default', 'web')).toBeUndefined();
    expect(sim.store.list('ReplicaSet', 'default')).toHaveLength(0);
  });

  it('Orphan removes the owner and leaves its dependents without the reference', () => {
    const sim = running();
    const uid = sim.store.get('Deployment', 'default', 'web')?.metadata?.uid;
    sim.act('test', () => sim.api.delete('Deployment', 'default', 'web', { propagationPolicy: 'Orphan' }));
    sim.runUntil(sim.now + 30);
    expect(sim.store.get('Deployment', 'default', 'web')).toBeUndefined();
    const rs = sim.store.list('ReplicaSet', 'default');
    expect(rs).toHaveLength(1);
    expect(rs[0]?.metadata?.ownerReferences ?? []).not.toContainEqual(expect.objectContaining({ uid }));
    expect(sim.store.list('Pod', 'default').filter((p) => !p.metadata?.deletionTimestamp)).toHaveLength(2);
  });
});

describe('eviction', () => {
  it('deletes the pod gracefully and its ReplicaSet replaces it', () => {
    const sim = running();
    const [victim] = sim.store.list('Pod', 'default');
    const name = victim?.metadata?.name ?? '';
    sim.act('test', () => sim.api.evict('default', name));
    expect(sim.store.get('Pod', 'default', name)?.metadata?.deletionTimestamp).toBeDefined();
    expect(sim.store.list('Pod', 'default').filter((p) => !p.metadata?.deletionTimestamp)).toHaveLength(2);
  });

  it('is NotFound for a pod that does not exist', () => {
    const sim = running();
    expect(() => sim.act('test', () => sim.api.evict('default', 'nope'))).toThrow('pods "nope" not found');
  });
});
