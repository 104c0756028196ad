import { describe, expect, it } from 'vitest';
import { seconds, timestamp } from '../../api/meta';
import { podReadyColumn, podStatusWord } from '../../api/podstatus';
import type { Probe } from '../../api/types';
import type { Simulation } from '../../sim/simulation';
import { crashContainer, hangApp } from '../kubelet';
import {
  condition,
  containerStatus,
  createPod,
  eventMessages,
  eventTimes,
  getPod,
  kubeletSim,
  podOf,
} from './testutil';

const httpProbe = (extra: Partial<Probe> = {}): Probe => ({
  httpGet: { path: '/healthz', port: 8080 },
  periodSeconds: 10,
  timeoutSeconds: 1,
  successThreshold: 1,
  failureThreshold: 3,
  ...extra,
});

/** Record the instants at which the pod's first container got a new running process. */
function startTimes(sim: Simulation, name: string): () => number[] {
  const out: number[] = [];
  sim.onRecord((r) => {
    if (r.diff.type !== 'updated' || r.diff.kind !== 'Pod' || r.diff.to.metadata?.name !== name) return;
    const from = (
      r.diff.from as { status?: { containerStatuses?: { state?: { running?: { startedAt?: string } } }[] } }
    ).status?.containerStatuses?.[0]?.state?.running?.startedAt;
    const to = (
      r.diff.to as { status?: { containerStatuses?: { state?: { running?: { startedAt?: string } } }[] } }
    ).status?.containerStatuses?.[0]?.state?.running?.startedAt;
    if (to && to !== from) out.push(seconds(to));
  });
  return () => out;
}

function crash(sim: Simulation, name: string, code = 1): void {
  sim.act('fault', () =>
    crashContainer(sim.contextFor('kubelet', `default/${name}`), podOf(sim, name), code),
  );
}

describe('kubelet: starting a pod', () => {
  it('admits, pulls, creates and starts with the real events, IP and conditions', () => {
    const sim = kubeletSim({ 'web:1.0': { pullSeconds: 2 } });
    createPod(sim, 'web');
    let p = podOf(sim, 'web');
    expect(p.status?.phase).toBe('Pending');
    expect(p.status?.podIP).toBe('10.244.0.2');
    const nodeIP = sim.store
      .get('Node', undefined, 'node-1')
      ?.status?.addresses?.find((a) => a.type === 'InternalIP');
    expect(p.status?.hostIP).toBe(nodeIP?.address);
    expect(p.status?.hostIPs).toEqual([{ ip: nodeIP?.address }]);
    expect(p.status?.startTime).toBe(timestamp(0));
    expect(containerStatus(sim, 'web').state?.waiting?.reason).toBe('ContainerCreating');
    expect(podStatusWord(p)).toBe('ContainerCreating');
    expect(p.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=False',
      'ContainersReady=False',
      'PodScheduled=True',
    ]);
    expect(condition(sim, 'web', 'Ready')?.message).toBe('containers with unready status: [web]');
    sim.runUntil(1.9);
    expect(podStatusWord(podOf(sim, 'web'))).toBe('ContainerCreating');
    sim.runUntil(2);
    p = podOf(sim, 'web');
    expect(p.status?.phase).toBe('Running');
    expect(podStatusWord(p)).toBe('Running');
    expect(podReadyColumn(p)).toBe('1/1');
    const s = containerStatus(sim, 'web');
    expect(s.state?.running?.startedAt).toBe(timestamp(2));
    expect(s.ready).toBe(true);
    expect(s.started).toBe(true);
    expect(s.image).toBe('docker.io/library/web:1.0');
    expect(s.imageID).toMatch(/^docker\.io\/library\/web@sha256:[0-9a-f]{64}$/);
    expect(s.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(condition(sim, 'web', 'Ready')?.lastTransitionTime).toBe(timestamp(2));
    expect(eventMessages(sim, 'web', 'Pulling')).toEqual(['Pulling image "web:1.0"']);
    expect(eventMessages(sim, 'web', 'Pulled')[0]).toMatch(
      /^Successfully pulled image "web:1\.0" in 2s \(2s including waiting\)\. Image size: \d+ bytes\.$/,
    );
    expect(eventMessages(sim, 'web', 'Created')).toEqual(['Created container: web']);
    expect(eventMessages(sim, 'web', 'Started')).toEqual(['Started container web']);
    const started = sim.store.list('Event').find((e) => e.reason === 'Started');
    expect(started?.source).toEqual({ component: 'kubelet', host: 'node-1' });

    // The image is now on the node: a second pod (IfNotPresent) starts at once; the IP counter moves on.
    sim.runUntil(5);
    createPod(sim, 'second');
    expect(podOf(sim, 'second').status?.podIP).toBe('10.244.0.3');
    expect(podStatusWord(podOf(sim, 'second'))).toBe('Running');
    expect(eventMessages(sim, 'second', 'Pulled')).toEqual([
      'Container image "web:1.0" already present on machine',
    ]);
  });

  it('pulls again with imagePullPolicy Always even when the image is present', () => {
    const sim = kubeletSim();
    createPod(sim, 'a', { image: 'web:latest', imagePullPolicy: 'Always' });
    sim.runUntil(5);
    createPod(sim, 'b', { image: 'web:latest', imagePullPolicy: 'Always' });
    expect(podStatusWord(podOf(sim, 'b'))).toBe('ContainerCreating');
    sim.runUntil(6);
    expect(podStatusWord(podOf(sim, 'b'))).toBe('Running');
    expect(eventMessages(sim, 'b', 'Pulling')).toEqual(['Pulling image "web:latest"']);
  });

  it('needs no timers for a healthy pod without probes', () => {
    const sim = kubeletSim();
    createPod(sim, 'quiet');
    sim.runUntil(1);
    sim.runUntil(10_000);
    // Only the node heartbeat loop is left.
    const writes: string[] = [];
    sim.onRecord((r) => {
      if (r.diff.type !== 'runtime') writes.push(r.diff.kind);
    });
    sim.runUntil(10_100);
    expect(writes.every((k) => k === 'Lease' || k === 'Node')).toBe(true);
  });
});

