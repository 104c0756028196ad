/**
 * The lesson format: a lesson is plain data (a starting scenario, steps with live goals and replayable
 * solutions, and a knowledge check), so that the same shape serves the built-in course, lessons that
 * authors write themselves and open by URL or file, and the tests that replay every solution.
 * See docs/lesson-format.md.
 */
import type { Fault } from '../engine';
import type { GoalSpec } from '../engine';

export type { GoalSpec } from '../engine';

/** Curriculum ideas, numbered as in the shared curriculum (1 Why orchestration ... 16 When not to use it). */
export type IdeaNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16;

/**
 * One thing a learner (or a test replaying a solution) does to the cluster: apply manifests (a YAML
 * string, as the editor would), run a kubectl command (without the leading `kubectl`), inject a fault,
 * or let simulated time pass ("90s", "5m", or a number of seconds).
 */
export type LessonAction =
  | { readonly apply: string }
  | { readonly kubectl: string }
  | { readonly fault: Fault }
  | { readonly wait: string | number };

/**
 * Something a step's words say about the cluster ("about a third of the requests fail"), and the goal that
 * proves it in the replay of the step's solution. Tests replay every built-in step and check every fact, so
 * the text cannot drift from what the learner sees.
 */
export interface StepFact {
  /** Words quoted exactly from the step's text, task, success or hints (tests check they are there). */
  readonly says: string;
  /** The predicate over the cluster, as for a step's goal. */
  readonly check: GoalSpec;
  /**
   * How it must hold within its window: `end` (default) at the window's last check, `always` at every
   * check, `sometime` at one check at least, `never` at none.
   */
  readonly when?: 'end' | 'always' | 'sometime' | 'never';
  /** The window starts this long after the step begins ("20s"; default 0); the check's memory starts there. */
  readonly from?: string | number;
  /** The window ends this long after the step begins (default: when the solution ends). */
  readonly until?: string | number;
}

/** A plausible wrong way to do a step; tests run it from the step's start and require the goal not to be met. */
export interface StepMistake {
  /** What the learner might do instead, and what idea it misses. */
  readonly why: string;
  readonly actions: readonly LessonAction[];
}

/** One step: a short story, what to do, a goal the cluster must reach, hints and a replayable solution. */
export interface LessonStep {
  /** Unique in the lesson; lowercase words joined by dashes. */
  readonly id: string;
  readonly title: string;
  /** Narrative (Markdown subset, see markdown.ts): what is going on and why it matters. */
  readonly text: string;
  /** What to do now (Markdown subset). */
  readonly task: string;
  /** Checked live against the simulated cluster; must not hold when the step starts. */
  readonly goal: GoalSpec;
  /** Shown once the goal is met (Markdown subset): why what just happened happened. */
  readonly success?: string;
  /** Progressively more specific help (Markdown subset); at least one. */
  readonly hints: readonly string[];
  /** What a model learner does; tests replay it and require the goal to be met by its end. */
  readonly solution: readonly LessonAction[];
  /** Curriculum ideas the learner sees happen in this step. */
  readonly ideas?: readonly IdeaNumber[];
  /** What the step's words say about the cluster, each proven in the replay of the solution. */
  readonly facts?: readonly StepFact[];
  /** Wrong solutions that must not meet the goal. */
  readonly mistakes?: readonly StepMistake[];
}

export interface QuizChoice {
  /** Unique in its question. */
  readonly id: string;
  /** Markdown subset. */
  readonly text: string;
  readonly correct: boolean;
  /** Why this choice is right or wrong (Markdown subset), aimed at the misconception behind it. */
  readonly explanation: string;
}

/** A predict question's experiment: the learner runs it in the simulator to check their answer. */
export interface TryIt {
  /** What to do (Markdown subset). */
  readonly text: string;
  /** The actions to run (a button in the UI; the test runs them). */
  readonly actions: readonly LessonAction[];
  /**
   * Where the experiment starts: `end` (default) from the cluster as the last step left it, `start` from
   * a fresh copy of the lesson's scenario.
   */
  readonly from?: 'start' | 'end';
  /** A goal that holds once the actions have run exactly when the correct answer is right (tests check it). */
  readonly expect: GoalSpec;
}

interface QuestionBase {
  /** Unique in the lesson. */
  readonly id: string;
  /** Markdown subset. */
  readonly prompt: string;
  readonly choices: readonly QuizChoice[];
  /** Curriculum ideas this question checks. */
  readonly ideas?: readonly IdeaNumber[];
}

/** Exactly one correct choice. */
export interface SingleChoiceQuestion extends QuestionBase {
  readonly type: 'single';
}

/** One or more correct choices; the learner must pick exactly those. */
export interface MultipleChoiceQuestion extends QuestionBase {
  readonly type: 'multiple';
}

/** "What will happen if ...?": one correct choice, then the learner runs the experiment to see. */
export interface PredictQuestion extends QuestionBase {
  readonly type: 'predict';
  readonly tryIt: TryIt;
}

export type QuizQuestion = SingleChoiceQuestion | MultipleChoiceQuestion | PredictQuestion;
export type QuestionType = QuizQuestion['type'];

export interface Lesson {
  /** Unique in the course; lowercase words joined by dashes (used in URLs). */
  readonly id: string;
  readonly title: string;
  /** One or two sentences: what the learner will see and learn. */
  readonly summary: string;
  /** The starting cluster: a scenario document (docs/scenario-format.md) as a YAML string. */
  readonly scenario: string;
  /** Curriculum ideas the lesson covers. */
  readonly ideas: readonly IdeaNumber[];
  readonly steps: readonly LessonStep[];
  /** The knowledge check: at least three questions. */
  readonly quiz: readonly QuizQuestion[];
}

export const QUESTION_TYPES: readonly QuestionType[] = ['single', 'multiple', 'predict'];
