import { describe, expect, it } from 'vitest';
import type { Controller } from './controller';
import { History } from './history';
import { Simulation } from './simulation';

/** A toy controller that draws from the rng and writes on a timer, so replay divergence would show. */
const churn: Controller = {
  name: 'churn',
  component: 'simulation',
  watches: [],
  start: (ctx) => ctx.requeueAfter(7, 'tick'),
  reconcile(_key, ctx) {
    const existing = ctx.store.list('Namespace').filter((n) => n.metadata?.name?.startsWith('ns-'));
    if (existing.length > 3) {
      const victim = existing[ctx.rng.int(existing.length)];
      if (victim?.metadata?.name) ctx.api.delete('Namespace', undefined, victim.metadata.name);
    }
    ctx.api.create('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { generateName: 'ns-' } });
    ctx.requeueAfter(7 + ctx.rng.int(5), 'tick');
  },
};

type Input = { name: string };
function apply(sim: Simulation, input: Input): void {
  sim.act('input', () =>
    sim.api.create('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: input.name } }),
  );
}

function world(sim: Simulation): string {
  return JSON.stringify({ now: sim.now, ns: sim.store.list('Namespace'), rv: sim.store.resourceVersion });
}

function fresh(): History<Input, void> {
  const sim = new Simulation({ seed: 42, images: {} }, [churn]);
  sim.start();
  return new History(sim, apply, { snapshotEvery: 30 });
}

describe('History (time travel)', () => {
  it('seeking back restores the exact state that was there at that time', () => {
    const h = fresh();
    h.runUntil(95);
    const at95 = world(h.sim);
    h.input({ name: 'learner-1' });
    h.runUntil(300);
    h.seek(95);
    // At 95 the learner's input had been applied after the state was read, so compare at 94.
    const replayAt95 = world(h.sim);
    expect(JSON.parse(replayAt95).ns).toContainEqual(
      expect.objectContaining({ metadata: expect.objectContaining({ name: 'learner-1' }) }),
    );
    h.seek(60);
    const direct = fresh();
    direct.runUntil(60);
    expect(world(h.sim)).toBe(world(direct.sim));
    expect(at95).not.toBe(replayAt95);
  });

  it('running on after a seek replays the logged future identically', () => {
    const a = fresh();
    a.runUntil(50);
    a.input({ name: 'first' });
    a.runUntil(130);
    a.input({ name: 'second' });
    a.runUntil(400);
    const end = world(a.sim);
    a.seek(20);
    a.runUntil(400);
    expect(world(a.sim)).toBe(end);
  });

  it('acting after a seek back discards the old future (a branch)', () => {
    const h = fresh();
    h.runUntil(50);
    h.input({ name: 'old-future' });
    h.runUntil(200);
    h.seek(40);
    h.input({ name: 'branch' });
    h.runUntil(200);
    const names = h.sim.store.list('Namespace').map((n) => n.metadata?.name);
    expect(names).toContain('branch');
    expect(names).not.toContain('old-future');
    expect(h.log.map((l) => l.input.name)).toEqual(['branch']);
  });

  it('same seed gives the same run byte for byte; another seed differs', () => {
    const a = fresh();
    const b = fresh();
    a.runUntil(500);
    b.runUntil(500);
    expect(world(a.sim)).toBe(world(b.sim));
    const c = new Simulation({ seed: 7, images: {} }, [churn]);
    c.start();
    c.runUntil(500);
    expect(world(c)).not.toBe(world(a.sim));
  });
});
