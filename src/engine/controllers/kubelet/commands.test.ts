/**
 * The kubelet running what containers say: command/args over the image's ENTRYPOINT/CMD, scripts in
 * simulated time, exec and HTTP probes from the container and image behaviour, shutdown (SIGTERM,
 * preStop, SIGKILL at the grace deadline), apps that hang and recover or are alive but not ready.
 */
import { describe, expect, it } from 'vitest';
import { timestamp } from '../../api/meta';
import { podStatusWord } from '../../api/podstatus';
import type { Container } from '../../api/types';
import type { Simulation } from '../../sim/simulation';
import type { PodRt } from './runtime';
import { containerArgv, imageDefaults, launch } from './shell/images';
import {
  condition,
  containerStatus,
  createPod,
  eventMessages,
  eventTimes,
  kubeletSim,
  podOf,
} from './testutil';

function logOf(sim: Simulation, name: string): string[] {
  const rt = sim.store.getRuntime<PodRt>(`pod/default/${name}`);
  return (rt?.containers[0]?.log ?? []).map((l) => l.text);
}

function deletePod(sim: Simulation, name: string, grace?: number): void {
  sim.act('test', () =>
    sim.api.delete('Pod', 'default', name, grace === undefined ? {} : { gracePeriodSeconds: grace }),
  );
}

describe('command and args composed with the image ENTRYPOINT and CMD', () => {
  const argv = (c: Partial<Container>) =>
    containerArgv(
      { name: 'c', image: c.image ?? 'nginx', ...c },
      imageDefaults(c.image ?? 'nginx'),
      new Map([['WHO', 'you']]),
    );

  it('no command, no args: ENTRYPOINT + CMD; args only: ENTRYPOINT + args; command: command + args, no CMD', () => {
    expect(argv({})).toEqual(['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']);
    expect(argv({ args: ['echo', 'hi'] })).toEqual(['/docker-entrypoint.sh', 'echo', 'hi']);
    expect(argv({ command: ['printenv'] })).toEqual(['printenv']);
    expect(argv({ command: ['echo'], args: ['hello $(WHO)', '$$(WHO)', '$(NOPE)'] })).toEqual([
      'echo',
      'hello you',
      '$(WHO)',
      '$(NOPE)',
    ]);
    expect(argv({ image: 'busybox' })).toEqual(['sh']);
  });

  it('decides what the runtime can interpret', () => {
    expect(
      launch(['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'], imageDefaults('nginx'), true).k,
    ).toBe('app');
    expect(launch(['sh', '-c', 'sleep 5'], imageDefaults('busybox'), false).k).toBe('script');
    expect(launch(['printenv', 'HOSTNAME'], undefined, false).k).toBe('script');
    const unknown = launch(['/app/server', '--port=80'], undefined, false);
    expect(unknown).toMatchObject({ k: 'app' });
    expect(unknown.k === 'app' && unknown.note).toContain('"/app/server --port=80" is not a command');
    // An image the simulation does not know, run as it is: its own program, no note.
    expect(launch([], undefined, true)).toEqual({ k: 'app' });
  });
});

