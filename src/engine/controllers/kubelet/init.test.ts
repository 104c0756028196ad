/** Init containers and native sidecars: order, restart rules, the STATUS words and conditions kubectl shows. */
import { describe, expect, it } from 'vitest';
import { podReadyColumn, podStatusWord } from '../../api/podstatus';
import type { Container, PodSpec } from '../../api/types';
import type { Simulation } from '../../sim/simulation';
import { condition, createPod, eventMessages, kubeletSim, podOf } from './testutil';

const busybox = (name: string, script: string, extra: Partial<Container> = {}): Container => ({
  name,
  image: 'busybox:1.28',
  imagePullPolicy: 'IfNotPresent',
  command: ['sh', '-c', script],
  ...extra,
});

function podWith(sim: Simulation, name: string, spec: Partial<PodSpec>, app: Partial<Container> = {}) {
  createPod(
    sim,
    name,
    { image: 'busybox:1.28', command: ['sh', '-c', 'echo The app is running! && sleep 3600'], ...app },
    spec,
  );
}

const word = (sim: Simulation, name: string) => podStatusWord(podOf(sim, name));

describe('init containers', () => {
  it('run one after another: Init:0/2, Init:1/2, PodInitializing, Running', () => {
    const sim = kubeletSim();
    podWith(sim, 'p', {
      initContainers: [busybox('first', 'sleep 10'), busybox('second', 'sleep 10')],
    });
    sim.runUntil(5);
    expect(word(sim, 'p')).toBe('Init:0/2');
    expect(podOf(sim, 'p').status?.phase).toBe('Pending');
    expect(podOf(sim, 'p').status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing');
    expect(podOf(sim, 'p').status?.initContainerStatuses?.[1]?.state?.waiting?.reason).toBe(
      'PodInitializing',
    );
    expect(condition(sim, 'p', 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [first second]',
    });
    sim.runUntil(15);
    expect(word(sim, 'p')).toBe('Init:1/2');
    expect(condition(sim, 'p', 'Initialized')?.message).toBe('containers with incomplete status: [second]');
    sim.runUntil(21);
    expect(word(sim, 'p')).toBe('Running');
    expect(condition(sim, 'p', 'Initialized')?.status).toBe('True');
    expect(podOf(sim, 'p').status?.initContainerStatuses?.map((s) => s.state?.terminated?.reason)).toEqual([
      'Completed',
      'Completed',
    ]);
    expect(eventMessages(sim, 'p', 'Started')).toEqual([
      'Started container first',
      'Started container second',
      'Started container web',
    ]);
  });

  it('PodInitializing while the app image is pulled after the init containers are done', () => {
    const sim = kubeletSim({ 'app:1.0': { pullSeconds: 5 } });
    createPod(sim, 'p', { image: 'app:1.0' }, { initContainers: [busybox('setup', 'true')] });
    sim.runUntil(3);
    expect(word(sim, 'p')).toBe('PodInitializing');
    sim.runUntil(7);
    expect(word(sim, 'p')).toBe('Running');
  });

  it('a failing init container: Init:Error with restartPolicy Never (pod Failed)', () => {
    const sim = kubeletSim();
    podWith(sim, 'p', { restartPolicy: 'Never', initContainers: [busybox('check', 'exit 1')] });
    sim.runUntil(3);
    expect(word(sim, 'p')).toBe('Init:Error');
    expect(podOf(sim, 'p').status?.phase).toBe('Failed');
  });

  it('a failing init container under Always/OnFailure is restarted with back-off: Init:CrashLoopBackOff', () => {
    const sim = kubeletSim();
    podWith(sim, 'p', { initContainers: [busybox('check', 'exit 1')] });
    sim.runUntil(3);
    expect(word(sim, 'p')).toBe('Init:CrashLoopBackOff');
    expect(podOf(sim, 'p').status?.phase).toBe('Pending');
    expect(podOf(sim, 'p').status?.initContainerStatuses?.[0]?.restartCount).toBe(1);
    expect(podOf(sim, 'p').status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing');
  });
});

describe('native sidecars (init containers with restartPolicy Always)', () => {
  const sidecar = busybox('logshipper', 'tail -F /opt/logs.txt', { restartPolicy: 'Always' });

  it('start before the app containers, count in READY (2/2) and keep running', () => {
    const sim = kubeletSim();
    podWith(sim, 'p', { initContainers: [sidecar] });
    sim.runUntil(5);
    expect(word(sim, 'p')).toBe('Running');
    expect(podReadyColumn(podOf(sim, 'p'))).toBe('2/2');
    expect(condition(sim, 'p', 'Ready')?.status).toBe('True');
    expect(eventMessages(sim, 'p', 'Started')).toEqual([
      'Started container logshipper',
      'Started container web',
    ]);
  });

  it('a sidecar with a startup probe holds the app containers until it has started', () => {
    const sim = kubeletSim();
    podWith(sim, 'p', {
      initContainers: [
        {
          ...sidecar,
          startupProbe: { exec: { command: ['test', '-f', '/tmp/up'] }, periodSeconds: 5 },
          command: ['sh', '-c', 'sleep 12; touch /tmp/up; sleep 3600'],
        },
      ],
    });
    sim.runUntil(14);
    expect(word(sim, 'p')).toBe('Init:0/1');
    sim.runUntil(16);
    expect(word(sim, 'p')).toBe('Running');
  });

  it('in a Job pod: stopped after the app container completes, then the pod Succeeds', () => {
    const sim = kubeletSim();
    podWith(
      sim,
      'p',
      { restartPolicy: 'Never', initContainers: [sidecar] },
      { command: ['sh', '-c', 'echo done'] },
    );
    sim.runUntil(3);
    expect(eventMessages(sim, 'p', 'Killing')).toEqual(['Stopping container logshipper']);
    // tail as PID 1 ignores SIGTERM: it goes at the 30 s deadline, and only then is the pod done.
    expect(podOf(sim, 'p').status?.phase).toBe('Running');
    sim.runUntil(32);
    expect(podOf(sim, 'p').status?.phase).toBe('Succeeded');
    expect(word(sim, 'p')).toBe('Completed');
  });
});
