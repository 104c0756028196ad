/**
 * Test helpers for the kubelet: a simulation with only the kubelet loops and one node, pods created already
 * bound (spec.nodeName set), and small readers for statuses and events. Used by tests only.
 */
import { nodeObject } from './register';
import type { Container, Event, Pod, PodSpec } from '../../api/types';
import type { ImageBehaviour } from '../../sim/config';
import { Simulation } from '../../sim/simulation';
import { kubelet, kubeletNodeStatus } from '../kubelet';

export function kubeletSim(
  images: Readonly<Record<string, ImageBehaviour>> = {},
  nodes = ['node-1'],
): Simulation {
  const sim = new Simulation({ seed: 1, images }, [kubelet, kubeletNodeStatus]);
  sim.act('test', () => {
    for (const ns of ['default', 'kube-node-lease']) {
      sim.api.create('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    }
    nodes.forEach((n, i) => sim.api.create('Node', nodeObject({ name: n }, i)));
  });
  sim.start();
  return sim;
}

export function createPod(
  sim: Simulation,
  name: string,
  container: Partial<Container> = {},
  spec: Partial<PodSpec> = {},
): Pod {
  return sim.act('test', () =>
    sim.api.create('Pod', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', labels: { app: name } },
      spec: {
        nodeName: 'node-1',
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 30,
        containers: [{ name: 'web', image: 'web:1.0', imagePullPolicy: 'IfNotPresent', ...container }],
        ...spec,
      },
    }),
  );
}

export function getPod(sim: Simulation, name: string): Pod | undefined {
  return sim.store.get('Pod', 'default', name);
}

export function podOf(sim: Simulation, name: string): Pod {
  const p = getPod(sim, name);
  if (!p) throw new Error(`pod ${name} not found at t=${sim.now}`);
  return p;
}

export function containerStatus(sim: Simulation, name: string, i = 0) {
  const s = podOf(sim, name).status?.containerStatuses?.[i];
  if (!s) throw new Error(`pod ${name} has no container status ${i}`);
  return s;
}

export function condition(sim: Simulation, name: string, type: string) {
  return podOf(sim, name).status?.conditions?.find((c) => c.type === type);
}

/** Times at which an event with this reason was recorded (or repeated) about the object named `name`. */
export function eventTimes(sim: Simulation, name: string, reason: string, since = 0): () => number[] {
  const times: number[] = [];
  sim.onRecord((r) => {
    if (r.diff.type === 'runtime' || r.diff.kind !== 'Event' || r.diff.type === 'removed') return;
    const e = r.diff.to as Event;
    if (e.reason === reason && e.involvedObject.name === name && r.t >= since) times.push(r.t);
  });
  return () => times;
}

export function eventsAbout(sim: Simulation, name: string): Event[] {
  return sim.store.list('Event').filter((e) => e.involvedObject.name === name);
}

export function eventMessages(sim: Simulation, name: string, reason: string): string[] {
  return eventsAbout(sim, name)
    .filter((e) => e.reason === reason)
    .map((e) => e.message ?? '');
}
