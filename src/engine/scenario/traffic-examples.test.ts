/**
 * The two rollout examples tell the probes story of the curriculum (item 11): the same slow-starting model
 * server rolled out without probes fails requests, and with a startup and a readiness probe fails none.
 */
import { describe, expect, it } from 'vitest';
import { observe } from '../world/observe';
import type { TrafficLine } from '../world/observe';
import { loadSimulation } from './build';

const files = import.meta.glob('../../../examples/*rollout*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

function example(name: string): string {
  const text = files[`../../../examples/${name}.yaml`];
  if (text === undefined) throw new Error(`examples/${name}.yaml is missing`);
  return text;
}

/** The model Service's traffic line at every second from..to, and the state at the end. */
function run(name: string, from: number, to: number) {
  const { sim } = loadSimulation(example(name));
  const lines: TrafficLine[] = [];
  for (let t = from; t <= to; t++) {
    sim.runUntil(t);
    const line = observe(sim.store).traffic.find((l) => l.service === 'model');
    if (line) lines.push(line);
  }
  return { lines, end: observe(sim.store) };
}

describe('rollout examples', () => {
  it('rollout-without-probes: requests fail during the rollout', () => {
    const { lines, end } = run('rollout-without-probes', 30, 150);
    const before = lines.slice(0, 30);
    expect(before.every((l) => l.requestsPerSecond === 30 && l.errorsPerSecond === 0)).toBe(true);
    const failed = lines.reduce((a, l) => a + l.errorsPerSecond, 0);
    expect(failed).toBeGreaterThanOrEqual(60);
    expect(end.deployments[0]).toMatchObject({ updatedReplicas: 3, availableReplicas: 3, revision: 2 });
    expect(lines.at(-1)?.errorsPerSecond).toBe(0);
  });

  it('zero-downtime-rollout: not one request fails during the same rollout', () => {
    const { lines, end } = run('zero-downtime-rollout', 30, 150);
    expect(lines).toHaveLength(121);
    expect(lines.every((l) => l.requestsPerSecond === 30 && l.errorsPerSecond === 0)).toBe(true);
    expect(end.deployments[0]).toMatchObject({ updatedReplicas: 3, availableReplicas: 3, revision: 2 });
    expect(end.replicaSets.find((r) => r.image === 'model:1.1')?.readyReplicas).toBe(3);
  });
});
