import type { Controller } from './controller';

/** Placeholder until the real controller lands. */
export const garbageCollector: Controller = { name: 'garbage-collector-controller', component: 'kube-controller-manager', watches: [], reconcile: () => {} };
