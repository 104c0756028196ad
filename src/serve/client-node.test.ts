/**
 * A second real client: @kubernetes/client-node (the maintained JavaScript client) lists pods, watches
 * them through a create and a delete, and runs an informer (list + watch with resourceVersions) against
 * the served cluster.
 */
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeconfig } from './kubeconfig';
import type { Served } from './testkit';
import { startServed } from './testkit';

let s: Served;
let config: k8s.KubeConfig;

beforeAll(async () => {
  s = await startServed();
  s.advance(10);
  config = new k8s.KubeConfig();
  config.loadFromString(kubeconfig(s.url));
});
afterAll(() => s.close());

function pod(name: string): k8s.V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'solo' } },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
  };
}

describe('@kubernetes/client-node against the served API', () => {
  it('lists pods, typed', async () => {
    const api = config.makeApiClient(k8s.CoreV1Api);
    const list = await api.listNamespacedPod({ namespace: 'default', labelSelector: 'app=shop' });
    expect(list.items.map((p) => p.status?.phase)).toEqual(['Running', 'Running']);
    expect(list.items[0]?.metadata?.creationTimestamp).toBeInstanceOf(Date);
    await expect(api.readNamespacedPod({ namespace: 'default', name: 'nope' })).rejects.toMatchObject({
      code: 404,
    });
  });

  it('watches pods: ADDED for a new one, MODIFIED as it starts, DELETED when it is gone', async () => {
    const api = config.makeApiClient(k8s.CoreV1Api);
    const list = await api.listNamespacedPod({ namespace: 'default' });
    const seen: string[] = [];
    const watch = new k8s.Watch(config);
    let deleted!: () => void;
    const gone = new Promise<void>((r) => (deleted = r));
    const req = await watch.watch(
      '/api/v1/namespaces/default/pods',
      { resourceVersion: list.metadata?.resourceVersion, labelSelector: 'app=solo' },
      (type: string, obj: k8s.V1Pod) => {
        seen.push(`${type} ${obj.metadata?.name ?? ''}`);
        if (type === 'DELETED') deleted();
      },
      () => undefined,
    );
    await api.createNamespacedPod({ namespace: 'default', body: pod('solo') });
    s.advance(5);
    await api.deleteNamespacedPod({ namespace: 'default', name: 'solo', gracePeriodSeconds: 0 });
    await gone;
    req.abort();
    expect(seen[0]).toBe('ADDED solo');
    expect(seen).toContain('MODIFIED solo');
    expect(seen[seen.length - 1]).toBe('DELETED solo');
  });

  it('keeps an informer cache in step with the cluster', async () => {
    const api = config.makeApiClient(k8s.CoreV1Api);
    const informer = k8s.makeInformer(config, '/api/v1/namespaces/default/pods', () =>
      api.listNamespacedPod({ namespace: 'default' }),
    );
    const added: string[] = [];
    informer.on('add', (p: k8s.V1Pod) => added.push(p.metadata?.name ?? ''));
    await informer.start();
    expect(informer.list().length).toBe(2);
    await api.createNamespacedPod({ namespace: 'default', body: pod('late') });
    for (let i = 0; i < 200 && !added.includes('late'); i++) await new Promise((r) => setTimeout(r, 25));
    await informer.stop();
    expect(added).toContain('late');
    expect(informer.list().map((p) => p.metadata?.name)).toContain('late');
  });
});
