/**
 * The simulation slice: what the worker last reported (the cluster mirror, simulated time, speed, the
 * branch's horizon and input log) and the commands the time controls send. Reducers for worker messages
 * (`receiveSnapshot`, `receiveFrame`, ...) are pure state transitions, so they are tested without a worker.
 */
import type { StateCreator } from 'zustand';
import type { ApplyResult, Diagnostic, Input } from '../engine';
import type {
  ExampleInfo,
  FromWorker,
  LoggedLearnerInput,
  ScenarioMarker,
  ScenarioSource,
  ToWorker,
  Unversioned,
} from '../worker/protocol';
import { MAX_SPEED, MIN_SPEED } from '../worker/protocol';
import type { ClusterMirror } from './mirror';
import { applyDiffs, createMirror, EMPTY_MIRROR } from './mirror';
import type { AppState } from './store';
import { S } from '../strings';

type Msg<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

/** starting: no cluster yet; running: frames arrive; restarting: a new worker is replaying; failed: gave up. */
export type WorkerStatus = 'starting' | 'running' | 'restarting' | 'failed';

/** How the UI reaches the worker (set by the engine connection; absent in tests of pure reducers). */
export interface EnginePort {
  send(message: Unversioned<ToWorker>): void;
  input(input: Input): Promise<ApplyResult>;
  load(source: ScenarioSource, options?: { replaceYaml?: boolean }): void;
}

/** A scenario file that failed to open, with `line:column: message` diagnostics. */
export interface LoadProblem {
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
}

export interface SimulationSlice {
  mirror: ClusterMirror;
  t: number;
  horizon: number;
  speed: number;
  playing: boolean;
  skipping: boolean;
  /** The learner's logged inputs on this branch: markers on the timeline, and what a restart replays. */
  inputs: readonly LoggedLearnerInput[];
  /** The scenario's own timeline entries (they fire by themselves). */
  timeline: readonly ScenarioMarker[];
  scenario: { readonly source: ScenarioSource; readonly name: string } | null;
  examples: readonly ExampleInfo[];
  /** Controller name -> the last simulated time it wrote (what the graph lights up). */
  activity: ReadonlyMap<string, number>;
  workerStatus: WorkerStatus;
  loadProblem: LoadProblem | null;
  engine: EnginePort | null;

  setEngine(engine: EnginePort | null): void;
  setWorkerStatus(status: WorkerStatus): void;
  receiveHello(m: Msg<'hello'>): void;
  receiveLoaded(m: Msg<'loaded'>): void;
  receiveSnapshot(m: Msg<'snapshot'>): void;
  /** Apply a frame; returns the mirror before it (narration compares the two). */
  receiveFrame(m: Msg<'frame'>): ClusterMirror;
  /**
   * Apply frames that arrived together as one update: the mirror's 17,000-entry map of a big cluster is
   * copied once, not once per frame.
   */
  receiveFrames(ms: readonly Msg<'frame'>[]): ClusterMirror;
  setLoadProblem(p: LoadProblem | null): void;

  play(): void;
  pause(): void;
  togglePlay(): void;
  step(): void;
  setSpeed(speed: number): void;
  skipAhead(): void;
  seek(t: number): void;
  reset(): void;
  loadScenario(source: ScenarioSource): void;
  sendInput(input: Input): Promise<ApplyResult>;
}

const NO_ENGINE: ApplyResult = { ok: false, message: S.engineNotRunning, exitCode: 1 };

export const createSimulationSlice: StateCreator<AppState, [], [], SimulationSlice> = (set, get) => {
  // The speed last sent to the worker, until a report shows it arrived. Frames the worker sent before it
  // read the message still carry the old speed; taking that would snap the slider back, and the next
  // arrow key would count from the wrong place.
  let speedSent: number | undefined;
  const reported = (speed: number): number => {
    if (speedSent === undefined) return speed;
    if (speed !== speedSent) return get().speed;
    speedSent = undefined;
    return speed;
  };
  return {
    mirror: EMPTY_MIRROR,
    t: 0,
    horizon: 0,
    speed: 2,
    playing: false,
    skipping: false,
    inputs: [],
    timeline: [],
    scenario: null,
    examples: [],
    activity: new Map(),
    workerStatus: 'starting',
    loadProblem: null,
    engine: null,

    setEngine: (engine) => set({ engine }),
    setWorkerStatus: (workerStatus) => set({ workerStatus }),
    receiveHello: (m) => set({ examples: m.examples }),
    receiveLoaded: (m) =>
      set({
        scenario: { source: m.source, name: m.scenarioName },
        timeline: m.timeline,
        loadProblem: null,
        workerStatus: 'running',
      }),
    receiveSnapshot: (m) =>
      set({
        mirror: createMirror(m.t, new Map(m.objects), new Map(m.runtime)),
        activity: new Map(),
        t: m.t,
        horizon: m.horizon,
        speed: reported(m.speed),
        playing: m.playing,
        skipping: m.skipping,
        ...(m.inputs ? { inputs: m.inputs } : {}),
      }),
    receiveFrame: (m) => get().receiveFrames([m]),
    receiveFrames: (ms) => {
      const before = get().mirror;
      const m = ms[ms.length - 1];
      if (!m) return before;
      let activity: Map<string, number> | undefined;
      let inputs: Msg<'frame'>['inputs'];
      for (const f of ms) {
        if (f.activity?.length) {
          activity ??= new Map(get().activity);
          for (const [actor, t] of f.activity) activity.set(actor, t);
        }
        inputs = f.inputs ?? inputs;
      }
      set({
        mirror: applyDiffs(before, ms.length === 1 ? m.diffs : ms.flatMap((f) => f.diffs), m.t),
        activity: activity ?? get().activity,
        t: m.t,
        horizon: m.horizon,
        speed: reported(m.speed),
        playing: m.playing,
        skipping: m.skipping,
        ...(inputs ? { inputs } : {}),
      });
      return before;
    },
    setLoadProblem: (loadProblem) => set({ loadProblem }),

    play: () => {
      get().engine?.send({ type: 'play' });
      set({ playing: true });
    },
    pause: () => {
      get().engine?.send({ type: 'pause' });
      set({ playing: false, skipping: false });
    },
    togglePlay: () => (get().playing ? get().pause() : get().play()),
    step: () => {
      get().engine?.send({ type: 'step' });
      set({ playing: false });
    },
    setSpeed: (speed) => {
      const s = Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
      const engine = get().engine;
      if (engine) {
        speedSent = s;
        engine.send({ type: 'speed', speed: s });
      }
      set({ speed: s });
    },
    skipAhead: () => {
      get().engine?.send({ type: 'skip' });
      set({ skipping: true });
    },
    seek: (t) => {
      get().engine?.send({ type: 'seek', t });
      set({ playing: false, t: Math.min(Math.max(0, t), get().horizon) });
    },
    reset: () => {
      get().engine?.send({ type: 'reset' });
    },
    loadScenario: (source) => get().engine?.load(source, { replaceYaml: true }),
    sendInput: (input) => get().engine?.input(input) ?? Promise.resolve(NO_ENGINE),
  };
};
