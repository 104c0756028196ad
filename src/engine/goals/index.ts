/** Goals: their data shape and validation (schema.ts) and their evaluation against the cluster (evaluate.ts). */
export type { GoalKind, GoalProblem, GoalSpec } from './schema';
export { GOAL_KINDS, validateGoal } from './schema';
export type { Goal, GoalContext, GoalMemory, GoalResult } from './evaluate';
export { compileGoal, GoalTracker } from './evaluate';
