import { describe, expect, it } from 'vitest';
import { timestamp } from '../api/meta';
import type { Deployment, Event, HorizontalPodAutoscaler, Pod } from '../api/types';
import { createCluster } from '../cluster';
import { podMetricsKey } from '../api/metrics';
import type { PodMetricsSample } from '../api/metrics';
import { Simulation } from '../sim/simulation';
import { HPA_CONTROLLER, horizontalPodAutoscaler, hpaRuntimeKey } from './hpa';
import type { HpaRt } from './hpa';

const MI = 2 ** 20;

interface Usage {
  readonly cpu: number;
  readonly memoryMi?: number;
}

/** A cluster with only the HPA controller: a Deployment, its pods (Ready long ago) and metrics-server samples. */
function seed(
  replicas: number,
  usage: readonly Usage[],
  opts: { requests?: boolean } = {},
): { sim: Simulation; setUsage(u: readonly Usage[]): void } {
  const sim = new Simulation({ seed: 1, images: {} }, [horizontalPodAutoscaler]);
  const requests =
    opts.requests === false ? {} : { resources: { requests: { cpu: '100m', memory: '100Mi' } } };
  sim.act('test', () => {
    sim.api.create('Namespace', { metadata: { name: 'default' } });
    sim.api.create('Deployment', {
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'app', image: 'web:1.0', ...requests }] },
        },
      },
    } as Deployment);
    usage.forEach((_, i) => {
      sim.store.put<Pod>({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `web-${i}`, namespace: 'default', uid: `uid-${i}`, labels: { app: 'web' } },
        spec: { containers: [{ name: 'app', image: 'web:1.0', ...requests }], nodeName: 'node-1' },
        status: {
          phase: 'Running',
          startTime: timestamp(-1000),
          conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: timestamp(-990) }],
        },
      });
    });
  });
  const setUsage = (u: readonly Usage[]) => {
    u.forEach((x, i) => {
      const sample: PodMetricsSample = {
        namespace: 'default',
        name: `web-${i}`,
        timestamp: sim.now,
        window: 15,
        containers: [{ name: 'app', cpuMillis: x.cpu, memoryBytes: (x.memoryMi ?? 50) * MI }],
      };
      sim.store.setRuntime(podMetricsKey('default', `web-${i}`), sample);
    });
  };
  setUsage(usage);
  return { sim, setUsage };
}

function addHpa(sim: Simulation, spec: Partial<NonNullable<HorizontalPodAutoscaler['spec']>> = {}): void {
  sim.act('test', () =>
    sim.api.create('HorizontalPodAutoscaler', {
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 1,
        maxReplicas: 10,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
          },
        ],
        ...spec,
      },
    }),
  );
}

const hpaOf = (sim: Simulation) => sim.store.get('HorizontalPodAutoscaler', 'default', 'web');
const replicasOf = (sim: Simulation) => sim.store.get('Deployment', 'default', 'web')?.spec?.replicas;
const events = (sim: Simulation): Event[] =>
  sim.store.list('Event').filter((e) => e.source?.component === HPA_CONTROLLER);
const condition = (sim: Simulation, type: string) => {
  const c = hpaOf(sim)?.status?.conditions?.find((x) => x.type === type);
  return c ? [c.status, c.reason, c.message] : undefined;
};

