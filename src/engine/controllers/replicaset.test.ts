import { afterEach, describe, expect, it } from 'vitest';
import type { KindAdmission } from '../api/admission';
import { admissionFor, registerAdmission } from '../api/admission';
import { controllerOf, timestamp } from '../api/meta';
import { isPodActive } from '../api/podutil';
import type { Deployment, Event, Pod, ReplicaSet } from '../api/types';
import { Simulation } from '../sim/simulation';
import { BURST_REPLICAS, REPLICASET_CONTROLLER, replicaSetController } from './replicaset';
import { podOwnership } from './replicaset/podindex';

// ---------------------------------------------------------------------------------------------------------
// Seeding helpers: objects are written straight into the store with explicit uids and timestamps.

function newSim(at = 1000): Simulation {
  const sim = new Simulation({ seed: 1, images: {} }, [replicaSetController]);
  sim.runUntil(at);
  sim.store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', uid: 'ns-default' } });
  return sim;
}

interface RsOpts {
  replicas: number;
  minReadySeconds?: number;
  owner?: Deployment;
  labels?: Record<string, string>;
  image?: string;
}

function putRs(sim: Simulation, name: string, o: RsOpts): ReplicaSet {
  const labels = o.labels ?? { app: name };
  return sim.store.put<ReplicaSet>({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      generation: 1,
      creationTimestamp: timestamp(0),
      ...(o.owner
        ? {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'Deployment',
                name: o.owner.metadata?.name ?? '',
                uid: o.owner.metadata?.uid ?? '',
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec: {
      replicas: o.replicas,
      ...(o.minReadySeconds !== undefined ? { minReadySeconds: o.minReadySeconds } : {}),
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'app', image: o.image ?? 'nginx:1.27' }] },
      },
    },
  });
}

function putDeployment(sim: Simulation, name: string): Deployment {
  return sim.store.put<Deployment>({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } } } },
  });
}

interface PodOpts {
  node?: string;
  phase?: string;
  readyAt?: number;
  createdAt?: number;
  deleting?: boolean;
  labels?: Record<string, string>;
  uid?: string;
}

function putPod(sim: Simulation, name: string, rs: ReplicaSet | undefined, o: PodOpts = {}): Pod {
  // Defaulted as the API server would have stored it, so later updates validate like real ones.
  const pod = sim.api.prepare('Pod', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: o.uid ?? `uid-${name}`,
      creationTimestamp: timestamp(o.createdAt ?? 0),
      labels: o.labels ?? rs?.spec?.template?.metadata?.labels ?? {},
      ...(rs
        ? {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'ReplicaSet',
                name: rs.metadata?.name ?? '',
                uid: rs.metadata?.uid ?? '',
                controller: true,
              },
            ],
          }
        : {}),
      ...(o.deleting ? { deletionTimestamp: timestamp(sim.now + 30), deletionGracePeriodSeconds: 30 } : {}),
    },
    spec: {
      containers: [{ name: 'app', image: 'nginx:1.27' }],
      terminationGracePeriodSeconds: 30,
      ...(o.node === '' ? {} : { nodeName: o.node ?? 'node-1' }),
    },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [
        o.readyAt === undefined
          ? { type: 'Ready', status: 'False', lastTransitionTime: timestamp(0) }
          : { type: 'Ready', status: 'True', lastTransitionTime: timestamp(o.readyAt) },
      ],
      containerStatuses: [
        { name: 'app', image: 'nginx:1.27', imageID: '', ready: o.readyAt !== undefined, restartCount: 0 },
      ],
    },
  });
  return sim.store.put(pod);
}

/** One sync of the RS controller, without letting the watches that its writes trigger run. */
function syncOnce(sim: Simulation, name: string): void {
  const key = `default/${name}`;
  replicaSetController.reconcile(key, sim.contextFor(REPLICASET_CONTROLLER, key));
}

