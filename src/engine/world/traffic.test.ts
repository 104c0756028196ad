import { describe, expect, it } from 'vitest';
import { loadSimulation } from '../scenario/build';
import { applyInput } from '../inputs';
import { observe } from './observe';
import type { Simulation } from '../sim/simulation';
import type { Outcome } from './requests';
import type { PodTraffic, RequestRing, ServiceTraffic } from './traffic';

interface Opts {
  readonly replicas?: number;
  readonly image?: string;
  readonly images?: string;
  readonly rps?: number;
  readonly probes?: string;
  readonly timeline?: string;
}

/** A scenario: Deployment "shop" behind Service "shop" with `rps` requests a second. */
function scenario(o: Opts = {}): string {
  return `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata: { name: t }
spec:
  images: ${o.images ?? '{}'}
  traffic:
    - { service: shop, requestsPerSecond: ${o.rps ?? 30} }
  timeline: ${o.timeline ?? '[]'}
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: shop }
spec:
  replicas: ${o.replicas ?? 3}
  selector: { matchLabels: { app: shop } }
  template:
    metadata: { labels: { app: shop } }
    spec:
      containers:
        - name: shop
          image: ${o.image ?? 'shop:1.0'}
          ports: [{ containerPort: 8080 }]
          resources: { requests: { cpu: 100m } }
${o.probes ?? ''}
---
apiVersion: v1
kind: Service
metadata: { name: shop }
spec:
  selector: { app: shop }
  ports: [{ port: 80, targetPort: 8080 }]
`;
}

function load(o: Opts = {}): Simulation {
  return loadSimulation(scenario(o)).sim;
}

const figures = (sim: Simulation, svc = 'shop') =>
  sim.store.getRuntime<ServiceTraffic>(`traffic/default/${svc}`) as ServiceTraffic;

/** The figures reported at each whole second from..to (inclusive). */
function series(sim: Simulation, from: number, to: number): { t: number; f: ServiceTraffic }[] {
  const out: { t: number; f: ServiceTraffic }[] = [];
  for (let t = from; t <= to; t++) {
    sim.runUntil(t);
    out.push({ t, f: figures(sim) });
  }
  return out;
}

const count = (f: ServiceTraffic, o: Outcome) => f.errors?.[o] ?? 0;