describe('horizontal-pod-autoscaler', () => {
  it('first syncs one period after creation, then scales up within max(2 × current, 4)', () => {
    const { sim } = seed(2, [{ cpu: 200 }, { cpu: 200 }]);
    addHpa(sim);
    sim.runUntil(14);
    expect(hpaOf(sim)?.status).toBeUndefined();
    sim.runUntil(15);
    expect(replicasOf(sim)).toBe(4); // raw proposal ceil(4 × 2) = 8, limited to 4
    const ev = events(sim);
    expect(ev.map((e) => [e.type, e.reason, e.message])).toEqual([
      [
        'Normal',
        'SuccessfulRescale',
        'New size: 4; reason: cpu resource utilization (percentage of request) above target',
      ],
    ]);
    const status = hpaOf(sim)?.status;
    expect(status).toMatchObject({
      currentReplicas: 2,
      desiredReplicas: 4,
      lastScaleTime: timestamp(15),
      currentMetrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', current: { averageUtilization: 200, averageValue: '200m' } },
        },
      ],
    });
    expect(status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      [
        'AbleToScale',
        'True',
        'SucceededRescale',
        'the HPA controller was able to update the target scale to 4',
      ],
      [
        'ScalingActive',
        'True',
        'ValidMetricFound',
        'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
      ],
      [
        'ScalingLimited',
        'True',
        'ScaleUpLimit',
        'the desired replica count is increasing faster than the maximum scale rate',
      ],
    ]);
    // The recommendation history lives in the runtime table, so a snapshot captures it.
    const rt = sim.store.getRuntime<HpaRt>(hpaRuntimeKey('default', 'web'));
    expect(rt?.recommendations).toEqual([
      { replicas: 2, t: 15 },
      { replicas: 8, t: 15 },
    ]);
  });

  it('a new HPA cannot scale down for 5 minutes: its initial recommendation is the current count', () => {
    const { sim, setUsage } = seed(4, [{ cpu: 10 }, { cpu: 10 }, { cpu: 10 }, { cpu: 10 }]);
    addHpa(sim);
    for (let t = 15; t <= 315; t += 15) {
      setUsage([{ cpu: 10 }, { cpu: 10 }, { cpu: 10 }, { cpu: 10 }]);
      sim.runUntil(t);
      expect(replicasOf(sim), `t=${t}`).toBe(4);
    }
    expect(condition(sim, 'AbleToScale')).toEqual([
      'True',
      'ScaleDownStabilized',
      'recent recommendations were higher than current one, applying the highest recent recommendation',
    ]);
    expect(hpaOf(sim)?.status?.desiredReplicas).toBe(4);
    sim.runUntil(330);
    expect(replicasOf(sim)).toBe(1);
    expect(events(sim).map((e) => e.message)).toEqual(['New size: 1; reason: All metrics below target']);
  });

  it('missing requests: FailedGetResourceMetric, ScalingActive False, no scaling', () => {
    const { sim } = seed(2, [{ cpu: 200 }, { cpu: 200 }], { requests: false });
    addHpa(sim);
    sim.runUntil(15);
    expect(replicasOf(sim)).toBe(2);
    const inner = 'failed to get cpu utilization: missing request for cpu in container app of Pod web-0';
    expect(events(sim).map((e) => [e.type, e.reason, e.message])).toEqual([
      ['Warning', 'FailedGetResourceMetric', inner],
      [
        'Warning',
        'FailedComputeMetricsReplicas',
        `invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${inner}`,
      ],
    ]);
    expect(condition(sim, 'ScalingActive')).toEqual([
      'False',
      'FailedGetResourceMetric',
      `the HPA was unable to compute the replica count: ${inner}`,
    ]);
    expect(hpaOf(sim)?.status).toMatchObject({ currentReplicas: 2, desiredReplicas: 0 });
  });

  it('a target at zero replicas disables scaling; outside [min, max] it is brought back', () => {
    const zero = seed(0, []);
    addHpa(zero.sim);
    zero.sim.runUntil(15);
    expect(condition(zero.sim, 'ScalingActive')).toEqual([
      'False',
      'ScalingDisabled',
      'scaling is disabled since the replica count of the target is zero',
    ]);
    expect(replicasOf(zero.sim)).toBe(0);

    const over = seed(12, [{ cpu: 50 }]);
    addHpa(over.sim);
    over.sim.runUntil(15);
    expect(replicasOf(over.sim)).toBe(10);
    expect(events(over.sim).map((e) => e.message)).toEqual([
      'New size: 10; reason: Current number of replicas above Spec.MaxReplicas',
    ]);
  });

  it('several metrics: the largest proposal wins and names the metric', () => {
    const { sim } = seed(2, [
      { cpu: 60, memoryMi: 150 },
      { cpu: 60, memoryMi: 150 },
    ]);
    addHpa(sim, {
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
        },
        {
          type: 'Resource',
          resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 50 } },
        },
      ],
    });
    sim.runUntil(15);
    // cpu: 60 % of 50 → 3; memory: 150 % of 50 → 6, limited to 4 this sync.
    expect(replicasOf(sim)).toBe(4);
    expect(events(sim)[0]?.message).toBe(
      'New size: 4; reason: memory resource utilization (percentage of request) above target',
    );
    expect(hpaOf(sim)?.status?.currentMetrics?.map((m) => m.resource?.current.averageUtilization)).toEqual([
      60, 150,
    ]);
  });

  it('behavior: {} scales 2 → 6 where the legacy path gives 4', () => {
    const { sim } = seed(2, [{ cpu: 250 }, { cpu: 250 }]);
    addHpa(sim, { behavior: {} });
    sim.runUntil(15);
    expect(replicasOf(sim)).toBe(6);
    const rt = sim.store.getRuntime<HpaRt>(hpaRuntimeKey('default', 'web'));
    expect(rt?.scaleUpEvents).toEqual([{ change: 4, t: 15, outdated: false }]);
  });

  it('a missing target: FailedGetScale with the API error', () => {
    const { sim } = seed(1, [{ cpu: 10 }]);
    addHpa(sim, { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nope' } });
    sim.runUntil(15);
    expect(events(sim).map((e) => [e.reason, e.message])).toEqual([
      ['FailedGetScale', 'deployments.apps "nope" not found'],
    ]);
    expect(condition(sim, 'AbleToScale')).toEqual([
      'False',
      'FailedGetScale',
      `the HPA controller was unable to get the target's current scale: deployments.apps "nope" not found`,
    ]);
  });
});

