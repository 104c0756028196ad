/**
 * Synthetic container logs: what one run of a container would have written, derived from its image's
 * behaviour and its life (start, ready, probes, traffic, hang, exit). Deterministic (seeded by the pod's
 * uid, the container and the run's start) and bounded: like the kubelet's log rotation, only the newest
 * MAX_LINES lines of a run are kept. Two voices: nginx-like images and a generic application.
 */
import type { Container, Pod, Probe } from '../../../api/types';
import type { ImageBehaviour } from '../../../sim/config';
import { fnv32a } from '../../../base/hash';
import { EPOCH_MS } from '../../../api/meta';

/** Lines kept per container run (the rest "rotated away"). */
export const MAX_LINES = 200;

/** One run of a container: when it started, until when it wrote, and how it ended (if it did). */
export interface Run {
  readonly start: number;
  readonly end: number;
  readonly exit?: { readonly code: number; readonly reason: string } | undefined;
  /** The app stopped answering at this time. */
  readonly hungAt?: number | undefined;
}

export interface LogInput {
  readonly pod: Pod;
  readonly container: Container;
  readonly behaviour: ImageBehaviour & { readonly startupSeconds: number };
  readonly run: Run;
  /** Requests per second the pod receives now (its share of the Service's traffic). */
  readonly requestsPerSecond: number;
}

export interface LogLine {
  readonly t: number;
  readonly text: string;
}

/** A small deterministic stream (xorshift32) for jitter, statuses and picks. */
class Stream {
  private x: number;
  constructor(seed: string) {
    this.x = fnv32a(seed) || 0x9e3779b9;
  }
  next(): number {
    this.x ^= this.x << 13;
    this.x ^= this.x >>> 17;
    this.x ^= this.x << 5;
    return (this.x >>> 0) / 2 ** 32;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
}

const iso = (t: number): string => new Date(EPOCH_MS + Math.round(t * 1000)).toISOString();
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** nginx's error-log time "2026/01/01 09:00:02". */
function nginxTime(t: number): string {
  const d = new Date(EPOCH_MS + Math.floor(t) * 1000);
  return `${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** Common Log Format time "01/Jan/2026:09:00:12 +0000". */
function clfTime(t: number): string {
  const d = new Date(EPOCH_MS + Math.floor(t) * 1000);
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()] ?? ''}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

function isNginx(image: string): boolean {
  const name = image.split('@')[0]?.split('/').pop()?.split(':')[0] ?? '';
  return name.includes('nginx');
}

function imageTag(image: string): string {
  const last = image.split('@')[0]?.split('/').pop() ?? '';
  return last.includes(':') ? last.slice(last.indexOf(':') + 1) : 'latest';
}

const APP_PATHS = [
  '/',
  '/api/items',
  '/api/items/42',
  '/api/cart',
  '/api/orders',
  '/static/app.js',
  '/login',
];
const CLIENT_AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64)',
  'curl/8.5.0',
  'Go-http-client/1.1',
  'python-requests/2.32.3',
];
const CRASH_CAUSES = [
  'required setting DATABASE_URL is not set',
  'dial tcp 10.96.0.20:5432: connect: connection refused',
  'open /etc/app/config.json: no such file or directory',
  'runtime error: index out of range [3] with length 3',
];

interface Voice {
  startup(port: number, tag: string): string[];
  ready(port: number): string;
  request(t: number, client: string, path: string, status: number, agent: string, ms: number): string;
  shutdown(code: number): string[];
  crash(t: number, code: number, cause: string): string[];
  heap(t: number, mi: number): string | undefined;
  stamp(t: number, text: string): string;
}

const nginx: Voice = {
  startup: (_port, tag) => [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
    '/docker-entrypoint.sh: Configuration complete; ready for start up',
    `\u0000[notice] 1#1: using the "epoll" event method`,
    `\u0000[notice] 1#1: nginx/${/^\d/.test(tag) ? tag : '1.27.3'}`,
    '\u0000[notice] 1#1: OS: Linux 6.12.0',
  ],
  ready: () => '\u0000[notice] 1#1: start worker processes',
  request: (t, client, path, status, agent) =>
    `${client} - - [${clfTime(t)}] "GET ${path} HTTP/1.1" ${status} ${status === 200 ? 615 : 157} "-" "${agent}" "-"`,
  shutdown: () => [
    '\u0000[notice] 1#1: signal 3 (SIGQUIT) received, shutting down',
    '\u0000[notice] 29#29: gracefully shutting down',
    '\u0000[notice] 29#29: exiting',
    '\u0000[notice] 1#1: exit',
  ],
  crash: () => [
    '\u0000[emerg] 1#1: host not found in upstream "backend:8080" in /etc/nginx/conf.d/default.conf:4',
    'nginx: [emerg] host not found in upstream "backend:8080" in /etc/nginx/conf.d/default.conf:4',
  ],
  heap: () => undefined,
  stamp: (t, text) => text.replace('\u0000', `${nginxTime(t)} `),
};

