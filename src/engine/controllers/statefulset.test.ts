import { describe, expect, it } from 'vitest';
import { isPodReady } from '../api/podutil';
import type { PersistentVolumeClaim, Pod, StatefulSet } from '../api/types';
import { runFault } from '../world/faults';
import type { Simulation } from '../sim/simulation';
import { READINESS, events, podNames, statefulSet, timeline, workloadSim } from './statefulset/testkit';
import type { SetOpts } from './statefulset/testkit';

/** Images that take a while to become ready, so the ordering is visible in time. */
const IMAGES = { 'db:1.0': { startupSeconds: 5 }, 'db:2.0': { startupSeconds: 5 } };

function start(o: SetOpts = {}): { sim: Simulation; t: ReturnType<typeof timeline> } {
  const sim = workloadSim(IMAGES);
  const t = timeline(sim);
  const base = statefulSet('db', o);
  const spec = base.spec as NonNullable<StatefulSet['spec']>;
  const template = spec.template;
  const withProbe: StatefulSet = {
    ...base,
    spec: {
      ...spec,
      template: {
        ...template,
        spec: {
          ...template.spec,
          containers: (template.spec?.containers ?? []).map((c) => ({ ...c, readinessProbe: READINESS })),
        },
      },
    },
  };
  sim.act('test', () => sim.api.create('StatefulSet', withProbe));
  return { sim, t };
}

function set(sim: Simulation): StatefulSet {
  return sim.store.get('StatefulSet', 'default', 'db') as StatefulSet;
}

function edit(
  sim: Simulation,
  f: (spec: NonNullable<StatefulSet['spec']>) => Partial<NonNullable<StatefulSet['spec']>>,
) {
  sim.act('test', () => {
    const s = set(sim);
    const spec = s.spec as NonNullable<StatefulSet['spec']>;
    sim.api.update('StatefulSet', { ...s, spec: { ...spec, ...f(spec) } });
  });
}

function setImage(sim: Simulation, image: string): void {
  edit(sim, (spec) => ({
    template: {
      ...spec.template,
      spec: {
        ...spec.template.spec,
        containers: (spec.template.spec?.containers ?? []).map((c) => ({ ...c, image })),
      },
    },
  }));
}

function pod(sim: Simulation, name: string): Pod | undefined {
  return sim.store.get('Pod', 'default', name);
}

function imageOf(sim: Simulation, name: string): string | undefined {
  return pod(sim, name)?.spec?.containers[0]?.image;
}

function first(m: Map<string, number[]>, k: string): number {
  const v = m.get(k)?.[0];
  if (v === undefined) throw new Error(`no record for ${k}`);
  return v;
}

const allReady = (sim: Simulation, n: number) =>
  sim.store.list('Pod').filter((p) => isPodReady(p) && !p.metadata?.deletionTimestamp).length === n;

