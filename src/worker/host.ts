/**
 * The engine's host inside the worker, written without the worker API so that unit tests drive it with a
 * fake clock: it owns the Simulation and its History (time travel), advances simulated time against the
 * wall clock in slices that fit a time budget (so the worker keeps answering at 50x with 1,000 pods), and
 * turns the store's diffs into at most one message per tick (~16 ms), coalesced per key.
 */
import type { ApplyResult, Input, KubeObject, Scenario, SimRecord, Simulation } from '../engine';
import { History, ScenarioError, applyInput, loadSimulation, validateFault } from '../engine';
import { validateGoal } from '../engine';
import type { GoalSpec } from '../engine';
import { S } from '../strings';
import { DiffBuffer } from './coalesce';
import { GoalTrack } from './goalTrack';
import type {
  ExampleInfo,
  FromWorker,
  LoggedLearnerInput,
  Replay,
  RunStatus,
  ScenarioMarker,
  ScenarioSource,
  ToWorker,
  Unversioned,
} from './protocol';
import { frameDiff, MAX_SPEED, MIN_SPEED, PROTOCOL_VERSION } from './protocol';
import { manifestsOf, summaryOf } from './scenarioText';

/** Wall-clock milliseconds of engine work per tick; the rest of the frame is for posting and messages. */
export const TICK_BUDGET_MS = 10;
/** A tick never advances by more wall time than this (a backgrounded tab does not jump minutes ahead). */
const MAX_TICK_GAP_MS = 250;
/** How far "skip ahead" runs when nothing happens (simulated seconds). */
export const DEFAULT_SKIP_CAP_SECONDS = 600;
/** Replays (reload, restart) stop here: a tampered position cannot keep the worker busy for hours. */
export const MAX_REPLAY_SECONDS = 6 * 3600;

export interface HostOptions {
  readonly post: (message: Unversioned<FromWorker>) => void;
  /** Wall-clock milliseconds (performance.now in the worker, a fake clock in tests). */
  readonly now: () => number;
  /** Example scenarios by name. */
  readonly examples: Readonly<Record<string, string>>;
  readonly budgetMs?: number;
}

interface Session {
  readonly source: ScenarioSource;
  readonly sim: Simulation;
  readonly history: History<Input, ApplyResult>;
  horizon: number;
}

/** An input as plain data from outside (a message or saved storage): checked before it reaches the engine. */
export function checkInput(value: unknown): { input?: Input; message?: string } {
  if (typeof value !== 'object' || value === null) return { message: 'error: an input must be an object' };
  const v = value as Record<string, unknown>;
  switch (v.type) {
    case 'apply':
      return typeof v.manifests === 'string'
        ? { input: { type: 'apply', manifests: v.manifests } }
        : { message: 'error: an apply needs manifests' };
    case 'kubectl':
      return typeof v.command === 'string'
        ? {
            input: {
              type: 'kubectl',
              command: v.command,
              // What `-f -` reads (the console sends the editor's YAML with `apply -f -`).
              ...(typeof v.stdin === 'string' ? { stdin: v.stdin } : {}),
            },
          }
        : { message: 'error: a kubectl input needs a command' };
    case 'fault': {
      const r = validateFault(v.fault);
      if (r.fault && r.problems.length === 0) return { input: { type: 'fault', fault: r.fault } };
      return { message: `error: ${r.problems.map((p) => p.message).join('; ') || 'invalid fault'}` };
    }
    default:
      return { message: 'error: unknown input type' };
  }
}

function markerOf(t: number, input: Input): ScenarioMarker {
  return { t, type: input.type, label: input.type === 'fault' ? input.fault.type : input.type };
}

export class EngineHost {
  private session: Session | undefined;
  private playing = false;
  private skipping: { until: number; resume: boolean; events: boolean } | undefined;
  /** The lesson goal being tracked (a step's, or a predict experiment's), beside the History. */
  private goal: GoalTrack | undefined;
  private goalSent = '';
  private speed = 1;
  private lastTick: number | undefined;
  private readonly buffer = new DiffBuffer();
  /** Writers of the current frame (actor -> last simulated time), for the graph's control-plane lane. */
  private readonly activity = new Map<string, number>();
  private needSnapshot = false;
  private inputsChanged = false;
  /** Set when an Event is recorded: what "skip ahead" waits for. */
  private interesting = false;
  private lastStatus = '';
  private unsubscribe: (() => void) | undefined;
  private readonly budget: number;

