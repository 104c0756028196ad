/**
 * Inputs: everything the learner (or a scenario's timeline) does to the cluster. An apply of manifests,
 * a kubectl command, or a fault. Inputs are plain data so they can be logged with their simulated time
 * and replayed exactly (time travel). An apply is atomic (manifest/apply.ts).
 */
import type { ApplyResult } from './base/diagnostics';
import { runKubectl, terminalText } from './kubectl';
import { applyManifests } from './manifest/apply';
import type { Simulation } from './sim/simulation';
import type { Fault } from './world/faults';
import { runFault } from './world/faults';

export type Input =
  | { readonly type: 'apply'; readonly manifests: string }
  | { readonly type: 'kubectl'; readonly command: string; readonly stdin?: string }
  | { readonly type: 'fault'; readonly fault: Fault };

/** Perform an input now, as an outside actor, and let the controllers react within the same instant. */
export function applyInput(sim: Simulation, input: Input, actor = 'input'): ApplyResult {
  return sim.act(actor, () => executeInput(sim, input));
}

/**
 * Perform an input without draining the work queue: for callers already inside the simulation loop
 * (the scenario timeline controller). Everyone else uses applyInput.
 */
export function executeInput(sim: Simulation, input: Input): ApplyResult {
  switch (input.type) {
    case 'apply':
      return applyManifests(sim.api, input.manifests);
    case 'kubectl': {
      // Writes are made without draining: applyInput (or the simulation loop) lets controllers react.
      const r = runKubectl(input.command, {
        sim,
        nested: true,
        ...(input.stdin !== undefined ? { stdin: input.stdin } : {}),
      });
      return { ok: r.exitCode === 0, message: terminalText(r), exitCode: r.exitCode };
    }
    case 'fault':
      return runFault(sim, input.fault);
  }
}
