/**
 * Presenter mode's own small state (on/off, the shortcuts dialog, the current caption), kept apart from
 * the app store so that the shell's slices stay as they are. `?present=1` turns it on at start-up.
 */
import { createStore } from 'zustand/vanilla';

export interface PresenterState {
  on: boolean;
  helpOpen: boolean;
  caption: { readonly id: number; readonly text: string } | null;
  setOn(on: boolean): void;
  setHelpOpen(open: boolean): void;
  setCaption(text: string | null): void;
}

let nextCaption = 1;

export function createPresenterStore(on = false) {
  return createStore<PresenterState>()((set) => ({
    on,
    helpOpen: false,
    caption: null,
    setOn: (value) => set(value ? { on: true } : { on: false, helpOpen: false, caption: null }),
    setHelpOpen: (helpOpen) => set({ helpOpen }),
    setCaption: (text) => set({ caption: text === null ? null : { id: nextCaption++, text } }),
  }));
}

export type PresenterStore = ReturnType<typeof createPresenterStore>;

/** Whether the address asks for presenter mode (`?present=1`, `?present=true`, `?present`). */
export function presentRequested(search: string): boolean {
  const v = new URLSearchParams(search).get('present');
  return v !== null && v !== '0' && v !== 'false';
}

/** The app's presenter state (one per page). */
export const presenterStore = createPresenterStore(
  typeof window !== 'undefined' && presentRequested(window.location.search),
);
