/**
 * The object shapes come from `kubernetes-types` so that every field keeps its Kubernetes name and meaning.
 * This file only says which kinds the engine serves and how they are addressed.
 */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { Job } from 'kubernetes-types/batch/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type {
  ConfigMap,
  Endpoints,
  Event,
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  ResourceQuota,
  Secret,
  Service,
} from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Ingress } from 'kubernetes-types/networking/v1';

export type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
export type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
export type { Job } from 'kubernetes-types/batch/v1';
export type { Lease } from 'kubernetes-types/coordination/v1';
export type { EndpointSlice } from 'kubernetes-types/discovery/v1';
export type { Ingress } from 'kubernetes-types/networking/v1';
export type {
  ConfigMap,
  PersistentVolume,
  PersistentVolumeClaim,
  ResourceQuota,
  Secret,
  Container,
  ContainerStatus,
  Endpoints,
  Event,
  Namespace,
  Node,
  NodeCondition,
  Pod,
  PodCondition,
  PodSpec,
  PodTemplateSpec,
  Probe,
  Service,
  Taint,
  Toleration,
} from 'kubernetes-types/core/v1';
export type { LabelSelector, ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';

/** Every kind the API store serves, keyed by its Kubernetes kind name. */
export interface KindMap {
  Namespace: Namespace;
  Node: Node;
  Lease: Lease;
  Pod: Pod;
  ReplicaSet: ReplicaSet;
  Deployment: Deployment;
  Service: Service;
  Endpoints: Endpoints;
  Event: Event;
  StatefulSet: StatefulSet;
  DaemonSet: DaemonSet;
  Job: Job;
  HorizontalPodAutoscaler: HorizontalPodAutoscaler;
  Ingress: Ingress;
  EndpointSlice: EndpointSlice;
  ConfigMap: ConfigMap;
  Secret: Secret;
  PersistentVolumeClaim: PersistentVolumeClaim;
  PersistentVolume: PersistentVolume;
  ResourceQuota: ResourceQuota;
}

export type Kind = keyof KindMap;
export type KubeObject = KindMap[Kind];

/** The apiVersion each kind is served at, and whether it lives in a namespace. */
export const KIND_INFO: {
  readonly [K in Kind]: { apiVersion: string; namespaced: boolean; plural: string };
} = {
  Namespace: { apiVersion: 'v1', namespaced: false, plural: 'namespaces' },
  Node: { apiVersion: 'v1', namespaced: false, plural: 'nodes' },
  Lease: { apiVersion: 'coordination.k8s.io/v1', namespaced: true, plural: 'leases' },
  Pod: { apiVersion: 'v1', namespaced: true, plural: 'pods' },
  ReplicaSet: { apiVersion: 'apps/v1', namespaced: true, plural: 'replicasets' },
  Deployment: { apiVersion: 'apps/v1', namespaced: true, plural: 'deployments' },
  Service: { apiVersion: 'v1', namespaced: true, plural: 'services' },
  Endpoints: { apiVersion: 'v1', namespaced: true, plural: 'endpoints' },
  Event: { apiVersion: 'v1', namespaced: true, plural: 'events' },
  StatefulSet: { apiVersion: 'apps/v1', namespaced: true, plural: 'statefulsets' },
  DaemonSet: { apiVersion: 'apps/v1', namespaced: true, plural: 'daemonsets' },
  Job: { apiVersion: 'batch/v1', namespaced: true, plural: 'jobs' },
  HorizontalPodAutoscaler: {
    apiVersion: 'autoscaling/v2',
    namespaced: true,
    plural: 'horizontalpodautoscalers',
  },
  Ingress: { apiVersion: 'networking.k8s.io/v1', namespaced: true, plural: 'ingresses' },
  EndpointSlice: { apiVersion: 'discovery.k8s.io/v1', namespaced: true, plural: 'endpointslices' },
  ConfigMap: { apiVersion: 'v1', namespaced: true, plural: 'configmaps' },
  Secret: { apiVersion: 'v1', namespaced: true, plural: 'secrets' },
  PersistentVolumeClaim: { apiVersion: 'v1', namespaced: true, plural: 'persistentvolumeclaims' },
  PersistentVolume: { apiVersion: 'v1', namespaced: false, plural: 'persistentvolumes' },
  ResourceQuota: { apiVersion: 'v1', namespaced: true, plural: 'resourcequotas' },
};

export const KINDS = Object.keys(KIND_INFO) as Kind[];

export function isKind(value: string): value is Kind {
  return Object.prototype.hasOwnProperty.call(KIND_INFO, value);
}
