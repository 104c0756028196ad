import { describe, expect, it } from 'vitest';
import type { ConfigMap, Secret } from '../../api/types';
import { podStatusWord } from '../../api/podstatus';
import type { Simulation } from '../../sim/simulation';
import { containerEnvLines, resolveEnv } from './config';
import { CONFIG_RETRY_SECONDS } from './pod';
import {
  condition,
  containerStatus,
  createPod,
  eventMessages,
  eventTimes,
  kubeletSim,
  podOf,
} from './testutil';

function configMap(sim: Simulation, name: string, data: Record<string, string>): ConfigMap {
  return sim.act('test', () =>
    sim.api.create('ConfigMap', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: 'default' },
      data,
    }),
  );
}

function secret(sim: Simulation, name: string, stringData: Record<string, string>): Secret {
  return sim.act('test', () =>
    sim.api.create('Secret', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace: 'default' },
      stringData,
    }),
  );
}

const LOG_LEVEL_REF = [
  { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'LOG_LEVEL' } } },
];

describe('kubelet: env from ConfigMaps and Secrets', () => {
  it('waits in CreateContainerConfigError while the ConfigMap is missing, then starts when it appears', () => {
    const sim = kubeletSim();
    const failed = eventTimes(sim, 'web', 'Failed');
    createPod(sim, 'web', { env: LOG_LEVEL_REF });
    sim.runUntil(5);
    expect(containerStatus(sim, 'web').state).toEqual({
      waiting: { reason: 'CreateContainerConfigError', message: 'configmap "app-config" not found' },
    });
    expect(podStatusWord(podOf(sim, 'web'))).toBe('CreateContainerConfigError');
    expect(podOf(sim, 'web').status?.phase).toBe('Pending');
    expect(eventMessages(sim, 'web', 'Failed')).toEqual(['Error: configmap "app-config" not found']);
    // Retried on the pod worker's back-off, not in a tight loop.
    sim.runUntil(25);
    expect(failed()).toEqual([1, 1 + CONFIG_RETRY_SECONDS, 1 + 2 * CONFIG_RETRY_SECONDS]);
    // The ConfigMap appears: the kubelet's watch wakes the pod and the container starts at once.
    sim.runUntil(27);
    configMap(sim, 'app-config', { LOG_LEVEL: 'debug' });
    sim.runUntil(29);
    expect(containerStatus(sim, 'web').state?.running).toBeDefined();
    expect(containerStatus(sim, 'web').restartCount).toBe(0);
    expect(podStatusWord(podOf(sim, 'web'))).toBe('Running');
    expect(containerEnvLines(sim.store, podOf(sim, 'web'))).toEqual(['LOG_LEVEL=debug']);
  });

  it('reports a missing key with the kubelet words, and a missing secret', () => {
    const sim = kubeletSim();
    configMap(sim, 'app-config', { OTHER: 'x' });
    createPod(sim, 'web', { env: LOG_LEVEL_REF });
    createPod(sim, 'db', {
      env: [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } }],
    });
    sim.runUntil(5);
    expect(containerStatus(sim, 'web').state?.waiting?.message).toBe(
      "couldn't find key LOG_LEVEL in ConfigMap default/app-config",
    );
    expect(containerStatus(sim, 'db').state?.waiting?.message).toBe('secret "db-credentials" not found');
    // Adding the key to the ConfigMap (an update) also wakes the pod.
    sim.act('test', () => {
      const cm = sim.store.get('ConfigMap', 'default', 'app-config');
      if (cm) sim.api.update('ConfigMap', { ...cm, data: { ...cm.data, LOG_LEVEL: 'warn' } });
    });
    secret(sim, 'db-credentials', { password: 'hunter2' });
    sim.runUntil(7);
    expect(containerStatus(sim, 'web').state?.running).toBeDefined();
    expect(containerStatus(sim, 'db').state?.running).toBeDefined();
    expect(containerEnvLines(sim.store, podOf(sim, 'db'))).toEqual(['PW=hunter2']);
  });

  it('skips optional references that are missing, and starts', () => {
    const sim = kubeletSim();
    createPod(sim, 'web', {
      env: [
        { name: 'A', valueFrom: { configMapKeyRef: { name: 'nope', key: 'A', optional: true } } },
        { name: 'B', valueFrom: { secretKeyRef: { name: 'nope', key: 'B', optional: true } } },
        { name: 'C', value: 'plain-$(A)' },
      ],
      envFrom: [
        { configMapRef: { name: 'missing', optional: true } },
        { secretRef: { name: 'gone', optional: true } },
      ],
    });
    sim.runUntil(5);
    expect(containerStatus(sim, 'web').state?.running).toBeDefined();
    expect(containerEnvLines(sim.store, podOf(sim, 'web'))).toEqual(['C=plain-$(A)']);
  });

  it('resolves envFrom (with prefix) before env, env wins, $(VAR) expands, secrets decode', () => {
    const sim = kubeletSim();
    configMap(sim, 'app-config', { LOG_LEVEL: 'info', MODE: 'fast' });
    secret(sim, 'creds', { user: 'ada' });
    const pod = createPod(sim, 'web', {
      envFrom: [{ configMapRef: { name: 'app-config' } }, { prefix: 'DB_', secretRef: { name: 'creds' } }],
      env: [
        { name: 'MODE', value: 'slow' },
        { name: 'URL', value: 'db://$(DB_user)@host' },
        { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      ],
    });
    const c = pod.spec?.containers[0];
    if (!c) throw new Error('no container');
    expect(resolveEnv(sim.store, pod, c)).toEqual({
      env: [
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'MODE', value: 'slow' },
        { name: 'DB_user', value: 'ada' },
        { name: 'URL', value: 'db://ada@host' },
        { name: 'POD', value: 'web' },
      ],
    });
    // A non-optional envFrom source that is missing is the same error as a key reference.
    const bad = { ...c, envFrom: [{ configMapRef: { name: 'absent' } }] };
    expect(resolveEnv(sim.store, pod, bad)).toEqual({ error: 'configmap "absent" not found' });
  });
});

