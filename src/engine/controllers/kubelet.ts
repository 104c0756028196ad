/**
 * The kubelet of every node: `kubelet` runs the pods bound to a node whose machine is up (runtime `node/<name>`
 * absent), `kubelet-node-status` posts that node's Lease and conditions. The logic lives in ./kubelet/.
 * Left out: static pods, the eviction manager, device plugins, kubelet restarts without a machine reboot.
 */
import type { Pod } from '../api/types';
import type { Controller, ObjectWatch, ReconcileContext, RuntimeWatch } from './controller';
import { isOwnStatusWrite, podKeyOf, syncPod } from './kubelet/pod';
import { syncNodeStatus } from './kubelet/nodestatus';
import type { PodRt } from './kubelet/runtime';
import { nodeDownKey, podRuntimeKey } from './kubelet/runtime';

const NODE_PREFIX = 'node/';

export const kubelet: Controller = {
  name: 'kubelet',
  component: 'kubelet',
  watches: [
    {
      kind: 'Pod',
      keys: () => [],
      changed: (from, to, store) => {
        const pod = (to ?? from) as Pod;
        if (!pod.spec?.nodeName && !(from as Pod | undefined)?.spec?.nodeName) return [];
        const key = podKeyOf(pod);
        if (
          from &&
          to &&
          isOwnStatusWrite(from as Pod, to as Pod, store.getRuntime<PodRt>(podRuntimeKey(key)))
        ) {
          return [];
        }
        return [key];
      },
    } satisfies ObjectWatch,
    {
      // A node object that appears later: the pods already bound to it start.
      kind: 'Node',
      keys: () => [],
      changed: (from, to, store) =>
        from === undefined && to ? store.podsOnNode(to.metadata?.name ?? '').map(podKeyOf) : [],
    } satisfies ObjectWatch,
    {
      // A machine that powers back on: every pod on it is resynced (restarted, or its deletion confirmed).
      runtimePrefix: NODE_PREFIX,
      keys: (key, store) => {
        const node = key.slice(NODE_PREFIX.length);
        return store.getRuntime(nodeDownKey(node)) === undefined ? store.podsOnNode(node).map(podKeyOf) : [];
      },
    } satisfies RuntimeWatch,
  ],
  reconcile: (key, ctx) => syncPod(ctx, key),
};

export const kubeletNodeStatus: Controller = {
  name: 'kubelet-node-status',
  component: 'kubelet',
  watches: [
    { kind: 'Node', keys: (obj) => [obj.metadata?.name ?? ''] } satisfies ObjectWatch,
    { runtimePrefix: NODE_PREFIX, keys: (key) => [key.slice(NODE_PREFIX.length)] } satisfies RuntimeWatch,
  ],
  start(ctx) {
    for (const n of ctx.store.list('Node')) ctx.enqueue('kubelet-node-status', n.metadata?.name ?? '');
  },
  reconcile: (key, ctx) => syncNodeStatus(ctx, key),
};

/** Fault: the pod's processes die now with `exitCode`; they restart per restartPolicy and back-off. */
export function crashContainer(ctx: ReconcileContext, pod: Pod, exitCode = 1): void {
  syncPod(ctx, podKeyOf(pod), (s) => s.crash(exitCode));
}

/** Fault: the pod's apps stop answering (probes fail, SIGTERM is ignored) until their processes restart. */
export function hangApp(ctx: ReconcileContext, pod: Pod): void {
  syncPod(ctx, podKeyOf(pod), (s) => s.hang());
}
