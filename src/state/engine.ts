/**
 * Connects the app's store to the engine worker: sends the first load (a saved session, `?scenario=`, or
 * the default example), feeds worker messages to the store's reducers, narrates frames, saves the session,
 * and restarts a crashed worker from the last good state it knows (the scenario plus the learner's input
 * log with times, replayed deterministically) without touching the learner's YAML.
 */
import type { ApplyResult } from '../engine';
import { S } from '../strings';
import type { EngineClient, WorkerFactory } from '../worker/client';
import { startEngine } from '../worker/client';
import type { FromWorker, Replay, ScenarioSource } from '../worker/protocol';
import { narrate, withFrom } from './narration';
import { loadSession, saveSession } from './persist';
import type { EnginePort } from './simulation';
import type { AppStore } from './store';

export const DEFAULT_EXAMPLE = 'self-healing';
export const DEFAULT_SPEED = 2;
/** After this many crashes in a row the app stops restarting the worker and says so. */
const MAX_RESTARTS = 3;

export interface ConnectOptions {
  readonly factory?: WorkerFactory;
  readonly storage?: Storage | null;
  /** location.search: `?scenario=<example-name>` opens an example. */
  readonly search?: string;
  readonly saveEveryMs?: number;
  /**
   * Apply the worker's frames once per animation frame (default, where there are animation frames), or
   * each as it arrives (tests that drive the worker by hand).
   */
  readonly batchFrames?: boolean;
  /**
   * Open this state instead of the saved session or `?scenario=` (a share link): replayed to its time,
   * paused. `yaml` absent: the scenario's own YAML. `null`: a share link that could not be read, so open
   * the default scenario rather than whatever was saved.
   */
  readonly shared?: {
    readonly source: ScenarioSource;
    readonly inputs: Replay['inputs'];
    readonly t: number;
    readonly yaml?: string;
  } | null;
  /**
   * Lessons: open this scenario instead of `?scenario=`; a saved session is restored only when it is of the
   * same source. Sessions are saved under `sessionKey` (default the sandbox's key).
   */
  readonly open?: ScenarioSource;
  readonly sessionKey?: string;
}

function sameSource(a: ScenarioSource, b: ScenarioSource): boolean {
  return (
    a.kind === b.kind && a.name === b.name && (a.kind !== 'file' || (b.kind === 'file' && a.text === b.text))
  );
}

interface LoadIntent {
  readonly source: ScenarioSource;
  readonly replay?: Replay;
  readonly play: boolean;
  /** Replace the learner's YAML with the scenario's manifests (a new scenario, not a restore). */
  readonly replaceYaml: boolean;
  readonly kind: 'initial' | 'restore' | 'recovery' | 'choice' | 'shared';
}

type FrameMessage = Extract<FromWorker, { type: 'frame' }>;

const DEFAULT_SOURCE: ScenarioSource = { kind: 'example', name: DEFAULT_EXAMPLE };
const DEAD: ApplyResult = {
  ok: false,
  message: 'error: the simulation engine restarted; try again',
  exitCode: 1,
};

