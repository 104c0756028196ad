/**
 * The kubelet of every node: `kubelet` runs the pods bound to a node whose machine is up (runtime `node/<name>`
 * absent), `kubelet-node-status` posts that node's Lease and conditions. The logic lives in ./kubelet/.
 * ConfigMaps and Secrets wake the pods waiting for them. Left out: static pods, the eviction manager, device
 * plugins, kubelet restarts without a machine reboot.
 */
import type { Store } from '../api/store';
import type { KubeObject, Pod } from '../api/types';
import { referencesConfig } from './kubelet/config';
import type { Controller, ObjectWatch, ReconcileContext, RuntimeWatch } from '../sim/controller';
import { isOwnStatusWrite, podKeyOf, syncPod } from './kubelet/pod';
import { syncNodeStatus } from './kubelet/nodestatus';
import type { PodRt } from './kubelet/runtime';
import { nodeDownKey, podRuntimeKey } from './kubelet/runtime';

const NODE_PREFIX = 'node/';

/**
 * The kubelet's ConfigMap/Secret watch: a source that appears or changes wakes the pods waiting for it
 * (volumes not mounted, or a container in CreateContainerConfigError) so they retry at once.
 */
function configWaiters(store: Store, kind: 'ConfigMap' | 'Secret', obj: KubeObject | undefined): string[] {
  const ns = obj?.metadata?.namespace;
  const name = obj?.metadata?.name ?? '';
  if (!ns) return [];
  const out: string[] = [];
  for (const pod of store.list('Pod', ns)) {
    if (!pod.spec?.nodeName || pod.metadata?.deletionTimestamp) continue;
    const key = podKeyOf(pod);
    const rt = store.getRuntime<PodRt>(podRuntimeKey(key));
    if (!rt || (!rt.mount && !rt.containers.some((c) => c.proc.k === 'configErr'))) continue;
    if (referencesConfig(pod, kind, name)) out.push(key);
  }
  return out;
}

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
      kind: 'ConfigMap',
      keys: () => [],
      changed: (_from, to, store) => (to ? configWaiters(store, 'ConfigMap', to) : []),
    } satisfies ObjectWatch,
    {
      kind: 'Secret',
      keys: () => [],
      changed: (_from, to, store) => (to ? configWaiters(store, 'Secret', to) : []),
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
