/**
 * The real kubectl (v1.34.5, pinned and installed by src/serve/pinnedKubectl.ts) against a served
 * cluster: a course's script of commands, each checked for its output and exit code. The cluster runs on
 * the wall clock at 5x, so the commands that wait (rollout status, drain, get -w) see time pass; every
 * check waits for a condition, never for a fixed time.
 */
import { execFile, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServedCluster } from './cluster';
import { kubeconfig } from './kubeconfig';
import { pinnedKubectl } from './pinnedKubectl';
import type { RunningServer } from './server';
import { serve } from './server';

const SCENARIO = `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata: {name: kubectl-e2e}
spec:
  images:
    nginx:1.27: {pullSeconds: 1, startupSeconds: 1}
    nginx:1.28: {pullSeconds: 1, startupSeconds: 1}
`;

const WEB = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
        resources:
          requests: {cpu: 100m, memory: 64Mi}
`;

let kubectl = '';
let dir = '';
let server: RunningServer;
let cluster: ServedCluster;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the pinned kubectl against the served cluster (asynchronously: the server lives in this process). */
function k(args: string, stdin?: string): Promise<Run> {
  return new Promise((done) => {
    const child = execFile(
      kubectl,
      ['--kubeconfig', join(dir, 'config'), ...args.split(' ')],
      { env: { HOME: dir, PATH: process.env.PATH ?? '' }, timeout: 170_000 },
      (err, stdout, stderr) => {
        const code = err ? Number((err as { code?: number }).code ?? 1) : 0;
        // SETPOINT_KUBECTL_TRANSCRIPT=<file> keeps a transcript of the session (for docs and reports).
        const transcript = process.env.SETPOINT_KUBECTL_TRANSCRIPT;
        if (transcript) appendFileSync(transcript, `$ kubectl ${args}\n${stdout}${stderr}[exit ${code}]\n\n`);
        done({ code, stdout, stderr });
      },
    );
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

/** Retry `args` until `ok` holds (the cluster moves on its own clock). */
async function until(args: string, ok: (r: Run) => boolean, tries = 120): Promise<Run> {
  let r = await k(args);
  for (let i = 0; i < tries && !ok(r); i++) {
    await new Promise((w) => setTimeout(w, 250));
    r = await k(args);
  }
  return r;
}

beforeAll(async () => {
  kubectl = await pinnedKubectl();
  dir = mkdtempSync(join(tmpdir(), 'setpoint-kubectl-'));
  cluster = new ServedCluster({ text: SCENARIO, name: 'kubectl-e2e.yaml', speed: 5 });
  server = await serve(cluster, { port: 0 });
  writeFileSync(join(dir, 'config'), kubeconfig(server.url));
}, 300_000);

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('real kubectl against the served cluster', { timeout: 180_000 }, () => {
  it('reports versions and lists the nodes', async () => {
    const v = await k('version');
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('Client Version: v1.34.5');
    expect(v.stdout).toContain('Server Version: v1.34.2');
    const nodes = await k('get nodes');
    expect(nodes.code).toBe(0);
    expect(nodes.stdout.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    expect(nodes.stdout).toMatch(/node-1\s+Ready\s+<none>/);
  });

  it('applies a Deployment, waits for its rollout, gets and describes it', async () => {
    const created = await k('apply -f -', WEB(2));
    expect(created).toMatchObject({ code: 0, stdout: 'deployment.apps/web created\n' });
    const status = await k('rollout status deployment/web --timeout=150s');
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('deployment "web" successfully rolled out');
    const pods = await until(
      'get pods -l app=web --no-headers',
      (r) => (r.stdout.match(/Running/g) ?? []).length === 2,
    );
    expect(pods.stdout.trim().split('\n')).toHaveLength(2);
    const described = await k('describe deployment web');
    expect(described.code).toBe(0);
    expect(described.stdout).toMatch(
      /Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable/,
    );
    expect(described.stdout).toMatch(
      /Normal\s+ScalingReplicaSet\s+\d+s\s+deployment-controller\s+Scaled up replica set web-/,
    );
  });

  it('re-applies with the last-applied annotation, scales, and changes the image', async () => {
    const again = await k('apply -f -', WEB(3));
    expect(again).toMatchObject({ code: 0, stdout: 'deployment.apps/web configured\n' });
    expect((await k('get deployment web -o jsonpath={.spec.replicas}')).stdout).toBe('3');
    const annotations = await k('get deployment web -o jsonpath={.metadata.annotations}');
    expect(annotations.stdout).toContain('kubectl.kubernetes.io/last-applied-configuration');
    expect(await k('scale deployment web --replicas=4')).toMatchObject({
      code: 0,
      stdout: 'deployment.apps/web scaled\n',
    });
    const image = await k('set image deployment/web web=nginx:1.28');
    expect(image).toMatchObject({ code: 0, stdout: 'deployment.apps/web image updated\n' });
    const status = await k('rollout status deployment/web --timeout=150s');
    expect(status.stdout).toContain('deployment "web" successfully rolled out');
  });

  it('shows the rollout history and undoes the last rollout', async () => {
    const history = await k('rollout history deployment/web');
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
    expect(await k('rollout undo deployment/web')).toMatchObject({
      code: 0,
      stdout: 'deployment.apps/web rolled back\n',
    });
    const image = await until(
      'get deployment web -o jsonpath={.spec.template.spec.containers[0].image}',
      (r) => r.stdout === 'nginx:1.27',
    );
    expect(image.stdout).toBe('nginx:1.27');
    expect((await k('rollout status deployment/web --timeout=150s')).code).toBe(0);
  });

  it('cordons a node and drains another through the eviction API', async () => {
    expect(await k('cordon node-3')).toMatchObject({ code: 0, stdout: 'node/node-3 cordoned\n' });
    expect((await k('get node node-3 --no-headers')).stdout).toMatch(/Ready,SchedulingDisabled/);
    const drain = await k('drain node-1 --ignore-daemonsets --timeout=150s');
    expect(drain.code).toBe(0);
    expect(drain.stdout).toContain('node/node-1 cordoned');
    expect(drain.stdout).toContain('node/node-1 drained');
    const left = await until(
      'get pods --field-selector spec.nodeName=node-1 --no-headers',
      (r) => r.stdout === '',
    );
    expect(left.stderr).toBe('No resources found in default namespace.\n');
    expect((await k('uncordon node-1')).stdout).toBe('node/node-1 uncordoned\n');
  });

  it('shows metrics with top, logs, and the schema with explain', async () => {
    const top = await until('top nodes', (r) => r.code === 0);
    expect(top.stdout.split('\n')[0]).toMatch(
      /^NAME\s+CPU\(cores\)\s+CPU\(%\)\s+MEMORY\(bytes\)\s+MEMORY\(%\)/,
    );
    const pods = await until(
      'top pods -l app=web --no-headers',
      (r) => r.code === 0 && r.stdout.trim().split('\n').length === 4,
    );
    expect(pods.stdout).toMatch(/web-\S+\s+\d+m\s+\d+Mi/);
    const logs = await k('logs deployment/web --tail=2');
    expect(logs.code).toBe(0);
    expect(logs.stdout.trim().split('\n')).toHaveLength(2);
    const explain = await k('explain deployment.spec.replicas');
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('FIELD: replicas <integer>');
  });

  it('watches pods with get -w while one is deleted', async () => {
    const victim = (await k('get pods -l app=web -o jsonpath={.items[0].metadata.name}')).stdout;
    const watcher = spawn(
      kubectl,
      ['--kubeconfig', join(dir, 'config'), 'get', 'pods', '-l', 'app=web', '-w'],
      {
        env: { HOME: dir, PATH: process.env.PATH ?? '' },
      },
    );
    let out = '';
    watcher.stdout.on('data', (b: Buffer) => (out += b.toString()));
    const seen = (re: RegExp) =>
      new Promise<void>((done, fail) => {
        const t = setInterval(() => re.test(out) && (clearInterval(t), done()), 50);
        setTimeout(() => (clearInterval(t), fail(new Error(`no ${String(re)} in:\n${out}`))), 150_000);
      });
    await seen(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
    await seen(new RegExp(`${victim}\\s+1/1\\s+Running`));
    expect((await k(`delete pod ${victim} --wait=false`)).stdout).toBe(
      `pod "${victim}" deleted from default namespace\n`,
    );
    await seen(new RegExp(`${victim}\\s+1/1\\s+Terminating`));
    // The ReplicaSet's replacement arrives as a new row.
    await seen(/\n(web-\S+)\s+0\/1\s+Pending\s+0\s+0s/);
    watcher.kill();
  });

  it('refuses exec with a clear message, deletes, and reports errors with kubectl exit codes', async () => {
    // A pod that is still terminating from the watch test may go between kubectl's get and its exec.
    const exec = await until('exec deploy/web -- sh', (r) => !r.stderr.includes('NotFound'), 20);
    expect(exec.code).toBe(1);
    expect(exec.stderr).toMatch(
      /^Error from server \(BadRequest\): pod "web-\S+" is simulated by Setpoint: there are no container processes to run commands in its containers/,
    );
    const deleted = await k('delete deployment web');
    expect(deleted).toMatchObject({
      code: 0,
      stdout: 'deployment.apps "web" deleted from default namespace\n',
    });
    const missing = await k('get deployment web');
    expect(missing).toMatchObject({
      code: 1,
      stderr: 'Error from server (NotFound): deployments.apps "web" not found\n',
    });
    const unknown = await k('get widgets');
    expect(unknown).toMatchObject({
      code: 1,
      stderr: 'error: the server doesn\'t have a resource type "widgets"\n',
    });
  });
});
