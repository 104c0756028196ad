/**
 * The app: creates the store, connects it to the engine worker (saved session, `?scenario=`, crash
 * restarts) and draws the shell inside a last-resort error boundary. Motion respects the learner's
 * reduced-motion setting everywhere.
 */
import { MotionConfig } from 'motion/react';
import { useEffect, useState } from 'react';
import { EmbedShell } from '../embed/EmbedShell';
import { embedSessionKey, startEmbed } from '../embed/start';
import type { OpenedShare } from '../share/open';
import { hasShareLink, openShare, reloadOnShareLink, shareStart } from '../share/open';
import { connectEngine } from '../state/engine';
import { AppStoreProvider } from '../state/react';
import type { AppStore } from '../state/store';
import { createAppStore } from '../state/store';
import { S } from '../strings';
import { attachAddress, remoteWorker } from '../worker/remote';
import { AppShell } from './layout/AppShell';
import { LessonPages } from './lesson/LessonPages';
import { useAppMode } from './lesson/lessonSources';
import { PanelBoundary } from './layout/PanelBoundary';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function AppFailed() {
  return (
    <div role="alert" className="app-failed">
      <p>{S.appFailed}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {S.reload}
      </button>
    </div>
  );
}

export function App(props: { store?: AppStore }) {
  const [store] = useState(() => props.store ?? createAppStore());
  // Embed mode (`?embed=1&lesson=...`, in a course page's iframe); read before the lesson route.
  const [embed] = useState(() => startEmbed());
  // A share link (`#share=...`) opens its exact state instead of the saved session (not in an embed).
  // Its codec loads only for such a link, so the engine waits (null) until the link has been read.
  const [shared, setShared] = useState<OpenedShare | null>(() =>
    !embed.embed && hasShareLink(window.location.hash) ? null : { shared: undefined },
  );
  useEffect(() => {
    if (shared) return;
    let cancelled = false;
    void openShare(window.location.hash).then((o) => {
      if (!cancelled) setShared(o);
    });
    return () => {
      cancelled = true;
    };
  }, [shared]);
  // The place the address asks for: the lesson map or gallery (no cluster), a lesson, or the sandbox.
  // A share link made in a lesson opens that lesson, so the route waits for the link to be read.
  const mode = useAppMode(store, storage(), {
    quizOnly: embed.embed && embed.quizOnly,
    embed: embed.embed,
    share: shared,
  });
  // Attach mode (`?attach=http://127.0.0.1:6443`): draw a cluster served by `npm run serve`.
  const [attach] = useState(() => attachAddress(window.location.search));
  useEffect(() => {
    if (mode.kind !== 'engine' || !shared) return;
    const attached = attach && 'url' in attach ? attach.url : undefined;
    if (attach && 'error' in attach) store.getState().notify('error', S.attachRefused(attach.error));
    if (attached) store.getState().notify('info', S.attached(attached));
    return connectEngine(store, {
      // Attached, the app keeps no session of its own: the served cluster is not the learner's sandbox.
      storage: attached ? null : storage(),
      ...(attached ? { factory: remoteWorker(attached) } : {}),
      search: window.location.search,
      ...(embed.embed ? {} : shareStart(shared, (kind, text) => store.getState().notify(kind, text))),
      ...mode.options,
      ...(embed.embed && embed.lesson ? { sessionKey: embedSessionKey(embed.lesson) } : {}),
    });
  }, [store, shared, mode, embed, attach]);
  useEffect(() => reloadOnShareLink(), []);
  return (
    <PanelBoundary name="app" fallback={<AppFailed />}>
      <MotionConfig reducedMotion="user">
        <AppStoreProvider store={store}>
          {mode.kind === 'failed' ? (
            <AppFailed />
          ) : embed.embed ? (
            <EmbedShell params={embed} />
          ) : mode.kind === 'engine' ? (
            <AppShell />
          ) : (
            <LessonPages {...(mode.kind === 'page' && mode.course ? { course: mode.course } : {})} />
          )}
        </AppStoreProvider>
      </MotionConfig>
    </PanelBoundary>
  );
}
