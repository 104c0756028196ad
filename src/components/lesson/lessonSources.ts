/**
 * Where the app is and what it opens: reads the address once (see lessons/ui/route.ts), loads the
 * learner's progress, loads the lesson (built in, an author's file kept in the browser, or an author's
 * file fetched from this site), and then keeps the lesson in step with the engine: a loaded cluster starts
 * the step's goal, progress is saved as it changes, and the address follows the step.
 */
import { useEffect, useState } from 'react';
import { courseEntry, loadCourse, loadedLesson, loadLesson, loadLessons } from '../../lessons/catalog';
import type { Lesson } from '../../lessons/types';
import { setLessonControl } from '../../lessons/ui/events';
import {
  authorKey,
  formatProgressProblems,
  lessonProgress,
  storedLessonIds,
} from '../../lessons/ui/progress';
import { ProgressSync } from '../../lessons/ui/progressSync';
import type { ParsedRoute, Route } from '../../lessons/ui/route';
import { parseRoute, withStep } from '../../lessons/ui/route';
// Types only from the codec: it (with fflate) loads only when a share link is opened or made.
import type { SharedLesson, SharedState } from '../../share/codec';
import type { SharedLessonRoute } from '../../share/lesson';
import {
  authorLessonMismatch,
  routeOfSharedLesson,
  sharedLessonAddress,
  withSharedPlace,
} from '../../share/lesson';
import type { OpenedShare } from '../../share/open';
import type { OpenLesson } from '../../state/lesson';
import { connectProgress } from '../../state/progressStorage';
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

/** Open a lesson; from a share link, at the link's place in it (its cluster is replayed by the engine). */
function open(store: AppStore, o: OpenLesson, step: number | undefined, shared?: SharedState): AppMode {
  const st = store.getState();
  if (shared?.lesson) st.setProgress(withSharedPlace(st.progress, o.key, o.lesson, shared.lesson));
  st.startLesson(o, step !== undefined ? step - 1 : undefined);
  return { kind: 'engine', options: { open: lessonScenario(o.lesson), sessionKey: LESSON_SESSION_KEY } };
}

