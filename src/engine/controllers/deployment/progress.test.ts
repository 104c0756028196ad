import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import { splitNameKey } from '../../api/meta';
import { Simulation } from '../../sim/simulation';
import type { Controller } from '../../sim/controller';
import { watchSelf } from '../../sim/controller';
import { deploymentController } from '../deployment';
import { Harness, deploymentObject } from './testkit';
import type { DeploymentOpts } from './testkit';
import { specReplicas } from './util';

const T = (s: number) =>
  new Date(Date.UTC(2026, 0, 1, 9, 0, 0) + s * 1000).toISOString().replace('.000Z', 'Z');

describe('status and conditions (§1.7)', () => {
  it('walks NewReplicaSetCreated → ReplicaSetUpdated → NewReplicaSetAvailable with the right times', () => {
    const h = new Harness();
    h.create('web', { replicas: 3 });
    h.sync();
    const rsName = h.rss()[0]?.metadata?.name ?? '';
    let st = h.d().status;
    expect(st?.observedGeneration).toBe(1);
    expect(st?.unavailableReplicas).toBe(3);
    expect(st?.replicas).toBeUndefined();
    expect(st?.conditions).toEqual([
      {
        type: 'Progressing',
        status: 'True',
        lastUpdateTime: T(0),
        lastTransitionTime: T(0),
        reason: 'NewReplicaSetCreated',
        message: `Created new replica set "${rsName}"`,
      },
      {
        type: 'Available',
        status: 'False',
        lastUpdateTime: T(0),
        lastTransitionTime: T(0),
        reason: 'MinimumReplicasUnavailable',
        message: 'Deployment does not have minimum availability.',
      },
    ]);

    h.now = 5;
    h.setStatus(h.rs(rsName), 3, 0, 0);
    h.sync();
    st = h.d().status;
    expect(st?.replicas).toBe(3);
    expect(st?.updatedReplicas).toBe(3);
    expect(st?.conditions?.map((c) => c.type)).toEqual(['Available', 'Progressing']);
    expect(h.condition('Progressing')).toEqual({
      type: 'Progressing',
      status: 'True',
      lastUpdateTime: T(5),
      lastTransitionTime: T(0),
      reason: 'ReplicaSetUpdated',
      message: `ReplicaSet "${rsName}" is progressing.`,
    });

    h.now = 9;
    h.setStatus(h.rs(rsName), 3, 3, 3);
    h.sync();
    st = h.d().status;
    expect(st).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(st?.unavailableReplicas).toBeUndefined();
    expect(h.condition('Available')).toEqual({
      type: 'Available',
      status: 'True',
      lastUpdateTime: T(9),
      lastTransitionTime: T(9),
      reason: 'MinimumReplicasAvailable',
      message: 'Deployment has minimum availability.',
    });
    expect(h.condition('Progressing')).toEqual({
      type: 'Progressing',
      status: 'True',
      lastUpdateTime: T(9),
      lastTransitionTime: T(0),
      reason: 'NewReplicaSetAvailable',
      message: `ReplicaSet "${rsName}" has successfully progressed.`,
    });
  });

  it('refreshes lastUpdateTime only on progress, and requeues at lastUpdateTime + deadline + 1 s', () => {
    const h = new Harness();
    h.create('web', { replicas: 3 });
    h.sync();
    const rs = h.rss()[0] as ReplicaSet;
    h.now = 5;
    h.setStatus(rs, 3, 0, 0);
    h.sync();
    h.now = 50;
    h.requeues.length = 0;
    h.sync(); // no progress: status unchanged, so a wake-up is scheduled
    expect(h.condition('Progressing')?.lastUpdateTime).toBe(T(5));
    expect(h.requeues).toEqual([{ at: 606, key: 'default/web' }]);
    h.now = 60;
    h.setStatus(rs, 3, 1, 0); // more ready: progress
    h.sync();
    expect(h.condition('Progressing')?.lastUpdateTime).toBe(T(60));
  });

  it('unavailableReplicas is Σspec − available, never negative; Available uses replicas − maxUnavailable', () => {
    const h = new Harness();
    h.create('web', { replicas: 4 }); // maxUnavailable 1: 3 available is enough
    h.sync();
    const rs = h.rss()[0] as ReplicaSet;
    h.setStatus(rs, 4, 3, 3);
    h.sync();
    expect(h.d().status?.unavailableReplicas).toBe(1);
    expect(h.condition('Available')?.status).toBe('True');
    h.setStatus(rs, 4, 2, 2);
    h.sync();
    expect(h.condition('Available')?.reason).toBe('MinimumReplicasUnavailable');
    h.setStatus(rs, 5, 5, 5);
    h.sync();
    expect(h.d().status?.unavailableReplicas).toBeUndefined();
  });

  it('Recreate counts maxUnavailable as 0 for Available', () => {
    const h = new Harness();
    h.create('web', { replicas: 4, strategy: 'Recreate' });
    h.sync();
    h.setStatus(h.rss()[0] as ReplicaSet, 4, 3, 3);
    h.sync();
    expect(h.condition('Available')?.status).toBe('False');
  });

  it('copies a ReplicaFailure condition from the ReplicaSet, and drops it when it clears', () => {
    const h = new Harness();
    h.create('web', { replicas: 3 });
    h.sync();
    const rs = h.rss()[0] as ReplicaSet;
    h.api.updateStatus('ReplicaSet', {
      ...rs,
      status: {
        replicas: 1,
        conditions: [
          {
            type: 'ReplicaFailure',
            status: 'True',
            lastTransitionTime: T(0),
            reason: 'FailedCreate',
            message: 'quota',
          },
        ],
      },
    });
    h.sync();
    expect(h.condition('ReplicaFailure')).toEqual({
      type: 'ReplicaFailure',
      status: 'True',
      lastUpdateTime: T(0),
      lastTransitionTime: T(0),
      reason: 'FailedCreate',
      message: 'quota',
    });
    h.setStatus(h.rs(rs.metadata?.name ?? ''), 3, 3, 3);
    h.sync();
    expect(h.condition('ReplicaFailure')).toBeUndefined();
  });

  it('without a progress deadline there is no Progressing condition', () => {
    const h = new Harness();
    h.create('web', { replicas: 1, progressDeadlineSeconds: 2147483647 });
    h.sync();
    h.setStatus(h.rss()[0] as ReplicaSet, 1, 1, 1);
    h.sync();
    expect(h.condition('Progressing')).toBeUndefined();
    expect(h.condition('Available')?.status).toBe('True');
  });
});

