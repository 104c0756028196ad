/**
 * Formatting of simulated time and speeds for the UI. Kubernetes' own duration style where kubectl has one
 * (LAST SEEN), a fixed-width clock elsewhere so the header does not jump while the time runs.
 */

/** The header's clock: "0m05s", "2m05s", "1h02m05s" (whole simulated seconds). */
export function formatClock(t: number): string {
  const whole = Math.max(0, Math.floor(Number.isFinite(t) ? t : 0));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m${ss}s` : `${m}m${ss}s`;
}

/**
 * kubectl's HumanDuration, as in the LAST SEEN and AGE columns: "12s", "2m5s", "15m", "3h20m", "5d".
 * (Go: k8s.io/apimachinery/pkg/util/duration.HumanDuration.)
 */
export function humanDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  return `${d}d`;
}

/** The speeds the speed slider offers, slowest first (simulated seconds per second). */
export const SPEEDS: readonly number[] = [0.25, 0.5, 1, 2, 5, 10, 25, 50];

/** The slider position of the offered speed closest to `speed`. */
export function speedIndex(speed: number): number {
  let best = 0;
  SPEEDS.forEach((s, i) => {
    if (Math.abs(Math.log(s / speed)) < Math.abs(Math.log((SPEEDS[best] ?? 1) / speed))) best = i;
  });
  return best;
}

/** "0.25×", "2×", "50×" */
export function formatSpeed(speed: number): string {
  return `${speed}×`;
}
