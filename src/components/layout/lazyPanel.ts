/**
 * A component whose code is a chunk of its own. `preload()` fetches it ahead of need (whoever knows it is
 * coming calls it); otherwise its first render does. Once the chunk is here it renders directly, never
 * through Suspense, and a mount decides once which it renders, so a late load never remounts it. Until
 * then it suspends: put a Suspense boundary with a stand-in around it.
 */
import { createElement, lazy, useState } from 'react';
import type { ComponentType } from 'react';

export interface LazyPanel<P extends object> {
  readonly Panel: ComponentType<P>;
  /** Fetch the chunk (once; a failed fetch may be retried). */
  preload(): Promise<void>;
}

export function lazyPanel<P extends object>(load: () => Promise<ComponentType<P>>): LazyPanel<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<{ default: ComponentType<P> }> | undefined;
  const fetchChunk = () =>
    (pending ??= load().then(
      (c) => {
        loaded = c;
        return { default: c };
      },
      (e: unknown) => {
        pending = undefined;
        throw e;
      },
    ));
  const Lazy = lazy(fetchChunk);
  function Panel(props: P) {
    const [Direct] = useState(() => loaded);
    return createElement(Direct ?? Lazy, props);
  }
  return { Panel, preload: () => fetchChunk().then(() => undefined) };
}
