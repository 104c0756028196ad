import { describe, expect, it } from 'vitest';
import { formatClock, humanDuration, SPEEDS, speedIndex } from './format';

describe('formatting', () => {
  it('formats the clock with fixed-width seconds', () => {
    expect(formatClock(0)).toBe('0m00s');
    expect(formatClock(125.7)).toBe('2m05s');
    expect(formatClock(3725)).toBe('1h02m05s');
    expect(formatClock(Number.NaN)).toBe('0m00s');
  });
  it("formats ages like kubectl's HumanDuration", () => {
    expect(humanDuration(12)).toBe('12s');
    expect(humanDuration(119)).toBe('119s');
    expect(humanDuration(125)).toBe('2m5s');
    expect(humanDuration(300)).toBe('5m');
    expect(humanDuration(900)).toBe('15m');
    expect(humanDuration(4 * 3600 + 600)).toBe('4h10m');
    expect(humanDuration(-3)).toBe('0s');
  });
  it('maps speeds to slider positions', () => {
    expect(SPEEDS[0]).toBe(0.25);
    expect(SPEEDS[SPEEDS.length - 1]).toBe(50);
    expect(speedIndex(2)).toBe(SPEEDS.indexOf(2));
    expect(speedIndex(4)).toBe(SPEEDS.indexOf(5));
    expect(speedIndex(1000)).toBe(SPEEDS.length - 1);
  });
});
