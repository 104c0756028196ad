/**
 * Grading a knowledge-check answer: a question is answered correctly when exactly its correct choices are
 * selected (one for single and predict questions, the whole set for multiple). Every choice's explanation
 * comes back, so the learner reads why each option is right or wrong, not just a score.
 */
import type { QuizQuestion } from './types';

export interface GradedChoice {
  readonly id: string;
  readonly selected: boolean;
  readonly correct: boolean;
  readonly explanation: string;
}

export interface Grade {
  readonly correct: boolean;
  readonly choices: readonly GradedChoice[];
}

/** The ids of a question's correct choices, in order. */
export function correctChoices(q: QuizQuestion): string[] {
  return q.choices.filter((c) => c.correct).map((c) => c.id);
}

export function gradeQuestion(q: QuizQuestion, selected: readonly string[]): Grade {
  const picked = new Set(selected);
  const choices = q.choices.map((c) => ({
    id: c.id,
    selected: picked.has(c.id),
    correct: c.correct,
    explanation: c.explanation,
  }));
  const known = selected.every((id) => q.choices.some((c) => c.id === id));
  const correct = known && choices.every((c) => c.selected === c.correct);
  return { correct, choices };
}
