/**
 * What node components may ask of the graph: select something, open the faults menu. The value is one
 * stable object for the graph's lifetime, so memoised nodes never re-render because of it.
 */
import { createContext, useContext } from 'react';

/** What a context menu is for: a pod or a node. */
export type MenuTarget =
  | { readonly kind: 'pod'; readonly key: string; readonly name: string; readonly namespace: string }
  | { readonly kind: 'node'; readonly key: string; readonly name: string; readonly down: boolean };

export interface GraphActions {
  select(key: string): void;
  openMenu(target: MenuTarget, at: { readonly x: number; readonly y: number }, from: HTMLElement): void;
}

const noop: GraphActions = { select() {}, openMenu() {} };

export const GraphActionsContext = createContext<GraphActions>(noop);

export function useGraphActions(): GraphActions {
  return useContext(GraphActionsContext);
}

/** The keyboard's way to a context menu: the ContextMenu key or Shift+F10. */
export function isMenuKey(e: { key: string; shiftKey: boolean }): boolean {
  return e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10');
}
