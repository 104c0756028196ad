/**
 * From a metric proposal to the replica count the HPA writes (pkg/controller/podautoscaler/horizontal.go):
 * the legacy path (no spec.behavior: 300 s max-of-recommendations, scale-up limit max(2×, 4)) and the behavior
 * path (stabilisation windows, Pods/Percent policies over their periods, selectPolicy). Pure functions over
 * the recommendation and scale-event history, which the controller keeps in the runtime table.
 */
import type { HPAScalingRules, HorizontalPodAutoscalerBehavior } from 'kubernetes-types/autoscaling/v2';
import { scaleDownRules, scaleUpRules } from '../../api/kinds/hpa';

/** --horizontal-pod-autoscaler-downscale-stabilization. */
export const DOWNSCALE_STABILIZATION_SECONDS = 300;
const SCALE_UP_LIMIT_FACTOR = 2;
const SCALE_UP_LIMIT_MINIMUM = 4;

export interface Recommendation {
  readonly replicas: number;
  readonly t: number;
}

export interface ScaleEvent {
  /** Replicas added (or removed), never negative. */
  readonly change: number;
  readonly t: number;
  readonly outdated: boolean;
}

export interface History {
  readonly recommendations: readonly Recommendation[];
  readonly scaleUpEvents: readonly ScaleEvent[];
  readonly scaleDownEvents: readonly ScaleEvent[];
}

export interface Condition {
  readonly status: 'True' | 'False';
  readonly reason: string;
  readonly message: string;
}

export interface Normalized {
  readonly replicas: number;
  readonly ableToScale: Condition;
  readonly scalingLimited: Condition;
  readonly recommendations: readonly Recommendation[];
}

const READY: Condition = {
  status: 'True',
  reason: 'ReadyForNewScale',
  message: 'recommended size matches current size',
};

const MSG = {
  ScaleUpLimit: 'the desired replica count is increasing faster than the maximum scale rate',
  ScaleDownLimit: 'the desired replica count is decreasing faster than the maximum scale rate',
  TooManyReplicas: 'the desired replica count is more than the maximum replica count',
  TooFewReplicas: 'the desired replica count is less than the minimum replica count',
  DesiredWithinRange: 'the desired count is within the acceptable range',
} as const;

/** Replace the sample at `index` (an outdated one) with the new one, or append. */
function record(list: readonly Recommendation[], index: number, rec: Recommendation): Recommendation[] {
  if (index < 0) return [...list, rec];
  return list.map((r, i) => (i === index ? rec : r));
}

/** stabilizeRecommendation: the max of the proposals of the last 300 s, this one included. */
export function stabilizeLegacy(
  history: readonly Recommendation[],
  proposal: number,
  now: number,
  window = DOWNSCALE_STABILIZATION_SECONDS,
): { replicas: number; recommendations: Recommendation[] } {
  let max = proposal;
  let oldIndex = -1;
  const cutoff = now - window;
  history.forEach((r, i) => {
    if (r.t < cutoff) oldIndex = i;
    else if (r.replicas > max) max = r.replicas;
  });
  return { replicas: max, recommendations: record(history, oldIndex, { replicas: proposal, t: now }) };
}

/** calculateScaleUpLimit: max(2 × current, 4). */
export function scaleUpLimit(current: number): number {
  return Math.trunc(Math.max(SCALE_UP_LIMIT_FACTOR * current, SCALE_UP_LIMIT_MINIMUM));
}

/** convertDesiredReplicasWithRules: clamp to [min, min(max, scaleUpLimit)] with the limiting reason. */
export function convertWithRules(
  current: number,
  desired: number,
  min: number,
  max: number,
): { replicas: number; reason: keyof typeof MSG } {
  const limit = scaleUpLimit(current);
  const upper = max > limit ? limit : max;
  const upperReason = max > limit ? 'ScaleUpLimit' : 'TooManyReplicas';
  if (desired < min) return { replicas: min, reason: 'TooFewReplicas' };
  if (desired > upper) return { replicas: upper, reason: upperReason };
  return { replicas: desired, reason: 'DesiredWithinRange' };
}

function limited(replicas: number, stabilized: number, reason: keyof typeof MSG): Condition {
  return { status: replicas === stabilized ? 'False' : 'True', reason, message: MSG[reason] };
}

/** normalizeDesiredReplicas: the legacy path, used when spec.behavior is omitted. */
export function normalizeLegacy(
  history: History,
  current: number,
  proposal: number,
  min: number,
  max: number,
  now: number,
): Normalized {
  const s = stabilizeLegacy(history.recommendations, proposal, now);
  const ableToScale: Condition =
    s.replicas !== proposal
      ? {
          status: 'True',
          reason: 'ScaleDownStabilized',
          message:
            'recent recommendations were higher than current one, applying the highest recent recommendation',
        }
      : READY;
  const c = convertWithRules(current, s.replicas, min, max);
  return {
    replicas: c.replicas,
    ableToScale,
    scalingLimited: limited(c.replicas, s.replicas, c.reason),
    recommendations: s.recommendations,
  };
}

/** getReplicasChangePerPeriod: replicas changed by events strictly inside the last `period` seconds. */
export function changeInPeriod(events: readonly ScaleEvent[], period: number, now: number): number {
  let sum = 0;
  for (const e of events) if (e.t > now - period) sum += e.change;
  return sum;
}