function podsOf(sim: Simulation, rs: ReplicaSet): Pod[] {
  return sim.store.list('Pod', 'default').filter((p) => controllerOf(p)?.uid === rs.metadata?.uid);
}

function rsNow(sim: Simulation, name: string): ReplicaSet {
  return sim.store.get('ReplicaSet', 'default', name) as ReplicaSet;
}

function events(sim: Simulation, reason: string): Event[] {
  return sim.store.list('Event', 'default').filter((e) => e.reason === reason);
}

/** Make the N-th (1-based) pod create from now on fail, keeping the real Pod admission otherwise. */
function failPodCreates(failing: (n: number) => boolean): void {
  const real = admissionFor('Pod');
  let n = 0;
  const wrapped: KindAdmission<'Pod'> = {
    ...real,
    validate: (p, ctx) => {
      const errs = real?.validate?.(p, ctx) ?? [];
      if (ctx.old === undefined && failing(++n))
        errs.push({ type: 'Forbidden', field: 'metadata', detail: 'test says no' });
      return errs;
    },
  };
  registerAdmission('Pod', wrapped);
  restore = () => {
    if (real) registerAdmission('Pod', real);
  };
}

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

// ---------------------------------------------------------------------------------------------------------

describe('ReplicaSet controller: counting and creating', () => {
  it('creates the missing pods from the template, named <rs>-<suffix>, owned by the RS, with events', () => {
    const sim = newSim();
    const rs = putRs(sim, 'web-6d9f7c8b5', {
      replicas: 3,
      labels: { app: 'web', 'pod-template-hash': '6d9f7c8b5' },
    });
    syncOnce(sim, 'web-6d9f7c8b5');
    const pods = podsOf(sim, rs);
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata?.name).toMatch(/^web-6d9f7c8b5-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata?.generateName).toBe('web-6d9f7c8b5-');
      expect(p.metadata?.namespace).toBe('default');
      expect(p.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': '6d9f7c8b5' });
      expect(p.metadata?.ownerReferences).toEqual([
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web-6d9f7c8b5',
          uid: 'uid-web-6d9f7c8b5',
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
      expect(p.spec?.containers[0]?.image).toBe('nginx:1.27');
    }
    const created = events(sim, 'SuccessfulCreate');
    expect(created.map((e) => e.message).sort()).toEqual(
      pods.map((p) => `Created pod: ${p.metadata?.name ?? ''}`).sort(),
    );
    expect(created[0]?.source).toEqual({ component: 'replicaset-controller' });
    expect(created[0]?.involvedObject.name).toBe('web-6d9f7c8b5');
    expect(rsNow(sim, 'web-6d9f7c8b5').status).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 3,
      observedGeneration: 1,
    });
  });

  it('does not count terminating pods: a replacement is created at once', () => {
    const sim = newSim();
    const rs = putRs(sim, 'web', { replicas: 3 });
    putPod(sim, 'web-a', rs, { readyAt: 10 });
    putPod(sim, 'web-b', rs, { readyAt: 10 });
    putPod(sim, 'web-c', rs, { readyAt: 10, deleting: true });
    syncOnce(sim, 'web');
    const pods = podsOf(sim, rs);
    expect(pods).toHaveLength(4);
    expect(pods.filter(isPodActive)).toHaveLength(3);
    expect(rsNow(sim, 'web').status?.replicas).toBe(3);
    expect(rsNow(sim, 'web').status?.readyReplicas).toBe(2);
  });

  it('does not count Succeeded or Failed pods', () => {
    const sim = newSim();
    const rs = putRs(sim, 'web', { replicas: 2 });
    putPod(sim, 'web-a', rs, { phase: 'Failed' });
    putPod(sim, 'web-b', rs, { phase: 'Succeeded' });
    putPod(sim, 'web-c', rs, { readyAt: 10 });
    syncOnce(sim, 'web');
    expect(podsOf(sim, rs).filter(isPodActive)).toHaveLength(2);
    expect(podsOf(sim, rs)).toHaveLength(4);
  });

  it('creates at most burstReplicas (500) pods per sync; the next sync creates the rest', () => {
    const sim = newSim();
    const rs = putRs(sim, 'big', { replicas: 1200 });
    syncOnce(sim, 'big');
    expect(podsOf(sim, rs)).toHaveLength(BURST_REPLICAS);
    expect(BURST_REPLICAS).toBe(500);
    syncOnce(sim, 'big');
    expect(podsOf(sim, rs)).toHaveLength(1000);
    sim.runUntil(sim.now); // the watches finish the job
    expect(podsOf(sim, rs)).toHaveLength(1200);
  });

  // Slow start: batches of 1, 2, 4, 8, ...; every create of the failing batch is attempted, later batches are not.
  it.each([
    [1, 0],
    [2, 2],
    [3, 2],
    [4, 6],
    [7, 6],
    [8, 14],
  ])('slow start: when create #%i fails, the sync ends with %i pods', (failAt, expected) => {
    const sim = newSim();
    const rs = putRs(sim, 'web', { replicas: 20 });
    failPodCreates((n) => n === failAt);
    syncOnce(sim, 'web');
    expect(podsOf(sim, rs)).toHaveLength(expected);
    expect(events(sim, 'FailedCreate')).toHaveLength(1);
    expect(events(sim, 'SuccessfulCreate')).toHaveLength(expected);
  });

  it('a failed create records FailedCreate and sets ReplicaFailure; a later success removes it', () => {
    const sim = newSim();
    const rs = putRs(sim, 'web', { replicas: 2 });
    failPodCreates(() => true);
    syncOnce(sim, 'web');
    const failed = events(sim, 'FailedCreate');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.type).toBe('Warning');
    const message = 'is invalid: metadata: Forbidden: test says no';
    expect(failed[0]?.message).toMatch(
      /^Error creating: Pod "web-\w{5}" is invalid: metadata: Forbidden: test says no$/,
    );
    const cond = rsNow(sim, 'web').status?.conditions;
    expect(cond).toEqual([
      {
        type: 'ReplicaFailure',
        status: 'True',
        lastTransitionTime: timestamp(1000),
        reason: 'FailedCreate',
        message: expect.stringContaining(message),
      },
    ]);
    expect(`Error creating: ${cond?.[0]?.message ?? ''}`).toBe(failed[0]?.message);
    // Retried with a growing delay, not in a tight loop.
    expect(sim.nextEventTime()).toBe(1001);
    restore?.();
    restore = undefined;
    sim.runUntil(1001);
    expect(podsOf(sim, rs)).toHaveLength(2);
    expect(rsNow(sim, 'web').status?.conditions).toBeUndefined();
  });

  it('an invalid template fails every create with the API error message', () => {
    const sim = newSim();
    putRs(sim, 'web', { replicas: 1, image: '' });
    syncOnce(sim, 'web');
    expect(events(sim, 'FailedCreate')[0]?.message).toMatch(
      /^Error creating: Pod "web-\w{5}" is invalid: spec\.containers\[0\]\.image: Required value/,
    );
    expect(rsNow(sim, 'web').status?.conditions?.[0]?.reason).toBe('FailedCreate');
  });
});

