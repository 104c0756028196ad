/**
 * Share links: the whole state of a run (the scenario, the learner's input log with its times, the
 * simulated position and the learner's YAML) in a URL fragment, so opening the link replays the engine
 * deterministically to the same moment. The fragment never reaches a server.
 *
 * Format: `#share=v2.<base64url(zlib(JSON))>`. The version prefix lets formats coexist: v2 adds the lesson
 * the link was made in, and v1 links (no lesson) still open. The zlib Adler-32 trailer is checked, so a
 * truncated or mangled link is caught before anything is parsed; the JSON is then validated exactly like a
 * saved session (`state/persist.ts`), so a tampered link can never hand the engine anything a saved session
 * could not. Every failure is a value, never an exception.
 */
import { isRecord } from '../engine';
import { Unzlib, zlibSync } from 'fflate';
import type { SavedSession } from '../state/persist';
import { parseSession, STORAGE_VERSION } from '../state/persist';
import { isStepStart } from '../lessons/ui/progress';
import type { LoggedLearnerInput, ScenarioSource } from '../worker/protocol';

export const SHARE_PARAM = 'share';
/** The version links are made with; `READ_VERSIONS` are the ones this app opens. */
export const SHARE_VERSION = 'v2';
const READ_VERSIONS: readonly string[] = ['v1', 'v2'];
/** The longest fragment a link may carry (characters after `#`). Longer links break in chat apps and mail. */
export const MAX_FRAGMENT = 8 * 1024;
/** A payload never inflates beyond this (a crafted link cannot make the page allocate gigabytes). */
const MAX_INFLATED = 2 * 1024 * 1024;

/** Where the learner was in a lesson when sharing. Steps count from 1; `steps + 1` is the knowledge check. */
interface LessonPlace {
  /** The lesson's id: a built-in lesson's, or the one inside an author's file. */
  readonly id: string;
  readonly step: number;
  /** When the step's goal began (simulated seconds) and how many inputs were logged by then. */
  readonly stepStart?: { readonly t: number; readonly inputs: number };
}

/**
 * The lesson a link was made in (v2): a built-in lesson; an author's lesson loaded from a path on this
 * site (reopened from there); or an author's lesson opened from a file on the sharer's computer, which
 * cannot travel in a link, so only its id is kept to tell the viewer why there is no lesson.
 */
export type SharedLesson =
  | (LessonPlace & { readonly kind: 'builtin' })
  | (LessonPlace & { readonly kind: 'url'; readonly url: string })
  | { readonly kind: 'file'; readonly id: string };

/** What a link reproduces. `yaml` is left out when it is the scenario's own YAML (shorter links). */
export interface SharedState {
  readonly source: ScenarioSource;
  readonly inputs: readonly LoggedLearnerInput[];
  readonly t: number;
  readonly yaml?: string;
  readonly lesson?: SharedLesson;
}

export type EncodeResult =
  | { readonly ok: true; readonly fragment: string }
  | { readonly ok: false; readonly reason: 'too-large'; readonly size: number };

