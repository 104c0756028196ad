/**
 * The console's kubectl (src/engine/kubectl) against the real kubectl v1.34.5, byte for byte: both run the
 * same commands against the same simulated state (a served cluster, paused), and their stdout, stderr and
 * exit codes must match. Timestamps the server shifts onto the wall clock are shifted back before
 * comparing. The few differences that remain, by design, are listed in KNOWN with their reason (and in
 * docs/serving.md); the test checks they still differ, so a fixed one is noticed and removed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kind } from '../engine';
import { runKubectl } from '../engine/kubectl';
import { ServedCluster } from './cluster';
import { kubeconfig } from './kubeconfig';
import { pinnedKubectl } from './pinnedKubectl';
import type { RunningServer } from './server';
import { serve } from './server';

/** Commands ("scenario: command") whose output differs on purpose, and why. */
const KNOWN: Readonly<Record<string, string>> = {
  'self-healing: version':
    'the console is not a kubectl binary: it reports the simulated cluster version as its client version',
  'self-healing: describe namespace default':
    'the served API has no LimitRange resource, so the real kubectl leaves out "No LimitRange resource."',
  'crash-loop: top pods':
    'with no metrics at all, kubectl reports the first pod age from its own clock, to the nanosecond',
  'self-healing: get events --sort-by=.lastTimestamp':
    "kubectl sorts with Go's sort.Sort, which is not stable: events with the same time come out in its order",
};

interface Case {
  readonly scenario: string;
  /** Simulated seconds to run before comparing. */
  readonly at: number;
  readonly commands: readonly string[];
}

const CASES: readonly Case[] = [
  {
    scenario: 'self-healing',
    at: 1245,
    commands: [
      'version',
      'get pods',
      'get pods -o wide',
      'get pods --show-labels',
      'get pods -L app',
      'get deployments -o wide',
      'get replicasets -o wide',
      'get services -o wide',
      'get endpoints',
      'get endpointslices',
      'get nodes -o wide',
      'get namespaces',
      'get events',
      'get events --sort-by=.lastTimestamp',
      'get all -A',
      'get deployments -o name',
      'get pod {Pod} -o yaml',
      'get deployment {Deployment} -o json',
      'get pod nope',
      'get widgets',
      'describe pod {Pod}',
      'describe deployment {Deployment}',
      'describe replicaset {ReplicaSet}',
      'describe service {Service}',
      'describe node node-1',
      'describe namespace default',
      'top nodes',
      'top pods',
      'logs {Pod} --tail 5',
      'logs {Pod} --timestamps --tail 3',
      'rollout status deployment/{Deployment}',
      'rollout history deployment/{Deployment}',
      'rollout history deployment/{Deployment} --revision 1',
      'explain pods.spec.containers.resources',
      'explain deployments --recursive',
      'api-resources',
      'get leases -A',
    ],
  },
  {
    scenario: 'config-and-quota',
    at: 300,
    commands: [
      'get resourcequotas',
      'get configmaps',
      'get secrets',
      'describe deployment {Deployment}',
      'describe pod {Pod}',
      'get replicasets',
    ],
  },
  {
    scenario: 'hpa-load-spike',
    at: 700,
    commands: [
      'get hpa -o wide',
      'describe hpa {HorizontalPodAutoscaler}',
      'describe deployment {Deployment}',
    ],
  },
  {
    scenario: 'statefulset-storage',
    at: 200,
    commands: [
      'get statefulsets -o wide',
      'get pvc',
      'get pv',
      'describe statefulset {StatefulSet}',
      'describe pvc {PersistentVolumeClaim}',
    ],
  },
  {
    scenario: 'crash-loop',
    at: 400,
    commands: [
      'get pods',
      'describe pod {Pod}',
      'logs {Pod} --previous',
      'get pod {Pod} -o yaml',
      'top pods',
    ],
  },
];

let kubectl = '';
let home = '';

