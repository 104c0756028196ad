/**
 * kubectl's AGE and "ago" texts: k8s.io/apimachinery/pkg/util/duration.HumanDuration, which drops
 * precision as durations grow (90s, 2m30s, 45m, 5h10m, 20h, 3d4h, 30d, 2y100d), and
 * translateTimestampSince from the table printers, here measured in simulated time.
 */
import { seconds } from '../api/meta';

export function humanDuration(d: number): string {
  const secs = Math.trunc(d);
  if (secs < -1) return '<invalid>';
  if (secs < 0) return '0s';
  if (secs < 60 * 2) return `${secs}s`;
  const minutes = Math.trunc(secs / 60);
  if (minutes < 10) {
    const s = secs % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(secs / 3600);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** "<unknown>" for a missing timestamp, else the human duration from it to `now` (simulated seconds). */
export function since(ts: string | undefined, now: number): string {
  if (!ts) return '<unknown>';
  return humanDuration(now - seconds(ts));
}
