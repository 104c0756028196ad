/**
 * Banners for what the learner must know: a worker crash and restart, a discarded saved session, a
 * scenario file with errors (its diagnostics listed as `line:column: message`).
 */
import { useApp } from '../../state/react';
import { S } from '../../strings';

export function Notices() {
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <div className="notice-text">
            <p>{n.text}</p>
            {n.details && n.details.length > 0 && (
              <ul className="diagnostics">
                {n.details.map((d, i) => (
                  <li key={i}>
                    <code>{d}</code>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <button type="button" className="quiet" onClick={() => dismiss(n.id)}>
            {S.dismiss}
          </button>
        </div>
      ))}
    </div>
  );
}