describe('kubelet: CrashLoopBackOff', () => {
  it('restarts after 0, 10, 20, 40, 80, 160, 300, 300 s with the real waiting message and events', () => {
    const sim = kubeletSim({ 'crash:1': { exitAfterSeconds: 5, exitCode: 1 } });
    const starts = startTimes(sim, 'c');
    createPod(sim, 'c', { image: 'crash:1' });
    sim.runUntil(3000);
    const s = starts();
    // Each run lasts 5 s; the delay is the gap between one finish and the next start.
    const delays = s.slice(1).map((t, i) => t - ((s[i] as number) + 5));
    expect(delays.slice(0, 9)).toEqual([0, 10, 20, 40, 80, 160, 300, 300, 300]);
    expect(s[0]).toBe(1);
  });

  it('shows Error, then CrashLoopBackOff, and counts restarts', () => {
    const sim = kubeletSim({ 'crash:1': { exitAfterSeconds: 5, exitCode: 1 } });
    const p = createPod(sim, 'c', { image: 'crash:1' });
    sim.runUntil(6); // first run 1..6, immediate restart at 6
    expect(containerStatus(sim, 'c').restartCount).toBe(1);
    expect(podStatusWord(podOf(sim, 'c'))).toBe('Running');
    sim.runUntil(11); // second crash at 11: back-off 10 s
    expect(podStatusWord(podOf(sim, 'c'))).toBe('Error');
    expect(podReadyColumn(podOf(sim, 'c'))).toBe('0/1');
    sim.runUntil(12);
    const s = containerStatus(sim, 'c');
    expect(podStatusWord(podOf(sim, 'c'))).toBe('CrashLoopBackOff');
    expect(s.state?.waiting?.message).toBe(
      `back-off 10s restarting failed container=web pod=c_default(${p.metadata?.uid ?? ''})`,
    );
    expect(s.lastState?.terminated).toMatchObject({
      exitCode: 1,
      reason: 'Error',
      startedAt: timestamp(6),
      finishedAt: timestamp(11),
    });
    expect(s.restartCount).toBe(1);
    expect(podOf(sim, 'c').status?.phase).toBe('Running');
    expect(eventMessages(sim, 'c', 'BackOff')).toEqual([
      `Back-off restarting failed container web in pod c_default(${p.metadata?.uid ?? ''})`,
    ]);
    sim.runUntil(21);
    expect(containerStatus(sim, 'c').restartCount).toBe(2);
    expect(containerStatus(sim, 'c').state?.running?.startedAt).toBe(timestamp(21));
    sim.runUntil(26 + 1);
    expect(containerStatus(sim, 'c').state?.waiting?.message).toMatch(/^back-off 20s /);
    sim.runUntil(26 + 20 + 5 + 1); // third crash at 51, back-off 40s
    expect(containerStatus(sim, 'c').state?.waiting?.message).toMatch(/^back-off 40s /);
  });

  it('resets the back-off when a crash comes more than 10 minutes after the last restart', () => {
    const run = (secondCrashAfter: number): number[] => {
      const sim = kubeletSim();
      const starts = startTimes(sim, 'r');
      createPod(sim, 'r');
      for (const t of [10, 20, 40]) {
        sim.runUntil(t);
        crash(sim, 'r');
      }
      // Restarts: 10 (immediate), 30 (10 s), 60 (20 s). Back-off now 40 s, last bumped at 60.
      sim.runUntil(60 + secondCrashAfter);
      crash(sim, 'r');
      sim.runUntil(2000);
      return starts();
    };
    expect(run(599)).toEqual([1, 10, 30, 60, 659 + 40]);
    expect(run(601)).toEqual([1, 10, 30, 60, 661]);
  });

  it('Never and OnFailure: terminal phases and the Completed / Error words', () => {
    const sim = kubeletSim({
      'job:ok': { exitAfterSeconds: 3, exitCode: 0 },
      'job:bad': { exitAfterSeconds: 3, exitCode: 2 },
    });
    createPod(sim, 'ok', { image: 'job:ok' }, { restartPolicy: 'OnFailure' });
    createPod(sim, 'bad', { image: 'job:bad' }, { restartPolicy: 'Never' });
    createPod(sim, 'retry', { image: 'job:bad' }, { restartPolicy: 'OnFailure' });
    sim.runUntil(4);
    expect(podOf(sim, 'ok').status?.phase).toBe('Succeeded');
    expect(podStatusWord(podOf(sim, 'ok'))).toBe('Completed');
    expect(condition(sim, 'ok', 'Ready')?.reason).toBe('PodCompleted');
    expect(podOf(sim, 'bad').status?.phase).toBe('Failed');
    expect(podStatusWord(podOf(sim, 'bad'))).toBe('Error');
    expect(containerStatus(sim, 'bad').state?.terminated?.exitCode).toBe(2);
    expect(podOf(sim, 'retry').status?.phase).toBe('Running');
    expect(containerStatus(sim, 'retry').restartCount).toBe(1);
  });
});

