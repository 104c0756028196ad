import { describe, expect, it } from 'vitest';
import { loadCourse } from '../lessons/catalog';
import type { Lesson } from '../lessons/types';
import type { Progress } from '../lessons/ui/progress';
import { S } from '../strings';
import type { SharedLesson, SharedState } from './codec';
import {
  authorLessonMismatch,
  routeOfSharedLesson,
  sharedLessonAddress,
  sharedLessonOf,
  withSharedPlace,
} from './lesson';

const COURSE = await loadCourse();
const lessonById = (id: string) => COURSE.find((l) => l.id === id);

const thermostat = lessonById('thermostat') as Lesson;
const source = { kind: 'file', name: 'thermostat.lesson', text: thermostat.scenario } as const;
const progress: Progress = {
  lessons: {
    thermostat: {
      step: 1,
      completed: ['declare-three'],
      stepStart: { t: 21, inputs: 1 },
      hints: { 'move-the-setpoint': 1 },
      answers: {},
    },
  },
};

describe('share links made in a lesson', () => {
  it('carry the lesson, the step the learner is on and when its goal began', () => {
    const open = { key: 'thermostat', lesson: thermostat, author: false };
    expect(sharedLessonOf({ mode: 'lesson', lessonId: 'thermostat' }, open, progress)).toEqual({
      kind: 'builtin',
      id: 'thermostat',
      step: 2,
      stepStart: { t: 21, inputs: 1 },
    });
    const author = { key: 'author:thermostat', lesson: thermostat, author: true };
    expect(sharedLessonOf({ mode: 'lessonUrl', url: '/l/t.yaml' }, author, progress)).toEqual({
      kind: 'url',
      url: '/l/t.yaml',
      id: 'thermostat',
      step: 1,
    });
    // A file from the learner's computer cannot travel in a link: only its id, to explain its absence.
    expect(sharedLessonOf({ mode: 'ownLesson' }, author, progress)).toEqual({
      kind: 'file',
      id: 'thermostat',
    });
    expect(sharedLessonOf({ mode: 'sandbox' }, null, progress)).toBeUndefined();
  });

  it('reopen in the same lesson at the same step, or say why the sandbox opens instead', () => {
    const builtin: SharedLesson = { kind: 'builtin', id: 'thermostat', step: 2 };
    expect(routeOfSharedLesson(builtin, source, lessonById)).toEqual({
      route: { mode: 'lesson', lessonId: 'thermostat', step: 2 },
    });
    expect(sharedLessonAddress({ mode: 'lesson', lessonId: 'thermostat', step: 2 })).toBe(
      '?lesson=thermostat&step=2',
    );
    expect(routeOfSharedLesson({ ...builtin, id: 'no-such-lesson' }, source, lessonById)).toEqual({
      route: { mode: 'sandbox' },
      problem: S.shareLessonUnknown('no-such-lesson'),
    });
    expect(
      routeOfSharedLesson(builtin, { ...source, text: `${source.text}# edited\n` }, lessonById).problem,
    ).toBe(S.shareLessonChanged(thermostat.title));
    expect(routeOfSharedLesson({ kind: 'file', id: 'mine' }, source, lessonById)).toEqual({
      route: { mode: 'sandbox' },
      problem: S.shareLessonFromFile('mine'),
    });
    const url: SharedLesson = { kind: 'url', url: '/l/t.yaml', id: 'thermostat', step: 3 };
    const r = routeOfSharedLesson(url, source, lessonById).route;
    expect(r).toEqual({ mode: 'lessonUrl', url: '/l/t.yaml', step: 3 });
    expect(sharedLessonAddress(r)).toBe('?lessonUrl=%2Fl%2Ft.yaml&step=3');
    // An author's lesson fetched again must still be the one the link was made in.
    const shared: SharedState = { source, inputs: [], t: 0, lesson: url };
    expect(authorLessonMismatch(shared, thermostat)).toBeUndefined();
    expect(authorLessonMismatch(shared, { ...thermostat, id: 'other' })).toBe(
      S.shareLessonChanged(thermostat.title),
    );
  });

  it("place the viewer's progress at the link's step, keeping the viewer's own hints and answers", () => {
    const viewer: Progress = {
      lessons: {
        thermostat: {
          step: 0,
          completed: [],
          hints: { 'declare-three': 1 },
          answers: {},
          stepStart: { t: 3, inputs: 0 },
        },
      },
    };
    const link: SharedLesson = {
      kind: 'builtin',
      id: 'thermostat',
      step: 3,
      stepStart: { t: 44, inputs: 2 },
    };
    expect(withSharedPlace(viewer, 'thermostat', thermostat, link).lessons.thermostat).toEqual({
      step: 2,
      completed: ['declare-three', 'move-the-setpoint'],
      stepStart: { t: 44, inputs: 2 },
      hints: { 'declare-three': 1 },
      answers: {},
    });
    // Without a step start in the link, the viewer's own (from another cluster) is dropped.
    const noStart = withSharedPlace(viewer, 'thermostat', thermostat, {
      kind: 'builtin',
      id: 'thermostat',
      step: 3,
    });
    expect(noStart.lessons.thermostat?.stepStart).toBeUndefined();
    // A step beyond the lesson is the knowledge check, never more.
    expect(
      withSharedPlace(viewer, 'thermostat', thermostat, { ...link, step: 99 }).lessons.thermostat?.step,
    ).toBe(3);
  });
});
