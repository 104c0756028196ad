/**
 * Share links made inside a lesson. Making one: which lesson and step go into the link. Opening one: the
 * same lesson at the same step, with the step's goal started where the sharer's began, over the replayed
 * cluster; or, when that lesson cannot be had here (unknown, changed since, or a file on the sharer's
 * computer), the same cluster in the sandbox and a notice saying why. Never an exception.
 */
import type { Lesson } from '../lessons/types';
import type { Progress } from '../lessons/ui/progress';
import { lessonProgress, updateLesson } from '../lessons/ui/progress';
import type { Route } from '../lessons/ui/route';
import { href } from '../lessons/ui/route';
import type { OpenLesson } from '../state/lesson';
import { S } from '../strings';
import type { ScenarioSource } from '../worker/protocol';
import type { SharedLesson, SharedState } from './codec';

/** The lesson to put in a link made now (none in the sandbox). */
export function sharedLessonOf(
  route: Route,
  open: OpenLesson | null,
  progress: Progress,
): SharedLesson | undefined {
  if (!open) return undefined;
  // An author's file from the learner's computer: only its id, so the viewer can be told why it is missing.
  if (route.mode === 'ownLesson') return { kind: 'file', id: open.lesson.id };
  const p = lessonProgress(progress, open.key);
  const place = { id: open.lesson.id, step: p.step + 1, ...(p.stepStart ? { stepStart: p.stepStart } : {}) };
  if (route.mode === 'lesson') return { kind: 'builtin', ...place };
  if (route.mode === 'lessonUrl') return { kind: 'url', url: route.url, ...place };
  return undefined;
}

/** The link's cluster is this lesson's: anything else would run the lesson's goals on a foreign cluster. */
function sameScenario(lesson: Lesson, source: ScenarioSource): boolean {
  return source.kind === 'file' && source.text === lesson.scenario;
}

export interface SharedLessonRoute {
  readonly route: Route;
  /** Why the link opens in the sandbox instead of its lesson. */
  readonly problem?: string;
}

/** Where a link made in a lesson opens (an author's lesson by URL is checked again once fetched). */
export function routeOfSharedLesson(
  lesson: SharedLesson,
  source: ScenarioSource,
  lessonFor: (id: string) => Lesson | undefined,
): SharedLessonRoute {
  const sandbox: Route = { mode: 'sandbox' };
  switch (lesson.kind) {
    case 'file':
      return { route: sandbox, problem: S.shareLessonFromFile(lesson.id) };
    case 'url':
      return { route: { mode: 'lessonUrl', url: lesson.url, step: lesson.step } };
    case 'builtin': {
      const found = lessonFor(lesson.id);
      if (!found) return { route: sandbox, problem: S.shareLessonUnknown(lesson.id) };
      if (!sameScenario(found, source)) return { route: sandbox, problem: S.shareLessonChanged(found.title) };
      return { route: { mode: 'lesson', lessonId: lesson.id, step: lesson.step } };
    }
  }
}

/** Why an author's lesson fetched for a link is not the one the link was made in (undefined: it is). */
export function authorLessonMismatch(shared: SharedState, lesson: Lesson): string | undefined {
  if (shared.lesson?.kind !== 'url') return undefined;
  return shared.lesson.id === lesson.id && sameScenario(lesson, shared.source)
    ? undefined
    : S.shareLessonChanged(lesson.title);
}

/**
 * The viewer's progress with the lesson placed where the link was made: at its step, with the steps before
 * it completed (the replayed cluster went through them) and the step's goal starting where the sharer's
 * did. The viewer's own hints, answers and any further completed steps are kept.
 */
export function withSharedPlace(
  progress: Progress,
  key: string,
  lesson: Lesson,
  shared: SharedLesson,
): Progress {
  if (shared.kind === 'file') return progress;
  const step = Math.min(shared.step - 1, lesson.steps.length);
  return updateLesson(progress, key, (own) => ({
    step,
    completed: own.completed.length >= step ? own.completed : lesson.steps.slice(0, step).map((s) => s.id),
    ...(shared.stepStart ? { stepStart: shared.stepStart } : {}),
    hints: own.hints,
    answers: own.answers,
  }));
}

/** The address bar for a lesson opened from a link, so a reload reopens the lesson. */
export function sharedLessonAddress(route: Route): string | undefined {
  if (route.mode === 'lesson') return href.lesson(route.lessonId, route.step);
  if (route.mode === 'lessonUrl')
    return `?lessonUrl=${encodeURIComponent(route.url)}${route.step && route.step > 1 ? `&step=${route.step}` : ''}`;
  return undefined;
}
