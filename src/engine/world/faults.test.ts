import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Controller } from '../sim/controller';
import type { Pod } from '../api/types';
import { crashContainer, hangApp } from '../controllers/kubelet';
import { runFault, validateFault } from './faults';
import type { Fault } from './faults';
import { Simulation } from '../sim/simulation';

// The kubelet's own reaction is tested beside the kubelet; here only that faults hand it the right pods.
vi.mock('../controllers/kubelet', async (original) => ({
  ...(await original<typeof import('../controllers/kubelet')>()),
  crashContainer: vi.fn(),
  hangApp: vi.fn(),
}));

/** Two nodes and pods placed by hand, with no controller reacting: faults' direct effects only. */
function world(): Simulation {
  const kubelet: Controller = { name: 'kubelet', component: 'kubelet', watches: [], reconcile: () => {} };
  const sim = new Simulation({ seed: 1, images: {} }, [kubelet]);
  sim.act('test', () => {
    sim.api.create('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    for (const n of ['node-1', 'node-2'])
      sim.api.create('Node', { apiVersion: 'v1', kind: 'Node', metadata: { name: n } });
    const pods: [string, string, Record<string, string>, string?][] = [
      ['web-c', 'node-1', { app: 'web' }],
      ['web-a', 'node-2', { app: 'web' }],
      ['web-b', 'node-1', { app: 'web' }],
      ['db-0', 'node-1', { app: 'db' }],
      ['agent-x', 'node-1', { app: 'agent' }, 'DaemonSet'],
    ];
    for (const [name, node, labels, ownerKind] of pods) {
      const pod = sim.api.create('Pod', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace: 'default',
          labels,
          ...(ownerKind
            ? {
                ownerReferences: [
                  { apiVersion: 'apps/v1', kind: ownerKind, name: 'agent', uid: 'u1', controller: true },
                ],
              }
            : {}),
        },
        spec: { nodeName: node, containers: [{ name: 'app', image: 'app:1' }] },
      });
      sim.api.updateStatus('Pod', { ...pod, status: { phase: 'Running' } });
    }
  });
  return sim;
}

function run(sim: Simulation, fault: Fault) {
  return sim.act('test', () => runFault(sim, fault));
}

function crashedPods(): string[] {
  return vi.mocked(crashContainer).mock.calls.map(([, pod]) => pod.metadata?.name ?? '');
}

beforeEach(() => {
  vi.mocked(crashContainer).mockClear();
  vi.mocked(hangApp).mockClear();
});

describe('NodeFailure and NodeRecovery', () => {
  it('power a node off and on through the runtime table', () => {
    const sim = world();
    sim.runUntil(12);
    expect(run(sim, { type: 'NodeFailure', node: 'node-2' })).toEqual({
      ok: true,
      exitCode: 0,
      message: 'node/node-2 powered off',
    });
    expect(sim.store.getRuntime('node/node-2')).toEqual({ down: true, since: 12 });
    expect(run(sim, { type: 'NodeFailure', node: 'node-2' }).message).toBe('node/node-2 is already down');
    expect(run(sim, { type: 'NodeRecovery', node: 'node-2' }).message).toBe('node/node-2 powered on');
    expect(sim.store.getRuntime('node/node-2')).toBeUndefined();
    expect(run(sim, { type: 'NodeFailure', node: 'node-9' })).toEqual({
      ok: false,
      exitCode: 1,
      message: 'Error from server (NotFound): nodes "node-9" not found',
    });
  });
});

describe('PodCrash and AppHang', () => {
  it('crash the first pods by name that match a selector, with the exit code', () => {
    const sim = world();
    const r = run(sim, { type: 'PodCrash', selector: 'app=web', count: 2, exitCode: 137 });
    expect(r.ok).toBe(true);
    expect(crashedPods()).toEqual(['web-a', 'web-b']);
    expect(vi.mocked(crashContainer).mock.calls[0]?.[2]).toBe(137);
  });

  it('crash a named pod, and refuse a missing one', () => {
    const sim = world();
    expect(run(sim, { type: 'PodCrash', pod: 'db-0' }).ok).toBe(true);
    expect(crashedPods()).toEqual(['db-0']);
    expect(run(sim, { type: 'PodCrash', pod: 'nope' }).message).toBe(
      'Error from server (NotFound): pods "nope" not found',
    );
  });

  it('pick random pods from the seeded generator: the same seed picks the same pods', () => {
    const picks = () => {
      vi.mocked(crashContainer).mockClear();
      run(world(), { type: 'PodCrash', selector: { matchLabels: { app: 'web' } }, count: 2, pick: 'random' });
      return crashedPods();
    };
    const first = picks();
    expect(first).toHaveLength(2);
    expect(picks()).toEqual(first);
  });

  it('skip pods on a machine that is down', () => {
    const sim = world();
    run(sim, { type: 'NodeFailure', node: 'node-2' });
    run(sim, { type: 'PodCrash', selector: 'app=web', count: 3 });
    expect(crashedPods()).toEqual(['web-b', 'web-c']);
  });

  it('hang an app', () => {
    const sim = world();
    run(sim, { type: 'AppHang', pod: 'web-c' });
    expect(vi.mocked(hangApp).mock.calls.map(([, p]) => (p as Pod).metadata?.name)).toEqual(['web-c']);
  });

  it('report a selector that matches nothing', () => {
    expect(run(world(), { type: 'PodCrash', selector: 'app=none' })).toEqual({
      ok: false,
      exitCode: 1,
      message: 'no running pods match selector "app=none" in namespace "default"',
    });
  });
});

