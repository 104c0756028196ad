/**
 * The app's places, read from the address: the sandbox (`/`, `?scenario=<example>`), the example gallery
 * (`?sandbox`), the lesson map (`?lessons`), a built-in lesson (`?lesson=<id>[&step=<n>]`, n counted from 1),
 * an author's lesson by URL (`?lessonUrl=<same-origin path>`) and an author's lesson opened from a file
 * (`?ownLesson`, kept in the browser). Parsing never throws: anything unusable falls back to a safe place
 * and says why.
 */

export type Route =
  | { readonly mode: 'sandbox' }
  | { readonly mode: 'gallery' }
  | { readonly mode: 'map' }
  | { readonly mode: 'lesson'; readonly lessonId: string; readonly step?: number }
  | { readonly mode: 'lessonUrl'; readonly url: string; readonly step?: number }
  | { readonly mode: 'ownLesson'; readonly step?: number };

export type RouteProblem =
  | { readonly kind: 'unknown-lesson'; readonly id: string }
  | { readonly kind: 'other-origin'; readonly url: string }
  | { readonly kind: 'bad-url'; readonly url: string };

export interface ParsedRoute {
  readonly route: Route;
  readonly problem?: RouteProblem;
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function stepOf(q: URLSearchParams): { step?: number } {
  const raw = q.get('step');
  if (raw === null || !/^[1-9]\d{0,2}$/.test(raw)) return {};
  return { step: Number(raw) };
}

/**
 * `search` is location.search, `origin` the page's origin (an author's lesson URL must be on it),
 * `known(id)` whether a built-in lesson has that id.
 */
export function parseRoute(search: string, origin: string, known: (id: string) => boolean): ParsedRoute {
  const q = new URLSearchParams(search);
  const lesson = q.get('lesson');
  // The embed address (`?embed=1&lesson=...`) belongs to the embed mode; it is still a lesson here.
  if (lesson !== null) {
    if (lesson.length <= 64 && ID.test(lesson) && known(lesson))
      return { route: { mode: 'lesson', lessonId: lesson, ...stepOf(q) } };
    return { route: { mode: 'map' }, problem: { kind: 'unknown-lesson', id: lesson.slice(0, 64) } };
  }
  const lessonUrl = q.get('lessonUrl');
  if (lessonUrl !== null) {
    let url: URL;
    try {
      url = new URL(lessonUrl, `${origin}/`);
    } catch {
      return { route: { mode: 'map' }, problem: { kind: 'bad-url', url: lessonUrl.slice(0, 200) } };
    }
    if (url.origin !== origin || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      return { route: { mode: 'map' }, problem: { kind: 'other-origin', url: lessonUrl.slice(0, 200) } };
    return { route: { mode: 'lessonUrl', url: url.pathname + url.search, ...stepOf(q) } };
  }
  if (q.has('ownLesson')) return { route: { mode: 'ownLesson', ...stepOf(q) } };
  if (q.has('lessons')) return { route: { mode: 'map' } };
  if (q.has('sandbox') && !q.has('scenario')) return { route: { mode: 'gallery' } };
  return { route: { mode: 'sandbox' } };
}

export const href = {
  map: () => '?lessons',
  gallery: () => '?sandbox',
  sandbox: (example?: string) => (example ? `?scenario=${encodeURIComponent(example)}` : '?'),
  lesson: (id: string, step?: number) =>
    `?lesson=${encodeURIComponent(id)}${step !== undefined && step > 1 ? `&step=${step}` : ''}`,
  ownLesson: () => '?ownLesson',
};

/** The address of `route` with `step` (1-based) set, keeping the other parameters of `search`. */
export function withStep(search: string, step: number): string {
  const q = new URLSearchParams(search);
  if (step > 1) q.set('step', String(step));
  else q.delete('step');
  const s = q.toString().replace(/=(?=&|$)/g, '');
  return s ? `?${s}` : '?';
}
