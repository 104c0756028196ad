/**
 * The learner's session in localStorage: the scenario, the input log with its times, the simulated
 * position and the YAML. Versioned and validated on load: anything unreadable, tampered or from another
 * version is discarded (and reported), never trusted and never a crash. Inputs are only checked for shape
 * here; the worker checks each one fully before replaying it and reports what it had to leave out.
 */
import { isRecord } from '../engine';
import type { LoggedLearnerInput, ScenarioSource } from '../worker/protocol';

export const STORAGE_KEY = 'setpoint.session';
export const STORAGE_VERSION = 1;
/** Saved sessions beyond these bounds are treated as tampered. */
const MAX_T = 6 * 3600;
const MAX_INPUTS = 5000;
const MAX_TEXT = 1024 * 1024;

export interface SavedSession {
  readonly version: typeof STORAGE_VERSION;
  readonly source: ScenarioSource;
  readonly inputs: readonly LoggedLearnerInput[];
  readonly t: number;
  readonly yaml: string;
}

export type LoadedSession =
  | { readonly status: 'none' }
  | { readonly status: 'ok'; readonly session: SavedSession }
  | { readonly status: 'discarded' };

const NAME = /^[a-z0-9][-a-z0-9]{0,62}$/;

function checkSource(v: unknown): ScenarioSource | undefined {
  if (!isRecord(v)) return undefined;
  if (v.kind === 'example' && typeof v.name === 'string' && NAME.test(v.name))
    return { kind: 'example', name: v.name };
  if (
    v.kind === 'file' &&
    typeof v.name === 'string' &&
    v.name.length <= 255 &&
    typeof v.text === 'string' &&
    v.text.length <= MAX_TEXT
  )
    return { kind: 'file', name: v.name, text: v.text };
  return undefined;
}

function checkLogged(v: unknown, prevT: number, endT: number): LoggedLearnerInput | undefined {
  if (!isRecord(v) || typeof v.t !== 'number' || !Number.isFinite(v.t) || v.t < prevT || v.t > endT)
    return undefined;
  const i = v.input;
  if (!isRecord(i)) return undefined;
  if (i.type === 'apply' && typeof i.manifests === 'string' && i.manifests.length <= MAX_TEXT)
    return { t: v.t, input: { type: 'apply', manifests: i.manifests } };
  if (
    i.type === 'kubectl' &&
    typeof i.command === 'string' &&
    i.command.length <= 10_000 &&
    (i.stdin === undefined || (typeof i.stdin === 'string' && i.stdin.length <= MAX_TEXT))
  )
    return {
      t: v.t,
      // `stdin` is what `apply -f -` read: without it the replay would apply nothing.
      input: {
        type: 'kubectl',
        command: i.command,
        ...(typeof i.stdin === 'string' ? { stdin: i.stdin } : {}),
      },
    };
  if (i.type === 'fault' && isRecord(i.fault) && typeof i.fault.type === 'string')
    // The fault's fields are checked by the worker (validateFault) before it runs.
    return { t: v.t, input: { type: 'fault', fault: i.fault as never } };
  return undefined;
}

/** Parse and validate a stored session. */
export function parseSession(text: string | null): LoadedSession {
  if (text === null) return { status: 'none' };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { status: 'discarded' };
  }
  if (!isRecord(v) || v.version !== STORAGE_VERSION) return { status: 'discarded' };
  const source = checkSource(v.source);
  const t = v.t;
  if (!source || typeof t !== 'number' || !Number.isFinite(t) || t < 0 || t > MAX_T)
    return { status: 'discarded' };
  if (typeof v.yaml !== 'string' || v.yaml.length > MAX_TEXT) return { status: 'discarded' };
  if (!Array.isArray(v.inputs) || v.inputs.length > MAX_INPUTS) return { status: 'discarded' };
  const inputs: LoggedLearnerInput[] = [];
  let prev = 0;
  for (const raw of v.inputs) {
    const e = checkLogged(raw, prev, MAX_T);
    if (!e) return { status: 'discarded' };
    inputs.push(e);
    prev = e.t;
  }
  return { status: 'ok', session: { version: STORAGE_VERSION, source, inputs, t, yaml: v.yaml } };
}

export function serializeSession(s: Omit<SavedSession, 'version'>): string {
  return JSON.stringify({ version: STORAGE_VERSION, ...s });
}

/** Read the session; a discarded one is removed so the message shows once. Storage errors count as none. */
export function loadSession(storage: Storage | null, key = STORAGE_KEY): LoadedSession {
  if (!storage) return { status: 'none' };
  let text: string | null;
  try {
    text = storage.getItem(key);
  } catch {
    return { status: 'none' };
  }
  const r = parseSession(text);
  if (r.status === 'discarded') {
    try {
      storage.removeItem(key);
    } catch {
      // Nothing more to do: the bad copy is ignored either way.
    }
  }
  return r;
}

/** Write the session; a full or unavailable storage is not an error the learner can act on. */
export function saveSession(
  storage: Storage | null,
  s: Omit<SavedSession, 'version'>,
  key = STORAGE_KEY,
): boolean {
  if (!storage) return false;
  try {
    storage.setItem(key, serializeSession(s));
    return true;
  } catch {
    return false;
  }
}
