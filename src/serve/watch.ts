/**
 * Watch: a stream of ADDED / MODIFIED / DELETED events, one JSON object a line, as the watch cache serves
 * them. A watch starts from a resourceVersion (events after it), or with none or "0" from the current state
 * as ADDED events; a resourceVersion older than the log answers 200 with one ERROR event carrying a 410
 * Expired Status ("too old resource version"), as the cacher does, so clients relist. Objects that move in
 * or out of a selector arrive as ADDED or DELETED. With allowWatchBookmarks, BOOKMARK events carry the
 * current resourceVersion; sendInitialEvents ends the initial state with the "k8s.io/initial-events-end"
 * bookmark. Table and PartialObjectMetadata renderings work as for lists.
 */
import type { Kind, KubeObject } from '../engine';
import type { StoreEvent, WatchEventType } from './cluster';
import { negotiate } from './http';
import { listObjects, present } from './objects';
import type { ApiRequest } from './request';
import type { Filter } from './selectors';
import { matches, parseFilter } from './selectors';
import { badRequest, expired } from './status';
import { partialMetadata, toTable } from './table';

/** How often bookmarks are sent (the cacher sends them about once a minute). */
export const BOOKMARK_INTERVAL_MS = 60_000;
/** The API server ends a watch after a while (min-request-timeout 1800 s) and the client restarts it. */
const DEFAULT_TIMEOUT_SECONDS = 1800;

interface Options {
  readonly bookmarkMs?: number;
}

/** What an event means to a watcher with `filter`: ADDED, MODIFIED, DELETED, or nothing. */
function translate(
  e: StoreEvent,
  namespace: string | undefined,
  filter: Filter,
): [WatchEventType, KubeObject] | undefined {
  const inScope = (o: KubeObject | undefined) =>
    o !== undefined && (namespace === undefined || o.metadata?.namespace === namespace) && matches(filter, o);
  const was = inScope(e.prev);
  if (!e.object) return was ? ['DELETED', e.prev as KubeObject] : undefined;
  const is = inScope(e.object);
  if (!e.prev) return is ? ['ADDED', e.object] : undefined;
  if (was && is) return ['MODIFIED', e.object];
  if (is) return ['ADDED', e.object];
  if (was) return ['DELETED', e.object];
  return undefined;
}

export function serveWatch(r: ApiRequest, options: Options = {}): void {
  const kind = r.path.resource.engineKind as Kind;
  const filter = parseFilter(kind, r.query.get('labelSelector'), r.query.get('fieldSelector'));
  const rendering = negotiate(r.req.headers.accept);
  const rvText = r.query.get('resourceVersion') ?? '';
  const initial = r.query.get('sendInitialEvents') === 'true';
  const bookmarks = r.query.get('allowWatchBookmarks') === 'true';
  if (initial && (!bookmarks || r.query.get('resourceVersionMatch') !== 'NotOlderThan')) {
    throw badRequest(
      'sendInitialEvents requires setting allowWatchBookmarks to true and resourceVersionMatch to NotOlderThan',
    );
  }
  if (rvText !== '' && !/^\d+$/.test(rvText)) throw badRequest(`invalid resource version: ${rvText}`);
  const timeoutText = r.query.get('timeoutSeconds');
  const timeout = timeoutText && /^\d+$/.test(timeoutText) ? Number(timeoutText) : DEFAULT_TIMEOUT_SECONDS;
  const { cluster, res } = r;
  const namespace = r.path.namespace;
  let headersSent = false;
  let tableHeaders = true;

  const render = (o: KubeObject): unknown => {
    if (rendering === 'table') {
      const t = toTable(kind, [o], cluster.sim, o.metadata?.resourceVersion ?? '', {
        includeObject: (r.query.get('includeObject') as 'None' | 'Metadata' | 'Object' | null) ?? 'Metadata',
        noHeaders: !tableHeaders,
      });
      tableHeaders = false;
      return t;
    }
    return rendering === 'metadata' ? partialMetadata(o) : o;
  };
  const send = (type: string, object: unknown) => {
    if (!headersSent) {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Cache-Control': 'no-cache, private',
        'Transfer-Encoding': 'chunked',
      });
      headersSent = true;
    }
    res.write(`${JSON.stringify({ type, object: present(cluster, object) })}\n`);
  };
  const bookmark = (annotations?: Record<string, string>) =>
    send('BOOKMARK', {
      kind: r.path.resource.kind,
      apiVersion: r.path.group ? `${r.path.group}/${r.path.version}` : r.path.version,
      metadata: { resourceVersion: String(cluster.resourceVersion), ...(annotations ? { annotations } : {}) },
    });

  const since = rvText === '' || rvText === '0' || initial ? undefined : Number(rvText);
  let backlog: readonly StoreEvent[] = [];
  if (since === undefined) {
    for (const o of listObjects(cluster, kind, namespace).filter((x) => matches(filter, x)))
      send('ADDED', render(o));
    if (initial) bookmark({ 'k8s.io/initial-events-end': 'true' });
  } else {
    const events = cluster.eventsSince(since);
    if (!events) {
      send('ERROR', expired(`too old resource version: ${since} (${cluster.oldestResourceVersion})`).status);
      res.end();
      return;
    }
    backlog = events;
  }
  for (const e of backlog) {
    if (e.kind !== kind) continue;
    const t = translate(e, namespace, filter);
    if (t) send(t[0], render(t[1]));
  }
  if (!headersSent) {
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    });
    headersSent = true;
    res.flushHeaders();
  }
  const unsubscribe = cluster.onEvent((e) => {
    if (e.kind !== kind) return;
    const t = translate(e, namespace, filter);
    if (t) send(t[0], render(t[1]));
  });
  const timer = bookmarks
    ? setInterval(() => bookmark(), options.bookmarkMs ?? cluster.bookmarkMs ?? BOOKMARK_INTERVAL_MS)
    : undefined;
  const stop = setTimeout(() => finish(), timeout * 1000);
  const finish = () => {
    unsubscribe();
    offClose();
    if (timer) clearInterval(timer);
    clearTimeout(stop);
    if (!res.writableEnded) res.end();
  };
  const offClose = cluster.onClose(finish);
  r.req.on('close', finish);
  res.on('close', finish);
}
