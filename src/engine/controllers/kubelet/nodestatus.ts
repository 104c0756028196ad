/**
 * The kubelet's node heartbeats (kubelet_node_status.go and the node lease controller): renew the Lease
 * `kube-node-lease/<node>` every 10 s, post node conditions when they change or every 5 minutes, and record
 * the startup and NodeReady events. Left out: registration, capacity and image lists, eviction thresholds.
 */
import { seconds, timestamp } from '../../api/meta';
import type { Lease, Node, NodeCondition } from '../../api/types';
import type { ReconcileContext } from '../../sim/controller';
import type { NodeRt } from './runtime';
import { hex64 } from '../../base/hash';
import { nodeKubeletKey, nodeRt, observeNode } from './runtime';

export const LEASE_NAMESPACE = 'kube-node-lease';
export const LEASE_DURATION_SECONDS = 40;
export const LEASE_RENEW_SECONDS = 10;
/** nodeStatusReportFrequency: status is re-posted unchanged this often. */
export const NODE_STATUS_REPORT_SECONDS = 300;

/** metav1.MicroTime as the API server prints it: "2026-01-01T09:00:10.000000Z". */
export function microTime(t: number): string {
  const ts = timestamp(t);
  const dot = ts.indexOf('.');
  if (dot < 0) return ts.replace('Z', '.000000Z');
  const frac = ts.slice(dot + 1, -1);
  return `${ts.slice(0, dot)}.${frac.padEnd(6, '0')}Z`;
}

/** A machine's boot ID for each of its boots (what /proc/sys/kernel/random/boot_id would say). */
export function bootID(node: string, boot: number): string {
  const h = hex64(`${node}/boot/${boot}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

interface Want {
  readonly type: string;
  readonly status: 'True' | 'False';
  readonly reason: string;
  readonly message: string;
  readonly event: string;
}

const CONDITIONS: readonly Want[] = [
  {
    type: 'MemoryPressure',
    status: 'False',
    reason: 'KubeletHasSufficientMemory',
    message: 'kubelet has sufficient memory available',
    event: 'NodeHasSufficientMemory',
  },
  {
    type: 'DiskPressure',
    status: 'False',
    reason: 'KubeletHasNoDiskPressure',
    message: 'kubelet has no disk pressure',
    event: 'NodeHasNoDiskPressure',
  },
  {
    type: 'PIDPressure',
    status: 'False',
    reason: 'KubeletHasSufficientPID',
    message: 'kubelet has sufficient PID available',
    event: 'NodeHasSufficientPID',
  },
  {
    type: 'Ready',
    status: 'True',
    reason: 'KubeletReady',
    message: 'kubelet is posting ready status',
    event: 'NodeReady',
  },
];

function renewLease(ctx: ReconcileContext, node: Node, name: string): void {
  const { api, store } = ctx;
  if (!store.get('Namespace', undefined, LEASE_NAMESPACE)) return;
  const renewTime = microTime(ctx.now);
  const lease = store.get('Lease', LEASE_NAMESPACE, name);
  if (lease) {
    api.update('Lease', { ...lease, spec: { ...lease.spec, renewTime } });
    return;
  }
  const created: Lease = {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name,
      namespace: LEASE_NAMESPACE,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata?.uid ?? '' }],
    },
    spec: { holderIdentity: name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime },
  };
  api.create('Lease', created);
}

function postStatus(ctx: ReconcileContext, node: Node, name: string, boot: number): void {
  const now = ctx.now;
  const prev = node.status?.conditions ?? [];
  const ready = prev.find((c) => c.type === 'Ready');
  const heartbeat = ready?.lastHeartbeatTime;
  const id = bootID(name, boot);
  const oldBoot = node.status?.nodeInfo?.bootID ?? '';
  const changed =
    oldBoot !== id ||
    CONDITIONS.some((w) => {
      const c = prev.find((p) => p.type === w.type);
      return !c || c.status !== w.status || c.reason !== w.reason;
    });
  const due = heartbeat === undefined || now - seconds(heartbeat) >= NODE_STATUS_REPORT_SECONDS;
  if (!changed && !due) return;
  const conditions: NodeCondition[] = CONDITIONS.map((w) => {
    const c = prev.find((p) => p.type === w.type);
    return {
      type: w.type,
      status: w.status,
      lastHeartbeatTime: timestamp(now),
      lastTransitionTime:
        c && c.status === w.status && c.lastTransitionTime ? c.lastTransitionTime : timestamp(now),
      reason: w.reason,
      message: w.message,
    };
  });
  const others = prev.filter((c) => !CONDITIONS.some((w) => w.type === c.type));
  const status = {
    ...node.status,
    conditions: [...conditions, ...others],
    ...(node.status?.nodeInfo ? { nodeInfo: { ...node.status.nodeInfo, bootID: id } } : {}),
  };
  const stored = ctx.api.updateStatus('Node', { ...node, status });
  const source = { component: 'kubelet', host: name };
  const event = (type: 'Normal' | 'Warning', reason: string, message: string) =>
    ctx.api.recordEvent(stored, type, reason, message, source);
  if (oldBoot !== id) {
    // The kubelet process (re)starts: its startup events, as `kubectl describe node` lists them.
    event('Normal', 'Starting', 'Starting kubelet.');
    if (oldBoot) event('Warning', 'Rebooted', `Node ${name} has been rebooted, boot id: ${id}`);
    event('Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
  }
  for (const w of CONDITIONS) {
    const c = prev.find((p) => p.type === w.type);
    if (!c || c.status !== w.status) event('Normal', w.event, `Node ${name} status is now: ${w.event}`);
  }
}

/** One heartbeat loop turn for node `name`. */
export function syncNodeStatus(ctx: ReconcileContext, name: string): void {
  const node = ctx.store.get('Node', undefined, name);
  if (!node) return;
  const boot = observeNode(ctx.store, name, ctx.now);
  if (boot === undefined) return; // powered off: no heartbeats; recovery wakes us through the node/ watch
  const k = nodeRt(ctx.store, name);
  let renewedAt = k.renewedAt;
  const leaseMissing = !ctx.store.get('Lease', LEASE_NAMESPACE, name);
  if (renewedAt === undefined || ctx.now >= renewedAt + LEASE_RENEW_SECONDS || leaseMissing) {
    renewLease(ctx, node, name);
    renewedAt = ctx.now;
  }
  postStatus(ctx, ctx.store.get('Node', undefined, name) ?? node, name, boot);
  const next = renewedAt + LEASE_RENEW_SECONDS;
  let wake = k.wake !== undefined && k.wake > ctx.now ? k.wake : undefined;
  if (wake === undefined || next < wake) {
    ctx.requeueAfter(next - ctx.now, name);
    wake = next;
  }
  const cur = nodeRt(ctx.store, name);
  if (cur.wake !== wake || cur.renewedAt !== renewedAt) {
    ctx.store.setRuntime<NodeRt>(nodeKubeletKey(name), { ...cur, wake, renewedAt });
  }
}
