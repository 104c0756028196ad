import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'setpoint-sim-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function sim(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  // tsx from node_modules directly, as `npx tsx` does, without npm's own warnings on stderr.
  const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/sim.ts', ...args], {
    encoding: 'utf8',
    cwd: process.cwd(),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GOOD = `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata: {name: cli}
spec:
  nodes: [{name: node-1}]
  timeline:
    - {at: 2s, kubectl: get pods}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: shop}
spec:
  replicas: 1
  selector: {matchLabels: {app: shop}}
  template:
    metadata: {labels: {app: shop}}
    spec:
      containers: [{name: shop, image: "shop:1.0"}]
`;

describe('sim CLI', () => {
  it('refuses a bad scenario: exit 2, file:line:column on stderr, nothing on stdout', () => {
    const bad = file('bad.yaml', GOOD.replace('replicas: 1', 'replicas: 1\n  replicaz: 2'));
    const r = sim(bad, '--json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:14:3: unknown field "spec\\.replicaz"`),
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);

  it('refuses bad arguments with exit 2 and nothing on stdout', () => {
    const r = sim('--until', 'soon');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^sim: --until: invalid duration "soon"/);
  }, 30_000);

  it('prints JSON lines: events, kubectl output and state every --every and at the end', () => {
    const r = sim(file('good.yaml', GOOD), '--json', '--until', '5s', '--every', '2s');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(new Set(lines.map((l) => l.kind))).toEqual(new Set(['event', 'state', 'kubectl']));
    const states = lines.filter((l) => l.kind === 'state');
    expect(states.map((s) => s.t)).toEqual([2, 4, 5]);
    expect(Object.keys(states[0] ?? {})).toEqual([
      't',
      'kind',
      'nodes',
      'deployments',
      'replicaSets',
      'pods',
      'services',
      'hpas',
      'statefulSets',
      'traffic',
    ]);
    const scaled = lines.find((l) => l.kind === 'event' && l.reason === 'ScalingReplicaSet');
    expect(Object.keys(scaled ?? {})).toEqual(['t', 'kind', 'type', 'reason', 'object', 'message']);
    expect(scaled).toMatchObject({ t: 0, type: 'Normal', object: 'Deployment/default/shop' });
    expect(lines.find((l) => l.kind === 'event' && String(l.object).startsWith('Node/'))?.object).toBe(
      'Node/node-1',
    );
    const kubectl = lines.find((l) => l.kind === 'kubectl');
    expect(kubectl).toMatchObject({ t: 2, command: 'get pods', exitCode: 0 });
    expect(String(kubectl?.output)).toMatch(
      /^NAME +READY {3}STATUS {4}RESTARTS {3}AGE\nshop-\w+-\w{5} {3}1\/1 {5}Running {3}0 {10}2s$/,
    );
    expect(Object.keys(kubectl ?? {})).toEqual(['t', 'kind', 'command', 'output', 'exitCode']);
    const last = states[2] as { pods: { node: string; status: string; owner: string }[] };
    expect(last.pods).toHaveLength(1);
    expect(last.pods[0]).toMatchObject({ node: 'node-1', status: 'Running' });
    expect(last.pods[0]?.owner).toMatch(/^ReplicaSet\/shop-/);
    // Time order.
    const ts = lines.map((l) => l.t as number);
    expect([...ts].sort((a, b) => a - b)).toEqual(ts);
  }, 30_000);
});
