/**
 * The HTTP server: the Kubernetes API of a ServedCluster (version, discovery, OpenAPI, resources and their
 * subresources, metrics.k8s.io), the /setpoint/v1 control endpoint, and the engine's clock ticking about
 * 60 times a second. Bounded: URL and body sizes are limited, nothing runs but the simulation, and errors
 * are Status answers, never stack traces.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServedCluster } from './cluster';
import { allowedOrigin, CONTROL_PREFIX, handleControl } from './control';
import {
  aggregated,
  AGGREGATED_MEDIA_TYPE,
  coreVersions,
  groupDocument,
  groupList,
  resourceList,
  versionInfo,
} from './discovery';
import { acceptsJson, sendError, sendJson, wantsAggregated } from './http';
import { serveMetrics } from './metrics';
import { contentHash, openApiV2, openApiV3, openApiV3Index } from './openapi';
import { evict, notSimulated, serveLog } from './pods';
import type { ApiRequest } from './request';
import { actorOf, locate } from './request';
import { SERVED, METRICS_GROUP, UNSIMULATED_POD_SUBRESOURCES } from './resources';
import { handleObjects, unavailable } from './rest';
import { failure, HttpError, notAcceptable, notFound, pathNotFound } from './status';

/** Longest URL accepted (a label selector is long; nothing needs more). */
const MAX_URL_LENGTH = 16 * 1024;
const TICK_MS = 16;

export interface ServeOptions {
  readonly port?: number;
  /** Address to listen on; 127.0.0.1 unless the caller chose otherwise. */
  readonly host?: string;
  /** Extra origins (besides loopback pages) whose browsers may use the control endpoint and attach. */
  readonly allowOrigins?: readonly string[];
  /** Do not tick by itself (tests drive `cluster.tick()`). */
  readonly manualClock?: boolean;
}