describe('the memory trap', () => {
  it('an HPA on memory for a leaking image scales up and never scales back down', () => {
    const sim = createCluster({
      images: { 'leaky:1.0': { memoryMi: 64, memoryLeakMiPerMinute: 4, baseCpuMillis: 5 } },
    });
    sim.act('test', () => {
      sim.api.create('Deployment', {
        metadata: { name: 'web', namespace: 'default' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              containers: [
                {
                  name: 'app',
                  image: 'leaky:1.0',
                  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '1Gi' } },
                },
              ],
            },
          },
        },
      } as Deployment);
      sim.api.create('HorizontalPodAutoscaler', {
        metadata: { name: 'web', namespace: 'default' },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
          minReplicas: 2,
          maxReplicas: 6,
          metrics: [
            {
              type: 'Resource',
              resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 60 } },
            },
          ],
        },
      });
    });
    const seen: number[] = [];
    for (let t = 0; t <= 2400; t += 15) {
      sim.runUntil(t);
      seen.push(sim.store.get('Deployment', 'default', 'web')?.spec?.replicas ?? 0);
    }
    // Usage only grows, so every proposal is at least the last: the replica count never goes down.
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1] ?? 0);
    expect(seen.at(-1)).toBe(6);
    const hpa = sim.store.get('HorizontalPodAutoscaler', 'default', 'web');
    expect(hpa?.status?.currentMetrics?.[0]?.resource?.current.averageUtilization).toBeGreaterThan(60);
    const messages = sim.store
      .list('Event')
      .filter((e) => e.reason === 'SuccessfulRescale')
      .map((e) => e.message ?? '');
    expect(messages.length).toBeGreaterThan(0);
    expect(
      messages.every((m) => m.endsWith('memory resource utilization (percentage of request) above target')),
    ).toBe(true);
  });
});
