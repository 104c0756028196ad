/**
 * The app: creates the store, connects it to the engine worker (saved session, `?scenario=`, crash
 * restarts) and draws the shell inside a last-resort error boundary. Motion respects the learner's
 * reduced-motion setting everywhere.
 */
import { MotionConfig } from 'motion/react';
import { useEffect, useState } from 'react';
import { connectEngine } from '../state/engine';
import { AppStoreProvider } from '../state/react';
import type { AppStore } from '../state/store';
import { createAppStore } from '../state/store';
import { S } from '../strings';
import { AppShell } from './layout/AppShell';
import { PanelBoundary } from './layout/PanelBoundary';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function App(props: { store?: AppStore }) {
  const [store] = useState(() => props.store ?? createAppStore());
  useEffect(() => connectEngine(store, { storage: storage(), search: window.location.search }), [store]);
  return (
    <PanelBoundary
      name="app"
      fallback={
        <div role="alert" className="app-failed">
          <p>{S.appFailed}</p>
          <button type="button" onClick={() => window.location.reload()}>
            {S.reload}
          </button>
        </div>
      }
    >
      <MotionConfig reducedMotion="user">
        <AppStoreProvider store={store}>
          <AppShell />
        </AppStoreProvider>
      </MotionConfig>
    </PanelBoundary>
  );
}
