/**
 * Attach mode: the app draws a cluster served by `npm run serve` instead of running its own engine. The
 * address comes from `?attach=<url>` and must be a loopback address (127.0.0.1, localhost, [::1]); nothing
 * is contacted unless the learner opens such a link. A remote "worker" speaks the same protocol as the
 * engine worker: the server's messages arrive as server-sent events from <url>/setpoint/v1/attach, and the
 * app's messages are POSTed there. A strict Content-Security-Policy needs that origin in connect-src.
 */
import type { WorkerFactory, WorkerLike } from './client';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The served cluster's origin from `?attach=`, an error for an address that is not local, or nothing. */
export function attachAddress(search: string): { url: string } | { error: string } | undefined {
  const raw = new URLSearchParams(search).get('attach');
  if (raw === null) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { error: raw };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK.has(url.hostname)) {
    return { error: raw };
  }
  return { url: url.origin };
}

const PATH = '/setpoint/v1/attach';

/** A WorkerLike over the served cluster's attach stream. */
export function remoteWorker(origin: string): WorkerFactory {
  return (): WorkerLike => {
    const events = new EventSource(`${origin}${PATH}`);
    let opened = false;
    const worker: WorkerLike = {
      onmessage: null,
      onerror: null,
      onmessageerror: null,
      postMessage(message: unknown) {
        void fetch(`${origin}${PATH}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(message),
        }).catch(() => undefined);
      },
      terminate() {
        events.close();
      },
    };
    events.onopen = () => {
      opened = true;
    };
    events.onmessage = (e: MessageEvent<string>) => {
      let data: unknown;
      try {
        data = JSON.parse(e.data);
      } catch {
        worker.onmessageerror?.(new MessageEvent('messageerror'));
        return;
      }
      worker.onmessage?.(new MessageEvent('message', { data }));
    };
    events.onerror = () => {
      // A stream that was open reconnects by itself (the server then sends hello and a snapshot again);
      // one that never opened means nothing serves at that address.
      if (opened && events.readyState !== EventSource.CLOSED) return;
      events.close();
      worker.onerror?.(new ErrorEvent('error', { message: `no served cluster answers at ${origin}` }));
    };
    return worker;
  };
}
