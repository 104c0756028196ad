/**
 * kubectl describe against running clusters: whole outputs compared with kubectl v1.34's layout (tabwriter
 * alignment, nested levels, Conditions and Events tables, event ages "x3 over 5m").
 */
import { describe, expect, it } from 'vitest';
import type { HorizontalPodAutoscaler } from '../../api/types';
import { applyInput } from '../../inputs';
import { describeHPA } from './describe/hpa';
import { eventsFor } from './describe/events';
import { cluster, createPod, kubectl, podObject } from './testcluster';

function out(sim: ReturnType<typeof cluster>, line: string): string {
  const r = kubectl(sim, line);
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(0);
  return r.stdout;
}

const SHOP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: shop, labels: {app: shop}}
spec:
  replicas: 4
  selector: {matchLabels: {app: shop}}
  template:
    metadata: {labels: {app: shop}}
    spec:
      containers:
      - name: web
        image: shop:1.0
        ports: [{containerPort: 8080}]
        readinessProbe: {httpGet: {path: /ready, port: 8080}, periodSeconds: 5}
        resources: {requests: {cpu: 100m, memory: 64Mi}}
---
apiVersion: v1
kind: Service
metadata: {name: shop}
spec:
  selector: {app: shop}
  ports: [{name: http, port: 80, targetPort: 8080}]
`;

function shopCluster() {
  const sim = cluster();
  const r = applyInput(sim, { type: 'apply', manifests: SHOP });
  expect(r.ok, r.message).toBe(true);
  return sim;
}

describe('describe pod', () => {
  it('a Running pod: containers, probes, environment, conditions, tolerations and events', () => {
    const sim = cluster();
    createPod(
      sim,
      podObject('web', 'shop:1.0', {
        readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 },
        env: [{ name: 'MODE', value: 'prod' }],
      }),
    );
    sim.runUntil(120);
    expect(out(sim, 'describe pod web')).toBe(GOLDEN_POD_RUNNING);
  });

  it('a CrashLoopBackOff pod shows its Last State and repeated events', () => {
    const sim = cluster();
    createPod(sim, podObject('crash', 'shop:crash'));
    sim.runUntil(120);
    expect(out(sim, 'describe pod crash')).toBe(GOLDEN_POD_CRASH);
  });

  it('a Pending pod shows <none> for its node and the FailedScheduling event', () => {
    const sim = cluster();
    createPod(sim, podObject('big', 'shop:1.0', { resources: { requests: { cpu: '16' } } }));
    sim.runUntil(30);
    expect(out(sim, 'describe po big')).toBe(GOLDEN_POD_PENDING);
  });

  it('--show-events=false drops the Events section', () => {
    const sim = cluster();
    createPod(sim, podObject('web', 'shop:1.0'));
    sim.runUntil(10);
    const text = out(sim, 'describe pod/web --show-events=false');
    expect(text).not.toContain('Events:');
    expect(text.split('\n').at(-1)).toMatch(
      /^ {2,}node\.kubernetes\.io\/unreachable:NoExecute op=Exists for 300s$/,
    );
  });
});

describe('describe deployment', () => {
  it('mid-rollout: replica counts, rolling update strategy, old and new ReplicaSets, events', () => {
    const sim = shopCluster();
    sim.runUntil(60);
    expect(kubectl(sim, 'set image deployment/shop web=shop:2.0').exitCode).toBe(0);
    sim.runUntil(63);
    expect(out(sim, 'describe deployment shop')).toBe(GOLDEN_DEPLOYMENT_ROLLOUT);
  });
});

describe('describe node', () => {
  it('a Ready node: lease, conditions, capacity, system info and the pods it runs', () => {
    const sim = shopCluster();
    sim.runUntil(60);
    expect(out(sim, 'describe node node-1')).toBe(GOLDEN_NODE_READY);
  });

  it('a node that stopped reporting: Unknown conditions and the unreachable taints', () => {
    const sim = shopCluster();
    sim.runUntil(30);
    applyInput(sim, { type: 'fault', fault: { type: 'NodeFailure', node: 'node-2' } });
    sim.runUntil(130);
    expect(out(sim, 'describe nodes node-2 --show-events=false')).toBe(GOLDEN_NODE_UNKNOWN);
  });
});

describe('describe service', () => {
  it('ports, target port and the ready endpoints ("+ N more...")', () => {
    const sim = shopCluster();
    sim.runUntil(60);
    expect(out(sim, 'describe svc shop')).toBe(GOLDEN_SERVICE);
  });
});

describe('describe hpa', () => {
  it('reference, metrics (current / target), replica bounds, conditions and events', () => {
    const sim = shopCluster();
    sim.runUntil(60);
    const hpa: HorizontalPodAutoscaler = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'shop', namespace: 'default', creationTimestamp: '2026-01-01T09:00:10Z' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'shop' },
        minReplicas: 2,
        maxReplicas: 10,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
          },
          {
            type: 'Resource',
            resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } },
          },
        ],
      },
      status: {
        currentReplicas: 4,
        desiredReplicas: 6,
        currentMetrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', current: { averageUtilization: 75, averageValue: '75m' } },
          },
        ],
        conditions: [
          {
            type: 'AbleToScale',
            status: 'True',
            reason: 'SucceededRescale',
            message: 'the HPA controller was able to update the target scale to 6',
          },
          {
            type: 'ScalingActive',
            status: 'True',
            reason: 'ValidMetricFound',
            message:
              'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
          },
        ],
      },
    };
    const text = describeHPA(hpa, {
      store: sim.store,
      now: 60,
      showEvents: true,
      events: (o) => eventsFor(sim.store, o),
    });
    expect(text).toBe(GOLDEN_HPA);
  });
});

describe('describe lists and prefixes', () => {
  it('a type alone describes every object, two blank lines apart; a name prefix matches too', () => {
    const sim = cluster();
    createPod(sim, podObject('web-a', 'shop:1.0'));
    createPod(sim, podObject('web-b', 'shop:1.0'));
    sim.runUntil(10);
    const all = out(sim, 'describe pods');
    expect(all.match(/^Name: +web-[ab]$/gm)).toEqual(['Name:             web-a', 'Name:             web-b']);
    expect(all).toContain('\n\n\nName:             web-b');
    const prefixed = out(sim, 'describe pods web');
    expect(prefixed.match(/^Name: +web-[ab]$/gm)).toHaveLength(2);
    expect(kubectl(sim, 'describe pods nope')).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): pods "nope" not found',
      exitCode: 1,
    });
    expect(kubectl(sim, 'describe pods -l app=none').stderr).toBe('No resources found in default namespace.');
    expect(kubectl(sim, 'describe widgets').stderr).toBe(
      'error: the server doesn\'t have a resource type "widgets"',
    );
  });
});

describe('describe configmap and namespace', () => {
  it('prints Data and BinaryData sections, and the namespace with its quota summary', () => {
    const sim = cluster();
    sim.act('test', () =>
      sim.api.create('ConfigMap', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'settings', namespace: 'default', labels: { app: 'shop' } },
        data: { 'app.properties': 'color=blue\nsize=2', MODE: 'prod' },
      }),
    );
    expect(out(sim, 'describe cm settings')).toBe(`Name:         settings
