import type { Controller } from './controller';

/** Placeholder until the real controller lands. */
export const nodeLifecycleController: Controller = { name: 'node-lifecycle-controller', component: 'kube-controller-manager', watches: [], reconcile: () => {} };
export const taintEvictionController: Controller = { name: 'taint-eviction-controller', component: 'kube-controller-manager', watches: [], reconcile: () => {} };
