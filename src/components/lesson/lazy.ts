/**
 * The lesson player (panel and quiz) and the lesson map are chunks of their own: the sandbox never needs
 * them. The lesson router (lessonSources.ts) preloads them while it loads the lesson data they draw, so
 * they are here, and render directly, by the time the lesson or map appears.
 */
import type { Lesson } from '../../lessons/types';
import { lazyPanel } from '../layout/lazyPanel';

const panel = lazyPanel(() => import('./LessonPanel').then((m) => m.LessonPanel));
const quiz = lazyPanel(() => import('./Quiz').then((m) => m.Quiz));
const map = lazyPanel<{ course: readonly Lesson[] }>(() => import('./LessonMap').then((m) => m.LessonMap));

export const LessonPanel = panel.Panel;
export const Quiz = quiz.Panel;
export const LessonMap = map.Panel;

export function preloadLessonPlayer(): Promise<unknown> {
  return Promise.all([panel.preload(), quiz.preload()]);
}

export function preloadLessonMap(): Promise<void> {
  return map.preload();
}
