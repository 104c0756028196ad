/**
 * The kubelet's prober (pkg/kubelet/prober/worker.go): one worker per probe ticking every periodSeconds from
 * the container's start plus initialDelaySeconds, acting only after failureThreshold / successThreshold
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
  if (t <= base) return base;
  return base + Math.ceil((t - base) / every - EPS) * every;
}

/**
 * When the app answers: from `answersFrom` (start + startupSeconds) until `hungAt`. Outside that window a
 * probe fails.
 */
export interface AppWindow {
  readonly answersFrom: number;
  readonly hungAt: number;
}

export function answers(w: AppWindow, t: number): boolean {
  return t >= answersFrom(w) && t < w.hungAt;
}

const answersFrom = (w: AppWindow): number => w.answersFrom - EPS;

/**
 * The next tick of a probe worker that can change something: its very next tick, unless the probe already
 * succeeds steadily, in which case only a failing tick (before the app answers, or once it hangs) matters.
 */
export function nextProbeTick(st: ProbeState, p: Probe, base: number, from: number, w: AppWindow): number {
  const every = period(p);
  const lower = st.last === undefined ? from : Math.max(from, st.last + every);
  const t0 = tickAtOrAfter(base, every, lower);
  const steady = st.result === 'success' && st.fail === 0;
  if (!steady) return t0;
  if (!answers(w, t0)) return t0;
  return Number.isFinite(w.hungAt) ? tickAtOrAfter(base, every, Math.max(t0, w.hungAt)) : Infinity;
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
