import { describe, expect, it } from 'vitest';
import { isPodReady } from '../api/podutil';
import { nodeObject } from './kubelet/register';
import type { DaemonSet, Node, Pod, Toleration } from '../api/types';
import type { Simulation } from '../sim/simulation';
import { targetNode } from './daemonset';
import { READINESS, events, timeline, workloadSim } from './statefulset/testkit';

const NODES = [
  { name: 'node-1' },
  { name: 'node-2' },
  { name: 'gpu-1', taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
];

function daemonSet(tolerations: Toleration[] = [], image = 'agent:1.0'): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { tolerations, containers: [{ name: 'agent', image, readinessProbe: READINESS }] },
      },
    },
  };
}

function pods(sim: Simulation): Pod[] {
  return sim.store.list('Pod').filter((p) => !p.metadata?.deletionTimestamp);
}

function nodesOf(sim: Simulation): string[] {
  return pods(sim)
    .map((p) => p.spec?.nodeName ?? `(${targetNode(p) ?? ''})`)
    .sort();
}

function ds(sim: Simulation): DaemonSet {
  return sim.store.get('DaemonSet', 'default', 'agent') as DaemonSet;
}

function editNode(sim: Simulation, name: string, f: (n: Node) => Node): void {
  sim.act('test', () => sim.api.update('Node', f(sim.store.get('Node', undefined, name) as Node)));
}

describe('DaemonSet', () => {
  it('runs one pod on every node whose taints it tolerates, placed by the scheduler through node affinity', () => {
    const sim = workloadSim({}, NODES);
    sim.act('test', () => sim.api.create('DaemonSet', daemonSet()));
    const created = pods(sim);
    expect(created).toHaveLength(2);
    expect(
      created.map((p) => p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    ).toEqual(
      expect.arrayContaining([
        {
          nodeSelectorTerms: [
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] },
          ],
        },
      ]),
    );
    sim.runUntil(30);
    expect(nodesOf(sim)).toEqual(['node-1', 'node-2']);
    expect(events(sim, 'Scheduled')).toHaveLength(2);
    expect(ds(sim).status).toMatchObject({
      desiredNumberScheduled: 2,
      currentNumberScheduled: 2,
      numberReady: 2,
      numberAvailable: 2,
      updatedNumberScheduled: 2,
      numberMisscheduled: 0,
      numberUnavailable: 0,
    });
    expect(events(sim, 'SuccessfulCreate').map((e) => e.message)).toEqual(
      created.map((p) => `Created pod: ${p.metadata?.name ?? ''}`),
    );
  });

  it('a toleration of the taint adds the tainted node', () => {
    const sim = workloadSim({}, NODES);
    sim.act('test', () =>
      sim.api.create(
        'DaemonSet',
        daemonSet([{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }]),
      ),
    );
    sim.runUntil(30);
    expect(nodesOf(sim)).toEqual(['gpu-1', 'node-1', 'node-2']);
  });

  it('gives its pods the daemon tolerations, so cordoned and not-ready nodes still get one, forever', () => {
    const sim = workloadSim({}, [
      { name: 'node-1', unschedulable: true },
      { name: 'node-2', taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] },
    ]);
    sim.act('test', () => sim.api.create('DaemonSet', daemonSet()));
    sim.runUntil(30);
    expect(nodesOf(sim)).toEqual(['node-1', 'node-2']);
    const tolerations = pods(sim)[0]?.spec?.tolerations ?? [];
    expect(tolerations).toEqual(
      expect.arrayContaining([
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
        { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
      ]),
    );
    // No tolerationSeconds: DefaultTolerationSeconds does not add its 300 s to a daemon pod.
    expect(tolerations.some((t) => t.tolerationSeconds !== undefined)).toBe(false);
  });

  it('follows nodes: a new node gets a pod, a NoExecute taint removes it, a NoSchedule taint does not', () => {
    const sim = workloadSim({}, [{ name: 'node-1' }, { name: 'node-2' }]);
    sim.act('test', () => sim.api.create('DaemonSet', daemonSet()));
    sim.runUntil(20);
    editNode(sim, 'node-1', (n) => ({
      ...n,
      spec: { ...n.spec, taints: [{ key: 'x', effect: 'NoSchedule' }] },
    }));
    sim.runUntil(40);
    expect(nodesOf(sim)).toEqual(['node-1', 'node-2']);
    editNode(sim, 'node-2', (n) => ({
      ...n,
      spec: { ...n.spec, taints: [{ key: 'x', effect: 'NoExecute' }] },
    }));
    sim.runUntil(80);
    expect(nodesOf(sim)).toEqual(['node-1']);
    expect(ds(sim).status).toMatchObject({ desiredNumberScheduled: 0, numberMisscheduled: 1 });
    sim.act('test', () => sim.api.create('Node', nodeObject({ name: 'node-3' }, 2)));
    sim.runUntil(100);
    expect(nodesOf(sim)).toEqual(['node-1', 'node-3']);
  });

  it("a rolling update replaces one node's pod at a time (maxUnavailable 1)", () => {
    const sim = workloadSim({ 'agent:1.0': { startupSeconds: 5 }, 'agent:2.0': { startupSeconds: 5 } }, [
      { name: 'node-1' },
      { name: 'node-2' },
      { name: 'node-3' },
    ]);
    const t = timeline(sim);
    sim.act('test', () => sim.api.create('DaemonSet', daemonSet()));
    sim.runUntil(30);
    const old = pods(sim).map((p) => p.metadata?.name ?? '');
    sim.act('test', () => {
      const d = ds(sim);
      const spec = d.spec as NonNullable<DaemonSet['spec']>;
      const c = spec.template.spec?.containers[0];
      sim.api.update('DaemonSet', {
        ...d,
        spec: {
          ...spec,
          template: {
            ...spec.template,
            spec: { ...spec.template.spec, containers: [{ ...c, name: 'agent', image: 'agent:2.0' }] },
          },
        },
      });
    });
    // Watch every moment: never more than one node without an available pod.
    for (let s = 30; s <= 150; s++) {
      sim.runUntil(s);
      const up = pods(sim).filter((p) => isPodReady(p)).length;
      expect(up).toBeGreaterThanOrEqual(2);
    }
    expect(pods(sim).map((p) => p.spec?.containers[0]?.image)).toEqual([
      'agent:2.0',
      'agent:2.0',
      'agent:2.0',
    ]);
    const deletions = old.map((n) => (t.terminating.get(n) ?? [])[0] as number).sort((a, b) => a - b);
    expect(new Set(deletions).size).toBe(3);
    expect(ds(sim).status).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3 });
  });
});
