/**
 * Each goal predicate against a small simulated cluster: not met before the change it waits for, met after,
 * and (for goals with memory) measured from the moment the goal started.
 */
import { describe, expect, it } from 'vitest';
import type { GoalSpec } from './index';
import { GOAL_KINDS, GoalTracker, compileGoal, validateGoal } from './index';
import type { Action } from './testkit';
import { GoalRun } from './testkit';

const SHOP = `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
spec:
  seed: 1
  nodes:
    - { name: node-1, labels: { topology.kubernetes.io/zone: zone-a } }
    - { name: node-2, labels: { topology.kubernetes.io/zone: zone-b } }
    - { name: node-3, labels: { topology.kubernetes.io/zone: zone-c } }
  images:
    web:1.0: { pullSeconds: 1, startupSeconds: 1 }
    slow:1.0: { pullSeconds: 1, startupSeconds: 8 }
  traffic:
    - { service: web, requestsPerSecond: 10 }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: web:1.0
          ports: [{ containerPort: 8080 }]
          resources: { requests: { cpu: 100m, memory: 64Mi } }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: 8080 }]
`;

const DB = `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
spec:
  seed: 1
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db }
spec:
  serviceName: db
  replicas: 2
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      containers: [{ name: db, image: db:1.0 }]
  volumeClaimTemplates:
    - metadata: { name: data }
      spec:
        accessModes: [ReadWriteOnce]
        resources: { requests: { storage: 1Gi } }
`;

