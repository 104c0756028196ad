/** scale, set image, rollout *, autoscale, expose and create on a running cluster: output and effect. */
import { describe, expect, it } from 'vitest';
import type { Deployment, HorizontalPodAutoscaler, ReplicaSet, Service } from '../../api/types';
import type { Simulation } from '../../sim/simulation';
import { cluster, kubectl, web } from '../testkit';

function replicaSets(sim: Simulation): { image: string; replicas: number; revision: string }[] {
  return sim.store
    .list('ReplicaSet', 'default')
    .map((rs: ReplicaSet) => ({
      image: rs.spec?.template?.spec?.containers[0]?.image ?? '',
      replicas: rs.spec?.replicas ?? 0,
      revision: rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? '',
    }))
    .sort((a, b) => Number(a.revision) - Number(b.revision));
}

function deployment(sim: Simulation): Deployment {
  return sim.store.get('Deployment', 'default', 'web') as Deployment;
}

describe('kubectl scale', () => {
  it('scales the Deployment; its ReplicaSet follows in the same instant', () => {
    const sim = cluster();
    expect(kubectl(sim, 'scale deployment/web --replicas=5')).toEqual({
      stdout: 'deployment.apps/web scaled',
      stderr: '',
      exitCode: 0,
    });
    expect(replicaSets(sim)).toEqual([{ image: 'nginx:1.25', replicas: 5, revision: '1' }]);
    expect(sim.store.list('Pod', 'default')).toHaveLength(5);
  });

  it('checks --current-replicas, requires --replicas and refuses kinds without a scale subresource', () => {
    const sim = cluster();
    expect(kubectl(sim, 'scale deploy web --replicas=1 --current-replicas=2').stderr).toBe(
      'error: Expected replicas to be 2, was 3',
    );
    expect(kubectl(sim, 'scale deploy web').stderr).toBe('error: required flag(s) "replicas" not set');
    expect(kubectl(sim, 'scale deploy nope --replicas=1').stderr).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found',
    );
    expect(kubectl(sim, 'scale svc web --replicas=1').exitCode).toBe(1);
    expect(deployment(sim).spec?.replicas).toBe(3);
  });
});

