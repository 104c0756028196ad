/**
 * Builds a running simulated cluster: the system namespaces, the worker nodes a scenario declares (or the
 * default three), and every controller. The result is a Simulation at t=0, ready for manifests.
 */
import type { Node, Taint } from './api/types';
import { allControllers } from './controllers';
import type { AutoscalerSpec } from './controllers/clusterautoscaler';
import { registerNodeGroups } from './controllers/clusterautoscaler';
import type { Controller } from './controllers/controller';
import type { ImageBehaviour, SimConfig } from './sim/config';
import { Simulation } from './sim/simulation';

export interface NodeSpec {
  readonly name: string;
  readonly capacity?: { readonly cpu?: string; readonly memory?: string; readonly pods?: string };
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: readonly Taint[];
  readonly unschedulable?: boolean;
}

export interface ClusterOptions {
  readonly seed?: number;
  readonly nodes?: readonly NodeSpec[];
  readonly images?: Readonly<Record<string, ImageBehaviour>>;
  /** Controllers beyond the cluster's own, e.g. a scenario's timeline (registered after the built-in ones). */
  readonly extraControllers?: readonly Controller[];
  /** Node groups the cluster autoscaler may grow and shrink; each starts at its `min` size. */
  readonly autoscaler?: AutoscalerSpec;
}

export const DEFAULT_NODES: readonly NodeSpec[] = [
  { name: 'node-1' },
  { name: 'node-2' },
  { name: 'node-3' },
];
export const DEFAULT_CAPACITY = { cpu: '4', memory: '8Gi', pods: '110' } as const;
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

/** One /24 per node from 10.244.0.0/14, so even a 1,000-node cluster gets valid, distinct ranges. */
function podCidr(index: number): string {
  return `10.${244 + (index >> 8)}.${index & 255}.0/24`;
}

export function nodeObject(spec: NodeSpec, index: number): Node {
  const capacity = { ...DEFAULT_CAPACITY, ...spec.capacity };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name,
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': spec.name,
        'kubernetes.io/os': 'linux',
        ...spec.labels,
      },
    },
    spec: {
      podCIDR: podCidr(index),
      podCIDRs: [podCidr(index)],
      ...(spec.taints?.length ? { taints: spec.taints.map((t) => ({ ...t })) } : {}),
      ...(spec.unschedulable ? { unschedulable: true } : {}),
    },
    status: {
      capacity: { ...capacity },
      allocatable: { ...capacity },
      addresses: [
        { type: 'InternalIP', address: `10.0.${(index + 10) >> 8}.${(index + 10) & 255}` },
        { type: 'Hostname', address: spec.name },
      ],
      nodeInfo: {
        architecture: 'amd64',
        bootID: '',
        containerRuntimeVersion: 'containerd://2.1.4',
        kernelVersion: '6.12.0',
        kubeProxyVersion: '',
        kubeletVersion: 'v1.34.2',
        machineID: '',
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 13 (trixie)',
        systemUUID: '',
      },
    },
  };
}

/** A new cluster at t=0 with its nodes registered and every controller started. */
export function createCluster(options: ClusterOptions = {}): Simulation {
  const config: SimConfig = { seed: options.seed ?? 1, images: options.images ?? {} };
  const sim = new Simulation(config, [...allControllers(), ...(options.extraControllers ?? [])]);
  sim.act('cluster-bootstrap', () => {
    for (const ns of SYSTEM_NAMESPACES) {
      sim.api.create('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    }
    const nodes = options.nodes ?? DEFAULT_NODES;
    nodes.forEach((n, i) => sim.api.create('Node', nodeObject(n, i)));
    if (options.autoscaler?.nodeGroups.length) registerNodeGroups(sim.api, options.autoscaler, nodes.length);
  });
  sim.start();
  return sim;
}
