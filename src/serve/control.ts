/**
 * Time and faults, from outside kubectl: the small /setpoint/v1 endpoint (status, play, pause, step,
 * speed, skip, fault), the same actions typed at the serve command's terminal, and the attach stream an
 * app uses to draw the served cluster live (the worker protocol's messages as server-sent events; the
 * app's own messages come back by POST). Loading another scenario and time travel are refused: real
 * clients hold resourceVersions and watches that a rewound store would betray.
 */
import type { ServerResponse } from 'node:http';
import type { Fault } from '../engine';
import { FAULT_TYPES, timestamp } from '../engine';
import type { ServedCluster } from './cluster';
import { decodeBody, readBody, sendJson } from './http';
import type { IncomingMessage } from 'node:http';
import { badRequest, methodNotAllowed, pathNotFound } from './status';
import { MAX_SPEED, MIN_SPEED, PROTOCOL_VERSION } from '../worker/protocol';
import type { ToWorker, Unversioned } from '../worker/protocol';

export const CONTROL_PREFIX = '/setpoint/v1';

export interface ControlStatus {
  readonly scenario: string;
  /** Simulated seconds since the scenario started. */
  readonly t: number;
  /** The simulated time as the engine stamps objects. */
  readonly time: string;
  readonly playing: boolean;
  readonly skipping: boolean;
  readonly speed: number;
  readonly resourceVersion: string;
}

export function controlStatus(cluster: ServedCluster): ControlStatus {
  const run = cluster.run;
  return {
    scenario: cluster.name,
    t: Math.round(cluster.sim.now * 1000) / 1000,
    time: timestamp(cluster.sim.now),
    playing: run.playing,
    skipping: run.skipping,
    speed: run.speed,
    resourceVersion: String(cluster.resourceVersion),
  };
}

export type ControlAction =
  | { readonly action: 'status' | 'play' | 'pause' | 'step' }
  | { readonly action: 'speed'; readonly speed: number }
  | { readonly action: 'skip'; readonly seconds?: number; readonly events?: boolean }
  | { readonly action: 'fault'; readonly fault: unknown };

export interface ControlResult {
  readonly ok: boolean;
  readonly message: string;
  readonly status: ControlStatus;
}

/** Perform one control action (shared by the HTTP endpoint and the terminal). */
export function control(cluster: ServedCluster, a: ControlAction): ControlResult {
  let message = '';
  let ok = true;
  switch (a.action) {
    case 'status':
      break;
    case 'play':
    case 'pause':
    case 'step':
      cluster.send({ type: a.action });
      break;
    case 'speed':
      if (!Number.isFinite(a.speed) || a.speed < MIN_SPEED || a.speed > MAX_SPEED) {
        return {
          ok: false,
          message: `speed must be a number from ${MIN_SPEED} to ${MAX_SPEED}`,
          status: controlStatus(cluster),
        };
      }
      cluster.send({ type: 'speed', speed: a.speed });
      break;
    case 'skip':
      cluster.send({
        type: 'skip',
        ...(a.seconds !== undefined ? { capSeconds: a.seconds } : {}),
        ...(a.events === false ? { events: false } : {}),
      });
      break;
    case 'fault': {
      const m = cluster.input({ type: 'input', id: 0, input: { type: 'fault', fault: a.fault as Fault } });
      if (m?.type === 'inputResult') {
        ok = m.result.ok;
        message = m.result.message;
      }
      break;
    }
  }
  // The host answers a step at once; play, pause, speed and skip show in its next frame.
  cluster.tick();
  return { ok, message, status: controlStatus(cluster) };
}

function numberOr(v: string | undefined): unknown {
  if (v === undefined) return undefined;
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
}

export const CONSOLE_HELP = [
  'commands: status | play | pause | step | speed <0.25..50> | skip [seconds] | fault <Type> [key=value ...] | help',
  `fault types: ${FAULT_TYPES.join(', ')}`,
  'examples: fault NodeFailure node=node-2 | fault PodCrash selector=app=web | fault ControlPlaneOutage durationSeconds=60',
].join('\n');

