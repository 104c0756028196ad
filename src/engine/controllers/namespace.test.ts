import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import type { Deployment } from '../api/types';
import { createCluster } from '../cluster';
import type { Simulation } from '../sim/simulation';

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

function shop(sim: Simulation): void {
  sim.act('test', () => {
    sim.api.create('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    const d: Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'web:1' }], terminationGracePeriodSeconds: 30 },
        },
      },
    };
    sim.api.create('Deployment', d);
    sim.api.create('ConfigMap', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'shop' },
    });
  });
}

describe('namespace-controller', () => {
  it('deleting a namespace: Terminating, content deleted (pods gracefully), then the namespace goes', () => {
    const sim = createCluster();
    shop(sim);
    sim.runUntil(10);
    expect(sim.store.list('Pod', 'shop').filter((p) => p.status?.phase === 'Running')).toHaveLength(2);
    sim.act('test', () => sim.api.delete('Namespace', undefined, 'shop'));
    const ns = sim.store.get('Namespace', undefined, 'shop');
    expect(ns?.status?.phase).toBe('Terminating');
    expect(ns?.metadata?.deletionTimestamp).toBeDefined();
    // Everything but the terminating pods is gone in the same instant; the pods are shutting down.
    expect(sim.store.list('Deployment', 'shop')).toEqual([]);
    expect(sim.store.list('ReplicaSet', 'shop')).toEqual([]);
    expect(sim.store.list('ConfigMap', 'shop')).toEqual([]);
    const pods = sim.store.list('Pod', 'shop');
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.metadata?.deletionTimestamp !== undefined)).toBe(true);
    expect(
      sim.store
        .get('Namespace', undefined, 'shop')
        ?.status?.conditions?.find((c) => c.type === 'NamespaceContentRemaining'),
    ).toMatchObject({
      status: 'True',
      reason: 'SomeResourcesRemain',
      message: 'Some resources are remaining: pods. has 2 resource instances',
    });
    // New content is refused while it terminates (generateName shows: the name is not generated yet).
    expect(
      errorOf(() =>
        sim.act('test', () =>
          sim.api.create('Pod', {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { generateName: 'web-7d9f8-', namespace: 'shop' },
            spec: { containers: [{ name: 'web', image: 'web:1' }] },
          }),
        ),
      ).message,
    ).toBe(
      'pods "web-7d9f8-" is forbidden: unable to create new content in namespace shop because it is being terminated',
    );
    const e = errorOf(() =>
      sim.act('test', () =>
        sim.api.create('ConfigMap', {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'late', namespace: 'shop' },
        }),
      ),
    );
    expect(e.reason).toBe('Forbidden');
    expect(e.message).toBe(
      'configmaps "late" is forbidden: unable to create new content in namespace shop because it is being terminated',
    );
    sim.runUntil(20);
    expect(sim.store.list('Pod', 'shop')).toEqual([]);
    expect(sim.store.get('Namespace', undefined, 'shop')).toBeUndefined();
    // The name is free again.
    sim.act('test', () =>
      sim.api.create('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }),
    );
    expect(sim.store.get('Namespace', undefined, 'shop')?.status?.phase).toBe('Active');
  });

  it('an empty namespace goes at once; system namespaces cannot be deleted', () => {
    const sim = createCluster();
    sim.act('test', () =>
      sim.api.create('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tmp' } }),
    );
    sim.act('test', () => sim.api.delete('Namespace', undefined, 'tmp'));
    expect(sim.store.get('Namespace', undefined, 'tmp')).toBeUndefined();
    expect(
      errorOf(() => sim.act('test', () => sim.api.delete('Namespace', undefined, 'default'))).message,
    ).toBe('namespaces "default" is forbidden: this namespace may not be deleted');
  });
});
