/**
 * The UI's side of the engine worker: the only file that calls postMessage. It starts the worker, checks
 * the protocol version of everything it receives, hands messages to one listener, and reports a crash
 * (an uncaught error in the worker, or a fatal error message) to another, which restarts a worker.
 */
import type { FromWorker, ToWorker, Unversioned } from './protocol';
import { PROTOCOL_VERSION } from './protocol';

export interface EngineClient {
  send(message: Unversioned<ToWorker>): void;
  dispose(): void;
}

/** The part of a Worker the client uses (tests pass a fake). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
}

export type WorkerFactory = () => WorkerLike;

export const startWorker: WorkerFactory = () =>
  new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'setpoint-engine' });

export interface EngineListeners {
  message(m: FromWorker): void;
  /** The worker died or reported a fatal error: this client is finished. */
  crash(detail: string): void;
  /** A message from a different protocol version (a stale tab after an upgrade). */
  mismatch(): void;
}

export function startEngine(listeners: EngineListeners, factory: WorkerFactory = startWorker): EngineClient {
  const worker = factory();
  let alive = true;
  const crash = (detail: string) => {
    if (!alive) return;
    alive = false;
    worker.terminate();
    listeners.crash(detail);
  };
  worker.onmessage = (e: MessageEvent) => {
    if (!alive) return;
    const m = e.data as FromWorker | undefined;
    if (!m || typeof m !== 'object' || m.v !== PROTOCOL_VERSION) {
      listeners.mismatch();
      return;
    }
    if (m.type === 'error' && m.fatal) {
      crash(m.message);
      return;
    }
    listeners.message(m);
  };
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault?.();
    crash(e.message || 'worker error');
  };
  worker.onmessageerror = () => crash('a message could not be read');
  return {
    send: (message) => {
      if (alive) worker.postMessage({ ...message, v: PROTOCOL_VERSION });
    },
    dispose: () => {
      alive = false;
      worker.terminate();
    },
  };
}
