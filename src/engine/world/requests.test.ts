import { describe, expect, it } from 'vitest';
import {
  apportion,
  endpointOfRequest,
  isSpreadHit,
  latencyQuantile,
  meanLatencyMs,
  roundRobin,
  sampleIndices,
  takeCount,
} from './requests';

describe('traffic arithmetic', () => {
  it('carries fractional rates from second to second (error diffusion)', () => {
    let carry = 0;
    const counts: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = takeCount(2.5, carry);
      counts.push(r.n);
      carry = r.carry;
    }
    expect(counts).toEqual([2, 3, 2, 3, 2, 3, 2, 3, 2, 3]);
    let total = 0;
    carry = 0;
    for (let i = 0; i < 10; i++) {
      const r = takeCount(0.1, carry);
      total += r.n;
      carry = r.carry;
    }
    expect(total).toBe(1);
  });

  it('spreads requests round-robin, continuing where the last second stopped', () => {
    expect(roundRobin(10, 3, 0)).toEqual({ counts: [4, 3, 3], next: 1 });
    expect(roundRobin(10, 3, 1)).toEqual({ counts: [3, 4, 3], next: 2 });
    expect(roundRobin(2, 3, 2)).toEqual({ counts: [1, 0, 1], next: 1 });
    expect(roundRobin(5, 0, 0)).toEqual({ counts: [], next: 0 });
    // Request j goes to the endpoint the rotation reaches.
    expect([0, 1, 2, 3].map((j) => endpointOfRequest(j, 3, 2))).toEqual([2, 0, 1, 2]);
  });

  it('apportions integers that add up exactly, by largest remainder', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(3, [0, 5, 5])).toEqual([0, 2, 1]);
    expect(apportion(0, [1, 2])).toEqual([0, 0]);
  });

  it('spreads marked requests evenly and samples at most k', () => {
    const hits = Array.from({ length: 10 }, (_, m) => isSpreadHit(m, 3, 10));
    expect(hits.flatMap((h, m) => (h ? [m] : []))).toEqual([3, 6, 9]);
    expect(sampleIndices(1000, 20)).toHaveLength(20);
    expect(sampleIndices(3, 20)).toEqual([0, 1, 2]);
    expect(sampleIndices(0, 20)).toEqual([]);
  });

  it('computes latency quantiles of a mixture', () => {
    // All timeouts: p50 and p95 at 30 s.
    expect(latencyQuantile([{ weight: 10, at: 30_000 }], 0.5)).toBe(30_000);
    // One third timed out: p50 is fast, p95 is the timeout.
    const parts = [
      { weight: 20, min: 1, mean: 5 },
      { weight: 10, at: 30_000 },
    ];
    expect(latencyQuantile(parts, 0.5)).toBeLessThan(10);
    expect(latencyQuantile(parts, 0.95)).toBe(30_000);
    // An exponential spread above the minimum: median = min + (mean - min) ln 2.
    expect(latencyQuantile([{ weight: 1, min: 1, mean: 5 }], 0.5)).toBeCloseTo(1 + 4 * Math.LN2, 1);
    expect(latencyQuantile([], 0.5)).toBe(0);
  });

  it('makes a busy app slower', () => {
    expect(meanLatencyMs(0)).toBe(5);
    expect(meanLatencyMs(0.5)).toBe(10);
    expect(meanLatencyMs(3)).toBeCloseTo(250, 6);
  });
});
