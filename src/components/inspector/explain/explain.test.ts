import { describe, expect, it } from 'vitest';
import type { DeploymentSpec } from 'kubernetes-types/apps/v1';
import type { Deployment } from '../../../engine';
import { run } from '../../graph/testkit';
import type { Explanation, Section } from './common';
import { formatDuration } from './common';
import { rolloutArithmetic } from './deployment';
import { explain } from './index';
import { nodeCountdowns } from './node';

function section(ex: Explanation | null, heading: string): Section {
  const s = ex?.sections.find((x) => x.heading === heading);
  if (!s) throw new Error(`no section ${heading}`);
  return s;
}

function lines(ex: Explanation | null, heading: string): readonly string[] {
  const s = section(ex, heading);
  if (s.type !== 'text') throw new Error(`${heading} is not text`);
  return s.lines;
}

function deployment(replicas: number, strategy?: Pick<DeploymentSpec, 'strategy'>): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { spec: { containers: [] } },
      ...strategy,
    },
  };
}

describe('rollout arithmetic', () => {
  it('10 replicas with the 25%/25% defaults', () => {
    expect(rolloutArithmetic(deployment(10))).toEqual([
      'maxSurge 25% of 10 replicas = 2.5, rounded up to 3; maxUnavailable 25% of 10 replicas = 2.5, rounded down to 2.',
      '13 pods at most = 10 + maxSurge 3.',
      'At least 8 must stay available = 10 - maxUnavailable 2.',
      'So the rollout may add up to 3 new pods beyond 10 and take down up to 2 old pods at a time.',
    ]);
  });

  it('3 replicas with the defaults: surge 1, unavailable 0', () => {
    expect(rolloutArithmetic(deployment(3))).toEqual([
      'maxSurge 25% of 3 replicas = 0.75, rounded up to 1; maxUnavailable 25% of 3 replicas = 0.75, rounded down to 0.',
      '4 pods at most = 3 + maxSurge 1.',
      'At least 3 must stay available = 3 - maxUnavailable 0.',
      'So no old pod goes until a new one is available: the rollout adds up to 1 new pod, waits for it to become available, then removes as many old ones.',
    ]);
  });

  it('both rounding to 0 makes maxUnavailable 1', () => {
    const d = deployment(2, {
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '10%' } },
    });
    expect(rolloutArithmetic(d)).toEqual([
      'maxSurge 0; maxUnavailable 10% of 2 replicas = 0.2, rounded down to 1.',
      'Both came out as 0, so maxUnavailable becomes 1: a rollout must be able to move.',
      '2 pods at most = 2 + maxSurge 0.',
      'At least 1 must stay available = 2 - maxUnavailable 1.',
      'So the rollout first removes up to 1 old pod, then creates new ones in their place.',
    ]);
  });

  it('Recreate', () => {
    expect(rolloutArithmetic(deployment(3, { strategy: { type: 'Recreate' } }))).toEqual([
      'Strategy Recreate: every old pod is stopped before any new pod starts, so the app is unavailable for a moment during each rollout.',
    ]);
  });
});

