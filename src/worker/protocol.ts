/**
 * The typed, versioned messages between the UI and the engine worker. Both sides check `v` so that a stale
 * tab talking to a newer worker fails loudly instead of misreading fields.
 *
 * Flow: the worker says `hello` (with the examples it carries); the UI sends `load`; the worker answers
 * `loaded` + `snapshot` (or `loadFailed`, leaving the running cluster untouched), then at most one `frame`
 * per animation frame (~16 ms) with the store's coalesced diffs. A seek, reset or load sends a fresh
 * `snapshot` instead of diffs. Every `input` is answered by an `inputResult` with the same id.
 */
import type { ApplyResult, Diagnostic, Diff, Input, Kind, KubeObject, LoggedInput } from '../engine';
import type { GoalSpec } from '../engine';

export const PROTOCOL_VERSION = 3;

/** Slowest and fastest simulation speeds (simulated seconds per wall-clock second). */
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 50;

/** Where a scenario comes from: one of the bundled examples, or a file the learner opened. */
export type ScenarioSource =
  | { readonly kind: 'example'; readonly name: string }
  | { readonly kind: 'file'; readonly name: string; readonly text: string };

/** A logged learner input: what the timeline's markers show and what a restart replays. */
export type LoggedLearnerInput = LoggedInput<Input>;

/** A scenario timeline entry, for the timeline's markers (they fire by themselves at their time). */
export interface ScenarioMarker {
  readonly t: number;
  readonly type: Input['type'];
  /** The fault type ("NodeFailure"), or "apply" / "kubectl". */
  readonly label: string;
}

/** Replay this learner input log and stop at `t` (a reload, or a restart after a worker crash). */
export interface Replay {
  readonly inputs: readonly LoggedLearnerInput[];
  readonly t: number;
}

export interface ExampleInfo {
  readonly name: string;
  /** The example's first comment line, as a one-line description. */
  readonly summary: string;
}

type V = { readonly v: typeof PROTOCOL_VERSION };

export type ToWorker = V &
  (
    | {
        readonly type: 'load';
        readonly source: ScenarioSource;
        readonly replay?: Replay;
        /** Start running once loaded (default false). */
        readonly play?: boolean;
        readonly speed?: number;
      }
    | { readonly type: 'play' }
    | { readonly type: 'pause' }
    /** Pause, then run to the next instant at which anything is scheduled (Simulation.nextEventTime). */
    | { readonly type: 'step' }
    | { readonly type: 'speed'; readonly speed: number }
    /**
     * Run fast until the next Event is recorded, or `capSeconds` of simulated time have passed. With
     * `events: false` it does not stop at Events: it runs the whole `capSeconds` (a lesson's `wait`).
     */
    | { readonly type: 'skip'; readonly capSeconds?: number; readonly events?: boolean }
    /** Pause and go to simulated time `t` (time travel; clamped to [0, horizon]). */
    | { readonly type: 'seek'; readonly t: number }
    | { readonly type: 'input'; readonly id: number; readonly input: Input }
    /** Back to the scenario's start: a fresh run, the learner's input log cleared. */
    | { readonly type: 'reset' }
    /**
     * Lessons: track this goal (a step's, or a predict question's experiment) against the engine's state,
     * checked after every input and every simulated second; `goal: null` stops tracking. `at` (default now)
     * is the simulated time the step began: a restored session starts the goal where it began before the
     * reload. Answered by `goalStatus` messages.
     */
    | {
        readonly type: 'trackGoal';
        readonly id: string;
        readonly goal: GoalSpec | null;
        readonly at?: number;
        /** With `at`: how many logged inputs were applied when the goal began (`GoalStatus.startInputs`). */
        readonly atInputs?: number;
      }
  );