const app: Voice = {
  startup: (_port, tag) => [
    `\u0000INFO  starting server version=${tag} pid=1`,
    '\u0000INFO  loading configuration from environment',
  ],
  ready: (port) => `\u0000INFO  listening on :${port}`,
  request: (_t, client, path, status, _agent, ms) =>
    `\u0000${status >= 500 ? 'ERROR' : 'INFO '} GET ${path} status=${status} duration=${ms}ms remote=${client}`,
  shutdown: () => ['\u0000INFO  received SIGTERM, shutting down gracefully', '\u0000INFO  server stopped'],
  crash: (_t, code, cause) => [`\u0000ERROR fatal: ${cause}`, `\u0000ERROR exiting with status ${code}`],
  heap: (_t, mi) => `\u0000WARN  heap in use ${mi}Mi and growing`,
  stamp: (t, text) => text.replace('\u0000', `${iso(t)} `),
};

function httpProbes(c: Container): Probe[] {
  return [c.startupProbe, c.livenessProbe, c.readinessProbe].filter(
    (p): p is Probe => p?.httpGet !== undefined,
  );
}

function portOf(c: Container): number {
  return c.ports?.[0]?.containerPort ?? 8080;
}

/** Every line of one run, oldest first, at most MAX_LINES (the newest ones). */
export function runLogs(input: LogInput): LogLine[] {
  const { pod, container: c, behaviour: b, run } = input;
  const voice = isNginx(c.image ?? '') ? nginx : app;
  const rng = new Stream(`${pod.metadata?.uid ?? ''}/${c.name}/${run.start}`);
  const lines: LogLine[] = [];
  const add = (t: number, text: string) => {
    if (t <= run.end) lines.push({ t, text });
  };
  const port = portOf(c);
  voice.startup(port, imageTag(c.image ?? '')).forEach((l, i) => add(run.start + i * 0.001, l));
  const readyAt = run.start + b.startupSeconds;
  add(readyAt, voice.ready(port));
  const serveEnd = Math.min(run.end, run.hungAt ?? Infinity);

  // The kubelet's HTTP probes, logged as requests from the node's bridge address.
  const bridge = `${(pod.status?.podIP ?? '10.244.0.2').split('.').slice(0, 3).join('.')}.1`;
  for (const p of httpProbes(c)) {
    const period = p.periodSeconds ?? 10;
    const first = run.start + (p.initialDelaySeconds ?? 0) + period * rng.next();
    const from = Math.max(first, serveEnd - period * MAX_LINES);
    const k0 = Math.max(0, Math.ceil((from - first) / period));
    for (let t = first + k0 * period; t < serveEnd; t += period) {
      if (t >= readyAt) add(t, voice.request(t, bridge, p.httpGet?.path ?? '/', 200, 'kube-probe/1.34', 1));
    }
  }

  // Client requests at the pod's current rate; only the newest can survive rotation, so only those are made.
  const rate = input.requestsPerSecond;
  if (rate > 0 && serveEnd > readyAt) {
    const n = Math.floor((serveEnd - readyAt) * rate);
    for (let k = Math.max(0, n - MAX_LINES); k < n; k++) {
      const t = readyAt + (k + rng.next()) / rate;
      const status = rng.next() < (b.errorRate ?? 0) ? 500 : 200;
      const client = `10.244.${Math.floor(rng.next() * 4)}.${2 + Math.floor(rng.next() * 200)}`;
      const ms = 2 + Math.floor(rng.next() * 40);
      add(t, voice.request(t, client, rng.pick(APP_PATHS), status, rng.pick(CLIENT_AGENTS), ms));
    }
  }

  // A leaking process says so now and then.
  const leak = b.memoryLeakMiPerMinute ?? 0;
  if (leak > 0) {
    const first = run.start + 60 * Math.max(1, Math.ceil((run.end - run.start) / 60) - MAX_LINES);
    for (let t = first; t < run.end; t += 60) {
      const text = voice.heap(t, Math.round((b.memoryMi ?? 20) + (leak * (t - run.start)) / 60));
      if (text) add(t, text);
    }
  }

  // How the run ended: graceful stop, its own exit, or nothing at all when it was killed.
  const exit = run.exit;
  if (exit) {
    const end = run.end;
    if (exit.code === 143) voice.shutdown(exit.code).forEach((l, i) => add(end - 0.5 + i * 0.001, l));
    else if (exit.code === 0 && exit.reason === 'Completed') add(end, '\u0000INFO  work complete, exiting');
    else if (exit.code !== 137 && exit.code !== 255) {
      const cause = new Stream(pod.metadata?.uid ?? '').pick(CRASH_CAUSES);
      voice.crash(end, exit.code, cause).forEach((l, i) => add(end - 0.01 + i * 0.001, l));
    }
  }

  lines.sort((a, b2) => a.t - b2.t);
  return lines
    .slice(-MAX_LINES)
    .map((l) => ({ t: l.t, text: voice.stamp(l.t, l.text).replace('\u0000', '') }));
}

/** --timestamps: the kubelet's RFC 3339 time with nanoseconds before each line. */
export function withTimestamp(l: LogLine): string {
  const ms = Math.round(l.t * 1000);
  const base = new Date(EPOCH_MS + ms).toISOString().slice(0, -1);
  const extra = String(fnv32a(`${l.t}`) % 1_000_000).padStart(6, '0');
  return `${base}${extra}Z ${l.text}`;
}
