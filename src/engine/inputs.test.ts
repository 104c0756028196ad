import { describe, expect, it } from 'vitest';
import type { Controller } from './sim/controller';
import type { Deployment } from './api/types';
import { applyInput } from './inputs';
import { Simulation } from './sim/simulation';

/** A bare simulation (no controllers at work) with the default namespace: applies only touch the store. */
function bare(): Simulation {
  const kubelet: Controller = { name: 'kubelet', component: 'kubelet', watches: [], reconcile: () => {} };
  const sim = new Simulation({ seed: 1, images: {} }, [kubelet]);
  sim.act('test', () => {
    sim.api.create('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  });
  sim.start();
  return sim;
}

function deployment(image: string, replicas = 2, extra = ''): string {
  return `apiVersion: apps/v1
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
          image: ${image}
${extra}`;
}

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80}]
`;

describe('applyInput: apply', () => {
  it('creates, then reports unchanged, then configured, printing like kubectl', () => {
    const sim = bare();
    const first = applyInput(sim, { type: 'apply', manifests: `${deployment('shop:1.0')}---\n${SERVICE}` });
    expect(first).toEqual({
      ok: true,
      exitCode: 0,
      message: 'deployment.apps/web created\nservice/web created',
    });

    const again = applyInput(sim, { type: 'apply', manifests: `${deployment('shop:1.0')}---\n${SERVICE}` });
    expect(again.message).toBe('deployment.apps/web unchanged\nservice/web unchanged');

    const before = sim.store.get('Deployment', 'default', 'web') as Deployment;
    // Status written by a controller survives an apply; so do controller annotations.
    sim.act('test', () => {
      sim.api.updateStatus('Deployment', { ...before, status: { replicas: 2, readyReplicas: 2 } });
      const cur = sim.store.get('Deployment', 'default', 'web') as Deployment;
      sim.api.update('Deployment', {
        ...cur,
        metadata: { ...cur.metadata, annotations: { 'deployment.kubernetes.io/revision': '1' } },
      });
    });
    const next = applyInput(sim, { type: 'apply', manifests: deployment('shop:2.0', 3) });
    expect(next.message).toBe('deployment.apps/web configured');
    const after = sim.store.get('Deployment', 'default', 'web') as Deployment;
    expect(after.spec?.replicas).toBe(3);
    expect(after.spec?.template.spec?.containers[0]?.image).toBe('shop:2.0');
    expect(after.metadata?.generation).toBe(2);
    expect(after.metadata?.uid).toBe(before.metadata?.uid);
    expect(after.status).toEqual({ replicas: 2, readyReplicas: 2 });
    expect(after.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
  });

  it('is atomic: one invalid document and nothing is written', () => {
    const sim = bare();
    applyInput(sim, { type: 'apply', manifests: SERVICE });
    const rv = sim.store.resourceVersion;
    const bad = `${SERVICE.replace('name: web', 'name: other')}---\n${deployment('shop:1.0', -1)}`;
    const r = applyInput(sim, { type: 'apply', manifests: bad });
    expect(r.ok).toBe(false);
    expect(r.exitCode).toBe(1);
    expect(r.message).toBe(
      '15:13: Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
    expect(r.diagnostics).toHaveLength(1);
    expect(sim.store.get('Service', 'default', 'other')).toBeUndefined();
    expect(sim.store.get('Deployment', 'default', 'web')).toBeUndefined();
    expect(sim.store.resourceVersion).toBe(rv);
  });

  it('refuses unknown fields, unknown kinds and YAML errors without writing', () => {
    const sim = bare();
    const rv = sim.store.resourceVersion;
    const unknown = applyInput(sim, {
      type: 'apply',
      manifests: deployment('shop:1.0', 1, '          portz: []\n'),
    });
    expect(unknown.message).toMatch(/^17:11: unknown field "spec\.template\.spec\.containers\[0\]\.portz"/);
    const kind = applyInput(sim, {
      type: 'apply',
      manifests: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: s}\n',
    });
    expect(kind.message).toMatch(/^2:7: unsupported kind "NetworkPolicy"/);
    const syntax = applyInput(sim, { type: 'apply', manifests: 'kind: [\n' });
    expect(syntax.message).toMatch(/^2:1: YAML syntax error/);
    const empty = applyInput(sim, { type: 'apply', manifests: '# nothing\n' });
    expect(empty).toEqual({ ok: false, exitCode: 1, message: 'error: no objects passed to apply' });
    expect(sim.store.resourceVersion).toBe(rv);
  });

  it('creates a namespace before the objects in it, whatever the document order', () => {
    const sim = bare();
    const svc = SERVICE.replace('  name: web\n', '  name: web\n  namespace: shop\n');
    const r = applyInput(sim, {
      type: 'apply',
      manifests: `${svc}---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n`,
    });
    expect(r.message).toBe('namespace/shop created\nservice/web created');
    const missing = applyInput(sim, {
      type: 'apply',
      manifests: svc.replace('namespace: shop', 'namespace: nope'),
    });
    expect(missing.message).toBe('5:14: namespaces "nope" not found');
  });
});

describe('applyInput: kubectl and faults', () => {
  it('runs kubectl: output as a terminal shows it, exit code, stdin for apply -f -', () => {
    const sim = bare();
    expect(applyInput(sim, { type: 'kubectl', command: 'kubectl get pods' })).toEqual({
      ok: true,
      exitCode: 0,
      message: 'No resources found in default namespace.',
    });
    expect(applyInput(sim, { type: 'kubectl', command: 'get podz' })).toEqual({
      ok: false,
      exitCode: 1,
      message: 'error: the server doesn\'t have a resource type "podz"',
    });
    const r = applyInput(sim, { type: 'kubectl', command: 'apply -f -', stdin: SERVICE });
    expect(r).toEqual({ ok: true, exitCode: 0, message: 'service/web created' });
  });

  it('runs a fault', () => {
    const sim = bare();
    sim.act('test', () => {
      sim.api.create('Node', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } });
    });
    const r = applyInput(sim, { type: 'fault', fault: { type: 'NodeFailure', node: 'node-1' } });
    expect(r).toEqual({ ok: true, exitCode: 0, message: 'node/node-1 powered off' });
  });
});
