/**
 * Durations as scenarios and the runner write them: "90s", "5m", "1h", "1m30s", "250ms", or a plain number
 * of seconds. The unit letters are Go's (time.ParseDuration), which is what kubectl flags accept too.
 */

const UNIT_SECONDS: Readonly<Record<string, number>> = { h: 3600, m: 60, s: 1, ms: 0.001 };
const PART = /(\d+(?:\.\d+)?|\.\d+)(ms|h|m|s)/y;
const PLAIN = /^(?:\d+(?:\.\d+)?|\.\d+)$/;

/** Seconds for a duration, or an error message saying what is accepted. Negative durations are refused. */
export function parseDuration(value: unknown): { seconds: number } | { error: string } {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0)
      return { error: `invalid duration ${String(value)}: must be >= 0` };
    return { seconds: value };
  }
  if (typeof value !== 'string')
    return { error: `invalid duration: expected a string like "90s" or a number of seconds` };
  const text = value.trim();
  if (PLAIN.test(text)) return { seconds: Number(text) };
  if (text === '') return { error: 'invalid duration "": expected a duration like "90s", "5m" or "1m30s"' };
  let total = 0;
  let seen = 0;
  let lastUnit = Number.POSITIVE_INFINITY;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const m = PART.exec(text);
    const unit = m ? UNIT_SECONDS[m[2] ?? ''] : undefined;
    // Units must come largest first, each at most once: "1m30s", not "30s1m".
    if (!m || unit === undefined || unit >= lastUnit) {
      return { error: `invalid duration "${value}": expected a duration like "90s", "5m", "1h" or "1m30s"` };
    }
    lastUnit = unit;
    total += Number(m[1]) * unit;
    seen++;
  }
  if (seen === 0)
    return { error: `invalid duration "${value}": expected a duration like "90s", "5m" or "1m30s"` };
  // Keep whole milliseconds so "0.1s" + "0.2s" style sums do not leak float noise into timestamps.
  return { seconds: Math.round(total * 1000) / 1000 };
}

/** A short human form of simulated seconds, as kubectl prints ages: "45s", "2m30s", "1h5m". */
export function formatDuration(seconds: number): string {
  if (seconds < 0) seconds = 0;
  if (seconds < 60) {
    const s = Math.round(seconds * 1000) / 1000;
    return `${s}s`;
  }
  const whole = Math.floor(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  if (h > 0) return `${h}h${m > 0 ? `${m}m` : ''}${s > 0 ? `${s}s` : ''}`;
  return `${m}m${s > 0 ? `${s}s` : ''}`;
}