export function connectEngine(store: AppStore, options: ConnectOptions = {}): () => void {
  const storage = options.storage ?? null;
  const state = () => store.getState();
  let client: EngineClient | undefined;
  let intent: LoadIntent | undefined;
  let crashes = 0;
  let restartNotice: number | undefined;
  let nextInputId = 1;
  const pending = new Map<number, (r: ApplyResult) => void>();
  let disposed = false;

  // What to open first.
  const wanted = new URLSearchParams(options.search ?? '').get('scenario');
  const open = options.open;
  const saved = loadSession(storage, options.sessionKey);
  if (saved.status === 'discarded') state().notify('error', S.storageCorrupt);
  const savedSession = saved.status === 'ok' ? saved.session : undefined;
  const shared = options.shared;
  if (shared) {
    if (shared.yaml !== undefined) state().setYaml(shared.yaml);
    intent = {
      source: shared.source,
      replay: { inputs: shared.inputs, t: shared.t },
      play: false,
      replaceYaml: shared.yaml === undefined,
      kind: 'shared',
    };
  } else if (shared === null) {
    intent = { source: DEFAULT_SOURCE, play: true, replaceYaml: true, kind: 'initial' };
  } else if (
    savedSession &&
    (open
      ? sameSource(savedSession.source, open)
      : !wanted || (savedSession.source.kind === 'example' && savedSession.source.name === wanted))
  ) {
    state().setYaml(savedSession.yaml);
    intent = {
      source: savedSession.source,
      replay: { inputs: savedSession.inputs, t: savedSession.t },
      play: false,
      replaceYaml: false,
      kind: 'restore',
    };
  } else {
    intent = {
      source: open ?? (wanted ? { kind: 'example', name: wanted } : DEFAULT_SOURCE),
      play: true,
      replaceYaml: true,
      kind: 'initial',
    };
  }

  function sendLoad(i: LoadIntent): void {
    intent = i;
    client?.send({
      type: 'load',
      source: i.source,
      ...(i.replay ? { replay: i.replay } : {}),
      play: i.play,
      speed: state().speed,
    });
  }

  // Frames wait for the next animation frame and are applied together: the worker sends one per ~16 ms
  // tick, and a busy page that receives several between two paints then renders once, not once each.
  // Any other message first applies the frames before it, so the order of everything is kept.
  let frames: FrameMessage[] = [];
  let frameTimer: ReturnType<typeof setTimeout> | undefined;
  let frameRequest: number | undefined;
  const canWait = options.batchFrames !== false && typeof requestAnimationFrame === 'function';
  function flushFrames(): void {
    if (frameTimer !== undefined) clearTimeout(frameTimer);
    if (frameRequest !== undefined) cancelAnimationFrame(frameRequest);
    frameTimer = frameRequest = undefined;
    const batch = frames;
    frames = [];
    if (batch.length) receiveFrames(batch);
  }
  function receive(m: FromWorker): void {
    if (m.type !== 'frame' || !canWait) {
      if (frames.length) flushFrames();
      onMessage(m);
      return;
    }
    frames.push(m);
    // The timer covers a hidden page, where animation frames stop.
    frameRequest ??= requestAnimationFrame(flushFrames);
    frameTimer ??= setTimeout(flushFrames, 100);
  }

  function receiveFrames(batch: readonly FrameMessage[]): void {
    const st = state();
    const before = st.receiveFrames(batch);
    if (!st.narrationOn) return;
    // Narrated frame by frame, as if each had been applied alone.
    const diffs = batch.map((f) => f.diffs);
    for (const d of withFrom(before, diffs)) if (d.length) st.narrate(narrate(d));
  }

  function onMessage(m: FromWorker): void {
    const st = state();
    switch (m.type) {
      case 'hello':
        st.receiveHello(m);
        if (intent) sendLoad(intent);
        return;
      case 'loaded': {
        st.receiveLoaded(m);
        const i = intent;
        st.setScenarioYaml(m.manifests, i?.replaceYaml ?? false);
        if (i?.kind === 'recovery') {
          if (restartNotice !== undefined) st.dismiss(restartNotice);
          restartNotice = undefined;
          st.notify('error', S.engineCrashed(i.replay?.t ?? 0));
        } else crashes = 0;
        if (i?.kind === 'restore') st.notify('info', S.restored(i.replay?.t ?? 0));
        if (i?.kind === 'shared') st.notify('info', S.shareOpened(i.replay?.t ?? 0));
        if (m.replayed && m.replayed.skipped > 0) st.notify('info', S.restoredSkipped(m.replayed.skipped));
        if (i?.kind === 'choice' || i?.kind === 'initial' || i?.kind === 'shared') st.select(null);
        return;
      }
      case 'loadFailed': {
        const i = intent;
        if (m.reason === 'unknown-example') st.notify('error', S.unknownExample(m.source.name));
        else if (m.source.kind === 'file') {
          st.setLoadProblem({ file: m.source.name, diagnostics: m.diagnostics });
          st.notify(
            'error',
            S.fileInvalid(m.source.name),
            m.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`),
          );
        } else st.notify('error', S.fileInvalid(m.source.name));
        // Nothing runs yet (first load, or a restore whose scenario is gone): open the default.
        if (!st.scenario && !(m.source.kind === 'example' && m.source.name === DEFAULT_EXAMPLE))
          sendLoad({
            source: DEFAULT_SOURCE,
            play: i?.kind !== 'restore',
            replaceYaml: true,
            kind: 'initial',
          });
        return;
      }
      case 'snapshot':
        st.receiveSnapshot(m);
        return;
      case 'frame':
        receiveFrames([m]);
        return;
      case 'inputResult': {
        const resolve = pending.get(m.id);
        pending.delete(m.id);
        resolve?.(m.result);
        return;
      }
      case 'goalStatus':
      case 'goalRefused':
        st.receiveGoal(m);
        return;
      case 'error':
        st.notify('error', m.message);
        return;
    }
  }

  function failPending(): void {
    for (const resolve of pending.values()) resolve(DEAD);
    pending.clear();
  }

  function onCrash(): void {
    if (disposed) return;
    if (frames.length) flushFrames();
    crashes++;
    failPending();
    const st = state();
    if (crashes > MAX_RESTARTS) {
      st.setWorkerStatus('failed');
      if (restartNotice !== undefined) st.dismiss(restartNotice);
      st.notify('error', S.engineFailed);
      return;
    }
    st.setWorkerStatus('restarting');
    restartNotice ??= st.notify('error', S.engineRestarting);
    const source = st.scenario?.source ?? intent?.source ?? DEFAULT_SOURCE;
    // The last good state: the scenario, the input log and the time of the last frame. If replaying that
    // crashes too, start the scenario afresh rather than crash forever.
    intent =
      crashes < MAX_RESTARTS
        ? {
            source,
            replay: { inputs: st.inputs, t: st.t },
            play: false,
            replaceYaml: false,
            kind: 'recovery',
          }
        : { source, play: false, replaceYaml: false, kind: 'recovery' };
    start();
  }

  function start(): void {
    client = startEngine(
      {
        message: receive,
        crash: onCrash,
        mismatch: () => state().notify('error', S.engineVersion),
      },
      options.factory,
    );
  }

  const port: EnginePort = {
    send: (m) => client?.send(m),
    input: (input) =>
      new Promise<ApplyResult>((resolve) => {
        if (state().workerStatus !== 'running') {
          resolve(DEAD);
          return;
        }
        const id = nextInputId++;
        pending.set(id, resolve);
        client?.send({ type: 'input', id, input });
      }),
    load: (source, o) =>
      sendLoad({ source, play: state().playing, replaceYaml: o?.replaceYaml ?? true, kind: 'choice' }),
  };
  state().setEngine(port);
  start();

  // Save the session at most once a second, and when the page is hidden or closed.
  const save = () => {
    const st = state();
    if (!st.scenario || st.workerStatus !== 'running') return;
    saveSession(
      storage,
      { source: st.scenario.source, inputs: st.inputs, t: st.t, yaml: st.yaml },
      options.sessionKey,
    );
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = store.subscribe(() => {
    timer ??= setTimeout(() => {
      timer = undefined;
      save();
    }, options.saveEveryMs ?? 1000);
  });
  const onHide = () => save();
  if (typeof window !== 'undefined') window.addEventListener('pagehide', onHide);

  return () => {
    disposed = true;
    if (frames.length) flushFrames();
    unsubscribe();
    if (timer) clearTimeout(timer);
    if (typeof window !== 'undefined') window.removeEventListener('pagehide', onHide);
    save();
    failPending();
    client?.dispose();
    state().setEngine(null);
  };
}
