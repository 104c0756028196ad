/**
 * Running a lesson against the engine: load its scenario, perform actions (apply, kubectl, fault, wait),
 * and check the current step's goal after every action and every simulated second. The tests replay
 * every solution with it; the app's worker can drive a learner's session the same way (keep the
 * GoalTracker's memory beside snapshots to time-travel).
 */
import type { BuildOptions, Input, InputResult, SimRecord, Simulation } from '../engine';
import { applyInput, loadSimulation, parseDuration } from '../engine';
import type { GoalContext, GoalResult, GoalSpec } from './goals';
import { GoalTracker } from './goals';
import type { Lesson, LessonAction } from './types';

/** The engine input for an action, or the seconds to wait. */
export function actionInput(action: LessonAction): { input: Input } | { seconds: number } {
  if ('wait' in action) {
    const d = parseDuration(action.wait);
    if ('error' in d) throw new Error(d.error);
    return { seconds: d.seconds };
  }
  if ('apply' in action) return { input: { type: 'apply', manifests: action.apply } };
  if ('kubectl' in action) return { input: { type: 'kubectl', command: action.kubectl } };
  return { input: { type: 'fault', fault: action.fault } };
}

export interface ActionOutcome extends InputResult {
  readonly action: LessonAction;
}

export class LessonRun {
  readonly sim: Simulation;
  private records: SimRecord[] = [];
  private tracker: GoalTracker | undefined;
  private metAt: number | undefined;

  constructor(
    readonly lesson: Lesson,
    options: BuildOptions = {},
  ) {
    this.sim = loadSimulation(lesson.scenario, options).sim;
    this.sim.onRecord((r) => {
      if (this.tracker) this.records.push(r);
    });
  }

  private context(): GoalContext {
    return { store: this.sim.store, now: this.sim.now, records: this.records };
  }

  /** Start tracking a goal now (a step begins) and return its first check. */
  beginGoal(spec: GoalSpec): GoalResult {
    this.records = [];
    this.metAt = undefined;
    this.tracker = new GoalTracker(spec, this.context());
    return this.check();
  }

  /** Whether the tracked goal has been met at any check since it began. */
  get goalMet(): boolean {
    return this.tracker?.met ?? false;
  }

  /** Simulated second of the first check at which the tracked goal held. */
  get goalMetAt(): number | undefined {
    return this.metAt;
  }

  /** Check the tracked goal against everything that changed since the last check. */
  check(): GoalResult {
    if (!this.tracker) return { met: false, memory: null };
    const r = this.tracker.check(this.context());
    this.records = [];
    if (r.met && this.metAt === undefined) this.metAt = this.sim.now;
    return r;
  }

  /** Let `seconds` of simulated time pass, checking the goal at every whole second. */
  advance(seconds: number): void {
    const end = this.sim.now + seconds;
    while (this.sim.now < end) {
      this.sim.runUntil(Math.min(end, Math.floor(this.sim.now) + 1));
      this.check();
    }
  }

  /** Perform one action (a wait advances time) and check the goal. */
  perform(action: LessonAction): ActionOutcome {
    const a = actionInput(action);
    if ('seconds' in a) {
      this.advance(a.seconds);
      return { action, ok: true, message: '', exitCode: 0 };
    }
    const r = applyInput(this.sim, a.input);
    this.check();
    return { action, ok: r.ok, message: r.message, exitCode: r.exitCode };
  }
}

/** What replaying one step's solution showed. */
export interface StepReplay {
  readonly step: string;
  /** The goal held as the step began (it must not). */
  readonly metAtStart: boolean;
  /** The goal held at some check while the solution ran. */
  readonly met: boolean;
  /** Simulated second at which it was first met. */
  readonly metAt?: number;
  readonly outcomes: readonly ActionOutcome[];
}

/** Replay every step's solution in order, as the tests do. */
export function replayLesson(
  lesson: Lesson,
  options: BuildOptions = {},
): { run: LessonRun; steps: StepReplay[] } {
  const run = new LessonRun(lesson, options);
  const steps: StepReplay[] = [];
  for (const step of lesson.steps) {
    const metAtStart = run.beginGoal(step.goal).met;
    const outcomes: ActionOutcome[] = [];
    for (const action of step.solution) outcomes.push(run.perform(action));
    const metAt = run.goalMetAt;
    steps.push({
      step: step.id,
      metAtStart,
      met: run.goalMet,
      ...(metAt !== undefined ? { metAt } : {}),
      outcomes,
    });
  }
  return { run, steps };
}
