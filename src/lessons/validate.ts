/**
 * Validation of lesson data, for the built-in course and for lessons authors write themselves and open by
 * URL or file. Every problem says where it is (a path such as `steps[2].goal.kind`) and what is wrong, with
 * the supported values when there is a fixed list. The starting scenario is checked by the scenario loader
 * itself, so its messages carry the line and column inside the scenario text.
 */
import { parse as parseYamlText } from 'yaml';
import { ScenarioError, loadScenario, parseDuration, parseYaml, validateFault } from '../engine';
import { validateGoal } from '../engine';
import { parseMarkdown } from './markdown';
import type { Lesson, QuestionType } from './types';
import { QUESTION_TYPES } from './types';

export type Path = readonly (string | number)[];

export interface LessonProblem {
  readonly path: Path;
  readonly message: string;
}

/** `steps[2].goal.kind` */
export function formatPath(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(lesson)';
}

/** One line per problem: `steps[2].goal.kind: unknown goal "podz-ready"; supported: ...`. */
export function formatProblems(problems: readonly LessonProblem[]): string {
  return problems.map((p) => `${formatPath(p.path)}: ${p.message}`).join('\n');
}

/** Thrown by parseLesson for data that does not validate; the message lists every problem. */
export class LessonError extends Error {
  constructor(readonly problems: readonly LessonProblem[]) {
    super(formatProblems(problems));
    this.name = 'LessonError';
  }
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const LESSON_FIELDS = ['id', 'title', 'summary', 'scenario', 'ideas', 'steps', 'quiz'];
const STEP_FIELDS = [
  'id',
  'title',
  'text',
  'task',
  'goal',
  'success',
  'hints',
  'solution',
  'ideas',
  'facts',
  'mistakes',
];
const FACT_FIELDS = ['says', 'check', 'when', 'from', 'until'];
const FACT_WHEN = ['end', 'always', 'sometime', 'never'];
const MISTAKE_FIELDS = ['why', 'actions'];
const QUESTION_FIELDS = ['id', 'type', 'prompt', 'choices', 'ideas', 'tryIt'];
const CHOICE_FIELDS = ['id', 'text', 'correct', 'explanation'];
const TRY_FIELDS = ['text', 'actions', 'from', 'expect'];
const ACTION_KEYS = ['apply', 'fault', 'kubectl', 'wait'];
export const MIN_QUESTIONS = 3;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Checker {
  readonly problems: LessonProblem[] = [];

  add(path: Path, message: string): void {
    this.problems.push({ path, message });
  }

  fields(v: Record<string, unknown>, allowed: readonly string[], path: Path, what: string): void {
    for (const k of Object.keys(v)) {
      if (!allowed.includes(k))
        this.add([...path, k], `unknown field "${k}" in ${what}; supported: ${allowed.join(', ')}`);
    }
  }

  text(v: unknown, path: Path, opts: { markdown?: boolean; required?: boolean } = {}): void {
    if (v === undefined) {
      if (opts.required !== false) this.add(path, 'required text is missing');
      return;
    }
    if (typeof v !== 'string' || v.trim() === '') {
      this.add(path, 'must be non-empty text');
      return;
    }
    if (opts.markdown) for (const p of parseMarkdown(v).problems) this.add(path, p);
  }

  id(v: unknown, path: Path, seen: Set<string>, what: string): void {
    if (typeof v !== 'string' || !ID.test(v)) {
      this.add(
        path,
        `${what} id must be lowercase words joined by dashes, such as "scale-up", not ${JSON.stringify(v)}`,
      );
      return;
    }
    if (seen.has(v)) this.add(path, `duplicate ${what} id "${v}"`);
    seen.add(v);
  }

  ideas(v: unknown, path: Path): void {
    if (v === undefined) return;
    if (!Array.isArray(v)) {
      this.add(path, 'must be a list of curriculum idea numbers (1 to 16)');
      return;
    }
    v.forEach((n, i) => {
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 16)
        this.add([...path, i], `unknown curriculum idea ${JSON.stringify(n)}: ideas are numbered 1 to 16`);
    });
  }

