import { describe, expect, it } from 'vitest';
import { timestamp } from '../../api/meta';
import type { Pod } from '../../api/types';
import type { PodMetricsSample } from '../../api/metrics';
import { getRawResourceReplicas, getResourceReplicas, groupPods, resourceMetrics } from './replicas';

const NOW = 1000;

interface PodOpts {
  cpu?: string | null;
  phase?: string;
  ready?: 'True' | 'False' | null;
  /** When the pod started (status.startTime). */
  start?: number;
  /** When its Ready condition last changed. */
  transition?: number;
  deleting?: boolean;
}

function pod(name: string, o: PodOpts = {}): Pod {
  const cpu = o.cpu === undefined ? '100m' : o.cpu;
  const ready = o.ready === undefined ? 'True' : o.ready;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      ...(o.deleting ? { deletionTimestamp: timestamp(NOW + 30) } : {}),
    },
    spec: {
      containers: [
        { name: 'app', image: 'web:1.0', ...(cpu === null ? {} : { resources: { requests: { cpu } } }) },
      ],
    },
    status: {
      phase: o.phase ?? 'Running',
      startTime: timestamp(o.start ?? 0),
      ...(ready === null
        ? {}
        : {
            conditions: [
              {
                type: 'Ready',
                status: ready,
                lastTransitionTime: timestamp(o.transition ?? (o.start ?? 0) + 5),
              },
            ],
          }),
    },
  };
}

function sample(name: string, cpuMillis: number, memoryMi = 10, at = NOW): PodMetricsSample {
  return {
    namespace: 'default',
    name,
    timestamp: at,
    window: 15,
    containers: [{ name: 'app', cpuMillis, memoryBytes: memoryMi * 2 ** 20 }],
  };
}

const cpuReplicas = (current: number, target: number, pods: Pod[], samples: PodMetricsSample[]) =>
  getResourceReplicas(current, target, 'cpu', pods, samples, '', NOW);

describe('GetResourceReplicas: ready pods only', () => {
  it('desired = ceil(ratio × ready pods), with an integer-percent utilisation', () => {
    const pods = [pod('a'), pod('b'), pod('c')];
    const r = cpuReplicas(3, 50, pods, [sample('a', 150), sample('b', 150), sample('c', 150)]);
    expect(r).toEqual({ replicas: 9, utilization: 150, rawAverage: 150 }); // ratio 3 over 3 ready pods
  });

  it('utilisation is floor(Σusage·100 / Σrequests), not a rounded average', () => {
    const pods = [pod('a', { cpu: '300m' }), pod('b', { cpu: '300m' })];
    const r = cpuReplicas(2, 10, pods, [sample('a', 100), sample('b', 99)]);
    expect(r.utilization).toBe(33); // 19900 / 600 = 33.17
  });

  it('tolerance 0.1: 0.9 stays (1 − 0.9 ≤ 0.1 in floating point), 1.1 does not (1.1 − 1 > 0.1)', () => {
    const pods = [pod('a'), pod('b'), pod('c')];
    const at = (m: number) => cpuReplicas(3, 50, pods, [sample('a', m), sample('b', m), sample('c', m)]);
    expect(at(45).replicas).toBe(3); // ratio 0.9: inside the band
    expect(at(54).replicas).toBe(3); // ratio 1.08
    expect(at(55).replicas).toBe(4); // ratio 1.1 lies just outside in float64, as in Go: ceil(3.3000000000000003)
    const ten = Array.from({ length: 10 }, (_, i) => pod(`p${i}`));
    const low = (m: number) =>
      cpuReplicas(
        10,
        50,
        ten,
        ten.map((p) => sample(p.metadata?.name ?? '', m)),
      );
    expect(low(45).replicas).toBe(10);
    expect(low(44).replicas).toBe(9); // ratio 0.88: ceil(8.8)
  });

  it('a missing request is an error naming the container and pod', () => {
    const pods = [pod('a'), pod('b', { cpu: null })];
    expect(() => cpuReplicas(2, 50, pods, [sample('a', 50), sample('b', 50)])).toThrow(
      'missing request for cpu in container app of Pod b',
    );
  });

  it('no samples at all, or none from a counted pod, are errors with the real messages', () => {
    expect(() => cpuReplicas(1, 50, [pod('a')], [])).toThrow(
      'unable to get metrics for resource cpu: no metrics returned from resource metrics API',
    );
    expect(() => cpuReplicas(1, 50, [pod('a', { phase: 'Pending' })], [sample('a', 50)])).toThrow(
      'did not receive metrics for targeted pods (pods might be unready)',
    );
  });
});

