/**
 * The lesson slice: which place of the app is open (route), the open lesson and the learner's progress,
 * the step's goal as the engine worker last reported it, and the lesson's actions (move between steps,
 * hints, "show solution", quiz answers and predict experiments, progress import and export).
 *
 * Goals are checked by the engine in the worker, never here: a step completes when a `goalStatus` for its
 * goal says met. "Show solution" and the experiments send the lesson's actions through the same input
 * path the learner uses (the editor's Apply, the kubectl console, the fault injector), and a `wait` runs
 * simulated time forward.
 */
import type { StateCreator } from 'zustand';
import type { GoalSpec } from '../engine';
import { gradeQuestion } from '../lessons/quiz';
import type { Lesson, LessonAction } from '../lessons/types';
import type { LessonEvent } from '../lessons/ui/events';
import { emitLessonEvent } from '../lessons/ui/events';
import type { Answer, LessonProgress, Progress } from '../lessons/ui/progress';
import {
  EMPTY_PROGRESS,
  formatProgressProblems,
  lessonProgress,
  parseProgress,
  serializeProgress,
  summarize,
  updateLesson,
} from '../lessons/ui/progress';
import type { Route } from '../lessons/ui/route';
import { parseDuration } from '../engine';
import { S } from '../strings';
import type { FromWorker, GoalStatus } from '../worker/protocol';
import type { AppState } from './store';

/** The lesson open in the player. `key` names its progress (`author:<id>` for an author's lesson). */
export interface OpenLesson {
  readonly key: string;
  readonly lesson: Lesson;
  readonly author: boolean;
}

/** What the lesson is doing by itself right now (buttons wait; the panel says so). */
export type LessonBusy =
  | { readonly kind: 'solution'; readonly step: number }
  | { readonly kind: 'setup'; readonly step: number; readonly of: number }
  | { readonly kind: 'tryIt'; readonly question: string }
  | null;

/** What the engine checks now: a step's goal, or a predict question's experiment. */
interface Tracking {
  readonly id: string;
  readonly goal: GoalSpec;
  readonly at?: { readonly t: number; readonly inputs: number };
}

export interface LessonSlice {
  route: Route;
  openLesson: OpenLesson | null;
  progress: Progress;
  /** The tracked goal's latest status from the worker (null before the first, or when none is tracked). */
  goal: GoalStatus | null;
  /** The worker refused the goal (an author's lesson with a goal the engine cannot check). */
  goalProblems: readonly string[] | null;
  busy: LessonBusy;
  /** The last thing worth saying to a screen reader (goal met, step unlocked, experiment result). */
  announcement: { readonly id: number; readonly text: string } | null;
  /** Problems of an author's lesson that could not be opened, with where it came from. */
  authorProblems: { readonly source: string; readonly lines: readonly string[] } | null;
  /** A step action failed (a solution command the cluster refused, a wait that never finished). */
  lessonError: string | null;

  setRoute(route: Route): void;
  setProgress(progress: Progress): void;
  setAuthorProblems(p: LessonSlice['authorProblems']): void;
  /** Open a lesson at a step (0-based; `steps.length` is the knowledge check). */
  startLesson(open: OpenLesson, step?: number): void;
  /** The cluster was (re)loaded: `fresh` when it is at the lesson's start (not a restored session). */
  clusterLoaded(fresh: boolean): void;
  receiveGoal(m: Extract<FromWorker, { type: 'goalStatus' | 'goalRefused' }>): void;
  /** Go to a step (0-based); only unlocked steps open. */
  goToStep(step: number): void;
  nextStep(): void;
  prevStep(): void;
  revealHint(): void;
  showSolution(): Promise<void>;
  answerQuestion(questionId: string, selected: readonly string[]): void;
  /** Record the prediction and run the question's experiment in the simulator. */
  tryIt(questionId: string, selected: readonly string[]): Promise<void>;
  retakeQuiz(): void;
  restartLesson(): void;
  exportProgress(): string;
  /** Replace progress with an imported file's; returns the problems (nothing changes when there are any). */
  importProgress(text: string, lessonFor: (key: string) => Lesson | undefined): readonly string[];
  announce(text: string): void;
}

let announceId = 1;

/** Sorts choice ids in the order of the question's choices (as answers are stored). */
const byChoice =
  (q: { readonly choices: readonly { readonly id: string }[] }) =>
  (a: string, b: string): number =>
    q.choices.findIndex((c) => c.id === a) - q.choices.findIndex((c) => c.id === b);
/** A wait that has not finished after this long (wall clock) is reported instead of waited on forever. */
const WAIT_TIMEOUT_MS = 45_000;

