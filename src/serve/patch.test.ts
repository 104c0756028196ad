import { describe, expect, it } from 'vitest';
import { jsonPatch, mergePatch, PatchError, strategicMergePatch } from './patch';
import { kindSchema } from './schema';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web', tier: 'front' }, finalizers: ['a'] },
  spec: {
    replicas: 2,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
    template: {
      spec: {
        containers: [
          { name: 'web', image: 'nginx:1', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] },
          { name: 'log', image: 'busybox' },
        ],
      },
    },
  },
};
const schema = kindSchema('Deployment');

describe('strategic merge patch', () => {
  it('merges containers by name and keeps the ones the patch does not name', () => {
    const out = strategicMergePatch(
      deployment,
      { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:2' }] } } } },
      schema,
    ) as typeof deployment;
    expect(out.spec.template.spec.containers.map((c) => [c.name, c.image])).toEqual([
      ['web', 'nginx:2'],
      ['log', 'busybox'],
    ]);
    // Fields of the merged container that the patch does not mention stay.
    expect(out.spec.template.spec.containers[0]?.ports).toEqual([{ containerPort: 80 }]);
  });

  it('merges ports by containerPort and env by name, appending new entries', () => {
    const out = strategicMergePatch(
      deployment,
      {
        spec: {
          template: {
            spec: {
              containers: [
                {
                  name: 'web',
                  ports: [{ containerPort: 443 }],
                  env: [
                    { name: 'A', value: '2' },
                    { name: 'B', value: 'x' },
                  ],
                },
              ],
            },
          },
        },
      },
      schema,
    ) as typeof deployment;
    const web = out.spec.template.spec.containers[0];
    expect(web?.ports).toEqual([{ containerPort: 80 }, { containerPort: 443 }]);
    expect(web?.env).toEqual([
      { name: 'A', value: '2' },
      { name: 'B', value: 'x' },
    ]);
  });

  it('deletes list elements with $patch: delete and map keys with null', () => {
    const out = strategicMergePatch(
      deployment,
      {
        metadata: { labels: { tier: null } },
        spec: { template: { spec: { containers: [{ name: 'log', $patch: 'delete' }] } } },
      },
      schema,
    ) as typeof deployment;
    expect(out.metadata.labels).toEqual({ app: 'web' });
    expect(out.spec.template.spec.containers.map((c) => c.name)).toEqual(['web']);
  });

  it('replaces a whole list with a {$patch: replace} element', () => {
    const out = strategicMergePatch(
      deployment,
      { spec: { template: { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } } } },
      schema,
    ) as typeof deployment;
    expect(out.spec.template.spec.containers).toEqual([{ name: 'only', image: 'x' }]);
  });

  it('honours $retainKeys on the retainKeys strategy (switching to Recreate drops rollingUpdate)', () => {
    const out = strategicMergePatch(
      deployment,
      { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
      schema,
    ) as typeof deployment;
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('orders a merged list by $setElementOrder and unions primitive merge lists', () => {
    const out = strategicMergePatch(
      deployment,
      {
        metadata: { finalizers: ['b'] },
        spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'log' }, { name: 'web' }] } } },
      },
      schema,
    ) as typeof deployment;
    expect(out.metadata.finalizers).toEqual(['a', 'b']);
    expect(out.spec.template.spec.containers.map((c) => c.name)).toEqual(['log', 'web']);
  });

  it('replaces lists that have no strategy (atomic), like args', () => {
    const base = { spec: { template: { spec: { containers: [{ name: 'web', args: ['a', 'b'] }] } } } };
    const out = strategicMergePatch(
      base,
      { spec: { template: { spec: { containers: [{ name: 'web', args: ['c'] }] } } } },
      schema,
    ) as typeof base;
    expect(out.spec.template.spec.containers[0]?.args).toEqual(['c']);
  });

  it('refuses a merge-key list element without its key', () => {
    expect(() =>
      strategicMergePatch(
        deployment,
        { spec: { template: { spec: { containers: [{ image: 'x' }] } } } },
        schema,
      ),
    ).toThrow('does not contain declared merge key: name');
  });
});

describe('JSON merge patch (RFC 7386)', () => {
  it('merges maps, deletes with null and replaces lists whole', () => {
    const out = mergePatch(deployment, {
      metadata: { labels: { tier: null } },
      spec: { template: { spec: { containers: [{ name: 'x' }] } } },
    }) as typeof deployment;
    expect(out.metadata.labels).toEqual({ app: 'web' });
    expect(out.spec.template.spec.containers).toEqual([{ name: 'x' }]);
  });
});

describe('JSON patch (RFC 6902)', () => {
  it('applies add, replace, remove, move, copy and test in order', () => {
    const out = jsonPatch({ a: { b: [1, 2] }, c: 'x' }, [
      { op: 'test', path: '/c', value: 'x' },
      { op: 'add', path: '/a/b/-', value: 3 },
      { op: 'replace', path: '/c', value: 'y' },
      { op: 'copy', from: '/c', path: '/d' },
      { op: 'move', from: '/a/b/0', path: '/e' },
      { op: 'remove', path: '/d' },
    ]);
    expect(out).toEqual({ a: { b: [2, 3] }, c: 'y', e: 1 });
  });

  it('fails on a failed test and on a missing path, leaving the input untouched', () => {
    const doc = { a: 1 };
    expect(() => jsonPatch(doc, [{ op: 'test', path: '/a', value: 2 }])).toThrow(PatchError);
    expect(() => jsonPatch(doc, [{ op: 'remove', path: '/b' }])).toThrow('missing value at "/b"');
    expect(doc).toEqual({ a: 1 });
  });
});
