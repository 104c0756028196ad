/**
 * Value formatting as kubectl describe prints it: RFC 1123 times with a numeric zone (Go's time.RFC1123Z, in
 * UTC) and resource.Quantity's canonical String(). Ages come from ../../duration.
 */
import { parseQuantity } from '../../../api/quantity';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** "Thu, 01 Jan 2026 09:00:05 +0000" for an RFC 3339 timestamp; Go's zero time when absent. */
export function rfc1123z(ts: string | undefined): string {
  if (ts === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(Date.parse(ts));
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

const BIN: readonly [string, number][] = [
  ['Ei', 2 ** 60],
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];
const DEC: readonly [string, number][] = [
  ['E', 18],
  ['P', 15],
  ['T', 12],
  ['G', 9],
  ['M', 6],
  ['k', 3],
  ['', 0],
  ['m', -3],
  ['u', -6],
  ['n', -9],
];

/** A value in the binary-SI form Quantity.String() picks: the largest suffix that divides it exactly. */
export function binaryQuantity(v: number): string {
  if (!Number.isInteger(v)) return decimalQuantity(v);
  for (const [suffix, size] of BIN) if (v !== 0 && v % size === 0) return `${v / size}${suffix}`;
  return String(v);
}

/** A value in decimal-SI form: the largest power-of-1000 suffix leaving an integer ("500m", "2k", "1"). */
export function decimalQuantity(v: number): string {
  if (v === 0) return '0';
  if (Number.isInteger(v)) {
    for (const [suffix, exp] of DEC) if (exp > 0 && v % 10 ** exp === 0) return `${v / 10 ** exp}${suffix}`;
    return String(v);
  }
  for (const [suffix, exp] of DEC) {
    if (exp >= 0) continue;
    const m = v * 10 ** -exp;
    if (Math.abs(m - Math.round(m)) < 1e-6) return `${Math.round(m)}${suffix}`;
  }
  return `${Math.ceil(v * 1e9)}n`;
}

/** resource.Quantity String() of a written quantity: "0.5" → "500m", "1024Mi" → "1Gi", "2000" → "2k". */
export function canonicalQuantity(q: string | number | undefined): string {
  if (q === undefined) return '0';
  const v = parseQuantity(q);
  if (v === undefined) return String(q);
  const binary = typeof q === 'string' && /[KMGTPE]i$/.test(q.trim());
  return binary ? binaryQuantity(v) : decimalQuantity(v);
}

/** A CPU amount in millicores as Quantity prints it ("250m", "1", "0"). */
export function cpuString(millis: number): string {
  return decimalQuantity(millis / 1000);
}
