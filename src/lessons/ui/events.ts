/**
 * What happens in a lesson, for whoever listens (the embed bridge posts it to the course page): `ready`
 * when a lesson opens, `goal-completed` and `step-completed` when the engine finds a step's goal met,
 * `quiz-answered` with whether the answer is right (only the first attempt is scored), and `lesson-completed` once every step is done and
 * every question answered. Steps are counted from 1 here, as in the address.
 *
 * `lessonControl` lets the embed bridge and presenter mode move between steps without touching the UI.
 */

export type LessonEvent =
  | {
      readonly type: 'ready';
      readonly lesson: string;
      readonly mode: 'lesson' | 'quiz';
      readonly step: number;
      readonly steps: number;
    }
  | {
      readonly type: 'goal-completed';
      readonly lesson: string;
      readonly step: number;
      readonly stepId: string;
    }
  | {
      readonly type: 'step-completed';
      readonly lesson: string;
      readonly step: number;
      readonly stepId: string;
    }
  | {
      readonly type: 'quiz-answered';
      readonly lesson: string;
      readonly question: string;
      readonly correct: boolean;
      /** 1: the first answer, which is scored; 2 and up: practice attempts, never scored. */
      readonly attempt: number;
      readonly scored: boolean;
    }
  | {
      readonly type: 'lesson-completed';
      readonly lesson: string;
      readonly score: number;
      readonly questions: number;
    };

type Listener = (e: LessonEvent) => void;
const listeners = new Set<Listener>();
let lastReady: LessonEvent | undefined;

/** Listen to lesson events; returns the unsubscribe. A late listener is told the last `ready` at once. */
export function onLessonEvent(cb: Listener): () => void {
  listeners.add(cb);
  if (lastReady) cb(lastReady);
  return () => {
    listeners.delete(cb);
  };
}

export function emitLessonEvent(e: LessonEvent): void {
  if (e.type === 'ready') lastReady = e;
  for (const cb of [...listeners]) {
    try {
      cb(e);
    } catch (err) {
      console.error('lesson event listener failed:', err);
    }
  }
}

/** Step navigation of the open lesson (absent when none is open). */
export interface LessonControl {
  /** Open a step: 1-based number or step id (only unlocked steps open). */
  goToStep(step: number | string): void;
  prevStep(): void;
  nextStep(): void;
}

let control: LessonControl | null = null;

export function setLessonControl(c: LessonControl | null): void {
  control = c;
}

export function lessonControl(): LessonControl | null {
  return control;
}