describe('containers that run to completion', () => {
  it('printenv with restartPolicy Never: the pod is Completed and the log holds the values', () => {
    const sim = kubeletSim();
    createPod(
      sim,
      'env',
      { image: 'debian', command: ['printenv'], args: ['HOSTNAME', 'KUBERNETES_PORT'] },
      { restartPolicy: 'Never' },
    );
    sim.runUntil(2);
    expect(podOf(sim, 'env').status?.phase).toBe('Succeeded');
    expect(podStatusWord(podOf(sim, 'env'))).toBe('Completed');
    expect(containerStatus(sim, 'env').state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(logOf(sim, 'env')).toEqual(['env', 'tcp://10.96.0.1:443']);
  });

  it('busybox with its default CMD (sh, no terminal) exits at once: Completed, then CrashLoopBackOff', () => {
    const sim = kubeletSim();
    createPod(sim, 'bb', { image: 'busybox:1.36' });
    sim.runUntil(1);
    expect(containerStatus(sim, 'bb').restartCount).toBe(1);
    sim.runUntil(3);
    expect(podStatusWord(podOf(sim, 'bb'))).toBe('CrashLoopBackOff');
    expect(containerStatus(sim, 'bb').lastState?.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
    });
  });

  it('a script that exits 3 after 10 s: Error with its exit code, restarted under back-off', () => {
    const sim = kubeletSim();
    createPod(sim, 'fail', { image: 'busybox', command: ['sh', '-c', 'echo working; sleep 10; exit 3'] });
    sim.runUntil(10.9);
    expect(podStatusWord(podOf(sim, 'fail'))).toBe('Running');
    sim.runUntil(11);
    expect(containerStatus(sim, 'fail').restartCount).toBe(1);
    expect(containerStatus(sim, 'fail').lastState?.terminated).toMatchObject({
      exitCode: 3,
      reason: 'Error',
      finishedAt: timestamp(11),
    });
    sim.runUntil(22);
    expect(podStatusWord(podOf(sim, 'fail'))).toBe('CrashLoopBackOff');
  });

  it('a program the runtime cannot interpret keeps running, with a note for the explanation', () => {
    const sim = kubeletSim();
    createPod(
      sim,
      'job',
      { image: 'worker:1.0', command: ['python', 'process.py'] },
      { restartPolicy: 'Never' },
    );
    sim.runUntil(600);
    expect(podStatusWord(podOf(sim, 'job'))).toBe('Running');
    const note = sim.store.getRuntime<PodRt>('pod/default/job')?.containers[0]?.note;
    expect(note).toBe(
      '"python process.py" is not a command the simulated runtime can interpret: it runs until stopped and answers as its image behaves',
    );
  });
});

describe('exec probes read the container files', () => {
  it('the docs exec liveness example: Unhealthy once /tmp/healthy is gone, killed, SIGKILL after 30 s, restarted', () => {
    const sim = kubeletSim();
    const unhealthy = eventTimes(sim, 'liveness-exec', 'Unhealthy');
    const kills = eventTimes(sim, 'liveness-exec', 'Killing');
    createPod(
      sim,
      'liveness-exec',
      {
        image: 'registry.k8s.io/busybox:1.27.2',
        args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
        livenessProbe: {
          exec: { command: ['cat', '/tmp/healthy'] },
          initialDelaySeconds: 5,
          periodSeconds: 5,
        },
      },
      { terminationGracePeriodSeconds: 30 },
    );
    // Pulled and started at 1; the file goes at 31; probes tick every 5 s from the pod's admission at 0.
    sim.runUntil(34.9);
    expect(unhealthy()).toEqual([]);
    sim.runUntil(45);
    expect(unhealthy()).toEqual([35, 40, 45]);
    expect(eventMessages(sim, 'liveness-exec', 'Unhealthy')).toEqual([
      "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
    ]);
    expect(kills()).toEqual([45]);
    // sh is PID 1 and ignores SIGTERM: SIGKILL at the 30 s deadline, then an immediate restart.
    sim.runUntil(74.9);
    expect(containerStatus(sim, 'liveness-exec').restartCount).toBe(0);
    sim.runUntil(75);
    const s = containerStatus(sim, 'liveness-exec');
    expect(s.restartCount).toBe(1);
    expect(s.lastState?.terminated).toMatchObject({
      exitCode: 137,
      reason: 'Error',
      finishedAt: timestamp(75),
    });
  });

  it('exec: [false] fails a readiness probe; exec: [true] passes', () => {
    const sim = kubeletSim();
    createPod(sim, 'no', { readinessProbe: { exec: { command: ['false'] }, periodSeconds: 5 } });
    createPod(sim, 'yes', { readinessProbe: { exec: { command: ['true'] }, periodSeconds: 5 } });
    sim.runUntil(30);
    expect(condition(sim, 'no', 'Ready')?.status).toBe('False');
    expect(eventMessages(sim, 'no', 'Unhealthy')).toEqual(['Readiness probe failed: ']);
    expect(condition(sim, 'yes', 'Ready')?.status).toBe('True');
  });
});

