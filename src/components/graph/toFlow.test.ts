import { describe, expect, it } from 'vitest';
import type { Pod } from '../../engine';
import type { ClusterMirror } from '../../state/mirror';
import type { Ghost } from './model';
import { shortPodName, trackGhosts } from './model';
import { mirrorOf, run } from './testkit';
import type { FlowResult, GraphNode, WorkerData } from './toFlow';
import { aggregateText, groupTaints, toFlow } from './toFlow';

function workers(flow: FlowResult): (GraphNode & { type: 'worker' })[] {
  return flow.nodes.filter((n): n is GraphNode & { type: 'worker' } => n.type === 'worker');
}

function node(flow: FlowResult, id: string): GraphNode {
  const n = flow.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no flow node ${id}`);
  return n;
}

/** A copy of the mirror with one pod's object replaced. */
function withPod(mirror: ClusterMirror, key: string, change: (p: Pod) => Pod): ClusterMirror {
  const objects = new Map(mirror.objects);
  objects.set(key, change(mirror.objects.get(key) as Pod));
  return { ...mirror, objects };
}

function bigScenario(nodes: number, replicas: number): string {
  const list = Array.from({ length: nodes }, (_, i) => `    - { name: node-${i + 1} }`).join('\n');
  return `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata: { name: big }
spec:
  nodes:
${list}
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: 'web:1.0', resources: { requests: { cpu: 10m, memory: 16Mi } } }]
`;
}

describe('toFlow', () => {
  const { mirror } = run('self-healing', 20);

  it('draws the control plane, the queue, each node, the workload and the Service', () => {
    const flow = toFlow(mirror);
    expect(flow.nodes.map((n) => `${n.type}:${n.id}`)).toEqual([
      'controlPlane:control-plane',
      'queue:queue',
      'workload:Deployment/default/shop',
      'worker:Node/node-1',
      'worker:Node/node-2',
      'worker:Node/node-3',
      'service:Service/default/shop',
    ]);
  });

  it('names nodes and pods as contract 3 says', () => {
    const flow = toFlow(mirror);
    const ws = workers(flow);
    expect(ws.map((w) => w.data.label)).toEqual([
      'Node node-1 Ready, 1 pod',
      'Node node-2 Ready, 1 pod',
      'Node node-3 Ready, 1 pod',
    ]);
    const pods = ws.flatMap((w) => w.data.pods ?? []);
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.label).toMatch(/^Pod shop-[a-z0-9]+-[a-z0-9]{5} Running ready$/);
      expect(p.label).toBe(`Pod ${p.name} ${p.status} ready`);
    }
  });

  it('keeps positions still and reuses every node whose content did not change', () => {
    const first = toFlow(mirror);
    expect(toFlow(mirror, { previous: first })).toBe(first);

    const w = workers(first)[1] as GraphNode & { type: 'worker' };
    const pod = (w.data as WorkerData).pods?.[0];
    expect(pod).toBeDefined();
    const changed = withPod(mirror, pod?.key ?? '', (p) => ({
      ...p,
      status: {
        ...p.status,
        conditions: (p.status?.conditions ?? []).map((c) =>
          c.type === 'Ready' ? { ...c, status: 'False' } : c,
        ),
        containerStatuses: (p.status?.containerStatuses ?? []).map((c) => ({
          ...c,
          ready: false,
          state: { waiting: { reason: 'CrashLoopBackOff' } },
        })),
      },
    }));
    const second = toFlow(changed, { previous: first });
    for (const n of second.nodes) {
      const before = node(first, n.id);
      expect(n.position).toEqual(before.position);
      if (n.id === w.id) expect(n).not.toBe(before);
      else expect(n).toBe(before);
    }
    const after = node(second, w.id) as GraphNode & { type: 'worker' };
    expect(after.data.pods?.[0]?.label).toBe(`Pod ${pod?.name} CrashLoopBackOff not ready`);
    expect(after.data.pods?.[0]?.tone).toBe('failing');
  });

  it('shows counts instead of boxes past the threshold', () => {
    const big = run(bigScenario(2, 60), 20).mirror;
    const flow = toFlow(big);
    for (const w of workers(flow)) {
      expect(w.data.pods).toBeNull();
      expect(w.data.aggregate).toBe(`${w.data.podCount} pods: ${w.data.podCount} ready`);
      expect(w.data.label).toBe(`Node ${w.data.name} Ready, ${w.data.podCount} pods`);
    }
    expect(workers(flow).reduce((n, w) => n + w.data.podCount, 0)).toBe(60);
    const boxes = toFlow(big, { aggregateAbove: 100 });
    expect(workers(boxes).every((w) => (w.data.pods?.length ?? 0) === w.data.podCount)).toBe(true);
  });

  it('puts Pending pods in the scheduling queue', () => {
    const pending = run('unschedulable', 30).mirror;
    const queue = node(toFlow(pending), 'queue') as GraphNode & { type: 'queue' };
    expect(queue.data.count).toBe(2);
    expect(queue.data.label).toBe('Scheduling queue, 2 pods waiting for a node');
    expect(queue.data.pods?.map((p) => p.label.replace(/-[a-z0-9]{5} /, '-xxxxx '))).toEqual([
      'Pod report-6bb55c4985-xxxxx Pending not ready',
      'Pod report-6bb55c4985-xxxxx Pending not ready',
    ]);
  });

  it('links a deleted pod to the pod that replaces it', () => {
    // Step until the deleted pod is gone from the store, tracking ghosts frame by frame as the graph does.
    const { sim } = run('self-healing', 59.5);
    let before = mirrorOf(sim);
    let ghosts: readonly Ghost[] = [];
    let after = before;
    while (ghosts.length === 0 && sim.now < 120) {
      sim.runUntil(sim.now + 0.5);
      after = mirrorOf(sim);
      ghosts = trackGhosts(before, after, ghosts);
      before = after;
    }
    expect(ghosts).toHaveLength(1);
    const gone = ghosts[0] as Ghost;
    const flow = toFlow(after, { ghosts });
    const pods = workers(flow).flatMap((w) => w.data.pods ?? []);
    const replacement = pods.find((p) => p.replaces === gone.name);
    expect(replacement?.ownerKey).toBe(gone.ownerKey);
    expect(pods.find((p) => p.ghost)?.name).toBe(gone.name);
    // Ghosts fade away after a few simulated seconds.
    const later = run('self-healing', 70).mirror;
    expect(trackGhosts(after, later, ghosts)).toEqual([]);
  });

  it('draws owner links only when asked, and traffic to nodes with ready endpoints', () => {
    const flow = toFlow(mirror);
    expect(flow.edges.filter((e) => e.type === 'owner')).toHaveLength(3);
    expect(flow.edges.filter((e) => e.type === 'traffic').map((e) => e.target)).toEqual([
      'Node/node-1',
      'Node/node-2',
      'Node/node-3',
    ]);
    const hidden = toFlow(mirror, { showOwnerEdges: false });
    expect(hidden.edges.filter((e) => e.type === 'owner')).toHaveLength(0);
  });

  it('shows a node whose machine is off and its taints', () => {
    const flow = toFlow(run('node-loss', 90).mirror);
    const n2 = node(flow, 'Node/node-2') as GraphNode & { type: 'worker' };
    expect(n2.data.down).toBe(true);
    expect(n2.data.condition).toBe('Unknown');
    expect(n2.data.label).toBe('Node node-2 Unknown, machine off, 2 pods');
    expect(n2.data.taints).toEqual(['unreachable: NoSchedule, NoExecute']);
  });
});

describe('helpers', () => {
  it('shortens generated pod names', () => {
    expect(shortPodName('shop-6d9f7c8b5-x7k2p')).toBe('shop…x7k2p');
    expect(shortPodName('db-0')).toBe('db-0');
  });

  it('groups taints by key', () => {
    expect(
      groupTaints([
        { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
        { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
      ]),
    ).toEqual(['unreachable: NoSchedule', 'dedicated=gpu: NoSchedule']);
  });

  it('summarises pods in aggregate', () => {
    const p = (tone: 'ready' | 'pending' | 'failing', status: string) =>
      ({ tone, status }) as Parameters<typeof aggregateText>[0][number];
    expect(aggregateText([p('ready', 'Running'), p('ready', 'Running'), p('pending', 'Pending')])).toBe(
      '3 pods: 2 ready, 1 pending',
    );
    expect(aggregateText([p('failing', 'CrashLoopBackOff')])).toBe('1 pod: 1 CrashLoopBackOff');
  });
});
