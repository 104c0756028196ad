/**
 * The Node object a kubelet registers for its machine (pkg/kubelet/kubelet_node_status.go initialNode): the
 * well-known labels, the pod CIDR the node IPAM controller would assign, capacity and node info. Used for a
 * scenario's nodes, the cluster autoscaler's new machines and tests.
 */
import type { Node, Taint } from '../../api/types';

export interface NodeSpec {
  readonly name: string;
  readonly capacity?: { readonly cpu?: string; readonly memory?: string; readonly pods?: string };
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: readonly Taint[];
  readonly unschedulable?: boolean;
}

export const DEFAULT_NODES: readonly NodeSpec[] = [
  { name: 'node-1' },
  { name: 'node-2' },
  { name: 'node-3' },
];
export const DEFAULT_CAPACITY = { cpu: '4', memory: '8Gi', pods: '110' } as const;

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
