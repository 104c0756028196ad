/**
 * Test helper: build a ClusterMirror from the real engine, so that graph and inspector tests see exactly
 * what the worker would send (objects and runtime entries), not hand-made fixtures.
 */
import type { Diff, Fault, Kind, KubeObject, Simulation } from '../../engine';
import { applyInput, loadSimulation } from '../../engine';
import type { ClusterMirror } from '../../state/mirror';
import { applyDiffs, createMirror } from '../../state/mirror';

const files = import.meta.glob('../../../examples/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** The text of examples/<name>.yaml. */
export function exampleText(name: string): string {
  const text = files[`../../../examples/${name}.yaml`];
  if (text === undefined) throw new Error(`examples/${name}.yaml is missing`);
  return text;
}

/** Copy every stored object and runtime entry into a mirror, as the worker's diffs would build it. */
export function mirrorOf(sim: Simulation): ClusterMirror {
  const snap = sim.store.snapshot();
  const objects = new Map<string, KubeObject>();
  for (const [kind, m] of snap.objects) {
    for (const [name, o] of m) objects.set(`${kind as Kind}/${name}`, o);
  }
  return createMirror(sim.now, objects, new Map(snap.runtime));
}

/**
 * Mirrors every `step` simulated seconds up to `until`, each built from the one before with the diffs the
 * store recorded in between (as the UI builds them from the worker's frames).
 */
export function mirrorSequence(
  scenario: string,
  until: number,
  step: number,
  faults: readonly { at: number; fault: Fault }[] = [],
): ClusterMirror[] {
  const text = scenario.includes('\n') ? scenario : exampleText(scenario);
  const { sim } = loadSimulation(text);
  let mirror = mirrorOf(sim);
  const out = [mirror];
  let diffs: Diff[] = [];
  const stop = sim.onRecord((r) => diffs.push(r.diff));
  const pending = [...faults].sort((a, b) => a.at - b.at);
  for (let t = step; t <= until; t += step) {
    for (let f = pending[0]; f && f.at <= t; f = pending[0]) {
      pending.shift();
      sim.runUntil(f.at);
      applyInput(sim, { type: 'fault', fault: f.fault });
    }
    sim.runUntil(t);
    // One diff per key, as the worker coalesces a frame's.
    const byKey = new Map<string, Diff>();
    for (const d of diffs) byKey.set(d.key, d);
    diffs = [];
    mirror = applyDiffs(mirror, [...byKey.values()], sim.now);
    out.push(mirror);
  }
  stop();
  return out;
}

/** Load a scenario (an example name or YAML text) and run it to `until` simulated seconds. */
export function run(
  scenario: string,
  until: number,
  faults: readonly { at: number; fault: Fault }[] = [],
): { sim: Simulation; mirror: ClusterMirror } {
  const text = scenario.includes('\n') ? scenario : exampleText(scenario);
  const { sim } = loadSimulation(text);
  for (const f of [...faults].sort((a, b) => a.at - b.at)) {
    sim.runUntil(f.at);
    applyInput(sim, { type: 'fault', fault: f.fault });
  }
  sim.runUntil(until);
  return { sim, mirror: mirrorOf(sim) };
}