  constructor(private readonly options: HostOptions) {
    this.budget = options.budgetMs ?? TICK_BUDGET_MS;
    const examples: ExampleInfo[] = Object.entries(options.examples)
      .map(([name, text]) => ({ name, summary: summaryOf(text) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    options.post({ type: 'hello', examples });
  }

  /** For tests: the running simulation. */
  get simulation(): Simulation | undefined {
    return this.session?.sim;
  }

  /** Send a full snapshot with the next tick (a view that joins a running cluster needs all of it). */
  resync(): void {
    if (this.session) this.needSnapshot = true;
  }

  /** Handle one message from the UI. Throws only on an engine bug (the worker reports it as fatal). */
  handle(raw: unknown): void {
    const m = raw as ToWorker | undefined;
    if (!m || typeof m !== 'object' || m.v !== PROTOCOL_VERSION) {
      this.options.post({
        type: 'error',
        message: S.engineVersionMismatch,
        fatal: false,
      });
      return;
    }
    switch (m.type) {
      case 'load':
        this.load(m.source, m.replay, m.play ?? false, m.speed);
        return;
      case 'play':
        if (!this.session) return;
        this.playing = true;
        this.lastTick = this.options.now();
        return;
      case 'pause':
        this.playing = false;
        this.skipping = undefined;
        return;
      case 'speed':
        if (Number.isFinite(m.speed)) this.speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, m.speed));
        return;
      case 'step':
        this.step();
        return;
      case 'skip':
        if (!this.session) return;
        this.interesting = false;
        this.skipping = {
          until: this.session.sim.now + Math.max(1, Math.min(m.capSeconds ?? DEFAULT_SKIP_CAP_SECONDS, 3600)),
          resume: this.playing,
          events: m.events !== false,
        };
        this.playing = false;
        return;
      case 'seek':
        this.seek(m.t);
        return;
      case 'input':
        this.input(m.id, m.input);
        return;
      case 'reset':
        if (this.session) this.load(this.session.source, undefined, this.playing, this.speed);
        return;
      case 'trackGoal':
        this.trackGoal(m.id, m.goal, m.at, m.atInputs);
        return;
    }
  }

  /** Advance simulated time for the wall time since the last tick, then send at most one message. */
  tick(): void {
    const start = this.options.now();
    const s = this.session;
    if (s) {
      const deadline = start + this.budget;
      if (this.skipping) {
        const reached = this.advance(s, this.skipping.until, deadline, this.skipping.events);
        if (reached === 'interesting' || s.sim.now >= this.skipping.until) {
          this.playing = this.skipping.resume;
          this.skipping = undefined;
          this.lastTick = this.options.now();
        }
      } else if (this.playing) {
        const last = this.lastTick ?? start;
        const elapsed = Math.min(Math.max(start - last, 0), MAX_TICK_GAP_MS) / 1000;
        this.lastTick = start;
        this.advance(s, s.sim.now + elapsed * this.speed, deadline, false);
      }
    }
    this.flush();
  }

  private status(s: Session): RunStatus {
    const base = {
      t: s.sim.now,
      horizon: Math.max(s.horizon, s.sim.now),
      playing: this.playing,
      skipping: this.skipping !== undefined,
      speed: this.speed,
    };
    if (!this.inputsChanged) return base;
    this.inputsChanged = false;
    return { ...base, inputs: [...s.history.log] };
  }

  private statusKey(s: Session): string {
    return `${s.sim.now}|${s.horizon}|${this.playing}|${this.skipping !== undefined}|${this.speed}`;
  }

  private flush(): void {
    const s = this.session;
    if (!s) return;
    this.postGoal(s);
    if (this.needSnapshot) {
      this.needSnapshot = false;
      this.buffer.clear();
      this.activity.clear();
      const snap = s.sim.store.snapshot();
      const objects: [string, KubeObject][] = [];
      for (const [kind, m] of snap.objects) for (const [name, o] of m) objects.push([`${kind}/${name}`, o]);
      this.inputsChanged = true; // a snapshot is complete: it always carries the input log
      const status = this.status(s);
      this.lastStatus = this.statusKey(s);
      this.options.post({ type: 'snapshot', ...status, objects, runtime: [...snap.runtime] });
      return;
    }
    const key = this.statusKey(s);
    if (this.buffer.size === 0 && !this.inputsChanged && key === this.lastStatus) return;
    this.lastStatus = key;
    const status = this.status(s);
    const activity = [...this.activity];
    this.activity.clear();
    this.options.post({
      type: 'frame',
      ...status,
      diffs: this.buffer.take().map(frameDiff),
      ...(activity.length ? { activity } : {}),
    });
  }

  /**
   * Run instant by instant towards `target`, stopping when the wall-clock budget is spent (the rest waits
   * for the next tick, so a heavy cluster runs slower instead of freezing) or, when skipping, at the first
   * instant that recorded an Event.
   */
  private advance(
    s: Session,
    target: number,
    deadline: number,
    skipping: boolean,
  ): 'done' | 'budget' | 'interesting' {
    while (s.sim.now < target) {
      const next = s.sim.nextEventTime();
      let stop = next === undefined || next > target ? target : Math.max(next, s.sim.now);
      // A pending goal begins exactly at its start time.
      if (this.goal?.pending && this.goal.startT > s.sim.now) stop = Math.min(stop, this.goal.startT);
      s.history.runUntil(stop);
      if (s.sim.now > s.horizon) s.horizon = s.sim.now;
      this.checkGoal(s, false);
      if (skipping && this.interesting) return 'interesting';
      if (this.options.now() >= deadline) return 'budget';
    }
    return 'done';
  }

  private step(): void {
    const s = this.session;
    if (!s) return;
    this.playing = false;
    this.skipping = undefined;
    const next = s.sim.nextEventTime();
    if (next === undefined) return;
    s.history.runUntil(Math.max(next, s.sim.now));
    if (s.sim.now > s.horizon) s.horizon = s.sim.now;
    this.checkGoal(s, true);
  }

  private seek(t: number): void {
    const s = this.session;
    if (!s || !Number.isFinite(t)) return;
    this.playing = false;
    this.skipping = undefined;
    const to = Math.min(Math.max(0, t), Math.max(s.horizon, s.sim.now));
    const replayed: SimRecord[] = [];
    this.quietly(() => {
      const un = s.sim.onRecord((r) => replayed.push(r));
      try {
        s.history.seek(to);
      } finally {
        un();
      }
    });
    this.goal?.afterSeek(s.sim, replayed);
    this.needSnapshot = true;
  }

  /** Check the tracked goal: when `force`d (after an input), or when the simulated second changed. */
  private checkGoal(s: Session, force: boolean): void {
    const g = this.goal;
    if (!g) return;
    if (g.pending) g.reached(s.sim);
    else if (force || g.due(s.sim)) g.check(s.sim);
  }

  /** Send the goal's status when it changed since the last one sent. */
  private postGoal(s: Session): void {
    const g = this.goal;
    if (!g) return;
    // A tick ends with a check, so a brief state is never missed between seconds.
    if (g.stale(s.sim)) g.check(s.sim);
    const status = g.status(s.sim.now);
    const key = JSON.stringify({ ...status, t: 0 });
    if (key === this.goalSent) return;
    this.goalSent = key;
    this.options.post({ type: 'goalStatus', ...status });
  }

  /**
   * Start tracking a lesson goal (or stop, with null). With `at` before now (a restored session), the goal
   * begins where it began before: the History goes back to `at`, the goal starts, and the same branch is
   * replayed to now with a check every simulated second.
   */
  private trackGoal(
    id: unknown,
    spec: GoalSpec | null,
    at: number | undefined,
    atInputs: number | undefined,
  ): void {
    const s = this.session;
    this.goal = undefined;
    this.goalSent = '';
    if (spec === null || !s) return;
    const name = typeof id === 'string' ? id.slice(0, 200) : '';
    const problems = validateGoal(spec);
    if (problems.length) {
      this.options.post({
        type: 'goalRefused',
        id: name,
        problems: problems.map((p) => `${p.path.join('.') || 'goal'}: ${p.message}`),
      });
      return;
    }
    const now = s.sim.now;
    const inputs = () => s.history.appliedCount;
    if (typeof at === 'number' && Number.isFinite(at) && at >= 0 && at < now) {
      const upTo =
        typeof atInputs === 'number' && Number.isInteger(atInputs) && atInputs >= 0
          ? atInputs
          : Number.POSITIVE_INFINITY;
      const applied = s.history.appliedCount;
      this.quietly(() => {
        s.history.seek(at, upTo);
        const g = new GoalTrack(name, spec, s.sim, inputs);
        const un = s.sim.onRecord((r) => g.record(r));
        try {
          while (s.sim.now < now || s.history.appliedCount < applied) {
            s.history.runUntil(Math.min(now, Math.floor(s.sim.now) + 1));
            g.check(s.sim);
          }
        } finally {
          un();
        }
        this.goal = g;
      });
      this.needSnapshot = true;
    } else this.goal = new GoalTrack(name, spec, s.sim, inputs);
    this.postGoal(s);
  }

  private input(id: number, raw: unknown): void {
    const s = this.session;
    const checked = checkInput(raw);
    if (!s || !checked.input) {
      this.options.post({
        type: 'inputResult',
        id,
        result: { ok: false, message: checked.message ?? 'error: no cluster is loaded', exitCode: 1 },
      });
      return;
    }
    // Acting before the end of the branch discards its old future: the branch now ends here.
    const branching = s.sim.now < s.horizon;
    this.goal?.beforeInput(s.sim);
    const result = s.history.input(checked.input);
    if (branching) s.horizon = s.sim.now;
    this.checkGoal(s, true);
    this.inputsChanged = true;
    this.options.post({ type: 'inputResult', id, result });
  }

  /** Run `fn` without sending its diffs (a snapshot follows). */
  private quietly(fn: () => void): void {
    const un = this.unsubscribe;
    un?.();
    try {
      fn();
    } finally {
      if (un && this.session) this.subscribe(this.session.sim);
    }
  }

  private subscribe(sim: Simulation): void {
    this.unsubscribe = sim.onRecord((r: SimRecord) => {
      const { t, actor, diff: d } = r;
      this.buffer.push(d);
      this.activity.set(actor, t);
      this.goal?.record(r);
      if (d.type !== 'runtime' && d.kind === 'Event' && d.type !== 'removed') this.interesting = true;
    });
  }

  private load(
    source: ScenarioSource,
    replay: Replay | undefined,
    play: boolean,
    speed: number | undefined,
  ): void {
    const text = source.kind === 'example' ? this.options.examples[source.name] : source.text;
    if (text === undefined || (source.kind === 'file' && typeof text !== 'string')) {
      this.options.post({ type: 'loadFailed', source, reason: 'unknown-example', diagnostics: [] });
      return;
    }
    let built: { scenario: Scenario; sim: Simulation };
    try {
      built = loadSimulation(text);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      this.options.post({ type: 'loadFailed', source, reason: 'invalid', diagnostics: e.diagnostics });
      return;
    }
    const { scenario, sim } = built;
    const history = new History<Input, ApplyResult>(sim, (s, i) => applyInput(s, i));
    const session: Session = { source, sim, history, horizon: 0 };
    let replayed: { inputs: number; skipped: number } | undefined;
    if (replay) replayed = this.replay(session, replay);

    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.buffer.clear();
    this.goal = undefined;
    this.goalSent = '';
    this.session = session;
    this.subscribe(sim);
    this.playing = play;
    this.skipping = undefined;
    this.lastTick = this.options.now();
    if (speed !== undefined && Number.isFinite(speed))
      this.speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
    this.inputsChanged = true;
    this.needSnapshot = true;
    this.options.post({
      type: 'loaded',
      source,
      scenarioName: scenario.name,
      manifests: manifestsOf(text),
      timeline: scenario.timeline.map((e) => markerOf(e.at, e.input)),
      ...(replayed ? { replayed } : {}),
    });
    this.flush();
  }

  /** Re-apply a logged input history at its times, then go to the logged position (the future stays logged). */
  private replay(s: Session, replay: Replay): { inputs: number; skipped: number } {
    const end = Math.min(Math.max(0, Number.isFinite(replay.t) ? replay.t : 0), MAX_REPLAY_SECONDS);
    let inputs = 0;
    let skipped = 0;
    const log: LoggedLearnerInput[] = Array.isArray(replay.inputs) ? [...replay.inputs] : [];
    for (const entry of log) {
      const t = Number(entry?.t);
      const checked = checkInput(entry?.input);
      if (!checked.input || !Number.isFinite(t) || t < s.sim.now || t > MAX_REPLAY_SECONDS) {
        skipped++;
        continue;
      }
      s.history.runUntil(t);
      s.history.input(checked.input);
      inputs++;
    }
    s.horizon = Math.max(s.sim.now, end);
    if (end < s.sim.now) s.history.seek(end);
    else s.history.runUntil(end);
    return { inputs, skipped };
  }
}