beforeAll(async () => {
  kubectl = await pinnedKubectl();
  home = mkdtempSync(join(tmpdir(), 'setpoint-compare-'));
}, 300_000);
afterAll(() => rmSync(home, { recursive: true, force: true }));

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');
const rfc1123z = (d: Date) =>
  `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
const RFC3339 = /\b(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z/g;

/** Put the server's shifted timestamps back on the simulated clock (in logs, only the kubelet's prefix). */
function unshift(text: string, shift: number, logs: boolean): string {
  const back = (base: string, frac: string | undefined) =>
    `${new Date(Date.parse(`${base}Z`) - shift).toISOString().slice(0, 19)}${frac ?? ''}Z`;
  if (logs)
    return text.replace(/^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z/gm, (_m, b: string, f?: string) =>
      back(b, f),
    );
  return text
    .replace(/\b(Sun|Mon|Tue|Wed|Thu|Fri|Sat), \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000/g, (m) =>
      rfc1123z(new Date(Date.parse(m) - shift)),
    )
    .replace(RFC3339, (_m, b: string, f?: string) => back(b, f));
}

function real(config: string, args: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((done) =>
    execFile(
      kubectl,
      ['--kubeconfig', config, ...args.split(' ')],
      { env: { HOME: home, PATH: process.env.PATH ?? '' }, timeout: 60_000 },
      (err, stdout, stderr) =>
        done({ stdout, stderr, code: err ? Number((err as { code?: number }).code ?? 1) : 0 }),
    ),
  );
}

/** Wait for the start of a wall-clock second: kubectl then computes ages within that second. */
async function atSecondStart(): Promise<void> {
  await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
}

for (const c of CASES) {
  describe(`${c.scenario} at ${c.at}s`, { timeout: 240_000 }, () => {
    let cluster: ServedCluster;
    let server: RunningServer;
    let config = '';

    beforeAll(async () => {
      let perf = 0;
      const text = readFileSync(join('examples', `${c.scenario}.yaml`), 'utf8');
      cluster = new ServedCluster({ text, name: c.scenario, paused: true, now: () => perf });
      cluster.send({ type: 'skip', capSeconds: c.at, events: false });
      do {
        perf += 16;
        cluster.tick();
      } while (cluster.run.skipping);
      server = await serve(cluster, { port: 0, manualClock: true });
      config = join(home, `${c.scenario}.kubeconfig`);
      writeFileSync(config, kubeconfig(server.url));
    });
    afterAll(() => server.close());

    const first = (kind: Kind) =>
      cluster.sim.store
        .list(kind)
        .map((o) => o.metadata?.name ?? '')
        .sort()[0] ?? 'none';

    for (const template of c.commands) {
      it(template, async () => {
        const command = template.replace(/\{(\w+)\}/g, (_m, k: string) => first(k as Kind));
        const clientClock = /^(describe|top)\b/.test(command);
        const mine = runKubectl(command, { sim: cluster.sim });
        const expected = {
          stdout: mine.stdout ? `${mine.stdout}\n` : '',
          stderr: mine.stderr ? `${mine.stderr}\n` : '',
          code: mine.exitCode,
        };
        let got = { stdout: '', stderr: '', code: -1 };
        // The shift moves on every wall-clock second while the cluster is paused: a run during which it
        // moved is repeated. A client-side age can also land a second late on a loaded machine.
        for (let attempt = 0; attempt < 4; attempt++) {
          if (clientClock) await atSecondStart();
          const shift = cluster.clockShift();
          const r = await real(config, command);
          if (cluster.clockShift() !== shift) continue;
          const logs = command.startsWith('logs');
          // Without --timestamps the log lines are the application's own text, never shifted.
          const stamped = !logs || command.includes('--timestamps');
          got = stamped
            ? { stdout: unshift(r.stdout, shift, logs), stderr: unshift(r.stderr, shift, logs), code: r.code }
            : r;
          if (!clientClock || JSON.stringify(got) === JSON.stringify(expected)) break;
        }
        if (KNOWN[`${c.scenario}: ${template}`] !== undefined) expect(got).not.toEqual(expected);
        else expect(got).toEqual(expected);
      });
    }
  });
}