describe('kube-proxy traffic', () => {
  it('spreads requests round-robin over the ready endpoints', () => {
    const sim = load({ rps: 30 });
    sim.runUntil(20);
    const f = figures(sim);
    expect(f).toMatchObject({ requestsPerSecond: 30, errorsPerSecond: 0, requests: 30, endpoints: 3 });
    const pods = observe(sim.store).services[0]?.endpoints ?? [];
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(sim.store.getRuntime<PodTraffic>(`podtraffic/default/${p}`)).toEqual({ requestsPerSecond: 10 });
    }
    // The sampled requests rotate through the pods in order.
    const ring = sim.store.getRuntime<RequestRing>('requests/default/shop')?.samples ?? [];
    const last = ring.slice(-20);
    expect(last).toHaveLength(20);
    expect(last.every((s) => s.ok && s.code === 200 && s.t > 19 && s.t <= 20)).toBe(true);
    const perPod = new Map<string, number>();
    for (const s of last) perPod.set(s.pod ?? '', (perPod.get(s.pod ?? '') ?? 0) + 1);
    expect([...perPod.values()].sort()).toEqual([6, 7, 7]);
    expect(ring.length).toBeLessThanOrEqual(100);
    expect(f.latencyMs?.p50).toBeGreaterThan(1);
    expect(f.latencyMs?.p95).toBeGreaterThan(f.latencyMs?.p50 ?? 0);
    // An uneven split rotates: over 3 seconds 10 requests a second give each pod 10.
    const sim2 = load({ rps: 10 });
    sim2.runUntil(20);
    const seen = new Map<string, number>();
    for (let t = 21; t <= 23; t++) {
      sim2.runUntil(t);
      const ring2 = sim2.store.getRuntime<RequestRing>('requests/default/shop')?.samples ?? [];
      for (const s of ring2.slice(-10)) seen.set(s.pod ?? '', (seen.get(s.pod ?? '') ?? 0) + 1);
    }
    expect([...seen.values()]).toEqual([10, 10, 10]);
  });

  it('answers 503 "no endpoints" while no pod is ready, and costs nothing without traffic', () => {
    const sim = load({ replicas: 0 });
    sim.runUntil(5);
    expect(figures(sim)).toMatchObject({ errorsPerSecond: 30, errors: { 'no-endpoints': 30 }, endpoints: 0 });
    const s = sim.store.getRuntime<RequestRing>('requests/default/shop')?.samples.at(-1);
    expect(s).toMatchObject({ pod: null, ok: false, code: 503, reason: 'no-endpoints' });
    // Setting the load to zero keeps the tick but reports nothing failing.
    applyInput(sim, {
      type: 'fault',
      fault: { type: 'TrafficChange', service: 'shop', requestsPerSecond: 0 },
    });
    sim.runUntil(7);
    expect(figures(sim)).toMatchObject({ requestsPerSecond: 0, errorsPerSecond: 0, requests: 0 });
    // A Service nobody sends requests to has no figures, and no tick runs.
    const quiet = loadSimulation(scenario().replace(/ {2}traffic:\n.*\n/, '')).sim;
    quiet.runUntil(30);
    expect(quiet.store.runtimeKeys('traffic/')).toEqual([]);
    expect(quiet.store.getRuntime('kube-proxy/state')).toBeUndefined();
  });

  it('refuses connections to a failed node until its pods go NotReady (~50 s), then none', () => {
    const sim = load({ timeline: '[{ at: 30s, fault: { type: NodeFailure, node: node-2 } }]' });
    const s = series(sim, 25, 120);
    const refused = s.filter((x) => count(x.f, 'connection-refused') > 0).map((x) => x.t);
    expect(s.find((x) => x.t === 29)?.f.errorsPerSecond).toBe(0);
    expect(refused[0]).toBe(30);
    const last = refused.at(-1) ?? 0;
    // Contiguous from the failure to the NotReady mark (last heartbeat + 50 s, seen by a 5 s monitor pass).
    expect(refused).toEqual(Array.from({ length: last - 29 }, (_, i) => 30 + i));
    expect(last).toBeGreaterThanOrEqual(30 + 38);
    expect(last).toBeLessThanOrEqual(30 + 56);
    // A third of the requests went to the dead node's pod; after the mark, none fail.
    expect(count(s.find((x) => x.t === 40)?.f as ServiceTraffic, 'connection-refused')).toBe(10);
    expect(s.filter((x) => x.t > last).every((x) => x.f.errorsPerSecond === 0)).toBe(true);
    const ring = sim.store.getRuntime<RequestRing>('requests/default/shop')?.samples ?? [];
    expect(ring.every((r) => r.node !== 'node-2')).toBe(true);
  });

  it('sends errors during a rollout when the app needs 8 s to start and has no readiness probe', () => {
    const images = '{ model:1.0: { startupSeconds: 8 }, model:1.1: { startupSeconds: 8 } }';
    const timeline = `
    - at: 60s
      apply: |
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: shop }
        spec:
          replicas: 3
          selector: { matchLabels: { app: shop } }
          template:
            metadata: { labels: { app: shop } }
            spec:
              containers:
                - name: shop
                  image: model:1.1
                  ports: [{ containerPort: 8080 }]
                  resources: { requests: { cpu: 100m } }
PROBES`;
    const probes = `
                  readinessProbe: { httpGet: { path: /healthz, port: 8080 }, periodSeconds: 2 }
                  startupProbe: { httpGet: { path: /healthz, port: 8080 }, periodSeconds: 2, failureThreshold: 30 }`;
    const run = (withProbes: boolean) => {
      const sim = load({
        image: 'model:1.0',
        images,
        timeline: timeline.replace('PROBES', withProbes ? probes.slice(1) : ''),
        probes: withProbes ? probes.slice(1).replace(/^ {8}/gm, '') : '',
      });
      const s = series(sim, 50, 150);
      const dep = observe(sim.store).deployments[0];
      expect(dep).toMatchObject({ updatedReplicas: 3, availableReplicas: 3, revision: 2 });
      return s;
    };
    const bare = run(false);
    const failed = bare.reduce((a, x) => a + x.f.errorsPerSecond, 0);
    expect(failed).toBeGreaterThan(30);
    expect(bare.reduce((a, x) => a + count(x.f, 'not-serving'), 0)).toBe(failed);
    expect(bare.filter((x) => x.t < 60).every((x) => x.f.errorsPerSecond === 0)).toBe(true);
    const probed = run(true);
    expect(probed.reduce((a, x) => a + x.f.errorsPerSecond, 0)).toBe(0);
    expect(probed.every((x) => x.f.requests === 30)).toBe(true);
  });

  it("fails the image's errorRate share of requests with 500, exactly on average", () => {
    const sim = load({ images: '{ shop:1.0: { errorRate: 0.1 } }', rps: 100 });
    sim.runUntil(10);
    const s = series(sim, 11, 30);
    const total = s.reduce((a, x) => a + count(x.f, 'app-error'), 0);
    expect(total).toBe(200);
    expect(s.every((x) => x.f.errorsPerSecond === count(x.f, 'app-error'))).toBe(true);
    const ring = sim.store.getRuntime<RequestRing>('requests/default/shop')?.samples.slice(-20) ?? [];
    expect(ring.filter((r) => r.code === 500).length).toBeGreaterThan(0);
    expect(ring.filter((r) => r.code === 500).every((r) => r.reason === 'app-error' && !r.ok)).toBe(true);
  });

  it('times out (504 after 30 s) the requests sent to a hung app without probes', () => {
    const sim = load({ timeline: '[{ at: 20s, fault: { type: AppHang, selector: app=shop } }]' });
    const s = series(sim, 15, 40);
    expect(s.find((x) => x.t === 19)?.f.errorsPerSecond).toBe(0);
    for (const x of s.filter((y) => y.t >= 20)) {
      expect(count(x.f, 'timeout')).toBe(10);
      expect(x.f.latencyMs?.p95).toBe(30_000);
      expect(x.f.latencyMs?.p50).toBeLessThan(100);
    }
    const hung =
      sim.store.getRuntime<RequestRing>('requests/default/shop')?.samples.filter((r) => !r.ok) ?? [];
    expect(hung.length).toBeGreaterThan(0);
    expect(hung.every((r) => r.code === 504)).toBe(true);
  });

  it('keeps routing with the last endpoints it saw while kube-controller-manager is down', () => {
    const sim = load();
    sim.runUntil(30);
    sim.setComponentDown('kube-controller-manager', true);
    const victim = observe(sim.store).services[0]?.endpoints[0] ?? '';
    sim.act('test', () => sim.api.delete('Pod', 'default', victim));
    sim.runUntil(35);
    // The pod is gone, but the EndpointSlice still lists it: its share of requests is refused.
    expect(sim.store.get('Pod', 'default', victim)).toBeUndefined();
    expect(observe(sim.store).services[0]?.endpoints).toContain(victim);
    const during = series(sim, 36, 50);
    for (const x of during) {
      expect(x.f.requests).toBe(30);
      expect(count(x.f, 'connection-refused')).toBe(10);
      expect(x.f.errorsPerSecond).toBe(10);
    }
    sim.setComponentDown('kube-controller-manager', false);
    const after = series(sim, 51, 70);
    expect(observe(sim.store).services[0]?.endpoints).not.toContain(victim);
    expect(after.filter((x) => x.t >= 52).every((x) => x.f.errorsPerSecond === 0)).toBe(true);
    expect(observe(sim.store).services[0]?.endpoints).toHaveLength(3);
  });

  it('costs endpoints, not requests: a million requests a second are counted, only 20 sampled', () => {
    const sim = load({ rps: 1_000_000 });
    sim.runUntil(10);
    const before = sim.store.getRuntime<RequestRing>('requests/default/shop')?.samples.length ?? 0;
    sim.runUntil(11);
    expect(figures(sim)).toMatchObject({ requests: 1_000_000, errorsPerSecond: 0 });
    const after = sim.store.getRuntime<RequestRing>('requests/default/shop')?.samples ?? [];
    expect(after.filter((r) => r.t > 10)).toHaveLength(20);
    expect(after.length).toBeLessThanOrEqual(Math.max(before, 100));
  });

  it('replays identically from the same seed', () => {
    const a = load({ images: '{ shop:1.0: { errorRate: 0.05 } }' });
    const b = load({ images: '{ shop:1.0: { errorRate: 0.05 } }' });
    a.runUntil(40);
    b.runUntil(40);
    expect(JSON.stringify(figures(a))).toBe(JSON.stringify(figures(b)));
    expect(JSON.stringify(a.store.getRuntime('requests/default/shop'))).toBe(
      JSON.stringify(b.store.getRuntime('requests/default/shop')),
    );
  });
});

