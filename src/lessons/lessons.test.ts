/**
 * The course proves itself, learnGitBranching-style: every lesson validates, no step's goal holds when the
 * step begins, replaying the step's own solution reaches it, every predict question's experiment shows
 * its correct answer, and every quiz grades exactly its declared answers. Bad lesson data is refused with
 * messages that say where.
 */
import { describe, expect, it } from 'vitest';
import { COURSE, loadCourse } from './index';
import { correctChoices, gradeQuestion } from './quiz';
import { LessonRun, replayLesson, tryMistake } from './run';
import type { GoalSpec, Lesson, LessonAction, QuizQuestion } from './types';
import { QUESTION_TYPES } from './types';
import { formatProblems, LessonError, parseLessonText, validateCourse, validateLesson } from './validate';

/** The lesson sources (tests aside), to check they stay deterministic. */
const SOURCES = import.meta.glob(['./**/*.ts', '!./**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** The course's lesson bodies, loaded as the app loads them (one chunk each). */
const LESSONS = await loadCourse();
const lessonById = (id: string) => LESSONS.find((l) => l.id === id);

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function isWait(a: LessonAction): boolean {
  return 'wait' in a;
}

describe('the course', () => {
  it('has at least 12 lessons with unique ids, every question type, and passes course rules', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(12);
    expect(validateCourse(LESSONS)).toEqual([]);
    const types = new Set(LESSONS.flatMap((l) => l.quiz.map((q) => q.type)));
    for (const t of QUESTION_TYPES) expect(types.has(t), `no ${t} question in the course`).toBe(true);
    expect(lessonById('thermostat')?.title).toBeTruthy();
  });

  it("lists every lesson file once, with the id and title of the lesson's own data", () => {
    const files = Object.keys(SOURCES).filter((f) => /^\.\/\d\d-[a-z-]+\.ts$/.test(f));
    expect(COURSE.length).toBe(files.length);
    expect(COURSE.map((e) => ({ id: e.id, title: e.title }))).toEqual(
      LESSONS.map((l) => ({ id: l.id, title: l.title })),
    );
  });

  it('covers every curriculum idea with a step that shows it and a question that checks it', () => {
    for (let idea = 1; idea <= 16; idea++) {
      const steps = LESSONS.flatMap((l) =>
        l.steps.filter((s) => s.ideas?.includes(idea as never)).map((s) => `${l.id}/${s.id}`),
      );
      const questions = LESSONS.flatMap((l) =>
        l.quiz.filter((q) => q.ideas?.includes(idea as never)).map((q) => `${l.id}/${q.id}`),
      );
      expect(steps.length, `idea ${idea} has no step`).toBeGreaterThan(0);
      expect(questions.length, `idea ${idea} has no quiz question`).toBeGreaterThan(0);
    }
  });

  it('states facts about the cluster and has a wrong solution for every step (the built-in course)', () => {
    for (const l of LESSONS)
      for (const s of l.steps) {
        expect(s.facts?.length ?? 0, `${l.id}/${s.id} states no fact`).toBeGreaterThan(0);
        expect(s.mistakes?.length ?? 0, `${l.id}/${s.id} has no mistake`).toBeGreaterThan(0);
      }
  });

  it('keeps lesson and goal code deterministic (no wall clock, no Math.random)', () => {
    const files = Object.entries(SOURCES);
    expect(files.length).toBeGreaterThan(12);
    for (const [f, text] of files) {
      expect(text, f).not.toMatch(/Date\.now|Math\.random|performance\.now|new Date\(\)/);
    }
  });
});

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson: Lesson) => {
  it('validates', () => {
    const r = validateLesson(lesson);
    expect(formatProblems(r.problems)).toBe('');
    expect(r.lesson).toBe(lesson);
  });

  it('has a knowledge check of at least 3 questions with an explanation for every choice', () => {
    expect(lesson.quiz.length).toBeGreaterThanOrEqual(3);
    for (const q of lesson.quiz) {
      for (const c of q.choices) expect(c.explanation.trim().length, `${q.id}/${c.id}`).toBeGreaterThan(20);
      const correct = correctChoices(q);
      if (q.type === 'multiple') {
        expect(correct.length).toBeGreaterThanOrEqual(1);
        expect(correct.length).toBeLessThan(q.choices.length);
      } else expect(correct.length, q.id).toBe(1);
    }
  });

  it('grades exactly its declared correct answers', () => {
    for (const q of lesson.quiz) expectGradesExactly(q);
  });

  // One replay per lesson serves the replay, facts and mistakes tests.
  let replayed: ReturnType<typeof replayLesson> | undefined;
  const replay = () => (replayed ??= replayLesson(lesson));

  it('replays: no goal is met when its step starts, and each solution meets it', { timeout: 60_000 }, () => {
    const { steps } = replay();
    expect(steps.map((s) => s.step)).toEqual(lesson.steps.map((s) => s.id));
    for (const s of steps) {
      expect(s.metAtStart, `${s.step}: goal already met when the step starts`).toBe(false);
      for (const o of s.outcomes) {
        if (isWait(o.action)) continue;
        expect({ step: s.step, ok: o.ok, message: o.message }).toMatchObject({ ok: true });
      }
      expect(s.met, `${s.step}: the solution does not meet the goal`).toBe(true);
    }
  });

  it(
    'says only what the cluster shows: every fact of every step holds in the replay',
    { timeout: 60_000 },
    () => {
      for (const s of replay().steps)
        for (const f of s.facts) expect({ step: s.step, ...f }).toMatchObject({ held: true });
    },
  );

  it("checks the idea: no plausible mistake meets a step's goal", { timeout: 120_000 }, () => {
    const { steps } = replay();
    lesson.steps.forEach((step, i) => {
      const start = steps[i]?.start;
      if (!start) throw new Error(`step ${step.id} did not replay`);
      for (const m of step.mistakes ?? []) {
        const r = tryMistake(lesson, i, m, start);
        for (const o of r.outcomes)
          if (!isWait(o.action))
            expect({ step: step.id, mistake: m.why, ok: o.ok, message: o.message }).toMatchObject({
              ok: true,
            });
        expect(r.met, `${step.id}: the mistake "${m.why}" meets the goal`).toBe(false);
      }
    });
  });

  it("runs every predict question's experiment and shows its correct answer", { timeout: 60_000 }, () => {
    const predicts = lesson.quiz.filter((q) => q.type === 'predict');
    if (predicts.length === 0) return;
    let end: LessonRun | undefined;
    for (const q of predicts) {
      let run: LessonRun;
      if (q.tryIt.from === 'start') run = new LessonRun(lesson);
      else run = end ??= replayLesson(lesson).run;
      run.beginGoal(q.tryIt.expect);
      for (const a of q.tryIt.actions) {
        const o = run.perform(a);
        if (!isWait(a)) expect({ q: q.id, ok: o.ok, message: o.message }).toMatchObject({ ok: true });
      }
      expect(run.check().met, `${q.id}: the experiment does not show the correct answer`).toBe(true);
    }
  });
});