/** The ReplicaSet controller's status, instantly: pods of images ending in -broken never become ready. */
const fakeReplicaSets: Controller = {
  name: 'replicaset-controller',
  component: 'kube-controller-manager',
  watches: [watchSelf('ReplicaSet')],
  reconcile(key, ctx) {
    const { namespace, name } = splitNameKey(key);
    const rs = ctx.store.get('ReplicaSet', namespace, name);
    if (!rs) return;
    const n = specReplicas(rs);
    const ok = rs.spec?.template?.spec?.containers?.[0]?.image?.endsWith('-broken') ? 0 : n;
    const status = {
      replicas: n,
      readyReplicas: ok,
      availableReplicas: ok,
      observedGeneration: rs.metadata?.generation ?? 0,
    };
    if (JSON.stringify(rs.status) !== JSON.stringify(status))
      ctx.api.updateStatus('ReplicaSet', { ...rs, status });
  },
};

function cluster(o: DeploymentOpts): Simulation {
  const sim = new Simulation({ seed: 3, images: {} }, [deploymentController, fakeReplicaSets]);
  sim.act('test', () => {
    sim.api.create('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    sim.api.create('Deployment', deploymentObject('web', o));
  });
  sim.start();
  return sim;
}

function setImage(sim: Simulation, image: string): void {
  sim.act('test', () => {
    const d = sim.api.read('Deployment', 'default', 'web');
    const spec = d.spec as NonNullable<typeof d.spec>;
    sim.api.update('Deployment', {
      ...d,
      spec: {
        ...spec,
        template: { ...spec.template, spec: { ...spec.template.spec, containers: [{ name: 'app', image }] } },
      },
    });
  });
}

function progressing(sim: Simulation) {
  return sim.api
    .read('Deployment', 'default', 'web')
    .status?.conditions?.find((c) => c.type === 'Progressing');
}

function sizes(sim: Simulation): number[] {
  return sim.store
    .list('ReplicaSet')
    .sort((a, b) => (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? ''))
    .map(specReplicas);
}

describe('ProgressDeadlineExceeded (simulated time)', () => {
  it('flips 601 s after the last progress, not at 600 s, and changes nothing else', () => {
    const sim = cluster({ replicas: 10 });
    expect(progressing(sim)?.reason).toBe('NewReplicaSetAvailable');
    sim.runUntil(100);
    setImage(sim, 'web:2-broken'); // the whole rollout up to the stall happens at t = 100
    expect(sizes(sim)).toEqual([8, 5]);
    expect(progressing(sim)).toMatchObject({
      status: 'True',
      reason: 'ReplicaSetUpdated',
      lastUpdateTime: T(100),
    });

    sim.runUntil(700);
    expect(progressing(sim)?.reason).toBe('ReplicaSetUpdated');
    sim.runUntil(700.999);
    expect(progressing(sim)?.reason).toBe('ReplicaSetUpdated');
    sim.runUntil(701);
    const newName = sim.store.list('ReplicaSet').find((rs) => specReplicas(rs) === 5)?.metadata?.name ?? '';
    expect(progressing(sim)).toEqual({
      type: 'Progressing',
      status: 'False',
      lastUpdateTime: T(701),
      lastTransitionTime: T(701),
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${newName}" has timed out progressing.`,
    });
    // No rollback, no scale-down: the template and both sizes stay.
    sim.runUntil(5000);
    expect(sizes(sim)).toEqual([8, 5]);
    expect(sim.api.read('Deployment', 'default', 'web').spec?.template.spec?.containers[0]?.image).toBe(
      'web:2-broken',
    );
    expect(progressing(sim)?.reason).toBe('ProgressDeadlineExceeded');
  });

  it('a sync exactly at the deadline does not time out (strictly after); the rate-limited retry does', () => {
    const sim = cluster({ replicas: 3 });
    sim.runUntil(100);
    setImage(sim, 'web:2-broken');
    sim.runUntil(700);
    sim.act('test', () => sim.enqueue('deployment-controller', 'default/web'));
    expect(progressing(sim)?.reason).toBe('ReplicaSetUpdated');
    // Less than a second left: upstream re-adds the key rate-limited (5 ms) instead of waiting deadline + 1 s.
    sim.runUntil(700.005);
    expect(progressing(sim)?.reason).toBe('ProgressDeadlineExceeded');
  });

  it('progress after a timeout makes Progressing True again (new transition time)', () => {
    const sim = cluster({ replicas: 3 });
    sim.runUntil(10);
    setImage(sim, 'web:2-broken');
    sim.runUntil(700);
    expect(progressing(sim)?.reason).toBe('ProgressDeadlineExceeded');
    setImage(sim, 'web:3');
    expect(progressing(sim)?.status).toBe('True');
    expect(progressing(sim)?.lastTransitionTime).toBe(T(700));
    expect(progressing(sim)?.reason).toBe('NewReplicaSetAvailable');
  });

  it('a paused Deployment never times out; the deadline restarts from the resume', () => {
    const sim = cluster({ replicas: 3 });
    sim.runUntil(10);
    setImage(sim, 'web:2-broken');
    sim.runUntil(20);
    sim.act('test', () => {
      const d = sim.api.read('Deployment', 'default', 'web');
      sim.api.update('Deployment', {
        ...d,
        spec: { ...(d.spec as NonNullable<typeof d.spec>), paused: true },
      });
    });
    sim.runUntil(5000);
    expect(progressing(sim)).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused' });
    sim.act('test', () => {
      const d = sim.api.read('Deployment', 'default', 'web');
      sim.api.update('Deployment', {
        ...d,
        spec: { ...(d.spec as NonNullable<typeof d.spec>), paused: false },
      });
    });
    expect(progressing(sim)).toMatchObject({
      status: 'Unknown',
      reason: 'DeploymentResumed',
      message: 'Deployment is resumed',
      lastUpdateTime: T(5000),
    });
    sim.runUntil(5600);
    expect(progressing(sim)?.reason).toBe('DeploymentResumed');
    sim.runUntil(5601);
    expect(progressing(sim)?.reason).toBe('ProgressDeadlineExceeded');
  });

  it('a full rollout in one instant ends complete, with old ReplicaSets kept at 0', () => {
    const sim = cluster({ replicas: 10 });
    sim.runUntil(30);
    setImage(sim, 'web:2');
    expect(sizes(sim)).toEqual([0, 10]);
    expect(progressing(sim)?.reason).toBe('NewReplicaSetAvailable');
    const events = sim.store.list('Event').map((e) => e.message);
    expect(events).toContain(
      `Scaled down replica set ${sim.store.list('ReplicaSet')[0]?.metadata?.name ?? ''} from 10 to 8`,
    );
  });
});
