/**
 * The built-in course, in the order a course page meets the ideas. Each lesson is plain data (see
 * types.ts and docs/lesson-format.md); lessons.test.ts replays every step's solution.
 */
import thermostat from './01-thermostat';
import selfHealing from './02-self-healing';
import crashLoop from './03-crash-loop';
import whyPending from './04-pending';
import placement from './05-placement';
import nodeFailure from './06-node-failure';
import scaling from './07-scaling';
import rollingUpdate from './08-rolling-update';
import probes from './09-probes';
import services from './10-services';
import configuration from './11-configuration';
import statefulset from './12-statefulset';
import controlPlane from './13-control-plane';
import type { Lesson } from './types';

export const LESSONS: readonly Lesson[] = [
  thermostat,
  selfHealing,
  crashLoop,
  whyPending,
  placement,
  nodeFailure,
  scaling,
  rollingUpdate,
  probes,
  services,
  configuration,
  statefulset,
  controlPlane,
];

/** A built-in lesson by id (as used in URLs), or undefined. */
export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

export type * from './types';
export type { GoalSpec, GoalKind, GoalMemory, GoalResult, GoalContext } from './goals';
export { GOAL_KINDS, GoalTracker, compileGoal, validateGoal } from './goals';
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
