/**
 * The shape every "why" explanation takes, and small helpers shared by them: durations in plain words,
 * the events about an object (its life story), and its conditions. Pure functions of the mirror.
 */
import type { Event, KubeObject } from '../../../engine';
import type { ClusterMirror } from '../../../state/mirror';
import { simTime } from '../../graph/model';
import { inspectorStrings as S } from '../../../strings/inspector';
import { explainStrings as E } from '../../../strings/explain';

export type Tone = 'ok' | 'progress' | 'problem' | 'info';

export interface StoryItem {
  /** Simulated second of the first occurrence. */
  readonly t: number;
  readonly last: number;
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  readonly source: string;
  readonly count: number;
}

export interface Countdown {
  readonly label: string;
  /** Simulated second it happens (or happened); null when it will not happen. */
  readonly at: number | null;
  /** Seconds from now (negative: passed), null when it will not happen. */
  readonly remaining: number | null;
  readonly detail: string;
}

export type Section =
  /** Plain sentences. */
  | { readonly type: 'text'; readonly heading: string; readonly lines: readonly string[] }
  /** Kubernetes' own message, shown verbatim. */
  | { readonly type: 'message'; readonly heading: string; readonly message: string }
  | {
      readonly type: 'table';
      readonly heading: string;
      readonly columns: readonly string[];
      readonly rows: readonly (readonly string[])[];
    }
  | { readonly type: 'story'; readonly heading: string; readonly items: readonly StoryItem[] }
  | { readonly type: 'countdowns'; readonly heading: string; readonly items: readonly Countdown[] };

/** What the inspector shows for one selected thing. */
export interface Explanation {
  readonly kind: string;
  readonly name: string;
  /** One plain sentence: what is going on and why. */
  readonly headline: string;
  readonly tone: Tone;
  readonly sections: readonly Section[];
}

/** "45s", "4m 05s", "1h 02m": a duration a learner reads at a glance. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Simulated time as the clock shows it: "1m15s". */
export function formatClock(t: number): string {
  const s = Math.max(0, Math.floor(t));
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** "in 18s" / "18s ago" / "now". */
export function relative(remaining: number): string {
  const r = Math.round(remaining);
  if (r === 0) return S.now;
  return r > 0 ? S.inTime(formatDuration(r)) : S.ago(formatDuration(-r));
}

export function countdown(label: string, at: number | null, now: number, detail: string): Countdown {
  return { label, at, remaining: at === null ? null : at - now, detail };
}

/** The events about one object, oldest first: its life story as `kubectl describe` lists it. */
export function storyOf(mirror: ClusterMirror, obj: KubeObject): StoryItem[] {
  const kind = obj.kind;
  const name = obj.metadata?.name;
  const ns = obj.metadata?.namespace;
  const uid = obj.metadata?.uid;
  const out: StoryItem[] = [];
  for (const [key, o] of mirror.objects) {
    if (!key.startsWith('Event/')) continue;
    const e = o as Event;
    const io = e.involvedObject;
    if (io.kind !== kind || io.name !== name) continue;
    if (ns && io.namespace !== ns) continue;
    if (uid && io.uid && io.uid !== uid) continue;
    out.push({
      t: simTime(e.firstTimestamp ?? e.eventTime),
      last: simTime(e.lastTimestamp ?? e.firstTimestamp ?? e.eventTime),
      type: e.type ?? 'Normal',
      reason: e.reason ?? '',
      message: e.message ?? '',
      source: e.source?.component ?? e.reportingComponent ?? '',
      count: e.count ?? 1,
    });
  }
  out.sort((a, b) => a.t - b.t || a.last - b.last);
  return out;
}

interface ConditionLike {
  readonly type: string;
  readonly status: string;
  readonly reason?: string | undefined;
  readonly message?: string | undefined;
}

/** The Conditions table, with the columns `kubectl describe` shows. */
export function conditionsTable(conditions: readonly ConditionLike[] | undefined): Section {
  return {
    type: 'table',
    heading: E.headings.conditions,
    columns: E.conditionColumns,
    rows: (conditions ?? []).map((c) => [c.type, c.status, c.reason ?? '', c.message ?? '']),
  };
}