describe('an app that is alive but not ready', () => {
  const scenario = (probe: string) => `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
spec:
  images:
    app:1.0: { pullSeconds: 1, startupSeconds: 1, notReadyAfterSeconds: 10, notReadyForSeconds: 20 }
  traffic:
    - { service: app, requestsPerSecond: 10 }
---
apiVersion: v1
kind: Pod
metadata: { name: app, labels: { app: app } }
spec:
  containers:
    - name: app
      image: app:1.0
      ports: [{ containerPort: 8080 }]
${probe}---
apiVersion: v1
kind: Service
metadata: { name: app }
spec:
  selector: { app: app }
  ports: [{ port: 80, targetPort: 8080 }]
`;
  const failedPerSecond = (probe: string) => {
    const sim = loadSimulation(scenario(probe)).sim;
    const out: number[] = [];
    for (let t = 1; t <= 40; t++) {
      sim.runUntil(t);
      out.push(
        sim.store.getRuntime<{ errorsPerSecond: number }>('traffic/default/app')?.errorsPerSecond ?? -1,
      );
    }
    return out;
  };

  it('answers requests with errors in its window when no readiness probe keeps it out of the Service', () => {
    const f = failedPerSecond('');
    // Started at about 1 s: serving from 2 s, not ready from 11 s to 31 s, serving again after.
    expect(f.slice(4, 10).every((n) => n === 0)).toBe(true);
    expect(f.slice(13, 30).every((n) => n === 10)).toBe(true);
    expect(f.slice(34).every((n) => n === 0)).toBe(true);
  });
});
