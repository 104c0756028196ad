import type { Controller } from './controller';

/** Placeholder until the real controller lands. */
export const endpointsController: Controller = { name: 'endpoints-controller', component: 'kube-controller-manager', watches: [], reconcile: () => {} };
