/**
 * Where the app is and what it opens: reads the address once (see lessons/ui/route.ts), loads the
 * learner's progress, loads the lesson (built in, an author's file kept in the browser, or an author's
 * file fetched from this site), and then keeps the lesson in step with the engine: a loaded cluster starts
 * the step's goal, progress is saved as it changes, and the address follows the step.
 */
import { useEffect, useState } from 'react';
import { courseEntry, loadCourse, loadLesson, loadLessons } from '../../lessons/catalog';
import type { Lesson } from '../../lessons/types';
import { setLessonControl } from '../../lessons/ui/events';
import {
  authorKey,
  formatProgressProblems,
  lessonProgress,
  loadProgress,
  saveProgress,
  storedLessonIds,
} from '../../lessons/ui/progress';
import type { ParsedRoute, Route } from '../../lessons/ui/route';
import { parseRoute, withStep } from '../../lessons/ui/route';
import type { OpenLesson } from '../../state/lesson';
import type { AppStore } from '../../state/store';
import { S } from '../../strings';
import type { ScenarioSource } from '../../worker/protocol';
import { registerLessonStepper } from '../presenter/Presenter';
import { preloadLessonMap, preloadLessonPlayer } from './lazy';

/** An author's lesson opened from a file is kept here, so it survives a reload. */
export const OWN_LESSON_KEY = 'setpoint.own-lesson';
/** The lesson's cluster session, apart from the sandbox's. */
export const LESSON_SESSION_KEY = 'setpoint.lesson-session';
const MAX_FETCH_BYTES = 1024 * 1024;

export function lessonScenario(lesson: Lesson): ScenarioSource {
  return { kind: 'file', name: `${lesson.id}.lesson`, text: lesson.scenario };
}

/**
 * What the app draws: a page without a cluster (the map with the course's data), the cluster (with these
 * engine options), a wait for lesson data, or a reload offer when that data could not be fetched.
 */
export type AppMode =
  | { readonly kind: 'page'; readonly course?: readonly Lesson[] }
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed' }
  | {
      readonly kind: 'engine';
      readonly options: { readonly open?: ScenarioSource; readonly sessionKey?: string };
    };

/** Checks an author's lesson. The validator pulls in the scenario checker, so it loads only when needed. */
async function parseAuthor(text: string): Promise<{ lesson?: Lesson; lines: string[] }> {
  const { LessonError, formatPath, parseLessonText } = await import('../../lessons/validate');
  try {
    return { lesson: parseLessonText(text), lines: [] };
  } catch (e) {
    if (!(e instanceof LessonError)) throw e;
    return { lines: e.problems.map((p) => `${formatPath(p.path)}: ${p.message}`) };
  }
}

function routeProblem(p: NonNullable<ParsedRoute['problem']>): string {
  switch (p.kind) {
    case 'unknown-lesson':
      return S.lesson.unknownLesson(p.id);
    case 'other-origin':
      return S.lesson.otherOrigin(p.url);
    case 'bad-url':
      return S.lesson.badLessonUrl(p.url);
  }
}

function open(store: AppStore, o: OpenLesson, step: number | undefined): AppMode {
  store.getState().startLesson(o, step !== undefined ? step - 1 : undefined);
  return { kind: 'engine', options: { open: lessonScenario(o.lesson), sessionKey: LESSON_SESSION_KEY } };
}

function refuse(store: AppStore, source: string, lines: readonly string[]): AppMode {
  const st = store.getState();
  st.setAuthorProblems({ source, lines });
  st.setRoute({ mode: 'map' });
  return { kind: 'page' };
}

/**
 * The learner's stored progress, checked against the built-in lessons it names (their data loads first),
 * or null when none is stored. Rejects only when a lesson cannot be fetched: progress is then left as it
 * is in storage rather than set aside for naming lessons that merely failed to load.
 */
