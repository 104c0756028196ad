/**
 * Embed mode at start-up, before the lesson route is read. An embedded lesson keeps its cluster session
 * under its own key, so two lessons on one course page do not overwrite each other's. `&quiz=only` opens
 * the lesson at its knowledge check (the step after the last, which the lesson player sets up by
 * replaying the steps' solutions): the app passes `quizOnly` to the lesson router, which knows the
 * number of steps once the lesson's data has loaded.
 */
import type { EmbedParams } from './params';
import { parseEmbedParams } from './params';

export function embedSessionKey(lesson: string): string {
  return `setpoint.embed-session.${lesson}`;
}

/** Read the embed parameters. */
export function startEmbed(): EmbedParams {
  return parseEmbedParams(window.location.search);
}
