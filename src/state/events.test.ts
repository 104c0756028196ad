import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MirrorDiff } from './mirror';
import type { KubeObject } from '../engine';
import { EventRowIndex, eventRows } from './events';
import type { ClusterMirror } from './mirror';
import { applyDiffs, createMirror } from './mirror';

const event = (name: string, second: number): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'default' },
    involvedObject: { kind: 'Pod', name: `pod-${name}`, namespace: 'default' },
    reason: 'Started',
    type: 'Normal',
    lastTimestamp: new Date(Date.UTC(2026, 0, 1, 9, 0, second)).toISOString().replace('.000', ''),
    count: 1,
  }) as KubeObject;

describe('EventRowIndex', () => {
  it('keeps the rows equal to a full sort, frame after frame', () => {
    const op = fc.record({
      name: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'),
      second: fc.integer({ min: 0, max: 20 }),
      remove: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 6 }), { maxLength: 25 }), (frames) => {
        const index = new EventRowIndex();
        let m: ClusterMirror = createMirror(0, new Map(), new Map());
        for (const [i, ops] of frames.entries()) {
          const diffs: MirrorDiff[] = [];
          for (const o of ops) {
            const key = `Event/default/${o.name}`;
            const had = m.objects.get(key);
            if (o.remove) {
              if (had) diffs.push({ type: 'removed', key });
            } else if (had) diffs.push({ type: 'updated', key, to: event(o.name, o.second) });
            else diffs.push({ type: 'added', key, to: event(o.name, o.second) });
          }
          // Diffs per key are coalesced in a frame, as the worker sends them.
          const byKey = new Map(diffs.map((d) => [d.key, d]));
          m = applyDiffs(m, [...byKey.values()], i + 1);
          expect(index.read(m)).toEqual(eventRows(m));
        }
      }),
    );
  });

  it('gives the very same rows when no Event changed', () => {
    const index = new EventRowIndex();
    const m1 = applyDiffs(
      createMirror(0, new Map(), new Map()),
      [{ type: 'added', key: 'Event/default/a', to: event('a', 1) }],
      1,
    );
    const rows = index.read(m1);
    expect(index.read(applyDiffs(m1, [{ type: 'runtime', key: 'x', to: 1 }], 2))).toBe(rows);
  });
});