describe('kubelet: probes', () => {
  it('readiness with defaults: NotReady 20 s after the first failing probe, Ready again on one success', () => {
    const sim = kubeletSim({ 'web:1.0': { pullSeconds: 0, startupSeconds: 25 } });
    createPod(sim, 'web', { readinessProbe: httpProbe() });
    // Started at 0; probes at 0, 10, 20 fail (app still starting), 30 succeeds.
    sim.runUntil(29.9);
    expect(condition(sim, 'web', 'Ready')?.status).toBe('False');
    expect(containerStatus(sim, 'web').ready).toBe(false);
    expect(podReadyColumn(podOf(sim, 'web'))).toBe('0/1');
    expect(eventMessages(sim, 'web', 'Unhealthy')).toEqual([
      'Readiness probe failed: Get "http://10.244.0.2:8080/healthz": dial tcp 10.244.0.2:8080: connect: connection refused',
    ]);
    sim.runUntil(30);
    expect(condition(sim, 'web', 'Ready')?.status).toBe('True');
    expect(condition(sim, 'web', 'Ready')?.lastTransitionTime).toBe(timestamp(30));

    // The app hangs at 34: probes at 40, 50 fail (still Ready), the third at 60 makes it NotReady.
    sim.runUntil(34);
    sim.act('fault', () => hangApp(sim.contextFor('kubelet', 'default/web'), podOf(sim, 'web')));
    sim.runUntil(59.9);
    expect(condition(sim, 'web', 'Ready')?.status).toBe('True');
    expect(condition(sim, 'web', 'Ready')?.lastTransitionTime).toBe(timestamp(30));
    sim.runUntil(60);
    expect(condition(sim, 'web', 'Ready')?.status).toBe('False');
    expect(condition(sim, 'web', 'Ready')?.lastTransitionTime).toBe(timestamp(60));
    expect(condition(sim, 'web', 'ContainersReady')?.status).toBe('False');
    // Readiness never restarts a container.
    expect(containerStatus(sim, 'web').restartCount).toBe(0);
    expect(podStatusWord(podOf(sim, 'web'))).toBe('Running');
    const unhealthy = sim.store
      .list('Event')
      .find((e) => e.reason === 'Unhealthy' && e.message?.includes('deadline'));
    expect(unhealthy?.message).toBe(
      'Readiness probe failed: Get "http://10.244.0.2:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
    );
    expect(unhealthy?.count).toBe(3);
  });

  it('a success below successThreshold keeps the previous result', () => {
    const sim = kubeletSim({ 'web:1.0': { pullSeconds: 0 } });
    createPod(sim, 'web', { readinessProbe: httpProbe({ successThreshold: 2 }) });
    // 0 fails (starting), 10 succeeds (1 of 2), 20 succeeds: Ready at 20.
    sim.runUntil(19.9);
    expect(condition(sim, 'web', 'Ready')?.status).toBe('False');
    sim.runUntil(20);
    expect(condition(sim, 'web', 'Ready')?.status).toBe('True');
  });

  it('startup probe gates liveness and readiness, which start on its success', () => {
    const sim = kubeletSim({ 'web:1.0': { pullSeconds: 0, startupSeconds: 15 } });
    createPod(sim, 'web', {
      startupProbe: httpProbe({ failureThreshold: 30 }),
      livenessProbe: httpProbe(),
      readinessProbe: httpProbe(),
    });
    // Started at 0: startup probes at 0 and 10 fail, 20 succeeds; readiness runs at 20 and succeeds.
    sim.runUntil(19.9);
    expect(containerStatus(sim, 'web').started).toBe(false);
    expect(condition(sim, 'web', 'Ready')?.status).toBe('False');
    expect(eventMessages(sim, 'web', 'Unhealthy').every((m) => m.startsWith('Startup probe failed: '))).toBe(
      true,
    );
    sim.runUntil(20);
    expect(containerStatus(sim, 'web').started).toBe(true);
    expect(condition(sim, 'web', 'Ready')?.status).toBe('True');
    expect(condition(sim, 'web', 'Ready')?.lastTransitionTime).toBe(timestamp(20));
  });

  it('startup probe failing failureThreshold times kills and restarts the container', () => {
    const sim = kubeletSim({ 'web:1.0': { pullSeconds: 0, startupSeconds: 1000 } });
    const kills = eventTimes(sim, 'web', 'Killing');
    createPod(sim, 'web', { startupProbe: httpProbe(), livenessProbe: httpProbe() });
    // Started at 0: startup probes at 0, 10, 20 fail: killed at 20 (SIGTERM), exits at 21, restarts at once.
    sim.runUntil(19.9);
    expect(kills()).toEqual([]);
    sim.runUntil(20);
    expect(kills()).toEqual([20]);
    expect(eventMessages(sim, 'web', 'Killing')).toEqual([
      'Container web failed startup probe, will be restarted',
    ]);
    expect(eventMessages(sim, 'web', 'Unhealthy').some((m) => m.startsWith('Liveness'))).toBe(false);
    sim.runUntil(21);
    const s = containerStatus(sim, 'web');
    expect(s.restartCount).toBe(1);
    expect(s.lastState?.terminated).toMatchObject({
      exitCode: 143,
      reason: 'Error',
      finishedAt: timestamp(21),
    });
    expect(s.state?.running?.startedAt).toBe(timestamp(21));
    // Second start at 21: the worker keeps its ticks (every 10 s from the pod's admission at 0), so
    // probes at 30, 40, 50 fail: killed at 50, exits 51, back-off 10 s, restart at 61.
    sim.runUntil(61);
    expect(kills()).toEqual([20, 50]);
    expect(containerStatus(sim, 'web').state?.running?.startedAt).toBe(timestamp(61));
  });

  it('liveness failure kills (SIGKILL at the grace deadline for a hung app) and restarts', () => {
    const sim = kubeletSim({ 'web:1.0': { pullSeconds: 0, hangAfterSeconds: 30 } });
    const kills = eventTimes(sim, 'web', 'Killing');
    createPod(sim, 'web', { livenessProbe: httpProbe() }, { terminationGracePeriodSeconds: 5 });
    // Started at 0, hangs at 30: liveness fails at 30, 40, 50 -> Killing at 50, SIGKILL at 55.
    sim.runUntil(49.9);
    expect(kills()).toEqual([]);
    sim.runUntil(50);
    expect(kills()).toEqual([50]);
    expect(eventMessages(sim, 'web', 'Killing')).toEqual([
      'Container web failed liveness probe, will be restarted',
    ]);
    expect(eventMessages(sim, 'web', 'Unhealthy')).toContain(
      'Liveness probe failed: Get "http://10.244.0.2:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
    );
    sim.runUntil(54.9);
    expect(containerStatus(sim, 'web').state?.running).toBeDefined();
    sim.runUntil(55);
    const s = containerStatus(sim, 'web');
    expect(s.restartCount).toBe(1);
    expect(s.lastState?.terminated).toMatchObject({
      exitCode: 137,
      reason: 'Error',
      finishedAt: timestamp(55),
    });
    expect(s.state?.running?.startedAt).toBe(timestamp(55));
  });

  it('a probe-level terminationGracePeriodSeconds and a responsive app: exit 1 s after SIGTERM', () => {
    const sim = kubeletSim({ 'web:1.0': { pullSeconds: 0, startupSeconds: 1000 } });
    createPod(sim, 'web', { livenessProbe: httpProbe({ terminationGracePeriodSeconds: 10 }) });
    // Not answering yet (startup 1000 s): liveness fails at 0, 10, 20 -> SIGTERM at 20, exits at 21 (143).
    sim.runUntil(21);
    expect(containerStatus(sim, 'web').lastState?.terminated).toMatchObject({
      exitCode: 143,
      finishedAt: timestamp(21),
    });
  });
});