const stepTrackId = (key: string, stepId: string) => `${key}#${stepId}`;
const quizTrackId = (key: string, qid: string) => `${key}?${qid}`;

export const createLessonSlice: StateCreator<AppState, [], [], LessonSlice> = (set, get, api) => {
  let tracking: Tracking | null = null;
  /** A reload we caused ourselves (an experiment from the start): no automatic set-up after it. */
  let ownReload = false;
  /** A step asked for (the address, a restart), waiting for the cluster to load. */
  let pendingJump: number | undefined;

  const lp = (): LessonProgress | undefined => {
    const o = get().openLesson;
    return o ? lessonProgress(get().progress, o.key) : undefined;
  };

  const change = (f: (l: LessonProgress) => LessonProgress) => {
    const o = get().openLesson;
    if (o) set({ progress: updateLesson(get().progress, o.key, f) });
  };

  const emit = (e: LessonEvent) => emitLessonEvent(e);

  const send = (t: Tracking | null) => {
    tracking = t;
    set({ goal: null, goalProblems: null });
    get().engine?.send(
      t
        ? {
            type: 'trackGoal',
            id: t.id,
            goal: t.goal,
            ...(t.at ? { at: t.at.t, atInputs: t.at.inputs } : {}),
          }
        : { type: 'trackGoal', id: '', goal: null },
    );
  };

  /** Track the goal of the learner's step (none for a completed step or the quiz). */
  const trackPosition = (resume: boolean) => {
    const o = get().openLesson;
    const p = lp();
    if (!o || !p) return;
    const step = o.lesson.steps[p.step];
    if (!step || p.completed.includes(step.id)) {
      send(null);
      return;
    }
    send({
      id: stepTrackId(o.key, step.id),
      goal: step.goal,
      ...(resume && p.stepStart ? { at: p.stepStart } : {}),
    });
  };

  /** Resolve when `test` holds for the state, or reject after the timeout. */
  const until = (test: (s: AppState) => boolean, ms = WAIT_TIMEOUT_MS): Promise<void> =>
    new Promise((resolve, reject) => {
      if (test(get())) {
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        un();
        reject(new Error('timeout'));
      }, ms);
      const un = api.subscribe((s) => {
        if (!test(s)) return;
        clearTimeout(timer);
        un();
        resolve();
      });
    });

  /** Let `seconds` of simulated time pass, fast. */
  const runFor = async (seconds: number) => {
    const target = get().t + seconds - 1e-6;
    get().engine?.send({ type: 'skip', capSeconds: seconds, events: false });
    set({ skipping: true });
    await until((s) => s.t >= target && !s.skipping);
  };

  /** One action, through the learner's own input paths. Throws with what went wrong. */
  const perform = async (a: LessonAction) => {
    const st = get();
    if ('wait' in a) {
      const d = parseDuration(a.wait);
      if ('error' in d) throw new Error(d.error);
      await runFor(d.seconds);
      return;
    }
    if ('apply' in a) {
      st.setYaml(a.apply);
      const r = await st.applyYaml();
      if (!r.ok) throw new Error(r.message);
      return;
    }
    if ('kubectl' in a) {
      st.setBottomTab('console');
      const before = get().consoleLines.length;
      await st.runKubectl(a.kubectl);
      const failed = get()
        .consoleLines.slice(before)
        .find((l) => l.kind === 'stderr');
      if (failed) throw new Error(failed.text);
      return;
    }
    await st.injectFault({ type: 'fault', fault: a.fault });
    const r = get().faultResult;
    if (r && !r.ok) throw new Error(r.text);
  };

  const runActions = async (actions: readonly LessonAction[]) => {
    for (const a of actions) await perform(a);
  };

  /**
   * Play the solutions of steps `from` to `to - 1` so the cluster is where step `to` begins (after a fresh
   * load at a later step, or a jump ahead by address). Each step completes the usual way: its goal is met.
   */
  const setUp = async (from: number, to: number) => {
    const o = get().openLesson;
    if (!o) return;
    set({ lessonError: null });
    try {
      for (let i = from; i < to; i++) {
        const step = o.lesson.steps[i];
        if (!step) break;
        const id = stepTrackId(o.key, step.id);
        set({ busy: { kind: 'setup', step: i, of: to } });
        change((l) => ({ ...l, step: i }));
        send({ id, goal: step.goal });
        await runActions(step.solution);
        await until((s) => s.goal?.id === id && s.goal.met, 20_000);
      }
      change((l) => ({ ...l, step: to }));
      trackPosition(false);
    } catch (e) {
      set({ lessonError: S.lesson.setupFailed((e as Error).message) });
    } finally {
      set({ busy: null });
    }
  };

  const checkLessonComplete = (wasComplete: boolean) => {
    const o = get().openLesson;
    const p = lp();
    if (!o || !p) return;
    const sum = summarize(o.lesson, p);
    if (sum.complete && !wasComplete) {
      emit({ type: 'lesson-completed', lesson: o.lesson.id, score: sum.correct, questions: sum.questions });
      get().announce(S.lesson.lessonDone(sum.correct, sum.questions));
    }
  };

  const isComplete = () => {
    const o = get().openLesson;
    const p = lp();
    return !!o && !!p && summarize(o.lesson, p).complete;
  };

  return {
    route: { mode: 'sandbox' },
    openLesson: null,
    progress: EMPTY_PROGRESS,
    goal: null,
    goalProblems: null,
    busy: null,
    announcement: null,
    authorProblems: null,
    lessonError: null,

    setRoute: (route) => set({ route }),
    setProgress: (progress) => set({ progress }),
    setAuthorProblems: (authorProblems) => set({ authorProblems }),

    startLesson: (open, step) => {
      set({ openLesson: open, goal: null, goalProblems: null, busy: null, lessonError: null });
      tracking = null;
      const p = lessonProgress(get().progress, open.key);
      const max = open.lesson.steps.length;
      const want = step === undefined ? p.step : Math.min(Math.max(0, step), max);
      // The position moves once the cluster is loaded (a jump ahead is set up by playing solutions).
      pendingJump = want;
      emit({
        type: 'ready',
        lesson: open.lesson.id,
        mode: want >= max ? 'quiz' : 'lesson',
        step: want + 1,
        steps: max,
      });
    },

    clusterLoaded: (fresh) => {
      const o = get().openLesson;
      const p = lp();
      if (!o || !p) return;
      if (ownReload) {
        ownReload = false;
        if (tracking) send(tracking);
        return;
      }
      const target = pendingJump ?? p.step;
      pendingJump = undefined;
      // What the cluster has been through: nothing when fresh, the completed steps when restored.
      const from = fresh ? 0 : p.completed.length;
      if (target > from) {
        void setUp(from, target);
        return;
      }
      const resume = !fresh && target === p.step;
      if (target !== p.step) change((l) => ({ ...l, step: target }));
      trackPosition(resume);
    },

    receiveGoal: (m) => {
      if (m.type === 'goalRefused') {
        if (tracking && m.id === tracking.id) set({ goalProblems: m.problems });
        return;
      }
      if (!tracking || m.id !== tracking.id) return;
      set({ goal: m });
      const o = get().openLesson;
      const p = lp();
      if (!o || !p) return;
      const index = o.lesson.steps.findIndex((s) => stepTrackId(o.key, s.id) === m.id);
      const step = o.lesson.steps[index];
      if (!step || index !== p.step) return;
      if (!m.pending && (p.stepStart?.t !== m.startT || p.stepStart.inputs !== m.startInputs))
        change((l) => ({ ...l, stepStart: { t: m.startT, inputs: m.startInputs } }));
      if (!m.met || p.completed.includes(step.id)) return;
      const was = isComplete();
      change((l) => ({ ...l, completed: [...l.completed, step.id] }));
      const n = index + 1;
      emit({ type: 'goal-completed', lesson: o.lesson.id, step: n, stepId: step.id });
      emit({ type: 'step-completed', lesson: o.lesson.id, step: n, stepId: step.id });
      get().announce(
        n === o.lesson.steps.length ? S.lesson.lastStepDone(step.title) : S.lesson.stepDone(step.title),
      );
      checkLessonComplete(was);
    },

    goToStep: (step) => {
      const o = get().openLesson;
      const p = lp();
      if (!o || !p || get().busy) return;
      const max = o.lesson.steps.length;
      const to = Math.min(Math.max(0, step), max);
      if (to > p.completed.length || to === p.step) return;
      change((l) => ({ ...l, step: to }));
      trackPosition(false);
      const s = o.lesson.steps[to];
      get().announce(s ? S.lesson.nowOnStep(to + 1, max, s.title) : S.lesson.nowOnQuiz);
    },
    nextStep: () => {
      const p = lp();
      if (p) get().goToStep(p.step + 1);
    },
    prevStep: () => {
      const p = lp();
      if (p) get().goToStep(p.step - 1);
    },

    revealHint: () => {
      const o = get().openLesson;
      const p = lp();
      const step = o && p ? o.lesson.steps[p.step] : undefined;
      if (!step || !p) return;
      const shown = p.hints[step.id] ?? 0;
      if (shown >= step.hints.length) return;
      change((l) => ({ ...l, hints: { ...l.hints, [step.id]: shown + 1 } }));
    },

    showSolution: async () => {
      const o = get().openLesson;
      const p = lp();
      const step = o && p ? o.lesson.steps[p.step] : undefined;
      if (!o || !p || !step || get().busy) return;
      set({ busy: { kind: 'solution', step: p.step }, lessonError: null });
      try {
        if (!tracking) trackPosition(false);
        await runActions(step.solution);
      } catch (e) {
        set({ lessonError: S.lesson.solutionFailed((e as Error).message) });
      } finally {
        set({ busy: null });
      }
    },

    answerQuestion: (questionId, selected) => {
      const o = get().openLesson;
      const q = o?.lesson.quiz.find((x) => x.id === questionId);
      if (!o || !q || selected.length === 0) return;
      const was = isComplete();
      const ids = q.choices.filter((c) => selected.includes(c.id)).map((c) => c.id);
      const correct = gradeQuestion(q, ids).correct;
      const first = lp()?.answers[questionId];
      // The first attempt is the score; later ones are practice, kept beside it and never scored.
      const attempt = first ? (first.practice?.attempts ?? 1) + 1 : 1;
      const answer: Answer = first
        ? { ...first, practice: { selected: ids, attempts: attempt } }
        : { selected: ids };
      change((l) => ({ ...l, answers: { ...l.answers, [questionId]: answer } }));
      emit({
        type: 'quiz-answered',
        lesson: o.lesson.id,
        question: questionId,
        correct,
        attempt,
        scored: !first,
      });
      if (first) get().announce(correct ? S.lesson.practiceRight : S.lesson.practiceWrong);
      else get().announce(correct ? S.lesson.answerRight : S.lesson.answerWrong);
      checkLessonComplete(was);
    },

    tryIt: async (questionId, selected) => {
      const o = get().openLesson;
      const q = o?.lesson.quiz.find((x) => x.id === questionId);
      if (!o || !q || q.type !== 'predict' || get().busy) return;
      const before = lp()?.answers[questionId];
      const latest = before?.practice?.selected ?? before?.selected;
      // A new choice is an answer (the first, or practice); the same one only runs the experiment again.
      if (!latest || latest.join() !== [...selected].sort(byChoice(q)).join())
        get().answerQuestion(questionId, selected);
      set({ busy: { kind: 'tryIt', question: questionId }, lessonError: null });
      const id = quizTrackId(o.key, questionId);
      try {
        if (q.tryIt.from === 'start') {
          ownReload = true;
          tracking = { id, goal: q.tryIt.expect };
          const before = get().scenario;
          get().reset();
          await until((s) => s.scenario !== before);
        } else send({ id, goal: q.tryIt.expect });
        await until((s) => s.goal?.id === id);
        await runActions(q.tryIt.actions);
        // The experiment's answer is the goal at the end, checked by the engine after the last action.
        const t = get().t;
        await until((s) => s.goal?.id === id && s.goal.t >= t - 1e-6, 5_000).catch(() => undefined);
        const held = get().goal?.id === id && get().goal?.holds === true;
        change((l) => {
          const prev = l.answers[questionId];
          return prev ? { ...l, answers: { ...l.answers, [questionId]: { ...prev, tried: { held } } } } : l;
        });
        get().announce(held ? S.lesson.experimentHeld : S.lesson.experimentDidNotHold);
      } catch (e) {
        set({ lessonError: S.lesson.experimentFailed((e as Error).message) });
      } finally {
        set({ busy: null });
      }
    },

    retakeQuiz: () => {
      // Practice again: the first answers stay (they are the score); only the practice attempts go.
      change((l) => ({
        ...l,
        answers: Object.fromEntries(
          Object.entries(l.answers).map(([id, a]) => {
            const { practice: _practice, ...rest } = a;
            return [id, rest];
          }),
        ),
      }));
      get().announce(S.lesson.quizCleared);
    },

    restartLesson: () => {
      const o = get().openLesson;
      if (!o || get().busy) return;
      set({
        progress: {
          lessons: { ...get().progress.lessons, [o.key]: { step: 0, completed: [], hints: {}, answers: {} } },
        },
      });
      pendingJump = 0;
      get().reset();
      get().announce(S.lesson.restarted);
    },

    exportProgress: () => serializeProgress(get().progress),

    importProgress: (text, lessonFor) => {
      const r = parseProgress(text, lessonFor);
      if (r.problems.length) return formatProgressProblems(r.problems);
      set({ progress: r.progress });
      return [];
    },

    announce: (text) => set({ announcement: { id: announceId++, text } }),
  };
};
