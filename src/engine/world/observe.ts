/**
 * The cluster's state as the headless runner prints it (contract 2 of architecture.md): a pure projection
 * of the store, with every list sorted by namespace and name, so the runner, the app and tests can compare
 * states of two runs byte for byte.
 */
import { controllerOf } from '../api/meta';
import { podStatusWord } from '../api/podstatus';
import { isPodReady } from '../api/podutil';
import type { Store } from '../api/store';
import { routedEndpoints } from '../controllers/endpointslice';
import type { IngressTraffic, ServiceTraffic } from './traffic';
import { INGRESS_TRAFFIC_PREFIX, SERVICE_TRAFFIC_PREFIX } from './traffic';
import type { HorizontalPodAutoscaler, Pod } from '../api/types';

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface NodeState {
  readonly name: string;
  readonly ready: ConditionStatus;
  readonly unschedulable: boolean;
  /** "key:Effect" */
  readonly taints: readonly string[];
}

export interface DeploymentState {
  readonly namespace: string;
  readonly name: string;
  readonly replicas: number;
  readonly updatedReplicas: number;
  readonly readyReplicas: number;
  readonly availableReplicas: number;
  readonly unavailableReplicas: number;
  readonly revision: number;
  readonly conditions: Readonly<Record<string, { readonly status: string; readonly reason: string }>>;
}

export interface ReplicaSetState {
  readonly namespace: string;
  readonly name: string;
  /** The owning Deployment's name, or null for a bare ReplicaSet. */
  readonly deployment: string | null;
  readonly revision: number;
  /** spec.replicas */
  readonly replicas: number;
  readonly readyReplicas: number;
  readonly availableReplicas: number;
  readonly image: string;
}

export interface PodState {
  readonly namespace: string;
  readonly name: string;
  /** "ReplicaSet/shop-6d9f7c8b5", or null for a bare pod. */
  readonly owner: string | null;
  readonly node: string | null;
  readonly phase: string;
  readonly ready: boolean;
  readonly restarts: number;
  /** The STATUS column of `kubectl get pods`. */
  readonly status: string;
}

export interface ServiceState {
  readonly namespace: string;
  readonly name: string;
  /** Names of the pods that currently receive traffic (ready endpoints). */
  readonly endpoints: readonly string[];
}

export interface HpaState {
  readonly namespace: string;
  readonly name: string;
  readonly currentReplicas: number;
  readonly desiredReplicas: number;
  readonly currentUtilization: number | null;
}

export interface StatefulSetState {
  readonly namespace: string;
  readonly name: string;
  readonly replicas: number;
  readonly readyReplicas: number;
}

export interface TrafficLine {
  /** The Service's name, or for outside traffic the Ingress address ("shop.example.com/cart"). */
  readonly service: string;
  readonly requestsPerSecond: number;
  readonly errorsPerSecond: number;
  /** Set on lines of outside traffic sent through the ingress controller. */
  readonly ingress?: string;
}

export interface ClusterState {
  readonly nodes: readonly NodeState[];
  readonly deployments: readonly DeploymentState[];
  readonly replicaSets: readonly ReplicaSetState[];
  readonly pods: readonly PodState[];
  readonly services: readonly ServiceState[];
  readonly hpas: readonly HpaState[];
  readonly statefulSets: readonly StatefulSetState[];
  readonly traffic: readonly TrafficLine[];
}