Namespace:    default
Labels:       app=shop
Annotations:  <none>

Data
====
MODE:
----
prod

app.properties:
----
color=blue
size=2


BinaryData
====

Events:  <none>`);
    expect(out(sim, 'describe ns kube-public')).toBe(`Name:         kube-public
Labels:       kubernetes.io/metadata.name=kube-public
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.`);
  });
});

const GOLDEN_POD_RUNNING = `Name:             web
Namespace:        default
Priority:         0
Service Account:  default
Node:             node-3/10.0.0.12
Start Time:       Thu, 01 Jan 2026 09:00:00 +0000
Labels:           app=web
Annotations:      <none>
Status:           Running
IP:               10.244.2.2
IPs:
  IP:  10.244.2.2
Containers:
  web:
    Container ID:   containerd://d34bd823a1b26c846871c8357f9f514e236da9355f230010db02ef8058a733d9
    Image:          shop:1.0
    Image ID:       docker.io/library/shop@sha256:4d756179ca1c0b5425a3730f33946b2e60cf7e966ca2da18cbd9fce87cd45f8a
    Port:           8080/TCP (http)
    Host Port:      0/TCP (http)
    State:          Running
      Started:      Thu, 01 Jan 2026 09:00:01 +0000
    Ready:          True
    Restart Count:  0
    Limits:
      cpu:     500m
      memory:  128Mi
    Requests:
      cpu:      250m
      memory:   64Mi
    Readiness:  http-get http://:8080/healthz delay=0s timeout=1s period=5s #success=1 #failure=3
    Environment:
      MODE:  prod
    Mounts:  <none>
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:                      <none>
QoS Class:                    Burstable
Node-Selectors:               <none>
Tolerations:                  node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                              node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  2m    default-scheduler  Successfully assigned default/web to node-3
  Normal  Pulling    2m    kubelet            Pulling image "shop:1.0"
  Normal  Pulled     119s  kubelet            Successfully pulled image "shop:1.0" in 1s (1s including waiting). Image size: 185148129 bytes.
  Normal  Created    119s  kubelet            Created container: web
  Normal  Started    119s  kubelet            Started container web`;
const GOLDEN_POD_CRASH = `Name:             crash
Namespace:        default
Priority:         0
Service Account:  default
Node:             node-3/10.0.0.12
Start Time:       Thu, 01 Jan 2026 09:00:00 +0000
Labels:           app=crash
Annotations:      <none>
Status:           Running
IP:               10.244.2.2
IPs:
  IP:  10.244.2.2