/** Replace the address's query (keeping the path and any fragment) without a new history entry. */
function replaceQuery(search: string): void {
  const { pathname, hash } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}${hash}`);
}

/** A share link whose lesson cannot be opened here: its cluster opens in the sandbox, and the viewer is told why. */
function sandboxInstead(store: AppStore, problem: string): AppMode {
  const st = store.getState();
  st.setRoute({ mode: 'sandbox' });
  st.notify('error', problem);
  replaceQuery('');
  return { kind: 'engine', options: {} };
}

function refuse(store: AppStore, source: string, lines: readonly string[]): AppMode {
  const st = store.getState();
  st.setAuthorProblems({ source, lines });
  st.setRoute({ mode: 'map' });
  return { kind: 'page' };
}

type LoadedProgress = ReturnType<ProgressSync['load']>;

/**
 * The learner's stored progress, checked against the built-in lessons it names (their data loads first),
 * or null when none is stored. Rejects only when a lesson cannot be fetched: progress is then left as it
 * is in storage rather than set aside for naming lessons that merely failed to load. `sync` remembers
 * what it read, to merge later saves with other frames' (see progressSync.ts).
 */
async function readProgress(storage: Storage | null, sync: ProgressSync): Promise<LoadedProgress | null> {
  const ids = storedLessonIds(storage);
  if (ids === null) return null;
  // Once loaded, the lessons are at hand for the check (catalog.ts's `loadedLesson`).
  await loadLessons(ids);
  return sync.load();
}

function applyProgress(store: AppStore, loaded: LoadedProgress | null): void {
  if (!loaded) return;
  const st = store.getState();
  st.setProgress(loaded.progress);
  if (loaded.problems.length)
    st.notify('error', S.lesson.progressRejected, formatProgressProblems(loaded.problems));
}

/**
 * Where a lesson comes from, once its text (an author's) is in hand. From a share link (`shared`), a
 * lesson that does not check, or is no longer the one the link was made in, opens the link's cluster in
 * the sandbox instead.
 */
async function authorLesson(
  store: AppStore,
  source: string,
  text: string,
  step: number | undefined,
  alive: () => boolean,
  shared?: SharedState,
): Promise<AppMode | undefined> {
  const a = await parseAuthor(text);
  if (!alive()) return undefined;
  if (!a.lesson)
    return shared ? sandboxInstead(store, S.shareLessonUnavailable(source)) : refuse(store, source, a.lines);
  // A share link's lesson must still be the one it was made in, or its goals would judge another cluster.
  const mismatch = shared && authorLessonMismatch(shared, a.lesson);
  return mismatch
    ? sandboxInstead(store, mismatch)
    : open(store, { key: authorKey(a.lesson.id), lesson: a.lesson, author: true }, step, shared);
}

/** Read or fetch an author's lesson (`?ownLesson`, `?lessonUrl=`) and open it, or say why not. */
async function openAuthorLesson(
  store: AppStore,
  storage: Storage | null,
  r: Extract<Route, { mode: 'ownLesson' | 'lessonUrl' }>,
  alive: () => boolean,
  shared?: SharedState,
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
    if (!alive()) return undefined;
    return shared
      ? sandboxInstead(store, S.shareLessonUnavailable(r.url))
      : refuse(store, r.url, [S.lesson.fetchFailed((e as Error).message)]);
  }
  return alive() ? authorLesson(store, r.url, text, r.step, alive, shared) : undefined;
}

/**
 * The route the address asks for, its problem told (except an unknown lesson in embed mode: the embed
 * shell explains that to the course author, as it has no lesson map to offer).
 */
function routeFromAddress(store: AppStore, embed: boolean): Route {
  const st = store.getState();
  const parsed = parseRoute(window.location.search, window.location.origin, (id) => !!courseEntry(id));
  st.setRoute(parsed.route);
  if (parsed.problem && !(embed && parsed.problem.kind === 'unknown-lesson'))
    st.notify('error', routeProblem(parsed.problem));
  return parsed.route;
}

/**
 * Where a share link made in a lesson opens: that lesson (a built-in one's data loads first, to check that
 * the link's cluster is the lesson's), or the sandbox with the reason.
 */
async function routeOfShare(lesson: SharedLesson, source: SharedState['source']): Promise<SharedLessonRoute> {
  const data = lesson.kind === 'builtin' ? await loadLesson(lesson.id) : undefined;
  return routeOfSharedLesson(lesson, source, (id) => (data?.id === id ? data : undefined));
}

/** Take a share link's route instead of the address's, and make the address the lesson's, so a reload reopens it. */
function routeFromShare(store: AppStore, fromShare: SharedLessonRoute): Route {
  const st = store.getState();
  st.setRoute(fromShare.route);
  if (fromShare.problem) st.notify('error', fromShare.problem);
  replaceQuery(sharedLessonAddress(fromShare.route) ?? '');
  return fromShare.route;
}

/** What the app draws as soon as the route is known: the sandbox and gallery at once, the rest after loading. */
function firstMode(route: Route): AppMode {
  switch (route.mode) {
    case 'gallery':
      return { kind: 'page' };
    case 'sandbox':
      return { kind: 'engine', options: {} };
    default:
      return { kind: 'loading' };
  }
}

/**
 * Decide the app's mode from the address (once). The sandbox and gallery start at once; the lesson map
 * and lessons wait for the learner's progress and the lesson data they draw (built-in lessons load on
 * demand, see lessons/catalog.ts; an author's is read or fetched). `quizOnly` opens a lesson at its
 * knowledge check (the embed's `&quiz=only`); `embed` leaves an unknown lesson to the embed shell to
 * explain. `share` is the address's share link once read (null while it is being read, as its codec loads
 * only for it): a link made in a lesson decides instead of the address, which is then made the lesson's,
 * so the route waits for it.
 */
export function useAppMode(
  store: AppStore,
  storage: Storage | null,
  opts: { readonly quizOnly?: boolean; readonly embed?: boolean; readonly share?: OpenedShare | null } = {},
): AppMode {
  const quizOnly = opts.quizOnly ?? false;
  const embed = opts.embed ?? false;
  const reading = opts.share === null;
  const linked = opts.share?.shared;
  const shared = linked?.lesson ? linked : undefined;
  const [sync] = useState(
    () => new ProgressSync(storage, loadedLesson, (id) => courseEntry(id) !== undefined),
  );
  // The route is read from the address at once, unless a share link is still being read.
  const [routeLater] = useState(reading);
  const [mode, setMode] = useState<AppMode>(() =>
    routeLater ? { kind: 'loading' } : firstMode(routeFromAddress(store, embed)),
  );
  // Progress is kept in step with storage once it has been read (and checked) from there.
  const [progressRead, setProgressRead] = useState(false);

  useEffect(() => {
    if (reading) return;
    let cancelled = false;
    const alive = () => !cancelled;
    void (async () => {
      try {
        let r = store.getState().route;
        if (routeLater) {
          const fromShare = shared?.lesson && (await routeOfShare(shared.lesson, shared.source));
          if (!alive()) return;
          r = fromShare ? routeFromShare(store, fromShare) : routeFromAddress(store, embed);
          const first = firstMode(r);
          if (first.kind !== 'loading') setMode(first);
        }
        switch (r.mode) {
          case 'sandbox':
          case 'gallery': {
            // Nothing here shows progress: it is checked (and bad data set aside) without holding the page.
            let loaded: LoadedProgress | null;
            try {
              loaded = await readProgress(storage, sync);
            } catch {
              return;
            }
            if (!alive()) return;
            applyProgress(store, loaded);
            setProgressRead(true);
            return;
          }
          case 'map': {
            const [loaded, course] = await Promise.all([
              readProgress(storage, sync),
              loadCourse(),
              preloadLessonMap(),
            ]);
            if (!alive()) return;
            applyProgress(store, loaded);
            setProgressRead(true);
            setMode({ kind: 'page', course });
            return;
          }
          case 'lesson': {
            const [loaded, lesson] = await Promise.all([
              readProgress(storage, sync),
              loadLesson(r.lessonId),
              preloadLessonPlayer(),
            ]);
            if (!alive()) return;
            applyProgress(store, loaded);
            setProgressRead(true);
            if (!lesson) return;
            const step = quizOnly ? lesson.steps.length + 1 : r.step;
            setMode(open(store, { key: lesson.id, lesson, author: false }, step, shared));
            return;
          }
          case 'ownLesson':
          case 'lessonUrl': {
            const [loaded] = await Promise.all([readProgress(storage, sync), preloadLessonPlayer()]);
            if (!alive()) return;
            applyProgress(store, loaded);
            setProgressRead(true);
            const next = await openAuthorLesson(store, storage, r, alive, shared);
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
  }, [store, storage, sync, quizOnly, embed, reading, routeLater, shared]);

  // Progress is saved whenever it changes, in every mode (an import on the lesson map too), merged with
  // what other tabs and frames (two lessons on one course page) save. Not before it has been read: a save
  // then could overwrite stored progress that is still to be checked (or set aside).
  useEffect(() => {
    if (!progressRead) return;
    return connectProgress(store, sync, storage, typeof window === 'undefined' ? null : window);
  }, [store, sync, storage, progressRead]);

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
