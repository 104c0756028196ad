/** Watch over HTTP: resuming from a resourceVersion, 410 for an expired one, selectors, bookmarks, tables. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Served } from './testkit';
import { startServed } from './testkit';

let s: Served;
beforeEach(async () => {
  s = await startServed();
  s.advance(10);
});
afterEach(() => s.close());

interface WatchEvent {
  type: string;
  object: {
    kind?: string;
    metadata?: { name?: string; resourceVersion?: string; annotations?: Record<string, string> };
    code?: number;
    reason?: string;
    message?: string;
    rows?: { cells: string[] }[];
    columnDefinitions?: unknown;
  };
}

/** Open a watch and collect events until `until` says stop (or the server ends the stream). */
async function watch(
  path: string,
  until: (events: WatchEvent[]) => boolean,
  accept = 'application/json',
  act?: () => void,
): Promise<WatchEvent[]> {
  const ctl = new AbortController();
  const res = await fetch(`${s.url}${path}`, { headers: { accept }, signal: ctl.signal });
  expect(res.status).toBe(200);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const events: WatchEvent[] = [];
  let buf = '';
  const decoder = new TextDecoder();
  act?.();
  for (;;) {
    if (until(events)) break;
    const { value, done } = await reader.read();
    if (done) break;
    buf += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      events.push(JSON.parse(buf.slice(0, nl)) as WatchEvent);
      buf = buf.slice(nl + 1);
    }
  }
  ctl.abort();
  return events;
}

async function podsRv(): Promise<string> {
  const res = await fetch(`${s.url}/api/v1/namespaces/default/pods`);
  return ((await res.json()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
}

describe('watch', () => {
  it('starts from the current state as ADDED events without a resourceVersion', async () => {
    const events = await watch('/api/v1/namespaces/default/pods?watch=true', (e) => e.length >= 2);
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'ADDED']);
  });

  it('resumes after a resourceVersion with the changes since, in order', async () => {
    const rv = await podsRv();
    s.cluster.act('test', () =>
      s.cluster.sim.api.delete(
        'Pod',
        'default',
        s.cluster.sim.store.list('Pod', 'default')[0]?.metadata?.name ?? '',
      ),
    );
    const events = await watch(`/api/v1/namespaces/default/pods?watch=1&resourceVersion=${rv}`, (e) =>
      e.some((x) => x.type === 'ADDED'),
    );
    // The deleted pod turns Terminating (MODIFIED) and its ReplicaSet creates a replacement (ADDED).
    expect(events[0]?.type).toBe('MODIFIED');
    const rvs = events.map((e) => Number(e.object.metadata?.resourceVersion));
    expect(rvs).toEqual([...rvs].sort((a, b) => a - b));
    expect(rvs[0]).toBeGreaterThan(Number(rv));
  });

  it('answers a resourceVersion older than its log with one ERROR event: 410 Expired', async () => {
    await s.close();
    s = await startServed(undefined, undefined, 10);
    s.advance(10);
    const oldest = s.cluster.oldestResourceVersion;
    expect(oldest).toBeGreaterThan(5);
    const events = await watch('/api/v1/pods?watch=true&resourceVersion=5', () => false);
    expect(events).toHaveLength(1);
    expect(events[0]?.type).toBe('ERROR');
    expect(events[0]?.object).toMatchObject({
      kind: 'Status',
      code: 410,
      reason: 'Expired',
      message: `too old resource version: 5 (${oldest})`,
    });
    // From the oldest kept version on, the watch resumes.
    const resumed = await watch(`/api/v1/pods?watch=true&resourceVersion=${oldest}`, (e) => e.length > 0);
    expect(resumed[0]?.type).not.toBe('ERROR');
  });

  it('turns objects leaving a label selector into DELETED and sends bookmarks when allowed', async () => {
    const rv = await podsRv();
    const pod = s.cluster.sim.store.list('Pod', 'default')[0];
    const events = await watch(
      `/api/v1/namespaces/default/pods?watch=true&labelSelector=app%3Dshop&allowWatchBookmarks=true&resourceVersion=${rv}`,
      (e) => e.some((x) => x.type === 'DELETED') && e.some((x) => x.type === 'BOOKMARK'),
      'application/json',
      () =>
        s.cluster.act('test', () =>
          s.cluster.sim.api.update('Pod', {
            ...pod,
            metadata: { ...pod?.metadata, labels: { app: 'gone' } },
          } as never),
        ),
    );
    const deleted = events.find((e) => e.type === 'DELETED');
    expect(deleted?.object.metadata?.name).toBe(pod?.metadata?.name);
    const bookmark = events.find((e) => e.type === 'BOOKMARK');
    expect(bookmark?.object).toMatchObject({ kind: 'Pod', apiVersion: 'v1' });
  });

  it('ends the initial events with the initial-events-end bookmark (watch-list)', async () => {
    const events = await watch(
      '/api/v1/namespaces/default/pods?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan',
      (e) => e.some((x) => x.type === 'BOOKMARK'),
    );
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'ADDED', 'BOOKMARK']);
    expect(events[2]?.object.metadata?.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
  });

  it('renders watch events as one-row Tables, column definitions on the first only', async () => {
    const events = await watch(
      '/api/v1/namespaces/default/pods?watch=true',
      (e) => e.length >= 2,
      'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    );
    expect(events[0]?.object.kind).toBe('Table');
    expect(events[0]?.object.rows).toHaveLength(1);
    expect(events[0]?.object.columnDefinitions).toBeDefined();
    expect(events[1]?.object.columnDefinitions).toBeUndefined();
  });
});