  goal(v: unknown, path: Path): void {
    if (v === undefined) {
      this.add(path, 'required goal is missing');
      return;
    }
    for (const p of validateGoal(v, [...path])) this.add(p.path, p.message);
  }

  actions(v: unknown, path: Path): void {
    if (!Array.isArray(v) || v.length === 0) {
      this.add(path, 'must be a non-empty list of actions ({apply}, {kubectl}, {fault} or {wait})');
      return;
    }
    v.forEach((a, i) => this.action(a, [...path, i]));
  }

  action(a: unknown, path: Path): void {
    if (!isRecord(a)) {
      this.add(
        path,
        'an action must be one of {apply: yaml}, {kubectl: command}, {fault: {...}}, {wait: "90s"}',
      );
      return;
    }
    const keys = Object.keys(a);
    if (keys.length !== 1 || !ACTION_KEYS.includes(keys[0] ?? '')) {
      this.add(
        path,
        `an action has exactly one of: ${ACTION_KEYS.join(', ')} (found: ${keys.join(', ') || 'nothing'})`,
      );
      return;
    }
    const key = keys[0] as string;
    const value = a[key];
    const at = [...path, key];
    switch (key) {
      case 'apply':
        if (typeof value !== 'string' || value.trim() === '') {
          this.add(at, 'must be manifests as a YAML string');
          return;
        }
        try {
          parseYaml(value);
        } catch (e) {
          if (!(e instanceof ScenarioError)) throw e;
          for (const d of e.diagnostics) this.add(at, `${d.line}:${d.column}: ${d.message}`);
        }
        return;
      case 'kubectl':
        if (typeof value !== 'string' || value.trim() === '')
          this.add(at, 'must be a kubectl command without the leading "kubectl", such as "get pods"');
        else if (/^\s*kubectl\s/.test(value)) this.add(at, 'leave out the leading "kubectl"');
        return;
      case 'fault':
        for (const p of validateFault(value).problems) this.add([...at, ...p.path], p.message);
        return;
      case 'wait': {
        const d = parseDuration(value);
        if ('error' in d) this.add(at, d.error);
        else if (d.seconds <= 0) this.add(at, 'a wait must be longer than 0 seconds');
        return;
      }
    }
  }
}

function checkScenario(c: Checker, v: unknown): void {
  if (typeof v !== 'string' || v.trim() === '') {
    c.add(['scenario'], 'must be a scenario document (docs/scenario-format.md) as a YAML string');
    return;
  }
  try {
    loadScenario(v);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    for (const d of e.diagnostics) c.add(['scenario'], `${d.line}:${d.column}: ${d.message}`);
  }
}

function checkStep(c: Checker, s: unknown, path: Path, ids: Set<string>): void {
  if (!isRecord(s)) {
    c.add(path, 'a step must be a mapping');
    return;
  }
  c.fields(s, STEP_FIELDS, path, 'a step');
  c.id(s.id, [...path, 'id'], ids, 'step');
  c.text(s.title, [...path, 'title']);
  c.text(s.text, [...path, 'text'], { markdown: true });
  c.text(s.task, [...path, 'task'], { markdown: true });
  c.text(s.success, [...path, 'success'], { markdown: true, required: false });
  c.goal(s.goal, [...path, 'goal']);
  if (!Array.isArray(s.hints) || s.hints.length === 0)
    c.add([...path, 'hints'], 'must list at least one hint');
  else s.hints.forEach((h, i) => c.text(h, [...path, 'hints', i], { markdown: true }));
  c.actions(s.solution, [...path, 'solution']);
  c.ideas(s.ideas, [...path, 'ideas']);
  checkFacts(c, s, path);
  if (s.mistakes !== undefined) {
    if (!Array.isArray(s.mistakes)) c.add([...path, 'mistakes'], 'must be a list of {why, actions}');
    else
      s.mistakes.forEach((m, i) => {
        const at = [...path, 'mistakes', i];
        if (!isRecord(m)) return c.add(at, 'a mistake must be a mapping with why and actions');
        c.fields(m, MISTAKE_FIELDS, at, 'a mistake');
        c.text(m.why, [...at, 'why'], { markdown: true });
        c.actions(m.actions, [...at, 'actions']);
      });
  }
}

