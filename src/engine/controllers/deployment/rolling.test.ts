import { describe, expect, it } from 'vitest';
import { Harness } from './testkit';
import type { DeploymentOpts } from './testkit';
import { specReplicas } from './util';

/** A Deployment at rest on web:1 with `replicas` available pods, then its image changed to web:2. */
function startRollout(o: DeploymentOpts, image = 'web:2'): Harness {
  const h = new Harness();
  h.create('web', o);
  h.sync();
  h.catchUp();
  h.sync();
  h.now = 100;
  h.setImage(image);
  return h;
}

const brokenNew =
  (h: Harness) => (rs: { spec?: { template?: { spec?: { containers?: { image?: string }[] } } } }) =>
    rs.spec?.template?.spec?.containers?.[0]?.image === h.d().spec?.template.spec?.containers[0]?.image;

describe('RollingUpdate sequences (pods available at once)', () => {
  it('10 replicas, 25 %/25 %: the creating sync already scales the old ReplicaSet to 8', () => {
    const h = startRollout({ replicas: 10 });
    expect(h.rollout()).toEqual([
      [10, 0],
      [10, 3],
      [8, 3],
      [8, 5],
      [3, 5],
      [3, 10],
      [0, 10],
    ]);
  });

  it('3 replicas, 25 %/25 % (surge 1, unavailable 0)', () => {
    const h = startRollout({ replicas: 3 });
    expect(h.rollout()).toEqual([
      [3, 0],
      [3, 1],
      [2, 1],
      [2, 2],
      [1, 2],
      [1, 3],
      [0, 3],
    ]);
  });

  it('4 replicas, surge 1, unavailable 0', () => {
    const h = startRollout({ replicas: 4, maxSurge: 1, maxUnavailable: 0 });
    expect(h.rollout()).toEqual([
      [4, 0],
      [4, 1],
      [3, 1],
      [3, 2],
      [2, 2],
      [2, 3],
      [1, 3],
      [1, 4],
      [0, 4],
    ]);
  });

  it('5 replicas, surge 0, unavailable 1: the new ReplicaSet is created at 0', () => {
    const h = startRollout({ replicas: 5, maxSurge: 0, maxUnavailable: 1 });
    const seq = h.rollout();
    expect(seq).toEqual([
      [5, 0],
      [4, 0],
      [4, 1],
      [3, 1],
      [3, 2],
      [2, 2],
      [2, 3],
      [1, 3],
      [1, 4],
      [0, 4],
      [0, 5],
    ]);
    // Created at 0: no "Scaled up ... from 0 to 0" event.
    expect(h.events().filter((m) => m.includes('from 0 to 0'))).toEqual([]);
  });

  it('never exceeds replicas + maxSurge in spec counts, nor removes old pods beyond maxUnavailable', () => {
    const h = startRollout({ replicas: 10 });
    for (const [o, n] of h.rollout()) {
      expect(o + n).toBeLessThanOrEqual(13);
      // With everything available after each step, available = o + n's available part >= 8.
      expect(o + n).toBeGreaterThanOrEqual(8);
    }
  });

  it('announces each scale with Kubernetes wording', () => {
    const h = startRollout({ replicas: 10 });
    const [oldRS] = h.split().oldRSs;
    h.sync();
    const { newRS } = h.split();
    expect(h.events().slice(-2)).toEqual([
      `Scaled up replica set ${newRS?.metadata?.name ?? ''} from 0 to 3`,
      `Scaled down replica set ${oldRS?.metadata?.name ?? ''} from 10 to 8`,
    ]);
  });

  it('leaves old ReplicaSets at 0 instead of deleting them', () => {
    const h = startRollout({ replicas: 3 });
    h.rollout();
    const { oldRSs } = h.split();
    expect(oldRSs).toHaveLength(1);
    expect(specReplicas(oldRSs[0])).toBe(0);
  });
});