describe('probe workers tick from their start', () => {
  it('the first probe comes on the worker grid from the pod admission, up to a period after start', () => {
    const sim = kubeletSim({ 'web:1.0': { pullSeconds: 3 } });
    const ticks = eventTimes(sim, 'web', 'Unhealthy');
    createPod(sim, 'web', {
      readinessProbe: { exec: { command: ['false'] }, periodSeconds: 10, initialDelaySeconds: 0 },
    });
    sim.runUntil(31);
    // Admitted at 0, started at 3: the probes come at 10, 20, 30 (not 3, 13, 23).
    expect(ticks()).toEqual([10, 20, 30]);
  });
});

describe('HTTP probes answer as the image behaves', () => {
  it('the docs HTTP liveness example (agnhost liveness): /healthz answers 500 after 10 s', () => {
    const sim = kubeletSim();
    const kills = eventTimes(sim, 'liveness-http', 'Killing');
    createPod(sim, 'liveness-http', {
      image: 'registry.k8s.io/e2e-test-images/agnhost:2.40',
      args: ['liveness'],
      livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 3, periodSeconds: 3 },
    });
    // Started at 1 (answers from 2): /healthz fails from 11, probes at 12, 15, 18 fail: killed at 18.
    sim.runUntil(18);
    expect(eventMessages(sim, 'liveness-http', 'Unhealthy')).toEqual([
      'Liveness probe failed: HTTP probe failed with statuscode: 500',
    ]);
    expect(kills()).toEqual([18]);
    sim.runUntil(19);
    expect(containerStatus(sim, 'liveness-http').restartCount).toBe(1);
  });

  it('http paths from the scenario: a fixed status, and one that fails after a while', () => {
    const sim = kubeletSim({
      'api:1.0': {
        http: { '/ready': { status: 503 }, '/healthz': { failAfterSeconds: 20, failStatus: 502 } },
      },
    });
    createPod(sim, 'api', {
      image: 'api:1.0',
      readinessProbe: { httpGet: { path: '/ready', port: 80 }, periodSeconds: 5 },
      livenessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5, failureThreshold: 1 },
    });
    sim.runUntil(20);
    expect(condition(sim, 'api', 'Ready')?.status).toBe('False');
    expect(eventMessages(sim, 'api', 'Unhealthy')).toEqual([
      'Readiness probe failed: HTTP probe failed with statuscode: 503',
    ]);
    sim.runUntil(25);
    expect(eventMessages(sim, 'api', 'Killing')).toEqual([
      'Container web failed liveness probe, will be restarted',
    ]);
  });
});

describe('alive but not ready, and hangs that recover', () => {
  it('notReadyAfterSeconds/ForSeconds: out of Ready and back without a restart', () => {
    const sim = kubeletSim({ 'web:1.0': { notReadyAfterSeconds: 30, notReadyForSeconds: 30 } });
    createPod(sim, 'web', {
      readinessProbe: { httpGet: { path: '/ready', port: 80 }, periodSeconds: 5, failureThreshold: 1 },
      livenessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5, failureThreshold: 1 },
    });
    sim.runUntil(30);
    expect(condition(sim, 'web', 'Ready')?.status).toBe('True');
    sim.runUntil(35);
    expect(condition(sim, 'web', 'Ready')?.status).toBe('False');
    expect(eventMessages(sim, 'web', 'Unhealthy')).toEqual([
      'Readiness probe failed: HTTP probe failed with statuscode: 503',
    ]);
    sim.runUntil(65);
    expect(condition(sim, 'web', 'Ready')?.status).toBe('True');
    expect(containerStatus(sim, 'web').restartCount).toBe(0);
  });

  it('hangForSeconds: a hung app answers again by itself if nothing restarts it', () => {
    const sim = kubeletSim({ 'web:1.0': { hangAfterSeconds: 20, hangForSeconds: 15 } });
    createPod(sim, 'web', {
      readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5, failureThreshold: 1 },
    });
    sim.runUntil(25);
    expect(condition(sim, 'web', 'Ready')?.status).toBe('False');
    sim.runUntil(40);
    expect(condition(sim, 'web', 'Ready')?.status).toBe('True');
    expect(containerStatus(sim, 'web').restartCount).toBe(0);
  });
});

