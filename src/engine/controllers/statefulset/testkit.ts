/**
 * Test fixtures for the workload controllers (not a simulated component): a small cluster with the
 * scheduler, kubelets, the garbage collector and the StatefulSet, DaemonSet, Job and PV controllers.
 */
import { nodeObject } from '../kubelet/register';
import type { NodeSpec } from '../kubelet/register';
import type { ImageBehaviour } from '../../sim/config';
import { Simulation } from '../../sim/simulation';
import type { Event, Pod, StatefulSet } from '../../api/types';
import { scheduler } from '../scheduler';
import { kubelet, kubeletNodeStatus } from '../kubelet';
import { garbageCollector } from '../garbagecollector';
import { statefulSetController } from '../statefulset';
import { daemonSetController } from '../daemonset';
import { jobController } from '../job';
import { persistentVolumeBinder } from '../persistentvolume';

export function workloadSim(
  images: Readonly<Record<string, ImageBehaviour>> = {},
  nodes: readonly NodeSpec[] = [{ name: 'node-1' }, { name: 'node-2' }, { name: 'node-3' }],
): Simulation {
  const sim = new Simulation({ seed: 1, images }, [
    scheduler,
    kubelet,
    kubeletNodeStatus,
    garbageCollector,
    statefulSetController,
    daemonSetController,
    jobController,
    persistentVolumeBinder,
  ]);
  sim.act('test', () => {
    sim.api.create('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    nodes.forEach((n, i) => sim.api.create('Node', nodeObject(n, i)));
  });
  sim.start();
  return sim;
}

export interface SetOpts {
  readonly replicas?: number;
  readonly image?: string;
  readonly claims?: boolean;
  readonly spec?: Partial<NonNullable<StatefulSet['spec']>>;
}

/** A StatefulSet `db` (serviceName db) with an optional 1Gi claim template `data`. */
export function statefulSet(name = 'db', o: SetOpts = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: 'default' },
    spec: {
      serviceName: name,
      replicas: o.replicas ?? 3,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'db', image: o.image ?? 'db:1.0' }] },
      },
      ...(o.claims === false
        ? {}
        : {
            volumeClaimTemplates: [
              {
                metadata: { name: 'data' },
                spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
              },
            ],
          }),
      ...o.spec,
    },
  };
}

export function podNames(sim: Simulation, prefix = ''): string[] {
  return sim.store
    .list('Pod')
    .map((p) => p.metadata?.name ?? '')
    .filter((n) => n.startsWith(prefix))
    .sort();
}

/** The Events with `reason`, in the order they were first recorded. */
export function events(sim: Simulation, reason?: string): Event[] {
  return sim.store.list('Event').filter((e) => reason === undefined || e.reason === reason);
}

/** A readiness probe that answers once the image's startupSeconds have passed. */
export const READINESS = { httpGet: { path: '/', port: 80 }, periodSeconds: 1 } as const;

/** Times at which each pod turned Ready, got a deletionTimestamp, and was removed. */
export function timeline(sim: Simulation): {
  ready: Map<string, number[]>;
  terminating: Map<string, number[]>;
  removed: Map<string, number[]>;
  created: Map<string, number[]>;
} {
  const ready = new Map<string, number[]>();
  const terminating = new Map<string, number[]>();
  const removed = new Map<string, number[]>();
  const created = new Map<string, number[]>();
  const push = (m: Map<string, number[]>, k: string, t: number) => m.set(k, [...(m.get(k) ?? []), t]);
  const isReady = (p: Pod | undefined) =>
    p?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
  sim.onRecord(({ t, diff }) => {
    if (diff.type === 'runtime' || diff.kind !== 'Pod') return;
    if (diff.type === 'added') push(created, diff.to.metadata?.name ?? '', t);
    else if (diff.type === 'removed') push(removed, diff.from.metadata?.name ?? '', t);
    else if (diff.type === 'updated') {
      const from = diff.from as Pod;
      const to = diff.to as Pod;
      const name = to.metadata?.name ?? '';
      if (!isReady(from) && isReady(to)) push(ready, name, t);
      if (!from.metadata?.deletionTimestamp && to.metadata?.deletionTimestamp) push(terminating, name, t);
    }
  });
  return { ready, terminating, removed, created };
}
