/**
 * Builds a running simulated cluster: the system namespaces, the worker nodes a scenario declares (or the
 * default three), every controller and the world around them (kube-proxy's traffic, metrics-server, the
 * control plane's outages). The result is a Simulation at t=0, ready for manifests.
 */
import {
  clusterAutoscaler,
  daemonSetController,
  deploymentController,
  endpointsController,
  endpointSliceController,
  eventTtlController,
  garbageCollector,
  horizontalPodAutoscaler,
  ingressController,
  jobController,
  kubelet,
  kubeletNodeStatus,
  namespaceController,
  nodeLifecycleController,
  persistentVolumeBinder,
  replicaSetController,
  resourceQuotaController,
  scheduler,
  serviceLbController,
  statefulSetController,
  taintEvictionController,
} from './controllers';
import type { AutoscalerSpec } from './controllers/clusterautoscaler';
import { registerNodeGroups } from './controllers/clusterautoscaler';
import type { NodeSpec } from './controllers/kubelet/register';
import { DEFAULT_NODES, nodeObject } from './controllers/kubelet/register';
import type { Controller } from './sim/controller';
import type { ImageBehaviour, SimConfig } from './sim/config';
import { Simulation } from './sim/simulation';
import { controlPlaneController } from './world/controlplane';
import { metricsServer } from './world/metricsserver';
import { kubeProxy } from './world/traffic';

export interface ClusterOptions {
  readonly seed?: number;
  readonly nodes?: readonly NodeSpec[];
  readonly images?: Readonly<Record<string, ImageBehaviour>>;
  /** Controllers beyond the cluster's own, e.g. a scenario's timeline (registered after the built-in ones). */
  readonly extraControllers?: readonly Controller[];
  /** Node groups the cluster autoscaler may grow and shrink; each starts at its `min` size. */
  readonly autoscaler?: AutoscalerSpec;
}

/**
 * Every controller of the cluster, in registration order. The order is part of the run: controllers
 * started and woken at the same instant run in it, so changing it changes a replay.
 */
export function allControllers(): Controller[] {
  return [
    deploymentController,
    replicaSetController,
    statefulSetController,
    daemonSetController,
    jobController,
    persistentVolumeBinder,
    scheduler,
    kubelet,
    kubeletNodeStatus,
    nodeLifecycleController,
    taintEvictionController,
    garbageCollector,
    endpointsController,
    eventTtlController,
    namespaceController,
    resourceQuotaController,
    controlPlaneController,
    endpointSliceController,
    serviceLbController,
    ingressController,
    kubeProxy,
    metricsServer,
    horizontalPodAutoscaler,
    clusterAutoscaler,
  ];
}

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

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
