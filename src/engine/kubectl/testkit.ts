/** Test helpers: a cluster with a web Deployment, and a one-call kubectl runner. */
import { createCluster } from '../cluster';
import { applyManifests } from '../manifest/apply';
import { Simulation } from '../sim/simulation';
import type { CommandResult } from './command';
import { runKubectl } from './index';

export function web(image = 'nginx:1.25', replicas = 3, name = 'web'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, labels: {app: ${name}}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: web, image: "${image}", ports: [{containerPort: 80}]}]
`;
}

/** The default three-node cluster with `manifests` applied at t=0, run until `until` seconds. */
export function cluster(manifests = web(), until = 60): Simulation {
  const sim = createCluster();
  if (manifests) {
    const r = sim.act('input', () => applyManifests(sim.api, manifests));
    if (!r.ok) throw new Error(r.message);
  }
  sim.runUntil(until);
  return sim;
}

/** A simulation with no controllers: objects put into its store stay exactly as written. */
export function bare(now = 0): Simulation {
  const sim = new Simulation({ seed: 1, images: {} }, []);
  sim.runUntil(now);
  return sim;
}

export function kubectl(sim: Simulation, line: string, stdin?: string): CommandResult {
  return runKubectl(line, stdin === undefined ? { sim } : { sim, stdin });
}
