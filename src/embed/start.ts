/**
 * Embed mode at start-up, before the lesson route is read: `&quiz=only` opens the lesson at its knowledge
 * check (the step after the last, which the lesson player sets up by replaying the steps' solutions), and
 * an embedded lesson keeps its cluster session under its own key, so two lessons on one course page do
 * not overwrite each other's.
 */
import { lessonById } from '../lessons/catalog';
import type { EmbedParams } from './params';
import { parseEmbedParams } from './params';

export function embedSessionKey(lesson: string): string {
  return `setpoint.embed-session.${lesson}`;
}

/** Read the embed parameters, and point a quiz-only embed's address at the knowledge check. */
export function startEmbed(): EmbedParams {
  const params = parseEmbedParams(window.location.search);
  if (!params.embed || !params.quizOnly || !params.lesson) return params;
  const lesson = lessonById(params.lesson);
  if (!lesson) return params;
  const q = new URLSearchParams(window.location.search);
  const quizStep = String(lesson.steps.length + 1);
  if (q.get('step') !== quizStep) {
    q.set('step', quizStep);
    window.history.replaceState(window.history.state, '', `?${q.toString()}${window.location.hash}`);
  }
  return params;
}
