import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['90s', 90],
    ['5m', 300],
    ['1h', 3600],
    ['1m30s', 90],
    ['1h2m3s', 3723],
    ['250ms', 0.25],
    ['1.5s', 1.5],
    ['0s', 0],
    ['90', 90],
    [' 2m ', 120],
    [45, 45],
    [0.5, 0.5],
  ])('%j is %d seconds', (input, seconds) => {
    expect(parseDuration(input)).toEqual({ seconds });
  });

  it.each(['', 'abc', '5x', '30s1m', '1m1m', '-5s', 's', '1 m', 'm5'])('refuses %j', (input) => {
    const r = parseDuration(input);
    expect('error' in r && r.error).toMatch(/invalid duration/);
  });

  it('refuses negative and non-finite numbers and other types', () => {
    expect(parseDuration(-1)).toHaveProperty('error');
    expect(parseDuration(Number.POSITIVE_INFINITY)).toHaveProperty('error');
    expect(parseDuration(true)).toHaveProperty('error');
    expect(parseDuration(null)).toHaveProperty('error');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [12, '12s'],
    [12.5, '12.5s'],
    [60, '1m'],
    [90, '1m30s'],
    [3600, '1h'],
    [3723, '1h2m3s'],
  ])('%d is %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