describe('kubelet: images', () => {
  it('ErrImagePull then ImagePullBackOff, pulls at 0, 11, 32, 73, 154, 315, 616, 917', () => {
    const sim = kubeletSim();
    const pulls = eventTimes(sim, 'p', 'Pulling');
    createPod(sim, 'p', { image: 'shop:2.0-missing' });
    sim.runUntil(1);
    const s = containerStatus(sim, 'p');
    expect(podStatusWord(podOf(sim, 'p'))).toBe('ErrImagePull');
    expect(s.state?.waiting?.message).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/shop:2.0-missing": failed to resolve reference "docker.io/library/shop:2.0-missing": docker.io/library/shop:2.0-missing: not found',
    );
    expect(eventMessages(sim, 'p', 'Failed')).toEqual([
      `Failed to pull image "shop:2.0-missing": ${s.state?.waiting?.message ?? ''}`,
      'Error: ErrImagePull',
    ]);
    sim.runUntil(2);
    expect(podStatusWord(podOf(sim, 'p'))).toBe('ImagePullBackOff');
    expect(containerStatus(sim, 'p').state?.waiting?.message).toBe(
      'Back-off pulling image "shop:2.0-missing"',
    );
    expect(eventMessages(sim, 'p', 'BackOff')).toEqual(['Back-off pulling image "shop:2.0-missing"']);
    sim.runUntil(1000);
    expect(pulls()).toEqual([0, 11, 32, 73, 154, 315, 616, 917]);
    expect(podOf(sim, 'p').status?.phase).toBe('Pending');
    expect(containerStatus(sim, 'p').restartCount).toBe(0);
  });
});

