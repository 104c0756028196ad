import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import { rollbackTarget, rolloutHistory } from '../deployment';
import { Harness } from './testkit';
import type { DeploymentOpts } from './testkit';
import { REVISION, REVISION_HISTORY, revisionOf, specReplicas } from './util';

/** Roll through `images` one after another, each rollout finished before the next. */
function rolled(images: string[], o: DeploymentOpts = {}): Harness {
  const h = new Harness();
  h.create('web', { replicas: 2, image: images[0] ?? 'web:1', ...o });
  h.rollout();
  images.slice(1).forEach((image, i) => {
    h.now = 100 * (i + 1);
    h.setImage(image);
    h.rollout();
  });
  return h;
}

function undo(h: Harness, toRevision?: number): void {
  const plan = rollbackTarget(h.store, h.d(), toRevision);
  if (!('template' in plan)) throw new Error(JSON.stringify(plan));
  const d = h.d();
  h.now += 100;
  h.api.update('Deployment', {
    ...d,
    metadata: { ...d.metadata, annotations: plan.annotations },
    spec: { ...(d.spec as NonNullable<typeof d.spec>), template: plan.template },
  });
  h.rollout();
}

const image = (rs: ReplicaSet | undefined) => rs?.spec?.template?.spec?.containers?.[0]?.image;
const revisions = (h: Harness) => rolloutHistory(h.store, h.d()).map((e) => e.revision);

describe('revisions and rollout undo (§1.8)', () => {
  it("numbers revisions; the Deployment carries its new ReplicaSet's revision", () => {
    const h = rolled(['web:1', 'web:2']);
    expect(revisions(h)).toEqual([1, 2]);
    expect(h.d().metadata?.annotations?.[REVISION]).toBe('2');
    expect(revisionOf(h.split().newRS as ReplicaSet)).toBe(2);
  });

  it('undo from 2 makes the old ReplicaSet revision 3 (history "1"); a second undo gives revision 4', () => {
    const h = rolled(['web:1', 'web:2']);
    const plan = rollbackTarget(h.store, h.d());
    expect('template' in plan && plan.revision).toBe(1);
    expect('template' in plan && plan.template.metadata?.labels).toEqual({ app: 'web' });
    undo(h);
    let { newRS } = h.split();
    expect(image(newRS)).toBe('web:1');
    expect(newRS?.metadata?.annotations?.[REVISION]).toBe('3');
    expect(newRS?.metadata?.annotations?.[REVISION_HISTORY]).toBe('1');
    expect(h.d().metadata?.annotations?.[REVISION]).toBe('3');
    expect(revisions(h)).toEqual([2, 3]);
    expect(h.rss()).toHaveLength(2);
    expect(h.sizes()).toEqual([0, 2]);

    undo(h);
    ({ newRS } = h.split());
    expect(image(newRS)).toBe('web:2');
    expect(newRS?.metadata?.annotations?.[REVISION]).toBe('4');
    expect(newRS?.metadata?.annotations?.[REVISION_HISTORY]).toBe('2');
    expect(revisions(h)).toEqual([3, 4]);
  });

  it('--to-revision picks that revision; a missing one is an error', () => {
    const h = rolled(['web:1', 'web:2', 'web:3']);
    const plan = rollbackTarget(h.store, h.d(), 1);
    expect('template' in plan && image({ spec: { template: plan.template } } as ReplicaSet)).toBe('web:1');
    expect(rollbackTarget(h.store, h.d(), 9)).toEqual({
      error: 'unable to find specified revision 9 in history',
    });
    undo(h, 1);
    expect(revisions(h)).toEqual([2, 3, 4]);
  });

  it('skips when the template already matches, refuses while paused, and needs history', () => {
    const h = rolled(['web:1', 'web:2']);
    expect(rollbackTarget(h.store, h.d(), 2)).toEqual({
      skipped: 'skipped rollback (current template already matches revision 2)',
    });
    h.edit((s) => ({ ...s, paused: true }));
    expect(rollbackTarget(h.store, h.d())).toEqual({
      error:
        "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/web' and try again",
    });
    // A missing revision is reported before the pause.
    expect(rollbackTarget(h.store, h.d(), 7)).toEqual({
      error: 'unable to find specified revision 7 in history',
    });
    const single = rolled(['web:1']);
    expect(rollbackTarget(single.store, single.d())).toEqual({
      error: 'no rollout history found for deployment "web"',
    });
  });

  it('carries change-cause into the ReplicaSet, the history and back on undo', () => {
    const h = new Harness();
    h.create('web', { replicas: 1 });
    h.rollout();
    const d = h.d();
    h.now = 50;
    h.api.update('Deployment', {
      ...d,
      metadata: {
        ...d.metadata,
        annotations: { ...d.metadata?.annotations, 'kubernetes.io/change-cause': 'to v2' },
      },
      spec: {
        ...(d.spec as NonNullable<typeof d.spec>),
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'app', image: 'web:2' }] },
        },
      },
    });
    h.rollout();
    expect(rolloutHistory(h.store, h.d()).map((e) => [e.revision, e.changeCause])).toEqual([
      [1, undefined],
      [2, 'to v2'],
    ]);
    const plan = rollbackTarget(h.store, h.d());
    // Rolling back to revision 1 brings back its annotations (none), keeping the Deployment's revision.
    expect('annotations' in plan && plan.annotations).toEqual({ [REVISION]: '2' });
  });
});

describe('history cleanup (revisionHistoryLimit)', () => {
  it('keeps at most the limit of old ReplicaSets, deleting the oldest revisions', () => {
    const h = rolled(['web:1', 'web:2', 'web:3', 'web:4', 'web:5'], { revisionHistoryLimit: 2 });
    expect(revisions(h)).toEqual([3, 4, 5]);
  });

  it('does not clean up while a rollout is incomplete, but does while paused', () => {
    const h = rolled(['web:1', 'web:2'], { revisionHistoryLimit: 1 });
    expect(revisions(h)).toEqual([1, 2]);
    h.now = 500;
    h.setImage('web:3');
    h.rollout((rs) => image(rs) === 'web:3'); // stalls: old = {1 (drained), 2 (running)}, one too many
    h.sync();
    expect(revisions(h)).toEqual([1, 2, 3]);
    h.edit((s) => ({ ...s, paused: true }));
    h.sync();
    expect(revisions(h)).toEqual([2, 3]);
  });

  it('skips ReplicaSets whose latest spec the ReplicaSet controller has not observed', () => {
    const h = new Harness();
    h.create('web', { replicas: 1, revisionHistoryLimit: 0 });
    h.rollout();
    h.now = 100;
    h.setImage('web:2');
    // Roll out, but leave the old ReplicaSet's observedGeneration behind its generation.
    for (let i = 0; i < 10; i++) {
      h.sync();
      h.catchUp();
      const old = h.split().oldRSs[0];
      if (old) {
        h.api.updateStatus('ReplicaSet', { ...old, status: { replicas: 0, observedGeneration: 1 } });
      }
    }
    expect(h.rss()).toHaveLength(2);
    const old = h.split().oldRSs[0] as ReplicaSet;
    expect(specReplicas(old)).toBe(0);
    h.setStatus(old, 0, 0, 0);
    h.sync();
    expect(h.rss()).toHaveLength(1);
    // With a limit of 0 there is nothing to roll back to.
    expect(rollbackTarget(h.store, h.d())).toEqual({
      error: 'no rollout history found for deployment "web"',
    });
  });
});
