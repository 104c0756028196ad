/**
 * Engine benchmark: simulated seconds per wall-clock second and peak heap for a rolling update plus a node
 * failure, on three cluster sizes. Run with `npm run bench` (add `--quick` for one repetition, `--json` for
 * machine-readable output). Figures are recorded in docs/benchmarks.md.
 */
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import type { Deployment, Service } from '../engine';
import { History, applyInput, createCluster } from '../engine';

interface Size {
  readonly label: string;
  readonly nodes: number;
  readonly pods: number;
}

const SIZES: readonly Size[] = [
  { label: '3 nodes / 10 pods', nodes: 3, pods: 10 },
  { label: '100 nodes / 1,000 pods', nodes: 100, pods: 1000 },
  { label: '1,000 nodes / 10,000 pods', nodes: 1000, pods: 10000 },
];

/** Simulated seconds the scenario covers: settle, roll out, lose a node, evict and replace. */
const UNTIL = 900;

function deployment(name: string, replicas: number, image: string): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: 'app',
              image,
              resources: { requests: { cpu: '100m', memory: '128Mi' } },
              readinessProbe: { httpGet: { path: '/healthz', port: 8080 } },
            },
          ],
        },
      },
    },
  };
}

const TRAFFIC_RPS = 1000;

function service(name: string): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] },
  };
}

interface Result {
  readonly size: Size;
  readonly wallSeconds: number;
  readonly speed: number;
  readonly peakHeapMiB: number;
  readonly finalPods: number;
}

function runOnce(size: Size, withHistory: boolean, traffic: boolean): Result {
  const start = performance.now();
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().heapUsed));
  const sim = createCluster({
    seed: 1,
    nodes: Array.from({ length: size.nodes }, (_, i) => ({ name: `node-${i + 1}` })),
    images: { 'shop:1.0': { startupSeconds: 2 }, 'shop:2.0': { startupSeconds: 2 } },
  });
  const history = new History(sim, () => undefined, { snapshotEvery: withHistory ? 30 : 1e9 });
  const deployments = Math.max(1, Math.round(size.pods / 100));
  const per = Math.round(size.pods / deployments);
  sim.act('bench', () => {
    for (let i = 0; i < deployments; i++)
      sim.api.create('Deployment', deployment(`app-${i}`, per, 'shop:1.0'));
  });
  if (traffic) {
    // 1,000 requests per second in all, spread over one Service per Deployment.
    sim.act('bench', () => {
      for (let i = 0; i < deployments; i++) sim.api.create('Service', service(`app-${i}`));
    });
    for (let i = 0; i < deployments; i++) {
      applyInput(sim, {
        type: 'fault',
        fault: { type: 'TrafficChange', service: `app-${i}`, requestsPerSecond: TRAFFIC_RPS / deployments },
      });
    }
  }
  const runTo = (end: number) => {
    for (let t = Math.floor(sim.now / 10) * 10 + 10; t <= end; t += 10) {
      history.runUntil(t);
      sample();
    }
  };
  runTo(120);
  sim.act('bench', () => {
    for (let i = 0; i < deployments; i++) {
      sim.api.update('Deployment', deployment(`app-${i}`, per, 'shop:2.0'));
    }
  });
  runTo(300);
  sim.act('bench', () => sim.store.setRuntime('node/node-1', { down: true, since: sim.now }));
  runTo(UNTIL);
  const wallSeconds = (performance.now() - start) / 1000;
  return {
    size,
    wallSeconds,
    speed: UNTIL / wallSeconds,
    peakHeapMiB: peak / 2 ** 20,
    finalPods: sim.store.count('Pod'),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const args = process.argv.slice(2);
const reps = args.includes('--quick') ? 1 : 3;
const only = args.find((a) => a.startsWith('--size='))?.slice(7);
const rows: string[] = [];
console.log(
  `Setpoint engine benchmark: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
);
console.log(
  `Scenario: ${UNTIL} simulated seconds (settle, rolling update at 120 s, node-1 fails at 300 s). ${reps} run(s) each.\n`,
);
console.log('| cluster | traffic | wall time | simulated / wall | peak heap | pods at the end |');
console.log('|---|---|---|---|---|---|');
const modes = args.includes('--no-traffic')
  ? [false]
  : args.includes('--traffic-only')
    ? [true]
    : [false, true];
for (const size of SIZES) {
  if (only && !size.label.startsWith(only)) continue;
  const speeds: number[] = [];
  for (const traffic of modes) {
    const results: Result[] = [];
    for (let i = 0; i < reps; i++) {
      (globalThis as { gc?: () => void }).gc?.();
      results.push(runOnce(size, !args.includes('--no-history'), traffic));
    }
    const speed = median(results.map((r) => r.speed));
    speeds.push(speed);
    const row = `| ${size.label} | ${traffic ? `${TRAFFIC_RPS} req/s` : 'none'} | ${median(results.map((r) => r.wallSeconds)).toFixed(2)} s | ${Math.round(speed)}x | ${Math.round(median(results.map((r) => r.peakHeapMiB)))} MiB | ${results[0]?.finalPods ?? 0} |`;
    rows.push(row);
    console.log(row);
  }
  if (speeds.length === 2)
    console.log(
      `|   | slowdown with traffic: ${((speeds[0] ?? 0) / (speeds[1] ?? 1)).toFixed(2)}x | | | | |`,
    );
}
if (args.includes('--json')) console.log(JSON.stringify(rows));