export type DecodeResult =
  | { readonly status: 'none' }
  | { readonly status: 'ok'; readonly state: SharedState }
  | {
      readonly status: 'invalid';
      /** version: made by another version of the app; too-large: longer than any link we make; damaged: anything else. */
      readonly reason: 'version' | 'too-large' | 'damaged';
    };

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i] as const));

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Decode unpadded base64url; undefined for any character outside the alphabet or an impossible length. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    const chunk = text.slice(i, i + 4);
    for (let k = 0; k < 4; k++) {
      const ch = chunk[k];
      const v = ch === undefined ? 0 : INDEX.get(ch);
      if (v === undefined) return undefined;
      n |= v << (18 - 6 * k);
    }
    const bytes = chunk.length - 1;
    for (let k = 0; k < bytes; k++) out[o++] = (n >> (16 - 8 * k)) & 255;
  }
  return out;
}

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length;) {
    const end = Math.min(i + 5552, data.length);
    for (; i < end; i++) {
      a += data[i] ?? 0;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Inflate a zlib stream, refusing oversized output and checking the Adler-32 trailer. */
function unzlibChecked(data: Uint8Array): Uint8Array | undefined {
  if (data.length < 6) return undefined;
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    const stream = new Unzlib((chunk) => {
      total += chunk.length;
      if (total > MAX_INFLATED) throw new Error('too large');
      chunks.push(chunk);
    });
    stream.push(data, true);
  } catch {
    return undefined;
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  const n = data.length;
  const trailer =
    (((data[n - 4] ?? 0) << 24) |
      ((data[n - 3] ?? 0) << 16) |
      ((data[n - 2] ?? 0) << 8) |
      (data[n - 1] ?? 0)) >>>
    0;
  return trailer === adler32(out) ? out : undefined;
}

/** The fragment (without `#`) for a state, or a refusal when the link would be too long. */
export function encodeShare(state: SharedState): EncodeResult {
  const json = JSON.stringify({
    source: state.source,
    inputs: state.inputs,
    t: state.t,
    ...(state.yaml !== undefined ? { yaml: state.yaml } : {}),
    ...(state.lesson ? { lesson: state.lesson } : {}),
  });
  const packed = toBase64Url(zlibSync(new TextEncoder().encode(json), { level: 9 }));
  const fragment = `${SHARE_PARAM}=${SHARE_VERSION}.${packed}`;
  if (fragment.length > MAX_FRAGMENT) return { ok: false, reason: 'too-large', size: fragment.length };
  return { ok: true, fragment };
}

/** The share payload of a location hash (`#share=...`, with or without the `#`), validated. */
export function decodeShare(hash: string): DecodeResult {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  const prefix = `${SHARE_PARAM}=`;
  if (!fragment.startsWith(prefix)) return { status: 'none' };
  const value = fragment.slice(prefix.length);
  if (value.length + prefix.length > MAX_FRAGMENT) return { status: 'invalid', reason: 'too-large' };
  const dot = value.indexOf('.');
  const version = dot < 0 ? '' : value.slice(0, dot);
  if (!READ_VERSIONS.includes(version))
    return { status: 'invalid', reason: /^v\d+$/.test(version) ? 'version' : 'damaged' };
  const bytes = fromBase64Url(value.slice(dot + 1));
  const inflated = bytes && unzlibChecked(bytes);
  if (!inflated) return { status: 'invalid', reason: 'damaged' };
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
  } catch {
    return { status: 'invalid', reason: 'damaged' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { status: 'invalid', reason: 'damaged' };
  const r = raw as Record<string, unknown>;
  const hasYaml = r.yaml !== undefined;
  // The same checks as a saved session: source, bounded time, ordered and well-formed inputs, bounded text.
  const checked = parseSession(
    JSON.stringify({
      version: STORAGE_VERSION,
      source: r.source,
      inputs: r.inputs,
      t: r.t,
      yaml: hasYaml ? r.yaml : '',
    }),
  );
  if (checked.status !== 'ok') return { status: 'invalid', reason: 'damaged' };
  const s: SavedSession = checked.session;
  // v1 had no lesson: whatever a v1 payload says about one is not read.
  const lesson = version !== 'v1' && r.lesson !== undefined ? checkLesson(r.lesson) : undefined;
  if (lesson === null) return { status: 'invalid', reason: 'damaged' };
  return {
    status: 'ok',
    state: {
      source: s.source,
      inputs: s.inputs,
      t: s.t,
      ...(hasYaml ? { yaml: s.yaml } : {}),
      ...(lesson ? { lesson } : {}),
    },
  };
}

const LESSON_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A path on this site (`/lessons/x.yaml`): not `//host`, no scheme, no backslash or spaces. */
const SITE_PATH = /^\/(?!\/)[^\s\\]*$/;

/** The lesson of a v2 payload, or null when it is not exactly one of the shapes links are made with. */
function checkLesson(v: unknown): SharedLesson | null {
  if (!isRecord(v) || typeof v.id !== 'string' || v.id.length > 64 || !LESSON_ID.test(v.id)) return null;
  const keys = Object.keys(v);
  if (v.kind === 'file') return keys.length === 2 ? { kind: 'file', id: v.id } : null;
  if (v.kind !== 'builtin' && v.kind !== 'url') return null;
  const allowed = ['kind', 'id', 'step', 'stepStart', ...(v.kind === 'url' ? ['url'] : [])];
  if (keys.some((k) => !allowed.includes(k))) return null;
  const step = v.step;
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 1 || step > 999) return null;
  let stepStart: LessonPlace['stepStart'];
  if (v.stepStart !== undefined) {
    const ss = v.stepStart;
    // Exactly its two fields: a link carries nothing unexpected.
    if (!isStepStart(ss) || Object.keys(ss).length !== 2) return null;
    stepStart = { t: ss.t, inputs: ss.inputs };
  }
  const place = { id: v.id, step, ...(stepStart ? { stepStart } : {}) };
  if (v.kind === 'builtin') return { kind: 'builtin', ...place };
  if (typeof v.url !== 'string' || v.url.length > 500 || !SITE_PATH.test(v.url)) return null;
  return { kind: 'url', url: v.url, ...place };
}

/** The full link for a state: this page's address (without its query) and the share fragment. */
export function shareUrl(base: { origin: string; pathname: string }, fragment: string): string {
  return `${base.origin}${base.pathname}#${fragment}`;
}
