/**
 * The node lifecycle controller's per-zone bookkeeping: zone keys (nodetopology.GetZoneKey), zone states
 * (ComputeZoneState), and the rate-limited NoExecute tainting queue with its token bucket
 * (scheduler.RateLimitedTimedQueue, flowcontrol token bucket with burst 1). Plain immutable data, kept in
 * the runtime table so that snapshots and replay carry it.
 */
import type { Node } from '../../api/types';

/** Default flags of kube-controller-manager (pkg/controller/nodelifecycle/config/v1alpha1/defaults.go). */
export const EVICTION_LIMITER_QPS = 0.1;
export const SECONDARY_EVICTION_LIMITER_QPS = 0.01;
export const UNHEALTHY_ZONE_THRESHOLD = 0.55;
export const LARGE_CLUSTER_SIZE_THRESHOLD = 50;
/** scheduler.EvictionRateLimiterBurst. */
const BURST = 1;
const EPSILON = 1e-9;

export type ZoneState = 'Initial' | 'Normal' | 'PartialDisruption' | 'FullDisruption';

/** A token bucket: `tokens` available at time `at`, refilled at `qps` up to the burst; qps 0 never accepts. */
export interface TokenBucket {
  readonly qps: number;
  readonly tokens: number;
  readonly at: number;
}

export interface ZoneRuntime {
  readonly state: ZoneState;
  readonly limiter: TokenBucket;
  /** Nodes waiting for their NoExecute taint, first in first out. */
  readonly queue: readonly string[];
}

const ZONE_LABEL = 'topology.kubernetes.io/zone';
const REGION_LABEL = 'topology.kubernetes.io/region';
const BETA_ZONE_LABEL = 'failure-domain.beta.kubernetes.io/zone';
const BETA_REGION_LABEL = 'failure-domain.beta.kubernetes.io/region';

/** The zone a node counts in: "region/zone", just "zone" without a region, "" for nodes with neither label. */
export function zoneKey(node: Node): string {
  const labels = node.metadata?.labels ?? {};
  const zone = labels[ZONE_LABEL] ?? labels[BETA_ZONE_LABEL] ?? '';
  const region = labels[REGION_LABEL] ?? labels[BETA_REGION_LABEL] ?? '';
  if (!region) return zone;
  return `${region}/${zone}`;
}

/**
 * A zone's state from its nodes' Ready statuses (undefined: no Ready condition, which counts as not ready).
 * No Ready node: FullDisruption; more than 2 not ready and at least 55 % of the zone: PartialDisruption.
 */
export function computeZoneState(statuses: readonly (string | undefined)[]): {
  notReady: number;
  state: ZoneState;
} {
  let ready = 0;
  let notReady = 0;
  for (const s of statuses) {
    if (s === 'True') ready++;
    else notReady++;
  }
  if (ready === 0 && notReady > 0) return { notReady, state: 'FullDisruption' };
  if (notReady > 2 && notReady / (notReady + ready) >= UNHEALTHY_ZONE_THRESHOLD) {
    return { notReady, state: 'PartialDisruption' };
  }
  return { notReady, state: 'Normal' };
}

/** The tainting rate for a zone in `state` with `size` nodes (HealthyQPSFunc / ReducedQPSFunc). */
export function zoneQps(state: ZoneState, size: number): number {
  if (state === 'PartialDisruption')
    return size > LARGE_CLUSTER_SIZE_THRESHOLD ? SECONDARY_EVICTION_LIMITER_QPS : 0;
  return EVICTION_LIMITER_QPS;
}

/** A new bucket starts full. */
export function newBucket(qps: number, now: number): TokenBucket {
  return { qps, tokens: qps > 0 ? BURST : 0, at: now };
}

function available(b: TokenBucket, now: number): number {
  if (b.qps <= 0) return 0;
  return Math.min(BURST, b.tokens + (now - b.at) * b.qps);
}

/** TryAccept: the bucket after taking one token, or undefined when none is available now. */
export function tryAccept(b: TokenBucket, now: number): TokenBucket | undefined {
  if (b.qps <= 0) return undefined;
  const tokens = available(b, now);
  if (tokens < 1 - EPSILON) return undefined;
  return { qps: b.qps, tokens: Math.max(0, tokens - 1), at: now };
}

/** When the next token will be there (now if one is), or undefined for a bucket that never fills. */
export function nextTokenAt(b: TokenBucket, now: number): number | undefined {
  if (b.qps <= 0) return undefined;
  const tokens = available(b, now);
  if (tokens >= 1 - EPSILON) return now;
  return now + (1 - tokens) / b.qps;
}

/**
 * SwapLimiter: same rate keeps the bucket; rate 0 never accepts; otherwise a new full bucket, drained at
 * once when the old one had no token left (what the real queue does with burst 1).
 */
export function swapLimiter(b: TokenBucket, qps: number, now: number): TokenBucket {
  if (b.qps === qps) return b;
  if (qps <= 0) return { qps: 0, tokens: 0, at: now };
  const fresh = newBucket(qps, now);
  return tryAccept(b, now) ? fresh : { ...fresh, tokens: 0 };
}
