/**
 * Narrow, pure selectors from the mirror to what a panel draws. Components call them inside useMemo keyed
 * on the mirror, so a frame that did not touch the mirror costs nothing.
 */
import type { Deployment, Node, Pod, Service } from '../engine';
import { podStatusWord } from '../engine';
import type { ClusterMirror } from './mirror';
import { objectsOfKind } from './mirror';

export type NodeCondition = 'Ready' | 'NotReady' | 'Unknown';

export interface PodRow {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  /** The STATUS column of `kubectl get pods`. */
  readonly status: string;
  readonly ready: boolean;
  readonly restarts: number;
  readonly terminating: boolean;
}

export interface NodeRow {
  readonly key: string;
  readonly name: string;
  readonly condition: NodeCondition;
  readonly unschedulable: boolean;
  /** The machine is powered off (a NodeFailure fault), whatever the control plane believes yet. */
  readonly machineDown: boolean;
  readonly pods: readonly PodRow[];
}

export function nodeCondition(n: Node): NodeCondition {
  const s = n.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  return s === 'True' ? 'Ready' : s === 'False' ? 'NotReady' : 'Unknown';
}

function podRow(p: Pod): PodRow {
  const ns = p.metadata?.namespace ?? 'default';
  const name = p.metadata?.name ?? '';
  let restarts = 0;
  for (const s of p.status?.containerStatuses ?? []) restarts += s.restartCount;
  return {
    key: `Pod/${ns}/${name}`,
    namespace: ns,
    name,
    status: podStatusWord(p),
    ready: p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    restarts,
    terminating: p.metadata?.deletionTimestamp !== undefined,
  };
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Nodes (by name) with their pods, and the pods not bound to a node. */
export function nodesWithPods(mirror: ClusterMirror): { nodes: NodeRow[]; unscheduled: PodRow[] } {
  const podsByNode = new Map<string, PodRow[]>();
  const unscheduled: PodRow[] = [];
  for (const p of objectsOfKind<Pod>(mirror, 'Pod')) {
    const node = p.spec?.nodeName;
    const row = podRow(p);
    if (!node) unscheduled.push(row);
    else {
      let list = podsByNode.get(node);
      if (!list) podsByNode.set(node, (list = []));
      list.push(row);
    }
  }
  const nodes = objectsOfKind<Node>(mirror, 'Node').map((n) => {
    const name = n.metadata?.name ?? '';
    return {
      key: `Node/${name}`,
      name,
      condition: nodeCondition(n),
      unschedulable: n.spec?.unschedulable === true,
      machineDown: mirror.runtime.get(`node/${name}`) !== undefined,
      pods: (podsByNode.get(name) ?? []).sort(byName),
    };
  });
  return { nodes: nodes.sort(byName), unscheduled: unscheduled.sort(byName) };
}

export interface FaultTargets {
  readonly pods: readonly { readonly namespace: string; readonly name: string; readonly status: string }[];
  readonly nodes: readonly {
    readonly name: string;
    readonly condition: NodeCondition;
    readonly down: boolean;
  }[];
  readonly deployments: readonly {
    readonly namespace: string;
    readonly name: string;
    readonly image: string;
  }[];
  readonly services: readonly {
    readonly namespace: string;
    readonly name: string;
    readonly rps: number | null;
  }[];
}

/** What each fault can aim at, from the mirror. Terminating pods are left out (they are already going). */
export function faultTargets(mirror: ClusterMirror): FaultTargets {
  const pods = objectsOfKind<Pod>(mirror, 'Pod')
    .filter((p) => !p.metadata?.deletionTimestamp)
    .map((p) => ({
      namespace: p.metadata?.namespace ?? 'default',
      name: p.metadata?.name ?? '',
      status: podStatusWord(p),
    }))
    .sort(byName);
  const nodes = objectsOfKind<Node>(mirror, 'Node')
    .map((n) => {
      const name = n.metadata?.name ?? '';
      return { name, condition: nodeCondition(n), down: mirror.runtime.get(`node/${name}`) !== undefined };
    })
    .sort(byName);
  const deployments = objectsOfKind<Deployment>(mirror, 'Deployment')
    .map((d) => ({
      namespace: d.metadata?.namespace ?? 'default',
      name: d.metadata?.name ?? '',
      image: d.spec?.template?.spec?.containers[0]?.image ?? '',
    }))
    .sort(byName);
  const services = objectsOfKind<Service>(mirror, 'Service')
    .filter((s) => s.metadata?.name !== 'kubernetes')
    .map((s) => {
      const namespace = s.metadata?.namespace ?? 'default';
      const name = s.metadata?.name ?? '';
      const traffic = mirror.runtime.get(`traffic/${namespace}/${name}`) as
        { requestsPerSecond?: number } | undefined;
      return { namespace, name, rps: traffic?.requestsPerSecond ?? null };
    })
    .sort(byName);
  return { pods, nodes, deployments, services };
}

/** The image a "bad rollout" sets: the same repository with a tag ending in -broken. */
export function brokenImage(image: string): string {
  const at = image.indexOf('@');
  const base = at >= 0 ? image.slice(0, at) : image;
  const slash = base.lastIndexOf('/');
  const colon = base.lastIndexOf(':');
  if (colon > slash) return `${base}-broken`;
  return `${base}:latest-broken`;
}

/**
 * The apply that performs a bad rollout: the Deployment as stored, with every container's image broken.
 * Written as JSON, which is YAML too, so the UI needs no YAML library.
 */
export function badRolloutManifest(d: Deployment): string {
  const spec = d.spec;
  const template = spec?.template;
  const containers = (template?.spec?.containers ?? []).map((c) => ({
    ...c,
    image: brokenImage(c.image ?? ''),
  }));
  const meta = d.metadata ?? {};
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: meta.name,
      namespace: meta.namespace ?? 'default',
      ...(meta.labels ? { labels: meta.labels } : {}),
    },
    spec: { ...spec, template: { ...template, spec: { ...template?.spec, containers } } },
  });
}
