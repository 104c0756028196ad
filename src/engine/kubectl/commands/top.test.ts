/** kubectl top pods|nodes: metrics-server samples formatted as kubectl's TopCmdPrinter prints them. */
import { describe, expect, it } from 'vitest';
import type { NodeMetricsSample, PodMetricsSample } from '../../api/metrics';
import { nodeMetricsKey, podMetricsKey } from '../../api/metrics';
import type { Simulation } from '../../sim/simulation';
import { cluster, createPod, kubectl, podObject } from './testcluster';

const MI = 2 ** 20;

function podSample(
  sim: Simulation,
  name: string,
  containers: [string, number, number][],
  ns = 'default',
): void {
  const s: PodMetricsSample = {
    namespace: ns,
    name,
    timestamp: sim.now,
    window: 15,
    containers: containers.map(([c, cpu, mem]) => ({ name: c, cpuMillis: cpu, memoryBytes: mem })),
  };
  sim.store.setRuntime(podMetricsKey(ns, name), s);
}

function nodeSample(sim: Simulation, name: string, cpu: number, mem: number): void {
  const s: NodeMetricsSample = { name, timestamp: sim.now, window: 15, cpuMillis: cpu, memoryBytes: mem };
  sim.store.setRuntime(nodeMetricsKey(name), s);
}

/** Three pods with hand-made samples (nothing runs afterwards, so metrics-server does not replace them). */
function sampled(): Simulation {
  const sim = cluster();
  sim.act('test', () => {
    sim.api.create('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  });
  createPod(sim, podObject('web-1', 'shop:1.0'));
  createPod(sim, podObject('api-server-7d4b9', 'shop:1.0'));
  createPod(sim, {
    ...podObject('db-0', 'shop:1.0'),
    metadata: { name: 'db-0', namespace: 'shop', labels: { app: 'db' } },
  });
  podSample(sim, 'web-1', [
    ['web', 250.0004, 128 * MI + 5],
    ['proxy', 3, 9 * MI],
  ]);
  podSample(sim, 'api-server-7d4b9', [['web', 1200, 1.5 * 1024 * MI]]);
  podSample(sim, 'db-0', [['web', 12.5, 300 * MI]], 'shop');
  nodeSample(sim, 'node-1', 1500, 2 * 1024 * MI);
  nodeSample(sim, 'node-3', 75, 410 * MI);
  return sim;
}

describe('top', () => {
  it('says the Metrics API is not available before metrics-server has any sample', () => {
    const sim = cluster();
    expect(kubectl(sim, 'top pods')).toEqual({
      stdout: '',
      stderr: 'error: Metrics API not available',
      exitCode: 1,
    });
    expect(kubectl(sim, 'top nodes').stderr).toBe('error: Metrics API not available');
  });

  it('top pods: NAME CPU(cores) MEMORY(bytes), millicores rounded up, whole MiB, every cell padded', () => {
    const sim = sampled();
    expect(kubectl(sim, 'top pods').stdout).toBe(
      [
        'NAME               CPU(cores)   MEMORY(bytes)   ',
        'api-server-7d4b9   1200m        1536Mi          ',
        'web-1              254m         137Mi           ',
      ].join('\n'),
    );
    expect(kubectl(sim, 'top pod -A --sort-by=memory').stdout).toBe(
      [
        'NAMESPACE   NAME               CPU(cores)   MEMORY(bytes)   ',
        'default     api-server-7d4b9   1200m        1536Mi          ',
        'shop        db-0               13m          300Mi           ',
        'default     web-1              254m         137Mi           ',
      ].join('\n'),
    );
    expect(kubectl(sim, 'top po web-1 --containers').stdout).toBe(
      [
        'POD     NAME    CPU(cores)   MEMORY(bytes)   ',
        'web-1   proxy   3m           9Mi             ',
        'web-1   web     251m         128Mi           ',
      ].join('\n'),
    );
    expect(kubectl(sim, 'top pods -l app=web-1 --no-headers').stdout).toBe('web-1   254m   137Mi   ');
    expect(kubectl(sim, 'top pod nope').stderr).toBe(
      'Error from server (NotFound): podmetrics.metrics.k8s.io "default/nope" not found',
    );
    expect(kubectl(sim, 'top pods --sort-by=name').stderr).toBe(
      'error: --sort-by accepts only cpu or memory',
    );
  });

  it('top nodes: CPU% and MEMORY% of allocatable; nodes without a sample show <unknown>', () => {
    const sim = sampled();
    expect(kubectl(sim, 'top nodes').stdout).toBe(
      [
        'NAME     CPU(cores)   CPU(%)      MEMORY(bytes)   MEMORY(%)   ',
        'node-1   1500m        37%         2048Mi          25%         ',
        'node-3   75m          1%          410Mi           5%          ',
        'node-2   <unknown>    <unknown>   <unknown>       <unknown>   ',
      ].join('\n'),
    );
    expect(kubectl(sim, 'top node node-1 --no-headers').stdout).toBe(
      'node-1   1500m   37%   2048Mi   25%   ',
    );
    expect(kubectl(sim, 'top no node-2').stderr).toBe(
      'Error from server (NotFound): nodemetrics.metrics.k8s.io "node-2" not found',
    );
  });

  it('pods old enough to have metrics but without any are reported by name and age', () => {
    const sim = cluster();
    createPod(sim, podObject('stuck', 'shop:1.0', { resources: { requests: { cpu: '64' } } }));
    sim.runUntil(30);
    expect(kubectl(sim, 'top pods').stderr).toBe('error: metrics not available yet');
    sim.runUntil(125);
    expect(kubectl(sim, 'top pods').stderr).toBe(
      'error: Metrics not available for pod default/stuck, age: 2m5s',
    );
    expect(kubectl(sim, 'top pods -n kube-public')).toEqual({
      stdout: '',
      stderr: 'No resources found in kube-public namespace.',
      exitCode: 0,
    });
  });

  it('reads what the simulated metrics-server scraped', () => {
    const sim = cluster();
    createPod(sim, podObject('web', 'nginx:1.27'));
    sim.runUntil(60);
    expect(kubectl(sim, 'top pods').stdout).toBe(
      ['NAME   CPU(cores)   MEMORY(bytes)   ', 'web    3m           9Mi             '].join('\n'),
    );
    expect(kubectl(sim, 'top nodes').stdout.split('\n')[0]).toBe(
      'NAME     CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   ',
    );
  });
});
