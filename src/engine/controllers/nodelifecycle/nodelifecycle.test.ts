import { describe, expect, it } from 'vitest';
import { timestamp } from '../../api/meta';
import type { Event, Node, Pod } from '../../api/types';
import type { NodeSpec } from '../kubelet/register';
import { LIFECYCLE_STATE_KEY } from './monitor';
import type { LifecycleRuntime } from './monitor';
import { FAKE_KUBELET_PREFIX, nodeFailureTolerations, testCluster } from './testkit';
import type { TestCluster } from './testkit';

const THREE: NodeSpec[] = [{ name: 'node-1' }, { name: 'node-2' }, { name: 'node-3' }];

function cond(node: Node, type: string) {
  return node.status?.conditions?.find((c) => c.type === type);
}

function taints(node: Node): string[] {
  return (node.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}@${t.timeAdded ?? ''}`);
}

function noExecute(node: Node): string[] {
  return (node.spec?.taints ?? [])
    .filter((t) => t.effect === 'NoExecute')
    .map((t) => `${t.key}@${t.timeAdded}`);
}

function podReady(pod: Pod | undefined): string | undefined {
  return pod?.status?.conditions?.find((c) => c.type === 'Ready')?.status;
}

function events(c: TestCluster, reason: string, name?: string): Event[] {
  return c.sim.store
    .list('Event')
    .filter((e) => e.reason === reason && (!name || e.involvedObject.name === name));
}

function zones(c: TestCluster): LifecycleRuntime['zones'] {
  return c.sim.store.getRuntime<LifecycleRuntime>(LIFECYCLE_STATE_KEY)?.zones ?? {};
}

const UNREACHABLE_NS = 'node.kubernetes.io/unreachable:NoSchedule';

describe('node lifecycle controller: a node goes silent', () => {
  function failing(): TestCluster {
    const c = testCluster(THREE);
    c.sim.runUntil(1);
    c.addPod('web-300', 'node-2', nodeFailureTolerations(300));
    c.addPod('web-60', 'node-2', nodeFailureTolerations(60));
    c.addPod('web-0', 'node-2', nodeFailureTolerations(0));
    c.addPod('web-forever', 'node-2', nodeFailureTolerations());
    c.putPodRaw('bare', 'node-2');
    c.addPod('elsewhere', 'node-1', nodeFailureTolerations(300));
    // Leases are renewed at 0, 10, ..., 90; the machine fails at 95: last heartbeat T = 90.
    c.sim.runUntil(95);
    c.powerOff('node-2');
    return c;
  }

  it('turns the node Unknown at the first 5 s check after T + 50, not before', () => {
    const c = failing();
    expect(c.sim.store.get('Lease', 'kube-node-lease', 'node-2')?.spec?.renewTime).toBe(timestamp(90));
    c.sim.runUntil(140);
    expect(cond(c.node('node-2'), 'Ready')?.status).toBe('True');
    expect(events(c, 'NodeNotReady', 'node-2')).toHaveLength(0);
    c.sim.runUntil(145);
    const node = c.node('node-2');
    const ready = cond(node, 'Ready');
    expect(ready).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
      lastTransitionTime: timestamp(145),
      lastHeartbeatTime: timestamp(0),
    });
    for (const t of ['MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      expect(cond(node, t)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown' });
    }
    const ev = events(c, 'NodeNotReady', 'node-2');
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({
      type: 'Normal',
      message: 'Node node-2 status is now: NodeNotReady',
      source: { component: 'node-controller' },
    });
    expect(cond(c.node('node-1'), 'Ready')?.status).toBe('True');
  });

  it('adds the NoSchedule taint at once and the NoExecute taint on the next pass', () => {
    const c = failing();
    c.sim.runUntil(145);
    expect(taints(c.node('node-2'))).toEqual([`${UNREACHABLE_NS}@${timestamp(145)}`]);
    c.sim.runUntil(149);
    expect(noExecute(c.node('node-2'))).toEqual([]);
    c.sim.runUntil(150);
    expect(noExecute(c.node('node-2'))).toEqual([`node.kubernetes.io/unreachable@${timestamp(150)}`]);
    expect(taints(c.node('node-1'))).toEqual([]);
  });

  it('marks every pod on the node Ready=False at that moment, phase unchanged', () => {
    const c = failing();
    c.sim.runUntil(140);
    expect(podReady(c.pod('web-300'))).toBe('True');
    c.sim.runUntil(145);
    for (const name of ['web-300', 'web-60', 'web-0', 'web-forever', 'bare']) {
      const pod = c.pod(name);
      expect(podReady(pod)).toBe('False');
      expect(pod?.status?.conditions?.find((x) => x.type === 'Ready')?.lastTransitionTime).toBe(
        timestamp(145),
      );
      expect(pod?.status?.conditions?.find((x) => x.type === 'ContainersReady')?.status).toBe('True');
      expect(pod?.status?.phase).toBe('Running');
      const ev = events(c, 'NodeNotReady', name);
      expect(ev).toHaveLength(1);
      expect(ev[0]).toMatchObject({
        type: 'Warning',
        message: 'Node is not ready',
        source: { component: 'node-controller' },
      });
    }
    expect(podReady(c.pod('elsewhere'))).toBe('True');
  });

  it('evicts by toleration: untolerated at once, tolerationSeconds after the taint, forever never', () => {
    const c = failing();
    c.sim.runUntil(149);
    expect(c.pod('bare')?.metadata?.deletionTimestamp).toBeUndefined();
    c.sim.runUntil(150);
    // No toleration at all, and tolerationSeconds 0: deleted as soon as the NoExecute taint lands.
    for (const name of ['bare', 'web-0']) {
      const pod = c.pod(name);
      expect(pod?.metadata?.deletionTimestamp).toBe(timestamp(180));
      expect(pod?.status?.conditions?.find((x) => x.type === 'DisruptionTarget')).toMatchObject({
        status: 'True',
        reason: 'DeletionByTaintManager',
        message: 'Taint manager: deleting due to NoExecute taint',
      });
      expect(events(c, 'TaintManagerEviction', name)[0]).toMatchObject({
        message: `Marking for deletion Pod default/${name}`,
        source: { component: 'taint-eviction-controller' },
      });
    }
    c.sim.runUntil(209);
    expect(c.pod('web-60')?.metadata?.deletionTimestamp).toBeUndefined();
    c.sim.runUntil(210);
    expect(c.pod('web-60')?.metadata?.deletionTimestamp).toBeDefined();
    c.sim.runUntil(449);
    expect(c.pod('web-300')?.metadata?.deletionTimestamp).toBeUndefined();
    c.sim.runUntil(450);
    // T + 50 (+5 to the Unknown check) + 5 (the NoExecute taint's pass) + 300.
    expect(c.pod('web-300')?.metadata?.deletionTimestamp).toBe(timestamp(480));
    expect(events(c, 'TaintManagerEviction', 'web-300')).toHaveLength(1);
    c.sim.runUntil(3000);
    // Graceful: the dead kubelet never confirms, so the pods stay Terminating.
    expect(c.pod('web-300')).toBeDefined();
    expect(c.pod('web-forever')?.metadata?.deletionTimestamp).toBeUndefined();
    expect(c.pod('elsewhere')?.metadata?.deletionTimestamp).toBeUndefined();
    expect(events(c, 'TaintManagerEviction', 'web-300')).toHaveLength(1);
  });

  it('recovery before eviction removes the taints and cancels the eviction', () => {
    const c = failing();
    c.sim.runUntil(300);
    expect(noExecute(c.node('node-2'))).toHaveLength(1);
    c.sim.runUntil(303);
    c.powerOn('node-2');
    // The kubelet posts Ready at once: the NoSchedule taint follows the condition.
    expect(cond(c.node('node-2'), 'Ready')?.status).toBe('True');
    expect(taints(c.node('node-2')).filter((t) => t.includes('NoSchedule'))).toEqual([]);
    expect(noExecute(c.node('node-2'))).toHaveLength(1);
    c.sim.runUntil(305);
    expect(c.node('node-2').spec?.taints).toBeUndefined();
    expect(events(c, 'TaintManagerEviction', 'web-300').map((e) => e.message)).toEqual([
      'Cancelling deletion of Pod default/web-300',
    ]);
    c.sim.runUntil(2000);
    expect(c.pod('web-300')?.metadata?.deletionTimestamp).toBeUndefined();
    expect(c.sim.store.runtimeKeys('taint-eviction/default/web-300')).toEqual([]);
    expect(cond(c.node('node-2'), 'Ready')?.status).toBe('True');
  });
});

describe('node lifecycle controller: other node health paths', () => {
  it('a node that never posted status goes Unknown after the 60 s startup grace period', () => {
    const c = testCluster(THREE);
    c.sim.runUntil(20);
    c.sim.act('test', () => {
      c.sim.store.setRuntime('node/node-9', { down: true, since: 20 });
      c.sim.api.create('Node', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-9' } });
    });
    c.sim.runUntil(80);
    expect(c.node('node-9').status?.conditions).toBeUndefined();
    c.sim.runUntil(85);
    const conditions = c.node('node-9').status?.conditions ?? [];
    expect(conditions.map((x) => x.type)).toEqual(['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']);
    for (const x of conditions) {
      expect(x).toMatchObject({
        status: 'Unknown',
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
        lastHeartbeatTime: timestamp(20),
        lastTransitionTime: timestamp(85),
      });
    }
    // Never Ready, so no NodeNotReady event, and the NoExecute taint is queued in the same pass.
    expect(events(c, 'NodeNotReady', 'node-9')).toHaveLength(0);
    expect(noExecute(c.node('node-9'))).toEqual([`node.kubernetes.io/unreachable@${timestamp(85)}`]);
  });

  it('a kubelet reporting Ready=False gets not-ready taints, swapped for unreachable when it goes silent', () => {
    const c = testCluster(THREE);
    c.sim.runUntil(1);
    c.addPod('web-300', 'node-2', nodeFailureTolerations(300));
    c.sim.runUntil(95);
    c.sim.act('test', () => c.sim.store.setRuntime(FAKE_KUBELET_PREFIX + 'node-2', 'NotReady'));
    expect(cond(c.node('node-2'), 'Ready')?.status).toBe('False');
    expect(taints(c.node('node-2'))).toEqual([`node.kubernetes.io/not-ready:NoSchedule@${timestamp(95)}`]);
    c.sim.runUntil(100);
    expect(noExecute(c.node('node-2'))).toEqual([`node.kubernetes.io/not-ready@${timestamp(100)}`]);
    // The kubelet is alive: pod readiness is its business, the node controller leaves pods alone.
    expect(podReady(c.pod('web-300'))).toBe('True');
    expect(events(c, 'NodeNotReady', 'node-2')).toHaveLength(0);

    c.sim.runUntil(195);
    c.powerOff('node-2'); // last lease renewal at 190
    c.sim.runUntil(245);
    expect(cond(c.node('node-2'), 'Ready')?.status).toBe('Unknown');
    expect(taints(c.node('node-2'))).toContain(`${UNREACHABLE_NS}@${timestamp(245)}`);
    expect(noExecute(c.node('node-2'))).toEqual([`node.kubernetes.io/not-ready@${timestamp(100)}`]);
    c.sim.runUntil(250);
    expect(noExecute(c.node('node-2'))).toEqual([`node.kubernetes.io/unreachable@${timestamp(250)}`]);
    // The eviction keeps the start it got from the first NoExecute taint: 100 + 300.
    c.sim.runUntil(399);
    expect(c.pod('web-300')?.metadata?.deletionTimestamp).toBeUndefined();
    c.sim.runUntil(400);
    expect(c.pod('web-300')?.metadata?.deletionTimestamp).toBeDefined();
  });

  it('mirrors conditions and cordoning into NoSchedule taints', () => {
    const c = testCluster(THREE);
    c.sim.runUntil(30);
    c.sim.act('test', () => {
      const n = c.node('node-1');
      c.sim.api.update('Node', { ...n, spec: { ...n.spec, unschedulable: true } });
    });
    expect(taints(c.node('node-1'))).toEqual([
      `node.kubernetes.io/unschedulable:NoSchedule@${timestamp(30)}`,
    ]);
    c.sim.act('test', () => {
      const n = c.node('node-3');
      const conditions = (n.status?.conditions ?? []).map((x) =>
        x.type === 'MemoryPressure' ? { ...x, status: 'True' } : x,
      );
      c.sim.api.updateStatus('Node', { ...n, status: { ...n.status, conditions } });
    });
    expect(taints(c.node('node-3'))).toEqual([
      `node.kubernetes.io/memory-pressure:NoSchedule@${timestamp(30)}`,
    ]);
    c.sim.runUntil(40);
    c.sim.act('test', () => {
      const n = c.node('node-1');
      c.sim.api.update('Node', { ...n, spec: { ...n.spec, unschedulable: false } });
    });
    expect(c.node('node-1').spec?.taints).toBeUndefined();
  });

  it('registers nodes with an event, and writes nothing while every node is healthy', () => {
    const c = testCluster(THREE);
    expect(events(c, 'RegisteredNode').map((e) => e.message)).toEqual([
      'Node node-1 event: Registered Node node-1 in Controller',
      'Node node-2 event: Registered Node node-2 in Controller',
      'Node node-3 event: Registered Node node-3 in Controller',
    ]);
    c.sim.runUntil(50);
    let writes = 0;
    c.sim.onRecord((r) => {
      if (r.actor === 'node-lifecycle-controller' || r.actor === 'taint-eviction-controller') writes++;
    });
    c.sim.runUntil(1000);
    expect(writes).toBe(0);
    expect(zones(c)['']?.state).toBe('Normal');
  });
});

describe('node lifecycle controller: disruption modes and the tainting rate', () => {
  function zoned(spec: Record<string, number>): NodeSpec[] {
    return Object.entries(spec).flatMap(([zone, n]) =>
      Array.from({ length: n }, (_, i) => ({
        name: `${zone}-${i + 1}`,
        labels: { 'topology.kubernetes.io/zone': zone },
      })),
    );
  }

  /** NoExecute timeAdded per node, in seconds. */
  function tainted(c: TestCluster): Record<string, number> {
    const out: Record<string, number> = {};
    for (const n of c.sim.store.list('Node')) {
      const t = n.spec?.taints?.find((x) => x.effect === 'NoExecute');
      if (t) out[n.metadata?.name ?? ''] = (Date.parse(t.timeAdded ?? '') - Date.parse(timestamp(0))) / 1000;
    }
    return out;
  }

  it('FullDisruption: every node down, no NoExecute taint and no eviction; leaving it resumes, drained', () => {
    const c = testCluster(THREE);
    c.sim.runUntil(1);
    for (const n of ['node-1', 'node-2', 'node-3']) c.addPod(`web-${n}`, n, nodeFailureTolerations(300));
    c.sim.runUntil(95);
    for (const n of ['node-1', 'node-2', 'node-3']) c.powerOff(n);
    c.sim.runUntil(145);
    for (const n of ['node-1', 'node-2', 'node-3']) {
      expect(cond(c.node(n), 'Ready')?.status).toBe('Unknown');
      expect(taints(c.node(n))).toEqual([`${UNREACHABLE_NS}@${timestamp(145)}`]);
      expect(podReady(c.pod(`web-${n}`))).toBe('False');
    }
    expect(zones(c)['']?.state).toBe('FullDisruption');
    c.sim.runUntil(1000);
    expect(tainted(c)).toEqual({});
    for (const n of ['node-1', 'node-2', 'node-3']) {
      expect(c.pod(`web-${n}`)?.metadata?.deletionTimestamp).toBeUndefined();
    }
    expect(events(c, 'TaintManagerEviction')).toHaveLength(0);

    // node-1 comes back: 2 of 3 not ready is Normal; the new limiter starts drained (one token per 10 s).
    c.sim.runUntil(1003);
    c.powerOn('node-1');
    c.sim.runUntil(1005);
    expect(zones(c)['']?.state).toBe('Normal');
    expect(tainted(c)).toEqual({});
    c.sim.runUntil(1025);
    expect(tainted(c)).toEqual({ 'node-2': 1015, 'node-3': 1025 });
    c.sim.runUntil(1315);
    expect(c.pod('web-node-2')?.metadata?.deletionTimestamp).toBeDefined();
    expect(c.pod('web-node-3')?.metadata?.deletionTimestamp).toBeUndefined();
    expect(c.pod('web-node-1')?.metadata?.deletionTimestamp).toBeUndefined();
  });

  it('leaving master disruption mode gives every node a fresh grace period', () => {
    const c = testCluster(THREE);
    c.sim.runUntil(95);
    for (const n of ['node-1', 'node-2', 'node-3']) c.powerOff(n);
    c.sim.runUntil(1003);
    expect(zones(c)['']?.state).toBe('FullDisruption');
    c.powerOn('node-1');
    // node-3 posts Ready once (heartbeat 1003) and falls silent again.
    c.powerOn('node-3');
    c.powerOff('node-3');
    c.sim.runUntil(1005);
    expect(zones(c)['']?.state).toBe('Normal');
    expect(cond(c.node('node-3'), 'Ready')?.status).toBe('True');
    // Without the reset: Unknown at the first check after 1003 + 50; with it, after 1005 + 50.
    c.sim.runUntil(1055);
    expect(cond(c.node('node-3'), 'Ready')?.status).toBe('True');
    c.sim.runUntil(1060);
    expect(cond(c.node('node-3'), 'Ready')?.status).toBe('Unknown');
  });

  it('PartialDisruption: 3 of 4 nodes down in a small zone, no NoExecute taints, no evictions', () => {
    const c = testCluster(zoned({ a: 4, b: 2 }));
    c.sim.runUntil(1);
    c.addPod('web', 'a-1', nodeFailureTolerations(300));
    c.sim.runUntil(95);
    for (const n of ['a-1', 'a-2', 'a-3']) c.powerOff(n);
    c.sim.runUntil(145);
    expect(zones(c)['a']?.state).toBe('PartialDisruption');
    expect(zones(c)['b']?.state).toBe('Normal');
    expect(podReady(c.pod('web'))).toBe('False');
    expect(taints(c.node('a-1'))).toEqual([`${UNREACHABLE_NS}@${timestamp(145)}`]);
    c.sim.runUntil(2000);
    expect(tainted(c)).toEqual({});
    expect(c.pod('web')?.metadata?.deletionTimestamp).toBeUndefined();
  });

  it('Normal: 2 of 4 nodes down, taints one node per 10 s, then evictions', () => {
    const c = testCluster(zoned({ a: 4, b: 2 }));
    c.sim.runUntil(1);
    c.addPod('web-1', 'a-1', nodeFailureTolerations(300));
    c.addPod('web-2', 'a-2', nodeFailureTolerations(300));
    c.sim.runUntil(95);
    for (const n of ['a-1', 'a-2']) c.powerOff(n);
    c.sim.runUntil(159);
    expect(zones(c)['a']?.state).toBe('Normal');
    expect(tainted(c)).toEqual({ 'a-1': 150 });
    c.sim.runUntil(160);
    expect(tainted(c)).toEqual({ 'a-1': 150, 'a-2': 160 });
    c.sim.runUntil(450);
    expect(c.pod('web-1')?.metadata?.deletionTimestamp).toBeDefined();
    expect(c.pod('web-2')?.metadata?.deletionTimestamp).toBeUndefined();
    c.sim.runUntil(460);
    expect(c.pod('web-2')?.metadata?.deletionTimestamp).toBeDefined();
  });

  it('rate limits NoExecute taints (not NoSchedule ones) at 0.1 nodes/s; 55 % is the partial threshold', () => {
    const five = testCluster(zoned({ z: 10 }));
    five.sim.runUntil(95);
    for (let i = 1; i <= 5; i++) five.powerOff(`z-${i}`);
    five.sim.runUntil(145);
    for (let i = 1; i <= 5; i++)
      expect(taints(five.node(`z-${i}`))).toEqual([`${UNREACHABLE_NS}@${timestamp(145)}`]);
    five.sim.runUntil(300);
    // 5 of 10 is below 55 %: Normal.
    expect(zones(five)['z']?.state).toBe('Normal');
    expect(tainted(five)).toEqual({ 'z-1': 150, 'z-2': 160, 'z-3': 170, 'z-4': 180, 'z-5': 190 });

    const six = testCluster(zoned({ z: 10 }));
    six.sim.runUntil(95);
    for (let i = 1; i <= 6; i++) six.powerOff(`z-${i}`);
    six.sim.runUntil(300);
    expect(zones(six)['z']?.state).toBe('PartialDisruption');
    expect(tainted(six)).toEqual({});
  });

  it('PartialDisruption in a zone of more than 50 nodes taints at the secondary rate, 0.01 nodes/s', () => {
    const c = testCluster(zoned({ big: 60 }));
    c.sim.runUntil(95);
    for (let i = 1; i <= 40; i++) c.powerOff(`big-${i}`);
    c.sim.runUntil(360);
    expect(zones(c)['big']?.state).toBe('PartialDisruption');
    expect(tainted(c)).toEqual({ 'big-1': 150, 'big-2': 250, 'big-3': 350 });
  });

  it('keeps its state in the runtime table: a restored snapshot replays identically', () => {
    const run = (c: TestCluster): string => {
      c.sim.runUntil(700);
      return JSON.stringify([c.sim.store.list('Node'), c.sim.store.list('Pod'), zones(c)]);
    };
    const c = testCluster(zoned({ a: 4 }));
    c.sim.runUntil(1);
    c.addPod('web', 'a-1', nodeFailureTolerations(300));
    c.sim.runUntil(95);
    c.powerOff('a-1');
    c.powerOff('a-2');
    c.sim.runUntil(155);
    const snap = c.sim.snapshot();
    const first = run(c);
    c.sim.restore(snap);
    expect(run(c)).toBe(first);
  });
});
