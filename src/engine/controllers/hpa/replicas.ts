/**
 * The HPA's replica arithmetic (pkg/controller/podautoscaler/replica_calculator.go and metrics/utilization.go):
 * grouping pods into ready, unready, missing and ignored, integer-percent utilisation, the tolerance band, and
 * the conservative second pass. Pure functions over pods and metric samples; values are milli-units as the
 * Go code's MilliValue() gives them (millicores, or bytes × 1000). Leaves out custom and external metrics.
 */
import { seconds } from '../../api/meta';
import { bytes, cpuMillis, parseQuantity } from '../../api/quantity';
import type { Container, Pod } from '../../api/types';
import type { PodMetricsSample } from '../../api/metrics';

/** --horizontal-pod-autoscaler-tolerance. */
export const TOLERANCE = 0.1;
/** --horizontal-pod-autoscaler-cpu-initialization-period. */
export const CPU_INITIALIZATION_PERIOD_SECONDS = 300;
/** --horizontal-pod-autoscaler-initial-readiness-delay. */
export const INITIAL_READINESS_DELAY_SECONDS = 30;

/** A failure the Go code returns as an error: its message is what events and conditions print. */
export class MetricError extends Error {}

export interface PodMetric {
  readonly timestamp: number;
  readonly window: number;
  /** Milli-units. */
  readonly value: number;
}

export type PodMetricsInfo = Map<string, PodMetric>;

/** A quantity's MilliValue(): millicores for cpu, bytes × 1000 for memory, rounded up. */
export function milliValue(resource: string, q: string | number | undefined): number {
  if (resource === 'cpu') return cpuMillis(q);
  if (resource === 'memory') return bytes(q) * 1000;
  const v = parseQuantity(q);
  return v === undefined ? 0 : Math.ceil(Math.round(v * 1e6) / 1e3);
}

/** A sample's usage of `resource` in milli-units (the metrics client's MilliValue of the API's quantity). */
function usageMilli(resource: string, c: { cpuMillis: number; memoryBytes: number }): number | undefined {
  if (resource === 'cpu') return Math.ceil(Math.round(c.cpuMillis * 1e3) / 1e3);
  if (resource === 'memory') return c.memoryBytes * 1000;
  return undefined;
}

/**
 * The resource metrics client's GetResourceMetric: per pod, the sum over its containers (or the one named
 * `container`). An empty list is an error, as from the real API.
 */
export function resourceMetrics(
  samples: readonly PodMetricsSample[],
  resource: string,
  container: string,
): { metrics: PodMetricsInfo; timestamp: number } {
  if (samples.length === 0) {
    throw new MetricError(
      `unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`,
    );
  }
  const metrics: PodMetricsInfo = new Map();
  for (const s of samples) {
    let sum = 0;
    let missing = s.containers.length === 0;
    let found = container === '';
    for (const c of s.containers) {
      if (container !== '' && c.name !== container) continue;
      found = true;
      const v = usageMilli(resource, c);
      if (v === undefined) {
        missing = true;
        break;
      }
      sum += v;
    }
    if (!found) {
      throw new MetricError(
        `unable to get metrics for resource ${resource}: failed to get container metrics: container ${container} not present in metrics for pod ${s.namespace}/${s.name}`,
      );
    }
    if (!missing) metrics.set(s.name, { timestamp: s.timestamp, window: s.window, value: sum });
  }
  return { metrics, timestamp: samples[0]?.timestamp ?? 0 };
}

export interface PodGroups {
  readonly readyPodCount: number;
  readonly unready: ReadonlySet<string>;
  readonly missing: ReadonlySet<string>;
  readonly ignored: ReadonlySet<string>;
}

