import { describe, expect, it } from 'vitest';
import { timestamp } from '../api/meta';
import type { Endpoints, Pod, Service } from '../api/types';
import type { ServicePort } from 'kubernetes-types/core/v1';
import { Simulation } from '../sim/simulation';
import {
  endpointsController,
  MAX_ENDPOINT_ADDRESSES,
  OVER_CAPACITY_ANNOTATION,
  podChangeMattersToEndpoints,
  readyEndpointPods,
  trafficEndpointPods,
} from './endpoints';

function newSim(): Simulation {
  const sim = new Simulation({ seed: 1, images: {} }, [endpointsController]);
  sim.runUntil(100);
  sim.store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', uid: 'ns-default' } });
  return sim;
}

/** Run everything queued at the current instant. */
const settle = (sim: Simulation) => sim.runUntil(sim.now);

interface SvcOpts {
  ports?: ServicePort[];
  publishNotReadyAddresses?: boolean;
  selector?: Record<string, string>;
  clusterIP?: string;
}

// Services have no admission yet: they are written with every field explicit.
function putService(sim: Simulation, name: string, o: SvcOpts = {}): Service {
  return sim.store.put<Service>({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', uid: `uid-svc-${name}`, labels: { team: 'shop' } },
    spec: {
      ...(o.selector === undefined
        ? { selector: { app: name } }
        : Object.keys(o.selector).length
          ? { selector: o.selector }
          : {}),
      clusterIP: o.clusterIP ?? '10.96.0.10',
      type: 'ClusterIP',
      ports: o.ports ?? [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
      ...(o.publishNotReadyAddresses ? { publishNotReadyAddresses: true } : {}),
    },
  });
}

interface PodOpts {
  ip?: string | null;
  ready?: boolean;
  phase?: string;
  deleting?: boolean;
  node?: string;
  labels?: Record<string, string>;
  portName?: string;
}

function podObject(name: string, o: PodOpts = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      labels: o.labels ?? { app: 'web' },
      ...(o.deleting ? { deletionTimestamp: timestamp(130), deletionGracePeriodSeconds: 30 } : {}),
    },
    spec: {
      nodeName: o.node ?? 'node-1',
      containers: [
        {
          name: 'app',
          image: 'nginx',
          ports: [{ name: o.portName ?? 'web', containerPort: 9000, protocol: 'TCP' }],
        },
      ],
    },
    status: {
      phase: o.phase ?? 'Running',
      ...(o.ip === null
        ? {}
        : { podIP: o.ip ?? `10.244.1.${name.length}`, podIPs: [{ ip: o.ip ?? `10.244.1.${name.length}` }] }),
      conditions: [
        { type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: timestamp(50) },
      ],
      containerStatuses: [
        { name: 'app', image: 'nginx', imageID: '', ready: o.ready !== false, restartCount: 0 },
      ],
    },
  };
}

const putPod = (sim: Simulation, name: string, o: PodOpts = {}) => sim.store.put(podObject(name, o));

function endpoints(sim: Simulation, name = 'web'): Endpoints | undefined {
  return sim.store.get('Endpoints', 'default', name);
}

const names = (addrs: { targetRef?: { name?: string } }[] | undefined) =>
  (addrs ?? []).map((a) => a.targetRef?.name);

