/**
 * Play/Pause, Step, Skip ahead, the speed slider and the simulated clock. Names follow contract 3 of the
 * architecture (buttons `Pause` / `Play`, `Step`, slider `Simulation speed`).
 */
import { formatClock, SPEEDS, speedIndex } from '../../state/format';
import { useApp } from '../../state/react';
import { S } from '../../strings';

export function TimeControls() {
  const playing = useApp((s) => s.playing);
  const skipping = useApp((s) => s.skipping);
  const speed = useApp((s) => s.speed);
  const ready = useApp((s) => s.workerStatus === 'running');
  const togglePlay = useApp((s) => s.togglePlay);
  const step = useApp((s) => s.step);
  const skipAhead = useApp((s) => s.skipAhead);
  const setSpeed = useApp((s) => s.setSpeed);
  const index = speedIndex(speed);

  return (
    <div className="time-controls" role="group" aria-label={S.timeControls}>
      <button type="button" className="primary play" onClick={togglePlay} disabled={!ready}>
        <span aria-hidden="true" className="icon">
          {playing ? '❚❚' : '▶'}
        </span>
        {playing ? S.pause : S.play}
      </button>
      <button type="button" onClick={step} disabled={!ready} title={S.stepHint}>
        <span aria-hidden="true" className="icon">
          ▶❙
        </span>
        {S.step}
      </button>
      <button type="button" onClick={skipAhead} disabled={!ready || skipping} title={S.skipHint}>
        <span aria-hidden="true" className="icon">
          ▶▶
        </span>
        {skipping ? S.skipping : S.skipAhead}
      </button>
      <label className="speed">
        <span className="label-text">{S.speedShort}</span>
        <input
          aria-label={S.speed}
          type="range"
          min={0}
          max={SPEEDS.length - 1}
          step={1}
          value={index}
          aria-valuetext={S.speedValue(SPEEDS[index] ?? 1)}
          onChange={(e) => setSpeed(SPEEDS[Number(e.currentTarget.value)] ?? 1)}
        />
        <output className="speed-value" aria-hidden="true">
          {S.speedValue(SPEEDS[index] ?? 1)}
        </output>
      </label>
      <Clock />
    </div>
  );
}

/** The simulated time, always visible. Not a live region: it changes every frame. */
function Clock() {
  const t = useApp((s) => s.t);
  return (
    <div className="clock" aria-label={S.clockLabel} role="timer">
      t = <span className="clock-value">{formatClock(t)}</span>
    </div>
  );
}