/** groupPods: which pods' samples count (§5.2 step 1). */
export function groupPods(
  pods: readonly Pod[],
  metrics: PodMetricsInfo,
  resource: string,
  now: number,
  cpuInitializationPeriod = CPU_INITIALIZATION_PERIOD_SECONDS,
  delayOfInitialReadinessStatus = INITIAL_READINESS_DELAY_SECONDS,
): PodGroups {
  const unready = new Set<string>();
  const missing = new Set<string>();
  const ignored = new Set<string>();
  let readyPodCount = 0;
  for (const pod of pods) {
    const name = pod.metadata?.name ?? '';
    if (pod.metadata?.deletionTimestamp || pod.status?.phase === 'Failed') {
      ignored.add(name);
      continue;
    }
    if (pod.status?.phase === 'Pending') {
      unready.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      missing.add(name);
      continue;
    }
    if (resource === 'cpu') {
      const cond = pod.status?.conditions?.find((c) => c.type === 'Ready');
      const start = seconds(pod.status?.startTime);
      let isUnready: boolean;
      if (!cond || Number.isNaN(start)) isUnready = true;
      else {
        const transition = seconds(cond.lastTransitionTime);
        if (start + cpuInitializationPeriod > now) {
          // Still initialising: not Ready, or no full metric window since the last readiness change.
          isUnready = cond.status === 'False' || metric.timestamp < transition + metric.window;
        } else {
          // Unready and never ready since it started.
          isUnready = cond.status === 'False' && start + delayOfInitialReadinessStatus > transition;
        }
      }
      if (isUnready) {
        unready.add(name);
        continue;
      }
    }
    readyPodCount++;
  }
  return { readyPodCount, unready, missing, ignored };
}

function requestOf(c: Container, resource: string): string | number | undefined {
  return c.resources?.requests?.[resource] ?? c.resources?.limits?.[resource];
}

/** calculatePodRequests: each pod's request (containers plus sidecars); a missing request is an error. */
export function calculatePodRequests(
  pods: readonly Pod[],
  container: string,
  resource: string,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const pod of pods) {
    const containers = [
      ...(pod.spec?.containers ?? []),
      ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'),
    ];
    let sum = 0;
    for (const c of containers) {
      if (container !== '' && c.name !== container) continue;
      const q = requestOf(c, resource);
      if (q === undefined) {
        throw new MetricError(
          `missing request for ${resource} in container ${c.name} of Pod ${pod.metadata?.name ?? ''}`,
        );
      }
      sum += milliValue(resource, q);
    }
    out.set(pod.metadata?.name ?? '', sum);
  }
  return out;
}

/** GetResourceUtilizationRatio: an integer percent of the summed requests, and the average raw usage. */
export function resourceUtilizationRatio(
  metrics: PodMetricsInfo,
  requests: ReadonlyMap<string, number>,
  targetUtilization: number,
): { ratio: number; utilization: number; rawAverage: number } {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (const [name, m] of metrics) {
    const r = requests.get(name);
    if (r === undefined) continue;
    metricsTotal += m.value;
    requestsTotal += r;
    entries++;
  }
  if (requestsTotal === 0) throw new MetricError('no metrics returned matched known pods');
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return {
    ratio: utilization / targetUtilization,
    utilization,
    rawAverage: Math.trunc(metricsTotal / entries),
  };
}

export interface ResourceProposal {
  readonly replicas: number;
  /** Integer percent of request (utilisation targets only). */
  readonly utilization?: number;
  /** Average usage in milli-units. */
  readonly rawAverage: number;
}

/** Drops ignored and unready pods' samples; none left is an error. */
function usableMetrics(metrics: PodMetricsInfo, groups: PodGroups): PodMetricsInfo {
  const out: PodMetricsInfo = new Map(metrics);
  for (const n of groups.ignored) out.delete(n);
  for (const n of groups.unready) out.delete(n);
  if (out.size === 0) {
    throw new MetricError('did not receive metrics for targeted pods (pods might be unready)');
  }
  return out;
}

/**
 * GetResourceReplicas (§5.2): utilisation of the ready pods against the target; within the tolerance keep the
 * current count; with unready or missing pods, a conservative second pass that never flips direction.
 */