describe('kubectl set image and rollout', () => {
  it('set image starts a rollout: a new ReplicaSet with revision 2', () => {
    const sim = cluster();
    expect(kubectl(sim, 'set image deployment/web web=nginx:1.26').stdout).toBe(
      'deployment.apps/web image updated',
    );
    expect(replicaSets(sim).map((r) => [r.image, r.revision])).toEqual([
      ['nginx:1.25', '1'],
      ['nginx:1.26', '2'],
    ]);
    // Setting the same image again is an empty patch: kubectl prints nothing.
    expect(kubectl(sim, 'set image deploy/web web=nginx:1.26')).toEqual({
      stdout: '',
      stderr: '',
      exitCode: 0,
    });
    expect(kubectl(sim, 'set image deploy/web nope=x').stderr).toBe(
      'error: unable to find container named "nope"',
    );
    expect(kubectl(sim, 'set image deploy/web').stderr).toBe('error: at least one image update is required');
  });

  it('rollout status prints the current line without blocking, then "successfully rolled out"', () => {
    const sim = cluster();
    kubectl(sim, 'set image deployment/web web=nginx:1.26');
    expect(kubectl(sim, 'rollout status deployment/web').stdout).toMatch(
      /^Waiting for deployment "web" rollout to finish: \d out of 3 new replicas have been updated\.\.\.$/,
    );
    sim.runUntil(sim.now + 60);
    expect(kubectl(sim, 'rollout status deploy web')).toEqual({
      stdout: 'deployment "web" successfully rolled out',
      stderr: '',
      exitCode: 0,
    });
  });

  it('rollout status reports a missed progress deadline with exit code 1', () => {
    const sim = cluster(web('shop:1.0').replace('replicas: 3', 'replicas: 3\n  progressDeadlineSeconds: 10'));
    kubectl(sim, 'set image deploy/web web=shop:2.0-missing');
    sim.runUntil(sim.now + 60);
    expect(kubectl(sim, 'rollout status deploy/web')).toEqual({
      stdout: '',
      stderr: 'error: deployment "web" exceeded its progress deadline',
      exitCode: 1,
    });
  });

  it('rollout history and undo: revisions 1,2 -> undo -> 2,3 -> undo -> 3,4 (kubernetes-behaviour 1.8)', () => {
    const sim = cluster();
    kubectl(sim, 'set image deployment/web web=nginx:1.26');
    sim.runUntil(sim.now + 60);
    expect(kubectl(sim, 'rollout history deployment/web').stdout).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n',
    );
    expect(kubectl(sim, 'rollout undo deployment/web').stdout).toBe('deployment.apps/web rolled back');
    sim.runUntil(sim.now + 60);
    expect(deployment(sim).spec?.template?.spec?.containers[0]?.image).toBe('nginx:1.25');
    expect(kubectl(sim, 'rollout history deploy/web').stdout).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n',
    );
    expect(kubectl(sim, 'rollout undo deploy/web').stdout).toBe('deployment.apps/web rolled back');
    sim.runUntil(sim.now + 60);
    expect(replicaSets(sim).map((r) => [r.image, r.revision])).toEqual([
      ['nginx:1.25', '3'],
      ['nginx:1.26', '4'],
    ]);
    expect(kubectl(sim, 'rollout undo deploy/web --to-revision=4').stdout).toBe(
      'deployment.apps/web skipped rollback (current template already matches revision 4)',
    );
    expect(kubectl(sim, 'rollout undo deploy/web --to-revision=9')).toEqual({
      stdout: '',
      stderr: 'error: unable to find specified revision 9 in history',
      exitCode: 1,
    });
  });

  it("rollout history --revision shows that revision's whole pod template, tabs as written", () => {
    const sim = cluster();
    expect(kubectl(sim, 'rollout history deploy/web --revision=1').stdout).toMatch(
      /^deployment\.apps\/web with revision #1\nPod Template:\n {2}Labels:\tapp=web\n\tpod-template-hash=\w+\n {2}Containers:\n {3}web:\n {4}Image:\tnginx:1\.25\n {4}Port:\t80\/TCP\n {4}Host Port:\t0\/TCP\n {4}Environment:\t<none>\n {4}Mounts:\t<none>\n {2}Volumes:\t<none>\n {2}Node-Selectors:\t<none>\n {2}Tolerations:\t<none>\n$/,
    );
  });

  it("pause, resume and restart, with kubectl's refusals", () => {
    const sim = cluster();
    kubectl(sim, 'set image deploy/web web=nginx:1.26');
    sim.runUntil(120);
    expect(kubectl(sim, 'rollout pause deploy/web').stdout).toBe('deployment.apps/web paused');
    expect(deployment(sim).spec?.paused).toBe(true);
    expect(kubectl(sim, 'rollout pause deploy/web').stderr).toBe(
      'error: deployments.apps "web" is already paused',
    );
    expect(kubectl(sim, 'rollout undo deploy/web').stderr).toBe(
      "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/web' and try again",
    );
    expect(kubectl(sim, 'rollout restart deploy/web').stderr).toBe(
      'error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)',
    );
    expect(kubectl(sim, 'rollout resume deploy/web').stdout).toBe('deployment.apps/web resumed');
    expect(kubectl(sim, 'rollout resume deploy/web').stderr).toBe(
      'error: deployments.apps "web" is not paused',
    );
    expect(kubectl(sim, 'rollout restart deploy/web').stdout).toBe('deployment.apps/web restarted');
    expect(deployment(sim).spec?.template?.metadata?.annotations).toEqual({
      'kubectl.kubernetes.io/restartedAt': '2026-01-01T09:02:00Z',
    });
    expect(replicaSets(sim).map((r) => r.revision)).toEqual(['1', '2', '3']);
    expect(kubectl(sim, 'rollout status svc/web').stderr).toBe(
      'Error from server (NotFound): services "web" not found',
    );
  });
});