describe('kubelet: memory', () => {
  it('OOMKilled when the leak reaches the memory limit', () => {
    const sim = kubeletSim({ 'leaky:1': { memoryMi: 100, memoryLeakMiPerMinute: 10 } });
    createPod(
      sim,
      'm',
      { image: 'leaky:1', resources: { limits: { memory: '200Mi' } } },
      { restartPolicy: 'Never' },
    );
    // Started at 1 with 100Mi, +10Mi a minute: 200Mi after 600 s.
    sim.runUntil(600.9);
    expect(podStatusWord(podOf(sim, 'm'))).toBe('Running');
    sim.runUntil(601);
    const s = containerStatus(sim, 'm');
    expect(s.state?.terminated).toMatchObject({
      exitCode: 137,
      reason: 'OOMKilled',
      finishedAt: timestamp(601),
    });
    expect(podStatusWord(podOf(sim, 'm'))).toBe('OOMKilled');
    expect(podOf(sim, 'm').status?.phase).toBe('Failed');
  });

  it('restartPolicy Always: an OOMKilled container restarts and shows OOMKilled in lastState', () => {
    const sim = kubeletSim({ 'big:1': { memoryMi: 300 } });
    createPod(sim, 'm', { image: 'big:1', resources: { limits: { memory: '256Mi' } } });
    sim.runUntil(1);
    expect(containerStatus(sim, 'm').lastState?.terminated?.reason).toBe('OOMKilled');
    sim.runUntil(2);
    expect(podStatusWord(podOf(sim, 'm'))).toBe('CrashLoopBackOff');
  });
});

