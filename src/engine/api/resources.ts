/**
 * Pod and node resource arithmetic as the scheduler does it (k8s.io/component-helpers resource helpers):
 * a pod's effective requests, the non-zero variant used for spreading, and a node's allocatable.
 * Leaves out pod-level resources, in-place resize (status resources) and hugepage/extended-resource grouping.
 */
import { bytes, cpuMillis } from './quantity';
import type { Container, Node, Pod } from './types';

/** Amounts by resource name: `cpu` in millicores, `memory` and `ephemeral-storage` in bytes, others counts. */
export type ResourceAmounts = Readonly<Record<string, number>>;

/** What a container with no cpu/memory request counts as when spreading (scheduler util.DefaultMilliCPURequest...). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** Allocatable "pods" when a node does not report it. */
export const DEFAULT_MAX_PODS = 110;

function amount(resource: string, q: string | number | undefined): number {
  return resource === 'cpu' ? cpuMillis(q) : bytes(q);
}

/**
 * A container's requests. A resource with only a limit counts the limit, as the API server's defaulting
 * copies limits into missing requests before the scheduler ever sees the pod.
 */
export function containerRequests(c: Container): Record<string, number> {
  const out: Record<string, number> = {};
  const req = c.resources?.requests ?? {};
  const lim = c.resources?.limits ?? {};
  for (const k in lim) out[k] = amount(k, lim[k]);
  for (const k in req) out[k] = amount(k, req[k]);
  return out;
}

function addInto(into: Record<string, number>, from: ResourceAmounts): void {
  for (const k in from) into[k] = (into[k] ?? 0) + (from[k] ?? 0);
}

function maxInto(into: Record<string, number>, from: ResourceAmounts): void {
  for (const k in from) into[k] = Math.max(into[k] ?? 0, from[k] ?? 0);
}

/**
 * The pod's effective request per resource: max(Σ app containers + Σ sidecars, the peak while init
 * containers run) + overhead. A sidecar is an init container with restartPolicy Always: it keeps running,
 * so it adds to everything started after it. Without sidecars this is max(Σ containers, largest init).
 */
function effective(pod: Pod, perContainer: (c: Container) => Record<string, number>): Record<string, number> {
  const spec = pod.spec;
  const sum: Record<string, number> = {};
  for (const c of spec?.containers ?? []) addInto(sum, perContainer(c));
  const sidecars: Record<string, number> = {};
  const initPeak: Record<string, number> = {};
  for (const c of spec?.initContainers ?? []) {
    const r = perContainer(c);
    if (c.restartPolicy === 'Always') {
      addInto(sidecars, r);
      maxInto(initPeak, sidecars);
    } else {
      const during: Record<string, number> = { ...sidecars };
      addInto(during, r);
      maxInto(initPeak, during);
    }
  }
  addInto(sum, sidecars);
  maxInto(sum, initPeak);
  const overhead = spec?.overhead;
  if (overhead) for (const k in overhead) sum[k] = (sum[k] ?? 0) + amount(k, overhead[k]);
  return sum;
}

/** Real requests (0 when not set): what NodeResourcesFit filtering and BalancedAllocation use. */
export function podRequests(pod: Pod): ResourceAmounts {
  return effective(pod, containerRequests);
}

/**
 * Requests with the non-zero defaults: a container that sets no cpu (memory) request counts as 100m
 * (200Mi). Only LeastAllocated scoring and the node's "non-zero requested" use this.
 */
export function podNonZeroRequests(pod: Pod): { readonly cpu: number; readonly memory: number } {
  const r = effective(pod, (c) => {
    const real = containerRequests(c);
    return {
      cpu: real.cpu ?? DEFAULT_MILLI_CPU_REQUEST,
      memory: real.memory ?? DEFAULT_MEMORY_REQUEST,
    };
  });
  return { cpu: r.cpu ?? 0, memory: r.memory ?? 0 };
}

/** A best-effort pod requests no cpu and no memory at all. */
export function isBestEffort(pod: Pod): boolean {
  const r = podRequests(pod);
  return (r.cpu ?? 0) === 0 && (r.memory ?? 0) === 0;
}

/** status.allocatable in the same units; `pods` defaults to 110 when absent. */
export function nodeAllocatable(node: Node): ResourceAmounts {
  const alloc = node.status?.allocatable ?? node.status?.capacity ?? {};
  const out: Record<string, number> = {};
  for (const k in alloc) out[k] = amount(k, alloc[k]);
  if (out.pods === undefined) out.pods = DEFAULT_MAX_PODS;
  return out;
}