describe('kubelet: configMap and secret volumes', () => {
  it('stays ContainerCreating with FailedMount events until the ConfigMap exists', () => {
    const sim = kubeletSim();
    const mounts = eventTimes(sim, 'web', 'FailedMount');
    createPod(
      sim,
      'web',
      { volumeMounts: [{ name: 'config', mountPath: '/etc/app' }] },
      { volumes: [{ name: 'config', configMap: { name: 'app-config' } }] },
    );
    sim.runUntil(10);
    expect(containerStatus(sim, 'web').state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(podStatusWord(podOf(sim, 'web'))).toBe('ContainerCreating');
    expect(condition(sim, 'web', 'PodReadyToStartContainers')?.status).toBe('False');
    expect(eventMessages(sim, 'web', 'FailedMount')).toEqual([
      'MountVolume.SetUp failed for volume "config" : configmap "app-config" not found',
    ]);
    // The volume manager's back-off: 0.5 s doubling.
    expect(mounts()).toEqual([0, 0.5, 1.5, 3.5, 7.5]);
    expect(eventMessages(sim, 'web', 'Pulling')).toEqual([]);
    configMap(sim, 'app-config', { 'app.conf': 'x=1' });
    sim.runUntil(12);
    expect(containerStatus(sim, 'web').state?.running).toBeDefined();
    expect(condition(sim, 'web', 'PodReadyToStartContainers')?.status).toBe('True');
  });

  it('reports a missing item key, and lets an optional volume through', () => {
    const sim = kubeletSim();
    configMap(sim, 'app-config', { a: '1' });
    createPod(
      sim,
      'web',
      {},
      {
        volumes: [
          { name: 'config', configMap: { name: 'app-config', items: [{ key: 'b', path: 'b.conf' }] } },
          { name: 'maybe', secret: { secretName: 'absent', optional: true } },
        ],
      },
    );
    createPod(
      sim,
      'ok',
      {},
      { volumes: [{ name: 'maybe', secret: { secretName: 'absent', optional: true } }] },
    );
    sim.runUntil(3);
    expect(eventMessages(sim, 'web', 'FailedMount')).toEqual([
      'MountVolume.SetUp failed for volume "config" : configmap references non-existent config key: b',
    ]);
    expect(containerStatus(sim, 'ok').state?.running).toBeDefined();
  });
});