/** Whitespace-insensitive text of a step that facts quote from. */
const squash = (t: unknown) => (typeof t === 'string' ? t.replace(/\s+/g, ' ') : '');

function seconds(v: unknown): number | undefined {
  const d = parseDuration(v);
  return 'seconds' in d ? d.seconds : undefined;
}

/** A step's facts: each quotes the step's own words and names a goal and a window in which it holds. */
function checkFacts(c: Checker, s: Record<string, unknown>, path: Path): void {
  if (s.facts === undefined) return;
  if (!Array.isArray(s.facts)) {
    c.add([...path, 'facts'], 'must be a list of {says, check}');
    return;
  }
  const words = [s.text, s.task, s.success, ...(Array.isArray(s.hints) ? s.hints : [])].map(squash);
  s.facts.forEach((f, i) => {
    const at = [...path, 'facts', i];
    if (!isRecord(f)) return c.add(at, 'a fact must be a mapping with says and check');
    c.fields(f, FACT_FIELDS, at, 'a fact');
    c.text(f.says, [...at, 'says']);
    if (typeof f.says === 'string' && !words.some((w) => w.includes(squash(f.says))))
      c.add([...at, 'says'], `the step's text, task, success and hints do not say ${JSON.stringify(f.says)}`);
    c.goal(f.check, [...at, 'check']);
    if (f.when !== undefined && !FACT_WHEN.includes(f.when as string))
      c.add(
        [...at, 'when'],
        `unsupported value ${JSON.stringify(f.when)}; supported: ${FACT_WHEN.join(', ')}`,
      );
    for (const k of ['from', 'until'] as const) {
      if (f[k] === undefined) continue;
      const d = parseDuration(f[k]);
      if ('error' in d) c.add([...at, k], d.error);
    }
    const from = seconds(f.from ?? 0);
    const until = f.until === undefined ? undefined : seconds(f.until);
    if (from !== undefined && until !== undefined && until < from)
      c.add([...at, 'until'], 'the window must not end before it starts');
  });
}

function checkQuestion(c: Checker, q: unknown, path: Path, ids: Set<string>): void {
  if (!isRecord(q)) {
    c.add(path, 'a question must be a mapping');
    return;
  }
  c.fields(q, QUESTION_FIELDS, path, 'a question');
  c.id(q.id, [...path, 'id'], ids, 'question');
  const type = q.type;
  if (typeof type !== 'string' || !(QUESTION_TYPES as readonly string[]).includes(type)) {
    c.add(
      [...path, 'type'],
      `unknown question type ${JSON.stringify(type)}; supported: ${QUESTION_TYPES.join(', ')}`,
    );
  }
  c.text(q.prompt, [...path, 'prompt'], { markdown: true });
  c.ideas(q.ideas, [...path, 'ideas']);
  if (!Array.isArray(q.choices) || q.choices.length < 2) {
    c.add([...path, 'choices'], 'a question needs at least two choices');
  } else {
    const choiceIds = new Set<string>();
    let correct = 0;
    q.choices.forEach((ch, i) => {
      const at = [...path, 'choices', i];
      if (!isRecord(ch)) {
        c.add(at, 'a choice must be a mapping with id, text, correct and explanation');
        return;
      }
      c.fields(ch, CHOICE_FIELDS, at, 'a choice');
      c.id(ch.id, [...at, 'id'], choiceIds, 'choice');
      c.text(ch.text, [...at, 'text'], { markdown: true });
      if (typeof ch.correct !== 'boolean') c.add([...at, 'correct'], 'must be true or false');
      else if (ch.correct) correct++;
      if (ch.explanation === undefined)
        c.add([...at, 'explanation'], 'every choice needs an explanation of why it is right or wrong');
      else c.text(ch.explanation, [...at, 'explanation'], { markdown: true });
    });
    const t = type as QuestionType;
    if ((t === 'single' || t === 'predict') && correct !== 1)
      c.add([...path, 'choices'], `a ${t} question needs exactly one correct choice, not ${correct}`);
    if (t === 'multiple' && (correct < 1 || correct === q.choices.length))
      c.add([...path, 'choices'], 'a multiple question needs at least one correct and one wrong choice');
  }
  if (type === 'predict') {
    const at = [...path, 'tryIt'];
    const t = q.tryIt;
    if (!isRecord(t)) {
      c.add(at, 'a predict question needs tryIt: {text, actions, expect}: the experiment the learner runs');
      return;
    }
    c.fields(t, TRY_FIELDS, at, 'tryIt');
    c.text(t.text, [...at, 'text'], { markdown: true });
    c.actions(t.actions, [...at, 'actions']);
    if (t.from !== undefined && t.from !== 'start' && t.from !== 'end')
      c.add([...at, 'from'], `unsupported value ${JSON.stringify(t.from)}; supported: "start", "end"`);
    c.goal(t.expect, [...at, 'expect']);
  } else if (q.tryIt !== undefined) {
    c.add([...path, 'tryIt'], 'only predict questions have tryIt');
  }
}

