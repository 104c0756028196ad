/**
 * kube-controller-manager's node lifecycle controller and taint eviction controller. The code lives in
 * nodelifecycle/: monitor.ts (node health, taints, disruption modes) and tainteviction.ts (NoExecute evictions).
 */
export { nodeLifecycleController } from './nodelifecycle/monitor';
export { taintEvictionController } from './nodelifecycle/tainteviction';
