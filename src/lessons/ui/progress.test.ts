import { describe, expect, it } from 'vitest';
import { loadCourse } from '../index';
import type { Progress } from './progress';
import {
  EMPTY_LESSON,
  PROGRESS_KEY,
  answerCorrect,
  lessonProgress,
  loadProgress,
  parseProgress,
  saveProgress,
  serializeProgress,
  storedLessonIds,
  summarize,
  updateLesson,
} from './progress';
import { MemoryStorage } from '../../state/memoryStorage';

const COURSE = await loadCourse();
const lessonById = (id: string) => COURSE.find((l) => l.id === id);

const good: Progress = {
  lessons: {
    thermostat: {
      step: 2,
      completed: ['declare-three', 'move-the-setpoint'],
      stepStart: { t: 31.5, inputs: 2 },
      hints: { 'move-the-setpoint': 1 },
      answers: { 'one-loop': { selected: ['replace', 'scale', 'rollout'] } },
    },
    'author:scale-the-shop': { step: 0, completed: [], hints: {}, answers: { q1: { selected: ['goal'] } } },
  },
};

const problemsOf = (v: unknown) =>
  parseProgress(JSON.stringify(v), lessonById).problems.map((p) => `${p.path}: ${p.message}`);
const file = (lessons: unknown) => ({ format: 'setpoint-progress', version: 1, lessons });

describe('lesson progress', () => {
  it('round-trips through export and import', () => {
    const text = serializeProgress(good);
    const r = parseProgress(text, lessonById);
    expect(r.problems).toEqual([]);
    expect(r.progress).toEqual(good);
  });

  it('summarizes a lesson and grades stored answers again (no stored "correct" flag to tamper with)', () => {
    const lesson = lessonById('thermostat');
    if (!lesson) throw new Error('no thermostat');
    const lp = lessonProgress(good, 'thermostat');
    expect(answerCorrect(lesson, 'one-loop', lp.answers['one-loop'])).toBe(true);
    expect(summarize(lesson, lp)).toMatchObject({
      stepsDone: 2,
      steps: 3,
      answered: 1,
      correct: 1,
      complete: false,
    });
    const wrong = updateLesson(good, 'thermostat', (l) => ({
      ...l,
      answers: { 'one-loop': { selected: ['replace', 'build'] } },
    }));
    expect(summarize(lesson, lessonProgress(wrong, 'thermostat')).correct).toBe(0);
  });

  it('rejects tampered data with located messages', () => {
    expect(problemsOf({ version: 1, lessons: {} })).toEqual([
      'format: must be "setpoint-progress", not missing',
    ]);
    expect(
      problemsOf(file({ thermostat: { step: 3, completed: ['one-level-down'], hints: {}, answers: {} } })),
    ).toEqual([
      'lessons.thermostat.completed[0]: steps are completed in order: expected "declare-three", not "one-level-down"',
      'lessons.thermostat.step: step 4 is not unlocked yet: only 0 completed',
    ]);
    expect(
      problemsOf(
        file({
          thermostat: {
            step: 0,
            completed: [],
            hints: { 'declare-three': 9 },
            answers: {
              'one-loop': { selected: ['replace', 'teleport'], correct: true },
              'declared-not-converged': { selected: ['converging', 'failed'] },
              nope: { selected: ['a'] },
            },
          },
          'no-such-lesson': { step: 0, completed: [], hints: {}, answers: {} },
          '../etc': {},
        }),
      ),
    ).toEqual([
      'lessons.thermostat.hints.declare-three: must be a whole number from 0 to 2',
      'lessons.thermostat.answers.one-loop.correct: unknown field; expected one of: selected, tried, practice',
      'lessons.thermostat.answers.one-loop.selected[1]: question "one-loop" has no choice "teleport"',
      'lessons.thermostat.answers.declared-not-converged.selected: a single question takes one choice, not 2',
      'lessons.thermostat.answers.nope: this lesson has no question "nope"',
      'lessons.no-such-lesson: there is no lesson "no-such-lesson"',
      'lessons.../etc: not a lesson id',
    ]);
    expect(
      problemsOf(
        file({ thermostat: { step: 0, completed: [], hints: {}, answers: {}, stepStart: { t: -1 } } }),
      ),
    ).toEqual(['lessons.thermostat.stepStart: must be {t: seconds (0 to 6 hours), inputs: a whole number}']);
    expect(
      problemsOf(
        file({
          thermostat: {
            step: 0,
            completed: [],
            hints: {},
            answers: { 'one-loop': { selected: ['replace'], practice: { selected: ['nope'], attempts: 1 } } },
          },
        }),
      ),
    ).toEqual([
      'lessons.thermostat.answers.one-loop.practice.selected[0]: question "one-loop" has no choice "nope"',
      'lessons.thermostat.answers.one-loop.practice.selected: an answer selects at least one choice',
      'lessons.thermostat.answers.one-loop.practice.attempts: must be a whole number from 2 (the first attempt and this one) to 1000',
    ]);
    expect(parseProgress('{nope', lessonById).problems[0]?.message).toMatch(/^is not valid JSON/);
    expect(problemsOf([])).toEqual(['(file): must be a JSON object exported by Setpoint']);
    expect(problemsOf({ ...file({}), version: 2 })).toEqual([
      'version: this version of Setpoint reads version 1, not 2',
    ]);
  });

  it('stores progress, and sets bad stored data aside instead of using it', () => {
    const storage = new MemoryStorage();
    expect(loadProgress(storage, lessonById)).toEqual({ progress: { lessons: {} }, problems: [] });
    saveProgress(storage, good);
    expect(loadProgress(storage, lessonById).progress).toEqual(good);
    storage.setItem(PROGRESS_KEY, '{"format":"setpoint-progress","version":1,"lessons":{"thermostat":7}}');
    const r = loadProgress(storage, lessonById);
    expect(r.progress).toEqual({ lessons: {} });
    expect(r.problems).toHaveLength(1);
    expect(storage.getItem(PROGRESS_KEY)).toBeNull();
    expect(storage.getItem(`${PROGRESS_KEY}.rejected`)).toContain('"thermostat":7');
  });

  it('names the built-in lessons stored progress refers to, so their data loads before it is checked', () => {
    const storage = new MemoryStorage();
    expect(storedLessonIds(storage)).toBeNull();
    saveProgress(storage, { lessons: { ...good.lessons, 'author:mine': EMPTY_LESSON } });
    expect(storedLessonIds(storage)).toEqual(['thermostat']);
    storage.setItem(PROGRESS_KEY, '{nope');
    expect(storedLessonIds(storage)).toEqual([]);
  });
});
