/**
 * Test helpers for the served API: a ServedCluster on a fake clock, paused, behind a real HTTP server on a
 * free loopback port, and a way to move simulated time forward deterministically.
 */
import type { ServedCluster as Cluster } from './cluster';
import { ServedCluster } from './cluster';
import type { RunningServer } from './server';
import { serve } from './server';

export const SCENARIO = `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata: {name: served}
spec:
  images:
    shop:1.0: {pullSeconds: 1, startupSeconds: 1}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: shop}}
  template:
    metadata: {labels: {app: shop}}
    spec:
      containers: [{name: shop, image: "shop:1.0", ports: [{containerPort: 8080}]}]
`;

export interface Served {
  readonly cluster: Cluster;
  readonly server: RunningServer;
  readonly url: string;
  /** The fake wall clock (epoch ms) clients would read. */
  wall: number;
  /** Run simulated time forward by `seconds` (paused clusters too). */
  advance(seconds: number): void;
  close(): Promise<void>;
}

/** Start a paused served cluster of `text` at wall time `wall` (epoch ms). */
export async function startServed(
  text = SCENARIO,
  wall = Date.UTC(2026, 11, 7, 12, 0, 0),
  watchLogSize?: number,
): Promise<Served> {
  let perf = 0;
  const served = {} as Served;
  served.wall = wall;
  const cluster = new ServedCluster({
    text,
    name: 'served.yaml',
    paused: true,
    now: () => perf,
    wallClock: () => served.wall,
    bookmarkMs: 50,
    ...(watchLogSize !== undefined ? { watchLogSize } : {}),
  });
  const server = await serve(cluster, { port: 0, manualClock: true });
  Object.assign(served, {
    cluster,
    server,
    url: server.url,
    advance(seconds: number) {
      cluster.send({ type: 'skip', capSeconds: seconds, events: false });
      let i = 0;
      do {
        perf += 16;
        cluster.tick();
      } while (cluster.run.skipping && ++i < 100_000);
    },
    close: () => server.close(),
  });
  return served;
}