Containers:
  web:
    Container ID:   containerd://a9d93eee4e93846cfddd7703349aed3d4e924dc3e26fe496c15856e8bb23566a
    Image:          shop:crash
    Image ID:       docker.io/library/shop@sha256:928ffd31c8149f0525764d1f766eb5d5ba5cf25fa6f70ad4b2188942c523839a
    Port:           8080/TCP (http)
    Host Port:      0/TCP (http)
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    2
      Started:      Thu, 01 Jan 2026 09:01:31 +0000
      Finished:     Thu, 01 Jan 2026 09:01:36 +0000
    Ready:          False
    Restart Count:  4
    Limits:
      cpu:     500m
      memory:  128Mi
    Requests:
      cpu:        250m
      memory:     64Mi
    Environment:  <none>
    Mounts:       <none>
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       False 
  ContainersReady             False 
  PodScheduled                True 
Volumes:                      <none>
QoS Class:                    Burstable
Node-Selectors:               <none>
Tolerations:                  node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                              node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type     Reason     Age                 From               Message
  ----     ------     ----                ----               -------
  Normal   Scheduled  2m                  default-scheduler  Successfully assigned default/crash to node-3
  Normal   Pulling    2m                  kubelet            Pulling image "shop:crash"
  Normal   Pulled     119s                kubelet            Successfully pulled image "shop:crash" in 1s (1s including waiting). Image size: 81786007 bytes.
  Normal   Created    29s (x5 over 119s)  kubelet            Created container: web
  Normal   Started    29s (x5 over 119s)  kubelet            Started container web
  Normal   Pulled     29s (x4 over 114s)  kubelet            Container image "shop:crash" already present on machine
  Warning  BackOff    23s (x4 over 108s)  kubelet            Back-off restarting failed container web in pod crash_default(313e41c6-70c6-45c8-a3ce-00b6e36e3887)`;
const GOLDEN_POD_PENDING = `Name:             big
Namespace:        default
Priority:         0
Service Account:  default
Node:             <none>
Labels:           app=big
Annotations:      <none>
Status:           Pending
IP:               
IPs:              <none>
Containers:
  web:
    Image:      shop:1.0
    Port:       8080/TCP (http)
    Host Port:  0/TCP (http)
    Requests:
      cpu:        16
    Environment:  <none>
    Mounts:       <none>
Conditions:
  Type           Status
  PodScheduled   False 
