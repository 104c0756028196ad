/**
 * Golden `kubectl get` tables for every kind, on objects written straight into a store (no controllers),
 * at simulated t = 3600 s, so every AGE and "ago" is fixed.
 */
import { describe, expect, it } from 'vitest';
import { timestamp } from '../../api/meta';
import type { KubeObject } from '../../api/types';
import type { Simulation } from '../../sim/simulation';
import { bare, kubectl } from '../testkit';

const NOW = 3600;

function meta(name: string, createdAt: number, extra: Record<string, unknown> = {}) {
  return {
    name,
    namespace: 'default',
    creationTimestamp: timestamp(createdAt),
    uid: `uid-${name}`,
    ...extra,
  };
}

function put(sim: Simulation, ...objects: unknown[]): void {
  for (const o of objects) sim.store.put(o as KubeObject);
}

function out(sim: Simulation, line: string): string {
  const r = kubectl(sim, line);
  if (r.exitCode !== 0) throw new Error(r.stderr);
  return r.stdout;
}

const running = (name: string, restarts: number, lastExit?: number) => ({
  name,
  ready: true,
  restartCount: restarts,
  image: 'nginx:1.25',
  imageID: '',
  started: true,
  state: { running: { startedAt: timestamp(100) } },
  ...(lastExit !== undefined
    ? { lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: timestamp(lastExit) } } }
    : {}),
});

function pods(sim: Simulation): void {
  put(
    sim,
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta('web-1', 3450, { labels: { app: 'web', tier: 'front' } }),
      spec: { nodeName: 'node-1', containers: [{ name: 'web', image: 'nginx:1.25' }] },
      status: {
        phase: 'Running',
        podIP: '10.244.0.5',
        podIPs: [{ ip: '10.244.0.5' }],
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [running('web', 3, 3555)],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta('api-7c9d-x2b4q', 0, { labels: { app: 'api' } }),
      spec: {
        containers: [
          { name: 'api', image: 'api:1' },
          { name: 'proxy', image: 'envoy' },
        ],
      },
      status: { phase: 'Pending' },
    },
  );
}

