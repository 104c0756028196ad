import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import type { Simulation } from '../sim/simulation';
import { ApiError } from './errors';
import type { Deployment, Pod, ResourceQuota } from './types';

function quota(sim: Simulation, hard: Record<string, string>, name = 'compute'): ResourceQuota {
  return sim.act('test', () =>
    sim.api.create('ResourceQuota', {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name, namespace: 'default' },
      spec: { hard },
    }),
  );
}

function pod(name: string, requests?: Record<string, string>, limits?: Record<string, string>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      containers: [
        {
          name: 'web',
          image: 'web:1',
          ...(requests || limits
            ? { resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } }
            : {}),
        },
      ],
    },
  };
}

function createError(sim: Simulation, p: Pod): ApiError {
  try {
    sim.act('test', () => sim.api.create('Pod', p));
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error(`pod ${p.metadata?.name ?? ''} was admitted`);
}

function deployment(replicas: number, cpu: string): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'web:1', resources: { requests: { cpu } } }] },
      },
    },
  };
}

describe('ResourceQuota admission', () => {
  it('refuses a pod over quota with the exact message, and charges admitted pods at once', () => {
    const sim = createCluster();
    quota(sim, { 'requests.cpu': '2', pods: '10' });
    for (const [i, cpu] of ['500m', '500m', '800m'].entries()) {
      sim.act('test', () => sim.api.create('Pod', pod(`p${i}`, { cpu })));
    }
    // Charged by the admission plugin itself, before the controller recounts.
    expect(sim.store.get('ResourceQuota', 'default', 'compute')?.status?.used).toEqual({
      pods: '3',
      'requests.cpu': '1800m',
    });
    const e = createError(sim, pod('web-7d9f8-x2k4q', { cpu: '500m' }));
    expect(e.reason).toBe('Forbidden');
    expect(e.code).toBe(403);
    expect(e.message).toBe(
      'pods "web-7d9f8-x2k4q" is forbidden: exceeded quota: compute, requested: requests.cpu=500m, used: requests.cpu=1800m, limited: requests.cpu=2',
    );
    // Exactly at the limit is allowed.
    sim.act('test', () => sim.api.create('Pod', pod('fits', { cpu: '200m' })));
    expect(sim.store.get('ResourceQuota', 'default', 'compute')?.status?.used?.['requests.cpu']).toBe('2');
  });

  it('lists every exceeded resource, sorted, and counts objects by count/<resource>', () => {
    const sim = createCluster();
    quota(sim, { 'requests.memory': '1Gi', 'limits.memory': '1Gi', 'count/configmaps': '1' });
    sim.act('test', () => sim.api.create('Pod', pod('a', { memory: '768Mi' }, { memory: '768Mi' })));
    expect(createError(sim, pod('b', { memory: '512Mi' }, { memory: '512Mi' })).message).toBe(
      'pods "b" is forbidden: exceeded quota: compute, requested: limits.memory=512Mi,requests.memory=512Mi, used: limits.memory=768Mi,requests.memory=768Mi, limited: limits.memory=1Gi,requests.memory=1Gi',
    );
    const cm = (name: string) =>
      ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } }) as const;
    sim.act('test', () => sim.api.create('ConfigMap', cm('one')));
    let err: unknown;
    try {
      sim.act('test', () => sim.api.create('ConfigMap', cm('two')));
    } catch (e) {
      err = e;
    }
    expect((err as ApiError).message).toBe(
      'configmaps "two" is forbidden: exceeded quota: compute, requested: count/configmaps=1, used: count/configmaps=1, limited: count/configmaps=1',
    );
  });

  it('requires requests for the resources a quota constrains', () => {
    const sim = createCluster();
    quota(sim, { 'requests.cpu': '2', 'limits.memory': '1Gi' });
    expect(createError(sim, pod('bare')).message).toBe(
      'pods "bare" is forbidden: failed quota: compute: must specify limits.memory for: web; requests.cpu for: web',
    );
    // A quota on pods only does not need requests.
    const sim2 = createCluster();
    quota(sim2, { pods: '1' });
    sim2.act('test', () => sim2.api.create('Pod', pod('bare')));
    expect(createError(sim2, pod('second')).message).toBe(
      'pods "second" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=1, limited: pods=1',
    );
  });
});

