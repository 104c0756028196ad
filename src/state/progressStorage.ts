/**
 * Keeps the store's lesson progress in step with the browser's storage, in every mode: each change is
 * saved merged with what other tabs and frames saved meanwhile, and their saves (a `storage` event, which
 * the browser sends to every other same-origin document) are merged into this store as they happen.
 */
import { PROGRESS_KEY } from '../lessons/ui/progress';
import type { ProgressSync } from '../lessons/ui/progressSync';
import type { AppStore } from './store';

/** The part of a `storage` event read here (a real StorageEvent has it). */
interface StorageChange {
  readonly key: string | null;
  readonly storageArea: Storage | null;
}

/** Where `storage` events arrive: the window, or a stand-in in tests. */
export interface StorageEvents {
  addEventListener(type: 'storage', listener: (e: StorageChange) => void): void;
  removeEventListener(type: 'storage', listener: (e: StorageChange) => void): void;
}

export function connectProgress(
  store: AppStore,
  sync: ProgressSync,
  storage: Storage | null,
  events: StorageEvents | null,
): () => void {
  let progress = store.getState().progress;
  /** Set while this store takes in a merge, which is already in storage or came from it: no save. */
  let adopting = false;
  const adopt = (merged: typeof progress) => {
    adopting = true;
    try {
      progress = merged;
      store.getState().setProgress(merged);
    } finally {
      adopting = false;
    }
  };

  // Changes made before this connection (a share link placing its lesson) are saved now.
  const first = sync.save(progress);
  if (first !== progress) adopt(first);

  const unsubscribe = store.subscribe((s) => {
    if (s.progress === progress || adopting) return;
    progress = s.progress;
    const merged = sync.save(progress);
    if (merged !== progress) adopt(merged);
  });

  const onStorage = (e: StorageChange) => {
    if (e.key !== PROGRESS_KEY || !storage || e.storageArea !== storage) return;
    const s = store.getState();
    const merged = sync.receive(s.progress, s.openLesson?.key);
    if (merged !== s.progress) adopt(merged);
  };
  events?.addEventListener('storage', onStorage);

  return () => {
    unsubscribe();
    events?.removeEventListener('storage', onStorage);
  };
}
