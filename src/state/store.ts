/**
 * The app's state: one zustand store made of slices (simulation, editor, ui), created without React so
 * its logic is tested directly. Components read it through the narrow selectors in `selectors.ts`.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { EditorSlice } from './editor';
import { createEditorSlice } from './editor';
import type { LessonSlice } from './lesson';
import { createLessonSlice } from './lesson';
import type { SimulationSlice } from './simulation';
import { createSimulationSlice } from './simulation';
import type { UiSlice } from './ui';
import { createUiSlice } from './ui';

export type AppState = SimulationSlice & EditorSlice & UiSlice & LessonSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createSimulationSlice(...a),
    ...createEditorSlice(...a),
    ...createUiSlice(...a),
    ...createLessonSlice(...a),
  }));
}