const webWith = (image: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: ${image}
          ports: [{ containerPort: 8080 }]
          resources: { requests: { cpu: 100m, memory: 64Mi } }
${extra}`;

function cluster(scenario = SHOP, settle = 10): GoalRun {
  const run = new GoalRun(scenario);
  if (settle > 0) run.perform({ wait: settle });
  return run;
}

/** Start tracking `goal` now, then run `actions`; returns whether it held at the start and at the end. */
function track(run: GoalRun, goal: GoalSpec, actions: Action[] = []) {
  const atStart = run.beginGoal(goal).met;
  for (const a of actions) run.perform(a);
  return { atStart, latched: run.goalMet, now: run.check().met };
}

describe('pod goals', () => {
  it('podsReady counts Ready, non-terminating pods: exactly, or at least', () => {
    const run = cluster(SHOP, 0);
    expect(track(run, { kind: 'podsReady', selector: 'app=web', count: 3 }, [{ wait: 10 }])).toEqual({
      atStart: false,
      latched: true,
      now: true,
    });
    expect(track(run, { kind: 'podsReady', selector: 'app=web', count: 2 }).now).toBe(false);
    expect(track(run, { kind: 'podsReady', selector: 'app=web', count: 2, atLeast: true }).now).toBe(true);
    expect(track(run, { kind: 'podsReady', selector: 'app=nope', count: 0 }).now).toBe(true);
  });

  it('podsReplaced counts pods that existed when the goal started and are gone or terminating', () => {
    const run = cluster();
    const r = track(run, { kind: 'podsReplaced', selector: 'app=web', count: 2 }, [
      { fault: { type: 'PodDelete', selector: 'app=web' } },
    ]);
    expect(r).toEqual({ atStart: false, latched: false, now: false });
    run.perform({ fault: { type: 'PodDelete', selector: 'app=web' } });
    expect(run.check().met).toBe(true);
    // Pods created after the start (the replacements) do not count.
    expect(track(run, { kind: 'podsReplaced', selector: 'app=web' }, [{ wait: 5 }]).now).toBe(false);
  });

  it('podRestarted compares restart counts with those at the start', () => {
    const run = cluster();
    run.perform({ fault: { type: 'PodCrash', selector: 'app=web' } });
    run.perform({ wait: 5 });
    // A restart before the goal started does not count.
    expect(track(run, { kind: 'podRestarted', selector: 'app=web' }, [{ wait: 5 }]).now).toBe(false);
    expect(
      track(run, { kind: 'podRestarted', selector: 'app=web' }, [
        { fault: { type: 'PodCrash', selector: 'app=web' } },
        { wait: 15 },
      ]),
    ).toEqual({ atStart: false, latched: true, now: true });
    expect(track(run, { kind: 'podRestarted', selector: 'app=web', count: 2 }).now).toBe(false);
  });

  it('podStatus matches the STATUS column word', () => {
    const run = cluster();
    const goal: GoalSpec = { kind: 'podStatus', selector: 'app=web', status: 'CrashLoopBackOff' };
    expect(track(run, goal).now).toBe(false);
    expect(track(run, { kind: 'podStatus', selector: 'app=web', status: 'Running', count: 3 }).now).toBe(
      true,
    );
    run.perform({ kubectl: 'set image deployment/web web=web:2.0-broken' });
    expect(track(run, goal, [{ wait: 30 }]).latched).toBe(true);
  });

  it('podCount counts pods that exist and are not terminating, ready or not', () => {
    const run = cluster();
    expect(track(run, { kind: 'podCount', selector: 'app=web', atLeast: 3, atMost: 3 }).now).toBe(true);
    run.perform({ kubectl: 'set image deployment/web web=web:2.0-missing' });
    // The surge pod cannot pull its image: it exists, never Ready, and counts.
    expect(track(run, { kind: 'podCount', selector: 'app=web', atLeast: 4 }, [{ wait: 5 }]).now).toBe(true);
    expect(track(run, { kind: 'podsReady', selector: 'app=web', count: 4, atLeast: true }).now).toBe(false);
    run.perform({ fault: { type: 'PodDelete', selector: 'app=web', count: 4 } });
    // Terminating pods do not count; their replacements do.
    expect(track(run, { kind: 'podCount', selector: 'app=web', atMost: 4 }).now).toBe(true);
  });

  it('podScheduled and podsOnNodes look at every active matching pod', () => {
    const run = cluster();
    expect(track(run, { kind: 'podScheduled', selector: 'app=web', count: 3 }).now).toBe(true);
    expect(track(run, { kind: 'podScheduled', selector: 'app=web', count: 4 }).now).toBe(false);
    run.perform({
      apply: `apiVersion: v1
kind: Pod
metadata: { name: huge, labels: { app: huge } }
spec:
  containers: [{ name: c, image: web:1.0, resources: { requests: { cpu: '64' } } }]
`,
    });
    expect(track(run, { kind: 'podScheduled', pod: 'huge' }, [{ wait: 5 }]).now).toBe(false);
    expect(
      track(run, {
        kind: 'podsOnNodes',
        selector: 'app=web',
        nodes: ['node-1', 'node-2', 'node-3'],
        count: 3,
      }).now,
    ).toBe(true);
    expect(track(run, { kind: 'podsOnNodes', selector: 'app=web', notNodes: ['node-1'] }).now).toBe(false);
    expect(
      track(run, {
        kind: 'podsOnNodes',
        selector: 'app=web',
        nodeLabels: { 'topology.kubernetes.io/zone': 'zone-a' },
      }).now,
    ).toBe(false);
    run.perform({ kubectl: 'drain node-1 --ignore-daemonsets' });
    expect(
      track(run, { kind: 'podsOnNodes', selector: 'app=web', notNodes: ['node-1'], count: 3 }, [{ wait: 10 }])
        .now,
    ).toBe(true);
  });

  it('spreadAcrossZones needs every schedulable zone covered within maxSkew', () => {
    const run = cluster();
    expect(track(run, { kind: 'spreadAcrossZones', selector: 'app=web' }).now).toBe(true);
    expect(track(run, { kind: 'spreadAcrossZones', selector: 'app=web', maxSkew: 0 }).now).toBe(true);
    run.perform({
      apply: webWith('web:1.0', '      nodeSelector: { topology.kubernetes.io/zone: zone-a }\n'),
    });
    expect(track(run, { kind: 'spreadAcrossZones', selector: 'app=web' }, [{ wait: 20 }]).now).toBe(false);
    expect(
      track(run, {
        kind: 'spreadAcrossZones',
        selector: 'app=web',
        topologyKey: 'kubernetes.io/hostname',
        minDomains: 1,
        maxSkew: 3,
      }).now,
    ).toBe(true);
  });
});

describe('workload goals', () => {
  it('rolloutComplete and deploymentImage', () => {
    const run = cluster();
    expect(track(run, { kind: 'rolloutComplete', deployment: 'web' }).now).toBe(true);
    const goal: GoalSpec = { kind: 'rolloutComplete', deployment: 'web', image: 'web:1.1' };
    const atStart = run.beginGoal(goal).met;
    run.perform({ kubectl: 'set image deployment/web web=web:1.1' });
    expect(atStart).toBe(false);
    expect(track(run, { kind: 'deploymentImage', deployment: 'web', image: 'web:1.1' }).now).toBe(true);
    expect(
      track(run, { kind: 'deploymentImage', deployment: 'web', image: 'web:1.1', container: 'x' }).now,
    ).toBe(false);
    expect(track(run, goal, [{ wait: 30 }]).now).toBe(true);
    expect(track(run, { kind: 'rolloutComplete', deployment: 'nope' }).now).toBe(false);
  });

  it('replicasAtLeast reads spec, ready or available replicas', () => {
    const run = cluster();
    run.perform({ kubectl: 'scale deployment/web --replicas=5' });
    expect(track(run, { kind: 'replicasAtLeast', deployment: 'web', count: 5, of: 'spec' }).now).toBe(true);
    expect(track(run, { kind: 'replicasAtLeast', deployment: 'web', count: 4 }).now).toBe(
      run.sim.store.get('Deployment', 'default', 'web')?.status?.availableReplicas === 5,
    );
    expect(
      track(run, { kind: 'replicasAtLeast', deployment: 'web', count: 5, of: 'ready' }, [{ wait: 10 }]).now,
    ).toBe(true);
    expect(track(run, { kind: 'replicasAtLeast', deployment: 'web', count: 6 }).now).toBe(false);
  });

  it("hpaScaledTo reads the autoscaler's current replicas", () => {
    const run = cluster();
    run.perform({ kubectl: 'autoscale deployment/web --min=4 --max=6 --cpu-percent=50' });
    expect(
      track(run, { kind: 'hpaScaledTo', hpa: 'web', atLeast: 4, atMost: 6 }, [{ wait: 60 }]).latched,
    ).toBe(true);
    expect(track(run, { kind: 'hpaScaledTo', hpa: 'web', atMost: 3 }).now).toBe(false);
    expect(track(run, { kind: 'hpaScaledTo', hpa: 'nope', atLeast: 0 }).now).toBe(false);
  });

  it('statefulSetReady and pvcBound (sameVolume follows the claim from the start)', () => {
    const run = cluster(DB, 0);
    expect(track(run, { kind: 'statefulSetReady', statefulSet: 'db' }, [{ wait: 30 }])).toMatchObject({
      atStart: false,
      now: true,
    });
    expect(track(run, { kind: 'statefulSetReady', statefulSet: 'db', replicas: 3 }).now).toBe(false);
    expect(
      track(run, { kind: 'pvcBound', claim: 'data-db-1', sameVolume: true }, [
        { kubectl: 'delete pod db-1' },
        { wait: 30 },
      ]).now,
    ).toBe(true);
    expect(track(run, { kind: 'pvcBound', claim: 'data-db-9' }).now).toBe(false);
    // sameVolume needs a claim that was bound when the goal started.
    expect(track(run, { kind: 'pvcBound', claim: 'data-db-2', sameVolume: true }).now).toBe(false);
  });
});

describe('node and control-plane goals', () => {
  it('nodeCondition, nodeSchedulable and nodeCount', () => {
    const run = cluster();
    expect(track(run, { kind: 'nodeCount', atLeast: 3, atMost: 3 }).now).toBe(true);
    expect(
      track(run, { kind: 'nodeSchedulable', node: 'node-1', schedulable: false }, [
        { kubectl: 'cordon node-1' },
      ]).now,
    ).toBe(true);
    const r = track(run, { kind: 'nodeCondition', node: 'node-2', status: 'Unknown' }, [
      { fault: { type: 'NodeFailure', node: 'node-2' } },
      { wait: 40 },
    ]);
    expect(r.now).toBe(false);
    run.perform({ wait: 30 });
    expect(run.check().met).toBe(true);
    expect(track(run, { kind: 'nodeCount', atLeast: 3 }).now).toBe(false);
  });

  it('controlPlaneAvailable follows the API server', () => {
    const run = cluster();
    expect(track(run, { kind: 'controlPlaneAvailable', available: true }).now).toBe(true);
    expect(
      track(run, { kind: 'controlPlaneAvailable', available: false }, [
        { fault: { type: 'ControlPlaneOutage', durationSeconds: 30 } },
      ]).now,
    ).toBe(true);
    expect(track(run, { kind: 'controlPlaneAvailable', available: true }, [{ wait: 40 }]).now).toBe(true);
  });

  it('objectExists', () => {
    const run = cluster();
    expect(track(run, { kind: 'objectExists', resource: 'Service', name: 'web' }).now).toBe(true);
    expect(track(run, { kind: 'objectExists', resource: 'ConfigMap', name: 'cfg' }).now).toBe(false);
    expect(track(run, { kind: 'objectExists', resource: 'ConfigMap', name: 'cfg', present: false }).now).toBe(
      true,
    );
  });
});

describe('traffic goals', () => {
  it('serviceEndpoints counts ready endpoints', () => {
    const run = cluster();
    expect(track(run, { kind: 'serviceEndpoints', service: 'web', count: 3 }).now).toBe(true);
    expect(track(run, { kind: 'serviceEndpoints', service: 'web', count: 4, atLeast: true }).now).toBe(false);
    expect(track(run, { kind: 'serviceEndpoints', service: 'nope', count: 0 }).now).toBe(true);
  });

  it('noFailedRequests during a rollout fails when new pods serve before they can, and passes with readiness', () => {
    const run = cluster();
    const goal: GoalSpec = { kind: 'noFailedRequests', service: 'web', during: 'rollout' };
    // Without a rollout in the step, a quiet minute is not enough.
    expect(track(run, goal, [{ wait: 20 }]).now).toBe(false);
    expect(track(run, goal, [{ apply: webWith('slow:1.0') }, { wait: 60 }]).latched).toBe(false);
    const probe = `          readinessProbe:\n            httpGet: { path: /ready, port: 8080 }\n            periodSeconds: 1\n`;
    const r = track(run, goal, [{ apply: webWith('web:1.0', probe) }, { wait: 60 }]);
    expect(r).toEqual({ atStart: false, latched: true, now: true });
  });

  it('noFailedRequests over a duration needs that many clean seconds in a row', () => {
    const run = cluster();
    expect(
      track(run, { kind: 'noFailedRequests', service: 'web', during: '5s' }, [{ wait: 4 }]).latched,
    ).toBe(false);
    expect(
      track(run, { kind: 'noFailedRequests', service: 'web', during: '5s' }, [{ wait: 6 }]).latched,
    ).toBe(true);
    // No traffic at all is not "no failures".
    expect(
      track(run, { kind: 'noFailedRequests', service: 'other', during: '2s' }, [{ wait: 5 }]).latched,
    ).toBe(false);
  });

  it('requestsFailed counts failures since the start (or since a rollout began)', () => {
    const run = cluster();
    expect(track(run, { kind: 'requestsFailed', service: 'web' }, [{ wait: 10 }]).now).toBe(false);
    expect(
      track(run, { kind: 'requestsFailed', service: 'web', during: 'rollout', atLeast: 5 }, [
        { apply: webWith('slow:1.0') },
        { wait: 30 },
      ]).now,
    ).toBe(true);
  });

  it('requestsFailed bounds the count and the share of failed requests', () => {
    const run = cluster();
    const third: GoalSpec = {
      kind: 'requestsFailed',
      service: 'web',
      atLeast: 100,
      percentAtLeast: 30,
      percentAtMost: 37,
    };
    // One of three pods on a powered-off machine: a third of the requests fail until the node is marked.
    const r = track(run, third, [{ fault: { type: 'NodeFailure', node: 'node-2' } }, { wait: 40 }]);
    expect(r.now).toBe(true);
    // Once the node is Unknown its pod leaves the endpoints, and nothing fails any more.
    run.perform({ wait: 20 });
    expect(
      track(run, { kind: 'requestsFailed', service: 'web', atLeast: 0, atMost: 0 }, [{ wait: 30 }]).now,
    ).toBe(true);
    // A share measured over a window with no failure at all is 0 %.
    expect(track(run, { ...third, atLeast: 0 }, [{ wait: 5 }]).now).toBe(false);
    expect(track(run, { kind: 'requestsFailed', service: 'web', atMost: 5 }, [{ wait: 5 }]).now).toBe(false);
  });
});

describe('usage and time', () => {
  it('podUsage bounds what each Ready pod gets or uses', () => {
    const run = cluster();
    // 10 requests per second over three pods.
    const rps = (atLeast: number, atMost: number): GoalSpec => ({
      kind: 'podUsage',
      selector: 'app=web',
      metric: 'requestsPerSecond',
      atLeast,
      atMost,
    });
    expect(track(run, rps(3, 3.5)).now).toBe(true);
    expect(track(run, rps(4, 10)).now).toBe(false);
    run.perform({ kubectl: 'scale deployment/web --replicas=1' });
    expect(track(run, rps(9, 11), [{ wait: 5 }]).now).toBe(true);
    run.perform({ wait: 30 });
    expect(track(run, { kind: 'podUsage', selector: 'app=web', metric: 'memory', atLeast: 1 }).now).toBe(
      true,
    );
    expect(track(run, { kind: 'podUsage', selector: 'app=web', metric: 'cpu', atMost: 0 }).now).toBe(false);
    expect(track(run, { kind: 'podUsage', selector: 'app=none', metric: 'cpu', atLeast: 0 }).now).toBe(false);
  });

  it('sustained needs its goal to hold without a break for the whole duration', () => {
    const run = cluster();
    const three: GoalSpec = { kind: 'podsReady', selector: 'app=web', count: 3 };
    expect(track(run, { kind: 'sustained', goal: three, for: '10s' }, [{ wait: 9 }]).latched).toBe(false);
    const r = track(run, { kind: 'sustained', goal: three, for: '10s' }, [
      { wait: 5 },
      { fault: { type: 'PodDelete', selector: 'app=web' } },
      { wait: 8 },
    ]);
    // The deleted pod's replacement was Ready at once, so the streak never broke.
    expect(r.latched).toBe(true);
    const broken = track(run, { kind: 'sustained', goal: three, for: '10s' }, [
      { wait: 5 },
      { kubectl: 'scale deployment/web --replicas=2' },
      { wait: 1 },
      { kubectl: 'scale deployment/web --replicas=3' },
      { wait: 8 },
    ]);
    expect(broken.latched).toBe(false);
  });
});

describe('what a process started with', () => {
  it('containerEnv: the value a container read when it started, not what its ConfigMap says now', () => {
    const config = (level: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: cfg }\ndata: { LEVEL: ${level} }\n`;
    const env =
      '          env:\n            - name: LEVEL\n              valueFrom: { configMapKeyRef: { name: cfg, key: LEVEL } }\n';
    const run = cluster(SHOP, 0);
    run.perform({ apply: config('info') });
    run.perform({ apply: webWith('web:1.0', env) });
    run.perform({ wait: 30 });
    const debug: GoalSpec = {
      kind: 'containerEnv',
      selector: 'app=web',
      name: 'LEVEL',
      value: 'debug',
      count: 3,
    };
    expect(track(run, { ...debug, value: 'info' }).now).toBe(true);
    // Restarting first and changing the setting afterwards: the running processes still read info.
    expect(
      track(run, debug, [
        { kubectl: 'rollout restart deployment/web' },
        { wait: 20 },
        { apply: config('debug') },
        { wait: 20 },
      ]).latched,
    ).toBe(false);
    // Changing it and then restarting: every Ready pod started with debug.
    expect(track(run, debug, [{ kubectl: 'rollout restart deployment/web' }, { wait: 30 }]).now).toBe(true);
  });
});