/** calculateScaleUpLimitWithScalingRules: each policy from the replica count at its period's start. */
export function scaleUpLimitWithRules(
  current: number,
  up: readonly ScaleEvent[],
  down: readonly ScaleEvent[],
  rules: HPAScalingRules,
  now: number,
): number {
  const select = rules.selectPolicy ?? 'Max';
  if (select === 'Disabled') return current;
  let result = select === 'Min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  for (const p of rules.policies ?? []) {
    const periodStart =
      current - changeInPeriod(up, p.periodSeconds, now) + changeInPeriod(down, p.periodSeconds, now);
    const proposed = p.type === 'Pods' ? periodStart + p.value : Math.ceil(periodStart * (1 + p.value / 100));
    result = select === 'Min' ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

/** calculateScaleDownLimitWithBehaviors: the lowest count each policy allows (Min picks the highest). */
export function scaleDownLimitWithRules(
  current: number,
  up: readonly ScaleEvent[],
  down: readonly ScaleEvent[],
  rules: HPAScalingRules,
  now: number,
): number {
  const select = rules.selectPolicy ?? 'Max';
  if (select === 'Disabled') return current;
  let result = select === 'Min' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  for (const p of rules.policies ?? []) {
    const periodStart =
      current - changeInPeriod(up, p.periodSeconds, now) + changeInPeriod(down, p.periodSeconds, now);
    const proposed =
      p.type === 'Pods' ? periodStart - p.value : Math.trunc(periodStart * (1 - p.value / 100));
    result = select === 'Min' ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** normalizeDesiredReplicasWithBehaviors: stabilise between the windows' limits, then rate-limit by policy. */
export function normalizeWithBehavior(
  behavior: HorizontalPodAutoscalerBehavior,
  history: History,
  current: number,
  proposal: number,
  min: number,
  max: number,
  now: number,
  downscaleWindow = DOWNSCALE_STABILIZATION_SECONDS,
): Normalized {
  const upRules = scaleUpRules(behavior.scaleUp);
  const downRules = scaleDownRules(behavior.scaleDown);
  const upCutoff = now - (upRules.stabilizationWindowSeconds ?? 0);
  const downCutoff = now - (downRules.stabilizationWindowSeconds ?? downscaleWindow);
  let upRec = proposal;
  let downRec = proposal;
  let oldIndex = -1;
  history.recommendations.forEach((r, i) => {
    if (r.t > upCutoff) upRec = Math.min(upRec, r.replicas);
    if (r.t > downCutoff) downRec = Math.max(downRec, r.replicas);
    if (r.t < upCutoff && r.t < downCutoff) oldIndex = i;
  });
  let stabilized = current;
  if (stabilized < upRec) stabilized = upRec;
  if (stabilized > downRec) stabilized = downRec;
  const recommendations = record(history.recommendations, oldIndex, { replicas: proposal, t: now });
  const ableToScale: Condition =
    stabilized === proposal
      ? READY
      : proposal >= current
        ? {
            status: 'True',
            reason: 'ScaleUpStabilized',
            message:
              'recent recommendations were lower than current one, applying the lowest recent recommendation',
          }
        : {
            status: 'True',
            reason: 'ScaleDownStabilized',
            message:
              'recent recommendations were higher than current one, applying the highest recent recommendation',
          };

  let replicas = stabilized;
  let reason: keyof typeof MSG = 'DesiredWithinRange';
  if (stabilized > current) {
    let limit = scaleUpLimitWithRules(current, history.scaleUpEvents, history.scaleDownEvents, upRules, now);
    if (limit < current) limit = current;
    const allowed = max > limit ? limit : max;
    const why = max > limit ? 'ScaleUpLimit' : 'TooManyReplicas';
    if (stabilized > allowed) {
      replicas = allowed;
      reason = why;
    }
  } else if (stabilized < current) {
    let limit = scaleDownLimitWithRules(
      current,
      history.scaleUpEvents,
      history.scaleDownEvents,
      downRules,
      now,
    );
    if (limit > current) limit = current;
    const allowed = min < limit ? limit : min;
    const why = min < limit ? 'ScaleDownLimit' : 'TooFewReplicas';
    if (stabilized < allowed) {
      replicas = allowed;
      reason = why;
    }
  }
  return { replicas, ableToScale, scalingLimited: limited(replicas, stabilized, reason), recommendations };
}

/** storeScaleEvent: remember a rescale for the rate limits, reusing a slot that outlived the longest period. */
export function storeScaleEvent(
  behavior: HorizontalPodAutoscalerBehavior,
  history: History,
  prev: number,
  next: number,
  now: number,
): Pick<History, 'scaleUpEvents' | 'scaleDownEvents'> {
  const up = next > prev;
  const rules = up ? scaleUpRules(behavior.scaleUp) : scaleDownRules(behavior.scaleDown);
  let longest = 0;
  for (const p of rules.policies ?? []) longest = Math.max(longest, p.periodSeconds);
  const list = (up ? history.scaleUpEvents : history.scaleDownEvents).map((e) =>
    e.t < now - longest ? { ...e, outdated: true } : e,
  );
  let index = -1;
  list.forEach((e, i) => {
    if (e.outdated) index = i;
  });
  const event: ScaleEvent = { change: Math.abs(next - prev), t: now, outdated: false };
  const updated = index < 0 ? [...list, event] : list.map((e, i) => (i === index ? event : e));
  return up
    ? { scaleUpEvents: updated, scaleDownEvents: history.scaleDownEvents }
    : { scaleUpEvents: history.scaleUpEvents, scaleDownEvents: updated };
}
