/** kubectl describe node (describeNode, describeNodeLease, describeNodeResource) as kubectl v1.34 prints it. */
import { bytes, cpuMillis } from '../../../api/quantity';
import { podRequests } from '../../../api/resources';
import type { Container, Node, Pod } from '../../../api/types';
import { describeEvents } from './events';
import { binaryQuantity, canonicalQuantity, cpuString, decimalQuantity, rfc1123z } from './format';
import { since } from '../../duration';
import type { DescribeContext } from './types';
import { compare, PrefixWriter, printAnnotations, printLabels, printTaints } from './writer';

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** findNodeRoles: node-role.kubernetes.io/<role> labels and a kubernetes.io/role value, sorted. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort(compare);
}

function amount(resource: string, q: string | number | undefined): number {
  return resource === 'cpu' ? cpuMillis(q) : bytes(q);
}

function addAll(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const k in from) into[k] = (into[k] ?? 0) + (from[k] ?? 0);
}

function containerLimits(c: Container): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(c.resources?.limits ?? {})) out[k] = amount(k, v);
  return out;
}

/** PodLimits: Σ containers, at least the largest init container, plus overhead where limits exist. */
function podLimits(pod: Pod): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const c of pod.spec?.containers ?? []) addAll(sum, containerLimits(c));
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [k, v] of Object.entries(containerLimits(c))) sum[k] = Math.max(sum[k] ?? 0, v);
  }
  const overhead = pod.spec?.overhead ?? {};
  for (const k in overhead) if (sum[k] !== undefined) sum[k] += amount(k, overhead[k]);
  return sum;
}

/** A byte count as Quantity prints a sum: binary when it divides into KiB, else decimal ("100M"). */
function memString(b: number): string {
  return b !== 0 && b % 1024 === 0 ? binaryQuantity(b) : decimalQuantity(b);
}

function show(resource: string, v: number): string {
  return resource === 'cpu' ? cpuString(v) : memString(v);
}

const pct = (v: number, of: number): number => (of === 0 ? 0 : Math.trunc((v / of) * 100));

function describeNodeResource(w: PrefixWriter, node: Node, pods: readonly Pod[], now: number): void {
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const alloc =
    node.status?.allocatable && Object.keys(node.status.allocatable).length
      ? node.status.allocatable
      : (node.status?.capacity ?? {});
  const allocCpu = cpuMillis(alloc.cpu);
  const allocMem = bytes(alloc.memory);
  const allocEph = bytes(alloc['ephemeral-storage']);
  const reqs: Record<string, number> = {};
  const limits: Record<string, number> = {};
  for (const pod of pods) {
    const req = podRequests(pod);
    const lim = podLimits(pod);
    addAll(reqs, req);
    addAll(limits, lim);
    const cpuR = req.cpu ?? 0;
    const cpuL = lim.cpu ?? 0;
    const memR = req.memory ?? 0;
    const memL = lim.memory ?? 0;
    w.write(
      1,
      `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t` +
        `${cpuString(cpuR)} (${pct(cpuR, allocCpu)}%)\t${cpuString(cpuL)} (${pct(cpuL, allocCpu)}%)\t` +
        `${memString(memR)} (${pct(memR, allocMem)}%)\t${memString(memL)} (${pct(memL, allocMem)}%)\t` +
        `${since(pod.metadata?.creationTimestamp, now)}\n`,
    );
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  for (const [r, of] of [
    ['cpu', allocCpu],
    ['memory', allocMem],
    ['ephemeral-storage', allocEph],
  ] as const) {
    const q = reqs[r] ?? 0;
    const l = limits[r] ?? 0;
    w.write(1, `${r}\t${show(r, q)} (${pct(q, of)}%)\t${show(r, l)} (${pct(l, of)}%)\n`);
  }
}

export function describeNode(node: Node, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const name = node.metadata?.name ?? '';
  const status = node.status;
  w.write(0, `Name:\t${name}\n`);
  const roles = nodeRoles(node);
  w.write(0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  printLabels(w, 'Labels', node.metadata?.labels);
  printAnnotations(w, 'Annotations', node.metadata?.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata?.creationTimestamp)}\n`);
  printTaints(w, 'Taints', node.spec?.taints);
  w.write(0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
  const lease = ctx.store.get('Lease', 'kube-node-lease', name);
  if (lease) {
    const t = (ts: string | undefined) => (ts ? rfc1123z(ts) : '<unset>');
    w.write(0, 'Lease:\n');
    w.write(1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
    w.write(1, `AcquireTime:\t${t(lease.spec?.acquireTime)}\n`);
    w.write(1, `RenewTime:\t${t(lease.spec?.renewTime)}\n`);
  } else {
    w.write(0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${name}" not found\n`);
  }
  if (status?.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of status.conditions) {
      w.write(
        1,
        `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of status?.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [
    ['Capacity', status?.capacity],
    ['Allocatable', status?.allocatable],
  ] as const) {
    const names = Object.keys(list ?? {}).sort(compare);
    if (!names.length) continue;
    w.write(0, `${title}:\n`);
    for (const r of names) w.write(0, `  ${r}:\t${canonicalQuantity(list?.[r])}\n`);
  }
  const info = status?.nodeInfo;
  w.write(0, 'System Info:\n');
  w.write(0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
  w.write(0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
  w.write(0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
  w.write(0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
  w.write(0, `  OS Image:\t${info?.osImage ?? ''}\n`);
  w.write(0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
  w.write(0, `  Architecture:\t${info?.architecture ?? ''}\n`);
  w.write(0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
  w.write(0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
  w.write(0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
  if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec?.podCIDRs?.length) w.write(0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
  if (node.spec?.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);
  const pods = ctx.store
    .podsOnNode(name)
    .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    .sort(
      (a, b) =>
        compare(a.metadata?.namespace ?? '', b.metadata?.namespace ?? '') ||
        compare(a.metadata?.name ?? '', b.metadata?.name ?? ''),
    );
  describeNodeResource(w, node, pods, ctx.now);
  if (ctx.showEvents) describeEvents(w, ctx.events(node), ctx.now);
  return w.toString();
}
