/**
 * The embed address: `?embed=1&lesson=<id>[&step=<n|id>][&quiz=only]&parentOrigin=<origin>`. Parsed once at
 * start-up into plain values; anything unexpected becomes "absent" (and the author is told), never an error.
 */

export interface EmbedParams {
  readonly embed: boolean;
  /** The lesson id (lowercase words joined by dashes), if well-formed. */
  readonly lesson: string | null;
  /** The step to open: a 1-based number or a step id. */
  readonly step: number | string | null;
  /** Only the lesson's knowledge check, no cluster. */
  readonly quizOnly: boolean;
  /** The only origin events are posted to; null when missing or invalid (then nothing is sent). */
  readonly parentOrigin: string | null;
  /** Why parentOrigin is null. */
  readonly originProblem: 'missing' | 'invalid' | null;
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isId(v: string): boolean {
  return v.length <= 64 && ID.test(v);
}

/** A step reference: a 1-based step number (1..999) or a step id. */
export function parseStepRef(v: unknown): number | string | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1 && v <= 999 ? v : null;
  if (typeof v !== 'string') return null;
  // Digits are always a step number, so "0" or "1000" is out of range rather than an id.
  if (/^\d+$/.test(v)) return /^[1-9]\d{0,2}$/.test(v) ? Number(v) : null;
  return isId(v) ? v : null;
}

/**
 * An origin the embed may talk to: `http(s)://host[:port]`, exactly (a trailing "/" is tolerated). Paths,
 * queries, credentials, `*`, `null` and other schemes are refused: the value becomes postMessage's
 * targetOrigin, and anything looser would leak the learner's progress to whoever frames the page.
 */
export function parseParentOrigin(v: string | null): string | null {
  if (!v || v.length > 300) return null;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || url.search || url.hash) return null;
  if (url.pathname !== '/' || (v !== url.origin && v !== `${url.origin}/`)) return null;
  return url.origin;
}

export function parseEmbedParams(search: string): EmbedParams {
  const q = new URLSearchParams(search);
  const embed = q.get('embed');
  const rawLesson = q.get('lesson');
  const rawOrigin = q.get('parentOrigin');
  const parentOrigin = parseParentOrigin(rawOrigin);
  return {
    embed: embed !== null && embed !== '0' && embed !== 'false',
    lesson: rawLesson && isId(rawLesson) ? rawLesson : null,
    step: parseStepRef(q.get('step')),
    quizOnly: q.get('quiz') === 'only',
    parentOrigin,
    originProblem: parentOrigin ? null : rawOrigin ? 'invalid' : 'missing',
  };
}