describe('kubectl expose and autoscale', () => {
  it('expose makes a Service from the selector and the container ports', () => {
    const sim = cluster();
    expect(kubectl(sim, 'expose deployment web --port=8080 --target-port=80 --type=NodePort').stdout).toBe(
      'service/web exposed',
    );
    const svc = sim.store.get('Service', 'default', 'web') as Service;
    expect(svc.spec?.selector).toEqual({ app: 'web' });
    expect(svc.spec?.type).toBe('NodePort');
    expect(svc.spec?.ports?.[0]).toMatchObject({ port: 8080, targetPort: 80, protocol: 'TCP' });
    expect(kubectl(sim, 'expose deploy/web --name=web2').stdout).toBe('service/web2 exposed');
    expect((sim.store.get('Service', 'default', 'web2') as Service).spec?.ports?.[0]).toMatchObject({
      port: 80,
      targetPort: 80,
    });
    expect(kubectl(sim, 'expose deploy web').stderr).toBe(
      'Error from server (AlreadyExists): services "web" already exists',
    );
  });

  it('autoscale creates an autoscaling/v2 HPA on CPU utilization', () => {
    const sim = cluster();
    expect(kubectl(sim, 'autoscale deployment web --min=2 --max=10 --cpu-percent=50').stdout).toBe(
      'horizontalpodautoscaler.autoscaling/web autoscaled',
    );
    const hpa = sim.store.get('HorizontalPodAutoscaler', 'default', 'web') as HorizontalPodAutoscaler;
    expect(hpa.spec).toMatchObject({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
        },
      ],
    });
    expect(kubectl(sim, 'autoscale deploy web --min=3').stderr).toBe(
      'error: --max=MAXPODS is required and must be at least 1, max: -1',
    );
  });
});

describe('kubectl create and apply', () => {
  it("create deployment --dry-run=client -o yaml prints what Debian's kubectl 1.32 prints", () => {
    const sim = cluster('');
    expect(
      kubectl(sim, 'create deployment web --image=nginx --replicas=3 --dry-run=client -o yaml').stdout,
    ).toBe(
      `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}`,
    );
    expect(sim.store.list('Deployment')).toHaveLength(0);
  });

  it('create deployment creates it and the controllers start its pods', () => {
    const sim = cluster('');
    expect(kubectl(sim, 'create deployment api --image=shop:1.0 --replicas=2 --port=8080').stdout).toBe(
      'deployment.apps/api created',
    );
    expect(sim.store.list('Pod', 'default')).toHaveLength(2);
    const d = sim.store.get('Deployment', 'default', 'api') as Deployment;
    expect(d.spec?.template?.spec?.containers[0]).toMatchObject({
      name: 'shop',
      image: 'shop:1.0',
      ports: [{ containerPort: 8080 }],
    });
    expect(kubectl(sim, 'create deployment api --image=shop:1.0').stderr).toBe(
      'error: failed to create deployment: deployments.apps "api" already exists',
    );
    expect(kubectl(sim, 'create deployment x').stderr).toBe('error: required flag(s) "image" not set');
  });

  it('create namespace, configmap and secret generic', () => {
    const sim = cluster('');
    expect(kubectl(sim, 'create namespace dev').stdout).toBe('namespace/dev created');
    expect(kubectl(sim, 'create configmap cfg -n dev --from-literal=a=1 --from-literal=b=2').stdout).toBe(
      'configmap/cfg created',
    );
    expect(sim.store.get('ConfigMap', 'dev', 'cfg')?.data).toEqual({ a: '1', b: '2' });
    expect(kubectl(sim, 'create secret generic s --from-literal=password=hunter2').stdout).toBe(
      'secret/s created',
    );
    expect(sim.store.get('Secret', 'default', 's')?.data).toEqual({ password: 'aHVudGVyMg==' });
    expect(kubectl(sim, 'create ns dev').stderr).toBe(
      'Error from server (AlreadyExists): namespaces "dev" already exists',
    );
  });

  it('apply -f - reads stdin: created, then unchanged; other paths do not exist', () => {
    const sim = cluster('');
    expect(kubectl(sim, 'apply -f -', web()).stdout).toBe('deployment.apps/web created');
    expect(sim.store.list('Pod', 'default')).toHaveLength(3);
    expect(kubectl(sim, 'apply -f -', web()).stdout).toBe('deployment.apps/web unchanged');
    expect(kubectl(sim, 'apply -f -', web('nginx:1.26')).stdout).toBe('deployment.apps/web configured');
    expect(kubectl(sim, 'apply -f web.yaml').stderr).toMatch(/^error: the path "web\.yaml" does not exist/);
    expect(kubectl(sim, 'apply').stderr).toBe('error: must specify one of -f and -k');
    expect(kubectl(sim, 'apply -f -').stderr).toBe('error: no objects passed to apply');
  });
});