Volumes:         <none>
QoS Class:       Burstable
Node-Selectors:  <none>
Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                 node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type     Reason            Age   From               Message
  ----     ------            ----  ----               -------
  Warning  FailedScheduling  30s   default-scheduler  0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`;
const GOLDEN_DEPLOYMENT_ROLLOUT = `Name:                   shop
Namespace:              default
CreationTimestamp:      Thu, 01 Jan 2026 09:00:00 +0000
Labels:                 app=shop
Annotations:            deployment.kubernetes.io/revision: 2
Selector:               app=shop
Replicas:               4 desired | 2 updated | 5 total | 3 available | 2 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=shop
  Containers:
   web:
    Image:      shop:2.0
    Port:       8080/TCP
    Host Port:  0/TCP
    Requests:
      cpu:         100m
      memory:      64Mi
    Readiness:     http-get http://:8080/ready delay=0s timeout=1s period=5s #success=1 #failure=3
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    ReplicaSetUpdated
OldReplicaSets:  shop-59fc8968ff (3/3 replicas created)
NewReplicaSet:   shop-66fc4c689b (2/2 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  63s   deployment-controller  Scaled up replica set shop-59fc8968ff from 0 to 4
  Normal  ScalingReplicaSet  3s    deployment-controller  Scaled up replica set shop-66fc4c689b from 0 to 1
  Normal  ScalingReplicaSet  3s    deployment-controller  Scaled down replica set shop-59fc8968ff from 4 to 3
  Normal  ScalingReplicaSet  3s    deployment-controller  Scaled up replica set shop-66fc4c689b from 1 to 2`;
const GOLDEN_NODE_READY = `Name:               node-1
Roles:              <none>
Labels:             kubernetes.io/arch=amd64
                    kubernetes.io/hostname=node-1
                    kubernetes.io/os=linux
Annotations:        <none>
CreationTimestamp:  Thu, 01 Jan 2026 09:00:00 +0000
Taints:             <none>
Unschedulable:      false
Lease:
  HolderIdentity:  node-1
  AcquireTime:     <unset>
  RenewTime:       Thu, 01 Jan 2026 09:01:00 +0000
Conditions:
  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
  ----             ------  -----------------                 ------------------                ------                       -------
  MemoryPressure   False   Thu, 01 Jan 2026 09:00:00 +0000   Thu, 01 Jan 2026 09:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
  DiskPressure     False   Thu, 01 Jan 2026 09:00:00 +0000   Thu, 01 Jan 2026 09:00:00 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure
  PIDPressure      False   Thu, 01 Jan 2026 09:00:00 +0000   Thu, 01 Jan 2026 09:00:00 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available
  Ready            True    Thu, 01 Jan 2026 09:00:00 +0000   Thu, 01 Jan 2026 09:00:00 +0000   KubeletReady                 kubelet is posting ready status
Addresses:
  InternalIP:  10.0.0.10
  Hostname:    node-1
Capacity:
  cpu:     4
  memory:  8Gi
  pods:    110
Allocatable:
  cpu:     4
  memory:  8Gi
  pods:    110
System Info:
  Machine ID:                 
  System UUID:                
  Boot ID:                    98e249ae-eb2b-c9e5-d0f3-3d2e5d827625
  Kernel Version:             6.12.0
  OS Image:                   Debian GNU/Linux 13 (trixie)
  Operating System:           linux
  Architecture:               amd64
  Container Runtime Version:  containerd://2.1.4
  Kubelet Version:            v1.34.2
  Kube-Proxy Version:         
PodCIDR:                      10.244.0.0/24
PodCIDRs:                     10.244.0.0/24
Non-terminated Pods:          (2 in total)
  Namespace                   Name                     CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----                     ------------  ----------  ---------------  -------------  ---
  default                     shop-59fc8968ff-4xxhv    100m (2%)     0 (0%)      64Mi (0%)        0 (0%)         60s
  default                     shop-59fc8968ff-rlmrm    100m (2%)     0 (0%)      64Mi (0%)        0 (0%)         60s
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests    Limits
  --------           --------    ------
  cpu                200m (5%)   0 (0%)
  memory             128Mi (1%)  0 (0%)
  ephemeral-storage  0 (0%)      0 (0%)
Events:
  Type    Reason                   Age   From             Message
  ----    ------                   ----  ----             -------
  Normal  Starting                 60s   kubelet          Starting kubelet.
  Normal  NodeAllocatableEnforced  60s   kubelet          Updated Node Allocatable limit across pods
  Normal  NodeHasSufficientMemory  60s   kubelet          Node node-1 status is now: NodeHasSufficientMemory
  Normal  NodeHasNoDiskPressure    60s   kubelet          Node node-1 status is now: NodeHasNoDiskPressure
  Normal  NodeHasSufficientPID     60s   kubelet          Node node-1 status is now: NodeHasSufficientPID
  Normal  NodeReady                60s   kubelet          Node node-1 status is now: NodeReady
  Normal  RegisteredNode           60s   node-controller  Node node-1 event: Registered Node node-1 in Controller`;
const GOLDEN_NODE_UNKNOWN = `Name:               node-2
Roles:              <none>
Labels:             kubernetes.io/arch=amd64
                    kubernetes.io/hostname=node-2
                    kubernetes.io/os=linux
Annotations:        <none>
CreationTimestamp:  Thu, 01 Jan 2026 09:00:00 +0000
Taints:             node.kubernetes.io/unreachable:NoExecute
                    node.kubernetes.io/unreachable:NoSchedule
Unschedulable:      false
Lease:
  HolderIdentity:  node-2
  AcquireTime:     <unset>
  RenewTime:       Thu, 01 Jan 2026 09:00:30 +0000
Conditions:
  Type             Status    LastHeartbeatTime                 LastTransitionTime                Reason              Message
  ----             ------    -----------------                 ------------------                ------              -------
  MemoryPressure   Unknown   Thu, 01 Jan 2026 09:00:00 +0000   Thu, 01 Jan 2026 09:01:25 +0000   NodeStatusUnknown   Kubelet stopped posting node status.
  DiskPressure     Unknown   Thu, 01 Jan 2026 09:00:00 +0000   Thu, 01 Jan 2026 09:01:25 +0000   NodeStatusUnknown   Kubelet stopped posting node status.
  PIDPressure      Unknown   Thu, 01 Jan 2026 09:00:00 +0000   Thu, 01 Jan 2026 09:01:25 +0000   NodeStatusUnknown   Kubelet stopped posting node status.
  Ready            Unknown   Thu, 01 Jan 2026 09:00:00 +0000   Thu, 01 Jan 2026 09:01:25 +0000   NodeStatusUnknown   Kubelet stopped posting node status.
Addresses:
  InternalIP:  10.0.0.11
  Hostname:    node-2
Capacity:
  cpu:     4
  memory:  8Gi
  pods:    110
Allocatable:
  cpu:     4
  memory:  8Gi
  pods:    110
System Info:
  Machine ID:                 
  System UUID:                
  Boot ID:                    efcb9167-2100-cd14-2ce8-79e5594dc9ef
  Kernel Version:             6.12.0
  OS Image:                   Debian GNU/Linux 13 (trixie)
  Operating System:           linux
  Architecture:               amd64
  Container Runtime Version:  containerd://2.1.4
  Kubelet Version:            v1.34.2
  Kube-Proxy Version:         
PodCIDR:                      10.244.1.0/24
PodCIDRs:                     10.244.1.0/24
Non-terminated Pods:          (1 in total)
  Namespace                   Name                     CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----                     ------------  ----------  ---------------  -------------  ---
  default                     shop-59fc8968ff-rp548    100m (2%)     0 (0%)      64Mi (0%)        0 (0%)         2m10s
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests   Limits
  --------           --------   ------
  cpu                100m (2%)  0 (0%)
  memory             64Mi (0%)  0 (0%)
  ephemeral-storage  0 (0%)     0 (0%)`;
const GOLDEN_SERVICE = `Name:                     shop
Namespace:                default
Labels:                   <none>
Annotations:              <none>
Selector:                 app=shop
Type:                     ClusterIP
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.109.70.217
IPs:                      10.109.70.217
Port:                     http  80/TCP
TargetPort:               8080/TCP
Endpoints:                10.244.2.2:8080,10.244.1.2:8080,10.244.0.2:8080 + 1 more...
Session Affinity:         None
Internal Traffic Policy:  Cluster
Events:                   <none>`;
const GOLDEN_HPA = `Name:                                                  shop
Namespace:                                             default
Labels:                                                <none>
Annotations:                                           <none>
CreationTimestamp:                                     Thu, 01 Jan 2026 09:00:10 +0000
Reference:                                             Deployment/shop
Metrics:                                               ( current / target )
  resource cpu on pods  (as a percentage of request):  75% (75m) / 50%
  resource memory on pods:                             <unknown> / 100Mi
Min replicas:                                          2
Max replicas:                                          10
Deployment pods:                                       4 current / 6 desired
Conditions:
  Type           Status  Reason            Message
  ----           ------  ------            -------
  AbleToScale    True    SucceededRescale  the HPA controller was able to update the target scale to 6
  ScalingActive  True    ValidMetricFound  the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)
Events:          <none>
`;
