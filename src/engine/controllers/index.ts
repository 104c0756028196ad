/** Every controller of the simulated cluster, in the order they are registered. */
import type { Controller } from './controller';
import { deploymentController } from './deployment';
import { replicaSetController } from './replicaset';
import { statefulSetController } from './statefulset';
import { daemonSetController } from './daemonset';
import { jobController } from './job';
import { persistentVolumeBinder } from './persistentvolume';
import { scheduler } from './scheduler';
import { kubelet, kubeletNodeStatus } from './kubelet';
import { nodeLifecycleController, taintEvictionController } from './nodelifecycle';
import { garbageCollector } from './garbagecollector';
import { endpointsController } from './endpoints';
import { eventTtlController } from './eventttl';
import { metricsServer } from './metricsserver';
import { horizontalPodAutoscaler } from './hpa';
import { clusterAutoscaler } from './clusterautoscaler';
import { namespaceController } from './namespace';
import { resourceQuotaController } from './resourcequota';
import { controlPlaneController } from '../sim/controlplane';
import { endpointSliceController } from './endpointslice';
import { serviceLbController } from './servicelb';
import { ingressController } from './ingress';
import { kubeProxy } from './traffic';

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
