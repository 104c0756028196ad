import { describe, expect, it } from 'vitest';
import type { DaemonSet, Job, PersistentVolumeClaim, StatefulSet } from '../types';
import { errorsOf, newApi } from './testutil';

function sts(spec: Partial<NonNullable<StatefulSet['spec']>> = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'default' },
    spec: {
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: {
        metadata: { labels: { app: 'db' } },
        spec: { containers: [{ name: 'db', image: 'db:1.0' }] },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      ],
      ...spec,
    },
  };
}

describe('StatefulSet admission', () => {
  it('defaults replicas, policies, strategy, history and retention', () => {
    const s = newApi().create('StatefulSet', sts());
    expect(s.spec).toMatchObject({
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    });
    expect(s.spec?.template.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' });
    expect(s.spec?.volumeClaimTemplates?.[0]?.spec?.volumeMode).toBe('Filesystem');
    expect(s.metadata?.generation).toBe(1);
  });

  it("validates the selector, template labels, policies and claim templates with Kubernetes' wording", () => {
    expect(
      errorsOf(
        'StatefulSet',
        sts({ template: { metadata: { labels: { app: 'x' } }, spec: { containers: [] } } }),
      ),
    ).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
    ]);
    expect(errorsOf('StatefulSet', sts({ podManagementPolicy: 'Random' }))).toEqual([
      "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'",
    ]);
    expect(
      errorsOf(
        'StatefulSet',
        sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: -1 } } }),
      ),
    ).toEqual([
      'spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0',
    ]);
    expect(
      errorsOf(
        'StatefulSet',
        sts({
          volumeClaimTemplates: [
            { metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1Gi' } } } },
          ],
        }),
      ),
    ).toEqual([
      'spec.volumeClaimTemplates[0].spec.accessModes: Required value: at least 1 access mode is required',
    ]);
    const never = sts();
    const spec = never.spec as NonNullable<StatefulSet['spec']>;
    expect(
      errorsOf('StatefulSet', {
        ...never,
        spec: {
          ...spec,
          template: {
            ...spec.template,
            spec: {
              ...spec.template.spec,
              containers: spec.template.spec?.containers ?? [],
              restartPolicy: 'Never',
            },
          },
        },
      }),
    ).toEqual(['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']);
  });

  it('allows replicas, template and strategy updates, and forbids the rest', () => {
    const api = newApi();
    const s = api.create('StatefulSet', sts());
    const spec = s.spec as NonNullable<StatefulSet['spec']>;
    expect(() =>
      api.update('StatefulSet', { ...s, spec: { ...spec, replicas: 5, minReadySeconds: 3 } }),
    ).not.toThrow();
    const cur = api.read('StatefulSet', 'default', 'db');
    expect(cur.metadata?.generation).toBe(2);
    expect(errorsOf('StatefulSet', { ...cur, spec: { ...spec, serviceName: 'other' } }, cur, api)).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });
});

describe('PersistentVolumeClaim admission', () => {
  const pvc = (spec: PersistentVolumeClaim['spec']): PersistentVolumeClaim => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data', namespace: 'default' },
    ...(spec ? { spec } : {}),
  });

  it('gets the default storage class, unless it asks for none with ""', () => {
    const api = newApi();
    const a = api.create(
      'PersistentVolumeClaim',
      pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }),
    );
    expect(a.spec?.storageClassName).toBe('standard');
    expect(a.status?.phase).toBe('Pending');
    const b = api.create('PersistentVolumeClaim', {
      ...pvc({
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '1Gi' } },
        storageClassName: '',
      }),
      metadata: { name: 'b', namespace: 'default' },
    });
    expect(b.spec?.storageClassName).toBe('');
  });

  it('requires access modes and a storage request, and freezes the spec', () => {
    expect(errorsOf('PersistentVolumeClaim', pvc({ accessModes: ['ReadWriteSometimes'] }))).toEqual([
      'spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      'spec.resources[storage]: Required value',
    ]);
    const api = newApi();
    const c = api.create(
      'PersistentVolumeClaim',
      pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }),
    );
    expect(
      errorsOf(
        'PersistentVolumeClaim',
        { ...c, spec: { ...c.spec, accessModes: ['ReadWriteMany'] } },
        c,
        api,
      ),
    ).toEqual([
      'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    ]);
    expect(
      errorsOf('PersistentVolumeClaim', { ...c, spec: { ...c.spec, volumeName: 'pv-1' } }, c, api),
    ).toEqual([]);
  });
});

describe('DaemonSet and Job admission', () => {
  const daemon = (strategy?: NonNullable<DaemonSet['spec']>['updateStrategy']): DaemonSet => ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'a', image: 'agent:1' }] },
      },
      ...(strategy ? { updateStrategy: strategy } : {}),
    },
  });

  it('DaemonSet defaults RollingUpdate maxUnavailable 1, maxSurge 0 and rejects both at zero', () => {
    expect(newApi().create('DaemonSet', daemon()).spec?.updateStrategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
    });
    expect(
      errorsOf(
        'DaemonSet',
        daemon({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } }),
      ),
    ).toEqual([
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    ]);
  });

  it('a Job must not restart Always, and its template is immutable', () => {
    const j: Job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default' },
      spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl:5' }] } } },
    };
    expect(errorsOf('Job', j)).toEqual([
      'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ]);
    const api = newApi();
    const spec = j.spec as NonNullable<Job['spec']>;
    const created = api.create('Job', {
      ...j,
      spec: {
        ...spec,
        template: {
          spec: {
            ...spec.template.spec,
            containers: spec.template.spec?.containers ?? [],
            restartPolicy: 'Never',
          },
        },
      },
    });
    const cs = created.spec as NonNullable<Job['spec']>;
    const changed = {
      ...created,
      spec: {
        ...cs,
        template: {
          ...cs.template,
          spec: { ...cs.template.spec, containers: [{ name: 'pi', image: 'perl:6' }] },
        },
      },
    };
    expect(errorsOf('Job', changed, created, api).map((e) => e.slice(0, 30))).toEqual([
      'spec.template: Invalid value: ',
    ]);
    expect(errorsOf('Job', changed, created, api)[0]).toMatch(/field is immutable$/);
  });
});
