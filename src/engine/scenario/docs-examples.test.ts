/**
 * Examples from the Kubernetes documentation, pasted unchanged (docs-examples/), behave as their pages say:
 * what `kubectl get`, `kubectl logs` and `kubectl describe` show, and when.
 */
import { describe, expect, it } from 'vitest';
import { runKubectl } from '../kubectl';
import type { Event } from '../api/types';
import type { Simulation } from '../sim/simulation';
import { loadSimulation } from './build';

const files = import.meta.glob('./docs-examples/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

function text(name: string): string {
  const t = files[`./docs-examples/${name}.yaml`];
  if (t === undefined) throw new Error(`docs-examples/${name}.yaml is missing`);
  return t;
}

function load(...names: string[]): Simulation {
  return loadSimulation(names.map(text).join('\n---\n')).sim;
}

function kubectl(sim: Simulation, line: string, stdin?: string): string {
  const r = runKubectl(line, stdin === undefined ? { sim } : { sim, stdin });
  return r.exitCode === 0 ? r.stdout : `${r.stdout}${r.stderr}`;
}

/** The STATUS and READY columns of `kubectl get pod NAME`. */
function podRow(sim: Simulation, name: string): { ready: string; status: string; restarts: string } {
  const line = kubectl(sim, `get pod ${name}`).split('\n')[1] ?? '';
  const [, ready = '', status = '', restarts = ''] = line.split(/\s+/);
  return { ready, status, restarts };
}

function events(sim: Simulation, name: string, reason: string): { t: number; message: string }[] {
  const out: { t: number; message: string }[] = [];
  sim.onRecord((r) => {
    if ((r.diff.type === 'added' || r.diff.type === 'updated') && r.diff.kind === 'Event') {
      const e = r.diff.to as Event;
      if (e.involvedObject.name === name && e.reason === reason)
        out.push({ t: r.t, message: e.message ?? '' });
    }
  });
  return out;
}

describe('docs: Jobs (concepts/workloads/controllers/job)', () => {
  it('the pi Job completes, and its logs print pi to 2000 digits', () => {
    const sim = load('job-pi');
    sim.runUntil(60);
    expect(kubectl(sim, 'get job pi')).toMatch(
      /^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\npi\s+Complete\s+1\/1\s/,
    );
    const digits = kubectl(sim, 'logs jobs/pi');
    expect(digits.startsWith('3.14159265358979323846264338327950288419716939937510')).toBe(true);
    expect(digits).toHaveLength(2001);
    expect(digits.endsWith('26459958133904780275901')).toBe(true);
    const pod = kubectl(sim, 'get pods -o name').replace('pod/', '');
    expect(podRow(sim, pod)).toEqual({ ready: '0/1', status: 'Completed', restarts: '0' });
  });
});

describe('docs: liveness probes (configure-liveness-readiness-startup-probes)', () => {
  it('exec: no failures within 30 s; after 35 s "Liveness probe failed: cat: can\'t open ..."; then restarted', () => {
    const sim = load('exec-liveness');
    const unhealthy = events(sim, 'liveness-exec', 'Unhealthy');
    const killing = events(sim, 'liveness-exec', 'Killing');
    sim.runUntil(30);
    expect(unhealthy).toEqual([]);
    sim.runUntil(36);
    expect(unhealthy[0]?.message).toBe(
      "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
    );
    sim.runUntil(50);
    expect(killing[0]?.message).toBe('Container liveness failed liveness probe, will be restarted');
    sim.runUntil(90);
    expect(podRow(sim, 'liveness-exec')).toEqual({ ready: '1/1', status: 'Running', restarts: '1' });
  });

  it('HTTP: /healthz answers 200 for 10 s, then 500: the kubelet kills and restarts the container', () => {
    const sim = load('http-liveness');
    const unhealthy = events(sim, 'liveness-http', 'Unhealthy');
    sim.runUntil(10);
    expect(unhealthy).toEqual([]);
    sim.runUntil(30);
    expect(unhealthy[0]?.message).toBe('Liveness probe failed: HTTP probe failed with statuscode: 500');
    expect(Number(podRow(sim, 'liveness-http').restarts.split(' ')[0])).toBeGreaterThanOrEqual(1);
  });
});

describe('docs: init containers (concepts/workloads/pods/init-containers)', () => {
  it('myapp-pod waits in Init:0/2 until myservice and mydb exist, then runs', () => {
    const sim = load('init-containers-myapp');
    sim.runUntil(60);
    expect(podRow(sim, 'myapp-pod')).toEqual({ ready: '0/1', status: 'Init:0/2', restarts: '0' });
    expect(kubectl(sim, 'logs myapp-pod -c init-myservice --tail 2')).toBe(
      "nslookup: can't resolve 'myservice.default.svc.cluster.local'\nwaiting for myservice",
    );
    const d = kubectl(sim, 'describe pod myapp-pod');
    expect(d).toMatch(/Status:\s+Pending/);
    expect(d).toMatch(/init-mydb:[\s\S]*?State:\s+Waiting\n\s+Reason:\s+PodInitializing/);
    expect(kubectl(sim, 'apply -f -', text('init-containers-services'))).toBe(
      'service/myservice created\nservice/mydb created',
    );
    sim.runUntil(70);
    expect(podRow(sim, 'myapp-pod')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
    expect(kubectl(sim, 'logs myapp-pod -c myapp-container')).toBe('The app is running!');
  });

  it('init-demo: the install container fetches the page into the shared volume, then nginx runs', () => {
    const sim = load('init-demo');
    sim.runUntil(20);
    expect(podRow(sim, 'init-demo')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
    const install = sim.store.get('Pod', 'default', 'init-demo')?.status?.initContainerStatuses?.[0];
    expect(install?.state?.terminated?.reason).toBe('Completed');
  });
});

describe('docs: commands, environment and volumes', () => {
  it('command-demo prints HOSTNAME and KUBERNETES_PORT and completes', () => {
    const sim = load('commands');
    sim.runUntil(10);
    expect(podRow(sim, 'command-demo')).toEqual({ ready: '0/1', status: 'Completed', restarts: '0' });
    expect(kubectl(sim, 'logs command-demo')).toBe('command-demo\ntcp://10.96.0.1:443');
  });

  it('dependent environment variables: defined-earlier references expand, $$ escapes, the misspelt name prints nothing', () => {
    const sim = load('dependent-envars');
    sim.runUntil(10);
    expect(podRow(sim, 'dependent-envars-demo').status).toBe('Running');
    expect(kubectl(sim, 'logs dependent-envars-demo').split('\n')).toEqual([
      '',
      'SERVICE_ADDRESS',
      'https://172.17.0.1:80',
      'UNCHANGE_REFERENCE',
      'ESCAPED_REFERENCE',
      '$(PROTOCOL)://172.17.0.1:80',
    ]);
  });

  it('a ConfigMap volume: ls /etc/config/ lists its keys and the pod completes', () => {
    const sim = load('pod-configmap-volume');
    sim.runUntil(10);
    expect(podRow(sim, 'dapi-test-pod').status).toBe('Completed');
    expect(kubectl(sim, 'logs dapi-test-pod')).toBe('SPECIAL_LEVEL\nSPECIAL_TYPE');
  });
});

describe('docs: sidecar containers (concepts/workloads/pods/sidecar-containers)', () => {
  it('the Deployment sidecar runs beside the app: READY 2/2', () => {
    const sim = load('deployment-sidecar');
    sim.runUntil(20);
    const pods = kubectl(sim, 'get pods').split('\n').slice(1);
    expect(pods).toHaveLength(1);
    expect(pods[0]).toMatch(/^myapp-[a-z0-9]+-[a-z0-9]{5}\s+2\/2\s+Running\s+0\s/);
  });

  it('the Job sidecar stops after the main container, and the Job completes', () => {
    const sim = load('job-sidecar');
    sim.runUntil(60);
    expect(kubectl(sim, 'get job myjob')).toMatch(/\nmyjob\s+Complete\s+1\/1\s/);
    const pod = kubectl(sim, 'get pods -o name').trim().replace('pod/', '');
    // The sidecar was stopped once the main container had finished (tail ignores SIGTERM: SIGKILL at 30 s).
    const sidecar = sim.store.get('Pod', 'default', pod)?.status?.initContainerStatuses?.[0];
    expect(sidecar?.state?.terminated?.exitCode).toBe(137);
    expect(sim.store.get('Pod', 'default', pod)?.status?.phase).toBe('Succeeded');
  });
});

describe('docs: images (tasks/configure-pod-container/pull-image-private-registry)', () => {
  it('a pod still carrying the <your-private-image> placeholder reports InvalidImageName', () => {
    const sim = load('private-reg-pod');
    sim.runUntil(10);
    expect(podRow(sim, 'private-reg').status).toBe('InvalidImageName');
    expect(kubectl(sim, 'describe pod private-reg')).toContain(
      'Failed to apply default image tag "<your-private-image>": couldn\'t parse image name "<your-private-image>": invalid reference format',
    );
  });
});