describe('StatefulSet OrderedReady', () => {
  it('creates db-0, db-1, db-2 one at a time, each only after its predecessor is Running and Ready', () => {
    const { sim, t } = start();
    expect(podNames(sim)).toEqual(['db-0']);
    sim.runUntil(3);
    expect(podNames(sim)).toEqual(['db-0']); // db-0 is not ready yet
    sim.runUntil(60);
    expect(podNames(sim)).toEqual(['db-0', 'db-1', 'db-2']);
    expect(first(t.created, 'db-1')).toBeGreaterThanOrEqual(first(t.ready, 'db-0'));
    expect(first(t.created, 'db-2')).toBeGreaterThanOrEqual(first(t.ready, 'db-1'));
    expect(first(t.ready, 'db-0')).toBeGreaterThan(0);
    expect(events(sim, 'SuccessfulCreate').map((e) => e.message)).toEqual([
      'create Claim data-db-0 Pod db-0 in StatefulSet db success',
      'create Pod db-0 in StatefulSet db successful',
      'create Claim data-db-1 Pod db-1 in StatefulSet db success',
      'create Pod db-1 in StatefulSet db successful',
      'create Claim data-db-2 Pod db-2 in StatefulSet db success',
      'create Pod db-2 in StatefulSet db successful',
    ]);
    expect(set(sim).status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      observedGeneration: 1,
    });
  });

  it('gives each pod its identity: labels, hostname, subdomain and its own claim', () => {
    const { sim } = start();
    sim.runUntil(60);
    const p = pod(sim, 'db-1');
    expect(p?.metadata?.labels).toMatchObject({
      app: 'db',
      'statefulset.kubernetes.io/pod-name': 'db-1',
      'apps.kubernetes.io/pod-index': '1',
      'controller-revision-hash': set(sim).status?.updateRevision,
    });
    expect(p?.spec?.hostname).toBe('db-1');
    expect(p?.spec?.subdomain).toBe('db');
    expect(p?.spec?.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-1' } }]);
  });

  it('a db-0 that never becomes ready blocks every higher ordinal', () => {
    const { sim } = start({ image: 'db:1.0-broken' });
    sim.runUntil(300);
    expect(podNames(sim)).toEqual(['db-0']);
    expect(set(sim).status).toMatchObject({ replicas: 1, readyReplicas: 0 });
  });

  it('scales down from the highest ordinal, one pod at a time, each fully gone before the next', () => {
    const { sim, t } = start();
    sim.runUntil(60);
    edit(sim, () => ({ replicas: 1 }));
    expect(pod(sim, 'db-2')?.metadata?.deletionTimestamp).toBeDefined();
    expect(pod(sim, 'db-1')?.metadata?.deletionTimestamp).toBeUndefined();
    sim.runUntil(120);
    expect(podNames(sim)).toEqual(['db-0']);
    // db-1 is only asked to go once db-2 has been removed from the API, not merely Terminating.
    expect(first(t.terminating, 'db-1')).toBeGreaterThanOrEqual(first(t.removed, 'db-2'));
    expect(first(t.removed, 'db-2')).toBeGreaterThan(first(t.terminating, 'db-2'));
    expect(events(sim, 'SuccessfulDelete').map((e) => e.message)).toEqual([
      'delete Pod db-2 in StatefulSet db successful',
      'delete Pod db-1 in StatefulSet db successful',
    ]);
  });

  it('does not scale down while a remaining pod is unhealthy', () => {
    const { sim, t } = start();
    sim.runUntil(60);
    runFault(sim, { type: 'PodCrash', pod: 'db-0' });
    sim.runUntil(61);
    expect(isPodReady(pod(sim, 'db-0') as Pod)).toBe(false);
    edit(sim, () => ({ replicas: 2 }));
    sim.runUntil(63);
    expect(pod(sim, 'db-2')?.metadata?.deletionTimestamp).toBeUndefined();
    sim.runUntil(120);
    expect(podNames(sim)).toEqual(['db-0', 'db-1']);
    const readyAgain = (t.ready.get('db-0') ?? [])[1] as number;
    expect(first(t.terminating, 'db-2')).toBeGreaterThanOrEqual(readyAgain);
  });

  it('still removes the condemned pod when it is itself the first unhealthy one', () => {
    const { sim } = start();
    sim.runUntil(60);
    runFault(sim, { type: 'PodCrash', pod: 'db-2' });
    sim.runUntil(61);
    expect(isPodReady(pod(sim, 'db-2') as Pod)).toBe(false);
    edit(sim, () => ({ replicas: 2 }));
    expect(pod(sim, 'db-2')?.metadata?.deletionTimestamp).toBeDefined();
  });

  it('recreates a deleted member with the same name once it is gone', () => {
    const { sim, t } = start();
    sim.runUntil(60);
    const uid = pod(sim, 'db-1')?.metadata?.uid;
    runFault(sim, { type: 'PodDelete', pod: 'db-1' });
    sim.runUntil(120);
    expect(podNames(sim)).toEqual(['db-0', 'db-1', 'db-2']);
    expect(pod(sim, 'db-1')?.metadata?.uid).not.toBe(uid);
    expect(first(t.created, 'db-1')).toBeLessThan((t.created.get('db-1') ?? [])[1] as number);
    expect((t.created.get('db-1') ?? [])[1]).toBeGreaterThanOrEqual(first(t.removed, 'db-1'));
  });
});

