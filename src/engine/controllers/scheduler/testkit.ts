/**
 * Test fixtures for the scheduler (not a simulated component): small clusters built straight on a
 * Simulation, nodes and pods with only the fields a test cares about.
 */
import type { Node, Pod, Taint } from '../../api/types';
import type { Controller } from '../../sim/controller';
import { Simulation } from '../../sim/simulation';

export interface NodeOpts {
  readonly cpu?: string;
  readonly memory?: string;
  readonly pods?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: readonly Taint[];
  readonly unschedulable?: boolean;
}

export function makeNode(name: string, o: NodeOpts = {}): Node {
  const capacity = { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...o.labels } },
    spec: {
      ...(o.taints?.length ? { taints: o.taints.map((t) => ({ ...t })) } : {}),
      ...(o.unschedulable ? { unschedulable: true } : {}),
    },
    status: { capacity: { ...capacity }, allocatable: { ...capacity } },
  };
}

export interface PodOpts {
  readonly namespace?: string;
  readonly cpu?: string;
  readonly memory?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly nodeName?: string;
  readonly spec?: Partial<NonNullable<Pod['spec']>> | undefined;
}

export function makePod(name: string, o: PodOpts = {}): Pod {
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: o.namespace ?? 'default', ...(o.labels ? { labels: { ...o.labels } } : {}) },
    spec: {
      containers: [
        { name: 'app', image: 'nginx:1.27', ...(o.cpu || o.memory ? { resources: { requests } } : {}) },
      ],
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      ...o.spec,
    },
  };
}

/** A simulation with the given nodes and controllers, started at t=0. */
export function makeSim(nodes: readonly Node[], controllers: readonly Controller[], seed = 1): Simulation {
  const sim = new Simulation({ seed, images: {} }, controllers);
  sim.act('test', () => {
    for (const ns of ['default', 'other'])
      sim.api.create('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    for (const n of nodes) sim.api.create('Node', n);
  });
  sim.start();
  return sim;
}

/** Create pods as the learner would (one write each, controllers react after each). */
export function createPods(sim: Simulation, ...pods: Pod[]): Pod[] {
  return pods.map((p) => sim.act('test', () => sim.api.create('Pod', p)));
}

export function nodeOf(sim: Simulation, name: string, namespace = 'default'): string | undefined {
  return sim.store.get('Pod', namespace, name)?.spec?.nodeName;
}

export const CONTROL_PLANE_TAINT: Taint = {
  key: 'node-role.kubernetes.io/control-plane',
  effect: 'NoSchedule',
};
