import { describe, expect, it } from 'vitest';
import type { Container } from '../types';
import { deployment, newApi, pod } from './testutil';
import { imageTag } from './podspec';
import { allocateClusterIP } from './service';

const defaultedContainer = (c: Container): Container => ({
  imagePullPolicy: 'IfNotPresent',
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
  ...c,
});

const templateSpecDefaults = {
  restartPolicy: 'Always',
  dnsPolicy: 'ClusterFirst',
  schedulerName: 'default-scheduler',
  terminationGracePeriodSeconds: 30,
  securityContext: {},
};

describe('defaulting', () => {
  it('Deployment: apps/v1 SetDefaults_Deployment and the pod template', () => {
    const out = newApi().prepare('Deployment', deployment());
    expect(out.spec).toEqual({
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          ...templateSpecDefaults,
          containers: [defaultedContainer({ name: 'app', image: 'nginx:1.27' })],
        },
      },
    });
    expect(out.spec?.minReadySeconds).toBeUndefined();
  });

  it('Deployment: keeps given values and does not add rollingUpdate to Recreate', () => {
    const out = newApi().prepare(
      'Deployment',
      deployment({
        replicas: 0,
        strategy: { type: 'Recreate' },
        revisionHistoryLimit: 2,
        progressDeadlineSeconds: 60,
      }),
    );
    expect(out.spec?.replicas).toBe(0);
    expect(out.spec?.strategy).toEqual({ type: 'Recreate' });
    expect(out.spec?.revisionHistoryLimit).toBe(2);
    expect(out.spec?.progressDeadlineSeconds).toBe(60);
    const partial = newApi().prepare(
      'Deployment',
      deployment({ strategy: { rollingUpdate: { maxSurge: 0 } } }),
    );
    expect(partial.spec?.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 0, maxUnavailable: '25%' },
    });
  });

  it('ReplicaSet: replicas 1 and the pod template', () => {
    const d = deployment();
    const out = newApi().prepare('ReplicaSet', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-1', namespace: 'default' },
      spec: { selector: d.spec!.selector, template: d.spec!.template! },
    });
    expect(out.spec).toEqual({
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          ...templateSpecDefaults,
          containers: [defaultedContainer({ name: 'app', image: 'nginx:1.27' })],
        },
      },
    });
  });

  it('Pod: spec, containers, ports, probes, requests from limits and the admission plugins', () => {
    const out = newApi().prepare(
      'Pod',
      pod({
        containers: [
          {
            name: 'app',
            image: 'nginx',
            ports: [{ containerPort: 80 }],
            resources: { limits: { cpu: '1', memory: '128Mi' }, requests: { cpu: '500m' } },
            readinessProbe: { httpGet: { port: 80 } },
            livenessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
          },
        ],
      }),
    );
    expect(out.spec).toEqual({
      ...templateSpecDefaults,
      enableServiceLinks: true,
      serviceAccountName: 'default',
      serviceAccount: 'default',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      tolerations: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
      containers: [
        {
          name: 'app',
          image: 'nginx',
          imagePullPolicy: 'Always',
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          resources: { limits: { cpu: '1', memory: '128Mi' }, requests: { cpu: '500m', memory: '128Mi' } },
          readinessProbe: {
            httpGet: { port: 80, path: '/', scheme: 'HTTP' },
            timeoutSeconds: 1,
            periodSeconds: 10,
            successThreshold: 1,
            failureThreshold: 3,
          },
          livenessProbe: {
            tcpSocket: { port: 80 },
            timeoutSeconds: 1,
            periodSeconds: 5,
            successThreshold: 1,
            failureThreshold: 3,
          },
        },
      ],
    });
  });

  it('imagePullPolicy: Always for latest or no tag, IfNotPresent otherwise (digests included)', () => {
    expect(imageTag('nginx')).toBe('latest');
    expect(imageTag('nginx:latest')).toBe('latest');
    expect(imageTag('registry:5000/team/app')).toBe('latest');
    expect(imageTag('registry:5000/team/app:v2')).toBe('v2');
    expect(imageTag('nginx@sha256:abc')).toBe('');
    const api = newApi();
    const policy = (image: string) =>
      api.prepare('Pod', pod({ containers: [{ name: 'a', image }] })).spec?.containers[0]?.imagePullPolicy;
    expect(policy('nginx:latest')).toBe('Always');
    expect(policy('nginx')).toBe('Always');
    expect(policy('nginx:1.27')).toBe('IfNotPresent');
    expect(policy('nginx@sha256:abc')).toBe('IfNotPresent');
  });

  it('Service: type, affinity, ports, traffic policy and a deterministic cluster IP in 10.96.0.0/12', () => {
    const api = newApi();
    const svc = api.create('Service', {
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    });
    const ip = allocateClusterIP('default/web', new Set());
    expect(svc.spec).toEqual({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      internalTrafficPolicy: 'Cluster',
      clusterIP: ip,
      clusterIPs: [ip],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    });
    const [a, b, c, d] = ip.split('.').map(Number);
    expect(a).toBe(10);
    expect(b! >= 96 && b! <= 111).toBe(true);
    expect(c! >= 0 && d! >= 0 && !(b === 96 && c === 0 && d! <= 1)).toBe(true);
    // The same name in another cluster gets the same IP; a collision moves to the next free address.
    expect(
      newApi().prepare('Service', {
        metadata: { name: 'web', namespace: 'default' },
        spec: { ports: [{ port: 80 }] },
      }).spec?.clusterIP,
    ).toBe(ip);
    expect(allocateClusterIP('default/web', new Set([ip]))).not.toBe(ip);
  });

  it('Service: keeps its cluster IP on update and gets node ports for NodePort', () => {
    const api = newApi();
    const svc = api.create('Service', {
      metadata: { name: 'web', namespace: 'default' },
      spec: { ports: [{ port: 80, targetPort: 8080 }] },
    });
    const updated = api.update('Service', {
      metadata: { name: 'web', namespace: 'default' },
      spec: { ports: [{ port: 81 }] },
    });
    expect(updated.spec?.clusterIP).toBe(svc.spec?.clusterIP);
    const np = api.create('Service', {
      metadata: { name: 'np', namespace: 'default' },
      spec: { type: 'NodePort', ports: [{ port: 80 }] },
    });
    const nodePort = np.spec?.ports?.[0]?.nodePort ?? 0;
    expect(nodePort >= 30000 && nodePort <= 32767).toBe(true);
    expect(np.spec?.externalTrafficPolicy).toBe('Cluster');
  });

  it('Namespace: metadata.name label, kubernetes finalizer, phase Active', () => {
    const api = newApi();
    expect(api.read('Namespace', undefined, 'default')).toMatchObject({
      metadata: { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
    const ns = api.prepare('Namespace', { metadata: { name: 'team-a', namespace: 'ignored' } });
    expect(ns).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team-a', labels: { 'kubernetes.io/metadata.name': 'team-a' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });

  it('Node: allocatable from capacity; Endpoints: port protocol TCP', () => {
    const api = newApi();
    const node = api.prepare('Node', { metadata: { name: 'n1' }, status: { capacity: { cpu: '4' } } });
    expect(node.status).toEqual({ capacity: { cpu: '4' }, allocatable: { cpu: '4' } });
    const ep = api.prepare('Endpoints', {
      metadata: { name: 'web', namespace: 'default' },
      subsets: [{ addresses: [{ ip: '10.244.0.5' }], ports: [{ port: 80 }] }],
    });
    expect(ep.subsets).toEqual([
      { addresses: [{ ip: '10.244.0.5' }], ports: [{ port: 80, protocol: 'TCP' }] },
    ]);
  });
});