describe('PodDelete', () => {
  it('deletes gracefully: a bound pod gets a deletionTimestamp', () => {
    const sim = world();
    const r = run(sim, { type: 'PodDelete', selector: 'app=web' });
    expect(r.message).toBe('pod "web-a" deleted');
    expect(sim.store.get('Pod', 'default', 'web-a')?.metadata?.deletionTimestamp).toBeDefined();
    // A second delete by selector skips the terminating pod.
    expect(run(sim, { type: 'PodDelete', selector: 'app=web' }).message).toBe('pod "web-b" deleted');
  });

  it('with gracePeriodSeconds 0 removes the pod at once', () => {
    const sim = world();
    run(sim, { type: 'PodDelete', pod: 'db-0', gracePeriodSeconds: 0 });
    expect(sim.store.get('Pod', 'default', 'db-0')).toBeUndefined();
  });
});

describe('NodeDrain', () => {
  it('cordons the node and evicts every pod except DaemonSet ones', () => {
    const sim = world();
    const r = run(sim, { type: 'NodeDrain', node: 'node-1' });
    expect(r.message.split('\n')).toEqual([
      'node/node-1 cordoned',
      'Warning: ignoring DaemonSet-managed Pods: default/agent-x',
      'evicting pod default/db-0',
      'evicting pod default/web-b',
      'evicting pod default/web-c',
      'pod/db-0 evicted',
      'pod/web-b evicted',
      'pod/web-c evicted',
      'node/node-1 drained',
    ]);
    expect(sim.store.get('Node', undefined, 'node-1')?.spec?.unschedulable).toBe(true);
    expect(sim.store.get('Pod', 'default', 'web-c')?.metadata?.deletionTimestamp).toBeDefined();
    expect(sim.store.get('Pod', 'default', 'agent-x')?.metadata?.deletionTimestamp).toBeUndefined();
    expect(sim.store.get('Pod', 'default', 'web-a')?.metadata?.deletionTimestamp).toBeUndefined();
  });
});

describe('faults not available yet', () => {
  it('ControlPlaneOutage runs (its behaviour is tested in controlplane.test.ts)', () => {
    const sim = world();
    expect(run(sim, { type: 'ControlPlaneOutage', durationSeconds: 60 })).toMatchObject({
      ok: true,
      exitCode: 0,
    });
  });

  it('TrafficChange sets the offered load of a Service, keeping its other figures', () => {
    const sim = world();
    expect(run(sim, { type: 'TrafficChange', service: 'web', requestsPerSecond: 5 })).toEqual({
      ok: true,
      exitCode: 0,
      message: 'service/web: 5 requests per second',
    });
    expect(sim.store.getRuntime('traffic/default/web')).toEqual({
      service: 'web',
      namespace: 'default',
      requestsPerSecond: 5,
      errorsPerSecond: 0,
    });
    sim.store.setRuntime('traffic/default/web', {
      service: 'web',
      namespace: 'default',
      requestsPerSecond: 5,
      errorsPerSecond: 2,
      rr: 1,
    });
    run(sim, { type: 'TrafficChange', service: 'web', requestsPerSecond: 50 });
    expect(sim.store.getRuntime('traffic/default/web')).toMatchObject({
      requestsPerSecond: 50,
      errorsPerSecond: 2,
      rr: 1,
    });
  });
});

describe('validateFault', () => {
  it('accepts each fault type', () => {
    expect(validateFault({ type: 'PodCrash', selector: 'app=web,tier=front', count: 2 })).toEqual({
      fault: { type: 'PodCrash', selector: { matchLabels: { app: 'web', tier: 'front' } }, count: 2 },
      problems: [],
    });
    expect(validateFault({ type: 'ControlPlaneOutage', durationSeconds: '2m' }).fault).toEqual({
      type: 'ControlPlaneOutage',
      durationSeconds: 120,
    });
    expect(validateFault({ type: 'NodeDrain', node: 'node-1' }).fault).toEqual({
      type: 'NodeDrain',
      node: 'node-1',
    });
    expect(validateFault({ type: 'TrafficChange', service: 'shop', requestsPerSecond: 50 }).problems).toEqual(
      [],
    );
  });

  it('explains what is wrong, with paths', () => {
    expect(validateFault({ type: 'PodDelete', pod: 'a', selector: 'b=c' }).problems).toEqual([
      { path: ['selector'], message: 'give either pod or selector, not both' },
    ]);
    expect(validateFault({ type: 'PodCrash', selector: 'app in (a)' }).problems[0]?.message).toMatch(
      /invalid selector/,
    );
    expect(validateFault({ type: 'NodeFailure' }).problems).toEqual([
      { path: [], message: 'node: Required value: the node name' },
    ]);
    expect(validateFault({ type: 'PodCrash', pod: 'a', pick: 'any' }).problems[0]?.message).toBe(
      'pick: Unsupported value: "any": supported values: "first", "random"',
    );
    expect(validateFault('boom').problems[0]?.message).toBe('a fault must be a mapping with a type');
  });
});
