/**
 * What metrics-server serves through the resource metrics API (metrics.k8s.io): per-container CPU and memory of
 * every running pod and per-node totals, sampled every 15 s (--metric-resolution). Usage is derived from each
 * image's behaviour and the pod's share of its Service's traffic. Leaves out cAdvisor, the kubelet Summary API,
 * CPU throttling detail, ephemeral storage and the aggregation layer; a sample is the latest scrape only.
 */
import { bytes, cpuMillis } from '../api/quantity';
import type { Store } from '../api/store';
import type { Container, Pod } from '../api/types';
import type { PodRt } from '../controllers/kubelet/runtime';
import { nodeDownKey, podRuntimeKey } from '../controllers/kubelet/runtime';
import type { ContainerUsage, NodeMetricsSample, PodMetricsSample } from '../api/metrics';
import {
  METRICS_RESOLUTION_SECONDS,
  NODE_METRICS_PREFIX,
  nodeMetricsKey,
  POD_METRICS_PREFIX,
  podMetricsKey,
} from '../api/metrics';
import type { SimConfig } from '../sim/config';
import { imageBehaviour } from '../sim/config';

/** CPU an image uses with no traffic when its behaviour does not say (a mostly idle process). */
export const DEFAULT_BASE_CPU_MILLIS = 1;
/** Memory an image uses when its behaviour does not say. */
export const DEFAULT_MEMORY_MI = 20;
/** What a node uses besides its pods (kubelet, container runtime, system daemons). */
export const NODE_OVERHEAD_CPU_MILLIS = 50;
export const NODE_OVERHEAD_MEMORY_BYTES = 300 * 2 ** 20;

/** Runtime prefix written by the traffic simulation: `podtraffic/<namespace>/<pod>` = { requestsPerSecond }. */
export const POD_TRAFFIC_PREFIX = 'podtraffic/';

const MI = 2 ** 20;

export const podTrafficKey = (namespace: string, pod: string): string =>
  `${POD_TRAFFIC_PREFIX}${namespace}/${pod}`;

/** Requests per second the traffic simulation routes to this pod (0 when it has not said). */
export function podRequestsPerSecond(store: Store, namespace: string, name: string): number {
  const t = store.getRuntime<{ requestsPerSecond?: number }>(podTrafficKey(namespace, name));
  const rps = t?.requestsPerSecond;
  return typeof rps === 'number' && Number.isFinite(rps) && rps > 0 ? rps : 0;
}