interface Named {
  readonly namespace: string;
  readonly name: string;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byNamespaceName(a: Named, b: Named): number {
  return compareText(a.namespace, b.namespace) || compareText(a.name, b.name);
}

const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

function revisionOf(annotations: Readonly<Record<string, string>> | undefined): number {
  const n = Number(annotations?.[REVISION_ANNOTATION]);
  return Number.isFinite(n) ? n : 0;
}

function readyStatus(status: string | undefined): ConditionStatus {
  return status === 'True' || status === 'False' ? status : 'Unknown';
}

function restarts(pod: Pod): number {
  let n = 0;
  for (const s of pod.status?.containerStatuses ?? []) n += s.restartCount;
  return n;
}

/** The first resource metric's current average utilisation (what `kubectl get hpa` shows first), or null. */
function hpaUtilization(h: HorizontalPodAutoscaler): number | null {
  for (const m of h.status?.currentMetrics ?? []) {
    const u = (m.resource ?? m.containerResource)?.current.averageUtilization;
    if (u !== undefined) return u;
  }
  return null;
}

/** The whole state projection. Cost is linear in the number of objects, so call it only when printing. */
export function observe(store: Store): ClusterState {
  const nodes: NodeState[] = store
    .list('Node')
    .map((n) => ({
      name: n.metadata?.name ?? '',
      ready: readyStatus(n.status?.conditions?.find((c) => c.type === 'Ready')?.status),
      unschedulable: n.spec?.unschedulable === true,
      taints: (n.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`),
    }))
    .sort((a, b) => compareText(a.name, b.name));

  const deployments: DeploymentState[] = store
    .list('Deployment')
    .map((d) => {
      const s = d.status ?? {};
      const conditions: Record<string, { status: string; reason: string }> = {};
      for (const c of s.conditions ?? []) conditions[c.type] = { status: c.status, reason: c.reason ?? '' };
      return {
        namespace: d.metadata?.namespace ?? 'default',
        name: d.metadata?.name ?? '',
        replicas: s.replicas ?? 0,
        updatedReplicas: s.updatedReplicas ?? 0,
        readyReplicas: s.readyReplicas ?? 0,
        availableReplicas: s.availableReplicas ?? 0,
        unavailableReplicas: s.unavailableReplicas ?? 0,
        revision: revisionOf(d.metadata?.annotations),
        conditions,
      };
    })
    .sort(byNamespaceName);

  const replicaSets: ReplicaSetState[] = store
    .list('ReplicaSet')
    .map((rs) => {
      const owner = controllerOf(rs);
      return {
        namespace: rs.metadata?.namespace ?? 'default',
        name: rs.metadata?.name ?? '',
        deployment: owner?.kind === 'Deployment' ? owner.name : null,
        revision: revisionOf(rs.metadata?.annotations),
        replicas: rs.spec?.replicas ?? 1,
        readyReplicas: rs.status?.readyReplicas ?? 0,
        availableReplicas: rs.status?.availableReplicas ?? 0,
        image: rs.spec?.template?.spec?.containers[0]?.image ?? '',
      };
    })
    .sort(byNamespaceName);

  const pods: PodState[] = store
    .list('Pod')
    .map((p) => {
      const owner = controllerOf(p);
      return {
        namespace: p.metadata?.namespace ?? 'default',
        name: p.metadata?.name ?? '',
        owner: owner ? `${owner.kind}/${owner.name}` : null,
        node: p.spec?.nodeName ?? null,
        phase: p.status?.phase ?? 'Pending',
        ready: isPodReady(p),
        restarts: restarts(p),
        status: podStatusWord(p),
      };
    })
    .sort(byNamespaceName);

  const services: ServiceState[] = store
    .list('Service')
    .map((s) => ({
      namespace: s.metadata?.namespace ?? 'default',
      name: s.metadata?.name ?? '',
      // What kube-proxy routes to: ready endpoints, else serving and terminating ones (EndpointSlices).
      endpoints: [...new Set(routedEndpoints(store, s).map((e) => e.pod))].sort(compareText),
    }))
    .sort(byNamespaceName);

  const line = (t: ServiceTraffic | IngressTraffic | undefined): TrafficLine | undefined =>
    t && {
      service: 'ingress' in t ? t.ingress : t.service,
      requestsPerSecond: t.requestsPerSecond,
      errorsPerSecond: t.errorsPerSecond ?? 0,
      ...('ingress' in t ? { ingress: t.ingress } : {}),
    };
  // Service streams first (by namespace and name), then outside streams through the ingress controller.
  const traffic = [
    ...store.runtimeKeys(SERVICE_TRAFFIC_PREFIX).sort(compareText),
    ...store.runtimeKeys(INGRESS_TRAFFIC_PREFIX).sort(compareText),
  ]
    .map((k) => line(store.getRuntime<ServiceTraffic | IngressTraffic>(k)))
    .filter((t): t is TrafficLine => t !== undefined);

  const statefulSets: StatefulSetState[] = store
    .list('StatefulSet')
    .map((s) => ({
      namespace: s.metadata?.namespace ?? 'default',
      name: s.metadata?.name ?? '',
      replicas: s.spec?.replicas ?? 1,
      readyReplicas: s.status?.readyReplicas ?? 0,
    }))
    .sort(byNamespaceName);

  const hpas: HpaState[] = store
    .list('HorizontalPodAutoscaler')
    .map((h) => ({
      namespace: h.metadata?.namespace ?? 'default',
      name: h.metadata?.name ?? '',
      currentReplicas: h.status?.currentReplicas ?? 0,
      desiredReplicas: h.status?.desiredReplicas ?? 0,
      currentUtilization: hpaUtilization(h),
    }))
    .sort(byNamespaceName);

  return { nodes, deployments, replicaSets, pods, services, hpas, statefulSets, traffic };
}
