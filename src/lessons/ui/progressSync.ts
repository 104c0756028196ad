/**
 * Progress shared by every tab and frame of one origin. Each keeps the learner's progress in memory and
 * saves all of it to the one `localStorage` key, so two lessons embedded in one course page (or two tabs)
 * would each erase the other's work if a save simply wrote what that frame had loaded. Instead a save
 * re-reads storage first and merges lesson by lesson against what this frame last saw there, a three-way
 * merge as version control does: a lesson changed on one side only takes that side (so the newer record
 * wins, and a cleared quiz stays cleared); a lesson changed on both sides keeps this frame's position and
 * both sides' completed steps, answers and hints. `storage` events bring other frames' saves in the same way.
 */
import type { Lesson } from '../types';
import type { LessonProgress, Progress } from './progress';
import { EMPTY_PROGRESS, PROGRESS_KEY, loadProgress, saveProgress } from './progress';

/** Plain data compared by value, whatever order its keys were written in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object' && v !== null)
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'undefined';
}
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** Completed steps are always the first ones in order, so of two lists one extends the other. */
function unionCompleted(ours: readonly string[], theirs: readonly string[]): readonly string[] {
  const extends_ = (long: readonly string[], short: readonly string[]) =>
    long.length > short.length && short.every((id, i) => long[i] === id);
  // Lists that disagree (an author's lesson edited in between) keep ours: it matches this frame's lesson.
  return extends_(theirs, ours) ? theirs : ours;
}

/** Per entry: the side that changed it wins; entries both sides changed are resolved by `both`. */
function mergeRecord<T>(
  base: Readonly<Record<string, T>>,
  ours: Readonly<Record<string, T>>,
  theirs: Readonly<Record<string, T>>,
  both: (o: T, t: T) => T,
): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
    const o = ours[k];
    const t = theirs[k];
    const b = base[k];
    const v = same(o, b) ? t : same(t, b) ? o : o !== undefined && t !== undefined ? both(o, t) : (o ?? t);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** One lesson changed on both sides (or the lesson open here): this frame's position, both sides' work. */
function mergeLesson(
  base: LessonProgress | undefined,
  ours: LessonProgress,
  theirs: LessonProgress,
): LessonProgress {
  return {
    // The position belongs to this frame's cluster (the step's goal started on its clock).
    step: ours.step,
    completed: unionCompleted(ours.completed, theirs.completed),
    ...(ours.stepStart ? { stepStart: ours.stepStart } : {}),
    hints: mergeRecord(base?.hints ?? {}, ours.hints, theirs.hints, Math.max),
    answers: mergeRecord(base?.answers ?? {}, ours.answers, theirs.answers, (o) => o),
  };
}

/**
 * Merge `theirs` (what storage holds now) into `ours` (this frame's progress), both descended from `base`
 * (what this frame last read or wrote). `open` is the lesson open in this frame: its position is kept and
 * its completed steps never shrink, even when only the other side changed it, because the player here is
 * tracking that step's goal. Returns `ours` itself when nothing changes.
 */
export function mergeProgress(base: Progress, ours: Progress, theirs: Progress, open?: string): Progress {
  const lessons: Record<string, LessonProgress> = {};
  for (const key of new Set([...Object.keys(ours.lessons), ...Object.keys(theirs.lessons)])) {
    const o = ours.lessons[key];
    const t = theirs.lessons[key];
    const b = base.lessons[key];
    let v: LessonProgress | undefined;
    if (!o)
      v = b && same(t, b) ? undefined : t; // we removed it (an import replaces everything) unless they changed it
    else if (!t) v = b && same(o, b) ? undefined : o;
    else if (key === open) v = mergeLesson(b, o, t);
    else if (same(o, b)) v = t;
    else if (same(t, b)) v = o;
    else v = mergeLesson(b, o, t);
    if (v) lessons[key] = v;
  }
  return same(lessons, ours.lessons) ? ours : { lessons };
}

/** Loads, saves and receives progress for one frame, remembering what it last saw in storage. */
export class ProgressSync {
  private base: Progress = EMPTY_PROGRESS;

  /**
   * `lessonFor` gives the data of built-in lessons loaded here; `unloaded(key)` tells a built-in lesson
   * whose data is not (progress another frame saved for it is checked for shape only, never set aside).
   */
  constructor(
    private readonly storage: Storage | null,
    private readonly lessonFor: (key: string) => Lesson | undefined,
    private readonly unloaded?: (key: string) => boolean,
  ) {}

  /** Read stored progress at start-up (bad data is set aside and reported, see `loadProgress`). */
  load(): ReturnType<typeof loadProgress> {
    const r = loadProgress(this.storage, this.lessonFor, this.unloaded);
    this.base = r.progress;
    return r;
  }

  /** What storage holds now; undefined when nothing usable is there (then nothing is known of others). */
  private read(): Progress | undefined {
    if (!this.storage) return undefined;
    try {
      if (this.storage.getItem(PROGRESS_KEY) === null) return undefined;
    } catch {
      return undefined;
    }
    const r = loadProgress(this.storage, this.lessonFor, this.unloaded);
    return r.problems.length ? undefined : r.progress;
  }

  /** Save `ours` merged with what other frames saved since; returns the merged progress to show here. */
  save(ours: Progress): Progress {
    if (!this.storage) return ours;
    const merged = mergeProgress(this.base, ours, this.read() ?? this.base);
    if (saveProgress(this.storage, merged)) this.base = merged;
    return merged;
  }

  /** Another frame saved: `ours` with its changes merged in (nothing is written). */
  receive(ours: Progress, open?: string): Progress {
    const theirs = this.read();
    if (!theirs) return ours;
    const merged = mergeProgress(this.base, ours, theirs, open);
    this.base = theirs;
    return merged;
  }
}
