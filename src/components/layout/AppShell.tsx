/**
 * The page: a header with the scenario and the time controls, the timeline, the fault toolbar, the
 * cluster with the narration caption, the side panel (details, desired state) and the bottom panel
 * (events, console). Every panel sits in its own error boundary.
 */
import { useEffect } from 'react';
import { useAppStore } from '../../state/react';
import { useApp } from '../../state/react';
import { S } from '../../strings';
import { FaultToolbar } from '../controls/FaultToolbar';
import { ScenarioPicker } from '../controls/ScenarioPicker';
import { TimeControls } from '../controls/TimeControls';
import { Timeline } from '../controls/Timeline';
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
          <PanelBoundary name={S.scenarioLabel}>
            <ScenarioPicker />
          </PanelBoundary>
          <span className="spacer" />
          <span className="shortcuts">{S.keyboardHelp}</span>
          <NarrationToggle />
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
      <div className="workspace">
        <main id="cluster" className="cluster-area" aria-label={S.clusterPanel} tabIndex={-1}>
          <Starting />
          <PanelBoundary name={S.clusterPanel}>
            <ClusterView />
          </PanelBoundary>
          <Narrator />
        </main>
        <SidePanel />
      </div>
      <BottomPanel />
    </div>
  );
}
