import type { Controller } from './controller';

/** Placeholder until the real controller lands. */
export const replicaSetController: Controller = { name: 'replicaset-controller', component: 'kube-controller-manager', watches: [], reconcile: () => {} };
