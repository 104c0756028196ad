/**
 * A learner's progress through the lessons, kept in the browser and exportable as a JSON file: per lesson,
 * the steps completed, where they are (the step, and when it began on the simulated clock), the hints they
 * opened and their quiz answers. Versioned and validated on load and on import: every problem is reported
 * with its place (`lessons.thermostat.answers.one-loop.selected[1]: ...`), and data that does not validate
 * is never used. Answers are stored as the choices selected and graded again when shown, so a tampered
 * "correct" flag cannot exist.
 */
import { gradeQuestion } from '../quiz';
import type { Lesson } from '../types';

export const PROGRESS_KEY = 'setpoint.progress';
export const PROGRESS_FORMAT = 'setpoint-progress';
export const PROGRESS_VERSION = 1;
/** Bigger files are not read (a progress file is a few kilobytes). */
export const MAX_PROGRESS_BYTES = 512 * 1024;

export interface Answer {
  /** The choices of the first attempt, in the order of the question's choices: this is what is scored. */
  readonly selected: readonly string[];
  /** Predict questions: the learner ran the experiment; `held` is whether it showed the correct answer. */
  readonly tried?: { readonly held: boolean };
  /**
   * The latest practice attempt after the first one (for learning; never scored), and how many attempts
   * there have been in all, the first included.
   */
  readonly practice?: { readonly selected: readonly string[]; readonly attempts: number };
}

export interface LessonProgress {
  /** The step the learner is on, 0-based; `steps.length` means the knowledge check. */
  readonly step: number;
  /** Ids of the completed steps (always the first ones, in order). */
  readonly completed: readonly string[];
  /** When the current step's goal began (simulated seconds), and how many inputs were logged by then. */
  readonly stepStart?: { readonly t: number; readonly inputs: number };
  /** How many hints the learner opened, per step id. */
  readonly hints: Readonly<Record<string, number>>;
  /** Quiz answers by question id. */
  readonly answers: Readonly<Record<string, Answer>>;
}

export interface Progress {
  readonly lessons: Readonly<Record<string, LessonProgress>>;
}

export const EMPTY_PROGRESS: Progress = { lessons: {} };
export const EMPTY_LESSON: LessonProgress = { step: 0, completed: [], hints: {}, answers: {} };

export interface ProgressProblem {
  readonly path: string;
  readonly message: string;
}

/** Progress of an author's lesson is kept apart from the built-in lesson of the same id. */
export const authorKey = (id: string) => `author:${id}`;

