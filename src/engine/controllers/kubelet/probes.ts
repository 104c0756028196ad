/**
 * The kubelet's prober (pkg/kubelet/prober/worker.go): one worker per probe ticking every periodSeconds from
 * the worker's start (the pod's admission), probing once the container has run initialDelaySeconds, acting only after failureThreshold / successThreshold
 * identical results. Left out: probe jitter, timeouts as time spent, gRPC details, HTTP bodies.
 * Ticks whose outcome cannot change anything (a healthy app whose probe already succeeds) are skipped, so a
 * healthy pod needs no timers; the result is the same as ticking every period.
 */
import type { Container, Probe } from '../../api/types';
import type { ProbeState } from './runtime';

export type ProbeKind = 'startup' | 'liveness' | 'readiness';

export const PROBE_NAMES: Readonly<Record<ProbeKind, string>> = {
  startup: 'Startup',
  liveness: 'Liveness',
  readiness: 'Readiness',
};

export function probeOf(c: Container, kind: ProbeKind): Probe | undefined {
  return kind === 'startup' ? c.startupProbe : kind === 'liveness' ? c.livenessProbe : c.readinessProbe;
}

/** Initial results: readiness failure, liveness success, startup unknown. */
export function initialProbe(kind: ProbeKind): ProbeState {
  return {
    result: kind === 'readiness' ? 'failure' : kind === 'liveness' ? 'success' : 'unknown',
    ok: 0,
    fail: 0,
  };
}

export const period = (p: Probe): number => p.periodSeconds || 10;
export const successThreshold = (p: Probe): number => p.successThreshold || 1;
export const failureThreshold = (p: Probe): number => p.failureThreshold || 3;

const EPS = 1e-9;

/** First tick of a probe whose grid starts at `base` (container start + initialDelaySeconds) at or after `t`. */
export function tickAtOrAfter(base: number, every: number, t: number): number {
  if (t <= base + EPS) return base;
  return base + Math.ceil((t - base) / every - EPS) * every;
}

/**
 * When the app answers: from `answersFrom` (start + startupSeconds) until `hungAt`, and again from
 * `recoversAt` (hangForSeconds after the hang) if it recovers by itself. Outside that a probe fails.
 */
export interface AppWindow {
  readonly answersFrom: number;
  readonly hungAt: number;
  readonly recoversAt?: number | undefined;
}

export function answers(w: AppWindow, t: number): boolean {
  if (t < answersFrom(w)) return false;
  return t < w.hungAt || t >= (w.recoversAt ?? Infinity) - EPS;
}

/** The app is hung (stopped answering and not yet recovered) at `t`. */
export function hungAt(w: AppWindow, t: number): boolean {
  return t >= w.hungAt && t < (w.recoversAt ?? Infinity) - EPS;
}

const answersFrom = (w: AppWindow): number => w.answersFrom - EPS;

/** The first moment after `t` at which `answers` may change. */
function nextChange(w: AppWindow, t: number): number {
  let best = Infinity;
  for (const x of [w.answersFrom, w.hungAt, w.recoversAt ?? Infinity]) if (x > t && x < best) best = x;
  return best;
}

/**
 * The next tick of a probe worker that can change something: its very next tick, unless the probe already
 * succeeds steadily, in which case only a tick once the app's answer may have changed matters.
 * Ticks are every period from `base` (the worker's start); none before `from`.
 */
export function nextProbeTick(
  st: ProbeState,
  p: Probe,
  base: number,
  from: number,
  w: AppWindow,
  changedAt = -Infinity,
): number {
  const every = period(p);
  const lower = st.last === undefined ? from : Math.max(from, st.last + every);
  const steady = st.result === 'success' && st.fail === 0;
  // `changedAt`: what the probe reads (the container's files) changed since it last looked. The ticks
  // skipped before the change would have succeeded; the first one at or after it must look again.
  if (steady && changedAt > (st.last ?? -Infinity))
    return tickAtOrAfter(base, every, Math.max(lower, changedAt));
  const t0 = tickAtOrAfter(base, every, lower);
  if (!steady) return t0;
  if (!answers(w, t0)) return t0;
  const change = nextChange(w, t0);
  return Number.isFinite(change) ? tickAtOrAfter(base, every, change) : Infinity;
}

/** What the prober reports when the app does not answer: before it listens, or once it hangs. */
export function probeFailure(p: Probe, c: Container, podIP: string, hung: boolean): string {
  if (p.httpGet) {
    const port = resolvePort(p.httpGet.port, c);
    const scheme = (p.httpGet.scheme ?? 'HTTP').toLowerCase();
    const host = p.httpGet.host || podIP;
    const path = p.httpGet.path || '/';
    const url = `${scheme}://${host}:${port}${path.startsWith('/') ? path : `/${path}`}`;
    return hung
      ? `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`
      : `Get "${url}": dial tcp ${host}:${port}: connect: connection refused`;
  }
  if (p.tcpSocket) {
    const port = resolvePort(p.tcpSocket.port, c);
    const host = p.tcpSocket.host || podIP;
    return hung
      ? `dial tcp ${host}:${port}: i/o timeout`
      : `dial tcp ${host}:${port}: connect: connection refused`;
  }
  if (p.grpc) {
    return `timeout: failed to connect service "${podIP}:${p.grpc.port}" within ${p.timeoutSeconds || 1}s`;
  }
  if (p.exec) {
    // A failing command's message is its output; a hung app makes the command time out.
    return hung ? `command "${(p.exec.command ?? []).join(' ')}" timed out` : '';
  }
  return '';
}

function resolvePort(port: number | string, c: Container): number | string {
  if (typeof port === 'number') return port;
  return c.ports?.find((p) => p.name === port)?.containerPort ?? port;
}
