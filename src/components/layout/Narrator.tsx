/**
 * The narration line: important moments in plain words, in a polite live region so screen readers read
 * them without interrupting. Shown as a caption under the cluster (useful on a projector too).
 */
import { useApp } from '../../state/react';
import { S } from '../../strings';

export function Narrator() {
  const on = useApp((s) => s.narrationOn);
  const latest = useApp((s) => s.narration[s.narration.length - 1]);
  return (
    // Turned off, the band folds away; the (empty) live region stays so turning it on again is announced.
    <div
      className={`narrator${on ? '' : ' off'}`}
      role="log"
      aria-live="polite"
      aria-label={S.narrationRegion}
    >
      {on && latest && <p key={latest.id}>{latest.text}</p>}
      {on && !latest && <p className="narrator-idle">{S.narrationIdle}</p>}
    </div>
  );
}

export function NarrationToggle() {
  const on = useApp((s) => s.narrationOn);
  const set = useApp((s) => s.setNarrationOn);
  return (
    <label className="toggle">
      <input type="checkbox" checked={on} onChange={(e) => set(e.currentTarget.checked)} />
      {S.narrationToggle}
    </label>
  );
}