/** Rounds to nanocore / byte precision so samples are exact, comparable numbers. */
function nano(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * A running container's usage at `now`: CPU = baseCpuMillis + cpuMillisPerRequest × requests per second, capped
 * at its CPU limit; memory = memoryMi + memoryLeakMiPerMinute × minutes since it started, capped at its limit
 * (the kubelet OOM-kills it there).
 */
export function containerUsage(
  config: SimConfig,
  container: Container,
  startedAt: number,
  requestsPerSecond: number,
  now: number,
): ContainerUsage {
  const b = imageBehaviour(config, container.image ?? '');
  let cpu = (b.baseCpuMillis ?? DEFAULT_BASE_CPU_MILLIS) + (b.cpuMillisPerRequest ?? 0) * requestsPerSecond;
  const cpuLimit = container.resources?.limits?.cpu;
  if (cpuLimit !== undefined) cpu = Math.min(cpu, cpuMillis(cpuLimit));
  const minutes = Math.max(0, now - startedAt) / 60;
  let memory = Math.round(
    ((b.memoryMi ?? DEFAULT_MEMORY_MI) + (b.memoryLeakMiPerMinute ?? 0) * minutes) * MI,
  );
  const memLimit = container.resources?.limits?.memory;
  if (memLimit !== undefined) memory = Math.min(memory, bytes(memLimit));
  return { name: container.name, cpuMillis: nano(cpu), memoryBytes: memory };
}

/** Each app container's current usage, or undefined when the pod runs nothing on a live machine. */
function liveUsage(
  store: Store,
  config: SimConfig,
  pod: Pod,
  now: number,
): { usage: ContainerUsage[]; latestStart: number; complete: boolean } | undefined {
  const node = pod.spec?.nodeName;
  const ns = pod.metadata?.namespace ?? 'default';
  const name = pod.metadata?.name ?? '';
  if (!node || store.getRuntime(nodeDownKey(node)) !== undefined) return undefined;
  const rt = store.getRuntime<PodRt>(podRuntimeKey(`${ns}/${name}`));
  if (!rt || rt.uid !== pod.metadata?.uid || rt.node !== node) return undefined;
  const rps = podRequestsPerSecond(store, ns, name);
  const usage: ContainerUsage[] = [];
  let latestStart = Number.NEGATIVE_INFINITY;
  let complete = true;
  for (const c of pod.spec?.containers ?? []) {
    const crt = rt.containers.find((x) => x.name === c.name);
    const proc = crt?.proc;
    if (proc?.k !== 'run') {
      complete = false;
      continue;
    }
    latestStart = Math.max(latestStart, proc.start);
    usage.push(containerUsage(config, c, proc.start, rps, now));
  }
  if (usage.length === 0) return undefined;
  return { usage, latestStart, complete };
}

/**
 * The sample metrics-server would serve for a pod scraped at `now`: every container must be running and have
 * been running for one full window (a CPU rate needs two cumulative readings), else the pod has no metrics.
 */
export function samplePod(
  store: Store,
  config: SimConfig,
  pod: Pod,
  now: number,
): PodMetricsSample | undefined {
  const live = liveUsage(store, config, pod, now);
  if (!live || !live.complete || live.latestStart > now - METRICS_RESOLUTION_SECONDS) return undefined;
  return {
    namespace: pod.metadata?.namespace ?? 'default',
    name: pod.metadata?.name ?? '',
    timestamp: now,
    window: METRICS_RESOLUTION_SECONDS,
    containers: live.usage,
  };
}

function sameSample(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** One scrape of every node and pod: writes the latest samples and drops those of vanished pods and nodes. */
export function scrape(store: Store, config: SimConfig, now: number): void {
  const seenPods = new Set<string>();
  const nodeTotals = new Map<string, { cpu: number; memory: number }>();
  for (const pod of store.list('Pod')) {
    const live = liveUsage(store, config, pod, now);
    if (!live) continue;
    const node = pod.spec?.nodeName ?? '';
    const total = nodeTotals.get(node) ?? { cpu: 0, memory: 0 };
    for (const u of live.usage) {
      total.cpu += u.cpuMillis;
      total.memory += u.memoryBytes;
    }
    nodeTotals.set(node, total);
    const sample = samplePod(store, config, pod, now);
    if (!sample) continue;
    const key = podMetricsKey(sample.namespace, sample.name);
    seenPods.add(key);
    if (!sameSample(store.getRuntime(key), sample)) store.setRuntime(key, sample);
  }
  for (const key of store.runtimeKeys(POD_METRICS_PREFIX)) {
    if (!seenPods.has(key)) store.setRuntime(key, undefined);
  }
  const seenNodes = new Set<string>();
  for (const node of store.list('Node')) {
    const name = node.metadata?.name ?? '';
    if (store.getRuntime(nodeDownKey(name)) !== undefined) continue;
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    if (ready?.status !== 'True') continue;
    const total = nodeTotals.get(name) ?? { cpu: 0, memory: 0 };
    const sample: NodeMetricsSample = {
      name,
      timestamp: now,
      window: METRICS_RESOLUTION_SECONDS,
      cpuMillis: nano(total.cpu + NODE_OVERHEAD_CPU_MILLIS),
      memoryBytes: total.memory + NODE_OVERHEAD_MEMORY_BYTES,
    };
    const key = nodeMetricsKey(name);
    seenNodes.add(key);
    if (!sameSample(store.getRuntime(key), sample)) store.setRuntime(key, sample);
  }
  for (const key of store.runtimeKeys(NODE_METRICS_PREFIX)) {
    if (!seenNodes.has(key)) store.setRuntime(key, undefined);
  }
}