function expectGradesExactly(q: QuizQuestion): void {
  const correct = correctChoices(q);
  expect(gradeQuestion(q, correct).correct, `${q.id}: the declared answer is not graded correct`).toBe(true);
  // Every other selection is wrong: each choice flipped, nothing, everything, and an unknown id.
  for (const c of q.choices) {
    const flipped = correct.includes(c.id) ? correct.filter((x) => x !== c.id) : [...correct, c.id];
    expect(gradeQuestion(q, flipped).correct, `${q.id}: flipping ${c.id} still graded correct`).toBe(false);
  }
  expect(gradeQuestion(q, []).correct).toBe(false);
  expect(
    gradeQuestion(
      q,
      q.choices.map((c) => c.id),
    ).correct,
  ).toBe(false);
  expect(gradeQuestion(q, [...correct, 'no-such-choice']).correct).toBe(false);
  const g = gradeQuestion(q, correct);
  expect(g.choices.map((c) => c.explanation)).toEqual(q.choices.map((c) => c.explanation));
}

describe('replays are deterministic', () => {
  it('gives the same times and the same cluster on a second replay', { timeout: 60_000 }, () => {
    const lesson = lessonById('self-healing') as Lesson;
    const a = replayLesson(lesson);
    const b = replayLesson(lesson);
    expect(b.steps.map((s) => s.metAt)).toEqual(a.steps.map((s) => s.metAt));
    const names = (r: typeof a) =>
      r.run.sim.store
        .list('Pod')
        .map((p) => p.metadata?.name)
        .sort();
    expect(names(b)).toEqual(names(a));
  });
});

