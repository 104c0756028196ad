/** The side panel (details, desired state) and the bottom panel (events, console), each tabbed. */
import { useApp } from '../../state/react';
import { S } from '../../strings';
import { ConsolePanel } from './ConsolePanel';
import { DesiredStatePanel } from './DesiredStatePanel';
import { EventLog } from './EventLog';
import { ObjectDetails } from './ObjectDetails';
import { PanelBoundary } from './PanelBoundary';
import { Tabs } from './Tabs';

export function SidePanel() {
  const tab = useApp((s) => s.sideTab);
  const setTab = useApp((s) => s.setSideTab);
  return (
    <div className="side-panel">
      <Tabs
        label={S.sidePanel}
        tabs={[
          { key: 'details', label: S.detailsTab },
          { key: 'desired', label: S.desiredStateTab },
        ]}
        active={tab}
        onChange={setTab}
      >
        {tab === 'details' ? (
          <PanelBoundary name={S.detailsTab}>
            <ObjectDetails />
          </PanelBoundary>
        ) : (
          <PanelBoundary name={S.desiredStateTab}>
            <DesiredStatePanel />
          </PanelBoundary>
        )}
      </Tabs>
    </div>
  );
}

export function BottomPanel() {
  const tab = useApp((s) => s.bottomTab);
  const setTab = useApp((s) => s.setBottomTab);
  const open = useApp((s) => s.bottomOpen);
  const setOpen = useApp((s) => s.setBottomOpen);
  return (
    <section className={`bottom-panel ${open ? 'open' : 'closed'}`} aria-label={S.bottomPanel}>
      <Tabs
        label={S.bottomPanel}
        tabs={[
          { key: 'events', label: S.eventsTab },
          { key: 'console', label: S.consoleTab },
        ]}
        active={tab}
        onChange={setTab}
        extra={
          <button
            type="button"
            className="quiet collapse"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {open ? S.hidePanel : S.showPanel}
          </button>
        }
      >
        {open &&
          (tab === 'events' ? (
            <PanelBoundary name={S.eventsTab}>
              <EventLog />
            </PanelBoundary>
          ) : (
            <PanelBoundary name={S.consoleTab}>
              <ConsolePanel />
            </PanelBoundary>
          ))}
      </Tabs>
    </section>
  );
}