describe('StatefulSet RollingUpdate', () => {
  it('replaces pods from the highest ordinal down, each after the previous one is Running and Ready', () => {
    const { sim, t } = start();
    sim.runUntil(60);
    const old = set(sim).status?.currentRevision;
    setImage(sim, 'db:2.0');
    sim.runUntil(200);
    expect(['db-0', 'db-1', 'db-2'].map((n) => imageOf(sim, n))).toEqual(['db:2.0', 'db:2.0', 'db:2.0']);
    const order = ['db-2', 'db-1', 'db-0'];
    for (let i = 1; i < order.length; i++) {
      const prev = order[i - 1] as string;
      const next = order[i] as string;
      const prevReadyAgain = (t.ready.get(prev) ?? [])[1] as number;
      expect(first(t.terminating, next)).toBeGreaterThanOrEqual(prevReadyAgain);
    }
    const s = set(sim).status;
    expect(s?.currentRevision).toBe(s?.updateRevision);
    expect(s?.currentRevision).not.toBe(old);
    expect(s).toMatchObject({ updatedReplicas: 3, currentReplicas: 3, readyReplicas: 3 });
  });

  it('with a partition only updates ordinals at or above it; a lower pod deleted comes back at the old revision', () => {
    const { sim } = start({
      spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } },
    });
    sim.runUntil(60);
    const old = set(sim).status?.currentRevision;
    const uids = ['db-0', 'db-1'].map((n) => pod(sim, n)?.metadata?.uid);
    setImage(sim, 'db:2.0');
    sim.runUntil(200);
    expect(['db-0', 'db-1', 'db-2'].map((n) => imageOf(sim, n))).toEqual(['db:1.0', 'db:1.0', 'db:2.0']);
    // Below the partition nothing is touched: the same pods, never deleted.
    expect(['db-0', 'db-1'].map((n) => pod(sim, n)?.metadata?.uid)).toEqual(uids);
    expect(events(sim, 'SuccessfulDelete').map((e) => e.message)).toEqual([
      'delete Pod db-2 in StatefulSet db successful',
    ]);
    expect(set(sim).status).toMatchObject({ currentRevision: old, updatedReplicas: 1, currentReplicas: 2 });
    runFault(sim, { type: 'PodDelete', pod: 'db-0' });
    sim.runUntil(300);
    expect(imageOf(sim, 'db-0')).toBe('db:1.0');
    edit(sim, (spec) => ({ updateStrategy: { ...spec.updateStrategy, rollingUpdate: { partition: 0 } } }));
    sim.runUntil(500);
    expect(['db-0', 'db-1', 'db-2'].map((n) => imageOf(sim, n))).toEqual(['db:2.0', 'db:2.0', 'db:2.0']);
  });

  it('OnDelete only updates the pods that are deleted', () => {
    const { sim } = start({ spec: { updateStrategy: { type: 'OnDelete' } } });
    sim.runUntil(60);
    setImage(sim, 'db:2.0');
    sim.runUntil(200);
    expect(['db-0', 'db-1', 'db-2'].map((n) => imageOf(sim, n))).toEqual(['db:1.0', 'db:1.0', 'db:1.0']);
    runFault(sim, { type: 'PodDelete', pod: 'db-1' });
    sim.runUntil(300);
    expect(['db-0', 'db-1', 'db-2'].map((n) => imageOf(sim, n))).toEqual(['db:1.0', 'db:2.0', 'db:1.0']);
  });
});

describe('StatefulSet Parallel', () => {
  it('creates and deletes all pods at once', () => {
    const { sim } = start({ spec: { podManagementPolicy: 'Parallel' } });
    expect(podNames(sim)).toEqual(['db-0', 'db-1', 'db-2']);
    sim.runUntil(60);
    expect(allReady(sim, 3)).toBe(true);
    edit(sim, () => ({ replicas: 0 }));
    expect(sim.store.list('Pod').every((p) => p.metadata?.deletionTimestamp !== undefined)).toBe(true);
  });

  it('creates the others even while one is stuck', () => {
    const sim = workloadSim({ 'db:1.0': { startupSeconds: 1000 } });
    sim.act('test', () =>
      sim.api.create('StatefulSet', statefulSet('db', { spec: { podManagementPolicy: 'Parallel' } })),
    );
    sim.runUntil(10);
    expect(podNames(sim)).toEqual(['db-0', 'db-1', 'db-2']);
  });
});