describe('endpoints controller', () => {
  it('lists ready pods in addresses and not-ready ones in notReadyAddresses, with targetRef and nodeName', () => {
    const sim = newSim();
    putService(sim, 'web');
    putPod(sim, 'web-a', { ip: '10.244.1.5', node: 'node-1' });
    putPod(sim, 'web-b', { ip: '10.244.2.7', node: 'node-2', ready: false });
    putPod(sim, 'other', { labels: { app: 'other' } });
    settle(sim);
    const ep = endpoints(sim);
    expect(ep?.metadata?.labels).toEqual({ team: 'shop' });
    expect(ep?.subsets).toEqual([
      {
        addresses: [
          {
            ip: '10.244.1.5',
            nodeName: 'node-1',
            targetRef: { kind: 'Pod', namespace: 'default', name: 'web-a', uid: 'uid-web-a' },
          },
        ],
        notReadyAddresses: [
          {
            ip: '10.244.2.7',
            nodeName: 'node-2',
            targetRef: { kind: 'Pod', namespace: 'default', name: 'web-b', uid: 'uid-web-b' },
          },
        ],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
  });

  it('leaves out pods without an IP, terminal pods and terminating pods', () => {
    const sim = newSim();
    putService(sim, 'web');
    putPod(sim, 'web-ok');
    putPod(sim, 'web-noip', { ip: null });
    putPod(sim, 'web-failed', { phase: 'Failed', ready: false });
    putPod(sim, 'web-done', { phase: 'Succeeded', ready: false });
    putPod(sim, 'web-term', { deleting: true });
    settle(sim);
    const s = endpoints(sim)?.subsets ?? [];
    expect(s).toHaveLength(1);
    expect(names(s[0]?.addresses)).toEqual(['web-ok']);
    expect(s[0]?.notReadyAddresses).toBeUndefined();
  });

  it('follows readiness: a pod turning NotReady (e.g. its node went NotReady) moves to notReadyAddresses and back', () => {
    const sim = newSim();
    putService(sim, 'web');
    putPod(sim, 'web-a', { ip: '10.244.1.2' });
    putPod(sim, 'web-b', { ip: '10.244.1.3' });
    settle(sim);
    expect(names(endpoints(sim)?.subsets?.[0]?.addresses)).toEqual(['web-a', 'web-b']);
    // The node lifecycle controller marks every pod on a lost node Ready=False.
    sim.act('node-lifecycle', () => putPod(sim, 'web-b', { ip: '10.244.1.3', ready: false }));
    expect(names(endpoints(sim)?.subsets?.[0]?.addresses)).toEqual(['web-a']);
    expect(names(endpoints(sim)?.subsets?.[0]?.notReadyAddresses)).toEqual(['web-b']);
    sim.act('kubelet', () => putPod(sim, 'web-b', { ip: '10.244.1.3' }));
    expect(names(endpoints(sim)?.subsets?.[0]?.addresses)).toEqual(['web-a', 'web-b']);
    expect(endpoints(sim)?.subsets?.[0]?.notReadyAddresses).toBeUndefined();
  });

  it('drops a pod once it is terminating, and when it gets its IP it appears', () => {
    const sim = newSim();
    putService(sim, 'web');
    putPod(sim, 'web-a', { ip: '10.244.1.2' });
    putPod(sim, 'web-b', { ip: null, ready: false });
    settle(sim);
    expect(names(endpoints(sim)?.subsets?.[0]?.addresses)).toEqual(['web-a']);
    sim.act('kubelet', () => putPod(sim, 'web-b', { ip: '10.244.1.9', ready: false }));
    expect(names(endpoints(sim)?.subsets?.[0]?.notReadyAddresses)).toEqual(['web-b']);
    sim.act('input', () => putPod(sim, 'web-a', { ip: '10.244.1.2', deleting: true }));
    expect(endpoints(sim)?.subsets?.[0]?.addresses).toBeUndefined();
    sim.act('kubelet', () => sim.store.remove('Pod', 'default', 'web-b'));
    expect(endpoints(sim)?.subsets).toBeUndefined();
  });

  it('publishNotReadyAddresses lists not-ready and terminating pods as addresses', () => {
    const sim = newSim();
    putService(sim, 'web', { publishNotReadyAddresses: true });
    putPod(sim, 'web-a', { ip: '10.244.1.2', ready: false });
    putPod(sim, 'web-b', { ip: '10.244.1.3', deleting: true });
    putPod(sim, 'web-c', { ip: null });
    settle(sim);
    expect(names(endpoints(sim)?.subsets?.[0]?.addresses)).toEqual(['web-a', 'web-b']);
    expect(endpoints(sim)?.subsets?.[0]?.notReadyAddresses).toBeUndefined();
  });

  it('resolves a named targetPort against the container ports; a pod without it gets the other ports only', () => {
    const sim = newSim();
    putService(sim, 'web', {
      ports: [
        { name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' },
        { name: 'metrics', port: 9090, protocol: 'TCP' },
      ],
    });
    putPod(sim, 'web-a', { ip: '10.244.1.2' });
    putPod(sim, 'web-b', { ip: '10.244.1.3', portName: 'other' });
    settle(sim);
    expect(endpoints(sim)?.subsets).toEqual([
      {
        addresses: [
          {
            ip: '10.244.1.2',
            nodeName: 'node-1',
            targetRef: { kind: 'Pod', namespace: 'default', name: 'web-a', uid: 'uid-web-a' },
          },
        ],
        ports: [
          { name: 'http', port: 9000, protocol: 'TCP' },
          { name: 'metrics', port: 9090, protocol: 'TCP' },
        ],
      },
      {
        addresses: [
          {
            ip: '10.244.1.3',
            nodeName: 'node-1',
            targetRef: { kind: 'Pod', namespace: 'default', name: 'web-b', uid: 'uid-web-b' },
          },
        ],
        ports: [{ name: 'metrics', port: 9090, protocol: 'TCP' }],
      },
    ]);
  });

  it('a pod whose labels stop matching leaves, and the Endpoints goes with its Service', () => {
    const sim = newSim();
    putService(sim, 'web');
    putPod(sim, 'web-a');
    settle(sim);
    expect(names(endpoints(sim)?.subsets?.[0]?.addresses)).toEqual(['web-a']);
    sim.act('input', () => putPod(sim, 'web-a', { labels: { app: 'debug' } }));
    expect(endpoints(sim)?.subsets).toBeUndefined();
    sim.act('input', () => sim.api.delete('Service', 'default', 'web'));
    expect(endpoints(sim)).toBeUndefined();
  });

  it('recreates a deleted Endpoints; ignores Services without a selector', () => {
    const sim = newSim();
    putService(sim, 'web');
    putService(sim, 'manual', { selector: {} });
    putPod(sim, 'web-a');
    settle(sim);
    expect(endpoints(sim, 'manual')).toBeUndefined();
    sim.act('input', () => sim.api.delete('Endpoints', 'default', 'web'));
    expect(names(endpoints(sim)?.subsets?.[0]?.addresses)).toEqual(['web-a']);
  });

  it('writes nothing when the change cannot affect endpoints (restart count only)', () => {
    const a = podObject('web-a');
    const restarted: Pod = {
      ...a,
      status: {
        ...a.status,
        containerStatuses: [{ name: 'app', image: 'nginx', imageID: '', ready: true, restartCount: 3 }],
      },
    };
    expect(podChangeMattersToEndpoints(a, restarted)).toBe(false);
    expect(podChangeMattersToEndpoints(a, podObject('web-a', { ready: false }))).toBe(true);
    expect(podChangeMattersToEndpoints(a, podObject('web-a', { deleting: true }))).toBe(true);
    const sim = newSim();
    putService(sim, 'web');
    putPod(sim, 'web-a');
    settle(sim);
    const rv = endpoints(sim)?.metadata?.resourceVersion;
    sim.act('kubelet', () => sim.store.put(restarted));
    expect(endpoints(sim)?.metadata?.resourceVersion).toBe(rv);
  });

  it('truncates to 1000 addresses, keeping ready ones, and says so in an annotation', () => {
    const sim = newSim();
    putService(sim, 'web');
    for (let i = 0; i < 1100; i++)
      putPod(sim, `web-${i}`, { ip: `10.244.${i >> 8}.${i & 255}`, ready: i % 11 !== 0 });
    settle(sim);
    const ep = endpoints(sim);
    expect(ep?.metadata?.annotations?.[OVER_CAPACITY_ANNOTATION]).toBe('truncated');
    expect(ep?.subsets?.[0]?.addresses).toHaveLength(MAX_ENDPOINT_ADDRESSES);
    expect(ep?.subsets?.[0]?.notReadyAddresses).toBeUndefined();
    expect(readyEndpointPods(sim.store, sim.store.get('Service', 'default', 'web') as Service)).toHaveLength(
      1000,
    );
  });

  it('readyEndpointPods gives ready, non-terminating pods with an IP; traffic falls back to serving terminating ones', () => {
    const sim = newSim();
    const svc = putService(sim, 'web');
    putPod(sim, 'web-a');
    putPod(sim, 'web-b', { ready: false });
    putPod(sim, 'web-c', { deleting: true });
    putPod(sim, 'web-d', { ip: null });
    const ready = (s: Service) => readyEndpointPods(sim.store, s).map((p) => p.metadata?.name);
    expect(ready(svc)).toEqual(['web-a']);
    expect(trafficEndpointPods(sim.store, svc).map((p) => p.metadata?.name)).toEqual(['web-a']);
    sim.store.remove('Pod', 'default', 'web-a');
    expect(ready(svc)).toEqual([]);
    expect(trafficEndpointPods(sim.store, svc).map((p) => p.metadata?.name)).toEqual(['web-c']);
    expect(ready(putService(sim, 'web', { publishNotReadyAddresses: true }))).toEqual(['web-b', 'web-c']);
  });
});
