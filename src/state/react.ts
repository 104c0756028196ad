/**
 * React access to the app store: a context carrying the store, and `useApp(selector)` for narrow reads
 * (a component re-renders only when what it selects changes).
 */
import { createContext, createElement, useContext } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './store';

const StoreContext = createContext<AppStore | null>(null);

export function AppStoreProvider(props: { store: AppStore; children: ReactNode }) {
  return createElement(StoreContext.Provider, { value: props.store }, props.children);
}

export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('AppStoreProvider is missing');
  return store;
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useAppStore(), selector);
}