const KEY = /^(?:author:)?[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Where a step's goal began: a simulated time (0 to 6 hours) and a count of inputs (stored progress, links). */
export function isStepStart(v: unknown): v is { t: number; inputs: number } {
  return (
    isRecord(v) &&
    typeof v.t === 'number' &&
    Number.isFinite(v.t) &&
    v.t >= 0 &&
    v.t <= 6 * 3600 &&
    typeof v.inputs === 'number' &&
    Number.isInteger(v.inputs) &&
    v.inputs >= 0 &&
    v.inputs <= 5000
  );
}

class Checker {
  readonly problems: ProgressProblem[] = [];
  add(path: string, message: string): void {
    if (this.problems.length < 50) this.problems.push({ path, message });
  }
  only(v: Record<string, unknown>, allowed: readonly string[], path: string): void {
    for (const k of Object.keys(v))
      if (!allowed.includes(k))
        this.add(path ? `${path}.${k}` : k, `unknown field; expected one of: ${allowed.join(', ')}`);
  }
}

/** A list of choice ids of one question: known, not repeated, at least one, one for single and predict. */
function checkChoices(
  c: Checker,
  v: readonly unknown[],
  p: string,
  question: string,
  q: Lesson['quiz'][number] | undefined,
): string[] {
  const selected: string[] = [];
  v.forEach((ch, i) => {
    const pc = `${p}[${i}]`;
    if (typeof ch !== 'string' || !ID.test(ch)) c.add(pc, 'must be a choice id');
    else if (q && !q.choices.some((x) => x.id === ch))
      c.add(pc, `question "${question}" has no choice "${ch}"`);
    else if (selected.includes(ch)) c.add(pc, `choice "${ch}" is listed twice`);
    else selected.push(ch);
  });
  if (selected.length === 0) c.add(p, 'an answer selects at least one choice');
  if (q && q.type !== 'multiple' && selected.length > 1)
    c.add(p, `a ${q.type} question takes one choice, not ${selected.length}`);
  return selected;
}

function checkLesson(
  c: Checker,
  v: unknown,
  at: string,
  lesson: Lesson | undefined,
): LessonProgress | undefined {
  if (!isRecord(v)) {
    c.add(at, 'must be an object with step, completed, hints and answers');
    return undefined;
  }
  const before = c.problems.length;
  c.only(v, ['step', 'completed', 'stepStart', 'hints', 'answers'], at);
  const stepIds = lesson?.steps.map((s) => s.id);
  const stepCount = lesson ? lesson.steps.length : 999;

  const completed: string[] = [];
  if (!Array.isArray(v.completed)) c.add(`${at}.completed`, 'must be a list of step ids');
  else
    v.completed.forEach((id, i) => {
      const p = `${at}.completed[${i}]`;
      if (typeof id !== 'string' || !ID.test(id)) c.add(p, 'must be a step id');
      else if (stepIds && !stepIds.includes(id)) c.add(p, `this lesson has no step "${id}"`);
      else if (completed.includes(id)) c.add(p, `step "${id}" is listed twice`);
      else if (stepIds && stepIds[i] !== id)
        c.add(p, `steps are completed in order: expected "${stepIds[i] ?? '(none)'}", not "${id}"`);
      else completed.push(id);
    });

  const step = v.step;
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step > stepCount)
    c.add(`${at}.step`, `must be a whole number from 0 to ${stepCount}, not ${JSON.stringify(step)}`);
  else if (step > completed.length)
    c.add(`${at}.step`, `step ${step + 1} is not unlocked yet: only ${completed.length} completed`);

  let stepStart: LessonProgress['stepStart'];
  if (v.stepStart !== undefined) {
    const s = v.stepStart;
    if (!isStepStart(s))
      c.add(`${at}.stepStart`, 'must be {t: seconds (0 to 6 hours), inputs: a whole number}');
    else stepStart = { t: s.t, inputs: s.inputs };
  }

  const hints: Record<string, number> = {};
  if (!isRecord(v.hints)) c.add(`${at}.hints`, 'must be an object of step id to a number of hints');
  else
    for (const [id, n] of Object.entries(v.hints)) {
      const p = `${at}.hints.${id}`;
      const max = lesson?.steps.find((s) => s.id === id)?.hints.length ?? 20;
      if (stepIds && !stepIds.includes(id)) c.add(p, `this lesson has no step "${id}"`);
      else if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > max)
        c.add(p, `must be a whole number from 0 to ${max}`);
      else hints[id] = n;
    }

  const answers: Record<string, Answer> = {};
  if (!isRecord(v.answers)) c.add(`${at}.answers`, 'must be an object of question id to answer');
  else
    for (const [id, a] of Object.entries(v.answers)) {
      const p = `${at}.answers.${id}`;
      const q = lesson?.quiz.find((x) => x.id === id);
      if (lesson && !q) {
        c.add(p, `this lesson has no question "${id}"`);
        continue;
      }
      if (!isRecord(a) || !Array.isArray(a.selected)) {
        c.add(p, 'must be {selected: [choice ids]}');
        continue;
      }
      c.only(a, ['selected', 'tried', 'practice'], p);
      const selected = checkChoices(c, a.selected, `${p}.selected`, id, q);
      let practice: Answer['practice'];
      if (a.practice !== undefined) {
        const pr = a.practice;
        const at = `${p}.practice`;
        if (!isRecord(pr) || !Array.isArray(pr.selected))
          c.add(at, 'must be {selected: [choice ids], attempts}');
        else {
          const chosen = checkChoices(c, pr.selected, `${at}.selected`, id, q);
          const n = pr.attempts;
          if (typeof n !== 'number' || !Number.isInteger(n) || n < 2 || n > 1000)
            c.add(`${at}.attempts`, 'must be a whole number from 2 (the first attempt and this one) to 1000');
          else practice = { selected: chosen, attempts: n };
        }
      }
      let tried: Answer['tried'];
      if (a.tried !== undefined) {
        if (!isRecord(a.tried) || typeof a.tried.held !== 'boolean')
          c.add(`${p}.tried`, 'must be {held: true or false}');
        else if (q && q.type !== 'predict') c.add(`${p}.tried`, 'only predict questions have an experiment');
        else tried = { held: a.tried.held };
      }
      answers[id] = { selected, ...(tried ? { tried } : {}), ...(practice ? { practice } : {}) };
    }
  if (c.problems.length > before) return undefined;
  return {
    step: step as number,
    completed,
    ...(stepStart ? { stepStart } : {}),
    hints,
    answers,
  };
}

