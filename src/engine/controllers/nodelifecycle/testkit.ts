/**
 * Test support for the node lifecycle tests: a stand-in kubelet heartbeat (Lease renewal every 10 s and a
 * node status posted on change, nothing while the machine is down) and helpers to build a small cluster.
 * Not the real kubelet: no pods are run, no probes, no status report every 5 minutes.
 */
import { timestamp } from '../../api/meta';
import type { Node, NodeCondition, Pod, Toleration } from '../../api/types';
import type { NodeSpec } from '../kubelet/register';
import { nodeObject } from '../kubelet/register';
import { Simulation } from '../../sim/simulation';
import type { Controller, ReconcileContext } from '../../sim/controller';
import { nodeLifecycleController } from './monitor';
import { taintEvictionController } from './tainteviction';

export const FAKE_HEARTBEAT = 'fake-heartbeat';
/** Runtime `fake-kubelet/<node>` = 'NotReady': the (alive) kubelet reports Ready=False. */
export const FAKE_KUBELET_PREFIX = 'fake-kubelet/';
const NEXT_PREFIX = 'fake-heartbeat-next/';
const LEASE_NS = 'kube-node-lease';

function isDown(ctx: ReconcileContext, node: string): boolean {
  return ctx.store.getRuntime<{ down?: boolean }>(`node/${node}`)?.down === true;
}

function renewLease(ctx: ReconcileContext, node: string): void {
  const lease = ctx.store.get('Lease', LEASE_NS, node);
  const spec = { holderIdentity: node, leaseDurationSeconds: 40, renewTime: timestamp(ctx.now) };
  if (lease) ctx.api.update('Lease', { ...lease, spec: { ...lease.spec, ...spec } });
  else {
    ctx.api.create('Lease', {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: node, namespace: LEASE_NS },
      spec,
    });
  }
}

function postStatus(ctx: ReconcileContext, name: string): void {
  const node = ctx.store.get('Node', undefined, name);
  if (!node) return;
  const ready = ctx.store.getRuntime<string>(FAKE_KUBELET_PREFIX + name) !== 'NotReady';
  const want = ready ? 'True' : 'False';
  const cur = node.status?.conditions?.find((c) => c.type === 'Ready');
  const pressuresOk = ['MemoryPressure', 'DiskPressure', 'PIDPressure'].every(
    (t) => node.status?.conditions?.find((c) => c.type === t)?.status === 'False',
  );
  if (cur?.status === want && pressuresOk) return;
  const now = timestamp(ctx.now);
  const cond = (type: string, status: string, reason: string, message: string): NodeCondition => ({
    type,
    status,
    reason,
    message,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
  });
  const conditions: NodeCondition[] = [
    cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    ready
      ? cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status')
      : cond('Ready', 'False', 'KubeletNotReady', 'container runtime network not ready'),
  ];
  ctx.api.updateStatus('Node', { ...node, status: { ...node.status, conditions } });
}

/** Renews each up node's Lease every 10 s (from t=0), and at once when its machine comes back. */
export const fakeHeartbeat: Controller = {
  name: FAKE_HEARTBEAT,
  component: 'kubelet',
  watches: [
    { runtimePrefix: 'node/', keys: (key: string) => [key.slice('node/'.length)] },
    { runtimePrefix: FAKE_KUBELET_PREFIX, keys: (key: string) => [key.slice(FAKE_KUBELET_PREFIX.length)] },
  ],
  start(ctx) {
    for (const n of ctx.store.list('Node')) ctx.enqueue(FAKE_HEARTBEAT, n.metadata?.name ?? '');
  },
  reconcile(node, ctx) {
    if (!ctx.store.get('Node', undefined, node) || isDown(ctx, node)) return;
    renewLease(ctx, node);
    postStatus(ctx, node);
    // One timer chain per node, whatever woke us.
    const next = ctx.store.getRuntime<number>(NEXT_PREFIX + node);
    if (next === undefined || next <= ctx.now) {
      ctx.store.setRuntime(NEXT_PREFIX + node, ctx.now + 10);
      ctx.requeueAfter(10, node);
    }
  },
};

export interface TestCluster {
  readonly sim: Simulation;
  node(name: string): Node;
  pod(name: string): Pod | undefined;
  powerOff(node: string): void;
  powerOn(node: string): void;
  /** Bound, Running and Ready pod in `default`, created through the API server. */
  addPod(name: string, node: string, tolerations?: Toleration[]): Pod;
  /** Same, written straight to the store: no admission (so no DefaultTolerationSeconds). */
  putPodRaw(name: string, node: string): Pod;
}

/** A simulation with the fake heartbeat and both controllers, `nodes` registered, started at t=0. */
export function testCluster(nodes: readonly NodeSpec[]): TestCluster {
  const sim = new Simulation({ seed: 1, images: {} }, [
    fakeHeartbeat,
    nodeLifecycleController,
    taintEvictionController,
  ]);
  sim.act('test', () => {
    for (const ns of ['default', LEASE_NS]) {
      sim.api.create('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    }
    nodes.forEach((n, i) => sim.api.create('Node', nodeObject(n, i)));
  });
  sim.start();
  const podObject = (name: string, node: string, tolerations?: Toleration[]): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'web' } },
    spec: {
      nodeName: node,
      containers: [{ name: 'web', image: 'nginx:1.27' }],
      ...(tolerations ? { tolerations } : {}),
    },
    status: {
      phase: 'Running',
      conditions: ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready'].map((type) => ({
        type,
        status: 'True',
        lastTransitionTime: timestamp(sim.now),
      })),
    },
  });
  return {
    sim,
    node: (name) => {
      const n = sim.store.get('Node', undefined, name);
      if (!n) throw new Error(`no node ${name}`);
      return n;
    },
    pod: (name) => sim.store.get('Pod', 'default', name),
    powerOff: (node) =>
      sim.act('fault', () => sim.store.setRuntime(`node/${node}`, { down: true, since: sim.now })),
    powerOn: (node) => sim.act('fault', () => sim.store.setRuntime(`node/${node}`, undefined)),
    addPod: (name, node, tolerations) =>
      sim.act('test', () => {
        // The API server starts every pod Pending; the status a running pod has is the kubelet's to write.
        const pod = podObject(name, node, tolerations);
        const created = sim.api.create('Pod', pod);
        return sim.api.updateStatus('Pod', { ...created, ...(pod.status ? { status: pod.status } : {}) });
      }),
    putPodRaw: (name, node) =>
      sim.act('test', () =>
        sim.store.put({
          ...podObject(name, node),
          metadata: { ...podObject(name, node).metadata, uid: `uid-${name}` },
        }),
      ),
  };
}

/** Tolerations for the not-ready and unreachable NoExecute taints, `seconds` long (undefined: forever). */
export function nodeFailureTolerations(seconds?: number): Toleration[] {
  return ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'].map((key) => ({
    key,
    operator: 'Exists',
    effect: 'NoExecute',
    ...(seconds !== undefined ? { tolerationSeconds: seconds } : {}),
  }));
}
