import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import { Harness } from './testkit';
import type { DeploymentOpts } from './testkit';
import { DESIRED_REPLICAS, MAX_REPLICAS, specReplicas } from './util';

/** 10 replicas on web:1, rolled to a broken web:2 and stalled at old 8 / new 5. */
function stalled(o: DeploymentOpts): Harness {
  const h = new Harness();
  h.create('web', { replicas: 10, ...o });
  h.sync();
  h.catchUp();
  h.sync();
  h.now = 100;
  h.setImage('web:2');
  const image = (rs: ReplicaSet) => rs.spec?.template?.spec?.containers?.[0]?.image;
  h.rollout((rs) => image(rs) === 'web:2');
  expect(h.sizes()).toEqual([8, 5]);
  return h;
}

function setReplicas(h: Harness, n: number): void {
  h.edit((s) => ({ ...s, replicas: n }));
}

/** Two hand-made active ReplicaSets of 3 (A older, B newer, both recorded at desired 6 / max 8), paused. */
function twoEqual(): { h: Harness; a: string; b: string } {
  const h = new Harness();
  h.create('web', { replicas: 6 });
  h.sync();
  h.edit((spec) => ({ ...spec, paused: true }));
  const [a] = h.rss();
  if (!a) throw new Error('setup');
  h.api.update('ReplicaSet', { ...a, spec: { ...(a.spec as NonNullable<ReplicaSet['spec']>), replicas: 3 } });
  h.now = 10;
  const d = h.d();
  const labels = { app: 'web', 'pod-template-hash': 'other' };
  h.api.create('ReplicaSet', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: 'web-other',
      namespace: 'default',
      labels,
      annotations: { [DESIRED_REPLICAS]: '6', [MAX_REPLICAS]: '8', 'deployment.kubernetes.io/revision': '2' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'web',
          uid: d.metadata?.uid ?? '',
          controller: true,
        },
      ],
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'web:0' }] } },
    },
  });
  return { h, a: a.metadata?.name ?? '', b: 'web-other' };
}

describe('proportional scaling (§1.6)', () => {
  it('the documented example: 8/5 stalled, scaled to 15 with maxSurge 3 / maxUnavailable 2 → (11,7)', () => {
    const h = stalled({ maxSurge: 3, maxUnavailable: 2 });
    const [old] = h.split().oldRSs;
    const newRS = h.split().newRS;
    setReplicas(h, 15);
    h.sync();
    expect(h.sizes()).toEqual([11, 7]);
    for (const rs of h.rss()) {
      expect(rs.metadata?.annotations?.[DESIRED_REPLICAS]).toBe('15');
      expect(rs.metadata?.annotations?.[MAX_REPLICAS]).toBe('18');
    }
    expect(h.events().slice(-2)).toEqual([
      `Scaled up replica set ${old?.metadata?.name ?? ''} from 8 to 11`,
      `Scaled up replica set ${newRS?.metadata?.name ?? ''} from 5 to 7`,
    ]);
  });

  it('with the default 25 % surge the same example gives (12,7)', () => {
    const h = stalled({});
    setReplicas(h, 15);
    h.sync();
    expect(h.sizes()).toEqual([12, 7]);
  });

  it('scales down in proportion too: 8/5 to 5 replicas → (5,3)', () => {
    const h = stalled({ maxSurge: 3, maxUnavailable: 2 });
    setReplicas(h, 5);
    h.sync();
    expect(h.sizes()).toEqual([5, 3]);
  });

  it('to 0 replicas empties every ReplicaSet', () => {
    const h = stalled({});
    setReplicas(h, 0);
    h.sync();
    expect(h.sizes()).toEqual([0, 0]);
  });

  it('is a scaling event only once: the next sync goes back to the rollout', () => {
    const h = stalled({ maxSurge: 3, maxUnavailable: 2 });
    setReplicas(h, 15);
    h.sync();
    h.catchUp((rs) => rs.spec?.template?.spec?.containers?.[0]?.image === 'web:2');
    h.sync();
    // Rollout rules again: total 18 = 15 + 3, new unavailable 7, min available 13 → 18 - 13 - 7 < 0: stall.
    expect(h.sizes()).toEqual([11, 7]);
  });

  it('growing ties go to the newer ReplicaSet first (leftover to it)', () => {
    const { h, a, b } = twoEqual();
    setReplicas(h, 7); // allowed 7 + 2 = 9, toAdd 3; each share rounds to +0, leftover 3 to the first
    h.sync();
    expect(specReplicas(h.rs(b))).toBe(6);
    expect(specReplicas(h.rs(a))).toBe(3);
  });

  it('shrinking ties take from the older ReplicaSet first', () => {
    const { h, a, b } = twoEqual();
    setReplicas(h, 2); // allowed 2 + 1 = 3, toAdd -3; A: round(3·3/8)=1 → -2; B: max(-2, -1) = -1
    h.sync();
    expect(specReplicas(h.rs(a))).toBe(1);
    expect(specReplicas(h.rs(b))).toBe(2);
  });

  it("repeated scalings use each ReplicaSet's recorded max-replicas", () => {
    const { h, a, b } = twoEqual();
    // 12 replicas: allowed 12 + 3 = 15, toAdd 9. Each: round(3·15/8 = 5.6) = 6, +3; leftover 3 to B (newer).
    setReplicas(h, 12);
    h.sync();
    expect(specReplicas(h.rs(b))).toBe(9);
    expect(specReplicas(h.rs(a))).toBe(6);
    expect(h.rs(a).metadata?.annotations?.[MAX_REPLICAS]).toBe('15');
    // 5 replicas: allowed 5 + 2 = 7, toAdd -8. B: round(9·7/15 = 4.2) = 4, -5; A: round(6·7/15 = 2.8) = 3, -3.
    setReplicas(h, 5);
    h.sync();
    expect(specReplicas(h.rs(b))).toBe(4);
    expect(specReplicas(h.rs(a))).toBe(3);
  });

  it('rounds x.5 away from zero', () => {
    const { h, a, b } = twoEqual();
    const resize = (name: string, n: number) => {
      const rs = h.rs(name);
      h.api.update('ReplicaSet', {
        ...rs,
        metadata: {
          ...rs.metadata,
          annotations: { ...rs.metadata?.annotations, [MAX_REPLICAS]: '4', [DESIRED_REPLICAS]: '3' },
        },
        spec: { ...(rs.spec as NonNullable<ReplicaSet['spec']>), replicas: n },
      });
    };
    resize(b, 2);
    resize(a, 1);
    // 5 replicas with maxSurge 1: allowed 6, toAdd 3. B: round(2·6/4 = 3) → +1. A: round(1·6/4 = 1.5) = 2 → +1
    // (rounding down would give +0 and hand the leftover to B). Leftover 1 to B: (4, 2).
    h.edit((spec) => ({
      ...spec,
      replicas: 5,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } },
    }));
    h.sync();
    expect(specReplicas(h.rs(b))).toBe(4);
    expect(specReplicas(h.rs(a))).toBe(2);
  });

  it('a single active ReplicaSet simply takes the new size', () => {
    const h = new Harness();
    h.create('web', { replicas: 3 });
    h.sync();
    h.catchUp();
    setReplicas(h, 5);
    h.sync();
    expect(h.sizes()).toEqual([0, 5]);
    expect(h.events().at(-1)).toMatch(/^Scaled up replica set web-\w+ from 3 to 5$/);
  });

  it('a saturated new ReplicaSet sends active old ones to 0', () => {
    const { h, a, b } = twoEqual();
    // A is the Deployment's template; make it saturated at 6 (desired 6, available 6), B stays at 3.
    const rs = h.rs(a);
    h.api.update('ReplicaSet', {
      ...rs,
      metadata: { ...rs.metadata, annotations: { ...rs.metadata?.annotations, [DESIRED_REPLICAS]: '6' } },
      spec: { ...(rs.spec as NonNullable<ReplicaSet['spec']>), replicas: 6 },
    });
    h.setStatus(h.rs(a), 6, 6, 6);
    h.sync();
    expect(specReplicas(h.rs(b))).toBe(0);
    expect(specReplicas(h.rs(a))).toBe(6);
  });
});