/**
 * Check progress data of unknown shape. `lessonFor(key)` gives the built-in lesson of a key (its step,
 * question and choice ids are checked too); keys of authors' lessons are checked for shape only, and so
 * are built-in lessons that `unloaded(key)` says exist but whose data is not at hand (lessons load on
 * demand: another frame may save progress of a lesson this one never opened).
 */
export function validateProgress(
  value: unknown,
  lessonFor: (key: string) => Lesson | undefined,
  unloaded?: (key: string) => boolean,
): { progress: Progress; problems: readonly ProgressProblem[] } {
  const c = new Checker();
  const fail = () => ({ progress: EMPTY_PROGRESS, problems: c.problems });
  if (!isRecord(value)) {
    c.add('(file)', 'must be a JSON object exported by Setpoint');
    return fail();
  }
  c.only(value, ['format', 'version', 'lessons'], '');
  if (value.format !== PROGRESS_FORMAT)
    c.add('format', `must be "${PROGRESS_FORMAT}", not ${JSON.stringify(value.format) ?? 'missing'}`);
  if (value.version !== PROGRESS_VERSION)
    c.add(
      'version',
      `this version of Setpoint reads version ${PROGRESS_VERSION}, not ${JSON.stringify(value.version) ?? 'missing'}`,
    );
  const lessons: Record<string, LessonProgress> = {};
  if (!isRecord(value.lessons)) c.add('lessons', 'must be an object of lesson id to progress');
  else
    for (const [key, v] of Object.entries(value.lessons)) {
      const at = `lessons.${key}`;
      if (!KEY.test(key) || key.length > 80) {
        c.add(at, 'not a lesson id');
        continue;
      }
      const lesson = key.startsWith('author:') ? undefined : lessonFor(key);
      if (!key.startsWith('author:') && !lesson && !unloaded?.(key)) {
        c.add(at, `there is no lesson "${key}"`);
        continue;
      }
      const p = checkLesson(c, v, at, lesson);
      if (p) lessons[key] = p;
    }
  if (c.problems.length) return fail();
  return { progress: { lessons }, problems: [] };
}

/** Parse progress text (stored or imported). */
export function parseProgress(
  text: string,
  lessonFor: (key: string) => Lesson | undefined,
  unloaded?: (key: string) => boolean,
): { progress: Progress; problems: readonly ProgressProblem[] } {
  if (text.length > MAX_PROGRESS_BYTES)
    return {
      progress: EMPTY_PROGRESS,
      problems: [{ path: '(file)', message: 'is too large to be progress' }],
    };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return {
      progress: EMPTY_PROGRESS,
      problems: [{ path: '(file)', message: `is not valid JSON: ${(e as Error).message}` }],
    };
  }
  return validateProgress(v, lessonFor, unloaded);
}

export function serializeProgress(p: Progress): string {
  return JSON.stringify({ format: PROGRESS_FORMAT, version: PROGRESS_VERSION, lessons: p.lessons }, null, 2);
}

