/** Test helpers for the describe, logs and top tests: small clusters with bare pods of fixed names. */
import type { Container, Pod } from '../../api/types';
import { createCluster } from '../../cluster';
import type { ImageBehaviour } from '../../sim/config';
import type { Simulation } from '../../sim/simulation';
import type { CommandResult } from '../command';
import { runKubectl } from '..';

export const IMAGES: Readonly<Record<string, ImageBehaviour>> = {
  'shop:1.0': { startupSeconds: 2 },
  'shop:2.0': { startupSeconds: 2 },
  'shop:crash': { startupSeconds: 1, exitAfterSeconds: 5, exitCode: 2 },
  'nginx:1.27': { startupSeconds: 1, baseCpuMillis: 3, memoryMi: 9 },
};

export function cluster(): Simulation {
  return createCluster({ images: IMAGES });
}

/** A bare pod named `name` with one container "web" (requests 250m/64Mi, limits 500m/128Mi). */
export function podObject(name: string, image: string, container: Partial<Container> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      containers: [
        {
          name: 'web',
          image,
          ports: [{ containerPort: 8080, name: 'http' }],
          resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
          ...container,
        },
      ],
    },
  };
}

export function createPod(sim: Simulation, pod: Pod): void {
  sim.act('test', () => sim.api.create('Pod', pod));
}

export function kubectl(sim: Simulation, line: string): CommandResult {
  return runKubectl(line, { sim });
}
