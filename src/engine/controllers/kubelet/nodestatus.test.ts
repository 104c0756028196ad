import { describe, expect, it } from 'vitest';
import { seconds, timestamp } from '../../api/meta';
import type { Lease } from '../../api/types';
import type { Simulation } from '../../sim/simulation';
import { bootID, microTime } from './nodestatus';
import { kubeletSim } from './testutil';

function leaseRenewals(sim: Simulation, node = 'node-1'): () => number[] {
  const out: number[] = [];
  sim.onRecord((r) => {
    if (r.diff.type === 'runtime' || r.diff.type === 'removed' || r.diff.kind !== 'Lease') return;
    if (r.diff.to.metadata?.name === node) out.push(r.t);
  });
  return () => out;
}

function nodeEvents(sim: Simulation, reason: string): number {
  return sim.store
    .list('Event')
    .filter((e) => e.involvedObject.kind === 'Node' && e.reason === reason)
    .reduce((n, e) => n + (e.count ?? 1), 0);
}

describe('kubelet-node-status', () => {
  it('creates the Lease at start and renews it every 10 s', () => {
    const sim = kubeletSim();
    const lease = sim.store.get('Lease', 'kube-node-lease', 'node-1') as Lease;
    expect(lease.spec).toEqual({
      holderIdentity: 'node-1',
      leaseDurationSeconds: 40,
      renewTime: '2026-01-01T09:00:00.000000Z',
    });
    expect(lease.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: 'node-1' });
    const renewals = leaseRenewals(sim);
    sim.runUntil(65);
    expect(renewals()).toEqual([10, 20, 30, 40, 50, 60]);
    const renewed = sim.store.get('Lease', 'kube-node-lease', 'node-1') as Lease;
    expect(renewed.spec?.renewTime).toBe('2026-01-01T09:01:00.000000Z');
    expect(seconds(renewed.spec?.renewTime)).toBe(60);
  });

  it('posts Ready and the pressure conditions once, then only every 5 minutes', () => {
    const sim = kubeletSim();
    const node = () => sim.store.get('Node', undefined, 'node-1');
    const conds = node()?.status?.conditions ?? [];
    expect(conds.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ]);
    expect(node()?.status?.nodeInfo?.bootID).toBe(bootID('node-1', 0));
    expect(nodeEvents(sim, 'NodeReady')).toBe(1);
    const ready = sim.store.list('Event').find((e) => e.reason === 'NodeReady');
    expect(ready?.message).toBe('Node node-1 status is now: NodeReady');
    expect(ready?.source).toEqual({ component: 'kubelet', host: 'node-1' });
    const posts: number[] = [];
    sim.onRecord((r) => {
      if (r.diff.type === 'updated' && r.diff.kind === 'Node') posts.push(r.t);
    });
    sim.runUntil(650);
    expect(posts).toEqual([300, 600]);
    const r = node()?.status?.conditions?.find((c) => c.type === 'Ready');
    expect(r?.lastHeartbeatTime).toBe(timestamp(600));
    expect(r?.lastTransitionTime).toBe(timestamp(0));
  });

  it('a powered-off machine stops heartbeats; on power-on it posts at once and reports NodeReady again', () => {
    const sim = kubeletSim();
    const renewals = leaseRenewals(sim);
    sim.runUntil(25);
    sim.act('fault', () => sim.store.setRuntime('node/node-1', { down: true, since: 25 }));
    sim.runUntil(90);
    // What the node lifecycle controller does 50 s after the last heartbeat.
    sim.act('node-controller', () => {
      const n = sim.store.get('Node', undefined, 'node-1');
      if (!n) return;
      const conditions = (n.status?.conditions ?? []).map((c) =>
        c.type === 'Ready'
          ? {
              ...c,
              status: 'Unknown',
              reason: 'NodeStatusUnknown',
              message: 'Kubelet stopped posting node status.',
            }
          : c,
      );
      sim.api.updateStatus('Node', { ...n, status: { ...n.status, conditions } });
    });
    sim.runUntil(120);
    expect(renewals()).toEqual([10, 20]);
    expect(
      sim.store.get('Node', undefined, 'node-1')?.status?.conditions?.find((c) => c.type === 'Ready')?.status,
    ).toBe('Unknown');
    sim.act('fault', () => sim.store.setRuntime('node/node-1', undefined));
    expect(renewals()).toEqual([10, 20, 120]);
    const n = sim.store.get('Node', undefined, 'node-1');
    const ready = n?.status?.conditions?.find((c) => c.type === 'Ready');
    expect(ready).toMatchObject({
      status: 'True',
      reason: 'KubeletReady',
      lastTransitionTime: timestamp(120),
    });
    expect(n?.status?.nodeInfo?.bootID).toBe(bootID('node-1', 1));
    expect(nodeEvents(sim, 'NodeReady')).toBe(2);
    expect(nodeEvents(sim, 'Rebooted')).toBe(1);
    sim.runUntil(140);
    expect(renewals()).toEqual([10, 20, 120, 130, 140]);
  });

  it('formats MicroTime with six fractional digits', () => {
    expect(microTime(0)).toBe('2026-01-01T09:00:00.000000Z');
    expect(microTime(1.5)).toBe('2026-01-01T09:00:01.500000Z');
  });
});