/** Parse one line typed at the serve command's terminal into an action, or an error message. */
export function parseConsoleLine(line: string): ControlAction | { error: string } | undefined {
  const words = line.trim().split(/\s+/).filter(Boolean);
  const [cmd, ...args] = words;
  switch (cmd) {
    case undefined:
      return undefined;
    case 'status':
    case 'play':
    case 'pause':
    case 'step':
      return { action: cmd };
    case 'speed': {
      const speed = Number(args[0]);
      return Number.isFinite(speed) ? { action: 'speed', speed } : { error: 'usage: speed <0.25..50>' };
    }
    case 'skip': {
      if (args[0] === undefined) return { action: 'skip' };
      const seconds = Number(args[0]);
      return Number.isFinite(seconds) && seconds > 0
        ? { action: 'skip', seconds }
        : { error: 'usage: skip [seconds]' };
    }
    case 'fault': {
      const [type, ...pairs] = args;
      if (!type) return { error: 'usage: fault <Type> [key=value ...]' };
      const fault: Record<string, unknown> = { type };
      for (const p of pairs) {
        const eq = p.indexOf('=');
        if (eq <= 0) return { error: `expected key=value, not "${p}"` };
        fault[p.slice(0, eq)] = numberOr(p.slice(eq + 1));
      }
      return { action: 'fault', fault };
    }
    default:
      return { error: `unknown command "${cmd}"\n${CONSOLE_HELP}` };
  }
}

/** Origins a browser may call the control endpoint from: loopback pages, plus those given by flag. */
export function allowedOrigin(origin: string | undefined, extra: readonly string[]): string | undefined {
  if (!origin) return undefined;
  if (extra.includes(origin)) return origin;
  try {
    const u = new URL(origin);
    const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
    return loopback && (u.protocol === 'http:' || u.protocol === 'https:') ? origin : undefined;
  } catch {
    return undefined;
  }
}

/** Messages an attached app may send; loading and time travel are the server's to refuse. */
const ATTACH_ALLOWED = new Set(['play', 'pause', 'step', 'speed', 'skip', 'input', 'trackGoal']);

function serveAttachStream(cluster: ServedCluster, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache, private',
    Connection: 'keep-alive',
  });
  const send = (m: unknown) =>
    res.write(`data: ${JSON.stringify({ ...(m as object), v: PROTOCOL_VERSION })}\n\n`);
  send({ type: 'hello', examples: [] });
  const loaded = cluster.loadedMessage;
  if (loaded) send(loaded);
  const off = cluster.onMessage(send);
  cluster.requestSnapshot();
  const beat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  const offClose = cluster.onClose(() => finish());
  const finish = () => {
    off();
    offClose();
    clearInterval(beat);
    if (!res.writableEnded) res.end();
  };
  req.on('close', finish);
}

async function attachMessage(
  cluster: ServedCluster,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const m = decodeBody(
    await readBody(req, 4 * 1024 * 1024),
    'application/json',
  ) as Unversioned<ToWorker> | null;
  if (!m || typeof m !== 'object' || typeof m.type !== 'string')
    throw badRequest('expected a protocol message');
  if (m.type === 'load') {
    // The app (re)starts: it gets this cluster, not the scenario it asked for.
    const loaded = cluster.loadedMessage;
    if (loaded) cluster.broadcast(loaded);
    cluster.requestSnapshot();
  } else if (ATTACH_ALLOWED.has(m.type)) cluster.send(m);
  else {
    cluster.broadcast({
      type: 'error',
      fatal: false,
      message: `"${m.type}" is not available while attached to a served cluster: its clients hold resourceVersions that time travel would rewind`,
    });
  }
  res.writeHead(204);
  res.end();
}

/** Handle a request under /setpoint/v1. */
export async function handleControl(
  cluster: ServedCluster,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  const what = pathname.slice(CONTROL_PREFIX.length).replace(/^\//, '');
  if (what === 'attach') {
    if (req.method === 'GET') return serveAttachStream(cluster, req, res);
    if (req.method === 'POST') return attachMessage(cluster, req, res);
    throw methodNotAllowed();
  }
  if (what === 'status') {
    if (req.method !== 'GET') throw methodNotAllowed();
    sendJson(res, 200, controlStatus(cluster));
    return;
  }
  if (!['play', 'pause', 'step', 'speed', 'skip', 'fault'].includes(what)) throw pathNotFound();
  if (req.method !== 'POST') throw methodNotAllowed();
  const raw = await readBody(req, 64 * 1024);
  const body = (raw.length ? decodeBody(raw, 'application/json') : {}) as Record<string, unknown> | null;
  let action: ControlAction;
  if (what === 'speed') action = { action: 'speed', speed: Number(body?.speed) };
  else if (what === 'skip') {
    const seconds = body?.seconds;
    if (seconds !== undefined && (typeof seconds !== 'number' || !(seconds > 0)))
      throw badRequest('seconds must be a number above 0');
    action = {
      action: 'skip',
      ...(typeof seconds === 'number' ? { seconds } : {}),
      ...(body?.events === false ? { events: false } : {}),
    };
  } else if (what === 'fault') action = { action: 'fault', fault: body };
  else action = { action: what as 'play' | 'pause' | 'step' };
  const result = control(cluster, action);
  sendJson(res, result.ok ? 200 : 422, result);
}
