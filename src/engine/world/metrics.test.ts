import { describe, expect, it } from 'vitest';
import type { Container, Deployment } from '../api/types';
import { createCluster } from '../cluster';
import {
  containerUsage,
  DEFAULT_MEMORY_MI,
  NODE_OVERHEAD_CPU_MILLIS,
  NODE_OVERHEAD_MEMORY_BYTES,
  podTrafficKey,
} from './metrics';
import { METRICS_RESOLUTION_SECONDS, nodeMetrics, podMetrics } from '../api/metrics';

const MI = 2 ** 20;
const config = {
  seed: 1,
  images: {
    'web:1.0': { baseCpuMillis: 10, cpuMillisPerRequest: 2 },
    'leaky:1.0': { memoryMi: 100, memoryLeakMiPerMinute: 6 },
  },
};

const container = (image: string, limits: Record<string, string> = {}): Container => ({
  name: 'app',
  image,
  resources: { limits },
});

describe('containerUsage', () => {
  it('CPU = baseCpuMillis + cpuMillisPerRequest × requests per second, capped at the CPU limit', () => {
    expect(containerUsage(config, container('web:1.0'), 0, 50, 100).cpuMillis).toBe(110);
    expect(containerUsage(config, container('web:1.0'), 0, 0, 100).cpuMillis).toBe(10);
    expect(containerUsage(config, container('web:1.0', { cpu: '250m' }), 0, 500, 100).cpuMillis).toBe(250);
  });

  it('memory = memoryMi + memoryLeakMiPerMinute × minutes since start, capped at the memory limit', () => {
    expect(containerUsage(config, container('leaky:1.0'), 60, 0, 60).memoryBytes).toBe(100 * MI);
    expect(containerUsage(config, container('leaky:1.0'), 60, 0, 660).memoryBytes).toBe(160 * MI);
    expect(containerUsage(config, container('leaky:1.0', { memory: '128Mi' }), 0, 0, 3600).memoryBytes).toBe(
      128 * MI,
    );
  });

  it('an image that lists nothing idles at 1m CPU and 20 Mi', () => {
    expect(containerUsage(config, container('nginx:1.27'), 0, 100, 500)).toEqual({
      name: 'app',
      cpuMillis: 1,
      memoryBytes: DEFAULT_MEMORY_MI * MI,
    });
  });
});

describe('metrics-server', () => {
  function cluster() {
    const sim = createCluster({ nodes: [{ name: 'node-1' }], images: config.images });
    sim.act('test', () => {
      sim.api.create('Deployment', {
        metadata: { name: 'web', namespace: 'default' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'app', image: 'web:1.0' }] },
          },
        },
      } as Deployment);
    });
    return sim;
  }

  it('scrapes every 15 s; a pod appears once its containers ran one full window', () => {
    const sim = cluster();
    sim.runUntil(15);
    const pods = sim.store.list('Pod');
    expect(pods).toHaveLength(2);
    // Started at about 2 s: not yet one window old at the scrape at 15 s.
    for (const p of pods) expect(podMetrics(sim.store, 'default', p.metadata?.name ?? '')).toBeUndefined();
    sim.runUntil(30);
    const s = podMetrics(sim.store, 'default', pods[0]?.metadata?.name ?? '');
    expect(s).toMatchObject({ timestamp: 30, window: METRICS_RESOLUTION_SECONDS });
    expect(s?.containers).toEqual([{ name: 'app', cpuMillis: 10, memoryBytes: DEFAULT_MEMORY_MI * MI }]);
  });

  it('uses the traffic routed to each pod, and sums pods plus overhead per node', () => {
    const sim = cluster();
    sim.runUntil(30);
    const [a, b] = sim.store.list('Pod').map((p) => p.metadata?.name ?? '');
    sim.store.setRuntime(podTrafficKey('default', a ?? ''), { requestsPerSecond: 50 });
    sim.runUntil(45);
    expect(podMetrics(sim.store, 'default', a ?? '')?.containers[0]?.cpuMillis).toBe(110);
    expect(podMetrics(sim.store, 'default', b ?? '')?.containers[0]?.cpuMillis).toBe(10);
    expect(nodeMetrics(sim.store, 'node-1')).toEqual({
      name: 'node-1',
      timestamp: 45,
      window: METRICS_RESOLUTION_SECONDS,
      cpuMillis: 120 + NODE_OVERHEAD_CPU_MILLIS,
      memoryBytes: 2 * DEFAULT_MEMORY_MI * MI + NODE_OVERHEAD_MEMORY_BYTES,
    });
  });

  it('forgets deleted pods and powered-off nodes', () => {
    const sim = cluster();
    sim.runUntil(30);
    const name = sim.store.list('Pod')[0]?.metadata?.name ?? '';
    sim.act('test', () => sim.api.delete('Pod', 'default', name, { gracePeriodSeconds: 0 }));
    sim.store.setRuntime('node/node-1', { down: true, since: 31 });
    sim.runUntil(45);
    expect(podMetrics(sim.store, 'default', name)).toBeUndefined();
    expect(nodeMetrics(sim.store, 'node-1')).toBeUndefined();
    expect(sim.store.runtimeKeys('metrics/pod/')).toEqual([]);
  });
});
