/** The served API over HTTP: status codes and Status bodies, discovery, lists, tables, writes, subresources. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Served } from './testkit';
import { startServed } from './testkit';

let s: Served;

beforeAll(async () => {
  s = await startServed();
  s.advance(20);
});
afterAll(() => s.close());

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown>; text: string; headers: Headers }> {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // text bodies (logs, healthz)
  }
  return { status: res.status, json, text, headers: res.headers };
}

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

describe('discovery', () => {
  it('serves aggregated discovery with its media type when asked, the legacy lists otherwise', async () => {
    const agg = await call('GET', '/apis', undefined, {
      accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json',
    });
    expect(agg.headers.get('content-type')).toBe(
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    );
    const items = agg.json.items as {
      metadata: { name: string };
      versions: { resources: { resource: string; subresources?: { subresource: string }[] }[] }[];
    }[];
    expect(items.map((i) => i.metadata.name)).toEqual(expect.arrayContaining(['apps', 'metrics.k8s.io']));
    const apps = items.find((i) => i.metadata.name === 'apps');
    const deploy = apps?.versions[0]?.resources.find((r) => r.resource === 'deployments');
    expect(deploy?.subresources?.map((x) => x.subresource)).toEqual(['status', 'scale']);
    const legacy = await call('GET', '/api/v1');
    const eviction = (
      legacy.json.resources as { name: string; group?: string; version?: string; kind: string }[]
    ).find((r) => r.name === 'pods/eviction');
    // kubectl drain uses eviction only when discovery lists pods/eviction as policy/v1 Eviction.
    expect(eviction).toMatchObject({ group: 'policy', version: 'v1', kind: 'Eviction' });
    expect((await call('GET', '/version')).json.gitVersion).toBe('v1.34.2');
  });

  it('answers an unknown path and an unknown resource with 404 Status bodies', async () => {
    const nope = await call('GET', '/api/v1/namespaces/default/widgets');
    expect(nope.status).toBe(404);
    expect(nope.json).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404 });
    expect((await call('GET', '/nothing/here')).json.message).toBe(
      'the server could not find the requested resource',
    );
  });
});

describe('reads', () => {
  it('gets one object and answers a missing one as the API server does', async () => {
    const ok = await call('GET', '/apis/apps/v1/namespaces/default/deployments/shop');
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'shop' } });
    const missing = await call('GET', '/apis/apps/v1/namespaces/default/deployments/nope');
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({
      message: 'deployments.apps "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', group: 'apps', kind: 'deployments' },
    });
  });

  it('lists with label and field selectors, and refuses a field the registry does not index', async () => {
    const all = await call('GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dshop');
    expect((all.json.items as unknown[]).length).toBe(2);
    expect(all.json).toMatchObject({ kind: 'PodList', apiVersion: 'v1' });
    expect(Number((all.json.metadata as { resourceVersion: string }).resourceVersion)).toBeGreaterThan(0);
    const none = await call('GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dother');
    expect(none.json.items).toEqual([]);
    const running = await call('GET', '/api/v1/pods?fieldSelector=status.phase%3DRunning');
    expect((running.json.items as unknown[]).length).toBe(2);
    const bad = await call('GET', '/api/v1/pods?fieldSelector=spec.image%3Dx');
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe('field label not supported: spec.image');
  });

  it('renders the server-side Table with the engine printer columns, wide ones at priority 1', async () => {
    const t = await call('GET', '/api/v1/namespaces/default/pods', undefined, { accept: TABLE });
    expect(t.json.kind).toBe('Table');
    const cols = t.json.columnDefinitions as { name: string; priority: number; format: string }[];
    expect(cols.filter((c) => c.priority === 0).map((c) => c.name)).toEqual([
      'NAME',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
    ]);
    expect(cols.find((c) => c.name === 'NODE')?.priority).toBe(1);
    expect(cols[0]?.format).toBe('name');
    const rows = t.json.rows as { cells: string[]; object: { kind: string } }[];
    expect(rows[0]?.cells.slice(1, 3)).toEqual(['1/1', 'Running']);
    expect(rows[0]?.object.kind).toBe('PartialObjectMetadata');
  });

  it('refuses an Accept it cannot produce with 406', async () => {
    const r = await call('GET', '/api/v1/pods', undefined, { accept: 'application/vnd.kubernetes.protobuf' });
    expect(r.status).toBe(406);
  });

  it('shifts timestamps so that simulated now reads as the client clock now', async () => {
    const r = await call('GET', '/api/v1/namespaces/default');
    const created = Date.parse((r.json.metadata as { creationTimestamp: string }).creationTimestamp);
    // The namespace was made at simulated 0s and 20 s have passed.
    expect(s.wall - created).toBe(20_000);
  });
});

describe('writes', () => {
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: '1' } };

  it('creates (201), refuses a duplicate (409) and a resourceVersion on create (400)', async () => {
    const created = await call('POST', '/api/v1/namespaces/default/configmaps', cm);
    expect(created.status).toBe(201);
    expect((created.json.metadata as { uid?: string }).uid).toBeTruthy();
    const again = await call('POST', '/api/v1/namespaces/default/configmaps', cm);
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({
      reason: 'AlreadyExists',
      message: 'configmaps "settings" already exists',
    });
    const rv = await call('POST', '/api/v1/namespaces/default/configmaps', {
      ...cm,
      metadata: { name: 'other', resourceVersion: '5' },
    });
    expect(rv.status).toBe(400);
  });

  it('validates: Invalid with causes (422), strict unknown fields (400), Warn drops them with a warning', async () => {
    const bad = await call('POST', '/apis/apps/v1/namespaces/default/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'neg' },
      spec: {
        replicas: -1,
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } },
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.json).toMatchObject({
      reason: 'Invalid',
      details: { name: 'neg', group: 'apps', kind: 'Deployment' },
    });
    expect((bad.json.details as { causes: { field: string }[] }).causes[0]?.field).toBe('spec.replicas');
    const body = { ...cm, metadata: { name: 'strict' }, bogus: true };
    const strict = await call('POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Strict', body);
    expect(strict.status).toBe(400);
    expect(strict.json.message).toBe('strict decoding error: unknown field "bogus"');
    const warn = await call('POST', '/api/v1/namespaces/default/configmaps', body);
    expect(warn.status).toBe(201);
    expect(warn.headers.get('warning')).toBe('299 - "unknown field \\"bogus\\""');
    expect(warn.json.bogus).toBeUndefined();
  });

  it('patches with all three patch types, and replaces with optimistic concurrency', async () => {
    const base = '/api/v1/namespaces/default/configmaps/settings';
    const merge = await call(
      'PATCH',
      base,
      { data: { b: '2' } },
      { 'content-type': 'application/merge-patch+json' },
    );
    expect(merge.json.data).toEqual({ a: '1', b: '2' });
    const json = await call('PATCH', base, [{ op: 'remove', path: '/data/a' }], {
      'content-type': 'application/json-patch+json',
    });
    expect(json.json.data).toEqual({ b: '2' });
    const smp = await call(
      'PATCH',
      base,
      { metadata: { labels: { x: 'y' } } },
      { 'content-type': 'application/strategic-merge-patch+json' },
    );
    expect((smp.json.metadata as { labels: unknown }).labels).toEqual({ x: 'y' });
    const ssa = await call('PATCH', base, 'a: b', { 'content-type': 'application/apply-patch+yaml' });
    expect(ssa.status).toBe(415);
    const stale = await call('PUT', base, { ...cm, metadata: { name: 'settings', resourceVersion: '1' } });
    expect(stale.status).toBe(409);
    expect(stale.json.reason).toBe('Conflict');
    const current = (smp.json.metadata as { resourceVersion: string }).resourceVersion;
    const put = await call('PUT', base, { ...cm, metadata: { name: 'settings', resourceVersion: current } });
    expect(put.status).toBe(200);
    expect(put.json.data).toEqual({ a: '1' });
  });

  it('scales through the scale subresource and the controllers react', async () => {
    const path = '/apis/apps/v1/namespaces/default/deployments/shop/scale';
    const before = await call('GET', path);
    expect(before.json).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      spec: { replicas: 2 },
      status: { selector: 'app=shop' },
    });
    const after = await call(
      'PATCH',
      path,
      { spec: { replicas: 3 } },
      { 'content-type': 'application/merge-patch+json' },
    );
    expect(after.json).toMatchObject({ spec: { replicas: 3 } });
    // The ReplicaSet controller created the third pod in the same instant.
    const pods = await call('GET', '/api/v1/namespaces/default/pods');
    expect((pods.json.items as unknown[]).length).toBe(3);
  });

  it('deletes with a propagation policy (Orphan keeps the pods) and checks preconditions', async () => {
    const pre = await call('DELETE', '/apis/apps/v1/namespaces/default/deployments/shop', {
      preconditions: { uid: 'not-it' },
    });
    expect(pre.status).toBe(409);
    const del = await call('DELETE', '/apis/apps/v1/namespaces/default/deployments/shop', {
      propagationPolicy: 'Orphan',
    });
    expect(del.status).toBe(200);
    expect(del.json).toMatchObject({
      kind: 'Status',
      status: 'Success',
      details: { name: 'shop', kind: 'deployments' },
    });
    s.advance(5);
    const rs = await call('GET', '/apis/apps/v1/namespaces/default/replicasets');
    expect(
      (rs.json.items as { metadata: { ownerReferences?: unknown } }[])[0]?.metadata.ownerReferences,
    ).toBeUndefined();
  });

  it('limits request bodies (413) and answers malformed JSON with 400', async () => {
    const big = await call('POST', '/api/v1/namespaces/default/configmaps', 'x'.repeat(3 * 1024 * 1024 + 1));
    expect(big.status).toBe(413);
    const junk = await call('POST', '/api/v1/namespaces/default/configmaps', '{not json');
    expect(junk.status).toBe(400);
  });
});

describe('pod subresources', () => {
  it('serves logs, refuses exec, and evicts (201)', async () => {
    const pods = await call('GET', '/api/v1/namespaces/default/pods');
    const name = (pods.json.items as { metadata: { name: string } }[])[0]?.metadata.name ?? '';
    const log = await call('GET', `/api/v1/namespaces/default/pods/${name}/log?tailLines=2`);
    expect(log.status).toBe(200);
    expect(log.text.trimEnd().split('\n')).toHaveLength(2);
    const exec = await call('POST', `/api/v1/namespaces/default/pods/${name}/exec?command=sh`);
    expect(exec.status).toBe(400);
    expect(exec.json.message).toContain('simulated');
    const ev = await call('POST', `/api/v1/namespaces/default/pods/${name}/eviction`, {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name },
    });
    expect(ev.status).toBe(201);
    const after = await call('GET', `/api/v1/namespaces/default/pods/${name}`);
    expect((after.json.metadata as { deletionTimestamp?: string }).deletionTimestamp).toBeTruthy();
  });

  it('serves metrics.k8s.io for kubectl top', async () => {
    s.advance(30);
    const nodes = await call('GET', '/apis/metrics.k8s.io/v1beta1/nodes');
    const items = nodes.json.items as {
      metadata: { name: string };
      usage: { cpu: string; memory: string };
    }[];
    expect(items.map((i) => i.metadata.name)).toEqual(['node-1', 'node-2', 'node-3']);
    expect(items[0]?.usage.cpu).toMatch(/^\d+(n|u|m)?$/);
  });
});

describe('control endpoint', () => {
  it('reports and changes time, runs faults, and refuses foreign origins', async () => {
    const st = await call('GET', '/setpoint/v1/status');
    expect(st.json).toMatchObject({ scenario: 'served.yaml', playing: false, speed: 1 });
    const sp = await call('POST', '/setpoint/v1/speed', { speed: 5 });
    expect((sp.json.status as { speed: number }).speed).toBe(5);
    const bad = await call('POST', '/setpoint/v1/speed', { speed: 500 });
    expect(bad.status).toBe(422);
    const fault = await call('POST', '/setpoint/v1/fault', { type: 'NodeFailure', node: 'node-2' });
    expect(fault.json.ok).toBe(true);
    const unknown = await call('POST', '/setpoint/v1/fault', { type: 'Meteor' });
    expect(unknown.status).toBe(422);
    const foreign = await call('GET', '/setpoint/v1/status', undefined, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const local = await call('GET', '/setpoint/v1/status', undefined, { origin: 'http://127.0.0.1:4173' });
    expect(local.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4173');
  });
});

describe('logs with follow', () => {
  it('streams new lines as simulated time passes and ends when the container stops', async () => {
    const pods = await call('GET', '/api/v1/namespaces/default/pods?fieldSelector=status.phase%3DRunning');
    // Not on node-2, which the control endpoint test failed.
    const live = (
      pods.json.items as {
        metadata: { name: string; deletionTimestamp?: string };
        spec: { nodeName: string };
      }[]
    ).find((p) => !p.metadata.deletionTimestamp && p.spec.nodeName !== 'node-2');
    const name = live?.metadata.name ?? '';
    const ctl = new AbortController();
    const res = await fetch(`${s.url}/api/v1/namespaces/default/pods/${name}/log?follow=true&tailLines=1`, {
      signal: ctl.signal,
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    // Traffic goes on: later lines arrive on the same stream.
    await call('POST', '/api/v1/namespaces/default/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'shop' },
      spec: { selector: { app: 'shop' }, ports: [{ port: 80, targetPort: 8080 }] },
    });
    await call('POST', '/setpoint/v1/fault', {
      type: 'TrafficChange',
      service: 'shop',
      requestsPerSecond: 50,
    });
    s.advance(5);
    text += decoder.decode((await reader.read()).value);
    expect(text.trimEnd().split('\n').length).toBeGreaterThan(1);
    // The pod is deleted: its container stops, and the stream ends.
    await call('DELETE', `/api/v1/namespaces/default/pods/${name}`);
    s.advance(60);
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
    }
    ctl.abort();
  });
});
