import { describe, expect, it } from 'vitest';
import { bare, kubectl } from './testkit';

describe('runKubectl: command lookup and kubectl errors', () => {
  const sim = bare();

  it('accepts a leading "kubectl" or not', () => {
    expect(kubectl(sim, 'kubectl version --client').stdout).toBe(
      'Client Version: v1.34.2\nKustomize Version: v5.7.1',
    );
    expect(kubectl(sim, 'version --client').exitCode).toBe(0);
  });

  it("unknown command: kubectl's error, a suggestion when close, and the supported list", () => {
    const r = kubectl(sim, 'gte pods');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^error: unknown command "gte" for "kubectl"\n\nDid you mean this\?\n\tget\n\nRun 'kubectl --help' for usage\.\nThe simulator's kubectl supports: annotate, api-resources, apply, .*get.*\.$/,
    );
    expect(kubectl(sim, 'frobnicate').stderr.split('\n').slice(0, 2)).toEqual([
      'error: unknown command "frobnicate" for "kubectl"',
      "Run 'kubectl --help' for usage.",
    ]);
  });

  it('unknown flag and unknown shorthand name the command', () => {
    expect(kubectl(sim, 'get pods --foo')).toEqual({
      stdout: '',
      stderr: "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.",
      exitCode: 1,
    });
    expect(kubectl(sim, 'get pods -z').stderr).toBe(
      "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.",
    );
    expect(kubectl(sim, 'rollout status deploy/web --bogus').stderr).toBe(
      "error: unknown flag: --bogus\nSee 'kubectl rollout status --help' for usage.",
    );
  });

  it('finds sub-commands past global flags, and reports an unknown sub-command', () => {
    expect(kubectl(sim, '-n kube-system rollout status deploy web').stderr).toBe(
      'Error from server (NotFound): deployments.apps "web" not found',
    );
    expect(kubectl(sim, 'rollout foo')).toEqual({
      stdout: '',
      stderr: 'error: unknown command "foo"\nSee \'kubectl rollout -h\' for help and examples',
      exitCode: 1,
    });
  });

  it('prints usage for kubectl --help, a group, and a command --help', () => {
    const root = kubectl(sim, '--help');
    expect(root.exitCode).toBe(0);
    expect(root.stdout).toMatch(/^kubectl controls the Kubernetes cluster manager/);
    expect(root.stdout).toMatch(/\n {2}get {13}Display one or many resources\n/);
    expect(kubectl(sim, '').stdout).toBe(root.stdout);
    expect(kubectl(sim, 'rollout').stdout).toMatch(
      /Available Commands:\n {2}history {3}View rollout history\n/,
    );
    const help = kubectl(sim, 'rollout status -h').stdout;
    expect(help).toMatch(/^Show the status of the rollout\.\n\nSimulator: prints the status line/);
    expect(help).toContain('Usage:\n  kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]');
  });

  it('notes ignored kubeconfig flags on stderr and still runs', () => {
    const r = kubectl(sim, 'version --client --context=prod');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('note: --context ignored: the simulator has a single cluster');
    expect(r.stdout).toMatch(/^Client Version/);
  });

  it('reports a tokenising error', () => {
    expect(kubectl(sim, "get pods -l 'app=web").stderr).toBe(
      "error: unexpected EOF while looking for matching `''",
    );
  });

  it('resolves command aliases (create ns)', () => {
    expect(kubectl(sim, 'create ns dev --dry-run=client').stdout).toBe('namespace/dev created (dry run)');
  });
});

describe('runKubectl during a control-plane outage', () => {
  it('cannot reach the API server: every command but version prints the connection error', () => {
    const sim = bare();
    sim.api.available = false;
    const r = kubectl(sim, 'get pods');
    expect(r).toMatchObject({
      stdout: '',
      stderr:
        'The connection to the server 10.96.0.1:6443 was refused - did you specify the right host or port?',
      exitCode: 1,
    });
    expect(kubectl(sim, 'version --client').exitCode).toBe(0);
    sim.api.available = true;
    expect(kubectl(sim, 'get pods').exitCode).toBe(0);
  });
});