export function getResourceReplicas(
  currentReplicas: number,
  targetUtilization: number,
  resource: string,
  pods: readonly Pod[],
  samples: readonly PodMetricsSample[],
  container: string,
  now: number,
  tolerance = TOLERANCE,
): ResourceProposal {
  const { metrics: raw } = resourceMetrics(samples, resource, container);
  if (pods.length === 0) {
    throw new MetricError('no pods returned by selector while calculating replica count');
  }
  const groups = groupPods(pods, raw, resource, now);
  const metrics = usableMetrics(raw, groups);
  const requests = calculatePodRequests(pods, container, resource);
  const { ratio, utilization, rawAverage } = resourceUtilizationRatio(metrics, requests, targetUtilization);
  const keep = { replicas: currentReplicas, utilization, rawAverage };

  const scaleUpWithUnready = groups.unready.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    if (Math.abs(1 - ratio) <= tolerance) return keep;
    return { replicas: Math.ceil(ratio * groups.readyPodCount), utilization, rawAverage };
  }
  if (groups.missing.size > 0) {
    // Scale-down: missing pods count as using their whole request (or the target, if above 100 %); scale-up: 0.
    const fallback = Math.max(100, targetUtilization);
    for (const n of groups.missing) {
      const value = ratio < 1 ? Math.trunc(((requests.get(n) ?? 0) * fallback) / 100) : 0;
      if (ratio !== 1) metrics.set(n, { timestamp: now, window: 0, value });
    }
  }
  if (scaleUpWithUnready) {
    for (const n of groups.unready) metrics.set(n, { timestamp: now, window: 0, value: 0 });
  }
  const next = resourceUtilizationRatio(metrics, requests, targetUtilization).ratio;
  if (Math.abs(1 - next) <= tolerance || (ratio < 1 && next > 1) || (ratio > 1 && next < 1)) return keep;
  const replicas = Math.ceil(next * metrics.size);
  if ((next < 1 && replicas > currentReplicas) || (next > 1 && replicas < currentReplicas)) return keep;
  return { replicas, utilization, rawAverage };
}

/** calcPlainMetricReplicas for a resource with an averageValue target (milli-units per pod). */
export function getRawResourceReplicas(
  currentReplicas: number,
  targetUsage: number,
  resource: string,
  pods: readonly Pod[],
  samples: readonly PodMetricsSample[],
  container: string,
  now: number,
  tolerance = TOLERANCE,
): ResourceProposal {
  const { metrics: raw } = resourceMetrics(samples, resource, container);
  if (pods.length === 0) {
    throw new MetricError('no pods returned by selector while calculating replica count');
  }
  const groups = groupPods(pods, raw, resource, now);
  const metrics = usableMetrics(raw, groups);
  const usageRatio = (m: PodMetricsInfo) => {
    let total = 0;
    for (const v of m.values()) total += v.value;
    const usage = Math.trunc(total / m.size);
    return { ratio: usage / targetUsage, usage };
  };
  const { ratio, usage } = usageRatio(metrics);
  const keep = { replicas: currentReplicas, rawAverage: usage };
  const scaleUpWithUnready = groups.unready.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    if (Math.abs(1 - ratio) <= tolerance) return keep;
    return { replicas: Math.ceil(ratio * groups.readyPodCount), rawAverage: usage };
  }
  if (groups.missing.size > 0 && ratio !== 1) {
    for (const n of groups.missing) {
      metrics.set(n, { timestamp: now, window: 0, value: ratio < 1 ? targetUsage : 0 });
    }
  }
  if (scaleUpWithUnready) {
    for (const n of groups.unready) metrics.set(n, { timestamp: now, window: 0, value: 0 });
  }
  const next = usageRatio(metrics).ratio;
  if (Math.abs(1 - next) <= tolerance || (ratio < 1 && next > 1) || (ratio > 1 && next < 1)) return keep;
  const replicas = Math.ceil(next * metrics.size);
  if ((next < 1 && replicas > currentReplicas) || (next > 1 && replicas < currentReplicas)) return keep;
  return { replicas, rawAverage: usage };
}