export function formatProgressProblems(problems: readonly ProgressProblem[]): string[] {
  return problems.map((p) => `${p.path}: ${p.message}`);
}

/**
 * Read stored progress. Data that does not validate is moved aside (to `<key>.rejected`, so nothing is
 * lost for good) and reported; storage errors count as no progress.
 */
export function loadProgress(
  storage: Storage | null,
  lessonFor: (key: string) => Lesson | undefined,
  unloaded?: (key: string) => boolean,
): { progress: Progress; problems: readonly ProgressProblem[] } {
  if (!storage) return { progress: EMPTY_PROGRESS, problems: [] };
  let text: string | null;
  try {
    text = storage.getItem(PROGRESS_KEY);
  } catch {
    return { progress: EMPTY_PROGRESS, problems: [] };
  }
  if (text === null) return { progress: EMPTY_PROGRESS, problems: [] };
  const r = parseProgress(text, lessonFor, unloaded);
  if (r.problems.length) {
    try {
      storage.setItem(`${PROGRESS_KEY}.rejected`, text);
      storage.removeItem(PROGRESS_KEY);
    } catch {
      // The bad copy is ignored either way.
    }
  }
  return r;
}

/**
 * The built-in lessons named in stored progress (null when none is stored), so that their data can be
 * loaded before `loadProgress` checks against it. Best effort: unreadable data names none and is
 * reported by `loadProgress`.
 */
export function storedLessonIds(storage: Storage | null): string[] | null {
  let text: string | null;
  try {
    text = storage?.getItem(PROGRESS_KEY) ?? null;
  } catch {
    return null;
  }
  if (text === null) return null;
  if (text.length > MAX_PROGRESS_BYTES) return [];
  try {
    const v: unknown = JSON.parse(text);
    const lessons = isRecord(v) ? v.lessons : undefined;
    return isRecord(lessons) ? Object.keys(lessons).filter((k) => !k.startsWith('author:')) : [];
  } catch {
    return [];
  }
}

export function saveProgress(storage: Storage | null, p: Progress): boolean {
  if (!storage) return false;
  try {
    storage.setItem(PROGRESS_KEY, serializeProgress(p));
    return true;
  } catch {
    return false;
  }
}

/** The progress of one lesson (empty when none). */
export function lessonProgress(p: Progress, key: string): LessonProgress {
  return p.lessons[key] ?? EMPTY_LESSON;
}

/** A copy of `p` with one lesson's progress changed. */
export function updateLesson(
  p: Progress,
  key: string,
  change: (l: LessonProgress) => LessonProgress,
): Progress {
  return { lessons: { ...p.lessons, [key]: change(lessonProgress(p, key)) } };
}

/** Summary for the lesson map. */
export interface LessonSummary {
  readonly stepsDone: number;
  readonly steps: number;
  readonly answered: number;
  readonly questions: number;
  readonly correct: number;
  readonly complete: boolean;
  readonly started: boolean;
}

/** Whether a stored answer's first attempt is right (graded again from the choices selected). */
export function answerCorrect(lesson: Lesson, questionId: string, a: Answer | undefined): boolean {
  const q = lesson.quiz.find((x) => x.id === questionId);
  return q !== undefined && a !== undefined && gradeQuestion(q, a.selected).correct;
}

export function summarize(lesson: Lesson, lp: LessonProgress): LessonSummary {
  const answered = lesson.quiz.filter((q) => lp.answers[q.id]).length;
  const correct = lesson.quiz.filter((q) => answerCorrect(lesson, q.id, lp.answers[q.id])).length;
  const stepsDone = lesson.steps.filter((s) => lp.completed.includes(s.id)).length;
  return {
    stepsDone,
    steps: lesson.steps.length,
    answered,
    questions: lesson.quiz.length,
    correct,
    complete: stepsDone === lesson.steps.length && answered === lesson.quiz.length,
    started: stepsDone > 0 || answered > 0 || lp.step > 0,
  };
}
