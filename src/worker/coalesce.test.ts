import { describe, expect, it } from 'vitest';
import type { Diff, KubeObject } from '../engine';
import { DiffBuffer, merge } from './coalesce';

const pod = (rv: string) =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', resourceVersion: rv },
  }) as KubeObject;
const key = 'Pod/default/p';
const added = (to: KubeObject): Diff => ({ type: 'added', kind: 'Pod', key, to });
const updated = (from: KubeObject, to: KubeObject): Diff => ({ type: 'updated', kind: 'Pod', key, from, to });
const removed = (from: KubeObject): Diff => ({ type: 'removed', kind: 'Pod', key, from });

describe('diff coalescing', () => {
  it('keeps the first from and the last to', () => {
    expect(merge(updated(pod('1'), pod('2')), updated(pod('2'), pod('3')))).toEqual(
      updated(pod('1'), pod('3')),
    );
    expect(merge(added(pod('1')), updated(pod('1'), pod('2')))).toEqual(added(pod('2')));
    expect(merge(updated(pod('1'), pod('2')), removed(pod('2')))).toEqual(removed(pod('1')));
    expect(merge(removed(pod('1')), added(pod('5')))).toEqual(updated(pod('1'), pod('5')));
  });

  it('drops an object created and removed within one frame', () => {
    expect(merge(added(pod('1')), removed(pod('1')))).toBeUndefined();
    const b = new DiffBuffer();
    b.push(added(pod('1')));
    b.push(updated(pod('1'), pod('2')));
    b.push(removed(pod('2')));
    expect(b.take()).toEqual([]);
  });

  it('coalesces runtime entries and drops ones that came and went', () => {
    const r = (from: unknown, to: unknown): Diff => ({ type: 'runtime', key: 'node/n', from, to });
    expect(merge(r(undefined, 1), r(1, 2))).toEqual(r(undefined, 2));
    expect(merge(r(undefined, 1), r(1, undefined))).toBeUndefined();
  });

  it('gives one diff per key, in the order keys last changed', () => {
    const b = new DiffBuffer();
    const other: Diff = { type: 'runtime', key: 'x', from: undefined, to: 1 };
    b.push(added(pod('1')));
    b.push(other);
    b.push(updated(pod('1'), pod('2')));
    expect(b.take().map((d) => d.key)).toEqual(['x', key]);
    expect(b.size).toBe(0);
  });
});
