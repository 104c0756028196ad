import { describe, expect, it } from 'vitest';
import { timestamp } from '../../api/meta';
import type { Taint, Toleration } from '../../api/types';
import { testCluster } from './testkit';
import type { TestCluster } from './testkit';

const MAINTENANCE: Taint = { key: 'maintenance', value: 'true', effect: 'NoExecute' };

function setTaints(c: TestCluster, node: string, taints: Taint[]): void {
  c.sim.act('test', () => {
    const n = c.node(node);
    const { taints: _old, ...spec } = n.spec ?? {};
    c.sim.api.update('Node', { ...n, spec: taints.length ? { ...spec, taints } : spec });
  });
}

function tolerate(seconds?: number): Toleration[] {
  return [
    {
      key: 'maintenance',
      operator: 'Equal',
      value: 'true',
      effect: 'NoExecute',
      ...(seconds !== undefined ? { tolerationSeconds: seconds } : {}),
    },
  ];
}

function terminating(c: TestCluster, name: string): boolean {
  return c.pod(name)?.metadata?.deletionTimestamp !== undefined;
}

function messages(c: TestCluster, name: string): string[] {
  return c.sim.store
    .list('Event')
    .filter((e) => e.reason === 'TaintManagerEviction' && e.involvedObject.name === name)
    .map((e) => `${e.message ?? ''} x${e.count ?? 1}`);
}

describe('taint eviction controller', () => {
  function cluster(): TestCluster {
    const c = testCluster([{ name: 'node-1' }, { name: 'node-2' }]);
    c.sim.runUntil(10);
    c.addPod('plain', 'node-1'); // DefaultTolerationSeconds may add not-ready/unreachable, never maintenance
    c.addPod('tol-60', 'node-1', tolerate(60));
    c.addPod('tol-forever', 'node-1', tolerate());
    c.addPod('other-node', 'node-2');
    return c;
  }

  it('deletes untolerating pods at once, tolerating ones after tolerationSeconds, forever ones never', () => {
    const c = cluster();
    c.sim.runUntil(20);
    setTaints(c, 'node-1', [MAINTENANCE]);
    expect(terminating(c, 'plain')).toBe(true);
    expect(c.pod('plain')?.metadata?.deletionTimestamp).toBe(timestamp(50));
    expect(messages(c, 'plain')).toEqual(['Marking for deletion Pod default/plain x1']);
    expect(terminating(c, 'tol-60')).toBe(false);
    c.sim.runUntil(79);
    expect(terminating(c, 'tol-60')).toBe(false);
    c.sim.runUntil(80);
    expect(terminating(c, 'tol-60')).toBe(true);
    c.sim.runUntil(5000);
    expect(terminating(c, 'tol-forever')).toBe(false);
    expect(terminating(c, 'other-node')).toBe(false);
    expect(messages(c, 'plain')).toEqual(['Marking for deletion Pod default/plain x1']);
  });

  it('cancels a scheduled eviction when the taint goes away, and starts over when it returns', () => {
    const c = cluster();
    c.sim.runUntil(20);
    setTaints(c, 'node-1', [MAINTENANCE]);
    c.sim.runUntil(50);
    setTaints(c, 'node-1', []);
    expect(messages(c, 'tol-60')).toEqual(['Cancelling deletion of Pod default/tol-60 x1']);
    c.sim.runUntil(200);
    expect(terminating(c, 'tol-60')).toBe(false);
    setTaints(c, 'node-1', [MAINTENANCE]);
    c.sim.runUntil(259);
    expect(terminating(c, 'tol-60')).toBe(false);
    c.sim.runUntil(260);
    expect(terminating(c, 'tol-60')).toBe(true);
  });

  it('a second NoExecute taint does not move a pending eviction; an untolerated one evicts at once', () => {
    const c = cluster();
    c.addPod('tol-both', 'node-1', [
      ...tolerate(60),
      { key: 'extra', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 },
    ]);
    c.sim.runUntil(20);
    setTaints(c, 'node-1', [MAINTENANCE]);
    c.sim.runUntil(40);
    const withTime = { ...MAINTENANCE, timeAdded: timestamp(20) };
    setTaints(c, 'node-1', [withTime, { key: 'extra', effect: 'NoExecute', timeAdded: timestamp(40) }]);
    // 'extra' is tolerated for 10 s by tol-both, but its eviction stays at 20 + 60.
    c.sim.runUntil(79);
    expect(terminating(c, 'tol-both')).toBe(false);
    c.sim.runUntil(80);
    expect(terminating(c, 'tol-both')).toBe(true);
    // tol-60 and tol-forever do not tolerate 'extra': they went at 40.
    expect(c.pod('tol-60')?.metadata?.deletionTimestamp).toBe(timestamp(70));
    expect(c.pod('tol-forever')?.metadata?.deletionTimestamp).toBe(timestamp(70));
    expect(messages(c, 'tol-60')).toEqual([
      'Cancelling deletion of Pod default/tol-60 x1',
      'Marking for deletion Pod default/tol-60 x1',
    ]);
  });

  it('evicts a pod bound to an already tainted node', () => {
    const c = cluster();
    c.sim.runUntil(20);
    setTaints(c, 'node-2', [MAINTENANCE]);
    c.sim.runUntil(30);
    c.addPod('late', 'node-2');
    c.addPod('late-tolerant', 'node-2', tolerate(100));
    expect(terminating(c, 'late')).toBe(true);
    c.sim.runUntil(129);
    expect(terminating(c, 'late-tolerant')).toBe(false);
    c.sim.runUntil(130);
    expect(terminating(c, 'late-tolerant')).toBe(true);
  });

  it('forgets the work of a pod once it is gone', () => {
    const c = cluster();
    c.sim.runUntil(20);
    setTaints(c, 'node-1', [MAINTENANCE]);
    expect(c.sim.store.runtimeKeys('taint-eviction/default/plain')).toHaveLength(1);
    c.sim.act('test', () => c.sim.api.delete('Pod', 'default', 'plain', { gracePeriodSeconds: 0 }));
    expect(c.sim.store.runtimeKeys('taint-eviction/default/plain')).toHaveLength(0);
    expect(c.sim.store.runtimeKeys('taint-eviction/default/tol-60')).toHaveLength(1);
    c.sim.act('test', () => c.sim.api.delete('Pod', 'default', 'tol-60', { gracePeriodSeconds: 0 }));
    expect(c.sim.store.runtimeKeys('taint-eviction/default/tol-60')).toHaveLength(0);
  });
});