describe('declared state and events', () => {
  it('objectField: present, matches (subset of a mapping, any item with *), and present: false', () => {
    const run = cluster();
    const at = (path: string, extra: Partial<Extract<GoalSpec, { kind: 'objectField' }>> = {}) =>
      track(run, { kind: 'objectField', resource: 'Deployment', name: 'web', path, ...extra }).now;
    expect(at('spec.replicas', { matches: 3 })).toBe(true);
    expect(at('spec.replicas', { matches: 4 })).toBe(false);
    expect(at('spec.template.spec.containers.0.image', { matches: 'web:1.0' })).toBe(true);
    expect(at('spec.template.spec.containers.*', { matches: { name: 'web', image: 'web:1.0' } })).toBe(true);
    expect(at('spec.template.spec.containers.*', { matches: { name: 'web', image: 'web:2.0' } })).toBe(false);
    expect(at('spec.template.spec.containers.0.readinessProbe')).toBe(false);
    expect(at('spec.template.spec.containers.0.readinessProbe', { present: false })).toBe(true);
    expect(at('spec.template.spec.nodeSelector.zone.x')).toBe(false);
    expect(at('metadata.annotations[deployment.kubernetes.io/revision]', { matches: '1' })).toBe(true);
    // Cluster-scoped kinds ignore the namespace; a missing object never matches, even with present: false.
    expect(
      track(run, { kind: 'objectField', resource: 'Node', name: 'node-1', path: 'metadata.name' }).now,
    ).toBe(true);
    expect(
      track(run, { kind: 'objectField', resource: 'Deployment', name: 'nope', path: 'spec', present: false })
        .now,
    ).toBe(false);
  });

  it('eventRecorded finds an event by reason and message about the pods a selector picks', () => {
    const run = cluster();
    run.perform({
      apply: `apiVersion: v1
kind: Pod
metadata: { name: huge, labels: { app: huge } }
spec:
  containers: [{ name: c, image: web:1.0, resources: { requests: { cpu: '64' } } }]
`,
    });
    run.perform({ wait: 2 });
    const failed: GoalSpec = { kind: 'eventRecorded', reason: 'FailedScheduling', selector: 'app=huge' };
    expect(track(run, failed).now).toBe(true);
    expect(track(run, { ...failed, message: '0/3 nodes are available: 3 Insufficient cpu.' }).now).toBe(true);
    expect(track(run, { ...failed, message: 'untolerated taint' }).now).toBe(false);
    expect(track(run, { ...failed, selector: 'app=web' }).now).toBe(false);
    expect(track(run, { ...failed, type: 'Normal' }).now).toBe(false);
    expect(
      track(run, { kind: 'eventRecorded', reason: 'ScalingReplicaSet', resource: 'Deployment', name: 'web' })
        .now,
    ).toBe(true);
  });
});

