/**
 * Running a lesson against the engine: load its scenario, perform actions (apply, kubectl, fault, wait),
 * and check the current step's goal after every action and every simulated second. The tests replay
 * every solution with it, check every fact a step states in a window of that replay, and run every
 * mistake from the step's start; the app's worker drives a learner's session with the same goals.
 */
import type { BuildOptions, Input, InputResult, SimRecord, SimSnapshot, Simulation } from '../engine';
import { applyInput, loadSimulation, parseDuration } from '../engine';
import type { Goal, GoalContext, GoalMemory, GoalResult, GoalSpec } from '../engine';
import { compileGoal, GoalTracker } from '../engine';
import type { Lesson, LessonAction, StepFact, StepMistake } from './types';

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

/** A goal checked over a window of simulated time, remembering how it fared at every check. */
class Window {
  private readonly goal: Goal;
  private memory: GoalMemory = null;
  started = false;
  ended = false;
  checks = 0;
  met = 0;
  last = false;

  constructor(
    spec: GoalSpec,
    readonly from: number,
    readonly until: number,
  ) {
    this.goal = compileGoal(spec);
  }

  /** Start at the first check at or after `from`; check until `until`. */
  check(ctx: GoalContext): void {
    const eps = 1e-6;
    if (this.ended || ctx.now < this.from - eps) return;
    if (ctx.now > this.until + eps) {
      this.ended = true;
      return;
    }
    if (!this.started) {
      this.started = true;
      this.memory = this.goal.start(ctx);
      // What happened before the window opened is not its business.
      ctx = { ...ctx, records: [] };
    }
    const r = this.goal.check(ctx, this.memory);
    this.memory = r.memory;
    this.checks++;
    if (r.met) this.met++;
    this.last = r.met;
  }
}

export class LessonRun {
  readonly sim: Simulation;
  private records: SimRecord[] = [];
  private tracker: GoalTracker | undefined;
  private metAt: number | undefined;
  private windows: Window[] = [];

  constructor(
    readonly lesson: Lesson,
    options: BuildOptions = {},
    from?: SimSnapshot,
  ) {
    this.sim = loadSimulation(lesson.scenario, options).sim;
    if (from) this.sim.restore(from);
    this.sim.onRecord((r) => {
      if (this.tracker || this.windows.length) this.records.push(r);
    });
  }

  /** Watch a goal from `from` to `until` (simulated seconds); see `window` for how it fared. */
  watch(spec: GoalSpec, from: number, until = Number.POSITIVE_INFINITY): Window {
    const w = new Window(spec, from, until);
    this.windows.push(w);
    w.check(this.context());
    return w;
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

  /** Check the tracked goal (and the watched windows) against everything that changed since the last check. */
  check(): GoalResult {
    const ctx = this.context();
    for (const w of this.windows) w.check(ctx);
    this.windows = this.windows.filter((w) => !w.ended);
    if (!this.tracker) {
      this.records = [];
      return { met: false, memory: null };
    }
    const r = this.tracker.check(ctx);
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

/** How a step's fact fared in the replay of its solution. */
export interface FactOutcome {
  readonly says: string;
  readonly held: boolean;
  /** How often the check held in its window ("held at 12 of 55 checks, not at the last"). */
  readonly detail: string;
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
  readonly facts: readonly FactOutcome[];
  /** The cluster as the step began, to try its mistakes from (see `tryMistake`). */
  readonly start: SimSnapshot;
}

const offset = (v: string | number | undefined, fallback: number): number => {
  if (v === undefined) return fallback;
  const d = parseDuration(v);
  return 'seconds' in d ? d.seconds : fallback;
};

function factOutcome(fact: StepFact, w: Window, windowEnd: number, solutionEnd: number): FactOutcome {
  const when = fact.when ?? 'end';
  const detail = `${when}: held at ${w.met} of ${w.checks} checks${w.checks ? (w.last ? ', and at the last' : ', not at the last') : ''}`;
  if (windowEnd > solutionEnd + 1e-6 && Number.isFinite(windowEnd))
    return { says: fact.says, held: false, detail: `the window ends after the solution does (${detail})` };
  const held =
    w.checks > 0 &&
    (when === 'end'
      ? w.last
      : when === 'always'
        ? w.met === w.checks
        : when === 'sometime'
          ? w.met > 0
          : w.met === 0);
  return { says: fact.says, held, detail };
}

/** Replay every step's solution in order, as the tests do, checking each step's facts on the way. */
export function replayLesson(
  lesson: Lesson,
  options: BuildOptions = {},
): { run: LessonRun; steps: StepReplay[] } {
  const run = new LessonRun(lesson, options);
  const steps: StepReplay[] = [];
  for (const step of lesson.steps) {
    const start = run.sim.snapshot();
    const begin = run.sim.now;
    const metAtStart = run.beginGoal(step.goal).met;
    const windows = (step.facts ?? []).map((f) => {
      const until = begin + offset(f.until, Number.POSITIVE_INFINITY);
      return { fact: f, until, w: run.watch(f.check, begin + offset(f.from, 0), until) };
    });
    const outcomes: ActionOutcome[] = [];
    for (const action of step.solution) outcomes.push(run.perform(action));
    const end = run.sim.now;
    const metAt = run.goalMetAt;
    steps.push({
      step: step.id,
      metAtStart,
      met: run.goalMet,
      ...(metAt !== undefined ? { metAt } : {}),
      outcomes,
      facts: windows.map(({ fact, until, w }) => factOutcome(fact, w, until, end)),
      start,
    });
  }
  return { run, steps };
}

/** Run a mistake from the cluster as its step began: whether the step's goal was met, and what ran. */
export function tryMistake(
  lesson: Lesson,
  step: number,
  mistake: StepMistake,
  start: SimSnapshot,
): { met: boolean; outcomes: ActionOutcome[] } {
  const run = new LessonRun(lesson, {}, start);
  const goal = lesson.steps[step]?.goal;
  if (!goal) throw new Error(`no step ${step}`);
  run.beginGoal(goal);
  const outcomes = mistake.actions.map((a) => run.perform(a));
  return { met: run.goalMet, outcomes };
}
