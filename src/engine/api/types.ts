/**
 * The object shapes come from `kubernetes-types` so that every field keeps its Kubernetes name and meaning.
 * This file only says which kinds the engine serves and how they are addressed.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Endpoints, Event, Namespace, Node, Pod, Service } from 'kubernetes-types/core/v1';

export type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
export type { Lease } from 'kubernetes-types/coordination/v1';
export type {
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
};

export const KINDS = Object.keys(KIND_INFO) as Kind[];

export function isKind(value: string): value is Kind {
  return Object.prototype.hasOwnProperty.call(KIND_INFO, value);
}