describe('ReplicaSet controller: scale-down', () => {
  it('deletes the lowest-ranked pods gracefully, with SuccessfulDelete events', () => {
    const sim = newSim();
    const rs = putRs(sim, 'web', { replicas: 2 });
    putPod(sim, 'web-ready-old', rs, { readyAt: 10 });
    putPod(sim, 'web-notready', rs, {});
    putPod(sim, 'web-pending', rs, { node: '', phase: 'Pending' });
    putPod(sim, 'web-ready-old2', rs, { readyAt: 10 });
    syncOnce(sim, 'web');
    // Unassigned first, then not Ready.
    expect(sim.store.get('Pod', 'default', 'web-pending')).toBeUndefined(); // unbound: removed at once
    expect(sim.store.get('Pod', 'default', 'web-notready')?.metadata?.deletionTimestamp).toBe(
      timestamp(1030),
    );
    expect(
      events(sim, 'SuccessfulDelete')
        .map((e) => e.message)
        .sort(),
    ).toEqual(['Deleted pod: web-notready', 'Deleted pod: web-pending']);
    expect(rsNow(sim, 'web').status?.replicas).toBe(2);
  });

  it('ranks by active pods on the node across every RS of the same Deployment, not other owners', () => {
    const sim = newSim();
    const dep = putDeployment(sim, 'shop');
    const other = putDeployment(sim, 'other');
    const oldRs = putRs(sim, 'shop-old', { replicas: 2, owner: dep, labels: { app: 'shop', h: 'old' } });
    const newRs = putRs(sim, 'shop-new', { replicas: 1, owner: dep, labels: { app: 'shop', h: 'new' } });
    const otherRs = putRs(sim, 'other-1', { replicas: 5, owner: other, labels: { app: 'other' } });
    putPod(sim, 'old-1', oldRs, { node: 'node-1', readyAt: 10 });
    putPod(sim, 'old-2', oldRs, { node: 'node-1', readyAt: 10 });
    putPod(sim, 'old-3', oldRs, { node: 'node-2', readyAt: 10, deleting: true });
    for (let i = 0; i < 5; i++) putPod(sim, `other-${i}`, otherRs, { node: 'node-2', readyAt: 10 });
    // Equal but for the node; by creation time (rule 8) "on-2" would go first.
    putPod(sim, 'on-1', newRs, { node: 'node-1', readyAt: 500, createdAt: 10 });
    putPod(sim, 'on-2', newRs, { node: 'node-2', readyAt: 500, createdAt: 900, uid: 'uid-0' });
    syncOnce(sim, 'shop-new');
    expect(sim.store.get('Pod', 'default', 'on-1')?.metadata?.deletionTimestamp).toBeDefined();
    expect(sim.store.get('Pod', 'default', 'on-2')?.metadata?.deletionTimestamp).toBeUndefined();
  });

  it('deletes at most 500 pods per sync', () => {
    const sim = newSim();
    const rs = putRs(sim, 'big', { replicas: 0 });
    for (let i = 0; i < 600; i++) putPod(sim, `big-${i}`, rs, { readyAt: 10 });
    syncOnce(sim, 'big');
    expect(podsOf(sim, rs).filter(isPodActive)).toHaveLength(100);
    expect(rsNow(sim, 'big').status?.replicas).toBe(100);
  });
});