describe('composition, memory and trackers', () => {
  it('all, any and not', () => {
    const run = cluster();
    const yes: GoalSpec = { kind: 'podsReady', selector: 'app=web', count: 3 };
    const no: GoalSpec = { kind: 'podsReady', selector: 'app=web', count: 9 };
    expect(track(run, { kind: 'all', goals: [yes, no] }).now).toBe(false);
    expect(track(run, { kind: 'all', goals: [yes, yes] }).now).toBe(true);
    expect(track(run, { kind: 'any', goals: [no, yes] }).now).toBe(true);
    expect(track(run, { kind: 'not', goal: no }).now).toBe(true);
  });

  it('memory is plain JSON: a check from serialised memory gives the same result', () => {
    const run = cluster();
    const spec: GoalSpec = {
      kind: 'all',
      goals: [
        { kind: 'podsReplaced', selector: 'app=web' },
        { kind: 'noFailedRequests', service: 'web', during: '3s' },
      ],
    };
    const goal = compileGoal(spec);
    const ctx = () => ({ store: run.sim.store, now: run.sim.now, records: [] });
    const memory = goal.start(ctx());
    run.perform({ fault: { type: 'PodDelete', selector: 'app=web' } });
    const a = goal.check(ctx(), memory);
    const b = goal.check(ctx(), JSON.parse(JSON.stringify(memory)));
    expect(b).toEqual(a);
    expect(JSON.parse(JSON.stringify(a.memory))).toEqual(a.memory);
  });

  it('a tracker latches: once met, the step stays done', () => {
    const run = cluster();
    const ctx = () => ({ store: run.sim.store, now: run.sim.now, records: [] });
    const t = new GoalTracker({ kind: 'podsReady', selector: 'app=web', count: 3 }, ctx());
    expect(t.check(ctx()).met).toBe(true);
    run.perform({ kubectl: 'scale deployment/web --replicas=1' });
    expect(t.check(ctx()).met).toBe(false);
    expect(t.met).toBe(true);
  });
});

