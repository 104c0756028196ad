/**
 * A small harness for goal tests: a simulation from a scenario, actions as a lesson writes them, and one
 * goal checked after every action and every simulated second (as the worker and the lesson replay do).
 */
import { parseDuration } from '../base/duration';
import type { Input } from '../inputs';
import { applyInput } from '../inputs';
import { loadSimulation } from '../scenario/build';
import type { SimRecord, Simulation } from '../sim/simulation';
import type { Fault } from '../world/faults';
import type { GoalContext, GoalResult } from './evaluate';
import { GoalTracker } from './evaluate';
import type { GoalSpec } from './schema';

export type Action =
  | { readonly apply: string }
  | { readonly kubectl: string }
  | { readonly fault: Fault }
  | { readonly wait: string | number };

export class GoalRun {
  readonly sim: Simulation;
  private records: SimRecord[] = [];
  private tracker: GoalTracker | undefined;

  constructor(scenario: string) {
    this.sim = loadSimulation(scenario).sim;
    this.sim.onRecord((r) => {
      if (this.tracker) this.records.push(r);
    });
  }

  private context(): GoalContext {
    return { store: this.sim.store, now: this.sim.now, records: this.records };
  }

  beginGoal(spec: GoalSpec): GoalResult {
    this.records = [];
    this.tracker = new GoalTracker(spec, this.context());
    return this.check();
  }

  get goalMet(): boolean {
    return this.tracker?.met ?? false;
  }

  check(): GoalResult {
    if (!this.tracker) return { met: false, memory: null };
    const r = this.tracker.check(this.context());
    this.records = [];
    return r;
  }

  perform(a: Action): void {
    if ('wait' in a) {
      const d = parseDuration(a.wait);
      if ('error' in d) throw new Error(d.error);
      const end = this.sim.now + d.seconds;
      while (this.sim.now < end) {
        this.sim.runUntil(Math.min(end, Math.floor(this.sim.now) + 1));
        this.check();
      }
      return;
    }
    const input: Input =
      'apply' in a
        ? { type: 'apply', manifests: a.apply }
        : 'kubectl' in a
          ? { type: 'kubectl', command: a.kubectl }
          : { type: 'fault', fault: a.fault };
    applyInput(this.sim, input);
    this.check();
  }
}
