import { describe, expect, it } from 'vitest';
import thermostat from '../lessons/01-thermostat';
import type { FromWorker, ToWorker, Unversioned } from './protocol';
import { PROTOCOL_VERSION } from './protocol';
import { EngineHost } from './host';

type Out = Unversioned<FromWorker>;
type Status = Extract<Out, { type: 'goalStatus' }>;

function harness() {
  const out: Out[] = [];
  let wall = 0;
  const host = new EngineHost({ post: (m) => out.push(m), now: () => wall, examples: {} });
  const send = (m: Unversioned<ToWorker>) => host.handle({ ...m, v: PROTOCOL_VERSION });
  /** Run `seconds` of simulated time at 10x, in ticks. */
  const run = (seconds: number) => {
    const end = (host.simulation?.now ?? 0) + seconds;
    while ((host.simulation?.now ?? 0) < end - 1e-9) {
      wall += 100;
      host.tick();
    }
  };
  const status = () => [...out].reverse().find((m): m is Status => m.type === 'goalStatus');
  send({
    type: 'load',
    source: { kind: 'file', name: 'thermostat', text: thermostat.scenario },
    play: true,
    speed: 10,
  });
  return { host, out, send, run, status };
}

const apply = thermostat.steps[0]?.solution[0];
const manifests = apply && 'apply' in apply ? apply.apply : '';
const threeReady = { kind: 'podsReady', selector: 'app=web', count: 3 } as const;

describe('goal tracking in the worker', () => {
  it('reports a goal as unmet at its start, then met once the cluster gets there', () => {
    const h = harness();
    h.send({ type: 'trackGoal', id: 'a', goal: threeReady });
    expect(h.status()).toMatchObject({ id: 'a', met: false, pending: false, startT: 0 });
    h.send({ type: 'input', id: 1, input: { type: 'apply', manifests } });
    h.run(15);
    const s = h.status();
    expect(s).toMatchObject({ id: 'a', met: true, holds: true, progress: { have: 3, want: 3 } });
    expect(s?.metAt).toBeGreaterThan(0);
  });

  it('keeps the goal right across seeks: back before it was met, before it began, and forward again', () => {
    const h = harness();
    h.run(3);
    h.send({ type: 'trackGoal', id: 'b', goal: threeReady });
    const startT = h.status()?.startT ?? -1;
    expect(startT).toBeGreaterThanOrEqual(3);
    h.send({ type: 'input', id: 1, input: { type: 'apply', manifests } });
    h.run(20);
    const metAt = h.status()?.metAt ?? -1;
    expect(h.status()?.met).toBe(true);
    h.send({ type: 'seek', t: metAt - 0.5 });
    h.run(0);
    h.host.tick();
    expect(h.status()).toMatchObject({ met: false, pending: false });
    h.send({ type: 'seek', t: 1 });
    h.host.tick();
    expect(h.status()).toMatchObject({ pending: true, met: false, startT });
    h.send({ type: 'play' });
    h.run(25);
    expect(h.status()).toMatchObject({ pending: false, met: true, metAt, startT });
  });

  it('starts a restored goal where it began (`at`), replaying to now', () => {
    const h = harness();
    h.send({ type: 'trackGoal', id: 'c', goal: { kind: 'podsReplaced', selector: 'app=web', count: 1 } });
    h.send({ type: 'input', id: 1, input: { type: 'apply', manifests } });
    h.run(15);
    h.send({ type: 'pause' });
    h.send({ type: 'trackGoal', id: 'c', goal: { kind: 'podsReplaced', selector: 'app=web', count: 1 } });
    const at = h.status()?.startT ?? 0;
    expect(h.status()?.startInputs).toBe(1);
    // The fault comes at the very instant the goal began (the clock is paused), then time runs.
    h.send({
      type: 'input',
      id: 2,
      input: { type: 'fault', fault: { type: 'PodDelete', selector: 'app=web' } },
    });
    h.send({ type: 'play' });
    h.run(5);
    expect(h.status()?.met).toBe(true);
    // A fresh goal now would not be met (the pod is already gone); one started at `at` is.
    h.send({ type: 'trackGoal', id: 'c', goal: { kind: 'podsReplaced', selector: 'app=web', count: 1 } });
    expect(h.status()?.met).toBe(false);
    const atInputs = h.status()?.startInputs ?? 0;
    h.send({
      type: 'trackGoal',
      id: 'c',
      goal: { kind: 'podsReplaced', selector: 'app=web', count: 1 },
      at,
      atInputs: 1,
    });
    expect(atInputs).toBe(2); // the status now is of the fresh goal, started after both inputs
    expect(h.status()).toMatchObject({ met: true, startT: at });
  });

  it('refuses invalid goal data with located messages', () => {
    const h = harness();
    h.send({ type: 'trackGoal', id: 'd', goal: { kind: 'podz' } as never });
    const r = [...h.out].reverse().find((m) => m.type === 'goalRefused');
    expect(r).toMatchObject({ id: 'd' });
    expect(JSON.stringify(r)).toMatch(/unknown goal/);
  });

  it('skip with events: false runs the whole span', () => {
    const h = harness();
    h.send({ type: 'pause' });
    h.send({ type: 'input', id: 1, input: { type: 'apply', manifests } });
    const t0 = h.host.simulation?.now ?? 0;
    h.send({ type: 'skip', capSeconds: 30, events: false });
    for (let i = 0; i < 200 && (h.host.simulation?.now ?? 0) < t0 + 30; i++) h.run(0.001);
    expect(h.host.simulation?.now).toBeCloseTo(t0 + 30, 5);
  });
});