describe('kubelet: graceful termination', () => {
  it('SIGTERM, exit 1 s later, the kubelet removes the pod', () => {
    const sim = kubeletSim();
    createPod(sim, 'web');
    sim.runUntil(10);
    sim.act('test', () => sim.api.delete('Pod', 'default', 'web'));
    expect(getPod(sim, 'web')?.metadata?.deletionTimestamp).toBe(timestamp(40));
    expect(podStatusWord(podOf(sim, 'web'))).toBe('Terminating');
    expect(eventMessages(sim, 'web', 'Killing')).toEqual(['Stopping container web']);
    sim.runUntil(10.9);
    expect(getPod(sim, 'web')).toBeDefined();
    sim.runUntil(11);
    expect(getPod(sim, 'web')).toBeUndefined();
    expect(sim.store.getRuntime('pod/default/web')).toBeUndefined();
  });

  it('a hung app ignores SIGTERM and is killed at the end of the grace period', () => {
    const sim = kubeletSim();
    createPod(sim, 'web');
    sim.runUntil(5);
    sim.act('fault', () => hangApp(sim.contextFor('kubelet', 'default/web'), podOf(sim, 'web')));
    sim.runUntil(10);
    sim.act('test', () => sim.api.delete('Pod', 'default', 'web'));
    sim.runUntil(39.9);
    expect(podStatusWord(podOf(sim, 'web'))).toBe('Terminating');
    sim.runUntil(40);
    expect(getPod(sim, 'web')).toBeUndefined();
  });

  it('a grace period shorter than 1 s ends at the deadline; no restarts while terminating', () => {
    const sim = kubeletSim({ 'crash:1': { exitAfterSeconds: 5, exitCode: 1 } });
    createPod(sim, 'c', { image: 'crash:1' });
    sim.runUntil(3);
    sim.act('test', () => sim.api.delete('Pod', 'default', 'c', { gracePeriodSeconds: 0.5 }));
    sim.runUntil(3.4);
    expect(getPod(sim, 'c')).toBeDefined();
    sim.runUntil(3.5);
    expect(getPod(sim, 'c')).toBeUndefined();
  });
});

describe('kubelet: machine failure and recovery', () => {
  it('a dead node runs nothing; on recovery pods restart and terminating pods are removed', () => {
    const sim = kubeletSim();
    createPod(sim, 'keep');
    createPod(sim, 'gone');
    sim.runUntil(20);
    sim.act('fault', () => sim.store.setRuntime('node/node-1', { down: true, since: 20 }));
    sim.runUntil(50);
    sim.act('test', () => sim.api.delete('Pod', 'default', 'gone'));
    sim.runUntil(99);
    // Nobody confirms the deletion while the machine is off, and no status changes.
    expect(podStatusWord(podOf(sim, 'gone'))).toBe('Terminating');
    expect(podOf(sim, 'keep').status?.containerStatuses?.[0]?.restartCount).toBe(0);
    sim.runUntil(100);
    sim.act('fault', () => sim.store.setRuntime('node/node-1', undefined));
    expect(getPod(sim, 'gone')).toBeUndefined();
    const s = containerStatus(sim, 'keep');
    expect(s.restartCount).toBe(1);
    expect(s.lastState?.terminated).toMatchObject({
      exitCode: 255,
      reason: 'Unknown',
      finishedAt: timestamp(20),
    });
    expect(s.state?.running?.startedAt).toBe(timestamp(100));
    expect(podStatusWord(podOf(sim, 'keep'))).toBe('Running');
  });

  it('faults do nothing on a dead node', () => {
    const sim = kubeletSim();
    createPod(sim, 'web');
    sim.runUntil(5);
    sim.act('fault', () => sim.store.setRuntime('node/node-1', { down: true, since: 5 }));
    crash(sim, 'web');
    expect(containerStatus(sim, 'web').restartCount).toBe(0);
    expect(containerStatus(sim, 'web').state?.running).toBeDefined();
  });
});
