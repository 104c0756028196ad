/// <reference lib="webworker" />
/**
 * The engine's home in the browser: wires the EngineHost to the worker's messages and a ~60 Hz tick. Any
 * exception that escapes the engine is reported as fatal and the worker stops ticking; the client then
 * starts a fresh worker from the last good state it knows.
 */
import { EngineHost } from './host';
import type { FromWorker, Unversioned } from './protocol';
import { PROTOCOL_VERSION } from './protocol';

const FRAME_MS = 16;

const files = import.meta.glob<string>('../../examples/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const examples: Record<string, string> = {};
for (const [path, text] of Object.entries(files)) {
  const name = /([^/]+)\.yaml$/.exec(path)?.[1];
  if (name) examples[name] = text;
}

let dead = false;

function post(message: Unversioned<FromWorker>): void {
  postMessage({ ...message, v: PROTOCOL_VERSION });
}

function die(e: unknown): void {
  dead = true;
  clearInterval(timer);
  const detail = e instanceof Error ? e.message : String(e);
  console.error('setpoint engine failure:', detail);
  post({ type: 'error', message: detail, fatal: true });
}

const host = new EngineHost({ post, now: () => performance.now(), examples });

const timer = setInterval(() => {
  if (dead) return;
  try {
    host.tick();
  } catch (e) {
    die(e);
  }
}, FRAME_MS);

self.onmessage = (e: MessageEvent<unknown>) => {
  if (dead) return;
  try {
    host.handle(e.data);
  } catch (err) {
    die(err);
  }
};