describe('kubectl get: tables for every kind', () => {
  it('pods: READY, STATUS, RESTARTS with "(Xs ago)", AGE; -o wide; --show-labels; -L', () => {
    const sim = bare(NOW);
    pods(sim);
    expect(out(sim, 'get pods')).toBe(
      `NAME             READY   STATUS    RESTARTS      AGE
api-7c9d-x2b4q   0/2     Pending   0             60m
web-1            1/1     Running   3 (45s ago)   2m30s`,
    );
    expect(out(sim, 'get po -o wide')).toBe(
      `NAME             READY   STATUS    RESTARTS      AGE     IP           NODE     NOMINATED NODE   READINESS GATES
api-7c9d-x2b4q   0/2     Pending   0             60m     <none>       <none>   <none>           <none>
web-1            1/1     Running   3 (45s ago)   2m30s   10.244.0.5   node-1   <none>           <none>`,
    );
    expect(out(sim, 'get pods --show-labels -L tier')).toBe(
      `NAME             READY   STATUS    RESTARTS      AGE     TIER    LABELS
api-7c9d-x2b4q   0/2     Pending   0             60m             app=api
web-1            1/1     Running   3 (45s ago)   2m30s   front   app=web,tier=front`,
    );
    expect(out(sim, 'get pods --no-headers -l app=web')).toBe('web-1   1/1   Running   3 (45s ago)   2m30s');
  });

  it('deployments, replicasets, statefulsets, daemonsets and jobs (with -o wide)', () => {
    const sim = bare(NOW);
    const template = {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          { name: 'web', image: 'nginx:1.25' },
          { name: 'log', image: 'fluent' },
        ],
      },
    };
    const selector = { matchLabels: { app: 'web' } };
    put(
      sim,
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta('web', 0),
        spec: { replicas: 3, selector, template },
        status: { replicas: 4, readyReplicas: 2, updatedReplicas: 1, availableReplicas: 2 },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: meta('web-6444b68f98', 1800),
        spec: { replicas: 3, selector, template },
        status: { replicas: 3, readyReplicas: 1 },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: meta('db', 3000),
        spec: { replicas: 3, selector, template, serviceName: 'db' },
        status: { replicas: 2, readyReplicas: 2 },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: meta('agent', 600),
        spec: {
          selector,
          template: {
            ...template,
            spec: { ...template.spec, nodeSelector: { 'kubernetes.io/os': 'linux' } },
          },
        },
        status: {
          desiredNumberScheduled: 3,
          currentNumberScheduled: 3,
          numberReady: 2,
          updatedNumberScheduled: 3,
          numberAvailable: 2,
          numberMisscheduled: 0,
        },
      },
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: meta('backup', 3300),
        spec: {
          completions: 3,
          selector: { matchLabels: { 'batch.kubernetes.io/job-name': 'backup' } },
          template,
        },
        status: { succeeded: 1, startTime: timestamp(3310) },
      },
    );
    expect(out(sim, 'get deploy')).toBe(
      `NAME   READY   UP-TO-DATE   AVAILABLE   AGE
web    2/3     1            2           60m`,
    );
    expect(out(sim, 'get deployments.apps -o wide')).toBe(
      `NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES              SELECTOR
web    2/3     1            2           60m   web,log      nginx:1.25,fluent   app=web`,
    );
    expect(out(sim, 'get rs')).toBe(
      `NAME             DESIRED   CURRENT   READY   AGE
web-6444b68f98   3         3         1       30m`,
    );
    expect(out(sim, 'get sts')).toBe(
      `NAME   READY   AGE
db     2/3     10m`,
    );
    expect(out(sim, 'get ds')).toBe(
      `NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE
agent   3         3         2       3            2           kubernetes.io/os=linux   50m`,
    );
    expect(out(sim, 'get jobs -o wide')).toBe(
      `NAME     STATUS    COMPLETIONS   DURATION   AGE   CONTAINERS   IMAGES              SELECTOR
backup   Running   1/3           4m50s      5m    web,log      nginx:1.25,fluent   batch.kubernetes.io/job-name=backup`,
    );
  });

  it('services, endpoints (with "+ N more..."), ingresses', () => {
    const sim = bare(NOW);
    put(
      sim,
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta('web', 3590),
        spec: {
          type: 'ClusterIP',
          clusterIP: '10.96.12.34',
          selector: { app: 'web' },
          ports: [
            { port: 80, protocol: 'TCP' },
            { port: 443, protocol: 'TCP' },
          ],
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta('shop', 3590),
        spec: {
          type: 'LoadBalancer',
          clusterIP: '10.96.0.99',
          selector: { app: 'shop' },
          ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }],
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: meta('web', 3590),
        subsets: [
          {
            addresses: ['10.244.0.5', '10.244.1.7', '10.244.2.9'].map((ip) => ({ ip })),
            ports: [
              { port: 80, protocol: 'TCP' },
              { port: 443, protocol: 'TCP' },
            ],
          },
        ],
      },
      { apiVersion: 'v1', kind: 'Endpoints', metadata: meta('shop', 3590) },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: meta('web', 3540),
        spec: { ingressClassName: 'nginx', rules: [{ host: 'shop.example.com' }, {}] },
        status: { loadBalancer: { ingress: [{ ip: '192.168.49.2' }] } },
      },
    );
    expect(out(sim, 'get svc -o wide')).toBe(
      `NAME   TYPE           CLUSTER-IP    EXTERNAL-IP   PORT(S)          AGE   SELECTOR
shop   LoadBalancer   10.96.0.99    <pending>     80:30080/TCP     10s   app=shop
web    ClusterIP      10.96.12.34   <none>        80/TCP,443/TCP   10s   app=web`,
    );
    expect(out(sim, 'get ep')).toBe(
      `NAME   ENDPOINTS                                               AGE
shop   <none>                                                  10s
web    10.244.0.5:80,10.244.1.7:80,10.244.2.9:80 + 3 more...   10s`,
    );
    expect(out(sim, 'get ing')).toBe(
      `NAME   CLASS   HOSTS                ADDRESS        PORTS   AGE
web    nginx   shop.example.com,*   192.168.49.2   80      60s`,
    );
  });

  it('nodes: Ready, NotReady, Unknown and SchedulingDisabled; ROLES; -o wide', () => {
    const sim = bare(NOW);
    const node = (name: string, ready: string | undefined, extra: Record<string, unknown> = {}) => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, creationTimestamp: timestamp(0), labels: { 'kubernetes.io/hostname': name } },
      spec: extra,
      status: {
        ...(ready ? { conditions: [{ type: 'Ready', status: ready }] } : {}),
        addresses: [{ type: 'InternalIP', address: `10.0.0.${name.slice(-1)}` }],
        nodeInfo: {
          kubeletVersion: 'v1.34.2',
          osImage: 'Debian GNU/Linux 13 (trixie)',
          kernelVersion: '6.12.0',
          containerRuntimeVersion: 'containerd://2.1.4',
        },
      },
    });
    put(
      sim,
      node('node-1', 'True'),
      node('node-2', 'Unknown', { unschedulable: true }),
      node('node-3', 'False'),
      node('node-4', undefined),
    );
    sim.store.put({
      ...(sim.store.get('Node', undefined, 'node-1') as KubeObject),
      metadata: {
        name: 'node-1',
        creationTimestamp: timestamp(0),
        labels: { 'node-role.kubernetes.io/control-plane': '' },
      },
    });
    expect(out(sim, 'get nodes')).toBe(
      `NAME     STATUS                        ROLES           AGE   VERSION
node-1   Ready                         control-plane   60m   v1.34.2
node-2   NotReady,SchedulingDisabled   <none>          60m   v1.34.2
node-3   NotReady                      <none>          60m   v1.34.2
node-4   Unknown                       <none>          60m   v1.34.2`,
    );
    expect(out(sim, 'get no node-1 -o wide')).toBe(
      `NAME     STATUS   ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                       KERNEL-VERSION   CONTAINER-RUNTIME
node-1   Ready    control-plane   60m   v1.34.2   10.0.0.1      <none>        Debian GNU/Linux 13 (trixie)   6.12.0           containerd://2.1.4`,
    );
  });

  it('hpa TARGETS: "cpu: 45%/50%" and "<unknown>/80%" before a reading; MINPODS <unset>', () => {
    const sim = bare(NOW);
    const hpa = (name: string, current: number | undefined, min?: number) => ({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta(name, 3000),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        ...(min !== undefined ? { minReplicas: min } : {}),
        maxReplicas: 10,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: current === undefined ? 80 : 50 },
            },
          },
        ],
      },
      status: {
        currentReplicas: 3,
        desiredReplicas: 3,
        ...(current !== undefined
          ? {
              currentMetrics: [
                { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } },
              ],
            }
          : {}),
      },
    });
    put(sim, hpa('api', undefined), hpa('web', 45, 2));
    expect(out(sim, 'get hpa')).toBe(
      `NAME   REFERENCE        TARGETS              MINPODS   MAXPODS   REPLICAS   AGE
api    Deployment/api   cpu: <unknown>/80%   <unset>   10        3          10m
web    Deployment/web   cpu: 45%/50%         2         10        3          10m`,
    );
  });

  it("events: LAST SEEN TYPE REASON OBJECT MESSAGE, in the API server's order (by name), not by time", () => {
    const sim = bare(NOW);
    const ev = (name: string, last: number, type: string, reason: string, obj: string, message: string) => ({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: meta(name, last),
      involvedObject: { kind: obj.split('/')[0], name: obj.split('/')[1], namespace: 'default' },
      type,
      reason,
      message,
      firstTimestamp: timestamp(last),
      lastTimestamp: timestamp(last),
      count: 1,
    });
    put(
      sim,
      ev(
        'a',
        3590,
        'Warning',
        'BackOff',
        'Pod/web-1',
        'Back-off restarting failed container web in pod web-1_default(uid)',
      ),
      ev(
        'b',
        3000,
        'Normal',
        'ScalingReplicaSet',
        'Deployment/web',
        'Scaled up replica set web-6444b68f98 from 0 to 3',
      ),
    );
    expect(out(sim, 'get events')).toBe(
      // kubectl get events does not sort (kubernetes/kubernetes#29838); --sort-by=.lastTimestamp does.
      `LAST SEEN   TYPE      REASON              OBJECT           MESSAGE
10s         Warning   BackOff             pod/web-1        Back-off restarting failed container web in pod web-1_default(uid)
10m         Normal    ScalingReplicaSet   deployment/web   Scaled up replica set web-6444b68f98 from 0 to 3`,
    );
  });

  it('configmaps, secrets, namespaces, pvc, pv and resourcequotas', () => {
    const sim = bare(NOW);
    put(
      sim,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('cfg', 0), data: { a: '1', b: '2' } },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: meta('creds', 0),
        type: 'Opaque',
        data: { password: 'aHVudGVyMg==' },
      },
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'default', creationTimestamp: timestamp(0) },
        status: { phase: 'Active' },
      },
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'old', creationTimestamp: timestamp(0) },
        status: { phase: 'Terminating' },
      },
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: meta('data-db-0', 3000),
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: 'standard',
          volumeName: 'pv-1',
          resources: { requests: { storage: '1Gi' } },
        },
        status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } },
      },
      {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: 'pv-1', creationTimestamp: timestamp(3000) },
        spec: {
          capacity: { storage: '1Gi' },
          accessModes: ['ReadWriteOnce', 'ReadOnlyMany'],
          persistentVolumeReclaimPolicy: 'Delete',
          storageClassName: 'standard',
          claimRef: { namespace: 'default', name: 'data-db-0' },
        },
        status: { phase: 'Bound' },
      },
      {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: meta('compute', 3000),
        spec: { hard: { pods: '10', 'requests.cpu': '2', 'limits.cpu': '4' } },
        status: {
          hard: { pods: '10', 'requests.cpu': '2', 'limits.cpu': '4' },
          used: { pods: '3', 'requests.cpu': '300m', 'limits.cpu': '600m' },
        },
      },
    );
    expect(out(sim, 'get cm')).toBe(`NAME   DATA   AGE\ncfg    2      60m`);
    expect(out(sim, 'get secrets')).toBe(`NAME    TYPE     DATA   AGE\ncreds   Opaque   1      60m`);
    expect(out(sim, 'get ns')).toBe(
      `NAME      STATUS        AGE\ndefault   Active        60m\nold       Terminating   60m`,
    );
    expect(out(sim, 'get pvc')).toBe(
      `NAME        STATUS   VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
data-db-0   Bound    pv-1     1Gi        RWO            standard       <unset>                 10m`,
    );
    expect(out(sim, 'get pv')).toBe(
      `NAME   CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM               STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE
pv-1   1Gi        RWO,ROX        Delete           Bound    default/data-db-0   standard       <unset>                          10m`,
    );
    expect(out(sim, 'get quota')).toBe(
      `NAME      AGE   REQUEST                            LIMIT
compute   10m   pods: 3/10, requests.cpu: 300m/2   limits.cpu: 600m/4`,
    );
  });
});
