/** The lessons module's public surface: the course (catalog.ts) plus goals, validation and replay. */
export type { CourseEntry } from './catalog';
export { COURSE, courseEntry, loadCourse, loadedLesson, loadLesson, loadLessons } from './catalog';
export type * from './types';
export type { GoalSpec, GoalKind, GoalMemory, GoalResult, GoalContext } from '../engine';
export { GOAL_KINDS, GoalTracker, compileGoal, validateGoal } from '../engine';
export {
  LessonError,
  formatProblems,
  parseLesson,
  parseLessonText,
  validateCourse,
  validateLesson,
} from './validate';
export { LessonRun, replayLesson } from './run';
export { parseMarkdown } from './markdown';
export { correctChoices, gradeQuestion } from './quiz';
