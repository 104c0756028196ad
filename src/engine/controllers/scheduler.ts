import type { Controller } from './controller';

/** Placeholder until the real controller lands. */
export const scheduler: Controller = { name: 'default-scheduler', component: 'kube-scheduler', watches: [], reconcile: () => {} };
