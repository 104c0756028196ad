/**
 * A lesson goal as the worker tracks it, beside the History: the goal's explicit memory is folded at every
 * check (after each input and each simulated second) and logged with its time, so time travel keeps it
 * right. Seeking back restores the memory of the latest check at or before the target and folds the records
 * the replay produced since; seeking before the goal's start makes it pending until the timeline reaches
 * the start again (or an input there moves the start: the learner branched).
 */
import type { Goal, GoalMemory } from '../engine';
import { compileGoal } from '../engine';
import type { GoalSpec } from '../engine';
import type { SimRecord, Simulation } from '../engine';
import type { GoalStatus } from './protocol';

interface Check {
  readonly t: number;
  readonly memory: GoalMemory;
  readonly met: boolean;
  readonly metAt: number | undefined;
  readonly holds: boolean;
  readonly progress: GoalStatus['progress'];
}

/** Checks kept for seeking; beyond this the older half is thinned (every other one dropped). */
const MAX_CHECKS = 4000;

export class GoalTrack {
  private readonly goal: Goal;
  private memory: GoalMemory = null;
  private met = false;
  private metAt: number | undefined;
  private holds = false;
  private progress: GoalStatus['progress'];
  private records: SimRecord[] = [];
  private log: Check[] = [];
  private checkedAt = -1;
  pending = false;
  startT: number;
  startInputs = 0;

  /** `inputs()`: how many logged inputs are applied now (the History's count). */
  constructor(
    readonly id: string,
    spec: GoalSpec,
    sim: Simulation,
    private readonly inputs: () => number,
  ) {
    this.goal = compileGoal(spec);
    this.startT = sim.now;
    this.start(sim);
  }

  /** The goal begins now: take its starting memory and check it once. */
  start(sim: Simulation): void {
    this.startT = sim.now;
    this.startInputs = this.inputs();
    this.pending = false;
    this.records = [];
    this.log = [];
    this.met = false;
    this.metAt = undefined;
    this.memory = this.goal.start({ store: sim.store, now: sim.now, records: [] });
    this.check(sim);
  }

  /** A record the simulation wrote (ignored while pending). */
  record(r: SimRecord): void {
    if (!this.pending) this.records.push(r);
  }

  /** Whether a check is due: the simulated second changed since the last one. */
  due(sim: Simulation): boolean {
    return !this.pending && Math.floor(sim.now) !== Math.floor(this.checkedAt);
  }

  /** Whether anything happened since the last check (time passed or records arrived). */
  stale(sim: Simulation): boolean {
    return !this.pending && (sim.now !== this.checkedAt || this.records.length > 0);
  }

  check(sim: Simulation): void {
    if (this.pending) return;
    const r = this.goal.check({ store: sim.store, now: sim.now, records: this.records }, this.memory);
    this.records = [];
    this.memory = r.memory;
    this.holds = r.met;
    this.progress = r.progress;
    if (r.met && !this.met) {
      this.met = true;
      this.metAt = sim.now;
    }
    this.checkedAt = sim.now;
    const entry: Check = {
      t: sim.now,
      memory: this.memory,
      met: this.met,
      metAt: this.metAt,
      holds: this.holds,
      progress: this.progress,
    };
    const last = this.log[this.log.length - 1];
    if (last && last.t === sim.now) this.log[this.log.length - 1] = entry;
    else this.log.push(entry);
    if (this.log.length > MAX_CHECKS) {
      const half = Math.floor(this.log.length / 2);
      // The first check (the start) is always kept: seeking needs a check at or before any later time.
      this.log = [...this.log.slice(0, half).filter((_, i) => i % 2 === 0), ...this.log.slice(half)];
    }
  }

  /** An input arrives: before the start (pending), the learner branched and the goal begins now. */
  beforeInput(sim: Simulation): void {
    if (this.pending) this.start(sim);
  }

  /** The timeline moved forward to `sim.now` while pending: begin when it reaches the start. */
  reached(sim: Simulation): void {
    if (this.pending && sim.now >= this.startT) this.start(sim);
  }

  /** After a seek to `sim.now`; `replayed` are the records the seek's replay wrote. */
  afterSeek(sim: Simulation, replayed: readonly SimRecord[]): void {
    const to = sim.now;
    if (to < this.startT || (to === this.startT && this.inputs() < this.startInputs)) {
      this.pending = true;
      this.records = [];
      this.met = false;
      this.metAt = undefined;
      this.holds = false;
      this.progress = undefined;
      this.checkedAt = -1;
      return;
    }
    let at = -1;
    for (let i = 0; i < this.log.length; i++) if ((this.log[i] as Check).t <= to) at = i;
    const c = this.log[at];
    if (!c) {
      this.start(sim);
      return;
    }
    this.log = this.log.slice(0, at + 1);
    this.pending = false;
    this.memory = c.memory;
    this.met = c.met;
    this.metAt = c.metAt;
    this.records = replayed.filter((r) => r.t > c.t && r.t <= to);
    this.check(sim);
  }

  status(now: number): GoalStatus {
    return {
      id: this.id,
      startT: this.startT,
      startInputs: this.startInputs,
      pending: this.pending,
      met: this.met,
      ...(this.metAt !== undefined ? { metAt: this.metAt } : {}),
      holds: this.holds,
      ...(this.progress ? { progress: this.progress } : {}),
      t: this.pending ? now : this.checkedAt,
    };
  }
}