export interface RunningServer {
  readonly server: Server;
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

function text(res: ServerResponse, code: number, body: string): void {
  res.writeHead(code, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

const openApiCache = new Map<string, string>();

function openApiText(path: string): string | undefined {
  let t = openApiCache.get(path);
  if (t === undefined) {
    const doc = path === 'v2' ? openApiV2() : openApiV3(path);
    if (!doc) return undefined;
    t = JSON.stringify(doc);
    openApiCache.set(path, t);
  }
  return t;
}

function serveOpenApi(req: IncomingMessage, res: ServerResponse, pathname: string): void {
  if (pathname === '/openapi/v2') {
    // client-go asks for protobuf first, then falls back; only JSON is served.
    if (!acceptsJson(req.headers.accept))
      throw notAcceptable('only application/json is served for /openapi/v2');
    const body = openApiText('v2') as string;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  if (pathname === '/openapi/v3') {
    sendJson(
      res,
      200,
      openApiV3Index((p) => contentHash(p, openApiText(p) ?? '')),
    );
    return;
  }
  const path = pathname.slice('/openapi/v3/'.length);
  const body = openApiText(path);
  if (body === undefined) throw pathNotFound();
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'public, immutable',
    Etag: `"${contentHash(path, body)}"`,
  });
  res.end(body);
}

function serveDiscovery(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  address: string,
): boolean {
  const parts = pathname.split('/').filter(Boolean);
  if (pathname === '/api' || pathname === '/apis') {
    if (wantsAggregated(req.headers.accept))
      sendJson(res, 200, aggregated(pathname === '/api'), AGGREGATED_MEDIA_TYPE);
    else sendJson(res, 200, pathname === '/api' ? coreVersions(address) : groupList());
    return true;
  }
  if (parts[0] === 'api' && parts.length === 2) {
    if (parts[1] !== 'v1') throw pathNotFound();
    sendJson(res, 200, resourceList('', 'v1'));
    return true;
  }
  if (parts[0] === 'apis' && parts.length === 2) {
    const doc = groupDocument(parts[1] ?? '');
    if (!doc) throw pathNotFound();
    sendJson(res, 200, doc);
    return true;
  }
  if (parts[0] === 'apis' && parts.length === 3) {
    if (!SERVED.some((r) => r.group === parts[1] && r.version === parts[2])) throw pathNotFound();
    sendJson(res, 200, resourceList(parts[1] ?? '', parts[2] ?? ''));
    return true;
  }
  return false;
}

async function route(
  cluster: ServedCluster,
  req: IncomingMessage,
  res: ServerResponse,
  address: string,
  origins: readonly string[],
): Promise<void> {
  if ((req.url ?? '').length > MAX_URL_LENGTH)
    throw failure(414, 'RequestURITooLong', 'the request URL is too long');
  const url = new URL(req.url ?? '/', 'http://localhost');
  const pathname = url.pathname.replace(/\/+$/, '') || '/';
  if (pathname.startsWith(CONTROL_PREFIX)) {
    const origin = allowedOrigin(req.headers.origin, origins);
    if (req.headers.origin && !origin)
      throw failure(
        403,
        'Forbidden',
        `origin ${req.headers.origin} may not use ${CONTROL_PREFIX}; start the server with --allow-origin ${req.headers.origin}`,
      );
    if (origin) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST',
        'Access-Control-Allow-Headers': 'content-type',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return;
    }
    return handleControl(cluster, req, res, pathname);
  }
  if (pathname === '/version') return sendJson(res, 200, versionInfo());
  if (pathname === '/healthz' || pathname === '/livez' || pathname === '/readyz') return text(res, 200, 'ok');
  if (pathname === '/openapi/v2' || pathname === '/openapi/v3' || pathname.startsWith('/openapi/v3/')) {
    return serveOpenApi(req, res, pathname);
  }
  if (req.method === 'GET' && serveDiscovery(req, res, pathname, address)) return;
  const located = locate(pathname);
  if (!located) throw pathNotFound();
  if ('unknown' in located) throw notFound({ group: '', resource: located.unknown }, '');
  const r: ApiRequest = {
    req,
    res,
    cluster,
    method: req.method ?? 'GET',
    query: url.searchParams,
    path: located.path,
    actor: actorOf(req.headers['user-agent']),
  };
  const { resource, name, subresource } = r.path;
  if (resource.group === METRICS_GROUP) return serveMetrics(r);
  if (!cluster.sim.api.available) throw unavailable();
  if (resource.engineKind === 'Pod' && name !== undefined && subresource !== undefined) {
    if (subresource === 'log') return serveLog(r, name);
    if (subresource === 'eviction') return evict(r, name);
    if ((UNSIMULATED_POD_SUBRESOURCES as readonly string[]).includes(subresource))
      notSimulated(subresource, name);
  }
  return handleObjects(r);
}

/** Start serving `cluster`. The returned URL is what a kubeconfig's server field holds. */
export function serve(cluster: ServedCluster, options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const origins = options.allowOrigins ?? [];
  let address = `${host}:${options.port ?? 6443}`;
  const server = createServer((req, res) => {
    route(cluster, req, res, address, origins).catch((e: unknown) => {
      if (e instanceof HttpError) return sendError(res, e);
      const message = e instanceof Error ? e.message : String(e);
      console.error(`setpoint serve: internal error on ${req.method ?? ''} ${req.url ?? ''}: ${message}`);
      sendError(res, failure(500, 'InternalError', `Internal error occurred: ${message}`));
    });
  });
  // Watches and followed logs stay open for as long as the client wants.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 100;
  const timer = options.manualClock
    ? undefined
    : setInterval(() => {
        try {
          cluster.tick();
        } catch (e) {
          console.error(`setpoint serve: the engine failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      }, TICK_MS);
  return new Promise((resolvePromise, reject) => {
    server.once('error', (e) => {
      if (timer) clearInterval(timer);
      reject(e);
    });
    server.listen(options.port ?? 6443, host, () => {
      const port = (server.address() as AddressInfo).port;
      address = `${host}:${port}`;
      const shown = host.includes(':') ? `[${host}]` : host;
      resolvePromise({
        server,
        port,
        url: `http://${shown}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            if (timer) clearInterval(timer);
            cluster.close();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