describe('a Pending pod', () => {
  const { mirror } = run('unschedulable', 30);
  const key = [...mirror.objects.keys()].find((k) => k.startsWith('Pod/')) ?? '';

  it('says why no node fits, node by node, and what Kubernetes said', () => {
    const ex = explain(mirror, key);
    expect(ex?.headline).toBe(
      'No node can take this pod, so it waits Pending: the scheduler checked 3 nodes and each one failed a filter.',
    );
    expect(ex?.tone).toBe('problem');
    expect(lines(ex, 'Why no node fits')).toEqual([
      'node-1: not enough free CPU: the pod requests 6, the node has 4 free (Insufficient cpu).',
      'node-2: not enough free CPU: the pod requests 6, the node has 4 free (Insufficient cpu).',
      'node-3: not enough free CPU: the pod requests 6, the node has 4 free (Insufficient cpu).',
      'The scheduler has tried 1 time; it tries again as soon as something in the cluster changes, and at the latest in 4m 30s.',
      'What would help: ask for less (lower the requests), free room by removing other pods, or add a node with more capacity.',
    ]);
    const msg = section(ex, 'FailedScheduling (default-scheduler)');
    expect(msg.type === 'message' && msg.message).toBe(
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    expect(lines(ex, 'Facts')).toContain('It requests 6 CPU and 256Mi memory.');
  });
});

describe('a pod in CrashLoopBackOff', () => {
  it('tells its story and counts down to the next restart', () => {
    const { mirror } = run('crash-loop', 60);
    const key = [...mirror.objects.keys()].find((k) => k.startsWith('Pod/')) ?? '';
    const ex = explain(mirror, key);
    expect(ex?.headline).toMatch(
      /^Its container keeps exiting \(last exit: Error, exit code 1\)\. The kubelet restarts it in place, waiting longer each time \(10s, 20s, 40s … up to 5m\)\. Next restart in \d+s\. Restarting does not fix a bug\.$/,
    );
    const story = section(ex, 'Life story (events)');
    expect(story.type === 'story' && story.items.map((i) => i.reason)).toEqual(
      expect.arrayContaining(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started', 'BackOff']),
    );
    const waiting = section(ex, 'CrashLoopBackOff (kubelet)');
    expect(waiting.type === 'message' && waiting.message).toMatch(
      /^back-off \d+s restarting failed container=/,
    );
  });
});

describe('a node that stops reporting', () => {
  it('counts down to Unknown (50 s) and to eviction (300 s after the taint)', () => {
    const at60 = run('node-loss', 60).mirror;
    const node = at60.objects.get('Node/node-2') as Parameters<typeof nodeCountdowns>[1];
    expect(nodeCountdowns(at60, node).map((c) => [c.label, c.at, c.remaining])).toEqual([
      ['Marked Unknown', 75, 15],
      ['Pods evicted', 380, 320],
    ]);
    const ex = explain(at60, 'Node/node-2');
    expect(ex?.headline).toBe(
      'node-2 has been silent for 40s (its machine is off), but still counts as Ready: the node controller waits 50s before it believes a node is gone. It marks it Unknown in 15s.',
    );
    expect(lines(ex, 'Heartbeats')[0]).toBe('Lease renewTime 0m20s (40s ago).');

    const at80 = run('node-loss', 80).mirror;
    expect(explain(at80, 'Node/node-2')?.headline).toBe(
      'node-2 stopped reporting 1m 00s ago, so the node controller marked it Unknown and its pods not ready. Its pods are evicted in 5m 00s and replaced on healthy nodes.',
    );
    const n80 = at80.objects.get('Node/node-2') as Parameters<typeof nodeCountdowns>[1];
    expect(nodeCountdowns(at80, n80).map((c) => [c.label, c.at, c.remaining])).toEqual([
      ['Marked Unknown', 75, -5],
      ['Pods evicted', 380, 300],
    ]);
  });

  it('a healthy node has no countdowns', () => {
    const { mirror } = run('node-loss', 60);
    expect(explain(mirror, 'Node/node-1')?.headline).toBe(
      'Ready: the kubelet on node-1 renews its Lease every 10s, so the control plane knows it is alive.',
    );
    expect(
      nodeCountdowns(mirror, mirror.objects.get('Node/node-1') as Parameters<typeof nodeCountdowns>[1]),
    ).toEqual([]);
  });
});

describe('a Deployment whose rollout stalls', () => {
  it('says where it waits and why', () => {
    const { mirror } = run('bad-rollout', 120);
    const ex = explain(mirror, 'Deployment/default/shop');
    expect(ex?.headline).toMatch(
      /^Rolling out, waiting for new pods: shop-[a-z0-9]+ has 2 pods wanted, 0 available\.$/,
    );
    const where = lines(ex, 'Where it stands');
    expect(where[0]).toBe('Wants 4 pods: 3 ready, 2 up to date (revision 2), 3 available.');
    expect(where).toContain(
      'Old pods go only when new ones become available, and 5 pods already fill the limit of 5, so no more new pods can start.',
    );
    expect(lines(ex, 'Rollout arithmetic').slice(1, 3)).toEqual([
      '5 pods at most = 4 + maxSurge 1.',
      'At least 3 must stay available = 4 - maxUnavailable 1.',
    ]);
  });

  it('after the progress deadline it says Kubernetes does not roll back', () => {
    const yaml = `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata: { name: stall }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: shop }
spec:
  replicas: 2
  progressDeadlineSeconds: 30
  selector: { matchLabels: { app: shop } }
  template:
    metadata: { labels: { app: shop } }
    spec:
      containers: [{ name: shop, image: 'shop:1.0-missing' }]
`;
    const { mirror } = run(yaml, 120);
    const ex = explain(mirror, 'Deployment/default/shop');
    expect(ex?.tone).toBe('problem');
    expect(ex?.headline).toMatch(
      /^Stalled: no progress for 30s, so the rollout is marked ProgressDeadlineExceeded\./,
    );
    expect(lines(ex, 'Where it stands')).toContain(
      'Kubernetes does not roll back by itself: the rollout keeps waiting. Roll back with kubectl rollout undo deployment/shop, or fix the template.',
    );
  });
});

describe('a Service', () => {
  it('lists its ready endpoints and traffic', () => {
    const { mirror } = run('self-healing', 20);
    const ex = explain(mirror, 'Service/default/shop');
    expect(ex?.headline).toBe('Serving: requests are spread over 3 ready pods.');
    expect(lines(ex, 'Where requests go')).toEqual([
      'Selects pods with app=shop; it balances requests over the ready ones only.',
      '3 ready endpoints.',
      '20 requests per second, 100% answered without error.',
    ]);
  });
});

describe('formatting', () => {
  it('durations', () => {
    expect(formatDuration(5)).toBe('5s');
    expect(formatDuration(65)).toBe('1m 05s');
    expect(formatDuration(3700)).toBe('1h 01m');
  });
});

describe('pod explanation: what the simulated runtime cannot interpret', () => {
  it('says that an unknown program runs until stopped, naming the container', () => {
    const { mirror } = run(
      `apiVersion: batch/v1
kind: Job
metadata: {name: etl}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: etl, image: "acme/etl:1.0", command: [python, etl.py]}]
`,
      30,
    );
    const key = [...mirror.objects.keys()].find((k) => k.startsWith('Pod/default/etl-')) ?? '';
    expect(lines(explain(mirror, key), 'What the simulation cannot tell')).toEqual([
      'etl: "python etl.py" is not a command the simulated runtime can interpret: it runs until stopped and answers as its image behaves.',
    ]);
  });
});
