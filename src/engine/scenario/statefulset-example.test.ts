/** examples/statefulset-storage.yaml tells the story its opening comment promises (with every controller). */
import { describe, expect, it } from 'vitest';
import type { Event, Pod } from '../api/types';
import { observe } from '../world/observe';
import { loadSimulation } from './build';
import text from '../../../examples/statefulset-storage.yaml?raw';

describe('examples/statefulset-storage.yaml', () => {
  it('orders the pods, gives db-1 back its claim, and keeps data-db-2 after the scale-down', () => {
    const { sim } = loadSimulation(text);
    // The manifests are applied at t=0, before this test listens: db-0 is already there.
    const created = sim.store.list('Pod').map((p) => ({ t: sim.now, name: p.metadata?.name ?? '' }));
    sim.store.onDiff((d) => {
      if (d.type === 'added' && d.kind === 'Pod')
        created.push({ t: sim.now, name: d.to.metadata?.name ?? '' });
    });
    const claimOf = (name: string) =>
      (sim.store.get('Pod', 'default', name) as Pod | undefined)?.spec?.volumes?.find(
        (v) => v.name === 'data',
      )?.persistentVolumeClaim?.claimName;

    sim.runUntil(59);
    expect(created.map((c) => c.name)).toEqual(['db-0', 'db-1', 'db-2']);
    expect(new Set(created.map((c) => c.t)).size).toBe(3); // one at a time
    expect(observe(sim.store).statefulSets).toEqual([
      { namespace: 'default', name: 'db', replicas: 3, readyReplicas: 3 },
    ]);
    const volume = sim.store.get('PersistentVolumeClaim', 'default', 'data-db-1')?.spec?.volumeName;
    const uid = sim.store.get('Pod', 'default', 'db-1')?.metadata?.uid;
    expect(volume).toMatch(/^pvc-/);

    sim.runUntil(119);
    expect(sim.store.get('Pod', 'default', 'db-1')?.metadata?.uid).not.toBe(uid);
    expect(claimOf('db-1')).toBe('data-db-1');
    expect(sim.store.get('PersistentVolumeClaim', 'default', 'data-db-1')?.spec?.volumeName).toBe(volume);
    expect(
      observe(sim.store)
        .pods.filter((p) => p.ready)
        .map((p) => p.name),
    ).toEqual(['db-0', 'db-1', 'db-2']);

    sim.runUntil(180);
    const state = observe(sim.store);
    expect(state.pods.map((p) => p.name)).toEqual(['db-0', 'db-1']);
    expect(state.statefulSets).toEqual([{ namespace: 'default', name: 'db', replicas: 2, readyReplicas: 2 }]);
    expect(
      sim.store
        .list('PersistentVolumeClaim')
        .map((c) => c.metadata?.name)
        .sort(),
    ).toEqual(['data-db-0', 'data-db-1', 'data-db-2']);
    expect(sim.store.get('PersistentVolumeClaim', 'default', 'data-db-2')?.status?.phase).toBe('Bound');
    const deletes = sim.store
      .list('Event')
      .filter((e: Event) => e.reason === 'SuccessfulDelete')
      .map((e) => e.message);
    expect(deletes).toEqual(['delete Pod db-2 in StatefulSet db successful']);
  });
});
