import { describe, expect, it } from 'vitest';
import { humanDuration, since } from './duration';
import { timestamp } from '../api/meta';

describe('humanDuration (apimachinery duration.HumanDuration)', () => {
  it.each([
    [-5, '<invalid>'],
    [-1, '0s'],
    [0, '0s'],
    [59.9, '59s'],
    [119, '119s'],
    [120, '2m'],
    [150, '2m30s'],
    [599, '9m59s'],
    [600, '10m'],
    [3 * 3600 - 1, '179m'],
    [3 * 3600, '3h'],
    [5 * 3600 + 10 * 60 + 59, '5h10m'],
    [8 * 3600, '8h'],
    [47 * 3600 + 59 * 60, '47h'],
    [48 * 3600, '2d'],
    [3 * 86400 + 4 * 3600, '3d4h'],
    [8 * 86400, '8d'],
    [729 * 86400, '729d'],
    [730 * 86400, '2y'],
    [(365 * 2 + 100) * 86400, '2y100d'],
    [365 * 8 * 86400, '8y'],
  ])('%s seconds -> %s', (d, text) => {
    expect(humanDuration(d)).toBe(text);
  });

  it('measures from a timestamp to simulated now, <unknown> without one', () => {
    expect(since(timestamp(30), 180)).toBe('2m30s');
    expect(since(undefined, 10)).toBe('<unknown>');
  });
});