/** Lessons: the tracked goal's state, sent when it starts, whenever it changes, and after a seek. */
export interface GoalStatus {
  /** The id given in `trackGoal`. */
  readonly id: string;
  /** Simulated time the goal began (a seek before it and an input there move it). */
  readonly startT: number;
  /** How many of the learner's logged inputs were applied when the goal began (inputs at `startT` itself may come after). */
  readonly startInputs: number;
  /** The timeline is before the goal's start (after seeking back): nothing is checked yet. */
  readonly pending: boolean;
  /** The goal has held at some check since it began (latched, as a step completes). */
  readonly met: boolean;
  /** Simulated time it first held. */
  readonly metAt?: number;
  /** It holds at the latest check (what a predict experiment reads at its end). */
  readonly holds: boolean;
  /** How far along a counting goal is. */
  readonly progress?: { readonly have: number; readonly want: number };
  /** Simulated time of the latest check. */
  readonly t: number;
}

/**
 * A store diff as a frame carries it: without `from`, the value before, which the page's mirror already
 * holds (sending it made a big cluster's frames a quarter larger, and the page reads them on its one thread).
 */
export type FrameDiff =
  | { readonly type: 'added' | 'updated'; readonly kind: Kind; readonly key: string; readonly to: KubeObject }
  | { readonly type: 'removed'; readonly kind: Kind; readonly key: string }
  | { readonly type: 'runtime'; readonly key: string; readonly to: unknown };

/** A diff without its `from`. */
export function frameDiff(d: Diff): FrameDiff {
  switch (d.type) {
    case 'added':
    case 'updated':
      return { type: d.type, kind: d.kind, key: d.key, to: d.to };
    case 'removed':
      return { type: 'removed', kind: d.kind, key: d.key };
    case 'runtime':
      return { type: 'runtime', key: d.key, to: d.to };
  }
}

/** Everything about the run except the cluster itself; sent with every frame and snapshot. */
export interface RunStatus {
  /** Simulated seconds. */
  readonly t: number;
  /** The furthest simulated time of this branch (the scrubber's end). */
  readonly horizon: number;
  readonly playing: boolean;
  readonly skipping: boolean;
  readonly speed: number;
  /**
   * The learner's input log of this branch (applied and still ahead). Only present when it changed since
   * the last message, to keep frames small.
   */
  readonly inputs?: readonly LoggedLearnerInput[];
}

export type FromWorker = V &
  (
    | { readonly type: 'hello'; readonly examples: readonly ExampleInfo[] }
    | {
        readonly type: 'loaded';
        readonly source: ScenarioSource;
        /** The Scenario document's metadata.name. */
        readonly scenarioName: string;
        /** The scenario's Kubernetes manifests (everything but the Scenario document), as written. */
        readonly manifests: string;
        readonly timeline: readonly ScenarioMarker[];
        /** Set when this load replayed a log: how far the replay got (inputs that could not be replayed). */
        readonly replayed?: { readonly inputs: number; readonly skipped: number };
      }
    | {
        readonly type: 'loadFailed';
        readonly source: ScenarioSource;
        /** unknown-example: no example has that name; invalid: the scenario has errors (diagnostics). */
        readonly reason: 'unknown-example' | 'invalid';
        readonly diagnostics: readonly Diagnostic[];
      }
    | (RunStatus & {
        readonly type: 'snapshot';
        readonly objects: readonly (readonly [string, KubeObject])[];
        readonly runtime: readonly (readonly [string, unknown])[];
      })
    | (RunStatus & {
        readonly type: 'frame';
        readonly diffs: readonly FrameDiff[];
        /** Who wrote in this frame: controller name -> the last simulated time it wrote. */
        readonly activity?: readonly (readonly [string, number])[];
      })
    | { readonly type: 'inputResult'; readonly id: number; readonly result: ApplyResult }
    | (GoalStatus & { readonly type: 'goalStatus' })
    /** The goal of a `trackGoal` was refused (invalid goal data: one message per problem). */
    | { readonly type: 'goalRefused'; readonly id: string; readonly problems: readonly string[] }
    /** fatal: the engine's state can no longer be trusted; the client restarts a worker from the last good state. */
    | { readonly type: 'error'; readonly message: string; readonly fatal: boolean }
  );

/** A message without its version field (the client adds it). */
export type Unversioned<T> = T extends unknown ? Omit<T, 'v'> : never;
