/**
 * The editor slice: the learner's desired-state YAML (never thrown away by the app: not by a reload, a
 * worker crash or a failed apply) and the result of the last apply, with positions for the editor.
 */
import type { StateCreator } from 'zustand';
import type { ApplyResult } from '../engine/sim/inputs';
import type { AppState } from './store';

export interface EditorSlice {
  yaml: string;
  /** The scenario's own manifests: what "use the scenario's YAML" goes back to. */
  scenarioYaml: string;
  lastApply: ApplyResult | null;
  applying: boolean;
  setYaml(yaml: string): void;
  setScenarioYaml(yaml: string, replaceLearnerYaml: boolean): void;
  /** Send the YAML to the cluster as an apply; resolves with (and records) the result. */
  applyYaml(): Promise<ApplyResult>;
}

export const createEditorSlice: StateCreator<AppState, [], [], EditorSlice> = (set, get) => ({
  yaml: '',
  scenarioYaml: '',
  lastApply: null,
  applying: false,

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
});
