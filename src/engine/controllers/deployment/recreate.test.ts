import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../sim/simulation';
import { deploymentController } from '../deployment';
import { Harness, deploymentObject } from './testkit';
import { specReplicas } from './util';

function running(): { h: Harness; old: ReplicaSet } {
  const h = new Harness();
  h.create('web', { replicas: 3, strategy: 'Recreate' });
  h.sync();
  const old = h.rss()[0] as ReplicaSet;
  h.catchUp();
  for (const s of ['a', 'b', 'c']) h.addPod(old, s);
  h.sync();
  return { h, old };
}

describe('Recreate (§1.5)', () => {
  it('creates the first ReplicaSet straight at replicas', () => {
    const { h, old } = running();
    expect(specReplicas(old)).toBe(3);
    expect(h.events()).toEqual([`Scaled up replica set ${old.metadata?.name ?? ''} from 0 to 3`]);
  });

  it('(3,0) → (0,0) → waits for old pods → (0,3)', () => {
    const { h, old } = running();
    const oldName = old.metadata?.name ?? '';
    h.now = 100;
    h.setImage('web:2');
    h.sync();
    expect(h.sizes()).toEqual([0, 0]);
    expect(h.rss()).toHaveLength(1);
    expect(h.events().at(-1)).toBe(`Scaled down replica set ${oldName} from 3 to 0`);

    // The ReplicaSet already reports 0 (terminating pods do not count), but the pods still run.
    h.catchUp();
    h.sync();
    expect(h.rss()).toHaveLength(1);

    // Two pods gone, the last one finished (Succeeded): nothing old is running any more.
    h.store.remove('Pod', 'default', `${oldName}-a`);
    h.store.remove('Pod', 'default', `${oldName}-b`);
    h.sync();
    expect(h.rss()).toHaveLength(1);
    const last = h.store.get('Pod', 'default', `${oldName}-c`);
    h.store.put({ ...last, kind: 'Pod', status: { phase: 'Succeeded' } });
    h.sync();
    expect(h.sizes()).toEqual([0, 3]);
    const newName = h.split().newRS?.metadata?.name ?? '';
    expect(h.events().at(-1)).toBe(`Scaled up replica set ${newName} from 0 to 3`);
  });

  it('waits while an old ReplicaSet still reports replicas, even with no pods', () => {
    const { h, old } = running();
    for (const s of ['a', 'b', 'c']) h.store.remove('Pod', 'default', `${old.metadata?.name ?? ''}-${s}`);
    h.setImage('web:2');
    h.sync(); // scales old to 0; its status still says 3
    h.sync();
    expect(h.rss()).toHaveLength(1);
    h.catchUp();
    h.sync();
    expect(h.sizes()).toEqual([0, 3]);
  });

  it('a removed last pod wakes the Deployment (pod watch), which then creates the new ReplicaSet', () => {
    const sim = new Simulation({ seed: 2, images: {} }, [deploymentController]);
    sim.act('test', () => {
      sim.api.create('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
      sim.api.create('Deployment', deploymentObject('web', { replicas: 2, strategy: 'Recreate' }));
    });
    const old = sim.store.list('ReplicaSet')[0] as ReplicaSet;
    const oldName = old.metadata?.name ?? '';
    sim.act('test', () => {
      for (const s of ['a', 'b']) {
        sim.store.put({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: `${oldName}-${s}`,
            namespace: 'default',
            uid: `p-${s}`,
            labels: { ...old.spec?.template?.metadata?.labels },
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'ReplicaSet',
                name: oldName,
                uid: old.metadata?.uid ?? '',
                controller: true,
              },
            ],
          },
          status: { phase: 'Running' },
        });
      }
    });
    sim.runUntil(10);
    sim.act('test', () => {
      const d = sim.api.read('Deployment', 'default', 'web');
      const spec = d.spec as NonNullable<typeof d.spec>;
      sim.api.update('Deployment', {
        ...d,
        spec: {
          ...spec,
          template: {
            ...spec.template,
            spec: { ...spec.template.spec, containers: [{ name: 'app', image: 'web:2' }] },
          },
        },
      });
    });
    expect(sim.store.list('ReplicaSet').map(specReplicas)).toEqual([0]);
    sim.act('test', () => sim.store.remove('Pod', 'default', `${oldName}-a`));
    expect(sim.store.list('ReplicaSet')).toHaveLength(1);
    sim.act('test', () => sim.store.remove('Pod', 'default', `${oldName}-b`));
    expect(sim.store.list('ReplicaSet').map(specReplicas)).toEqual([0, 2]);
  });
});