describe('resourcequota-controller', () => {
  it('keeps status.hard and status.used current, replenishing when pods go', () => {
    const sim = createCluster();
    const q = quota(sim, { 'requests.cpu': '2000m', 'requests.memory': '1024Mi', pods: '5' });
    expect(q.status).toBeUndefined();
    sim.runUntil(1);
    expect(sim.store.get('ResourceQuota', 'default', 'compute')?.status).toEqual({
      hard: { pods: '5', 'requests.cpu': '2', 'requests.memory': '1Gi' },
      used: { pods: '0', 'requests.cpu': '0', 'requests.memory': '0' },
    });
    sim.act('test', () => {
      sim.api.create('Pod', pod('a', { cpu: '250m', memory: '256Mi' }));
      sim.api.create('Pod', pod('b', { cpu: '250m', memory: '256Mi' }));
    });
    sim.runUntil(10);
    expect(sim.store.get('ResourceQuota', 'default', 'compute')?.status?.used).toEqual({
      pods: '2',
      'requests.cpu': '500m',
      'requests.memory': '512Mi',
    });
    // A deleted pod is released once it is gone (replenishment).
    sim.act('test', () => sim.api.delete('Pod', 'default', 'a', { gracePeriodSeconds: 30 }));
    sim.runUntil(12);
    expect(sim.store.get('Pod', 'default', 'a')).toBeUndefined();
    expect(sim.store.get('ResourceQuota', 'default', 'compute')?.status?.used?.pods).toBe('1');
    // Raising the quota shows at once in status.hard.
    sim.act('test', () => {
      const cur = sim.store.get('ResourceQuota', 'default', 'compute');
      if (cur) sim.api.update('ResourceQuota', { ...cur, spec: { hard: { ...cur.spec?.hard, pods: '9' } } });
    });
    expect(sim.store.get('ResourceQuota', 'default', 'compute')?.status?.hard?.pods).toBe('9');
  });

  it('a quota that blocks the last replica: FailedCreate, ReplicaFailure on the RS and the Deployment', () => {
    const sim = createCluster();
    quota(sim, { 'requests.cpu': '1' });
    sim.act('test', () => sim.api.create('Deployment', deployment(3, '400m')));
    sim.runUntil(20);
    const rs = sim.store.list('ReplicaSet', 'default')[0];
    const pods = sim.store.list('Pod', 'default');
    expect(pods).toHaveLength(2);
    const failure = rs?.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
    expect(failure).toMatchObject({ status: 'True', reason: 'FailedCreate' });
    expect(failure?.message).toMatch(
      /^pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: compute, requested: requests\.cpu=400m, used: requests\.cpu=800m, limited: requests\.cpu=1$/,
    );
    const events = sim.store
      .list('Event', 'default')
      .filter((e) => e.reason === 'FailedCreate' && e.involvedObject.name === rs?.metadata?.name);
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]?.message).toMatch(
      /^Error creating: pods "web-.*" is forbidden: exceeded quota: compute/,
    );
    const d = sim.store.get('Deployment', 'default', 'web');
    expect(d?.status?.conditions?.find((c) => c.type === 'ReplicaFailure')).toMatchObject({
      status: 'True',
      reason: 'FailedCreate',
      message: failure?.message,
    });
    // Raise the quota: a later retry creates the pod and both conditions clear.
    sim.act('test', () => {
      const cur = sim.store.get('ResourceQuota', 'default', 'compute');
      if (cur) sim.api.update('ResourceQuota', { ...cur, spec: { hard: { 'requests.cpu': '2' } } });
    });
    sim.runUntil(120);
    expect(sim.store.list('Pod', 'default')).toHaveLength(3);
    expect(sim.store.list('ReplicaSet', 'default')[0]?.status?.conditions ?? []).toEqual([]);
    expect(
      sim.store
        .get('Deployment', 'default', 'web')
        ?.status?.conditions?.some((c) => c.type === 'ReplicaFailure'),
    ).toBe(false);
  });
});
