import { describe, expect, it } from 'vitest';
import type { Diff, KubeObject } from '../engine';
import { changesBetween } from './changes';
import { applyDiffs, createMirror } from './mirror';

const obj = (name: string): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } }) as KubeObject;
const put = (name: string): Diff => ({
  type: 'added',
  kind: 'ConfigMap',
  key: `ConfigMap/default/${name}`,
  to: obj(name),
});
const rt = (key: string, to: unknown): Diff => ({ type: 'runtime', key, from: undefined, to });

describe('mirror change log', () => {
  const m0 = createMirror(0, new Map(), new Map());
  const m1 = applyDiffs(m0, [put('a'), rt('x', 1)], 1);
  const m2 = applyDiffs(m1, [put('b')], 2);
  const m3 = applyDiffs(m2, [], 3);

  it('tells which keys changed between two mirrors of one line', () => {
    const c = changesBetween(m0, m2);
    expect([...(c?.objects ?? [])]).toEqual(['ConfigMap/default/a', 'ConfigMap/default/b']);
    expect([...(c?.runtime ?? [])]).toEqual(['x']);
    expect([...(changesBetween(m1, m2)?.objects ?? [])]).toEqual(['ConfigMap/default/b']);
    // A frame that only moves the clock changes nothing.
    expect(changesBetween(m2, m3)?.objects.size).toBe(0);
    expect(changesBetween(m2, m2)?.objects.size).toBe(0);
  });

  it('answers unknown (null) for another line, an older mirror, a branch or an edited copy', () => {
    expect(changesBetween(m2, m1)).toBeNull();
    expect(changesBetween(createMirror(0, new Map(), new Map()), m2)).toBeNull();
    // Diffs applied to m1 again make a branch: it starts a log of its own.
    const branch = applyDiffs(m1, [put('c')], 2);
    expect(changesBetween(m1, branch)).toBeNull();
    expect(changesBetween(m2, applyDiffs(m2, [put('d')], 3))?.objects.size).toBe(1);
    const edited = { ...m2, objects: new Map([...m2.objects, ['ConfigMap/default/z', obj('z')]]) };
    expect(changesBetween(m1, edited)).toBeNull();
  });

  it('forgets batches far behind the newest', () => {
    let m = m0;
    for (let i = 0; i < 2000; i++) m = applyDiffs(m, [put(`n${i % 7}`)], i);
    expect(changesBetween(m0, m)).toBeNull();
    expect(changesBetween(m1, m)).toBeNull();
  });
});
