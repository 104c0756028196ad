/**
 * Graceful shutdown end to end (kubernetes-behaviour.md §4): a preStop hook and a slow SIGTERM keep a
 * deleted pod serving: its endpoint is not ready, still serving and terminating until the process exits.
 */
import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from '../api/types';
import type { Simulation } from '../sim/simulation';
import { loadSimulation } from './build';

const SCENARIO = `
apiVersion: setpoint.dev/v1alpha1
kind: Scenario
spec:
  images:
    web:1.0: {shutdownSeconds: 10}
  timeline:
    - {at: 20s, kubectl: delete pod web}
---
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  terminationGracePeriodSeconds: 60
  containers:
  - name: web
    image: web:1.0
    readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5}
    lifecycle:
      preStop:
        sleep: {seconds: 15}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
`;

function conditions(sim: Simulation) {
  const slice = sim.store.list('EndpointSlice', 'default')[0] as EndpointSlice | undefined;
  return slice?.endpoints?.map((e) => e.conditions) ?? [];
}

describe('graceful shutdown: preStop, SIGTERM and the endpoint conditions', () => {
  it('serving and terminating through the hook (15 s) and the app shutdown (10 s), gone at 45 s', () => {
    const { sim } = loadSimulation(SCENARIO);
    sim.runUntil(19);
    expect(conditions(sim)).toEqual([{ ready: true, serving: true, terminating: false }]);
    sim.runUntil(44.9);
    expect(sim.store.get('Pod', 'default', 'web')?.metadata?.deletionTimestamp).toBeDefined();
    expect(conditions(sim)).toEqual([{ ready: false, serving: true, terminating: true }]);
    sim.runUntil(45);
    expect(sim.store.get('Pod', 'default', 'web')).toBeUndefined();
    expect(conditions(sim)).toEqual([]);
  });
});
