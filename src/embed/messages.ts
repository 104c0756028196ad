/**
 * The messages between an embedded lesson and the course page around it (see docs/embedding.md). Outgoing
 * messages are plain, versioned objects whose `type` starts with `setpoint:`. Incoming messages are
 * untrusted data: `parseHostMessage` accepts a small typed set and returns null for anything else.
 */
import { parseStepRef } from './params';

export const EMBED_PROTOCOL = 1;

/** What the embedded lesson tells the course page. */
export type EmbedEvent =
  | {
      readonly type: 'setpoint:ready';
      readonly lesson: string;
      readonly mode: 'lesson' | 'quiz';
      /** 1-based step now open, and how many steps the lesson has. */
      readonly step: number;
      readonly steps: number;
    }
  | {
      readonly type: 'setpoint:goal-completed';
      readonly lesson: string;
      readonly step: number;
      readonly stepId: string;
    }
  | {
      readonly type: 'setpoint:step-completed';
      readonly lesson: string;
      readonly step: number;
      readonly stepId: string;
    }
  | {
      readonly type: 'setpoint:quiz-answered';
      readonly lesson: string;
      readonly question: string;
      readonly correct: boolean;
      /** 1 for the first answer, which is the one scored; 2 and up for practice attempts. */
      readonly attempt: number;
      readonly scored: boolean;
    }
  | {
      readonly type: 'setpoint:lesson-completed';
      readonly lesson: string;
      /** How many questions were answered right, of how many there are. */
      readonly score: number;
      readonly questions: number;
    }
  | { readonly type: 'setpoint:resize'; readonly height: number };

export type EmbedMessage = EmbedEvent & {
  readonly source: 'setpoint';
  readonly version: typeof EMBED_PROTOCOL;
};

/** What the course page may ask of the embedded lesson. */
export type HostMessage =
  /** Open a step: a 1-based number or a step id. */
  | { readonly type: 'setpoint:goto-step'; readonly step: number | string }
  /** Say `ready` again (a course page whose listener started late). */
  | { readonly type: 'setpoint:hello' };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function onlyKeys(v: Record<string, unknown>, allowed: readonly string[]): boolean {
  return Object.keys(v).every((k) => allowed.includes(k));
}

/** A host message, or null for anything that is not exactly one of the known shapes. */
export function parseHostMessage(data: unknown): HostMessage | null {
  if (!isPlainObject(data)) return null;
  switch (data.type) {
    case 'setpoint:goto-step': {
      if (!onlyKeys(data, ['type', 'step'])) return null;
      const step = parseStepRef(data.step);
      return step === null ? null : { type: 'setpoint:goto-step', step };
    }
    case 'setpoint:hello':
      return onlyKeys(data, ['type']) ? { type: 'setpoint:hello' } : null;
    default:
      return null;
  }
}

export function envelope(e: EmbedEvent): EmbedMessage {
  return { ...e, source: 'setpoint', version: EMBED_PROTOCOL };
}
