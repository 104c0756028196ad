/** Every controller of the simulated cluster, in the order they are registered. */
import type { Controller } from './controller';
import { deploymentController } from './deployment';
import { replicaSetController } from './replicaset';
import { scheduler } from './scheduler';
import { kubelet, kubeletNodeStatus } from './kubelet';
import { nodeLifecycleController, taintEvictionController } from './nodelifecycle';
import { garbageCollector } from './garbagecollector';
import { endpointsController } from './endpoints';
import { eventTtlController } from './eventttl';

export function allControllers(): Controller[] {
  return [
    deploymentController,
    replicaSetController,
    scheduler,
    kubelet,
    kubeletNodeStatus,
    nodeLifecycleController,
    taintEvictionController,
    garbageCollector,
    endpointsController,
    eventTtlController,
  ];
}
