/**
 * The UI's side of the engine worker: the only file that calls postMessage. It starts the worker, checks
 * the protocol version of everything it receives, and hands frames to one listener.
 */
import type { FromWorker, ToWorker } from './protocol';
import { PROTOCOL_VERSION } from './protocol';

type Omit1<T> = T extends unknown ? Omit<T, 'v'> : never;

export interface EngineClient {
  send(message: Omit1<ToWorker>): void;
  dispose(): void;
}

export function startEngine(onMessage: (m: FromWorker) => void): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    if (e.data?.v !== PROTOCOL_VERSION) {
      onMessage({
        v: PROTOCOL_VERSION,
        type: 'error',
        message: 'The simulation engine is a different version; reload the page.',
      });
      return;
    }
    onMessage(e.data);
  };
  worker.onerror = (e) => {
    e.preventDefault();
    onMessage({ v: PROTOCOL_VERSION, type: 'error', message: 'The simulation engine stopped unexpectedly.' });
  };
  return {
    send: (message) => worker.postMessage({ ...message, v: PROTOCOL_VERSION }),
    dispose: () => worker.terminate(),
  };
}
