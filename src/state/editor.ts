/**
 * The editor slice: the learner's desired-state YAML (never thrown away by the app: not by a reload, a
 * worker crash or a failed apply) and the result of the last apply, with positions for the editor.
 */
import type { StateCreator } from 'zustand';
import type { ApplyResult } from '../engine';
import type { AppState } from './store';

export interface EditorSlice {
  yaml: string;
  /** The scenario's own manifests: what "use the scenario's YAML" goes back to. */
  scenarioYaml: string;
  lastApply: ApplyResult | null;
  applying: boolean;
  /** The store key of the live object shown read-only beside the YAML (`kubectl get -o yaml`), or null. */
  liveObjectKey: string | null;
  setYaml(yaml: string): void;
  setScenarioYaml(yaml: string, replaceLearnerYaml: boolean): void;
  /** Send the YAML to the cluster as an apply; resolves with (and records) the result. */
  applyYaml(): Promise<ApplyResult>;
  /** Show a live object ("Deployment/default/shop") read-only in the Desired state tab (inspector, event log). */
  openLiveObject(key: string): void;
  closeLiveObject(): void;
}

export const createEditorSlice: StateCreator<AppState, [], [], EditorSlice> = (set, get) => ({
  yaml: '',
  scenarioYaml: '',
  lastApply: null,
  applying: false,
  liveObjectKey: null,

  setYaml: (yaml) => set({ yaml }),
  setScenarioYaml: (scenarioYaml, replace) =>
    set(replace ? { scenarioYaml, yaml: scenarioYaml, lastApply: null } : { scenarioYaml }),
  applyYaml: async () => {
    set({ applying: true });
    try {
      const result = await get().sendInput({ type: 'apply', manifests: get().yaml });
      set({ lastApply: result });
      return result;
    } finally {
      set({ applying: false });
    }
  },
  openLiveObject: (liveObjectKey) => set({ liveObjectKey, sideTab: 'desired' }),
  closeLiveObject: () => set({ liveObjectKey: null }),
});