describe('groupPods', () => {
  const metrics = resourceMetrics(
    ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((n) => sample(n, 50)),
    'cpu',
    '',
  ).metrics;

  it('ignored: deleting or Failed; unready: Pending; missing: no sample', () => {
    const g = groupPods(
      [pod('a', { deleting: true }), pod('b', { phase: 'Failed' }), pod('c', { phase: 'Pending' }), pod('z')],
      metrics,
      'cpu',
      NOW,
    );
    expect([...g.ignored]).toEqual(['a', 'b']);
    expect([...g.unready]).toEqual(['c']);
    expect([...g.missing]).toEqual(['z']);
    expect(g.readyPodCount).toBe(0);
  });

  it('CPU only: no Ready condition, not Ready while initialising, or no full window since becoming Ready', () => {
    const pods = [
      pod('a', { ready: null }),
      pod('b', { start: NOW - 100, ready: 'False' }),
      pod('c', { start: NOW - 100, transition: NOW - 10 }), // Ready 10 s ago: sample window not complete
      pod('d', { start: NOW - 100, transition: NOW - 15 }), // exactly one window: counts
    ];
    const g = groupPods(pods, metrics, 'cpu', NOW);
    expect([...g.unready]).toEqual(['a', 'b', 'c']);
    expect(g.readyPodCount).toBe(1);
    // Memory has no such rule: every pod with a sample counts.
    expect(groupPods(pods, metrics, 'memory', NOW).readyPodCount).toBe(4);
  });

  it('after the 5-minute CPU initialisation: unready only if it has never been ready', () => {
    const pods = [
      pod('e', { start: NOW - 600, ready: 'False', transition: NOW - 600 + 20 }), // within 30 s of start
      pod('f', { start: NOW - 600, ready: 'False', transition: NOW - 60 }), // was ready, went unready later
    ];
    const g = groupPods(pods, metrics, 'cpu', NOW);
    expect([...g.unready]).toEqual(['e']);
    expect(g.readyPodCount).toBe(1);
  });
});

describe('GetResourceReplicas: the conservative pass', () => {
  it('scale-down with a missing pod: it counts as using 100 % of its request', () => {
    const pods = [pod('a'), pod('b'), pod('c'), pod('d')];
    const samples = [sample('a', 10), sample('b', 10), sample('c', 10)];
    // Ready pods alone say 20 % of 50 → 1 replica; with d at 100 %: 130/400 = 32 % → ceil(0.64 × 4) = 3.
    expect(cpuReplicas(4, 50, pods, samples).replicas).toBe(3);
  });

  it('a target above 100 % makes missing pods count at the target on scale-down', () => {
    const pods = [pod('a'), pod('b')];
    // a at 30 % of a 150 % target; b missing counts as 150 %: 180/200 = 90 % → ratio 0.6 → ceil(1.2) = 2.
    expect(cpuReplicas(2, 150, pods, [sample('a', 30)]).replicas).toBe(2);
    // Treated as 100 % instead, the result would have been ceil(130/200/1.5 × 2) = 1.
  });

  it('scale-up with a missing pod: it counts as 0', () => {
    const pods = [pod('a'), pod('b'), pod('c'), pod('d')];
    const samples = [sample('a', 100), sample('b', 100), sample('c', 100)];
    // 200 % of 50 → ratio 2; with d at 0: 300/400 = 75 % → 1.5 × 4 = 6.
    expect(cpuReplicas(4, 50, pods, samples).replicas).toBe(6);
  });

  it('scale-up with unready pods: they count as 0, and a ratio back inside the band keeps the count', () => {
    const pods = [pod('a'), pod('b'), pod('c', { phase: 'Pending' }), pod('d', { phase: 'Pending' })];
    // 100 % of 50 → ratio 2 on the ready pods; with c, d at 0: 200/400 = 50 % → ratio 1 → keep 4.
    expect(cpuReplicas(4, 50, pods, [sample('a', 100), sample('b', 100)]).replicas).toBe(4);
  });

  it('unready pods do not hold back a scale-down', () => {
    const pods = [pod('a'), pod('b'), pod('c', { phase: 'Pending' })];
    // 10 % of 50 → ratio 0.2 over 2 ready pods → ceil(0.4) = 1.
    expect(cpuReplicas(3, 50, pods, [sample('a', 10), sample('b', 10)]).replicas).toBe(1);
  });

  it('a direction flip keeps the current count', () => {
    const pods = [pod('a'), pod('b'), pod('c')];
    // a at 40 % of 50 (ratio 0.8, scale-down); b, c missing at 100 %: 240/300 = 80 % → 1.6: flipped.
    expect(cpuReplicas(3, 50, pods, [sample('a', 40)]).replicas).toBe(3);
  });

  it('a count that moves against the direction keeps the current count', () => {
    const pods = [pod('a'), pod('b'), pod('c'), pod('d', { phase: 'Pending' })];
    // Scale-up 120 % of 100 over a, b, c; with d at 0: 360/400 = 90 % → outside? 0.9 is inside: keep.
    expect(cpuReplicas(6, 100, pods, [sample('a', 120), sample('b', 120), sample('c', 120)]).replicas).toBe(
      6,
    );
    // With d at 0 and 140 %: 420/400 = 105 % → 1.05 inside the band: keep.
    expect(cpuReplicas(6, 100, pods, [sample('a', 140), sample('b', 140), sample('c', 140)]).replicas).toBe(
      6,
    );
    // 200 %: 600/400 = 150 % → ceil(1.5 × 4) = 6 < current 7 while scaling up: keep 7.
    expect(cpuReplicas(7, 100, pods, [sample('a', 200), sample('b', 200), sample('c', 200)]).replicas).toBe(
      7,
    );
  });
});

describe('averageValue targets (calcPlainMetricReplicas)', () => {
  it('scales on the average usage per pod', () => {
    const pods = [pod('a'), pod('b')];
    // 300m average against a 100m target → ceil(3 × 2) = 6.
    const r = getRawResourceReplicas(2, 100, 'cpu', pods, [sample('a', 300), sample('b', 300)], '', NOW);
    expect(r).toEqual({ replicas: 6, rawAverage: 300 });
  });
});