/** Check lesson data of unknown shape. With no problems, `lesson` is the same value, typed. */
export function validateLesson(value: unknown): { lesson?: Lesson; problems: LessonProblem[] } {
  const c = new Checker();
  if (!isRecord(value)) return { problems: [{ path: [], message: 'a lesson must be a mapping' }] };
  c.fields(value, LESSON_FIELDS, [], 'a lesson');
  c.id(value.id, ['id'], new Set(), 'lesson');
  c.text(value.title, ['title']);
  c.text(value.summary, ['summary'], { markdown: true });
  checkScenario(c, value.scenario);
  if (value.ideas === undefined) c.add(['ideas'], 'list the curriculum ideas (1 to 16) the lesson covers');
  else c.ideas(value.ideas, ['ideas']);
  if (!Array.isArray(value.steps) || value.steps.length === 0)
    c.add(['steps'], 'a lesson needs at least one step');
  else {
    const ids = new Set<string>();
    value.steps.forEach((s, i) => checkStep(c, s, ['steps', i], ids));
  }
  if (!Array.isArray(value.quiz) || value.quiz.length < MIN_QUESTIONS) {
    c.add(['quiz'], `the knowledge check needs at least ${MIN_QUESTIONS} questions`);
  }
  if (Array.isArray(value.quiz)) {
    const ids = new Set<string>();
    value.quiz.forEach((q, i) => checkQuestion(c, q, ['quiz', i], ids));
  }
  return c.problems.length ? { problems: c.problems } : { lesson: value as unknown as Lesson, problems: [] };
}

/** Validated lesson data, or a LessonError listing every problem. */
export function parseLesson(value: unknown): Lesson {
  const r = validateLesson(value);
  if (!r.lesson) throw new LessonError(r.problems);
  return r.lesson;
}

/** A lesson file an author wrote, as JSON or YAML text. Throws LessonError. */
export function parseLessonText(text: string): Lesson {
  let value: unknown;
  try {
    value = parseYamlText(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new LessonError([{ path: [], message: `not valid YAML or JSON: ${(e as Error).message}` }]);
  }
  return parseLesson(value);
}

/**
 * Rules across a course: unique lesson ids, and every question type present. (Each lesson must also pass
 * validateLesson.)
 */
export function validateCourse(lessons: readonly Lesson[]): LessonProblem[] {
  const problems: LessonProblem[] = [];
  const ids = new Set<string>();
  lessons.forEach((l, i) => {
    if (ids.has(l.id)) problems.push({ path: [i, 'id'], message: `duplicate lesson id "${l.id}"` });
    ids.add(l.id);
  });
  const types = new Set(lessons.flatMap((l) => l.quiz.map((q) => q.type)));
  for (const t of QUESTION_TYPES)
    if (!types.has(t)) problems.push({ path: [], message: `the course has no ${t} question` });
  return problems;
}
