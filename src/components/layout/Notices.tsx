/**
 * Banners for what the learner must know: a worker crash and restart, a discarded saved session, a
 * scenario file with errors (its diagnostics listed as `line:column: message`).
 */
import { useApp } from '../../state/react';
import { S } from '../../strings';
import { Diagnostics } from './Diagnostics';

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
            {n.details && <Diagnostics lines={n.details} />}
          </div>
          <button type="button" className="quiet" onClick={() => dismiss(n.id)}>
            {S.dismiss}
          </button>
        </div>
      ))}
    </div>
  );
}
