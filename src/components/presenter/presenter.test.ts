import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine';
import type { ClusterMirror } from '../../state/mirror';
import { createAppStore } from '../../state/store';
import { CaptionTracker } from './caption';
import { isTypingTarget, presenterAction, randomRunningPod, randomWorkingNode } from './keys';
import { runPresenterKey } from './Presenter';
import { createPresenterStore, presentRequested } from './state';

const rsOwner = [
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9f8', uid: 'u1', controller: true },
];

function pod(name: string, extra: { node?: string; deleting?: boolean; phase?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      ownerReferences: rsOwner,
      ...(extra.deleting ? { deletionTimestamp: '2024-01-01T00:00:10Z' } : {}),
    },
    spec: { containers: [{ name: 'web', image: 'web:1' }], ...(extra.node ? { nodeName: extra.node } : {}) },
    status: {
      phase: extra.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        {
          name: 'web',
          image: 'web:1',
          imageID: '',
          ready: true,
          restartCount: 0,
          state: { running: { startedAt: '2024-01-01T00:00:00Z' } },
        },
      ],
    },
  } as KubeObject;
}

function node(name: string, ready: 'True' | 'Unknown'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    status: { conditions: [{ type: 'Ready', status: ready }] },
  } as KubeObject;
}

function created(podName: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `web-7d9f8.${podName}`, namespace: 'default' },
    involvedObject: { kind: 'ReplicaSet', name: 'web-7d9f8', namespace: 'default' },
    reason: 'SuccessfulCreate',
    message: `Created pod: ${podName}`,
    type: 'Normal',
  } as KubeObject;
}

function mirror(
  t: number,
  objects: [string, KubeObject][],
  runtime: [string, unknown][] = [],
): ClusterMirror {
  return { t, objects: new Map(objects), runtime: new Map(runtime) };
}

describe('presenter captions', () => {
  it('say which pod a ReplicaSet’s new pod replaces', () => {
    const tracker = new CaptionTracker();
    const a = pod('web-7d9f8-aaaaa', { node: 'node-1' });
    const m0 = mirror(10, [['Pod/default/web-7d9f8-aaaaa', a]]);
    const m1 = mirror(11, [
      ['Pod/default/web-7d9f8-aaaaa', pod('web-7d9f8-aaaaa', { node: 'node-1', deleting: true })],
    ]);
    expect(tracker.update(m0, m1)).toMatch(/shutting down/);
    const m2 = mirror(12, [
      ['Pod/default/web-7d9f8-aaaaa', m1.objects.get('Pod/default/web-7d9f8-aaaaa') as KubeObject],
      ['Pod/default/web-7d9f8-x2k4q', pod('web-7d9f8-x2k4q', { phase: 'Pending' })],
      ['Event/default/e1', created('web-7d9f8-x2k4q')],
    ]);
    expect(tracker.update(m1, m2)).toBe(
      'The ReplicaSet controller created web-7d9f8-x2k4q to replace web-7d9f8-aaaaa.',
    );
    const placed = new Map(m2.objects);
    placed.set('Pod/default/web-7d9f8-x2k4q', pod('web-7d9f8-x2k4q', { node: 'node-2', phase: 'Pending' }));
    expect(tracker.update(m2, { ...m2, t: 13, objects: placed })).toBe(
      'The scheduler placed web-7d9f8-x2k4q on node-2.',
    );
  });

  it('put a node going silent first, and say nothing for a quiet frame', () => {
    const tracker = new CaptionTracker();
    const m0 = mirror(50, [['Node/node-2', node('node-2', 'True')]]);
    const m1 = mirror(55, [
      ['Node/node-2', node('node-2', 'Unknown')],
      ['Event/default/e1', created('web-7d9f8-zzzzz')],
    ]);
    expect(tracker.update(m0, m1)).toMatch(/^node-2 stopped reporting/);
    expect(tracker.update(m1, { ...m1, t: 56 })).toBeUndefined();
    expect(tracker.update(m1, m0)).toBeUndefined(); // time went back (a seek): nothing to narrate
  });
});

describe('presenter shortcuts', () => {
  it('map keys to actions, never with modifiers', () => {
    const k = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
      presenterAction({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods });
    expect(['c', 'C', 'k', 'K', 'r', 'R', 'ArrowLeft', 'ArrowRight', '?'].map((x) => k(x))).toEqual([
      'crash',
      'crash',
      'kill',
      'kill',
      'reset',
      'reset',
      'prev-step',
      'next-step',
      'help',
    ]);
    expect(k('c', { ctrlKey: true })).toBeUndefined();
    expect(k('r', { metaKey: true })).toBeUndefined();
    expect(k('x')).toBeUndefined();
    expect(k(' ')).toBeUndefined(); // the shell's own key
  });

  it('know where the learner is typing', () => {
    const at = (match: string | null) => ({
      closest: (s: string) => (match && s.includes(match) ? {} : null),
    });
    expect(isTypingTarget(at('input') as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget(at('.monaco-editor') as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget(at(null) as unknown as EventTarget)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });

  it('pick only running pods and working nodes', () => {
    const m = mirror(
      0,
      [
        ['Pod/default/web-1', pod('web-1', { node: 'node-1' })],
        ['Pod/default/web-2', pod('web-2', { phase: 'Pending' })],
        ['Pod/default/web-3', pod('web-3', { node: 'node-1', deleting: true })],
        ['Node/node-1', node('node-1', 'True')],
        ['Node/node-2', node('node-2', 'True')],
        ['Node/node-3', node('node-3', 'Unknown')],
      ],
      [['node/node-2', { down: true }]],
    );
    expect(randomRunningPod(m, () => 0.99)).toMatchObject({ namespace: 'default', name: 'web-1' });
    expect(randomWorkingNode(m, () => 0.5)).toBe('node-1');
    expect(randomRunningPod(mirror(0, []), () => 0)).toBeUndefined();
  });

  it('crash, kill and restart through the store, and refuse while typing', () => {
    const app = createAppStore();
    const sent: unknown[] = [];
    app.setState({
      workerStatus: 'running',
      mirror: mirror(0, [
        ['Pod/default/web-1', pod('web-1', { node: 'node-1' })],
        ['Node/node-1', node('node-1', 'True')],
      ]),
      injectFault: async (input) => void sent.push(input),
      reset: () => void sent.push('reset'),
    });
    const presenter = createPresenterStore(true);
    const key = (k: string, target: unknown = null) =>
      runPresenterKey(
        {
          key: k,
          ctrlKey: false,
          metaKey: false,
          altKey: false,
          repeat: false,
          target,
        } as unknown as KeyboardEvent,
        app,
        presenter,
        () => 0,
      );
    expect(key('c')).toBe(true);
    expect(key('k')).toBe(true);
    expect(key('r')).toBe(true);
    expect(sent).toEqual([
      { type: 'fault', fault: { type: 'PodCrash', pod: 'web-1', namespace: 'default' } },
      { type: 'fault', fault: { type: 'NodeFailure', node: 'node-1' } },
      'reset',
    ]);
    expect(key('c', { closest: (s: string) => (s.includes('textarea') ? {} : null) })).toBe(false);
    expect(key('?')).toBe(true);
    expect(presenter.getState().helpOpen).toBe(true);
    expect(key('ArrowRight')).toBe(false); // no lesson open
    expect(sent).toHaveLength(3);
  });

  it('turns on from the address', () => {
    expect(presentRequested('?present=1')).toBe(true);
    expect(presentRequested('?present')).toBe(true);
    expect(presentRequested('?present=0')).toBe(false);
    expect(presentRequested('')).toBe(false);
  });
});
