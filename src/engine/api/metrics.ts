/**
 * The resource metrics API (metrics.k8s.io/v1beta1) as its clients read it: the latest PodMetrics and
 * NodeMetrics samples, which metrics-server (world/metricsserver.ts) keeps in the runtime table
 * (`metrics/pod/<namespace>/<name>`, `metrics/node/<name>`). The HPA controller and `kubectl top` read them.
 */
import type { Store } from './store';

/** --metric-resolution: how often metrics-server scrapes, and the window each CPU rate covers. */
export const METRICS_RESOLUTION_SECONDS = 15;
export const POD_METRICS_PREFIX = 'metrics/pod/';
export const NODE_METRICS_PREFIX = 'metrics/node/';

export interface ContainerUsage {
  readonly name: string;
  /** Millicores (fractions allowed; the API reports nanocores). */
  readonly cpuMillis: number;
  readonly memoryBytes: number;
}

/** One PodMetrics item of metrics.k8s.io/v1beta1. */
export interface PodMetricsSample {
  readonly namespace: string;
  readonly name: string;
  /** Simulated second of the scrape. */
  readonly timestamp: number;
  /** Seconds the CPU rate was averaged over. */
  readonly window: number;
  readonly containers: readonly ContainerUsage[];
}

/** One NodeMetrics item of metrics.k8s.io/v1beta1. */
export interface NodeMetricsSample {
  readonly name: string;
  readonly timestamp: number;
  readonly window: number;
  readonly cpuMillis: number;
  readonly memoryBytes: number;
}

export const podMetricsKey = (namespace: string, name: string): string =>
  `${POD_METRICS_PREFIX}${namespace}/${name}`;
export const nodeMetricsKey = (name: string): string => `${NODE_METRICS_PREFIX}${name}`;
/** `kubectl top pod`'s source: the latest sample of a pod, or undefined when metrics-server has none. */
export function podMetrics(store: Store, namespace: string, name: string): PodMetricsSample | undefined {
  return store.getRuntime<PodMetricsSample>(podMetricsKey(namespace, name));
}

/** `kubectl top node`'s source: the latest sample of a node, or undefined when it could not be scraped. */
export function nodeMetrics(store: Store, name: string): NodeMetricsSample | undefined {
  return store.getRuntime<NodeMetricsSample>(nodeMetricsKey(name));
}
