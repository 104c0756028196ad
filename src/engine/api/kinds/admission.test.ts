import { describe, expect, it } from 'vitest';
import { newApi, pod } from './testutil';
import { admitDefaultTolerations } from './pod';

const NOT_READY = {
  key: 'node.kubernetes.io/not-ready',
  operator: 'Exists',
  effect: 'NoExecute',
  tolerationSeconds: 300,
};
const UNREACHABLE = {
  key: 'node.kubernetes.io/unreachable',
  operator: 'Exists',
  effect: 'NoExecute',
  tolerationSeconds: 300,
};

describe('DefaultTolerationSeconds', () => {
  it('adds not-ready and unreachable NoExecute tolerations of 300 s to a new pod', () => {
    const created = newApi().create('Pod', pod());
    expect(created.spec?.tolerations).toEqual([NOT_READY, UNREACHABLE]);
  });

  it('does not duplicate tolerations the pod already has, and keeps their seconds', () => {
    const own = {
      key: 'node.kubernetes.io/unreachable',
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: 10,
    };
    const created = newApi().create('Pod', pod({ tolerations: [own] }));
    expect(created.spec?.tolerations).toEqual([own, NOT_READY]);
  });

  it('a toleration of everything (empty key, Exists) covers both', () => {
    const all = { operator: 'Exists' };
    expect(admitDefaultTolerations(pod({ tolerations: [all] })).spec?.tolerations).toEqual([all]);
    // A NoSchedule-only toleration of the key does not cover the NoExecute taint: the default is added.
    const noSchedule = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' };
    expect(admitDefaultTolerations(pod({ tolerations: [noSchedule] })).spec?.tolerations).toEqual([
      noSchedule,
      NOT_READY,
      UNREACHABLE,
    ]);
  });

  it('a toleration naming the key with any value or seconds counts, as in the real plugin', () => {
    const equal = {
      key: 'node.kubernetes.io/unreachable',
      operator: 'Equal',
      value: 'x',
      effect: 'NoExecute',
      tolerationSeconds: 5,
    };
    expect(admitDefaultTolerations(pod({ tolerations: [equal] })).spec?.tolerations).toEqual([
      equal,
      NOT_READY,
    ]);
  });

  it('runs on create only: an update does not re-add removed defaults', () => {
    const api = newApi();
    const created = api.create('Pod', pod({ tolerations: [NOT_READY, UNREACHABLE] }));
    expect(created.spec?.tolerations).toEqual([NOT_READY, UNREACHABLE]);
    const updated = api.update('Pod', { ...created, metadata: { ...created.metadata, labels: { x: 'y' } } });
    expect(updated.spec?.tolerations).toEqual([NOT_READY, UNREACHABLE]);
  });

  it('pod templates are not admitted (only Pods get the tolerations)', () => {
    const api = newApi();
    const d = api.prepare('Deployment', {
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'a', image: 'x' }] } },
      },
    });
    expect(d.spec?.template.spec?.tolerations).toBeUndefined();
  });
});