describe('StatefulSet storage', () => {
  it('creates each claim before its pod and binds it to a provisioned volume', () => {
    const { sim } = start();
    const order: string[] = [];
    sim.onRecord(({ diff }) => {
      if (diff.type === 'added' && (diff.kind === 'Pod' || diff.kind === 'PersistentVolumeClaim'))
        order.push(`${diff.kind}/${diff.to.metadata?.name ?? ''}`);
    });
    sim.runUntil(60);
    expect(order).toEqual([
      'PersistentVolumeClaim/data-db-1',
      'Pod/db-1',
      'PersistentVolumeClaim/data-db-2',
      'Pod/db-2',
    ]);
    for (const n of [0, 1, 2]) {
      const pvc = sim.store.get('PersistentVolumeClaim', 'default', `data-db-${n}`);
      expect(pvc?.status?.phase).toBe('Bound');
      expect(pvc?.spec?.storageClassName).toBe('standard');
      expect(pvc?.spec?.volumeName).toBe(`pvc-${pvc?.metadata?.uid ?? ''}`);
      expect(pvc?.metadata?.labels).toEqual({ app: 'db' });
      const pv = sim.store.get('PersistentVolume', undefined, pvc?.spec?.volumeName ?? '');
      expect(pv?.status?.phase).toBe('Bound');
      expect(pv?.spec).toMatchObject({
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: 'standard',
        claimRef: {
          kind: 'PersistentVolumeClaim',
          namespace: 'default',
          name: `data-db-${n}`,
          uid: pvc?.metadata?.uid,
        },
      });
      expect(pvc?.status?.capacity).toEqual({ storage: '1Gi' });
    }
    expect(events(sim, 'ProvisioningSucceeded')).toHaveLength(3);
    expect(events(sim, 'ExternalProvisioning')[0]?.source?.component).toBe('persistentvolume-controller');
  });

  it('a re-created db-1 mounts the same claim and therefore the same volume', () => {
    const { sim } = start();
    sim.runUntil(60);
    const before = sim.store.get('PersistentVolumeClaim', 'default', 'data-db-1');
    const podUid = pod(sim, 'db-1')?.metadata?.uid;
    runFault(sim, { type: 'PodDelete', pod: 'db-1' });
    sim.runUntil(120);
    const after = sim.store.get('PersistentVolumeClaim', 'default', 'data-db-1');
    expect(pod(sim, 'db-1')?.metadata?.uid).not.toBe(podUid);
    expect(isPodReady(pod(sim, 'db-1') as Pod)).toBe(true);
    expect(pod(sim, 'db-1')?.spec?.volumes?.[0]?.persistentVolumeClaim?.claimName).toBe('data-db-1');
    expect(after?.metadata?.uid).toBe(before?.metadata?.uid);
    expect(after?.spec?.volumeName).toBe(before?.spec?.volumeName);
    expect(sim.store.list('PersistentVolume')).toHaveLength(3);
    expect(events(sim, 'ProvisioningSucceeded')).toHaveLength(3);
  });

  it('keeps the claims of scaled-down pods (Retain) and reuses them on scale-up', () => {
    const { sim } = start();
    sim.runUntil(60);
    const volume = sim.store.get('PersistentVolumeClaim', 'default', 'data-db-2')?.spec?.volumeName;
    edit(sim, () => ({ replicas: 2 }));
    sim.runUntil(120);
    expect(podNames(sim)).toEqual(['db-0', 'db-1']);
    expect(sim.store.get('PersistentVolumeClaim', 'default', 'data-db-2')?.status?.phase).toBe('Bound');
    expect(sim.store.list('PersistentVolume')).toHaveLength(3);
    edit(sim, () => ({ replicas: 3 }));
    sim.runUntil(180);
    expect(podNames(sim)).toEqual(['db-0', 'db-1', 'db-2']);
    expect(sim.store.get('PersistentVolumeClaim', 'default', 'data-db-2')?.spec?.volumeName).toBe(volume);
  });

  it("WhenScaled: Delete removes a scaled-down pod's claim (and its volume) after the pod is gone", () => {
    const { sim } = start({
      spec: { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' } },
    });
    sim.runUntil(60);
    edit(sim, () => ({ replicas: 2 }));
    expect(
      sim.store.get('PersistentVolumeClaim', 'default', 'data-db-2')?.metadata?.ownerReferences,
    ).toMatchObject([{ kind: 'Pod', name: 'db-2' }]);
    sim.runUntil(120);
    expect(
      sim.store
        .list('PersistentVolumeClaim')
        .map((c) => c.metadata?.name)
        .sort(),
    ).toEqual(['data-db-0', 'data-db-1']);
    expect(sim.store.list('PersistentVolume')).toHaveLength(2);
  });

  it('WhenDeleted: Delete removes the claims with the StatefulSet; Retain keeps them', () => {
    for (const whenDeleted of ['Delete', 'Retain'] as const) {
      const { sim } = start({
        spec: { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Retain', whenDeleted } },
      });
      sim.runUntil(60);
      sim.act('test', () => sim.api.delete('StatefulSet', 'default', 'db'));
      sim.runUntil(120);
      expect(sim.store.list('Pod')).toHaveLength(0);
      expect(sim.store.list('PersistentVolumeClaim')).toHaveLength(whenDeleted === 'Delete' ? 0 : 3);
    }
  });
});

describe('VolumeBinding', () => {
  const claim = (name: string, storageClassName?: string): PersistentVolumeClaim => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default' },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
      ...(storageClassName !== undefined ? { storageClassName } : {}),
    },
  });
  const podWith = (claimName: string): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'app', namespace: 'default' },
    spec: {
      containers: [{ name: 'app', image: 'app:1.0' }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }],
    },
  });
  const lastFailure = (sim: Simulation) =>
    events(sim, 'FailedScheduling')
      .map((e) => e.message)
      .at(-1);

  it('keeps a pod Pending while its claim is unbound, and schedules it once a volume binds', () => {
    const sim = workloadSim();
    sim.act('test', () => sim.api.create('PersistentVolumeClaim', claim('data', '')));
    sim.act('test', () => sim.api.create('Pod', podWith('data')));
    sim.runUntil(30);
    expect(pod(sim, 'app')?.spec?.nodeName).toBeUndefined();
    expect(lastFailure(sim)).toBe(
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    expect(events(sim, 'FailedBinding')[0]?.message).toBe(
      'no persistent volumes available for this claim and no storage class is set',
    );
    sim.act('test', () =>
      sim.api.create('PersistentVolume', {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: 'disk-1' },
        spec: {
          capacity: { storage: '5Gi' },
          accessModes: ['ReadWriteOnce', 'ReadOnlyMany'],
          storageClassName: '',
          hostPath: { path: '/mnt/disk-1' },
        },
      }),
    );
    expect(sim.store.get('PersistentVolumeClaim', 'default', 'data')?.spec?.volumeName).toBe('disk-1');
    expect(sim.store.get('PersistentVolume', undefined, 'disk-1')?.spec?.persistentVolumeReclaimPolicy).toBe(
      'Retain',
    );
    sim.runUntil(45);
    expect(pod(sim, 'app')?.spec?.nodeName).toBeDefined();
  });

  it('reports a missing claim by name', () => {
    const sim = workloadSim();
    sim.act('test', () => sim.api.create('Pod', podWith('nope')));
    expect(lastFailure(sim)).toBe(
      '0/3 nodes are available: persistentvolumeclaim "nope" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    sim.act('test', () => sim.api.create('PersistentVolumeClaim', claim('nope')));
    sim.runUntil(20);
    expect(pod(sim, 'app')?.spec?.nodeName).toBeDefined();
  });

  it('a released volume with reclaim policy Retain stays, Released', () => {
    const sim = workloadSim();
    sim.act('test', () =>
      sim.api.create('PersistentVolume', {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: 'disk-1' },
        spec: {
          capacity: { storage: '1Gi' },
          accessModes: ['ReadWriteOnce'],
          storageClassName: 'standard',
          hostPath: { path: '/d' },
        },
      }),
    );
    sim.act('test', () => sim.api.create('PersistentVolumeClaim', claim('data')));
    expect(sim.store.get('PersistentVolumeClaim', 'default', 'data')?.spec?.volumeName).toBe('disk-1');
    sim.act('test', () => sim.api.delete('PersistentVolumeClaim', 'default', 'data'));
    expect(sim.store.get('PersistentVolume', undefined, 'disk-1')?.status?.phase).toBe('Released');
  });
});
