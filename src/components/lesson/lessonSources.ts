/**
 * Where the app is and what it opens: reads the address once (see lessons/ui/route.ts), loads the
 * learner's progress, finds the lesson (built in, an author's file kept in the browser, or an author's
 * file fetched from this site), and then keeps the lesson in step with the engine: a loaded cluster starts
 * the step's goal, progress is saved as it changes, and the address follows the step.
 */
import { useEffect, useState } from 'react';
import { lessonById } from '../../lessons/catalog';
import type { Lesson } from '../../lessons/types';
import { setLessonControl } from '../../lessons/ui/events';
import { authorKey, formatProgressProblems, lessonProgress } from '../../lessons/ui/progress';
import { ProgressSync } from '../../lessons/ui/progressSync';
import type { ParsedRoute, Route } from '../../lessons/ui/route';
import { parseRoute, withStep } from '../../lessons/ui/route';
import type { OpenLesson } from '../../state/lesson';
import { connectProgress } from '../../state/progressStorage';
import type { AppStore } from '../../state/store';
import { S } from '../../strings';
import type { ScenarioSource } from '../../worker/protocol';
import { registerLessonStepper } from '../presenter/Presenter';
import type { SharedState } from '../../share/codec';
import {
  authorLessonMismatch,
  routeOfSharedLesson,
  sharedLessonAddress,
  withSharedPlace,
} from '../../share/lesson';

/** An author's lesson opened from a file is kept here, so it survives a reload. */
export const OWN_LESSON_KEY = 'setpoint.own-lesson';
/** The lesson's cluster session, apart from the sandbox's. */
export const LESSON_SESSION_KEY = 'setpoint.lesson-session';
const MAX_FETCH_BYTES = 1024 * 1024;

export function lessonScenario(lesson: Lesson): ScenarioSource {
  return { kind: 'file', name: `${lesson.id}.lesson`, text: lesson.scenario };
}

/** What the app draws: a page without a cluster, the cluster (with these engine options), or a wait. */
export type AppMode =
  | { readonly kind: 'page' }
  | { readonly kind: 'loading' }
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

/**
 * Decide the app's mode from the address (once), fetching an author's lesson when it is given by URL. In
 * embed mode an unknown lesson is explained by the embed shell, which has no lesson map to offer. A share
 * link made in a lesson (`shared.lesson`) decides instead of the address, which is then made the lesson's.
 */
export function useAppMode(
  store: AppStore,
  storage: Storage | null,
  options: { readonly embed?: boolean; readonly shared?: SharedState | null | undefined } = {},
): AppMode {
  const [sync] = useState(() => new ProgressSync(storage, lessonById));
  const [shared] = useState(() => (options.shared?.lesson ? options.shared : undefined));
  const [mode, setMode] = useState<AppMode>(() => {
    const st = store.getState();
    const fromShare = shared?.lesson && routeOfSharedLesson(shared.lesson, shared.source, lessonById);
    const parsed: ParsedRoute = fromShare
      ? { route: fromShare.route }
      : parseRoute(window.location.search, window.location.origin, (id) => !!lessonById(id));
    st.setRoute(parsed.route);
    if (parsed.problem && !(options.embed && parsed.problem.kind === 'unknown-lesson'))
      st.notify('error', routeProblem(parsed.problem));
    if (fromShare?.problem) st.notify('error', fromShare.problem);
    // A reload then reopens the lesson (with the session the link leaves) rather than the sandbox.
    const address = fromShare && sharedLessonAddress(fromShare.route);
    if (fromShare) replaceQuery(address ?? '');
    const loaded = sync.load();
    st.setProgress(loaded.progress);
    if (loaded.problems.length)
      st.notify('error', S.lesson.progressRejected, formatProgressProblems(loaded.problems));
    const r: Route = parsed.route;
    switch (r.mode) {
      case 'map':
      case 'gallery':
        return { kind: 'page' };
      case 'sandbox':
        return { kind: 'engine', options: {} };
      case 'lesson': {
        const lesson = lessonById(r.lessonId);
        if (!lesson) return { kind: 'page' };
        return open(store, { key: lesson.id, lesson, author: false }, r.step, shared);
      }
      case 'ownLesson':
      case 'lessonUrl':
        return { kind: 'loading' };
    }
  });

  useEffect(() => {
    const r = store.getState().route;
    if (r.mode !== 'lessonUrl' && r.mode !== 'ownLesson') return;
    let cancelled = false;
    void (async () => {
      let text: string;
      if (r.mode === 'ownLesson') {
        let stored: string | null;
        try {
          stored = storage?.getItem(OWN_LESSON_KEY) ?? null;
        } catch {
          stored = null;
        }
        if (stored === null) {
          setMode(refuse(store, S.lesson.ownLessonName, [S.lesson.ownLessonMissing]));
          return;
        }
        const a = await parseAuthor(stored);
        if (cancelled) return;
        setMode(
          a.lesson
            ? open(store, { key: authorKey(a.lesson.id), lesson: a.lesson, author: true }, r.step)
            : refuse(store, S.lesson.ownLessonName, a.lines),
        );
        return;
      }
      try {
        const res = await fetch(r.url, { credentials: 'same-origin', redirect: 'error' });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        text = await res.text();
        if (text.length > MAX_FETCH_BYTES) throw new Error(S.lesson.lessonTooLarge);
      } catch (e) {
        if (cancelled) return;
        setMode(
          shared
            ? sandboxInstead(store, S.shareLessonUnavailable(r.url))
            : refuse(store, r.url, [S.lesson.fetchFailed((e as Error).message)]),
        );
        return;
      }
      if (cancelled) return;
      const a = await parseAuthor(text);
      if (cancelled) return;
      if (!a.lesson) {
        setMode(
          shared ? sandboxInstead(store, S.shareLessonUnavailable(r.url)) : refuse(store, r.url, a.lines),
        );
        return;
      }
      // A share link's lesson must still be the one it was made in, or its goals would judge another cluster.
      const mismatch = shared && authorLessonMismatch(shared, a.lesson);
      setMode(
        mismatch
          ? sandboxInstead(store, mismatch)
          : open(store, { key: authorKey(a.lesson.id), lesson: a.lesson, author: true }, r.step, shared),
      );
    })();
    return () => {
      cancelled = true;
    };
  }, [store, storage, shared]);

  // Progress is saved whenever it changes, in every mode (an import on the lesson map too), merged with
  // what other tabs and frames (two lessons on one course page) save.
  useEffect(
    () => connectProgress(store, sync, storage, typeof window === 'undefined' ? null : window),
    [store, sync, storage],
  );

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