describe('RollingUpdate stall points (new pods never become available)', () => {
  const cases: [string, DeploymentOpts, [number, number]][] = [
    ['10 replicas, defaults', { replicas: 10 }, [8, 5]],
    ['3 replicas, defaults', { replicas: 3 }, [3, 1]],
    ['4 replicas, surge 1 / unavailable 0', { replicas: 4, maxSurge: 1, maxUnavailable: 0 }, [4, 1]],
    ['5 replicas, surge 0 / unavailable 1', { replicas: 5, maxSurge: 0, maxUnavailable: 1 }, [4, 1]],
    ['4 replicas, surge 25 % / unavailable 1', { replicas: 4, maxSurge: '25%', maxUnavailable: 1 }, [3, 2]],
  ];
  it.each(cases)('%s', (_n, o, stall) => {
    const h = startRollout(o);
    const seq = h.rollout(brokenNew(h));
    expect(seq[seq.length - 1]).toEqual(stall);
    // More syncs change nothing: the stall is where Σspec − minAvailable − newUnavailable = 0.
    h.sync();
    h.sync();
    expect(h.sizes()).toEqual(stall);
  });

  it('10 replicas goes (10,0)→(10,3)→(8,3)→(8,5) and keeps 8 available', () => {
    const h = startRollout({ replicas: 10 });
    expect(h.rollout(brokenNew(h))).toEqual([
      [10, 0],
      [10, 3],
      [8, 3],
      [8, 5],
    ]);
    const st = h.d().status;
    expect(st?.availableReplicas).toBe(8);
    expect(st?.replicas).toBe(13);
    expect(st?.updatedReplicas).toBe(5);
    expect(st?.unavailableReplicas).toBe(5);
    // Available stays True during the stall (8 >= 10 - 2).
    expect(h.condition('Available')?.status).toBe('True');
  });
});

describe('scale-down of old ReplicaSets', () => {
  it('B1 removes unhealthy old replicas without regard to availability (rollback of a broken rollout)', () => {
    const h = startRollout({ replicas: 10 });
    h.rollout(brokenNew(h));
    const { newRS: broken } = h.split();
    h.now = 200;
    h.setImage('web:1'); // back to the good template: the old ReplicaSet becomes the new one
    h.sync();
    // maxScaledDown = 13 - 8 - (8 - 8) = 5: all 5 broken replicas go at once; B2 alone could remove none.
    expect(specReplicas(h.rs(broken?.metadata?.name ?? ''))).toBe(0);
    expect(h.sizes()).toEqual([0, 8]);
  });

  it('B1 is bounded by maxScaledDown (13 - 8 - 1 = 4 when one good pod is unavailable)', () => {
    const h = startRollout({ replicas: 10 });
    h.rollout(brokenNew(h));
    const { newRS: broken, oldRSs } = h.split();
    const good = oldRSs[0];
    if (!good || !broken) throw new Error('setup');
    h.setStatus(good, 8, 7, 7);
    h.now = 200;
    h.setImage('web:1');
    h.sync();
    expect(specReplicas(h.rs(broken.metadata?.name ?? ''))).toBe(1);
    expect(specReplicas(h.rs(good.metadata?.name ?? ''))).toBe(8);
  });

  it('B2 scales the oldest ReplicaSet down first', () => {
    // web:1 (3) → web:2 stalled at (3,1) with broken pods → web:3 on top.
    const h = startRollout({ replicas: 3, maxSurge: 1, maxUnavailable: 1 });
    h.rollout(brokenNew(h));
    const [v1] = h.split().oldRSs;
    const v2 = h.split().newRS;
    if (!v1 || !v2) throw new Error('setup');
    // Make web:2's pods healthy now, then roll to web:3.
    h.setStatus(v2, specReplicas(v2), specReplicas(v2), specReplicas(v2));
    h.now = 300;
    h.setImage('web:3');
    const sizesBefore = [
      specReplicas(h.rs(v1.metadata?.name ?? '')),
      specReplicas(h.rs(v2.metadata?.name ?? '')),
    ];
    h.sync();
    const v1After = specReplicas(h.rs(v1.metadata?.name ?? ''));
    const v2After = specReplicas(h.rs(v2.metadata?.name ?? ''));
    // Something was scaled down, and always from web:1 (the oldest) before web:2.
    expect(v1After).toBeLessThan(sizesBefore[0] as number);
    expect(v2After).toBe(sizesBefore[1]);
  });

  it('does nothing while the only old ReplicaSet reports more available than its spec (stale status)', () => {
    const h = startRollout({ replicas: 10 });
    h.sync(); // (8,3)
    const { newRS, oldRSs } = h.split();
    const old = oldRSs[0];
    if (!old || !newRS) throw new Error('setup');
    // Old status still says 10 available; new pods became available.
    h.setStatus(newRS, 3, 3, 3);
    h.setStatus(old, 10, 10, 10);
    h.sync(); // scales new up to 5 (A)
    expect(h.sizes()).toEqual([8, 5]);
    h.setStatus(newRS, 5, 5, 5);
    h.api.updateStatus('ReplicaSet', {
      ...h.rs(old.metadata?.name ?? ''),
      status: { replicas: 10, availableReplicas: 10 },
    });
    h.sync();
    // B1 meets spec 8 < available 10 and gives up the whole scale-down, as upstream's swallowed error does.
    expect(h.sizes()).toEqual([8, 5]);
  });
});