describe('pause and resume', () => {
  it('a paused Deployment does not roll out, but scales; resuming starts the rollout', () => {
    const h = new Harness();
    h.create('web', { replicas: 3 });
    h.sync();
    h.catchUp();
    h.sync();
    h.now = 50;
    h.edit((s) => ({ ...s, paused: true }));
    h.sync();
    expect(h.condition('Progressing')).toMatchObject({
      status: 'Unknown',
      reason: 'DeploymentPaused',
      message: 'Deployment is paused',
      lastUpdateTime: '2026-01-01T09:00:50Z',
      lastTransitionTime: '2026-01-01T09:00:50Z',
    });
    h.now = 60;
    h.setImage('web:2');
    h.sync();
    expect(h.rss()).toHaveLength(1);
    setReplicas(h, 5);
    h.sync();
    expect(h.sizes()).toEqual([5, 0]);

    h.now = 70;
    h.edit((s) => ({ ...s, paused: false }));
    h.sync();
    expect(h.rss()).toHaveLength(2);
    const progressing = h.condition('Progressing');
    expect(progressing?.status).toBe('True');
    expect(progressing?.reason).toBe('NewReplicaSetCreated');
  });

  it('resuming a Deployment paused from the start creates its first ReplicaSet (Unknown → True)', () => {
    const h = new Harness();
    h.create('web', { replicas: 2, paused: true });
    h.sync();
    h.now = 30;
    h.edit((s) => ({ ...s, paused: false }));
    h.sync();
    // DeploymentResumed is recorded first, then the creation replaces it in the same sync: a status change,
    // so the transition time is the resume's.
    expect(h.condition('Progressing')).toMatchObject({
      status: 'True',
      reason: 'NewReplicaSetCreated',
      lastTransitionTime: '2026-01-01T09:00:30Z',
    });
    expect(h.rss()).toHaveLength(1);
  });

  it('a paused Deployment creates no ReplicaSet at all', () => {
    const h = new Harness();
    h.create('web', { replicas: 2, paused: true });
    h.sync();
    expect(h.rss()).toHaveLength(0);
    expect(h.condition('Progressing')?.reason).toBe('DeploymentPaused');
  });
});
