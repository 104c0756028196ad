/**
 * Optional panels other parts of the app provide. Each is found by path at build time, so the shell builds
 * and works before they exist (with a plain stand-in) and picks them up as soon as they do:
 * - `graph/ClusterGraph.tsx` exports `ClusterGraph` (the animated cluster graph);
 * - `inspector/Inspector.tsx` exports `Inspector` (details of the selected object);
 * - `editor/DesiredStateEditor.tsx` exports `DesiredStateEditor` (the Monaco YAML editor, lazy-loaded);
 * - `console/KubectlConsole.tsx` exports `KubectlConsole` (the kubectl terminal).
 */
import type { ComponentType } from 'react';
import type { Diagnostic, Fault } from '../../engine';
import type { ClusterMirror } from '../../state/mirror';
import { lazyPanel } from './lazyPanel';

/** The graph's props (a subset of graph/ClusterGraph.tsx's ClusterGraphProps). */
export interface GraphProps {
  mirror: ClusterMirror;
  selected?: string | null;
  onSelect(key: string | null): void;
  /** A fault chosen from a pod's or node's context menu. */
  onFault?(fault: Fault): void;
  /** Controller name -> last simulated time it acted. */
  activity?: ReadonlyMap<string, number>;
}

export interface InspectorProps {
  mirror: ClusterMirror;
  selectedKey: string | null;
  /** Show a stored object read-only as `kubectl get -o yaml` (the editor's live view). */
  onOpenYaml?(key: string): void;
}

export interface EditorProps {
  value: string;
  onChange(value: string): void;
  onApply(): void;
  diagnostics: readonly Diagnostic[];
}

const graphs = import.meta.glob<ComponentType<GraphProps>>('../graph/ClusterGraph.tsx', {
  import: 'ClusterGraph',
  eager: true,
});
const inspectors = import.meta.glob<ComponentType<InspectorProps>>('../inspector/Inspector.tsx', {
  import: 'Inspector',
  eager: true,
});
const editors = import.meta.glob<ComponentType<EditorProps>>('../editor/DesiredStateEditor.tsx', {
  import: 'DesiredStateEditor',
});
const consoles = import.meta.glob<ComponentType>('../console/KubectlConsole.tsx', {
  import: 'KubectlConsole',
});

export const ClusterGraphSlot: ComponentType<GraphProps> | undefined = Object.values(graphs)[0];
export const InspectorSlot: ComponentType<InspectorProps> | undefined = Object.values(inspectors)[0];

const loadEditor = Object.values(editors)[0];
export const EditorSlot = loadEditor ? prefetchedSlot(loadEditor) : undefined;

const loadConsole = Object.values(consoles)[0];
export const ConsoleSlot = loadConsole ? prefetchedSlot(loadConsole) : undefined;

/**
 * A lazy slot whose (small) chunk is fetched as soon as the page is idle, and that renders directly once it
 * is there: opening its tab then never shows the stand-in, so nothing typed into the stand-in is lost when
 * the real panel replaces it.
 */
function prefetchedSlot<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const slot = lazyPanel(load);
  if (typeof window !== 'undefined') {
    const idle = window.requestIdleCallback ?? ((f: () => void) => window.setTimeout(f, 200));
    idle(() => void slot.preload().catch(() => undefined));
  }
  return slot.Panel;
}
