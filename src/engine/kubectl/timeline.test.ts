/** kubectl entries of a scenario's timeline run in the simulation loop and record what kubectl printed. */
import { describe, expect, it } from 'vitest';
import type { TimelineOutcome } from '../scenario/build';
import { loadSimulation } from '../scenario/build';
import { web } from './testkit';

const SCENARIO = `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata: {name: kubectl-timeline}
spec:
  timeline:
    - {at: 30s, kubectl: "kubectl scale deployment web --replicas=5"}
    - {at: 31s, kubectl: "get deploy web"}
    - {at: 32s, kubectl: "get deploy nope"}
---
${web()}`;

describe('timeline kubectl entries', () => {
  it('run at their time, change the cluster, and keep their output and exit code', () => {
    const { sim } = loadSimulation(SCENARIO);
    sim.runUntil(40);
    const outcome = (i: number) => sim.store.getRuntime<TimelineOutcome>(`scenario-timeline/${i}`);
    expect(outcome(0)).toMatchObject({ t: 30, ok: true, exitCode: 0, message: 'deployment.apps/web scaled' });
    expect(outcome(1)?.message).toBe(
      'NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    5/5     5            5           31s',
    );
    expect(outcome(2)).toMatchObject({
      ok: false,
      exitCode: 1,
      message: 'Error from server (NotFound): deployments.apps "nope" not found',
    });
  });
});
