/**
 * The event log, in the style of `kubectl get events`: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE, newest
 * first, filterable by object. Clicking an object selects it for the details panel.
 */
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { EventRowIndex, filterEvents } from '../../state/events';
import { humanDuration } from '../../state/format';
import { useApp } from '../../state/react';
import { S } from '../../strings';

/** Rows drawn at most (the newest); the count above the table says how many there are. */
const MAX_ROWS = 200;

export function EventLog() {
  const id = useId();
  const mirror = useDeferredValue(useApp((s) => s.mirror));
  const filter = useApp((s) => s.eventFilter);
  const setFilter = useApp((s) => s.setEventFilter);
  const selectedKey = useApp((s) => s.selectedKey);
  const select = useApp((s) => s.select);
  const [onlySelectedChosen, setOnlySelected] = useState(false);
  const onlySelected = onlySelectedChosen && selectedKey !== null;
  // A cache (its answers depend only on the mirror given), so reading it while rendering is safe.
  const [index] = useState(() => new EventRowIndex());
  const all = useMemo(() => index.read(mirror), [index, mirror]);
  const rows = useMemo(
    () => filterEvents(all, filter, onlySelected ? selectedKey : null),
    [all, filter, onlySelected, selectedKey],
  );
  const now = mirror.t;

  return (
    <div className="event-log">
      <div className="event-tools">
        <label htmlFor={`${id}-filter`}>{S.eventFilter}</label>
        <input
          id={`${id}-filter`}
          type="search"
          value={filter}
          placeholder={S.eventFilterPlaceholder}
          onChange={(e) => setFilter(e.currentTarget.value)}
        />
        {selectedKey && (
          <label className="toggle">
            <input
              type="checkbox"
              checked={onlySelectedChosen}
              onChange={(e) => setOnlySelected(e.currentTarget.checked)}
            />
            {S.eventsOnlySelected}
          </label>
        )}
        <span className="event-count" aria-live="off">
          {S.eventsCaption(rows.length, all.length)}
        </span>
      </div>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={S.eventsTab}>
        {rows.length === 0 ? (
          <p className="empty">{S.noEvents}</p>
        ) : (
          <table className="events">
            <thead>
              <tr>
                <th scope="col">{S.eventColumns.lastSeen}</th>
                <th scope="col">{S.eventColumns.type}</th>
                <th scope="col">{S.eventColumns.reason}</th>
                <th scope="col">{S.eventColumns.object}</th>
                <th scope="col">{S.eventColumns.message}</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, MAX_ROWS).map((r) => (
                <tr key={r.key} className={r.type === 'Warning' ? 'warning' : ''}>
                  <td className="age">{humanDuration(now - r.last)}</td>
                  <td>{r.type}</td>
                  <td>{r.reason}</td>
                  <td>
                    <button type="button" className="link" onClick={() => select(r.objectKey)}>
                      {r.object}
                    </button>
                  </td>
                  <td className="message">
                    {r.message}
                    {r.count > 1 && <span className="count"> (x{r.count})</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
