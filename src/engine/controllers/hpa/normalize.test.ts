import { describe, expect, it } from 'vitest';
import type { HorizontalPodAutoscalerBehavior } from 'kubernetes-types/autoscaling/v2';
import type { History } from './normalize';
import {
  convertWithRules,
  normalizeLegacy,
  normalizeWithBehavior,
  scaleDownLimitWithRules,
  scaleUpLimitWithRules,
  stabilizeLegacy,
  storeScaleEvent,
} from './normalize';

const empty: History = { recommendations: [], scaleUpEvents: [], scaleDownEvents: [] };
const withRecs = (...recs: [number, number][]): History => ({
  ...empty,
  recommendations: recs.map(([replicas, t]) => ({ replicas, t })),
});

describe('legacy path (spec.behavior omitted)', () => {
  it('the initial recommendation (the current count) blocks a scale-down for 300 s, inclusive', () => {
    // Created with 4 replicas; the first sync at t=15 records 4, then every proposal is 1.
    let h = withRecs([4, 15]);
    for (let t = 15; t <= 315; t += 15) {
      const n = normalizeLegacy(h, 4, 1, 1, 10, t);
      expect(n.replicas, `t=${t}`).toBe(4);
      expect(n.ableToScale.reason).toBe('ScaleDownStabilized');
      expect(n.ableToScale.message).toBe(
        'recent recommendations were higher than current one, applying the highest recent recommendation',
      );
      h = { ...h, recommendations: n.recommendations };
    }
    const n = normalizeLegacy(h, 4, 1, 1, 10, 330);
    expect(n.replicas).toBe(1);
    expect(n.ableToScale).toEqual({
      status: 'True',
      reason: 'ReadyForNewScale',
      message: 'recommended size matches current size',
    });
    expect(n.scalingLimited).toEqual({
      status: 'False',
      reason: 'DesiredWithinRange',
      message: 'the desired count is within the acceptable range',
    });
  });

  it('keeps the max of the last 300 s and reuses an outdated slot', () => {
    const s = stabilizeLegacy(
      [
        { replicas: 9, t: 0 },
        { replicas: 5, t: 200 },
      ],
      3,
      400,
    );
    expect(s.replicas).toBe(5);
    expect(s.recommendations).toEqual([
      { replicas: 3, t: 400 },
      { replicas: 5, t: 200 },
    ]);
  });

  it('scale-up limit max(2 × current, 4): current 2, raw 10 → 4 (ScaleUpLimit)', () => {
    const n = normalizeLegacy(withRecs([2, 0]), 2, 10, 1, 20, 15);
    expect(n.replicas).toBe(4);
    expect(n.scalingLimited).toEqual({
      status: 'True',
      reason: 'ScaleUpLimit',
      message: 'the desired replica count is increasing faster than the maximum scale rate',
    });
    expect(convertWithRules(10, 100, 1, 15)).toEqual({ replicas: 15, reason: 'TooManyReplicas' });
    expect(convertWithRules(1, 3, 1, 15)).toEqual({ replicas: 3, reason: 'DesiredWithinRange' });
    expect(convertWithRules(5, 0, 2, 15)).toEqual({ replicas: 2, reason: 'TooFewReplicas' });
  });

  it('no limit on the rate of scaling down', () => {
    const n = normalizeLegacy(withRecs([40, 0]), 40, 1, 1, 50, 400);
    expect(n.replicas).toBe(1);
  });
});

