/**
 * The typed, versioned messages between the UI and the engine worker. Both sides check `v` so that a stale
 * tab talking to a newer worker fails loudly instead of misreading fields.
 *
 * Flow: the worker says `hello` (with the examples it carries); the UI sends `load`; the worker answers
 * `loaded` + `snapshot` (or `loadFailed`, leaving the running cluster untouched), then at most one `frame`
 * per animation frame (~16 ms) with the store's coalesced diffs. A seek, reset or load sends a fresh
 * `snapshot` instead of diffs. Every `input` is answered by an `inputResult` with the same id.
 */
import type { Diff } from '../engine/api/store';
import type { KubeObject } from '../engine/api/types';
import type { Diagnostic } from '../engine/scenario/parse';
import type { LoggedInput } from '../engine/sim/history';
import type { ApplyResult, Input } from '../engine/sim/inputs';

export const PROTOCOL_VERSION = 2;

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
    /** Run fast until the next Event is recorded, or `capSeconds` of simulated time have passed. */
    | { readonly type: 'skip'; readonly capSeconds?: number }
    /** Pause and go to simulated time `t` (time travel; clamped to [0, horizon]). */
    | { readonly type: 'seek'; readonly t: number }
    | { readonly type: 'input'; readonly id: number; readonly input: Input }
    /** Back to the scenario's start: a fresh run, the learner's input log cleared. */
    | { readonly type: 'reset' }
  );

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
        readonly diffs: readonly Diff[];
        /** Who wrote in this frame: controller name -> the last simulated time it wrote. */
        readonly activity?: readonly (readonly [string, number])[];
      })
    | { readonly type: 'inputResult'; readonly id: number; readonly result: ApplyResult }
    /** fatal: the engine's state can no longer be trusted; the client restarts a worker from the last good state. */
    | { readonly type: 'error'; readonly message: string; readonly fatal: boolean }
  );

/** A message without its version field (the client adds it). */
export type Unversioned<T> = T extends unknown ? Omit<T, 'v'> : never;
