/**
 * Time travel, as RaftScope does it: every outside input (apply, kubectl, fault) is logged with its
 * simulated time, and the simulation is snapshotted at every multiple of `snapshotEvery` seconds. Seeking
 * to t restores the latest snapshot at or before t and replays the logged inputs up to t; the engine is
 * deterministic, so that reproduces the original run exactly. Running on replays the rest of the logged
 * future; acting discards it instead, and the run branches from there.
 */
import type { SimSnapshot, Simulation } from './simulation';

export interface LoggedInput<I> {
  readonly t: number;
  readonly input: I;
}

interface Checkpoint {
  readonly t: number;
  /** How many logged inputs had been applied when the snapshot was taken. */
  readonly inputCount: number;
  readonly snapshot: SimSnapshot;
}

export interface HistoryOptions {
  /** Simulated seconds between snapshots. */
  readonly snapshotEvery?: number;
  /** Beyond this many snapshots the older half is thinned (every other one dropped) to bound memory. */
  readonly maxSnapshots?: number;
}

export class History<I, R> {
  private inputs: LoggedInput<I>[] = [];
  private checkpoints: Checkpoint[] = [];
  /** How many of `inputs` are applied in the current state; the rest are a future that may be replayed. */
  private applied = 0;
  private readonly every: number;
  private readonly maxSnapshots: number;

  constructor(
    readonly sim: Simulation,
    private readonly applyInput: (sim: Simulation, input: I) => R,
    options: HistoryOptions = {},
  ) {
    this.every = options.snapshotEvery ?? 30;
    this.maxSnapshots = options.maxSnapshots ?? 200;
    this.checkpoint();
  }

  get now(): number {
    return this.sim.now;
  }

  /** How many logged inputs are applied in the current state. */
  get appliedCount(): number {
    return this.applied;
  }

  /** Every logged input of this branch, applied or still ahead (the timeline's markers). */
  get log(): readonly LoggedInput<I>[] {
    return this.inputs;
  }

  /** Apply an input now. Logged inputs after now belonged to a future that is discarded: a branch. */
  input(input: I): R {
    if (this.applied < this.inputs.length) this.inputs = this.inputs.slice(0, this.applied);
    this.checkpoints = this.checkpoints.filter((c) => c.t <= this.sim.now);
    this.inputs.push({ t: this.sim.now, input });
    this.applied++;
    return this.applyInput(this.sim, input);
  }

  /**
   * Run forward to `t`, taking snapshots on the way and replaying logged inputs that fall due. With
   * `maxInputs`, stop replaying once that many logged inputs are applied (to reach the moment just before
   * an input made at `t` itself).
   */
  runUntil(t: number, maxInputs = Number.POSITIVE_INFINITY): void {
    for (;;) {
      const nextInput = this.applied < maxInputs ? this.inputs[this.applied] : undefined;
      const nextCheckpoint = (Math.floor(this.sim.now / this.every) + 1) * this.every;
      const stop = Math.min(t, nextInput?.t ?? Infinity, nextCheckpoint);
      this.sim.runUntil(stop);
      if (nextInput && nextInput.t <= stop) {
        this.applied++;
        this.applyInput(this.sim, nextInput.input);
        continue;
      }
      if (stop === nextCheckpoint) this.checkpoint();
      if (stop >= t) return;
    }
  }

  /**
   * Go to simulated time `t`: backwards by restoring a snapshot and replaying, forwards by running. With
   * `maxInputs`, at most that many logged inputs are applied (see runUntil).
   */
  seek(t: number, maxInputs = Number.POSITIVE_INFINITY): void {
    if (t < this.sim.now) {
      let cp = this.checkpoints[0] as Checkpoint;
      for (const c of this.checkpoints) if (c.t <= t) cp = c;
      this.sim.restore(cp.snapshot);
      this.applied = cp.inputCount;
    }
    this.runUntil(t, maxInputs);
  }

  private checkpoint(): void {
    const t = this.sim.now;
    if (this.checkpoints.some((c) => c.t === t)) return;
    const cp: Checkpoint = { t, inputCount: this.applied, snapshot: this.sim.snapshot() };
    const at = this.checkpoints.findIndex((c) => c.t > t);
    if (at < 0) this.checkpoints.push(cp);
    else this.checkpoints.splice(at, 0, cp);
    if (this.checkpoints.length > this.maxSnapshots) {
      const half = Math.floor(this.checkpoints.length / 2);
      this.checkpoints = [
        ...this.checkpoints.slice(0, half).filter((_, i) => i % 2 === 0),
        ...this.checkpoints.slice(half),
      ];
    }
  }
}