describe('validateGoal', () => {
  it('accepts every goal kind used correctly', () => {
    expect(GOAL_KINDS.length).toBe(30);
    expect(validateGoal({ kind: 'podsReady', selector: 'app=web', count: 2 })).toEqual([]);
    expect(validateGoal({ kind: 'noFailedRequests', ingress: 'shop.example.com/', during: '30s' })).toEqual(
      [],
    );
  });

  it('says what is wrong and where', () => {
    const msgs = (v: unknown) => validateGoal(v, ['goal']).map((p) => `${p.path.join('.')}: ${p.message}`);
    expect(msgs({ kind: 'podsReady', selector: 'app web', count: 1, extra: 1 })).toEqual([
      'goal.selector: invalid selector "app web": expected "key=value" pairs separated by commas',
      'goal.extra: unknown field "extra" in a podsReady goal; supported: kind, selector, namespace, count, atLeast',
    ]);
    expect(msgs({ kind: 'podRestarted' })).toEqual([
      'goal: a podRestarted goal needs exactly one of "pod" or "selector"',
    ]);
    expect(msgs({ kind: 'noFailedRequests', service: 'web', ingress: 'a/', during: 'always' })).toEqual([
      'goal.during: must be "rollout" or a duration such as "30s", not "always"',
      'goal: a noFailedRequests goal needs exactly one of "service" or "ingress"',
    ]);
    expect(msgs({ kind: 'hpaScaledTo', hpa: 'web' })).toEqual([
      'goal: a hpaScaledTo goal needs "atLeast", "atMost" or both',
    ]);
    expect(msgs({ kind: 'objectExists', resource: 'Widget', name: 'x' })[0]).toMatch(
      /^goal\.resource: unknown resource "Widget"; supported: ConfigMap, /,
    );
    expect(msgs({ kind: 'nodeCondition', node: 'n', status: 'Maybe' })).toEqual([
      'goal.status: unsupported value "Maybe"; supported: "True", "False", "Unknown"',
    ]);
    expect(msgs({ kind: 'all', goals: [] })).toEqual(['goal.goals: must be a non-empty list of goals']);
    expect(msgs({ kind: 'not', goal: { kind: 'podsReady', count: 1 } })).toEqual([
      'goal.goal.selector: required field "selector" is missing',
    ]);
    expect(msgs({ kind: 'any', goals: [{ kind: 'podz' }] })[0]).toMatch(
      /^goal\.goals\.0\.kind: unknown goal "podz"; supported: all, any, /,
    );
    expect(msgs({ kind: 'requestsFailed', service: 'web', percentAtMost: 120 })).toEqual([
      'goal.percentAtMost: must be a number from 0 to 100, not 120',
    ]);
    expect(msgs({ kind: 'objectField', resource: 'Deployment', name: 'web' })).toEqual([
      'goal.path: required field "path" is missing',
    ]);
    expect(msgs({ kind: 'eventRecorded', reason: 'BackOff', selector: 'app=web', resource: 'Pod' })).toEqual([
      'goal: an eventRecorded goal takes one of "pod", "selector" or "resource"',
      'goal: an eventRecorded goal names an object with both "resource" and "name"',
    ]);
    expect(msgs({ kind: 'podCount', selector: 'app=web' })).toEqual([
      'goal: a podCount goal needs "atLeast", "atMost" or both',
    ]);
    expect(msgs('podsReady')).toEqual(['goal: a goal must be a mapping with a kind']);
    expect(msgs({ selector: 'a=b' })[0]).toMatch(/^goal\.kind: missing goal kind; supported: /);
  });
});