describe('behavior path', () => {
  it('behavior: {} → current 2, raw 10 gives max(2 + 4, ceil(2 × 2)) = 6', () => {
    const n = normalizeWithBehavior({}, withRecs([2, 0]), 2, 10, 1, 20, 15);
    expect(n.replicas).toBe(6);
    expect(n.scalingLimited.reason).toBe('ScaleUpLimit');
    expect(n.ableToScale.reason).toBe('ReadyForNewScale');
  });

  it('the default scale-down window is 300 s, and the initial recommendation counts', () => {
    const n = normalizeWithBehavior({}, withRecs([5, 0]), 5, 2, 1, 20, 15);
    expect(n.replicas).toBe(5);
    expect(n.ableToScale.reason).toBe('ScaleDownStabilized');
    // Strictly after the cutoff: a recommendation exactly 300 s old no longer counts.
    expect(normalizeWithBehavior({}, withRecs([5, 0]), 5, 2, 1, 20, 300).replicas).toBe(2);
  });

  it('a scale-up window holds the lowest recent recommendation', () => {
    const b: HorizontalPodAutoscalerBehavior = { scaleUp: { stabilizationWindowSeconds: 60 } };
    const n = normalizeWithBehavior(b, withRecs([3, 970]), 3, 6, 1, 20, 1000);
    expect(n.replicas).toBe(3);
    expect(n.ableToScale).toEqual({
      status: 'True',
      reason: 'ScaleUpStabilized',
      message:
        'recent recommendations were lower than current one, applying the lowest recent recommendation',
    });
  });

  it('Pods policy counts from the replica count at the period start', () => {
    const rules = { policies: [{ type: 'Pods', value: 2, periodSeconds: 60 }] };
    const up = [{ change: 2, t: 970, outdated: false }];
    // 4 now, 2 added 30 s ago: the period started at 2, so at most 4: no further scale-up yet.
    expect(scaleUpLimitWithRules(4, up, [], rules, 1000)).toBe(4);
    // Once the event is older than the period (strictly), the limit counts from 4.
    expect(scaleUpLimitWithRules(4, up, [], rules, 1030)).toBe(6);
    const n = normalizeWithBehavior({ scaleUp: rules }, { ...empty, scaleUpEvents: up }, 4, 10, 1, 20, 1000);
    expect(n.replicas).toBe(4);
    expect(n.scalingLimited.reason).toBe('ScaleUpLimit');
  });

  it('Percent policies: ceil going up, floor going down, from the period start', () => {
    const upRules = { policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] };
    expect(scaleUpLimitWithRules(3, [], [], upRules, 0)).toBe(5); // ceil(4.5)
    const downRules = { policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] };
    const removed = [{ change: 4, t: 970, outdated: false }];
    // 8 now, 4 removed 30 s ago: period start 12 → floor(12 × 0.5) = 6.
    expect(scaleDownLimitWithRules(8, [], removed, downRules, 1000)).toBe(6);
    const b: HorizontalPodAutoscalerBehavior = {
      scaleDown: { stabilizationWindowSeconds: 0, ...downRules },
    };
    const n = normalizeWithBehavior(b, { ...empty, scaleDownEvents: removed }, 8, 2, 1, 20, 1000);
    expect(n.replicas).toBe(6);
    expect(n.scalingLimited).toEqual({
      status: 'True',
      reason: 'ScaleDownLimit',
      message: 'the desired replica count is decreasing faster than the maximum scale rate',
    });
  });

  it('selectPolicy Max picks the most permissive policy, Min the least, Disabled forbids the direction', () => {
    const policies = [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ];
    expect(scaleUpLimitWithRules(10, [], [], { selectPolicy: 'Max', policies }, 0)).toBe(20);
    expect(scaleUpLimitWithRules(10, [], [], { selectPolicy: 'Min', policies }, 0)).toBe(14);
    expect(scaleUpLimitWithRules(10, [], [], { selectPolicy: 'Disabled', policies }, 0)).toBe(10);
    const down = [
      { type: 'Pods', value: 2, periodSeconds: 15 },
      { type: 'Percent', value: 50, periodSeconds: 15 },
    ];
    expect(scaleDownLimitWithRules(10, [], [], { selectPolicy: 'Max', policies: down }, 0)).toBe(5);
    expect(scaleDownLimitWithRules(10, [], [], { selectPolicy: 'Min', policies: down }, 0)).toBe(8);
    const n = normalizeWithBehavior(
      { scaleUp: { selectPolicy: 'Disabled' } },
      withRecs([10, 0]),
      10,
      30,
      1,
      50,
      15,
    );
    expect(n.replicas).toBe(10);
    expect(n.scalingLimited.reason).toBe('ScaleUpLimit');
    const d = normalizeWithBehavior(
      { scaleDown: { selectPolicy: 'Disabled', stabilizationWindowSeconds: 0 } },
      empty,
      10,
      2,
      1,
      50,
      15,
    );
    expect(d.replicas).toBe(10);
  });

  it('min and max still clamp: TooManyReplicas, TooFewReplicas', () => {
    expect(normalizeWithBehavior({}, empty, 4, 40, 1, 6, 15).scalingLimited.reason).toBe('TooManyReplicas');
    const b = { scaleDown: { stabilizationWindowSeconds: 0 } };
    const n = normalizeWithBehavior(b, empty, 4, 1, 3, 6, 15);
    expect([n.replicas, n.scalingLimited.reason]).toEqual([3, 'TooFewReplicas']);
  });

  it('scale events are kept per direction and outdated slots are reused', () => {
    let h: History = empty;
    h = { ...h, ...storeScaleEvent({}, h, 2, 6, 0) };
    h = { ...h, ...storeScaleEvent({}, h, 6, 10, 100) };
    expect(h.scaleUpEvents).toEqual([{ change: 4, t: 100, outdated: false }]);
    h = { ...h, ...storeScaleEvent({}, h, 10, 7, 200) };
    expect(h.scaleDownEvents).toEqual([{ change: 3, t: 200, outdated: false }]);
  });
});