describe('shutdown: SIGTERM, preStop, SIGKILL at the deadline', () => {
  const finishedAt = (sim: Simulation, name: string) => {
    let at: number | undefined;
    let code: number | undefined;
    sim.onRecord((r) => {
      if (r.diff.type !== 'removed' || r.diff.kind !== 'Pod' || r.diff.from.metadata?.name !== name) return;
      at = r.t;
      code = (
        r.diff.from as {
          status?: { containerStatuses?: { state?: { terminated?: { exitCode: number } } }[] };
        }
      ).status?.containerStatuses?.[0]?.state?.terminated?.exitCode;
    });
    return () => ({ at, code });
  };

  it('a shell that does not trap SIGTERM is killed at the grace deadline (137); one that traps it exits at once', () => {
    const sim = kubeletSim();
    createPod(sim, 'sleepy', { image: 'busybox', command: ['sh', '-c', 'sleep 3600'] });
    createPod(sim, 'polite', { image: 'busybox', command: ['sh', '-c', "trap 'exit 0' TERM; sleep 3600"] });
    sim.runUntil(5);
    const a = finishedAt(sim, 'sleepy');
    const b = finishedAt(sim, 'polite');
    deletePod(sim, 'sleepy');
    deletePod(sim, 'polite');
    sim.runUntil(40);
    expect(a()).toEqual({ at: 35, code: 137 });
    expect(b()).toEqual({ at: 5, code: 0 });
  });

  it('shutdownSeconds: a slow app exits when done, or is killed at the deadline', () => {
    const sim = kubeletSim({ 'slow:1.0': { shutdownSeconds: 8 }, 'stuck:1.0': { shutdownSeconds: 45 } });
    createPod(sim, 'slow', { image: 'slow:1.0' });
    createPod(sim, 'stuck', { image: 'stuck:1.0' });
    sim.runUntil(5);
    const a = finishedAt(sim, 'slow');
    const b = finishedAt(sim, 'stuck');
    deletePod(sim, 'slow');
    deletePod(sim, 'stuck');
    sim.runUntil(60);
    expect(a()).toEqual({ at: 13, code: 143 });
    expect(b()).toEqual({ at: 35, code: 137 });
  });

  it('preStop sleep delays SIGTERM; a hook longer than the grace period still leaves 2 s before SIGKILL', () => {
    const sim = kubeletSim({ 'web:1.0': { shutdownSeconds: 5 } });
    createPod(sim, 'drain', { lifecycle: { preStop: { sleep: { seconds: 10 } } } });
    createPod(
      sim,
      'long',
      { lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 60'] } } } },
      { terminationGracePeriodSeconds: 20 },
    );
    sim.runUntil(5);
    const a = finishedAt(sim, 'drain');
    const b = finishedAt(sim, 'long');
    deletePod(sim, 'drain');
    deletePod(sim, 'long');
    sim.runUntil(60);
    // drain: hook 5..15, SIGTERM at 15, exits 5 s later. long: hook capped at 20 s, SIGKILL 2 s after.
    expect(a()).toEqual({ at: 20, code: 143 });
    expect(b()).toEqual({ at: 27, code: 137 });
  });

  it('a failing exec preStop hook is reported as FailedPreStopHook', () => {
    const sim = kubeletSim();
    createPod(sim, 'hook', {
      lifecycle: { preStop: { exec: { command: ['sh', '-c', 'echo bye; exit 2'] } } },
    });
    sim.runUntil(5);
    deletePod(sim, 'hook');
    sim.runUntil(10);
    const [m] = sim.store
      .list('Event')
      .filter((e) => e.reason === 'FailedPreStopHook')
      .map((e) => e.message);
    expect(m).toMatch(
      /^PreStopHook failed: command 'sh -c echo bye; exit 2' exited with 2: bye \(container web in pod hook_default\(/,
    );
  });
});
