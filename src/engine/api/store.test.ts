import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diff } from './store';
import { Store } from './store';
import type { KubeObject, Pod } from './types';

function pod(name: string, labels: Record<string, string>, node?: string, owner?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      labels,
      ...(owner
        ? {
            ownerReferences: [
              { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: owner, controller: true },
            ],
          }
        : {}),
    },
    spec: { containers: [{ name: 'c', image: 'x' }], ...(node ? { nodeName: node } : {}) },
  };
}

/** Undo a diff: the reversibility the UI and time travel depend on. */
function undo(store: Store, d: Diff): void {
  if (d.type === 'added') store.remove(d.kind, d.to.metadata?.namespace, d.to.metadata?.name ?? '');
  else if (d.type === 'updated' || d.type === 'removed') store.put(d.from);
  else store.setRuntime(d.key, d.from);
}

function contents(store: Store): string {
  return JSON.stringify(
    store
      .list('Pod')
      .map((p) => ({ ...p, metadata: { ...p.metadata, resourceVersion: undefined } }))
      .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '')),
  );
}

describe('Store', () => {
  it('bumps resourceVersion on every write and emits added/updated/removed diffs', () => {
    const s = new Store();
    const diffs: Diff[] = [];
    s.onDiff((d) => diffs.push(d));
    const a = s.put(pod('a', { app: 'web' }));
    const b = s.put({ ...a, spec: { ...a.spec, nodeName: 'n1' } } as Pod);
    s.remove('Pod', 'default', 'a');
    expect(Number(b.metadata?.resourceVersion)).toBeGreaterThan(Number(a.metadata?.resourceVersion));
    expect(diffs.map((d) => d.type)).toEqual(['added', 'updated', 'removed']);
    expect(s.get('Pod', 'default', 'a')).toBeUndefined();
  });

  it('keeps the owner, node and label indexes in step with writes', () => {
    const s = new Store();
    s.put(pod('a', { app: 'web', tier: 'fe' }, 'n1', 'u1'));
    s.put(pod('b', { app: 'web' }, 'n2', 'u1'));
    s.put(pod('c', { app: 'db' }, 'n1'));
    expect(s.listByOwner('Pod', 'u1').map((p) => p.metadata?.name)).toEqual(['a', 'b']);
    expect(s.podsOnNode('n1').map((p) => p.metadata?.name)).toEqual(['a', 'c']);
    expect(
      s
        .podsWithLabels('default', { app: 'web' })
        .map((p) => p.metadata?.name)
        .sort(),
    ).toEqual(['a', 'b']);
    const moved = s.get('Pod', 'default', 'a') as Pod;
    s.put({
      ...moved,
      metadata: { ...moved.metadata, labels: { app: 'db' } },
      spec: { ...moved.spec, nodeName: 'n2' },
    } as Pod);
    expect(s.podsOnNode('n1').map((p) => p.metadata?.name)).toEqual(['c']);
    expect(
      s
        .podsWithLabels('default', { app: 'db' })
        .map((p) => p.metadata?.name)
        .sort(),
    ).toEqual(['a', 'c']);
    expect(s.podsWithLabels('default', { app: 'web', tier: 'fe' })).toEqual([]);
  });

  it('a snapshot is unaffected by later writes and restores exactly', () => {
    const s = new Store();
    s.put(pod('a', { app: 'web' }, 'n1'));
    const snap = s.snapshot();
    const before = contents(s);
    s.put(pod('b', { app: 'web' }, 'n1'));
    s.remove('Pod', 'default', 'a');
    s.restore(snap);
    expect(contents(s)).toBe(before);
    expect(s.podsOnNode('n1').map((p) => p.metadata?.name)).toEqual(['a']);
  });

  it('fuzz: any sequence of writes can be undone diff by diff back to the start', () => {
    const op = fc.oneof(
      fc.record({
        t: fc.constant('put' as const),
        name: fc.constantFrom('a', 'b', 'c', 'd'),
        app: fc.constantFrom('web', 'db'),
        node: fc.constantFrom('n1', 'n2', undefined),
      }),
      fc.record({ t: fc.constant('remove' as const), name: fc.constantFrom('a', 'b', 'c', 'd') }),
      fc.record({
        t: fc.constant('runtime' as const),
        key: fc.constantFrom('x', 'y'),
        value: fc.option(fc.integer(), { nil: undefined }),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const s = new Store();
        s.put(pod('a', { app: 'web' }, 'n1'));
        const start = contents(s);
        const diffs: Diff[] = [];
        const off = s.onDiff((d) => diffs.push(d));
        for (const o of ops) {
          if (o.t === 'put') s.put(pod(o.name, { app: o.app }, o.node));
          else if (o.t === 'remove') s.remove('Pod', 'default', o.name);
          else s.setRuntime(o.key, o.value);
        }
        off();
        for (const d of diffs.reverse()) undo(s, d);
        expect(contents(s)).toBe(start);
        expect(s.getRuntime('x')).toBeUndefined();
        const objs: KubeObject[] = s.podsWithLabels('default', { app: 'web' });
        expect(objs.map((p) => p.metadata?.name)).toEqual(['a']);
      }),
    );
  });
});
