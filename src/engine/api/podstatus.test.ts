import { describe, expect, it } from 'vitest';
import { podReadyColumn, podStatusWord } from './podstatus';
import type { ContainerStatus, Pod, PodCondition } from './types';

type State = NonNullable<ContainerStatus['state']>;

function cs(state: State, extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return { name: 'web', image: 'web:1', imageID: '', ready: false, restartCount: 0, state, ...extra };
}

function pod(opts: {
  phase?: string;
  reason?: string;
  statuses?: ContainerStatus[];
  init?: ContainerStatus[];
  initSpec?: { name: string; restartPolicy?: string }[];
  containers?: number;
  deleting?: boolean;
  conditions?: PodCondition[];
}): Pod {
  const n = opts.containers ?? (opts.statuses?.length || 1);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'p',
      namespace: 'default',
      ...(opts.deleting ? { deletionTimestamp: '2026-01-01T09:01:00Z' } : {}),
    },
    spec: {
      containers: Array.from({ length: n }, (_, i) => ({ name: `c${i}`, image: 'web:1' })),
      ...(opts.initSpec ? { initContainers: opts.initSpec.map((c) => ({ image: 'init:1', ...c })) } : {}),
    },
    status: {
      ...(opts.phase !== undefined ? { phase: opts.phase } : {}),
      ...(opts.reason ? { reason: opts.reason } : {}),
      ...(opts.statuses ? { containerStatuses: opts.statuses } : {}),
      ...(opts.init ? { initContainerStatuses: opts.init } : {}),
      ...(opts.conditions ? { conditions: opts.conditions } : {}),
    },
  };
}

const running = cs({ running: { startedAt: '2026-01-01T09:00:01Z' } }, { ready: true });
const runningNotReady = cs({ running: { startedAt: '2026-01-01T09:00:01Z' } });
const waiting = (reason: string) => cs({ waiting: { reason } });
const term = (exitCode: number, reason?: string, signal?: number) =>
  cs({ terminated: { exitCode, ...(reason ? { reason } : {}), ...(signal ? { signal } : {}) } });
const readyTrue: PodCondition = { type: 'Ready', status: 'True' };

describe('podStatusWord and podReadyColumn (kubectl get pods)', () => {
  const table: [string, Pod, string, string][] = [
    ['unscheduled', pod({ phase: 'Pending', statuses: [] }), 'Pending', '0/1'],
    ['no phase yet', pod({}), 'Pending', '0/1'],
    [
      'scheduling gated',
      pod({
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
      }),
      'SchedulingGated',
      '0/1',
    ],
    [
      'creating',
      pod({ phase: 'Pending', statuses: [waiting('ContainerCreating')] }),
      'ContainerCreating',
      '0/1',
    ],
    ['running and ready', pod({ phase: 'Running', statuses: [running] }), 'Running', '1/1'],
    ['running, not ready', pod({ phase: 'Running', statuses: [runningNotReady] }), 'Running', '0/1'],
    ['completed', pod({ phase: 'Succeeded', statuses: [term(0, 'Completed')] }), 'Completed', '0/1'],
    ['error', pod({ phase: 'Failed', statuses: [term(1, 'Error')] }), 'Error', '0/1'],
    ['oom', pod({ phase: 'Running', statuses: [term(137, 'OOMKilled')] }), 'OOMKilled', '0/1'],
    [
      'crash loop',
      pod({ phase: 'Running', statuses: [waiting('CrashLoopBackOff')] }),
      'CrashLoopBackOff',
      '0/1',
    ],
    [
      'image pull back-off',
      pod({ phase: 'Pending', statuses: [waiting('ImagePullBackOff')] }),
      'ImagePullBackOff',
      '0/1',
    ],
    [
      'image pull error',
      pod({ phase: 'Pending', statuses: [waiting('ErrImagePull')] }),
      'ErrImagePull',
      '0/1',
    ],
    [
      'config error',
      pod({ phase: 'Pending', statuses: [waiting('CreateContainerConfigError')] }),
      'CreateContainerConfigError',
      '0/1',
    ],
    ['exit code without reason', pod({ phase: 'Failed', statuses: [term(3)] }), 'ExitCode:3', '0/1'],
    [
      'signal without reason',
      pod({ phase: 'Failed', statuses: [term(137, undefined, 9)] }),
      'Signal:9',
      '0/1',
    ],
    ['terminating', pod({ phase: 'Running', statuses: [running], deleting: true }), 'Terminating', '1/1'],
    [
      'terminating, terminal phase',
      pod({ phase: 'Failed', statuses: [term(1, 'Error')], deleting: true }),
      'Error',
      '0/1',
    ],
    [
      'node lost',
      pod({ phase: 'Running', reason: 'NodeLost', statuses: [running], deleting: true }),
      'Unknown',
      '1/1',
    ],
    ['evicted', pod({ phase: 'Failed', reason: 'Evicted', statuses: [] }), 'Evicted', '0/1'],
    // The last container (in order) that has a reason wins: kubectl walks them backwards.
    [
      'first container wins',
      pod({ phase: 'Running', statuses: [waiting('CrashLoopBackOff'), running] }),
      'CrashLoopBackOff',
      '1/2',
    ],
    [
      'one done, one running, ready',
      pod({ phase: 'Running', statuses: [term(0, 'Completed'), running], conditions: [readyTrue] }),
      'Running',
      '1/2',
    ],
    [
      'one done, one running, not ready',
      pod({ phase: 'Running', statuses: [term(0, 'Completed'), running] }),
      'NotReady',
      '1/2',
    ],
    [
      'init running',
      pod({
        phase: 'Pending',
        initSpec: [{ name: 'i0' }, { name: 'i1' }],
        init: [{ ...running, name: 'i0', ready: false }],
        statuses: [waiting('PodInitializing')],
      }),
      'Init:0/2',
      '0/1',
    ],
    [
      'init second',
      pod({
        phase: 'Pending',
        initSpec: [{ name: 'i0' }, { name: 'i1' }],
        init: [
          { ...term(0, 'Completed'), name: 'i0' },
          { ...waiting('PodInitializing'), name: 'i1' },
        ],
        statuses: [waiting('PodInitializing')],
      }),
      'Init:1/2',
      '0/1',
    ],
    [
      'init crash loop',
      pod({
        phase: 'Pending',
        initSpec: [{ name: 'i0' }],
        init: [{ ...waiting('CrashLoopBackOff'), name: 'i0' }],
        statuses: [waiting('PodInitializing')],
      }),
      'Init:CrashLoopBackOff',
      '0/1',
    ],
    [
      'init error',
      pod({
        phase: 'Pending',
        initSpec: [{ name: 'i0' }],
        init: [{ ...term(1, 'Error'), name: 'i0' }],
        statuses: [waiting('PodInitializing')],
      }),
      'Init:Error',
      '0/1',
    ],
    [
      'init exit code',
      pod({ phase: 'Pending', initSpec: [{ name: 'i0' }], init: [{ ...term(2), name: 'i0' }] }),
      'Init:ExitCode:2',
      '0/1',
    ],
    [
      'sidecar started',
      pod({
        phase: 'Running',
        initSpec: [{ name: 's', restartPolicy: 'Always' }],
        init: [{ ...running, name: 's', started: true }],
        statuses: [running],
      }),
      'Running',
      '2/2',
    ],
  ];
  it.each(table)('%s', (_label, p, word, ready) => {
    expect(podStatusWord(p)).toBe(word);
    expect(podReadyColumn(p)).toBe(ready);
  });
});
