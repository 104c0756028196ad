/**
 * The channel to the course page: posts events only to `parentOrigin` (never `*`; with no valid origin
 * nothing is posted at all), and hands on only messages that come from the parent window, from exactly that
 * origin, and parse as a known host message. Written against small window-like interfaces so that tests
 * drive it without a browser.
 */
import type { EmbedEvent, HostMessage } from './messages';
import { envelope, parseHostMessage } from './messages';

export interface PostTarget {
  postMessage(message: unknown, targetOrigin: string): void;
}

export interface MessageSourceWindow {
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
}

export interface EmbedBridge {
  /** Whether events can be sent (a valid parentOrigin and a parent window). */
  readonly connected: boolean;
  send(event: EmbedEvent): void;
  /** Listen for valid host messages; returns the unsubscribe. */
  listen(handler: (m: HostMessage) => void): () => void;
}

/** Whether a received message may be acted on: from the parent window, from exactly the named origin. */
export function acceptFrom(
  e: Pick<MessageEvent, 'origin' | 'source'>,
  parentOrigin: string | null,
  parent: unknown,
): boolean {
  return parentOrigin !== null && parent !== null && e.origin === parentOrigin && e.source === parent;
}

export function createBridge(options: {
  parentOrigin: string | null;
  /** window.parent, or null when the page is not framed. */
  parent: PostTarget | null;
  self: MessageSourceWindow;
}): EmbedBridge {
  const { parentOrigin, parent, self } = options;
  const connected = parentOrigin !== null && parent !== null;
  return {
    connected,
    send(event) {
      if (!connected || !parent || !parentOrigin) return;
      try {
        parent.postMessage(envelope(event), parentOrigin);
      } catch {
        // A detached parent: nothing to tell.
      }
    },
    listen(handler) {
      if (!connected) return () => {};
      const onMessage = (e: MessageEvent) => {
        if (!acceptFrom(e, parentOrigin, parent)) return;
        const m = parseHostMessage(e.data);
        if (m) handler(m);
      };
      self.addEventListener('message', onMessage);
      return () => self.removeEventListener('message', onMessage);
    },
  };
}

/** The bridge of this page: framed by `window.parent`, or unconnected when not in an iframe. */
export function pageBridge(parentOrigin: string | null): EmbedBridge {
  const framed = typeof window !== 'undefined' && window.parent !== window;
  return createBridge({ parentOrigin, parent: framed ? window.parent : null, self: window });
}
