/**
 * Embed mode (`?embed=1&lesson=<id>`): the page inside a course's iframe. Minimal chrome sized by its
 * content (the iframe follows its height): the lesson panel beside the cluster with its time controls,
 * fault toolbar and the desired-state, details, events and console tabs; or, with `&quiz=only`, just
 * the lesson's knowledge check. Lesson events go to the course page through the bridge, only to
 * `parentOrigin`; without one, a visible note tells the author why nothing is sent.
 */
import { Suspense, useCallback, useEffect, useMemo, useRef } from 'react';
import { COURSE, courseEntry } from '../lessons/catalog';
import { lessonProgress } from '../lessons/ui/progress';
import { useApp, useAppStore } from '../state/react';
import { S } from '../strings';
import { FaultToolbar } from '../components/controls/FaultToolbar';
import { TimeControls } from '../components/controls/TimeControls';
import { ClusterView } from '../components/layout/ClusterView';
import { Narrator } from '../components/layout/Narrator';
import { Notices } from '../components/layout/Notices';
import { PanelBoundary } from '../components/layout/PanelBoundary';
import { BottomPanel, SidePanel } from '../components/layout/Panels';
import { LessonPanel, Quiz } from '../components/lesson/lazy';
import { pageBridge } from './bridge';
import type { EmbedParams } from './params';
import { useEmbedBridge } from './useEmbedBridge';
import './embed.css';

/** The origin of the page framing this one, where the browser says (Chromium, Safari). */
function framingOrigin(): string | undefined {
  try {
    return window.location.ancestorOrigins?.[0];
  } catch {
    return undefined;
  }
}

function AuthorNotes(props: { params: EmbedParams; connected: boolean }) {
  const { params, connected } = props;
  const framer = framingOrigin();
  const framed = window.parent !== window;
  const mismatch = connected && framer !== undefined && framer !== params.parentOrigin;
  if (framed && connected && !mismatch) return null;
  return (
    <p className="embed-note" role="note">
      {!framed
        ? S.embedNotFramed
        : mismatch
          ? S.embedOriginMismatch(params.parentOrigin ?? '', framer ?? '')
          : S.embedNoParent}
    </p>
  );
}

/** The full app's address for this lesson (opens in a new tab). */
function fullAppHref(lesson: string, step: number): string {
  return `?lesson=${encodeURIComponent(lesson)}${step > 1 ? `&step=${step}` : ''}`;
}

/** What the course author must fix when the address names no lesson, or one that does not exist. */
function lessonProblem(raw: string | null): string | null {
  if (raw === null) return S.embedNoLesson;
  if (courseEntry(raw)) return null;
  return S.embedUnknownLesson(
    raw.slice(0, 64),
    COURSE.map((l) => l.id),
  );
}

export function EmbedShell(props: { params: EmbedParams }) {
  const { params } = props;
  const root = useRef<HTMLDivElement>(null);
  const bridge = useMemo(() => pageBridge(params.parentOrigin), [params.parentOrigin]);
  const store = useAppStore();
  const settingUp = useCallback(() => store.getState().busy?.kind === 'setup', [store]);
  useEmbedBridge(bridge, root, settingUp);
  const open = useApp((s) => s.openLesson);
  const step = useApp((s) => (s.openLesson ? lessonProgress(s.progress, s.openLesson.key).step : 0));

  useEffect(() => {
    const html = document.documentElement;
    html.classList.add('embed-mode');
    return () => html.classList.remove('embed-mode');
  }, []);

  const problem = lessonProblem(new URLSearchParams(window.location.search).get('lesson'));

  return (
    <div ref={root} className={`embed ${params.quizOnly ? 'embed-quiz' : 'embed-lesson'}`}>
      <AuthorNotes params={params} connected={bridge.connected} />
      {problem && (
        <p className="embed-problem" role="alert">
          {problem}
        </p>
      )}
      <Notices />
      {open && params.quizOnly && (
        <section className="embed-quiz-body lesson-body" aria-label={open.lesson.title}>
          <h1 className="lesson-title">{open.lesson.title}</h1>
          <PanelBoundary name={S.lesson.quizTitle}>
            <Suspense fallback={null}>
              <Quiz />
            </Suspense>
          </PanelBoundary>
        </section>
      )}
      {open && !params.quizOnly && (
        <div className="embed-grid">
          <PanelBoundary name={S.lesson.panel}>
            <Suspense fallback={null}>
              <LessonPanel />
            </Suspense>
          </PanelBoundary>
          <div className="embed-main">
            <div className="embed-bar">
              <PanelBoundary name={S.timeControls}>
                <TimeControls />
              </PanelBoundary>
              <PanelBoundary name={S.faultToolbar}>
                <FaultToolbar />
              </PanelBoundary>
            </div>
            <main
              id="cluster"
              className="cluster-area embed-cluster"
              aria-label={S.clusterPanel}
              tabIndex={-1}
            >
              <PanelBoundary name={S.clusterPanel}>
                <ClusterView />
              </PanelBoundary>
              <Narrator />
            </main>
            <SidePanel />
            <BottomPanel />
          </div>
        </div>
      )}
      {open && (
        <p className="embed-foot">
          <a href={fullAppHref(open.lesson.id, step + 1)} target="_blank" rel="noopener">
            {S.embedOpenFull}
          </a>
        </p>
      )}
    </div>
  );
}