describe('ReplicaSet controller: status and minReadySeconds', () => {
  it('counts ready, available (strictly after minReadySeconds) and fully labeled pods, and requeues', () => {
    const sim = newSim(100);
    const rs = putRs(sim, 'web', { replicas: 3, minReadySeconds: 10, labels: { app: 'web' } });
    putPod(sim, 'web-a', rs, { readyAt: 89 }); // 89 + 10 < 100: available
    putPod(sim, 'web-b', rs, { readyAt: 90 }); // 90 + 10 = 100: not yet (strict)
    putPod(sim, 'web-c', rs, { readyAt: 95, labels: { app: 'web', extra: 'x' } });
    syncOnce(sim, 'web');
    expect(rsNow(sim, 'web').status).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 1,
      observedGeneration: 1,
    });
    // All ready, not all available: the controller wakes itself after minReadySeconds.
    expect(sim.nextEventTime()).toBeCloseTo(110, 2);
    expect(sim.nextEventTime()).toBeGreaterThan(110);
    sim.runUntil(111);
    expect(rsNow(sim, 'web').status?.availableReplicas).toBe(3);
  });

  it('fullyLabeledReplicas counts pods carrying every template label', () => {
    const sim = newSim();
    const rs = sim.store.put<ReplicaSet>({
      ...putRs(sim, 'web', { replicas: 2 }),
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web', tier: 'fe' } },
          spec: { containers: [{ name: 'app', image: 'nginx' }] },
        },
      },
    });
    putPod(sim, 'web-a', rs, { labels: { app: 'web', tier: 'fe' } });
    putPod(sim, 'web-b', rs, { labels: { app: 'web' } });
    syncOnce(sim, 'web');
    expect(rsNow(sim, 'web').status?.fullyLabeledReplicas).toBe(1);
    expect(rsNow(sim, 'web').status?.replicas).toBe(2);
  });

  it('does not requeue when not all replicas are ready', () => {
    const sim = newSim(100);
    const rs = putRs(sim, 'web', { replicas: 2, minReadySeconds: 10 });
    putPod(sim, 'web-a', rs, { readyAt: 95 });
    putPod(sim, 'web-b', rs, {});
    syncOnce(sim, 'web');
    expect(sim.nextEventTime()).toBeUndefined();
  });

  it('writes status only when it changed', () => {
    const sim = newSim();
    const rs = putRs(sim, 'web', { replicas: 1 });
    putPod(sim, 'web-a', rs, { readyAt: 10 });
    syncOnce(sim, 'web');
    const rv = rsNow(sim, 'web').metadata?.resourceVersion;
    syncOnce(sim, 'web');
    expect(rsNow(sim, 'web').metadata?.resourceVersion).toBe(rv);
  });
});

