import { describe, expect, it } from 'vitest';
import { podDnsName, serviceDnsName } from '../api/dns';
import type { EndpointSlice, Pod, Service } from '../api/types';
import { loadSimulation } from '../scenario/build';
import type { Simulation } from '../sim/simulation';
import { MANAGED_BY, MANAGED_BY_LABEL, routedEndpoints, SERVICE_NAME_LABEL } from './endpointslice';

function cluster(replicas: number, extra = '', grace = 30): Simulation {
  return loadSimulation(`apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata: { name: t }
spec: {}
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      terminationGracePeriodSeconds: ${grace}
      containers:
        - name: web
          image: web:1.0
          resources: { requests: { cpu: 10m } }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: 8080 }]
${extra}`).sim;
}

const slices = (sim: Simulation, svc = 'web'): EndpointSlice[] =>
  sim.store.list('EndpointSlice', 'default').filter((s) => s.metadata?.labels?.[SERVICE_NAME_LABEL] === svc);

function endpointOf(sim: Simulation, pod: string) {
  for (const s of slices(sim)) for (const e of s.endpoints) if (e.targetRef?.name === pod) return e;
  return undefined;
}

describe('endpointslice-controller', () => {
  it('lists every pod with an IP, labelled and owned like the real controller', () => {
    const sim = cluster(3);
    sim.runUntil(10);
    const [s, ...rest] = slices(sim);
    expect(rest).toEqual([]);
    expect(s?.metadata?.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(s?.metadata?.labels).toEqual({
      [SERVICE_NAME_LABEL]: 'web',
      [MANAGED_BY_LABEL]: MANAGED_BY,
    });
    expect(s?.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'Service',
      name: 'web',
      controller: true,
    });
    expect(s?.addressType).toBe('IPv4');
    expect(s?.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
    expect(s?.endpoints).toHaveLength(3);
    for (const e of s?.endpoints ?? []) {
      expect(e.conditions).toEqual({ ready: true, serving: true, terminating: false });
      expect(e.addresses[0]).toMatch(/^10\.244\.\d+\.\d+$/);
      expect(e.nodeName).toMatch(/^node-\d$/);
    }
  });

  it('keeps a terminating pod listed (ready false, serving, terminating) until it is gone', () => {
    const sim = cluster(2);
    sim.runUntil(10);
    const pod = sim.store.list('Pod', 'default')[0] as Pod;
    const name = pod.metadata?.name ?? '';
    sim.act('test', () => sim.api.delete('Pod', 'default', name));
    expect(endpointOf(sim, name)?.conditions).toEqual({ ready: false, serving: true, terminating: true });
    // The other pod is ready, so kube-proxy sends nothing to the terminating one.
    const svc = sim.store.get('Service', 'default', 'web') as Service;
    expect(routedEndpoints(sim.store, svc).map((e) => e.pod)).not.toContain(name);
    // SIGTERM: the process exits a second later, the pod stops being Ready, then it is removed.
    sim.runUntil(12);
    expect(sim.store.get('Pod', 'default', name)).toBeUndefined();
    expect(endpointOf(sim, name)).toBeUndefined();
  });

  it('falls back to serving terminating endpoints when none is ready', () => {
    const sim = cluster(1);
    sim.runUntil(10);
    const name = sim.store.list('Pod', 'default')[0]?.metadata?.name ?? '';
    sim.act('test', () => sim.api.delete('Pod', 'default', name));
    const svc = sim.store.get('Service', 'default', 'web') as Service;
    expect(routedEndpoints(sim.store, svc).map((e) => e.pod)).toEqual([name]);
    // Not serving either: nothing to fall back to.
    const s = slices(sim)[0] as EndpointSlice;
    sim.act('test', () =>
      sim.api.update('EndpointSlice', {
        ...s,
        endpoints: s.endpoints.map((e) =>
          e.targetRef?.name === name ? { ...e, conditions: { ...e.conditions, serving: false } } : e,
        ),
      }),
    );
    expect(routedEndpoints(sim.store, svc)).toEqual([]);
  });

  it('puts at most 100 endpoints in a slice and keeps endpoints in their slice', () => {
    const sim = cluster(150);
    sim.runUntil(20);
    const all = slices(sim);
    expect(all.map((s) => s.endpoints.length).sort()).toEqual([100, 50]);
    const full = all.find((s) => s.endpoints.length === 100) as EndpointSlice;
    const victim = full.endpoints[0]?.targetRef?.name ?? '';
    sim.act('test', () => sim.api.delete('Pod', 'default', victim, { gracePeriodSeconds: 0 }));
    sim.runUntil(40);
    const after = slices(sim);
    expect(after.map((s) => s.metadata?.name).sort()).toEqual(all.map((s) => s.metadata?.name).sort());
    // No endpoint moved to another slice; the replacement filled a gap.
    for (const old of all) {
      const now = after.find((x) => x.metadata?.name === old.metadata?.name) as EndpointSlice;
      const names = new Set(now.endpoints.map((e) => e.targetRef?.name));
      for (const e of old.endpoints)
        if (e.targetRef?.name !== victim) expect(names.has(e.targetRef?.name)).toBe(true);
    }
    expect(after.reduce((a, x) => a + x.endpoints.length, 0)).toBe(150);
  });

  it('keeps one empty placeholder slice when nothing matches, and recreates a deleted slice', () => {
    const sim = cluster(0);
    sim.runUntil(5);
    expect(slices(sim).map((s) => s.endpoints)).toEqual([[]]);
    const s = slices(sim)[0] as EndpointSlice;
    sim.act('test', () => sim.api.delete('EndpointSlice', 'default', s.metadata?.name ?? ''));
    expect(slices(sim)).toHaveLength(1);
    sim.act('test', () => sim.api.delete('Service', 'default', 'web'));
    sim.runUntil(10);
    expect(slices(sim)).toEqual([]);
  });

  it('gives headless Services per-pod hostnames and DNS names', () => {
    const sim = cluster(
      0,
      `---
apiVersion: v1
kind: Service
metadata: { name: db }
spec:
  clusterIP: None
  selector: { app: db }
  ports: [{ port: 5432 }]
---
apiVersion: v1
kind: Pod
metadata: { name: db-0, labels: { app: db } }
spec:
  hostname: db-0
  subdomain: db
  containers: [{ name: db, image: db:1.0 }]
`,
    );
    sim.runUntil(10);
    const svc = sim.store.get('Service', 'default', 'db') as Service;
    const [s] = slices(sim, 'db');
    expect(s?.metadata?.labels?.['service.kubernetes.io/headless']).toBe('');
    expect(s?.endpoints[0]).toMatchObject({ hostname: 'db-0', targetRef: { name: 'db-0' } });
    const pod = sim.store.get('Pod', 'default', 'db-0') as Pod;
    expect(podDnsName(pod, svc)).toBe('db-0.db.default.svc.cluster.local');
    expect(serviceDnsName('db', 'default')).toBe('db.default.svc.cluster.local');
    expect(podDnsName(pod, sim.store.get('Service', 'default', 'web') as Service)).toBeUndefined();
  });
});

describe('service-lb-controller', () => {
  const lb = (name: string, type = 'LoadBalancer') => `---
apiVersion: v1
kind: Service
metadata: { name: ${name} }
spec:
  type: ${type}
  selector: { app: web }
  ports: [{ port: 80 }]
`;

  it('gives LoadBalancer Services the lowest free pool address, and takes it back', () => {
    const sim = cluster(1, lb('front') + lb('back') + lb('plain', 'NodePort'));
    const ip = (n: string) => sim.store.get('Service', 'default', n)?.status?.loadBalancer?.ingress?.[0]?.ip;
    expect([ip('back'), ip('front'), ip('plain')]).toEqual(['172.18.255.202', '172.18.255.201', undefined]);
    expect(sim.store.get('Service', 'default', 'plain')?.spec?.ports?.[0]?.nodePort).toBeGreaterThanOrEqual(
      30000,
    );
    const events = sim.store.list('Event').filter((e) => e.involvedObject.name === 'front');
    expect(events.map((e) => e.reason)).toEqual(['EnsuringLoadBalancer', 'EnsuredLoadBalancer']);
    const front = sim.store.get('Service', 'default', 'front') as Service;
    sim.act('test', () =>
      sim.api.update('Service', {
        ...front,
        spec: { ...front.spec, type: 'ClusterIP', ports: [{ port: 80 }] },
      }),
    );
    expect(ip('front')).toBeUndefined();
    const again = cluster(1, lb('front') + lb('back'));
    const svc = again.store.get('Service', 'default', 'front') as Service;
    again.act('test', () => again.api.delete('Service', 'default', 'front'));
    again.act('test', () =>
      again.api.create('Service', { ...svc, metadata: { name: 'third', namespace: 'default' }, status: {} }),
    );
    expect(again.store.get('Service', 'default', 'third')?.status?.loadBalancer?.ingress?.[0]?.ip).toBe(
      '172.18.255.201',
    );
  });
});
