/**
 * The timeline scrubber: a range input over simulated time from 0 to the branch's horizon, with markers
 * for the scenario's timeline and the learner's inputs (a marker ahead of now is a logged future that will
 * replay unless the learner acts first, which branches and discards it).
 */
import { useMemo } from 'react';
import type { Input } from '../../engine';
import { formatClock } from '../../state/format';
import { useApp } from '../../state/react';
import { S } from '../../strings';

function inputLabel(input: Input): string {
  if (input.type === 'fault') return S.inputLabel[input.fault.type] ?? input.fault.type;
  if (input.type === 'apply' && /-broken"/.test(input.manifests)) return S.inputLabel.BadRollout ?? 'apply';
  if (input.type === 'kubectl') return `kubectl ${input.command}`;
  return S.inputLabel[input.type] ?? input.type;
}

export function Timeline() {
  const t = useApp((s) => s.t);
  const horizon = useApp((s) => s.horizon);
  const inputs = useApp((s) => s.inputs);
  const timeline = useApp((s) => s.timeline);
  const seek = useApp((s) => s.seek);
  const reset = useApp((s) => s.reset);
  const ready = useApp((s) => s.workerStatus === 'running');
  const end = Math.max(horizon, t, 1);

  const markers = useMemo(
    () => [
      ...timeline
        .filter((m) => m.t <= end)
        .map((m, i) => ({
          id: `s${i}`,
          t: m.t,
          kind: 'scenario' as const,
          label: S.inputLabel[m.label] ?? m.label,
        })),
      ...inputs.map((m, i) => ({
        id: `l${i}`,
        t: m.t,
        kind: 'learner' as const,
        label: inputLabel(m.input),
      })),
    ],
    [timeline, inputs, end],
  );

  return (
    <div className="timeline">
      <label className="timeline-label" htmlFor="timeline-range">
        {S.timelineShort}
      </label>
      <div className="timeline-track">
        <ul className="markers" aria-label={S.markers}>
          {markers.map((m) => (
            <li key={m.id} style={{ left: `${(m.t / end) * 100}%` }}>
              <button
                type="button"
                className={`marker ${m.kind} ${m.t > t ? 'future' : ''}`}
                aria-label={
                  m.kind === 'learner' ? S.markerLearner(m.t, m.label) : S.markerScenario(m.t, m.label)
                }
                title={`${formatClock(m.t)} ${m.label}`}
                disabled={!ready}
                onClick={() => seek(m.t)}
              />
            </li>
          ))}
        </ul>
        <input
          id="timeline-range"
          aria-label={S.timeline}
          type="range"
          min={0}
          max={end}
          step={1}
          value={Math.min(t, end)}
          disabled={!ready}
          aria-valuetext={S.timelineValue(t, end)}
          onChange={(e) => seek(Number(e.currentTarget.value))}
        />
      </div>
      <span className="timeline-end" aria-hidden="true">
        {formatClock(end)}
      </span>
      <button type="button" className="quiet" onClick={reset} disabled={!ready} title={S.resetHint}>
        {S.reset}
      </button>
    </div>
  );
}
