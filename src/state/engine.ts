/**
 * Connects the app's store to the engine worker: sends the first load (a saved session, `?scenario=`, or
 * the default example), feeds worker messages to the store's reducers, narrates frames, saves the session,
 * and restarts a crashed worker from the last good state it knows (the scenario plus the learner's input
 * log with times, replayed deterministically) without touching the learner's YAML.
 */
import type { ApplyResult } from '../engine/sim/inputs';
import { S } from '../strings';
import type { EngineClient, WorkerFactory } from '../worker/client';
import { startEngine } from '../worker/client';
import type { FromWorker, Replay, ScenarioSource } from '../worker/protocol';
import { narrate } from './narration';
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
}

interface LoadIntent {
  readonly source: ScenarioSource;
  readonly replay?: Replay;
  readonly play: boolean;
  /** Replace the learner's YAML with the scenario's manifests (a new scenario, not a restore). */
  readonly replaceYaml: boolean;
  readonly kind: 'initial' | 'restore' | 'recovery' | 'choice';
}

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
  const saved = loadSession(storage);
  if (saved.status === 'discarded') state().notify('error', S.storageCorrupt);
  const savedSession = saved.status === 'ok' ? saved.session : undefined;
  if (
    savedSession &&
    (!wanted || (savedSession.source.kind === 'example' && savedSession.source.name === wanted))
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
      source: wanted ? { kind: 'example', name: wanted } : DEFAULT_SOURCE,
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
        if (m.replayed && m.replayed.skipped > 0) st.notify('info', S.restoredSkipped(m.replayed.skipped));
        if (i?.kind === 'choice' || i?.kind === 'initial') st.select(null);
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
        st.receiveFrame(m);
        if (st.narrationOn && m.diffs.length) st.narrate(narrate(m.diffs));
        return;
      case 'inputResult': {
        const resolve = pending.get(m.id);
        pending.delete(m.id);
        resolve?.(m.result);
        return;
      }
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
        message: onMessage,
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
    saveSession(storage, { source: st.scenario.source, inputs: st.inputs, t: st.t, yaml: st.yaml });
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
    unsubscribe();
    if (timer) clearTimeout(timer);
    if (typeof window !== 'undefined') window.removeEventListener('pagehide', onHide);
    save();
    failPending();
    client?.dispose();
    state().setEngine(null);
  };
}
