/**
 * The page: a header with the scenario and the time controls, the timeline, the fault toolbar, the
 * cluster with the narration caption, the side panel (details, desired state) and the bottom panel
 * (events, console). Every panel sits in its own error boundary.
 */
import { Suspense, useEffect } from 'react';
import { useAppStore } from '../../state/react';
import { useApp } from '../../state/react';
import { S } from '../../strings';
import { ShareButton } from '../../share/ShareButton';
import { FaultToolbar } from '../controls/FaultToolbar';
import { ScenarioPicker } from '../controls/ScenarioPicker';
import { TimeControls } from '../controls/TimeControls';
import { Timeline } from '../controls/Timeline';
import { PresenterLayer, PresenterToggle } from '../presenter/Presenter';
import { LessonPanel } from '../lesson/lazy';
import { PlacesNav } from '../lesson/PageHeader';
import { ClusterView } from './ClusterView';
import { NarrationToggle, Narrator } from './Narrator';
import { Notices } from './Notices';
import { PanelBoundary } from './PanelBoundary';
import { BottomPanel, SidePanel } from './Panels';

/** Space plays or pauses and "." steps, unless focus is in something that uses those keys itself. */
function useShortcuts() {
  const store = useAppStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Not `defaultPrevented`: the graph library marks Space as its pan key everywhere.
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      const el = e.target as HTMLElement | null;
      if (
        el?.closest(
          'input, textarea, select, button, [contenteditable], dialog, [role="tab"], .monaco-editor',
        )
      )
        return;
      const s = store.getState();
      if (s.workerStatus !== 'running') return;
      if (e.key === ' ') {
        e.preventDefault();
        s.togglePlay();
      } else if (e.key === '.') {
        e.preventDefault();
        s.step();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}

function ScenarioTitle() {
  const name = useApp((s) => s.scenario?.name);
  return <span className="scenario-name">{name ?? ''}</span>;
}

function Starting() {
  const status = useApp((s) => s.workerStatus);
  const empty = useApp((s) => s.mirror.objects.size === 0);
  if (status === 'running' && !empty) return null;
  if (status === 'failed') return null;
  return (
    <p className="starting" role="status">
      {status === 'restarting' ? S.engineRestarting : S.starting}
    </p>
  );
}

export function AppShell() {
  useShortcuts();
  // A lesson puts its panel beside the cluster and takes the scenario picker's place.
  const inLesson = useApp((s) => s.openLesson !== null);
  return (
    <div className="app">
      <a className="skip-link" href="#cluster">
        {S.clusterPanel}
      </a>
      <header className="app-header">
        <div className="header-row">
          <h1 className="brand">
            {S.appName}
            <ScenarioTitle />
          </h1>
          <PlacesNav current={inLesson ? 'lesson' : 'sandbox'} />
          {!inLesson && (
            <PanelBoundary name={S.scenarioLabel}>
              <ScenarioPicker />
            </PanelBoundary>
          )}
          <span className="spacer" />
          <span className="shortcuts">{S.keyboardHelp}</span>
          <NarrationToggle />
          <PresenterToggle />
          <ShareButton />
        </div>
        <div className="header-row time-row">
          <PanelBoundary name={S.timeControls}>
            <TimeControls />
          </PanelBoundary>
          <PanelBoundary name={S.timeline}>
            <Timeline />
          </PanelBoundary>
        </div>
        <PanelBoundary name={S.faultToolbar}>
          <FaultToolbar />
        </PanelBoundary>
      </header>
      <Notices />
      <div className={inLesson ? 'workspace with-lesson' : 'workspace'}>
        {inLesson && (
          <PanelBoundary name={S.lesson.panel}>
            <Suspense fallback={null}>
              <LessonPanel />
            </Suspense>
          </PanelBoundary>
        )}
        <main id="cluster" className="cluster-area" aria-label={S.clusterPanel} tabIndex={-1}>
          <Starting />
          <PanelBoundary name={S.clusterPanel}>
            <ClusterView />
          </PanelBoundary>
          <Narrator />
          <PresenterLayer />
        </main>
        <SidePanel />
      </div>
      <BottomPanel />
    </div>
  );
}
