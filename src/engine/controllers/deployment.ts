import type { Controller } from './controller';

/** Placeholder until the real controller lands. */
export const deploymentController: Controller = { name: 'deployment-controller', component: 'kube-controller-manager', watches: [], reconcile: () => {} };
