/** kubectl logs over synthetic container runs: healthy, crashing and waiting pods, --previous, selection. */
import { describe, expect, it } from 'vitest';
import { applyInput } from '../../inputs';
import { podTrafficKey } from '../../world/metrics';
import { MAX_LINES } from './logs/synth';
import { cluster, createPod, kubectl, podObject } from './testcluster';

const PROBE = { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 };

describe('logs of a healthy pod', () => {
  it('nginx-like image: entrypoint and startup notices, then the kubelet probes as access-log lines', () => {
    const sim = cluster();
    createPod(sim, podObject('web', 'nginx:1.27', { readinessProbe: PROBE }));
    sim.runUntil(40);
    const r = kubectl(sim, 'logs web');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(GOLDEN_NGINX);
  });

  it('an app with traffic logs its requests, proportionally to the rate, deterministically and bounded', () => {
    const sim = cluster();
    createPod(sim, podObject('api', 'shop:1.0'));
    sim.runUntil(10);
    sim.store.setRuntime(podTrafficKey('default', 'api'), { requestsPerSecond: 2 });
    sim.runUntil(40);
    const text = kubectl(sim, 'logs api').stdout;
    expect(text.split('\n').slice(0, 3)).toEqual([
      '2026-01-01T09:00:01.000Z INFO  starting server version=1.0 pid=1',
      '2026-01-01T09:00:01.001Z INFO  loading configuration from environment',
      '2026-01-01T09:00:03.000Z INFO  listening on :8080',
    ]);
    // Ready at 3s, now 40s: 37 s × 2 requests per second.
    expect(text.match(/ GET \/\S* status=200 /g)).toHaveLength(74);
    expect(kubectl(sim, 'logs api').stdout).toBe(text);
    expect(kubectl(sim, 'logs api --tail 2').stdout.split('\n')).toEqual(text.split('\n').slice(-2));

    sim.store.setRuntime(podTrafficKey('default', 'api'), { requestsPerSecond: 500 });
    const busy = kubectl(sim, 'logs api').stdout.split('\n');
    expect(busy).toHaveLength(MAX_LINES);
    expect(busy[0]).toMatch(/ GET /);
  });
});

describe('logs of a crashing pod', () => {
  it('in CrashLoopBackOff, logs shows the last run that ended, with its fatal error', () => {
    const sim = cluster();
    createPod(sim, podObject('crash', 'shop:crash'));
    sim.runUntil(60);
    const r = kubectl(sim, 'logs crash');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(GOLDEN_CRASH_LAST);
  });

  it('--previous shows the run before the current one; none yet is an error', () => {
    const sim = cluster();
    createPod(sim, podObject('crash', 'shop:crash'));
    sim.runUntil(4);
    expect(kubectl(sim, 'logs crash -p')).toEqual({
      stdout: '',
      stderr: 'Error from server (BadRequest): previous terminated container "web" in pod "crash" not found',
      exitCode: 1,
    });
    sim.runUntil(9);
    expect(kubectl(sim, 'logs crash --previous').stdout).toBe(GOLDEN_CRASH_PREVIOUS);
    expect(kubectl(sim, 'logs crash').stdout).toBe(
      '2026-01-01T09:00:06.000Z INFO  starting server version=crash pid=1\n2026-01-01T09:00:06.001Z INFO  loading configuration from environment\n2026-01-01T09:00:07.000Z INFO  listening on :8080',
    );
  });
});