describe('ReplicaSet controller: claiming pods', () => {
  it('adopts an orphan whose labels match the selector, and releases an owned pod that no longer matches', () => {
    const sim = newSim();
    const rs = putRs(sim, 'web', { replicas: 2 });
    putPod(sim, 'orphan', undefined, { labels: { app: 'web' }, readyAt: 10 });
    putPod(sim, 'web-a', rs, { readyAt: 10 });
    putPod(sim, 'web-debug', rs, { labels: { app: 'debug' }, readyAt: 10 });
    syncOnce(sim, 'web');
    expect(controllerOf(sim.store.get('Pod', 'default', 'orphan') as Pod)?.uid).toBe('uid-web');
    expect(sim.store.get('Pod', 'default', 'web-debug')?.metadata?.ownerReferences).toBeUndefined();
    expect(
      podsOf(sim, rs)
        .map((p) => p.metadata?.name)
        .sort(),
    ).toEqual(['orphan', 'web-a']);
    expect(events(sim, 'SuccessfulCreate')).toHaveLength(0);
  });

  it('the watches wake the RS when one of its pods is deleted, and it replaces it', () => {
    const sim = newSim();
    const rs = putRs(sim, 'web', { replicas: 2 });
    sim.runUntil(sim.now);
    expect(podsOf(sim, rs)).toHaveLength(2);
    const victim = podsOf(sim, rs)[0]?.metadata?.name ?? '';
    sim.act('input', () => sim.api.delete('Pod', 'default', victim));
    expect(podsOf(sim, rs).filter(isPodActive)).toHaveLength(2);
  });

  it('the pod ownership cache agrees with the store after a restore', () => {
    const sim = newSim();
    const rs = putRs(sim, 'web', { replicas: 2 });
    sim.runUntil(sim.now);
    const snap = sim.snapshot();
    const owned = () =>
      [...podOwnership(sim.store).controlledBy('uid-web').values()].map((p) => p.metadata?.name).sort();
    sim.act('input', () =>
      sim.store.put({ ...rsNow(sim, 'web'), spec: { ...rs.spec, replicas: 5 } } as ReplicaSet),
    );
    expect(owned()).toHaveLength(5);
    sim.restore(snap);
    expect(owned()).toEqual(
      podsOf(sim, rs)
        .map((p) => p.metadata?.name)
        .sort(),
    );
    expect(owned()).toHaveLength(2);
  });
});