async function readProgress(storage: Storage | null): Promise<ReturnType<typeof loadProgress> | null> {
  const ids = storedLessonIds(storage);
  if (ids === null) return null;
  const lessons = await loadLessons(ids);
  return loadProgress(storage, (id) => lessons.get(id));
}

function applyProgress(store: AppStore, loaded: ReturnType<typeof loadProgress> | null): void {
  if (!loaded) return;
  const st = store.getState();
  st.setProgress(loaded.progress);
  if (loaded.problems.length)
    st.notify('error', S.lesson.progressRejected, formatProgressProblems(loaded.problems));
}

/** Where a lesson comes from, once its text (an author's) is in hand. */
async function authorLesson(
  store: AppStore,
  source: string,
  text: string,
  step: number | undefined,
  alive: () => boolean,
): Promise<AppMode | undefined> {
  const a = await parseAuthor(text);
  if (!alive()) return undefined;
  return a.lesson
    ? open(store, { key: authorKey(a.lesson.id), lesson: a.lesson, author: true }, step)
    : refuse(store, source, a.lines);
}

/** Read or fetch an author's lesson (`?ownLesson`, `?lessonUrl=`) and open it, or say why not. */
async function openAuthorLesson(
  store: AppStore,
  storage: Storage | null,
  r: Extract<Route, { mode: 'ownLesson' | 'lessonUrl' }>,
  alive: () => boolean,
): Promise<AppMode | undefined> {
  if (r.mode === 'ownLesson') {
    let stored: string | null;
    try {
      stored = storage?.getItem(OWN_LESSON_KEY) ?? null;
    } catch {
      stored = null;
    }
    if (stored === null) return refuse(store, S.lesson.ownLessonName, [S.lesson.ownLessonMissing]);
    return authorLesson(store, S.lesson.ownLessonName, stored, r.step, alive);
  }
  let text: string;
  try {
    const res = await fetch(r.url, { credentials: 'same-origin', redirect: 'error' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    text = await res.text();
    if (text.length > MAX_FETCH_BYTES) throw new Error(S.lesson.lessonTooLarge);
  } catch (e) {
    return alive() ? refuse(store, r.url, [S.lesson.fetchFailed((e as Error).message)]) : undefined;
  }
  return alive() ? authorLesson(store, r.url, text, r.step, alive) : undefined;
}

/**
 * Decide the app's mode from the address (once). The sandbox and gallery start at once; the lesson map
 * and lessons wait for the learner's progress and the lesson data they draw (built-in lessons load on
 * demand, see lessons/catalog.ts; an author's is read or fetched). `quizOnly` opens a lesson at its
 * knowledge check (the embed's `&quiz=only`).
 */
export function useAppMode(
  store: AppStore,
  storage: Storage | null,
  opts: { readonly quizOnly?: boolean } = {},
): AppMode {
  const quizOnly = opts.quizOnly ?? false;
  const [mode, setMode] = useState<AppMode>(() => {
    const st = store.getState();
    const parsed = parseRoute(window.location.search, window.location.origin, (id) => !!courseEntry(id));
    st.setRoute(parsed.route);
    if (parsed.problem) st.notify('error', routeProblem(parsed.problem));
    switch (parsed.route.mode) {
      case 'gallery':
        return { kind: 'page' };
      case 'sandbox':
        return { kind: 'engine', options: {} };
      default:
        return { kind: 'loading' };
    }
  });

  useEffect(() => {
    const r = store.getState().route;
    let cancelled = false;
    const alive = () => !cancelled;
    void (async () => {
      try {
        switch (r.mode) {
          case 'sandbox':
          case 'gallery': {
            // Nothing here shows progress: it is checked (and bad data set aside) without holding the page.
            const loaded = await readProgress(storage).catch(() => null);
            if (alive()) applyProgress(store, loaded);
            return;
          }
          case 'map': {
            const [loaded, course] = await Promise.all([
              readProgress(storage),
              loadCourse(),
              preloadLessonMap(),
            ]);
            if (!alive()) return;
            applyProgress(store, loaded);
            setMode({ kind: 'page', course });
            return;
          }
          case 'lesson': {
            const [loaded, lesson] = await Promise.all([
              readProgress(storage),
              loadLesson(r.lessonId),
              preloadLessonPlayer(),
            ]);
            if (!alive()) return;
            applyProgress(store, loaded);
            if (!lesson) return;
            const step = quizOnly ? lesson.steps.length + 1 : r.step;
            setMode(open(store, { key: lesson.id, lesson, author: false }, step));
            return;
          }
          case 'ownLesson':
          case 'lessonUrl': {
            const [loaded] = await Promise.all([readProgress(storage), preloadLessonPlayer()]);
            if (!alive()) return;
            applyProgress(store, loaded);
            const next = await openAuthorLesson(store, storage, r, alive);
            if (!next || !alive()) return;
            if (next.kind !== 'page') {
              setMode(next);
              return;
            }
            // Refused: the learner lands on the lesson map, which draws the course.
            const [course] = await Promise.all([loadCourse(), preloadLessonMap()]);
            if (alive()) setMode({ kind: 'page', course });
            return;
          }
        }
      } catch {
        // A lesson's chunk could not be fetched (offline after a new release): offer a reload.
        if (alive()) setMode({ kind: 'failed' });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [store, storage, quizOnly]);

  // Progress is saved whenever it changes, in every mode (an import on the lesson map too).
  useEffect(() => {
    let progress = store.getState().progress;
    return store.subscribe((s) => {
      if (s.progress === progress) return;
      progress = s.progress;
      saveProgress(storage, progress);
    });
  }, [store, storage]);

  useEffect(() => {
    if (mode.kind !== 'engine' || !store.getState().openLesson) return;
    return connectLesson(store);
  }, [store, mode]);

  return mode;
}

/**
 * Keep the open lesson in step with the engine and the browser: start the step's goal whenever a cluster
 * is loaded (fresh, or a restored session) and keep `&step=` in the address.
 */
export function connectLesson(store: AppStore): () => void {
  let scenario = store.getState().scenario;
  let awaitingSnapshot = scenario !== null;
  let mirror = store.getState().mirror;
  let step = -1;

  const unsubscribe = store.subscribe((s) => {
    if (s.scenario !== scenario) {
      scenario = s.scenario;
      awaitingSnapshot = scenario !== null;
      mirror = s.mirror;
    }
    if (awaitingSnapshot && s.mirror !== mirror) {
      // The snapshot after a load: a cluster at its start (t = 0, no inputs) is fresh.
      awaitingSnapshot = false;
      mirror = s.mirror;
      s.clusterLoaded(s.t === 0 && s.inputs.length === 0);
    }
    const o = s.openLesson;
    if (o) {
      const now = lessonProgress(s.progress, o.key).step;
      if (now !== step) {
        step = now;
        const next = withStep(window.location.search, now + 1);
        if (next !== window.location.search)
          window.history.replaceState(window.history.state, '', next + window.location.hash);
      }
    }
  });
  if (awaitingSnapshot && store.getState().t >= 0 && store.getState().workerStatus === 'running') {
    // Already loaded before we listened: treat the current cluster as the loaded one.
    awaitingSnapshot = false;
    const s = store.getState();
    s.clusterLoaded(s.t === 0 && s.inputs.length === 0);
  }

  const stepTo = (ref: number | string) => {
    const s = store.getState();
    const o = s.openLesson;
    if (!o) return;
    const i = typeof ref === 'number' ? ref - 1 : o.lesson.steps.findIndex((x) => x.id === ref);
    if (i >= 0) s.goToStep(i);
  };
  const control = {
    goToStep: stepTo,
    prevStep: () => store.getState().prevStep(),
    nextStep: () => store.getState().nextStep(),
  };
  setLessonControl(control);
  const unregister = registerLessonStepper(control);
  return () => {
    unsubscribe();
    unregister();
    setLessonControl(null);
  };
}
