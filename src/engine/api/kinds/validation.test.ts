import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { deployment, errorsOf, newApi, pod } from './testutil';
import { POD_UPDATE_MESSAGE } from './pod';

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

describe('metadata', () => {
  it('names: DNS-1123 subdomain for most kinds, label for namespaces, DNS-1035 for services', () => {
    expect(errorsOf('Deployment', deployment({}, 'Web_1'))).toEqual([
      `metadata.name: Invalid value: "Web_1": ${SUBDOMAIN}`,
    ]);
    expect(errorsOf('Pod', pod({}, 'a.b'))).toEqual([]);
    expect(errorsOf('Namespace', { metadata: { name: 'a.b' } })).toEqual([
      'metadata.name: Invalid value: "a.b": must not contain dots',
    ]);
    expect(errorsOf('Namespace', { metadata: { name: 'Team' } })).toEqual([
      `metadata.name: Invalid value: "Team": ${LABEL}`,
    ]);
    expect(
      errorsOf('Service', {
        metadata: { name: '1web', namespace: 'default' },
        spec: { ports: [{ port: 80 }] },
      }),
    ).toEqual([
      `metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    ]);
    expect(errorsOf('Pod', pod({}, 'x'.repeat(254)))).toContain(
      `metadata.name: Invalid value: "${'x'.repeat(254)}": must be no more than 253 characters`,
    );
  });

  it('labels and annotations: keys and values', () => {
    const p = pod();
    p.metadata = { ...p.metadata, labels: { 'bad key': 'ok', app: '-x' }, annotations: { 'a/b/c': 'v' } };
    expect(errorsOf('Pod', p)).toEqual([
      `metadata.labels: Invalid value: "bad key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      `metadata.labels: Invalid value: "-x": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      `metadata.annotations: Invalid value: "a/b/c": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ]);
  });
});

describe('Deployment', () => {
  it('spec.replicas must be non-negative', () => {
    expect(errorsOf('Deployment', deployment({ replicas: -1 }))).toEqual([
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('spec.selector is required, non-empty and must match the template labels', () => {
    const d = deployment();
    const { selector: _selector, ...noSelector } = d.spec!;
    expect(errorsOf('Deployment', { ...d, spec: noSelector as NonNullable<typeof d.spec> })).toEqual([
      'spec.selector: Required value',
    ]);
    expect(errorsOf('Deployment', deployment({ selector: {} }))).toEqual([
      'spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{},}: empty selector is invalid for deployment',
    ]);
    expect(errorsOf('Deployment', deployment({ selector: { matchLabels: { app: 'api' } } }))).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
    expect(
      errorsOf(
        'Deployment',
        deployment({
          selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'x'] }] },
        }),
      ),
    ).toEqual([]);
    expect(
      errorsOf(
        'Deployment',
        deployment({ selector: { matchExpressions: [{ key: 'app', operator: 'In' }] } }),
      ),
    ).toContain(
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    );
  });

  it('maxSurge and maxUnavailable cannot both be zero; the error is on maxUnavailable', () => {
    expect(
      errorsOf(
        'Deployment',
        deployment({
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } },
        }),
      ),
    ).toEqual([
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    ]);
    expect(
      errorsOf(
        'Deployment',
        deployment({ strategy: { rollingUpdate: { maxSurge: '0%', maxUnavailable: '0%' } } }),
      ),
    ).toEqual([
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0%: may not be 0 when `maxSurge` is 0',
    ]);
    expect(
      errorsOf('Deployment', deployment({ strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } })),
    ).toEqual([]);
  });

  it('maxUnavailable over 100%, percent format, negative values', () => {
    expect(
      errorsOf('Deployment', deployment({ strategy: { rollingUpdate: { maxUnavailable: '110%' } } })),
    ).toEqual([
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 110%: must not be greater than 100%',
    ]);
    expect(errorsOf('Deployment', deployment({ strategy: { rollingUpdate: { maxSurge: '200%' } } }))).toEqual(
      [],
    );
    expect(
      errorsOf('Deployment', deployment({ strategy: { rollingUpdate: { maxSurge: '20percent' } } })),
    ).toEqual([
      "spec.strategy.rollingUpdate.maxSurge: Invalid value: 20percent: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    ]);
    expect(errorsOf('Deployment', deployment({ strategy: { rollingUpdate: { maxSurge: -1 } } }))).toEqual([
      'spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('Recreate with rollingUpdate is forbidden; unknown strategy types are unsupported', () => {
    expect(
      errorsOf('Deployment', deployment({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } })),
    ).toEqual([
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ]);
    expect(errorsOf('Deployment', deployment({ strategy: { type: 'BlueGreen' } }))).toEqual([
      'spec.strategy.type: Unsupported value: "BlueGreen": supported values: "Recreate", "RollingUpdate"',
    ]);
  });

  it('revisionHistoryLimit, minReadySeconds, progressDeadlineSeconds', () => {
    expect(errorsOf('Deployment', deployment({ revisionHistoryLimit: -1 }))).toEqual([
      'spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
    ]);
    expect(errorsOf('Deployment', deployment({ minReadySeconds: -5 }))).toEqual([
      'spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0',
    ]);
    expect(errorsOf('Deployment', deployment({ minReadySeconds: 30, progressDeadlineSeconds: 30 }))).toEqual([
      'spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds',
    ]);
  });

  it('the template must restart Always', () => {
    expect(
      errorsOf(
        'Deployment',
        deployment({
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { restartPolicy: 'Never', containers: [{ name: 'a', image: 'x' }] },
          },
        }),
      ),
    ).toEqual(['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']);
  });

  it('spec.selector is immutable on update', () => {
    const api = newApi();
    const cur = api.create('Deployment', deployment());
    const next = deployment({
      selector: { matchLabels: { app: 'web', tier: 'a' } },
      template: {
        metadata: { labels: { app: 'web', tier: 'a' } },
        spec: { containers: [{ name: 'a', image: 'x' }] },
      },
    });
    expect(errorsOf('Deployment', next, cur, api)).toEqual([
      'spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{app: web,tier: a,},MatchExpressions:[]LabelSelectorRequirement{},}: field is immutable',
    ]);
    expect(errorsOf('Deployment', deployment({ replicas: 5 }), cur, api)).toEqual([]);
  });
});

describe('ReplicaSet', () => {
  it('replicas, selector and template rules', () => {
    const d = deployment();
    const rs = (spec: object) => ({
      metadata: { name: 'web-1', namespace: 'default' },
      spec: { selector: d.spec!.selector, template: d.spec!.template!, ...spec },
    });
    expect(errorsOf('ReplicaSet', rs({ replicas: -2 }))).toEqual([
      'spec.replicas: Invalid value: -2: must be greater than or equal to 0',
    ]);
    expect(errorsOf('ReplicaSet', rs({ selector: { matchLabels: { app: 'other' } } }))).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
  });
});

describe('Pod spec', () => {
  it('containers are required', () => {
    expect(errorsOf('Pod', pod({ containers: [] }))).toEqual(['spec.containers: Required value']);
  });

  it('container names are DNS-1123 labels and unique; image is required', () => {
    expect(
      errorsOf(
        'Pod',
        pod({
          containers: [
            { name: 'App', image: 'x' },
            { name: 'b', image: 'x' },
            { name: 'b', image: '' },
          ],
        }),
      ),
    ).toEqual([
      `spec.containers[0].name: Invalid value: "App": ${LABEL}`,
      'spec.containers[2].name: Duplicate value: "b"',
      'spec.containers[2].image: Required value',
    ]);
  });

  it('resources: valid quantities and requests not above limits', () => {
    expect(
      errorsOf(
        'Pod',
        pod({
          containers: [
            { name: 'a', image: 'x', resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } },
          ],
        }),
      ),
    ).toEqual([
      'spec.containers[0].resources.requests[cpu]: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ]);
    expect(
      errorsOf(
        'Pod',
        pod({ containers: [{ name: 'a', image: 'x', resources: { requests: { memory: 'lots' } } }] }),
      ),
    ).toEqual([
      `spec.containers[0].resources.requests[memory]: Invalid value: "lots": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    ]);
    expect(
      errorsOf('Pod', pod({ containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: '-1' } } }] })),
    ).toContain(
      'spec.containers[0].resources.limits[cpu]: Invalid value: "-1": must be greater than or equal to 0',
    );
  });

  it('restartPolicy and dnsPolicy values', () => {
    expect(errorsOf('Pod', pod({ restartPolicy: 'Sometimes' }))).toEqual([
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ]);
    expect(errorsOf('Pod', pod({ dnsPolicy: 'Google' }))).toEqual([
      'spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    ]);
  });

  it('probes: exactly one handler; liveness and startup successThreshold must be 1', () => {
    expect(errorsOf('Pod', pod({ containers: [{ name: 'a', image: 'x', readinessProbe: {} }] }))).toEqual([
      'spec.containers[0].readinessProbe: Required value: must specify a handler type',
    ]);
    expect(
      errorsOf(
        'Pod',
        pod({
          containers: [
            { name: 'a', image: 'x', readinessProbe: { httpGet: { port: 80 }, tcpSocket: { port: 80 } } },
          ],
        }),
      ),
    ).toEqual([
      'spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
    ]);
    expect(
      errorsOf(
        'Pod',
        pod({
          containers: [
            { name: 'a', image: 'x', livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } },
          ],
        }),
      ),
    ).toEqual(['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1']);
    expect(
      errorsOf(
        'Pod',
        pod({
          containers: [
            { name: 'a', image: 'x', startupProbe: { tcpSocket: { port: 80 }, successThreshold: 3 } },
          ],
        }),
      ),
    ).toEqual(['spec.containers[0].startupProbe.successThreshold: Invalid value: 3: must be 1']);
    expect(
      errorsOf(
        'Pod',
        pod({
          containers: [
            {
              name: 'a',
              image: 'x',
              readinessProbe: { exec: { command: ['true'] }, successThreshold: 2, periodSeconds: -1 },
            },
          ],
        }),
      ),
    ).toEqual([
      'spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('ports: range, names, protocols', () => {
    expect(
      errorsOf(
        'Pod',
        pod({
          containers: [
            {
              name: 'a',
              image: 'x',
              ports: [
                { containerPort: 70000, name: 'http' },
                { containerPort: 81, name: 'http', protocol: 'HTTP' },
              ],
            },
          ],
        }),
      ),
    ).toEqual([
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[1].name: Duplicate value: "http"',
      'spec.containers[0].ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ]);
  });

  it('tolerations: operators, effects, tolerationSeconds', () => {
    expect(
      errorsOf(
        'Pod',
        pod({
          tolerations: [
            { key: 'k', operator: 'Maybe' },
            { key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 10 },
            { operator: 'Equal', value: 'v' },
            { key: 'k', effect: 'Sometimes' },
          ],
        }),
      ),
    ).toEqual([
      'spec.tolerations[0].operator: Unsupported value: "Maybe": supported values: "Equal", "Exists"',
      'spec.tolerations[1].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set',
      'spec.tolerations[2].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      'spec.tolerations[3].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ]);
  });

  it('nodeSelector keys and values are labels', () => {
    expect(errorsOf('Pod', pod({ nodeSelector: { disk: 'ssd!' } }))[0]).toMatch(
      /^spec\.nodeSelector: Invalid value: "ssd!": a valid label/,
    );
  });

  it('template labels are validated at spec.template.labels, as Kubernetes names them', () => {
    const d = deployment({
      selector: { matchLabels: { 'bad key': 'x' } },
      template: {
        metadata: { labels: { 'bad key': 'x' } },
        spec: { containers: [{ name: 'a', image: 'x' }] },
      },
    });
    const errs = errorsOf('Deployment', d);
    expect(errs.some((e) => e.startsWith('spec.selector.matchLabels: Invalid value: "bad key"'))).toBe(true);
    expect(errs.some((e) => e.startsWith('spec.template.labels: Invalid value: "bad key"'))).toBe(true);
  });
});

describe('Pod updates', () => {
  it('allow image changes, binding (nodeName unset to set) and added tolerations; forbid the rest', () => {
    const api = newApi();
    const cur = api.create('Pod', pod());
    const spec = cur.spec!;
    expect(errorsOf('Pod', { ...cur, spec: { ...spec, nodeName: 'node-1' } }, cur, api)).toEqual([]);
    const bound = api.update('Pod', { ...cur, spec: { ...spec, nodeName: 'node-1' } });
    expect(bound.spec?.nodeName).toBe('node-1');
    expect(errorsOf('Pod', { ...bound, spec: { ...bound.spec!, nodeName: 'node-2' } }, bound, api)).toEqual([
      `spec: Forbidden: ${POD_UPDATE_MESSAGE}`,
    ]);
    expect(
      errorsOf(
        'Pod',
        {
          ...bound,
          spec: { ...bound.spec!, containers: [{ ...bound.spec!.containers[0]!, image: 'nginx:1.28' }] },
        },
        bound,
        api,
      ),
    ).toEqual([]);
    expect(
      errorsOf(
        'Pod',
        {
          ...bound,
          spec: {
            ...bound.spec!,
            containers: [{ ...bound.spec!.containers[0]!, ports: [{ containerPort: 80 }] }],
          },
        },
        bound,
        api,
      ),
    ).toEqual([`spec: Forbidden: ${POD_UPDATE_MESSAGE}`]);
    const more = [...(bound.spec!.tolerations ?? []), { key: 'x', operator: 'Exists' }];
    expect(errorsOf('Pod', { ...bound, spec: { ...bound.spec!, tolerations: more } }, bound, api)).toEqual(
      [],
    );
    expect(errorsOf('Pod', { ...bound, spec: { ...bound.spec!, tolerations: [] } }, bound, api)).toEqual([
      'spec.tolerations[0]: Forbidden: existing toleration can not be modified except its tolerationSeconds',
      'spec.tolerations[1]: Forbidden: existing toleration can not be modified except its tolerationSeconds',
    ]);
    // Scheduling gates may be removed, not added.
    const gated = api.create('Pod', pod({ schedulingGates: [{ name: 'wait' }] }, 'gated'));
    expect(errorsOf('Pod', { ...gated, spec: { ...gated.spec!, schedulingGates: [] } }, gated, api)).toEqual(
      [],
    );
    expect(
      errorsOf(
        'Pod',
        { ...gated, spec: { ...gated.spec!, schedulingGates: [{ name: 'other' }] } },
        gated,
        api,
      ),
    ).toEqual([`spec: Forbidden: ${POD_UPDATE_MESSAGE}`]);
    // Labels (metadata) may change freely.
    expect(
      errorsOf('Pod', { ...bound, metadata: { ...bound.metadata, labels: { a: 'b' } } }, bound, api),
    ).toEqual([]);
  });
});

describe('Service', () => {
  const svc = (spec: object) => ({ metadata: { name: 'web', namespace: 'default' }, spec });
  it('ports: required, range, names required and unique when several; type values', () => {
    expect(errorsOf('Service', svc({}))).toEqual(['spec.ports: Required value']);
    expect(errorsOf('Service', svc({ ports: [{ port: 0 }] }))).toEqual([
      'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
    expect(
      errorsOf('Service', svc({ ports: [{ port: 80 }, { port: 81, name: 'b' }, { port: 82, name: 'b' }] })),
    ).toEqual(['spec.ports[0].name: Required value', 'spec.ports[2].name: Duplicate value: "b"']);
    expect(errorsOf('Service', svc({ type: 'Internal', ports: [{ port: 80 }] }))).toEqual([
      'spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
    expect(errorsOf('Service', svc({ ports: [{ port: 80, nodePort: 30001 }] }))).toEqual([
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ]);
  });

  it('cluster IPs: valid, in range, not taken', () => {
    const api = newApi();
    const first = api.create('Service', svc({ ports: [{ port: 80 }] }));
    expect(
      errorsOf(
        'Service',
        {
          metadata: { name: 'other', namespace: 'default' },
          spec: { clusterIP: first.spec!.clusterIP!, ports: [{ port: 80 }] },
        },
        undefined,
        api,
      ),
    ).toEqual([
      `spec.clusterIPs: Invalid value: []string{"${first.spec!.clusterIP!}"}: failed to allocate IP ${first.spec!.clusterIP!}: provided IP is already allocated`,
    ]);
    expect(errorsOf('Service', svc({ clusterIP: '192.168.1.1', ports: [{ port: 80 }] }))).toEqual([
      'spec.clusterIPs: Invalid value: []string{"192.168.1.1"}: failed to allocate IP 192.168.1.1: the provided IP (192.168.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    ]);
    expect(errorsOf('Service', svc({ ports: [{ port: 80 }], clusterIP: '10.96.0.77' }), first, api)).toEqual([
      'spec.clusterIPs[0]: Invalid value: "10.96.0.77": may not change once set',
    ]);
  });
});

describe('ApiServer.create with validation', () => {
  it('rejects an invalid object with the Kubernetes message and leaves the store untouched', () => {
    const api = newApi();
    const rv = api.store.resourceVersion;
    let err: unknown;
    try {
      api.create(
        'Deployment',
        deployment({ strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }),
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(422);
    expect((err as ApiError).message).toBe(
      'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    );
    expect(api.store.list('Deployment')).toEqual([]);
    expect(api.store.resourceVersion).toBe(rv);
  });

  it('lists several errors in brackets', () => {
    const api = newApi();
    expect(() => api.create('Pod', pod({ restartPolicy: 'Sometimes', containers: [] }))).toThrow(
      'Pod "web" is invalid: [spec.containers: Required value, spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"]',
    );
    expect(api.store.list('Pod')).toEqual([]);
  });
});