describe('a test of the tests: a broken lesson fails the replay rules', () => {
  it('notices a goal that is already met at the start of its step', () => {
    const lesson = clone(lessonById('thermostat') as Lesson) as { steps: { goal: unknown }[] } & Lesson;
    lesson.steps[1]!.goal = { kind: 'podsReady', selector: 'app=web', count: 3 };
    expect(replayLesson(lesson).steps[1]?.metAtStart).toBe(true);
  });

  it('notices a solution that does not reach the goal', () => {
    const lesson = clone(lessonById('thermostat') as Lesson) as { steps: { solution: unknown }[] } & Lesson;
    lesson.steps[1]!.solution = [{ wait: '10s' }];
    expect(replayLesson(lesson).steps[1]?.met).toBe(false);
  });

  it('notices a fact the cluster contradicts, in each kind of window', () => {
    const lesson = clone(lessonById('thermostat') as Lesson) as { steps: { facts: unknown }[] } & Lesson;
    const three: GoalSpec = { kind: 'podsReady', selector: 'app=web', count: 3 };
    const five: GoalSpec = { kind: 'podsReady', selector: 'app=web', count: 5 };
    lesson.steps[1]!.facts = [
      { says: 'five', check: three, when: 'end' },
      { says: 'five', check: five, when: 'always' },
      {
        says: 'five',
        check: { kind: 'podsReady', selector: 'app=web', count: 4 },
        when: 'sometime',
        from: '3s',
      },
      { says: 'five', check: five, when: 'never' },
      { says: 'five', check: five, until: '1h' },
      { says: 'five', check: five },
      { says: 'five', check: three, when: 'never', from: '5s' },
    ];
    expect(replayLesson(lesson).steps[1]?.facts.map((f) => f.held)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  it("notices a mistake that meets the goal, and tries mistakes from the step's own start", () => {
    const lesson = lessonById('thermostat') as Lesson;
    const { steps } = replayLesson(lesson);
    const step = 1;
    const start = steps[step]!.start;
    expect(
      tryMistake(lesson, step, { why: 'the solution itself', actions: lesson.steps[step]!.solution }, start)
        .met,
    ).toBe(true);
    expect(tryMistake(lesson, step, { why: 'waiting', actions: [{ wait: '30s' }] }, start).met).toBe(false);
  });
});

describe('bad lesson data is refused with located messages', () => {
  const base = () =>
    clone(lessonById('thermostat') as Lesson) as unknown as Record<string, unknown> & {
      steps: Record<string, unknown>[];
      quiz: Record<string, unknown>[];
    };
  const problems = (v: unknown) => formatProblems(validateLesson(v).problems);

  it('an unknown goal kind, with the supported list', () => {
    const l = base();
    l.steps[2]!.goal = { kind: 'podz-ready', selector: 'app=web', count: 5 };
    const text = problems(l);
    expect(text).toMatch(/^steps\[2\]\.goal\.kind: unknown goal "podz-ready"; supported: all, any, /);
    expect(text).toContain('podsReady');
  });

  it('a bad field deep inside a nested goal', () => {
    const l = base();
    l.steps[0]!.goal = { kind: 'all', goals: [{ kind: 'podsReady', selector: 'app=web', count: -1 }] };
    expect(problems(l)).toBe('steps[0].goal.goals[0].count: must be a whole number >= 0, not -1');
  });

  it('a choice without an explanation', () => {
    const l = base();
    const choices = l.quiz[1]!.choices as Record<string, unknown>[];
    delete choices[2]!.explanation;
    expect(problems(l)).toBe(
      'quiz[1].choices[2].explanation: every choice needs an explanation of why it is right or wrong',
    );
  });

  it('a scenario that is not valid YAML, with its line and column', () => {
    const l = base();
    l.scenario = 'apiVersion: setpoint.dev/v1alpha1\nkind: Scenario\nspec: {nodes: [}\n';
    expect(problems(l)).toMatch(/^scenario: 3:\d+: YAML syntax error/);
  });

  it('a scenario the scenario checker refuses', () => {
    const l = base();
    l.scenario = 'apiVersion: setpoint.dev/v1alpha1\nkind: Scenario\nspec:\n  nodez: []\n';
    expect(problems(l)).toBe(
      'scenario: 4:3: unknown field "nodez" in Scenario spec (supported fields: autoscaler, images, nodes, seed, timeline, traffic)',
    );
  });

  it('quiz shape rules: too few questions, wrong number of correct choices, a predict without its experiment', () => {
    const l = base();
    l.quiz = l.quiz.slice(0, 2);
    (l.quiz[0]!.choices as Record<string, unknown>[])[1]!.correct = true;
    const text = problems(l);
    expect(text).toContain('quiz: the knowledge check needs at least 3 questions');
    expect(text).toContain('quiz[0].choices: a single question needs exactly one correct choice, not 2');
    const p = base();
    delete p.quiz[2]!.tryIt;
    expect(problems(p)).toBe(
      'quiz[2].tryIt: a predict question needs tryIt: {text, actions, expect}: the experiment the learner runs',
    );
  });

  it('bad actions: unknown action, bad fault, bad wait, leading kubectl, broken apply YAML', () => {
    const l = base();
    l.steps[0]!.solution = [
      { run: 'x' },
      { fault: { type: 'NodeExplode', node: 'node-1' } },
      { wait: 'soon' },
      { kubectl: 'kubectl get pods' },
      { apply: 'a: [' },
    ];
    const text = problems(l).split('\n');
    expect(text[0]).toBe(
      'steps[0].solution[0]: an action has exactly one of: apply, fault, kubectl, wait (found: run)',
    );
    expect(text[1]).toMatch(/^steps\[0\]\.solution\[1\]\.fault\.type: unsupported fault type "NodeExplode"/);
    expect(text[2]).toMatch(/^steps\[0\]\.solution\[2\]\.wait: invalid duration "soon"/);
    expect(text[3]).toBe('steps[0].solution[3].kubectl: leave out the leading "kubectl"');
    expect(text[4]).toMatch(/^steps\[0\]\.solution\[4\]\.apply: 1:\d+: YAML syntax error/);
  });

  it('facts that quote words the step does not say, or name a bad window; mistakes without actions', () => {
    const l = base();
    l.steps[0]!.facts = [
      { says: 'nothing fails here', check: { kind: 'podsReady', selector: 'app=web', count: 3 } },
      { says: 'Three pods', check: { kind: 'podz' }, when: 'often', from: '10s', until: '5s' },
    ];
    l.steps[0]!.mistakes = [{ why: 'skip it', actions: [] }];
    expect(problems(l).split('\n')).toEqual([
      'steps[0].facts[0].says: the step\'s text, task, success and hints do not say "nothing fails here"',
      expect.stringMatching(/^steps\[0\]\.facts\[1\]\.check\.kind: unknown goal "podz"/),
      'steps[0].facts[1].when: unsupported value "often"; supported: end, always, sometime, never',
      'steps[0].facts[1].until: the window must not end before it starts',
      'steps[0].mistakes[0].actions: must be a non-empty list of actions ({apply}, {kubectl}, {fault} or {wait})',
    ]);
  });

  it('unknown fields, duplicate ids, unsafe Markdown and unknown ideas', () => {
    const l = base();
    l.colour = 'blue';
    l.steps[1]!.id = l.steps[0]!.id;
    l.steps[0]!.text = 'Click <script>alert(1)</script> [here](javascript:alert)';
    l.ideas = [1, 17];
    const text = problems(l);
    expect(text).toContain('colour: unknown field "colour" in a lesson; supported: id, title, summary');
    expect(text).toContain('steps[1].id: duplicate step id "declare-three"');
    expect(text).toContain('steps[0].text: raw HTML is not allowed');
    expect(text).toContain('steps[0].text: link target "javascript:alert" is not allowed');
    expect(text).toContain('ideas[1]: unknown curriculum idea 17: ideas are numbered 1 to 16');
  });

  it("parses an author's lesson file (YAML or JSON) or throws a LessonError listing every problem", () => {
    const lesson = lessonById('thermostat') as Lesson;
    expect(parseLessonText(JSON.stringify(lesson))).toEqual(lesson);
    expect(() => parseLessonText('id: x\n')).toThrow(LessonError);
    try {
      parseLessonText('id: Not An Id\n');
    } catch (e) {
      expect((e as LessonError).message).toContain('id: lesson id must be lowercase words joined by dashes');
      expect((e as LessonError).message).toContain('steps: a lesson needs at least one step');
    }
    expect(() => parseLessonText('a: [')).toThrow(/not valid YAML or JSON/);
  });
});

const DOCS = import.meta.glob('../../docs/lesson-format.md', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

describe('docs/lesson-format.md', () => {
  it('its complete example is a valid lesson that replays', () => {
    const doc = DOCS['../../docs/lesson-format.md'] ?? '';
    const section = doc.slice(doc.indexOf('## A complete small example'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const lesson = parseLessonText(yaml);
    expect(lesson.id).toBe('scale-the-shop');
    for (const s of replayLesson(lesson).steps) expect(s).toMatchObject({ metAtStart: false, met: true });
    for (const q of lesson.quiz) expectGradesExactly(q);
    const predict = lesson.quiz.find((q) => q.type === 'predict');
    if (predict?.type !== 'predict') throw new Error('the example has no predict question');
    const { run } = replayLesson(lesson);
    run.beginGoal(predict.tryIt.expect);
    for (const a of predict.tryIt.actions) run.perform(a);
    expect(run.check().met).toBe(true);
  });
});
