import { describe, expect, it } from 'vitest';
import { ApiServer } from './apiserver';
import { ApiError } from './errors';
import { seconds } from './meta';
import { Store } from './store';
import type { Deployment, Pod } from './types';
import { Rng, seedRng } from '../base/rng';

function server(): { api: ApiServer; setNow: (t: number) => void } {
  let now = 0;
  const api = new ApiServer(new Store(), () => now, new Rng(seedRng(1)));
  api.create('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return { api, setNow: (t) => (now = t) };
}

const podSpec = { containers: [{ name: 'app', image: 'shop:1.0' }] };

function deployment(replicas: number): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: podSpec },
    },
  };
}

describe('ApiServer', () => {
  it('assigns uid, creationTimestamp and generation 1, and bumps generation only on spec changes', () => {
    const { api, setNow } = server();
    setNow(5);
    const d = api.create('Deployment', deployment(3));
    expect(d.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(seconds(d.metadata?.creationTimestamp)).toBe(5);
    expect(d.metadata?.generation).toBe(1);
    const relabelled = api.update('Deployment', { ...d, metadata: { ...d.metadata, labels: { team: 'a' } } });
    expect(relabelled.metadata?.generation).toBe(1);
    const scaled = api.update('Deployment', {
      ...relabelled,
      spec: { ...relabelled.spec, replicas: 5 },
    } as Deployment);
    expect(scaled.metadata?.generation).toBe(2);
    const status = api.updateStatus('Deployment', { ...scaled, status: { replicas: 5 } });
    expect(status.metadata?.generation).toBe(2);
    expect(status.spec?.replicas).toBe(5);
  });

  it('rejects a write based on a stale resourceVersion with a Conflict', () => {
    const { api } = server();
    const d = api.create('Deployment', deployment(1));
    api.update('Deployment', { ...d, spec: { ...d.spec, replicas: 2 } } as Deployment);
    expect(() => api.update('Deployment', { ...d, spec: { ...d.spec, replicas: 3 } } as Deployment)).toThrow(
      /the object has been modified/,
    );
  });

  it('refuses duplicates and missing objects in Kubernetes wording', () => {
    const { api } = server();
    api.create('Deployment', deployment(1));
    expect(() => api.create('Deployment', deployment(1))).toThrow('deployments.apps "web" already exists');
    try {
      api.delete('Deployment', 'default', 'nope');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      expect((e as ApiError).message).toBe('deployments.apps "nope" not found');
      expect((e as ApiError).code).toBe(404);
    }
  });

  it('deletes a bound pod gracefully (Terminating), an unbound pod at once, and never lengthens grace', () => {
    const { api, setNow } = server();
    setNow(10);
    api.create('Pod', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'bound' },
      spec: { ...podSpec, nodeName: 'node-1' },
    });
    api.create('Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pending' }, spec: podSpec });
    api.delete('Pod', 'default', 'bound');
    api.delete('Pod', 'default', 'pending');
    const bound = api.get('Pod', 'default', 'bound') as Pod;
    expect(seconds(bound.metadata?.deletionTimestamp)).toBe(40);
    expect(bound.metadata?.deletionGracePeriodSeconds).toBe(30);
    expect(api.get('Pod', 'default', 'pending')).toBeUndefined();
    api.delete('Pod', 'default', 'bound', { gracePeriodSeconds: 60 });
    expect(seconds((api.get('Pod', 'default', 'bound') as Pod).metadata?.deletionTimestamp)).toBe(40);
    api.delete('Pod', 'default', 'bound', { gracePeriodSeconds: 5 });
    expect(seconds((api.get('Pod', 'default', 'bound') as Pod).metadata?.deletionTimestamp)).toBe(15);
    api.delete('Pod', 'default', 'bound', { gracePeriodSeconds: 0 });
    expect(api.get('Pod', 'default', 'bound')).toBeUndefined();
  });

  it('starts every created pod Pending with its QoS class, whatever status the client sent', () => {
    const { api } = server();
    const guaranteed = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } };
    const p = api.create('Pod', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'g' },
      spec: { containers: [{ name: 'app', image: 'shop:1.0', resources: guaranteed }] },
      status: { phase: 'Running' },
    });
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
    const best = api.create('Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' }, spec: podSpec });
    expect(best.status?.qosClass).toBe('BestEffort');
    // A dry run (prepare) leaves status alone: only a real create resets it.
    expect(api.prepare('Pod', { ...best, status: { phase: 'Running' } }).status?.phase).toBe('Running');
  });

  it('aggregates repeated events into one Event with a count', () => {
    const { api, setNow } = server();
    const d = api.create('Deployment', deployment(1));
    const src = { component: 'deployment-controller' };
    const first = api.recordEvent(
      d,
      'Normal',
      'ScalingReplicaSet',
      'Scaled up replica set web-1 from 0 to 1',
      src,
    );
    setNow(20);
    const again = api.recordEvent(
      d,
      'Normal',
      'ScalingReplicaSet',
      'Scaled up replica set web-1 from 0 to 1',
      src,
    );
    const other = api.recordEvent(
      d,
      'Normal',
      'ScalingReplicaSet',
      'Scaled up replica set web-1 from 1 to 2',
      src,
    );
    expect(again.metadata?.name).toBe(first.metadata?.name);
    expect(again.count).toBe(2);
    expect(seconds(again.lastTimestamp)).toBe(20);
    expect(seconds(again.firstTimestamp)).toBe(0);
    expect(other.metadata?.name).not.toBe(first.metadata?.name);
    expect(first.involvedObject).toMatchObject({ kind: 'Deployment', name: 'web', namespace: 'default' });
  });
});
