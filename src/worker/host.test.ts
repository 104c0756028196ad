import { describe, expect, it } from 'vitest';
import type { FromWorker, ToWorker, Unversioned } from './protocol';
import { PROTOCOL_VERSION } from './protocol';
import { EngineHost } from './host';

const files = import.meta.glob<string>('../../examples/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const examples: Record<string, string> = {};
for (const [p, text] of Object.entries(files)) examples[/([^/]+)\.yaml$/.exec(p)?.[1] ?? p] = text;

type Out = Unversioned<FromWorker>;

function harness(opts: { budgetMs?: number; realClock?: boolean } = {}) {
  const out: Out[] = [];
  let wall = 0;
  const host = new EngineHost({
    post: (m) => out.push(m),
    now: opts.realClock ? () => performance.now() : () => wall,
    examples,
    ...(opts.budgetMs !== undefined ? { budgetMs: opts.budgetMs } : {}),
  });
  const send = (m: Unversioned<ToWorker>) => host.handle({ ...m, v: PROTOCOL_VERSION });
  const tick = (ms = 16) => {
    wall += ms;
    host.tick();
  };
  const last = <T extends Out['type']>(type: T) =>
    [...out].reverse().find((m) => m.type === type) as Extract<Out, { type: T }> | undefined;
  return { host, out, send, tick, last };
}

function podCount(h: ReturnType<typeof harness>): number {
  return h.host.simulation?.store.list('Pod').length ?? 0;
}

describe('EngineHost', () => {
  it('says hello with the examples, then loads one and sends a full snapshot', () => {
    const h = harness();
    expect(h.out[0]?.type).toBe('hello');
    const hello = h.out[0] as Extract<Out, { type: 'hello' }>;
    expect(hello.examples.map((e) => e.name)).toContain('self-healing');
    h.send({ type: 'load', source: { kind: 'example', name: 'node-loss' } });
    const loaded = h.last('loaded');
    expect(loaded?.scenarioName).toBe('node-loss');
    expect(loaded?.manifests).toMatch(/kind: Deployment/);
    expect(loaded?.manifests).not.toMatch(/kind: Scenario/);
    expect(loaded?.timeline.map((m) => m.label)).toEqual(['NodeFailure', 'NodeRecovery']);
    const snap = h.last('snapshot');
    expect(snap?.objects.some(([k]) => k === 'Node/node-2')).toBe(true);
    expect(snap?.t).toBe(0);
    expect(snap?.inputs).toEqual([]);
  });

  it('plays at the chosen speed and sends at most one message per tick', () => {
    const h = harness();
    h.send({ type: 'load', source: { kind: 'example', name: 'self-healing' }, play: true, speed: 10 });
    const before = h.out.length;
    for (let i = 0; i < 100; i++) h.tick();
    expect(h.out.length - before).toBeLessThanOrEqual(100);
    const frame = h.last('frame');
    expect(frame?.t).toBeCloseTo(16, 5);
    expect(frame?.playing).toBe(true);
    expect(podCount(h)).toBe(3);
    // Diffs travel without `from`: the page's mirror holds the value before.
    const diffs = h.out.flatMap((m) => (m.type === 'frame' ? m.diffs : []));
    expect(diffs.some((d) => d.type === 'updated')).toBe(true);
    expect(diffs.some((d) => 'from' in d)).toBe(false);
    h.send({ type: 'pause' });
    h.tick();
    const t = h.host.simulation?.now;
    for (let i = 0; i < 10; i++) h.tick();
    expect(h.host.simulation?.now).toBe(t);
  });

  it('steps to the next scheduled instant', () => {
    const h = harness();
    h.send({ type: 'load', source: { kind: 'example', name: 'self-healing' } });
    const next = h.host.simulation?.nextEventTime();
    h.send({ type: 'step' });
    expect(h.host.simulation?.now).toBe(next);
  });

  it('skips ahead to the next recorded Event', () => {
    const h = harness();
    h.send({ type: 'load', source: { kind: 'example', name: 'self-healing' } });
    h.send({ type: 'speed', speed: 50 });
    for (let i = 0; i < 200; i++) h.tick(); // settle: 3 pods running by now
    h.send({ type: 'pause' });
    const t0 = h.host.simulation?.now ?? 0;
    const events0 = h.host.simulation?.store.list('Event').length ?? 0;
    h.send({ type: 'skip' });
    for (let i = 0; i < 50 && h.last('frame')?.skipping !== false; i++) h.tick();
    h.tick();
    const now = h.host.simulation?.now ?? 0;
    expect(now).toBeGreaterThan(t0);
    // The timeline crashes a pod at 30s: the next Event is about that.
    expect(now).toBeLessThanOrEqual(31);
    expect(h.host.simulation?.store.list('Event').length ?? 0).toBeGreaterThanOrEqual(events0);
    expect(h.last('frame')?.playing).toBe(false);
  });

  it('applies inputs, logs them, and branches when acting after a seek back', () => {
    const h = harness();
    h.send({ type: 'load', source: { kind: 'example', name: 'node-loss' }, play: true, speed: 50 });
    for (let i = 0; i < 25; i++) h.tick(); // 20 simulated seconds
    h.send({
      type: 'input',
      id: 1,
      input: { type: 'fault', fault: { type: 'NodeFailure', node: 'node-3' } },
    });
    expect(h.last('inputResult')).toMatchObject({ id: 1, result: { ok: true } });
    for (let i = 0; i < 25; i++) h.tick();
    const horizon = h.host.simulation?.now ?? 0;
    expect(horizon).toBeGreaterThan(35);
    expect(h.last('frame')?.horizon).toBe(horizon);

    h.send({ type: 'seek', t: 10 });
    h.tick();
    const snap = h.last('snapshot');
    expect(snap?.t).toBe(10);
    expect(snap?.horizon).toBe(horizon);
    expect(snap?.inputs).toHaveLength(1); // the logged future is still there

    h.send({
      type: 'input',
      id: 2,
      input: { type: 'fault', fault: { type: 'PodDelete', selector: 'app=api' } },
    });
    h.tick();
    const frame = h.last('frame');
    expect(frame?.inputs?.map((i) => i.t)).toEqual([10]);
    expect(frame?.horizon).toBe(10);
  });

  it('answers a bad input without logging it', () => {
    const h = harness();
    h.send({ type: 'load', source: { kind: 'example', name: 'self-healing' } });
    h.send({ type: 'input', id: 7, input: { type: 'fault', fault: { type: 'Meteor' } } as never });
    expect(h.last('inputResult')).toMatchObject({ id: 7, result: { ok: false } });
    h.tick();
    expect(h.last('frame')?.inputs ?? h.last('snapshot')?.inputs).toEqual([]);
  });

  it('reports a bad scenario file with positions and keeps the running cluster', () => {
    const h = harness();
    h.send({ type: 'load', source: { kind: 'example', name: 'self-healing' } });
    const sim = h.host.simulation;
    h.send({
      type: 'load',
      source: {
        kind: 'file',
        name: 'bad.yaml',
        text: 'apiVersion: setpoint.dev/v1alpha1\nkind: Scenario\nspec: {seed: x}\n',
      },
    });
    const failed = h.last('loadFailed');
    expect(failed?.reason).toBe('invalid');
    expect(failed?.diagnostics[0]?.line).toBeGreaterThan(0);
    expect(h.host.simulation).toBe(sim);
    h.send({ type: 'load', source: { kind: 'example', name: 'no-such-thing' } });
    expect(h.last('loadFailed')?.reason).toBe('unknown-example');
  });

  it('replays an input log deterministically (what a reload or a crash restart relies on)', () => {
    const a = harness();
    a.send({ type: 'load', source: { kind: 'example', name: 'self-healing' }, play: true, speed: 25 });
    for (let i = 0; i < 30; i++) a.tick();
    a.send({
      type: 'input',
      id: 1,
      input: { type: 'fault', fault: { type: 'PodDelete', selector: 'app=shop' } },
    });
    for (let i = 0; i < 30; i++) a.tick();
    a.send({
      type: 'input',
      id: 2,
      input: { type: 'fault', fault: { type: 'NodeFailure', node: 'node-1' } },
    });
    for (let i = 0; i < 200; i++) a.tick();
    a.send({ type: 'pause' });
    a.tick();
    const t = a.host.simulation?.now ?? 0;
    const withLog = a.out.filter((m) => m.type === 'frame' && m.inputs !== undefined).pop();
    const inputs = withLog?.type === 'frame' ? [...(withLog.inputs ?? [])] : [];
    expect(inputs.length).toBe(2);

    const b = harness();
    b.send({ type: 'load', source: { kind: 'example', name: 'self-healing' }, replay: { inputs, t } });
    expect(b.last('loaded')?.replayed).toEqual({ inputs: 2, skipped: 0 });
    const dump = (h: ReturnType<typeof harness>) =>
      JSON.stringify(h.host.simulation?.store.list('Pod').map((p) => [p.metadata?.name, p.status]));
    expect(b.host.simulation?.now).toBe(t);
    expect(dump(b)).toBe(dump(a));
  });

  it('replays a log with a future (after a seek back) and keeps that future', () => {
    const h = harness();
    h.send({
      type: 'load',
      source: { kind: 'example', name: 'self-healing' },
      replay: {
        inputs: [
          { t: 5, input: { type: 'fault', fault: { type: 'PodDelete', selector: 'app=shop' } } },
          { t: 40, input: { type: 'fault', fault: { type: 'NodeFailure', node: 'node-2' } } },
          { t: 50, input: { type: 'bogus' } as never },
        ],
        t: 20,
      },
    });
    expect(h.last('loaded')?.replayed).toEqual({ inputs: 2, skipped: 1 });
    const snap = h.last('snapshot');
    expect(snap?.t).toBe(20);
    expect(snap?.horizon).toBe(40);
    expect(snap?.inputs?.map((i) => i.t)).toEqual([5, 40]);
  });

  it('refuses a message of another protocol version', () => {
    const h = harness();
    h.host.handle({ v: 1, type: 'start', speed: 4 });
    expect(h.last('error')?.fatal).toBe(false);
  });
});

describe('EngineHost at 1,000 pods and 50x', () => {
  // Frame times are measured by the UI benchmark (npm run bench:ui), not asserted here: timed tests flake.
  it('keeps pace at 50x and sends at most one message per tick', () => {
    const nodes = Array.from({ length: 100 }, (_, i) => `    - {name: node-${i + 1}}`).join('\n');
    const deployments = Array.from(
      { length: 10 },
      (_, i) => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app-${i}}
spec:
  replicas: 100
  selector: {matchLabels: {app: app-${i}}}
  template:
    metadata: {labels: {app: app-${i}}}
    spec:
      containers: [{name: app, image: app:1.0, resources: {requests: {cpu: 10m, memory: 16Mi}}}]`,
    ).join('\n');
    const text = `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata: {name: big}
spec:
  nodes:
${nodes}
${deployments}
`;
    const h = harness();
    h.send({ type: 'load', source: { kind: 'file', name: 'big.yaml', text }, play: true, speed: 50 });
    expect(h.last('loaded')).toBeDefined();
    const before = h.out.length;
    const ticks = 200;
    for (let i = 0; i < ticks; i++) h.tick(16);
    expect(podCount(h)).toBe(1000);
    expect(h.out.length - before).toBeLessThanOrEqual(ticks);
    // 200 frames of 16 ms at 50x is 160 simulated seconds.
    expect(h.host.simulation?.now ?? 0).toBeCloseTo(160, 0);
  }, 20_000);
});
