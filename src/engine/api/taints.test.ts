import { describe, expect, it } from 'vitest';
import {
  findMatchingUntoleratedTaint,
  getMatchingTolerations,
  minTolerationSeconds,
  tolerationMatches,
} from './taints';
import type { Taint, Toleration } from './types';

const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const dedicated: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };

describe('tolerationMatches', () => {
  it('follows Toleration.ToleratesTaint', () => {
    expect(tolerationMatches({ operator: 'Exists' }, dedicated)).toBe(true);
    expect(tolerationMatches({ operator: 'Exists', effect: 'NoExecute' }, dedicated)).toBe(false);
    expect(tolerationMatches({ key: 'dedicated', operator: 'Exists' }, dedicated)).toBe(true);
    expect(tolerationMatches({ key: 'dedicated', value: 'gpu' }, dedicated)).toBe(true);
    expect(tolerationMatches({ key: 'dedicated', operator: 'Equal', value: 'cpu' }, dedicated)).toBe(false);
    expect(
      tolerationMatches(
        { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
        dedicated,
      ),
    ).toBe(true);
    expect(tolerationMatches({ key: 'other', operator: 'Exists' }, dedicated)).toBe(false);
    expect(tolerationMatches({ key: 'node.kubernetes.io/unreachable', operator: 'Equal' }, unreachable)).toBe(
      true,
    );
    expect(tolerationMatches({ key: 'dedicated', operator: 'Gt', value: '1' }, dedicated)).toBe(false);
  });
});

describe('taint helpers', () => {
  const t300: Toleration = {
    key: unreachable.key,
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  };
  const t60: Toleration = { key: 'dedicated', operator: 'Exists', tolerationSeconds: 60 };
  const forever: Toleration = { operator: 'Exists' };

  it('findMatchingUntoleratedTaint returns the first untolerated taint the filter keeps', () => {
    expect(findMatchingUntoleratedTaint([dedicated, unreachable], [t300])).toBe(dedicated);
    expect(
      findMatchingUntoleratedTaint([dedicated, unreachable], [t300], (t) => t.effect === 'NoExecute'),
    ).toBeUndefined();
    expect(findMatchingUntoleratedTaint([dedicated], [forever])).toBeUndefined();
  });

  it('getMatchingTolerations uses the first toleration that matches each taint', () => {
    expect(getMatchingTolerations([unreachable, dedicated], [t300, t60])).toEqual({
      allTolerated: true,
      used: [t300, t60],
    });
    expect(getMatchingTolerations([unreachable, dedicated], [t300])).toEqual({
      allTolerated: false,
      used: [],
    });
    expect(getMatchingTolerations([unreachable], [forever, t300])).toEqual({
      allTolerated: true,
      used: [forever],
    });
  });

  it('minTolerationSeconds: shortest, 0 for none or non-positive, -1 for forever', () => {
    expect(minTolerationSeconds([t300, t60])).toBe(60);
    expect(minTolerationSeconds([t300, forever])).toBe(300);
    expect(minTolerationSeconds([forever])).toBe(-1);
    expect(minTolerationSeconds([])).toBe(0);
    expect(minTolerationSeconds([{ ...t300, tolerationSeconds: -5 }, t60])).toBe(0);
  });
});