describe('logs of a pod that has not started', () => {
  it('ContainerCreating, an image that cannot be pulled, and a pod not yet scheduled', () => {
    const sim = cluster();
    createPod(sim, podObject('slow', 'shop:1.0'));
    createPod(sim, podObject('gone', 'shop:9-missing'));
    createPod(sim, podObject('big', 'shop:1.0', { resources: { requests: { cpu: '64' } } }));
    sim.runUntil(0.5);
    expect(kubectl(sim, 'logs slow').stderr).toBe(
      'Error from server (BadRequest): container "web" in pod "slow" is waiting to start: ContainerCreating',
    );
    sim.runUntil(30);
    expect(kubectl(sim, 'logs gone')).toEqual({
      stdout: '',
      stderr:
        'Error from server (BadRequest): container "web" in pod "gone" is waiting to start: trying and failing to pull image',
      exitCode: 1,
    });
    expect(kubectl(sim, 'logs big')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });
});

describe('choosing what to read', () => {
  it('TYPE/NAME picks one pod and says so; containers are checked; -f is not streamed', () => {
    const sim = cluster();
    const r0 = applyInput(sim, {
      type: 'apply',
      manifests: `apiVersion: apps/v1
kind: Deployment
metadata: {name: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: shop}}
  template:
    metadata: {labels: {app: shop}}
    spec: {containers: [{name: web, image: "shop:1.0"}, {name: proxy, image: "nginx:1.27"}]}
`,
    });
    expect(r0.ok, r0.message).toBe(true);
    sim.runUntil(30);
    const pods = sim.store.list('Pod').map((p) => p.metadata?.name ?? '');
    const r = kubectl(sim, 'logs deployment/shop --tail 1');
    const [found, defaulted, line] = (r.output ?? '').split('\n');
    expect(found).toMatch(/^Found 2 pods, using pod\/shop-/);
    expect(defaulted).toBe('Defaulted container "web" out of: web, proxy');
    expect(line).toBe('2026-01-01T09:00:03.000Z INFO  listening on :8080');
    expect(r.stdout).toBe(line);
    expect(kubectl(sim, `logs ${pods[0] ?? ''} -c proxy --tail 1`).stdout).toMatch(
      /\[notice\] 1#1: start worker processes$/,
    );
    expect(kubectl(sim, `logs ${pods[0] ?? ''} nope`).stderr).toBe(
      `error: container nope is not valid for pod ${pods[0] ?? ''} out of: web, proxy`,
    );
    expect(kubectl(sim, 'logs nope').stderr).toBe(
      'error: error from server (NotFound): pods "nope" not found in namespace "default"',
    );
    const f = kubectl(sim, `logs -f ${pods[0] ?? ''} -c web --tail 1`);
    expect(f.stderr).toBe(
      'note: -f/--follow cannot stream in the simulator; these are the logs written so far',
    );
    expect(f.exitCode).toBe(0);
  });
});

const GOLDEN_NGINX = `/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration
/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/
/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh
10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf
/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh
/docker-entrypoint.sh: Configuration complete; ready for start up
2026/01/01 09:00:01 [notice] 1#1: using the "epoll" event method
2026/01/01 09:00:01 [notice] 1#1: nginx/1.27
2026/01/01 09:00:01 [notice] 1#1: OS: Linux 6.12.0
2026/01/01 09:00:02 [notice] 1#1: start worker processes
10.244.2.1 - - [01/Jan/2026:09:00:03 +0000] "GET /healthz HTTP/1.1" 200 615 "-" "kube-probe/1.34" "-"
10.244.2.1 - - [01/Jan/2026:09:00:13 +0000] "GET /healthz HTTP/1.1" 200 615 "-" "kube-probe/1.34" "-"
10.244.2.1 - - [01/Jan/2026:09:00:23 +0000] "GET /healthz HTTP/1.1" 200 615 "-" "kube-probe/1.34" "-"
10.244.2.1 - - [01/Jan/2026:09:00:33 +0000] "GET /healthz HTTP/1.1" 200 615 "-" "kube-probe/1.34" "-"`;
const GOLDEN_CRASH_LAST = `2026-01-01T09:00:46.000Z INFO  starting server version=crash pid=1
2026-01-01T09:00:46.001Z INFO  loading configuration from environment
2026-01-01T09:00:47.000Z INFO  listening on :8080
2026-01-01T09:00:50.990Z ERROR fatal: open /etc/app/config.json: no such file or directory
2026-01-01T09:00:50.991Z ERROR exiting with status 2`;
const GOLDEN_CRASH_PREVIOUS = `2026-01-01T09:00:01.000Z INFO  starting server version=crash pid=1
2026-01-01T09:00:01.001Z INFO  loading configuration from environment
2026-01-01T09:00:02.000Z INFO  listening on :8080
2026-01-01T09:00:05.990Z ERROR fatal: open /etc/app/config.json: no such file or directory
2026-01-01T09:00:05.991Z ERROR exiting with status 2`;
