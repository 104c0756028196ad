import { describe, expect, it } from 'vitest';
import type { Deployment, KubeObject } from '../engine';
import { eventRows, filterEvents } from './events';
import type { ClusterMirror } from './mirror';
import { narrate, withFrom } from './narration';
import { badRolloutManifest, brokenImage, faultTargets, nodesWithPods } from './selectors';

const node = (name: string, ready: string): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    status: { conditions: [{ type: 'Ready', status: ready }] },
  }) as KubeObject;
const pod = (name: string, nodeName: string | undefined, ready: boolean, restarts = 0): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'x' }], ...(nodeName ? { nodeName } : {}) },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [
        { name: 'c', image: 'x', imageID: '', ready, restartCount: restarts, state: { running: {} } },
      ],
    },
  }) as KubeObject;
const event = (name: string, reason: string, obj: string, t: string, message = ''): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'default' },
    involvedObject: {
      kind: obj.split('/')[0],
      name: obj.split('/')[1],
      ...(obj.startsWith('Node/') ? {} : { namespace: 'default' }),
    },
    reason,
    message,
    type: 'Normal',
    lastTimestamp: t,
    count: 1,
  }) as KubeObject;

function mirror(objects: [string, KubeObject][], runtime: [string, unknown][] = []): ClusterMirror {
  return { t: 100, objects: new Map(objects), runtime: new Map(runtime) };
}

describe('selectors', () => {
  it('groups pods under their nodes, with conditions as contract 3 names them', () => {
    const m = mirror(
      [
        ['Node/node-2', node('node-2', 'Unknown')],
        ['Node/node-1', node('node-1', 'True')],
        ['Pod/default/b', pod('b', 'node-1', true, 2)],
        ['Pod/default/a', pod('a', 'node-1', false)],
        ['Pod/default/c', pod('c', undefined, false)],
      ],
      [['node/node-2', { down: true, since: 3 }]],
    );
    const { nodes, unscheduled } = nodesWithPods(m);
    expect(nodes.map((n) => [n.name, n.condition, n.machineDown])).toEqual([
      ['node-1', 'Ready', false],
      ['node-2', 'Unknown', true],
    ]);
    expect(nodes[0]?.pods.map((p) => [p.name, p.ready, p.restarts])).toEqual([
      ['a', false, 0],
      ['b', true, 2],
    ]);
    expect(unscheduled.map((p) => p.name)).toEqual(['c']);
    expect(faultTargets(m).nodes.find((n) => n.name === 'node-2')?.down).toBe(true);
  });

  it('makes a bad rollout by breaking the image tag', () => {
    expect(brokenImage('shop:1.0')).toBe('shop:1.0-broken');
    expect(brokenImage('nginx')).toBe('nginx:latest-broken');
    expect(brokenImage('registry:5000/team/app')).toBe('registry:5000/team/app:latest-broken');
    const d = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'shop', namespace: 'default', uid: 'u', resourceVersion: '9' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'shop' } },
        template: {
          metadata: { labels: { app: 'shop' } },
          spec: { containers: [{ name: 'shop', image: 'shop:1.0' }] },
        },
      },
      status: { replicas: 3 },
    } as Deployment;
    const applied = JSON.parse(badRolloutManifest(d)) as Deployment;
    expect(applied.spec?.template.spec?.containers[0]?.image).toBe('shop:1.0-broken');
    expect(applied.metadata).toEqual({ name: 'shop', namespace: 'default' });
    expect(applied.spec?.replicas).toBe(3);
    expect('status' in applied).toBe(false);
  });

  it('lists events newest first and filters them by object', () => {
    const m = mirror([
      ['Event/default/e1', event('e1', 'Scheduled', 'Pod/web-1', '2026-01-01T09:00:05Z')],
      ['Event/default/e2', event('e2', 'NodeNotReady', 'Node/node-2', '2026-01-01T09:01:00Z')],
      ['Pod/default/web-1', pod('web-1', 'node-1', true)],
    ]);
    const rows = eventRows(m);
    expect(rows.map((r) => [r.last, r.reason, r.object])).toEqual([
      [60, 'NodeNotReady', 'node/node-2'],
      [5, 'Scheduled', 'pod/web-1'],
    ]);
    expect(filterEvents(rows, 'POD/').map((r) => r.reason)).toEqual(['Scheduled']);
    expect(filterEvents(rows, '', 'Node/node-2').map((r) => r.reason)).toEqual(['NodeNotReady']);
  });
});

describe('narration', () => {
  it('tells the important moments in plain words', () => {
    const lines = narrate([
      {
        type: 'updated',
        kind: 'Node',
        key: 'Node/node-2',
        from: node('node-2', 'True'),
        to: node('node-2', 'Unknown'),
      },
      {
        type: 'updated',
        kind: 'Pod',
        key: 'Pod/default/a',
        from: pod('a', 'n', true, 0),
        to: pod('a', 'n', false, 1),
      },
      {
        type: 'added',
        kind: 'Event',
        key: 'Event/default/x',
        to: event(
          'x',
          'SuccessfulCreate',
          'ReplicaSet/shop-1',
          '2026-01-01T09:00:05Z',
          'Created pod: shop-1-abcde',
        ),
      },
      {
        type: 'updated',
        kind: 'Node',
        key: 'Node/node-1',
        from: node('node-1', 'True'),
        to: node('node-1', 'True'),
      },
      { type: 'runtime', key: 'node/node-2', from: undefined, to: { down: true } },
    ]);
    expect(lines).toEqual([
      'node-2 stopped reporting; the control plane marked it Unknown.',
      'The kubelet restarted the container of a in place (restart 1).',
      'The ReplicaSet shop-1 created pod shop-1-abcde to get back to its desired count.',
    ]);
  });

  it('puts back what frames leave out (from), frame by frame, for frames applied together', () => {
    const before = mirror([
      ['Node/node-2', node('node-2', 'True')],
      ['Pod/default/a', pod('a', 'n', true, 0)],
    ]);
    const frames = withFrom(before, [
      [{ type: 'updated', kind: 'Node', key: 'Node/node-2', to: node('node-2', 'Unknown') }],
      [
        { type: 'updated', kind: 'Node', key: 'Node/node-2', to: node('node-2', 'True') },
        { type: 'removed', kind: 'Pod', key: 'Pod/default/a' },
        { type: 'runtime', key: 'node/node-2', to: { down: true } },
      ],
    ]);
    expect(frames.map((diffs) => narrate(diffs))).toEqual([
      ['node-2 stopped reporting; the control plane marked it Unknown.'],
      ['node-2 is Ready again.'],
    ]);
    expect(frames[1]?.map((d) => d.type)).toEqual(['updated', 'removed']);
  });
});