describe('the new ReplicaSet', () => {
  it('is named <deployment>-<hash>, labelled, selected and owned', () => {
    const h = new Harness();
    h.create('web', { replicas: 3, minReadySeconds: 5 });
    h.sync();
    const [rs] = h.rss();
    if (!rs) throw new Error('no rs');
    const hash = rs.metadata?.labels?.['pod-template-hash'] ?? '';
    expect(rs.metadata?.name).toBe(`web-${hash}`);
    expect(rs.spec?.template?.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec?.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'Deployment',
      name: 'web',
      controller: true,
    });
    expect(rs.metadata?.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(rs.spec?.replicas).toBe(3);
    expect(rs.spec?.minReadySeconds).toBe(5);
    expect(h.d().metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(h.events()).toEqual([`Scaled up replica set web-${hash} from 0 to 3`]);
  });

  it('gets a hash of the template: the same template gives the same name', () => {
    const a = new Harness();
    a.create('web', { replicas: 1 });
    a.sync();
    const b = new Harness();
    b.create('web', { replicas: 5 });
    b.sync();
    expect(a.rss()[0]?.metadata?.name).toBe(b.rss()[0]?.metadata?.name);
  });

  it('is the oldest ReplicaSet whose template matches', () => {
    const h = startRollout({ replicas: 2 });
    h.rollout();
    h.now = 500;
    h.setImage('web:1');
    h.sync();
    // Back to web:1: the first ReplicaSet is reused, no third one is created.
    expect(h.rss()).toHaveLength(2);
  });

  it('bumps collisionCount when the name is taken by a different ReplicaSet', () => {
    const h = new Harness();
    h.create('web', { replicas: 2 });
    h.sync();
    const [first] = h.rss();
    if (!first) throw new Error('setup');
    // Replace it with a foreign ReplicaSet of the same name.
    h.store.remove('ReplicaSet', 'default', first.metadata?.name ?? '');
    const { ownerReferences: _o, ...meta } = first.metadata ?? {};
    h.store.put({
      ...first,
      metadata: { ...meta, labels: { app: 'other' } },
      spec: {
        ...(first.spec as NonNullable<typeof first.spec>),
        selector: { matchLabels: { app: 'other' } },
      },
    });
    h.sync();
    expect(h.d().status?.collisionCount).toBe(1);
    expect(h.rss()).toHaveLength(0);
    h.sync();
    const [rs] = h.rss();
    expect(rs?.metadata?.name).not.toBe(first.metadata?.name);
    expect(rs?.metadata?.name).toBe(`web-${rs?.metadata?.labels?.['pod-template-hash'] ?? ''}`);
  });

  it('keeps minReadySeconds in step with the Deployment', () => {
    const h = new Harness();
    h.create('web', { replicas: 2 });
    h.sync();
    h.edit((s) => ({ ...s, minReadySeconds: 10 }));
    h.sync();
    expect(h.rss()[0]?.spec?.minReadySeconds).toBe(10);
  });

  it('adopts a matching orphan ReplicaSet and reports it as found', () => {
    const h = new Harness();
    h.create('web', { replicas: 2 });
    h.sync();
    const [rs] = h.rss();
    if (!rs) throw new Error('setup');
    // Orphan it and forget the Deployment's conditions (as after `kubectl delete --cascade=orphan` and re-create).
    const { ownerReferences: _o, ...meta } = rs.metadata ?? {};
    h.store.put({ ...rs, metadata: meta });
    const d = h.d();
    h.store.put({ ...d, status: {} });
    h.sync();
    expect(h.rss()).toHaveLength(1);
    expect(h.condition('Progressing')).toMatchObject({
      status: 'True',
      reason: 'FoundNewReplicaSet',
      message: `Found new replica set "${rs.metadata?.name ?? ''}"`,
    });
  });
});
