import { appliableKinds } from '../manifest/check';
import { describe, expect, it } from 'vitest';
import { MAX_SOURCE_BYTES } from '../manifest/parse';
import { ScenarioError } from '../base/diagnostics';
import { loadScenario } from './validate';

/** The diagnostics of a scenario that must fail, as "line:column: message". */
function errorsOf(text: string): string[] {
  try {
    loadScenario(text);
  } catch (e) {
    if (e instanceof ScenarioError) return e.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`);
    throw e;
  }
  throw new Error('expected the scenario to be refused');
}

const HEAD = 'apiVersion: setpoint.dev/v1alpha1\nkind: Scenario\nmetadata:\n  name: t\n';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: shop:1.0
`;

describe('loadScenario: a good file', () => {
  it('applies defaults: seed 1, three nodes, no images, timeline or traffic', () => {
    const s = loadScenario(HEAD);
    expect(s.name).toBe('t');
    expect(s.seed).toBe(1);
    expect(s.nodes.map((n) => n.name)).toEqual(['node-1', 'node-2', 'node-3']);
    expect(s.images).toEqual({});
    expect(s.timeline).toEqual([]);
    expect(s.manifests).toEqual([]);
  });

  it('reads nodes, images, traffic, timeline and manifests', () => {
    const s = loadScenario(`${HEAD}spec:
  seed: 7
  nodes:
    - name: a
      capacity: {cpu: 2, memory: 4Gi, pods: "20"}
      labels: {topology.kubernetes.io/zone: zone-a}
      taints: [{key: dedicated, value: gpu, effect: NoSchedule}]
  images:
    shop:2.0: {exitAfterSeconds: 0, exitCode: 1}
    model:1.0: {startupSeconds: 8, errorRate: 0.5, pullError: false}
  traffic:
    - {service: shop, requestsPerSecond: 20}
  timeline:
    - {at: 1m30s, fault: {type: NodeFailure, node: a}}
    - {at: 30, kubectl: "get pods"}
    - at: 2m
      apply: |
        apiVersion: v1
        kind: Namespace
        metadata:
          name: team
---
${DEPLOYMENT}`);
    expect(s.seed).toBe(7);
    expect(s.nodes).toEqual([
      {
        name: 'a',
        capacity: { cpu: '2', memory: '4Gi', pods: '20' },
        labels: { 'topology.kubernetes.io/zone': 'zone-a' },
        taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
      },
    ]);
    expect(s.images['model:1.0']).toEqual({ startupSeconds: 8, errorRate: 0.5, pullError: false });
    expect(s.traffic).toEqual([{ service: 'shop', namespace: 'default', requestsPerSecond: 20 }]);
    expect(s.timeline.map((e) => [e.index, e.at, e.input.type])).toEqual([
      [0, 90, 'fault'],
      [1, 30, 'kubectl'],
      [2, 120, 'apply'],
    ]);
    expect(s.manifests.map((m) => `${m.kind}/${m.object.metadata?.name ?? ''}`)).toEqual(['Deployment/web']);
  });

  it('accepts manifests without a Scenario document (all defaults)', () => {
    const s = loadScenario(DEPLOYMENT);
    expect(s.nodes).toHaveLength(3);
    expect(s.manifests).toHaveLength(1);
  });
});

describe('loadScenario: YAML errors', () => {
  it('reports a syntax error at its line and column', () => {
    expect(errorsOf(`${HEAD}spec:\n  timeline: foo: bar\n`)).toEqual([
      '6:13: YAML syntax error: Nested mappings are not allowed in compact mappings',
    ]);
  });

  it('reports duplicate keys', () => {
    expect(errorsOf(`${HEAD}spec:\n  seed: 1\n  seed: 2\n`)).toEqual([
      '7:3: YAML syntax error: mapping keys must be unique',
    ]);
  });

  it('refuses input over 1 MiB before parsing', () => {
    const big = `${HEAD}# ${'x'.repeat(MAX_SOURCE_BYTES)}\n`;
    expect(errorsOf(big)).toEqual(['1:1: input is too large (1.0 MiB): the limit is 1 MiB']);
  });

  it('refuses an alias bomb, pointing at the first alias', () => {
    let bomb = `${HEAD}spec:\n  images:\n    a: &a {pullSeconds: 1}\n`;
    bomb += 'x0: &x0 [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n';
    for (let i = 1; i < 6; i++)
      bomb += `x${i}: &x${i} [${Array(10)
        .fill(`*x${i - 1}`)
        .join(', ')}]\n`;
    expect(errorsOf(bomb)).toEqual([
      '8:10: YAML aliases expand too much (more than 100 alias uses): refusing a possible alias bomb',
    ]);
  });

  it('reports an unresolved alias', () => {
    expect(errorsOf(`${HEAD}spec:\n  seed: *nope\n`)).toEqual([
      '6:9: YAML syntax error: Unresolved alias (the anchor must be set before the alias): nope',
    ]);
  });
});

describe('loadScenario: manifests', () => {
  it('refuses an unsupported kind and lists the supported ones', () => {
    const errors = errorsOf(`${HEAD}---\napiVersion: v1\nkind: ConfigMapp\nmetadata: {name: x}\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBe(
      `7:7: unsupported kind "ConfigMapp" (supported kinds: ${appliableKinds().join(', ')})`,
    );
  });

  it('sends Node manifests to spec.nodes', () => {
    expect(errorsOf(`---\napiVersion: v1\nkind: Node\nmetadata: {name: x}\n`)[0]).toMatch(
      /^3:7: unsupported kind "Node": nodes are declared in the Scenario document under spec.nodes/,
    );
  });

  it('refuses a missing kind or a wrong apiVersion', () => {
    expect(errorsOf(`apiVersion: v1\nmetadata: {name: x}\n`)[0]).toMatch(/^1:1: kind not set/);
    expect(errorsOf(`apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: x}\n`)).toEqual([
      '1:13: no matches for kind "Deployment" in version "extensions/v1beta1": Deployment is served at apps/v1',
    ]);
  });

  it('points at an unknown field deep inside a Deployment and lists the supported fields', () => {
    const text = `${HEAD}---\n${DEPLOYMENT}          imagePullPolicyy: Always\n`;
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^23:11: unknown field "spec\.template\.spec\.containers\[0\]\.imagePullPolicyy" \(supported fields: .*imagePullPolicy, .*\)$/,
    );
  });

  it('reports an invalid value in Kubernetes words at the value', () => {
    const text = `${HEAD}---\n${DEPLOYMENT.replace('replicas: 2', 'replicas: -1')}`;
    expect(errorsOf(text)).toEqual([
      '11:13: Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('refuses a manifest in a namespace that nothing creates', () => {
    const text = DEPLOYMENT.replace('  name: web\n', '  name: web\n  namespace: shop\n');
    expect(errorsOf(text)).toEqual(['5:14: namespaces "shop" not found: add a Namespace manifest for it']);
    expect(() =>
      loadScenario(`apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n${text}`),
    ).not.toThrow();
  });

  it('refuses the same object twice', () => {
    expect(errorsOf(`${DEPLOYMENT}---\n${DEPLOYMENT}`)).toEqual([
      '22:9: Deployment "web" is defined twice (also at line 1)',
    ]);
  });

  it('refuses more than 10,000 pods, counting replicas', () => {
    const text = `${DEPLOYMENT.replace('replicas: 2', 'replicas: 6000')}---\n${DEPLOYMENT.replace('replicas: 2', 'replicas: 5000').replace('name: web\n', 'name: web2\n')}`;
    expect(errorsOf(text)).toEqual([
      '24:13: too many pods: this scenario would run 11,000 pods (at most 10,000; Deployment and ReplicaSet replicas count)',
    ]);
  });
});

describe('loadScenario: the Scenario document', () => {
  it('lists the supported fields for an unknown one', () => {
    expect(errorsOf(`${HEAD}spec:\n  nodez: []\n`)).toEqual([
      '6:3: unknown field "nodez" in Scenario spec (supported fields: autoscaler, images, nodes, seed, timeline, traffic)',
    ]);
    expect(errorsOf(`${HEAD}extra: 1\n`)).toEqual([
      '5:1: unknown field "extra" in Scenario (supported fields: apiVersion, kind, metadata, spec)',
    ]);
  });

  it('refuses a wrong apiVersion and a second Scenario document', () => {
    expect(errorsOf('apiVersion: setpoint.dev/v1\nkind: Scenario\n')).toEqual([
      '1:13: no matches for kind "Scenario" in version "setpoint.dev/v1": use setpoint.dev/v1alpha1',
    ]);
    expect(errorsOf(`${HEAD}---\n${HEAD}`)).toEqual([
      '7:7: a scenario file has one Scenario document (the first is at line 1)',
    ]);
  });

  it('checks nodes: names, duplicates, capacity, taints', () => {
    const errors = errorsOf(`${HEAD}spec:
  nodes:
    - name: Node_1
    - name: b
    - name: b
    - name: c
      capacity: {cpu: lots, gpu: "1"}
    - name: d
      taints: [{key: k, effect: NoRun}]
`);
    expect(errors).toEqual([
      expect.stringMatching(
        /^7:13: spec\.nodes\[0\]\.name: Invalid value: "Node_1": a lowercase RFC 1123 subdomain/,
      ),
      '9:13: spec.nodes[2].name: Duplicate value: "b"',
      '11:23: spec.nodes[3].capacity.cpu: Invalid value: "lots": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
      '11:29: unknown field "gpu" in node capacity (supported fields: cpu, memory, pods)',
      '13:33: spec.nodes[4].taints[0].effect: Unsupported value: "NoRun": supported values: "NoExecute", "NoSchedule", "PreferNoSchedule"',
    ]);
  });

  it('refuses more than 1,000 nodes', () => {
    const nodes = Array.from({ length: 1001 }, (_, i) => `    - name: n${i}\n`).join('');
    expect(errorsOf(`${HEAD}spec:\n  nodes:\n${nodes}`)).toEqual([
      '7:5: too many nodes: 1,001 (a scenario may have at most 1,000)',
    ]);
  });

  it('checks image behaviour keys, types and ranges', () => {
    const errors = errorsOf(`${HEAD}spec:
  images:
    a:1: {pullSecs: 1}
    b:1: {startupSeconds: "8"}
    c:1: {errorRate: 2}
    d:1: {exitCode: 1}
    e:1: {pullError: 1}
`);
    expect(errors).toEqual([
      expect.stringMatching(
        /^7:11: unknown field "pullSecs" in image behaviour \(supported fields: baseCpuMillis, .*pullSeconds, shutdownSeconds, startupSeconds\)$/,
      ),
      '8:27: startupSeconds: Invalid value: "8": must be a number >= 0',
      '9:22: errorRate: Invalid value: 2: must be between 0 and 1',
      '10:11: exitCode needs exitAfterSeconds: the process exits with this code after that many seconds',
      '11:22: pullError: Invalid value: 1: must be true or false',
    ]);
  });

  it('checks timeline entries: time, exactly one action, faults', () => {
    const errors = errorsOf(`${HEAD}spec:
  timeline:
    - {at: 5x, kubectl: get pods}
    - {at: 1m, kubectl: get pods, fault: {type: NodeFailure, node: n}}
    - {at: 1m}
    - {at: 1m, fault: {type: NodeExplode}}
    - {at: 1m, fault: {type: PodCrash, count: 2}}
    - {at: 1m, fault: {type: NodeDrain, node: node-1, grace: 3}}
`);
    expect(errors).toEqual([
      '7:12: at: invalid duration "5x": expected a duration like "90s", "5m", "1h" or "1m30s"',
      '8:35: a timeline entry has exactly one of apply, kubectl or fault (this one also has kubectl)',
      '9:7: a timeline entry needs one of apply, kubectl or fault',
      '10:30: unsupported fault type "NodeExplode" (supported types: AppHang, ControlPlaneOutage, NodeDrain, NodeFailure, NodeRecovery, PodCrash, PodDelete, TrafficChange)',
      '11:23: give either pod (a pod name) or selector (e.g. "app=web")',
      '12:55: unknown field "grace" in NodeDrain fault (supported fields: node, type)',
    ]);
  });

  it('checks the manifests of a timeline apply at their own lines', () => {
    const errors = errorsOf(`${HEAD}spec:
  timeline:
    - at: 1m
      apply: |
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 1
          selectorr: {}
`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^14:11: unknown field "spec\.selectorr"/);
  });
});
