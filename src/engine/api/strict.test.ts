import { KIND_INFO } from './types';
import { describe, expect, it } from 'vitest';
import schema from './schema/kubernetes.json';
import { strictDecode } from './strict';

const deployment = (spec: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [{ name: 'app', image: 'nginx', resources: { limits: { cpu: 1, memory: '128Mi' } } }],
      },
    },
    strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
    ...spec,
  },
});

describe('strictDecode', () => {
  it('accepts a well-formed manifest, with IntOrString, numeric quantities and read-only fields', () => {
    const d = deployment({});
    (d.metadata as Record<string, unknown>).creationTimestamp = '2026-01-01T09:00:00Z';
    expect(strictDecode('Deployment', d)).toEqual([]);
  });

  it('reports an unknown field at spec level with the supported fields', () => {
    const problems = strictDecode('Deployment', deployment({ replicass: 3 }));
    expect(problems).toEqual([
      {
        path: 'spec.replicass',
        message: 'unknown field "spec.replicass"',
        supported: [
          'minReadySeconds',
          'paused',
          'progressDeadlineSeconds',
          'replicas',
          'revisionHistoryLimit',
          'selector',
          'strategy',
          'template',
        ],
      },
    ]);
  });

  it('reports unknown fields deep inside lists, and at the top level', () => {
    const d = deployment({});
    const containers = (d.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template
      .spec.containers;
    containers[0]!.imagee = 'nginx';
    d.specc = {};
    const problems = strictDecode('Deployment', d);
    expect(problems.map((p) => p.path)).toEqual(['spec.template.spec.containers[0].imagee', 'specc']);
    expect(problems[0]?.message).toBe('unknown field "spec.template.spec.containers[0].imagee"');
    expect(problems[0]?.supported).toContain('image');
    expect(problems[0]?.supported).toContain('imagePullPolicy');
    expect(problems[1]?.supported).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  });

  it('reports type mismatches in Go encoding/json wording', () => {
    expect(strictDecode('Deployment', deployment({ replicas: 'three' }))).toEqual([
      {
        path: 'spec.replicas',
        message:
          'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
      },
    ]);
    expect(strictDecode('Deployment', deployment({ replicas: 1.5 }))[0]?.message).toBe(
      'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
    const d = deployment({});
    const tpl = (d.spec as { template: { spec: Record<string, unknown> } }).template;
    tpl.spec.containers = [{ name: 'app', image: 42 }];
    tpl.spec.terminationGracePeriodSeconds = 'soon';
    expect(strictDecode('Deployment', d).map((p) => p.message)).toEqual([
      'json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.image of type string',
      'json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.terminationGracePeriodSeconds of type int64',
    ]);
    expect(strictDecode('Deployment', deployment({ template: [] }))[0]?.message).toBe(
      'json: cannot unmarshal array into Go struct field DeploymentSpec.spec.template of type v1.PodTemplateSpec',
    );
    expect(strictDecode('Pod', { metadata: { labels: ['a'] } })[0]).toEqual({
      path: 'metadata.labels',
      message:
        'json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string',
    });
    expect(strictDecode('Pod', { spec: { containers: {} } })[0]?.message).toBe(
      'json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container',
    );
  });

  it('checks quantities and IntOrString values', () => {
    const d = deployment({ strategy: { rollingUpdate: { maxSurge: true } } });
    const tpl = (d.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template;
    tpl.spec.containers[0]!.resources = { requests: { cpu: 'lots' } };
    expect(strictDecode('Deployment', d)).toEqual([
      {
        path: 'spec.template.spec.containers[0].resources.requests[cpu]',
        message:
          "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      },
      {
        path: 'spec.strategy.rollingUpdate.maxSurge',
        message: 'json: cannot unmarshal bool into Go value of type int32',
      },
    ]);
  });

  it('never throws: null, scalars, arrays, nulls inside, deep nesting, cycles', () => {
    expect(strictDecode('Pod', null)).toEqual([]);
    expect(strictDecode('Pod', [])).toEqual([
      { path: '', message: 'json: cannot unmarshal array into Go value of type v1.Pod' },
    ]);
    expect(strictDecode('Pod', 'pod')[0]?.path).toBe('');
    expect(strictDecode('Pod', { spec: null, metadata: { labels: null } })).toEqual([]);
    let deep: Record<string, unknown> = {};
    const top = deep;
    for (let i = 0; i < 10_000; i++) deep = (deep.x = {}) as Record<string, unknown>;
    expect(() => strictDecode('Pod', { metadata: { annotations: top } })).not.toThrow();
    const cyc: Record<string, unknown> = { name: 'a', image: 'b' };
    cyc.ports = [cyc];
    expect(() => strictDecode('Pod', { spec: { containers: [cyc] } })).not.toThrow();
    expect(() => strictDecode('Service', { spec: { ports: [[[[[]]]]] } })).not.toThrow();
  });
});

describe('generated schema', () => {
  type S = { $ref?: string; allOf?: S[]; properties?: Record<string, S>; items?: S; type?: unknown };
  const defs = (schema as unknown as { definitions: Record<string, S> }).definitions;
  const kinds = (schema as unknown as { kinds: Record<string, S> }).kinds;
  const resolve = (s: S | undefined): S | undefined => {
    let cur = s;
    while (cur?.$ref || cur?.allOf)
      cur = cur.$ref ? defs[cur.$ref.replace('#/definitions/', '')] : cur.allOf?.[0];
    return cur;
  };
  const at = (s: S | undefined, ...path: string[]): S | undefined =>
    path.reduce<S | undefined>(
      (cur, p) => resolve(p === 'items' ? resolve(cur)?.items : resolve(cur)?.properties?.[p]),
      s,
    );

  it('has every served kind', () => {
    expect(Object.keys(kinds).sort()).toEqual(Object.keys(KIND_INFO).sort());
  });

  it('describes Deployment.spec.template.spec.containers.items', () => {
    const container = at(kinds.Deployment, 'spec', 'template', 'spec', 'containers', 'items');
    expect(Object.keys(container?.properties ?? {})).toEqual(
      expect.arrayContaining(['name', 'image', 'ports', 'resources', 'readinessProbe']),
    );
    const replicas = at(kinds.Deployment, 'spec', 'replicas') as Record<string, unknown>;
    expect(replicas).toMatchObject({ type: 'integer', format: 'int32' });
    expect(String(replicas.description)).toContain('Defaults to 1');
    expect(at(kinds.Deployment, 'spec', 'strategy', 'rollingUpdate', 'maxSurge')).toMatchObject({
      'x-kubernetes-int-or-string': true,
    });
    expect(at(kinds.Pod, 'metadata', 'creationTimestamp')).toMatchObject({ type: 'string', readOnly: true });
    const limits = at(kinds.Pod, 'spec', 'containers', 'items', 'resources', 'limits') as Record<string, S>;
    expect(limits.additionalProperties).toMatchObject({ 'x-kubernetes-quantity': true });
  });
});
