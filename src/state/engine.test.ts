// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { WorkerLike } from '../worker/client';
import { EngineHost } from '../worker/host';
import { PROTOCOL_VERSION } from '../worker/protocol';
import { connectEngine } from './engine';
import { serializeSession, STORAGE_KEY } from './persist';
import { createAppStore } from './store';
import { MemoryStorage } from './memoryStorage';

const files = import.meta.glob<string>('../../examples/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const examples: Record<string, string> = {};
for (const [p, text] of Object.entries(files)) examples[/([^/]+)\.yaml$/.exec(p)?.[1] ?? p] = text;

/** A Worker stand-in that runs the real EngineHost in this thread, with a clock the test moves. */
class FakeWorker implements WorkerLike {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  terminated = false;
  wall = 0;
  readonly sent: { type: string }[] = [];
  readonly host: EngineHost;
  constructor() {
    this.host = new EngineHost({
      post: (m) =>
        queueMicrotask(
          () => !this.terminated && this.onmessage?.({ data: { ...m, v: PROTOCOL_VERSION } } as MessageEvent),
        ),
      now: () => this.wall,
      examples,
    });
  }
  postMessage(m: unknown): void {
    this.sent.push(m as { type: string });
    queueMicrotask(() => !this.terminated && this.host.handle(m));
  }
  terminate(): void {
    this.terminated = true;
  }
  tick(ms = 16): void {
    this.wall += ms;
    this.host.tick();
  }
  crash(): void {
    this.onerror?.(new ErrorEvent('error', { message: 'boom' }));
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0));

function setup(options: { search?: string; storage?: MemoryStorage } = {}) {
  const store = createAppStore();
  const workers: FakeWorker[] = [];
  const dispose = connectEngine(store, {
    factory: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    storage: (options.storage ?? null) as Storage | null,
    search: options.search ?? '',
    saveEveryMs: 5,
    batchFrames: false,
  });
  const worker = () => workers[workers.length - 1] as FakeWorker;
  return { store, workers, worker, dispose };
}

describe('engine connection', () => {
  it('loads the default scenario and follows its frames', async () => {
    const { store, worker, dispose } = setup();
    await settle();
    expect(worker().sent[0]).toMatchObject({
      type: 'load',
      source: { kind: 'example', name: 'self-healing' },
      play: true,
    });
    const st = store.getState();
    expect(st.workerStatus).toBe('running');
    expect(st.scenario?.name).toBe('self-healing');
    expect(st.yaml).toMatch(/kind: Deployment/);
    expect(st.mirror.objects.has('Node/node-1')).toBe(true);
    for (let i = 0; i < 50; i++) worker().tick();
    await settle();
    expect(store.getState().t).toBeGreaterThan(1);
    dispose();
  });

  it('restarts a crashed worker from the last good state, keeping the YAML', async () => {
    const { store, workers, worker, dispose } = setup();
    await settle();
    store.getState().setSpeed(10);
    await settle();
    for (let i = 0; i < 60; i++) worker().tick();
    await settle();
    const r = await store
      .getState()
      .sendInput({ type: 'fault', fault: { type: 'PodDelete', selector: 'app=shop' } });
    expect(r.ok).toBe(true);
    for (let i = 0; i < 60; i++) worker().tick();
    await settle();
    store.getState().setYaml('# my unsaved work\n');
    const { t, inputs } = store.getState();
    expect(inputs).toHaveLength(1);
    const pods = [...store.getState().mirror.objects.keys()].filter((k) => k.startsWith('Pod/')).sort();

    workers[0]?.crash();
    expect(store.getState().workerStatus).toBe('restarting');
    expect(workers).toHaveLength(2);
    expect(workers[0]?.terminated).toBe(true);
    await settle();
    expect(worker().sent[0]).toMatchObject({ type: 'load', replay: { t, inputs }, play: false });
    const st = store.getState();
    expect(st.workerStatus).toBe('running');
    expect(st.t).toBe(t);
    expect(st.playing).toBe(false);
    expect(st.yaml).toBe('# my unsaved work\n');
    // Deterministic replay: the same pods exist.
    expect([...st.mirror.objects.keys()].filter((k) => k.startsWith('Pod/')).sort()).toEqual(pods);
    expect(
      st.notices.some((n) => n.text.includes('stopped unexpectedly') && n.text.includes('restarted')),
    ).toBe(true);
    dispose();
  });

  it('gives up after repeated crashes, with a message', async () => {
    const { store, workers, worker, dispose } = setup();
    await settle();
    for (let i = 0; i < 4; i++) {
      worker().crash();
      await settle();
    }
    expect(workers).toHaveLength(4);
    expect(store.getState().workerStatus).toBe('failed');
    expect(store.getState().notices.some((n) => n.text.includes('keeps stopping'))).toBe(true);
    dispose();
  });

  it('opens ?scenario=, and falls back to the default with a message for an unknown name', async () => {
    const a = setup({ search: '?scenario=node-loss' });
    await settle();
    expect(a.store.getState().scenario?.name).toBe('node-loss');
    a.dispose();
    const b = setup({ search: '?scenario=nope' });
    await settle();
    await settle();
    expect(b.store.getState().scenario?.name).toBe('self-healing');
    expect(b.store.getState().notices[0]?.text).toContain('"nope"');
    b.dispose();
  });

  it('restores a saved session paused at its position, and reports a corrupt one', async () => {
    const storage = new MemoryStorage();
    storage.setItem(
      STORAGE_KEY,
      serializeSession({
        source: { kind: 'example', name: 'self-healing' },
        inputs: [{ t: 3, input: { type: 'fault', fault: { type: 'PodCrash', selector: 'app=shop' } } }],
        t: 20,
        yaml: '# saved\n',
      }),
    );
    const a = setup({ storage });
    await settle();
    const st = a.store.getState();
    expect([st.t, st.playing, st.yaml, st.inputs.length]).toEqual([20, false, '# saved\n', 1]);
    expect(st.notices[0]?.text).toContain('Welcome back');
    // It is saved again as it changes.
    a.store.getState().setYaml('# changed\n');
    await new Promise((r) => setTimeout(r, 20));
    expect(JSON.parse(storage.getItem(STORAGE_KEY) ?? '{}').yaml).toBe('# changed\n');
    a.dispose();

    storage.setItem(STORAGE_KEY, '{"version":1,"t":');
    const b = setup({ storage });
    await settle();
    expect(b.store.getState().notices[0]?.text).toContain('could not be read');
    expect(b.store.getState().scenario?.name).toBe('self-healing');
    b.dispose();
  });

  it('reports a bad scenario file and keeps the running cluster', async () => {
    const { store, dispose } = setup();
    await settle();
    store
      .getState()
      .loadScenario({ kind: 'file', name: 'mine.yaml', text: 'kind: Scenario\napiVersion: nope\n' });
    await settle();
    const st = store.getState();
    expect(st.scenario?.name).toBe('self-healing');
    expect(st.loadProblem?.file).toBe('mine.yaml');
    expect(st.notices.at(-1)?.details?.[0]).toMatch(/^\d+:\d+: /);
    dispose();
  });
});
