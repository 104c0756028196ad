import type { Controller } from './controller';

/** Placeholder until the real controller lands. */
export const kubelet: Controller = { name: 'kubelet', component: 'kubelet', watches: [], reconcile: () => {} };
export const kubeletNodeStatus: Controller = { name: 'kubelet-node-status', component: 'kubelet', watches: [], reconcile: () => {} };
