/**
 * HTTP plumbing of the served API: bounded request bodies, media-type negotiation for the Accept header
 * (JSON, server-side Table, PartialObjectMetadata, aggregated discovery), and JSON/Status responses.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseAllDocuments } from 'yaml';
import type { HttpError } from './status';
import { badRequest, notAcceptable, tooLarge, unsupportedMediaType } from './status';

/** The API server's limit on a request body (3 MiB, as kube-apiserver's --max-request-bytes default). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Read the whole body, refusing one past `limit` bytes with 413 before reading it all. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(tooLarge(limit));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(tooLarge(limit));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolvePromise(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** One media range of an Accept header, with its parameters ("as", "g", "v"). */
export interface MediaRange {
  readonly type: string;
  readonly params: Readonly<Record<string, string>>;
}

export function parseAccept(header: string | undefined): MediaRange[] {
  if (!header) return [{ type: '*/*', params: {} }];
  return header.split(',').map((part) => {
    const [type = '', ...rest] = part.split(';').map((s) => s.trim());
    const params: Record<string, string> = {};
    for (const p of rest) {
      const eq = p.indexOf('=');
      if (eq > 0)
        params[p.slice(0, eq).trim()] = p
          .slice(eq + 1)
          .trim()
          .replace(/^"|"$/g, '');
    }
    return { type: type.toLowerCase(), params };
  });
}

/** What a resource request may be answered with. */
export type Rendering = 'object' | 'table' | 'metadata';

function jsonish(type: string): boolean {
  return type === 'application/json' || type === 'application/*' || type === '*/*';
}

/**
 * Choose how to render a resource response from the Accept header, as the API server's negotiation does:
 * the first acceptable range wins; protobuf alone is not acceptable (406).
 */
export function negotiate(header: string | undefined): Rendering {
  for (const r of parseAccept(header)) {
    if (!jsonish(r.type)) continue;
    const as = r.params.as;
    if (!as) return 'object';
    if (r.params.g !== 'meta.k8s.io' || (r.params.v !== 'v1' && r.params.v !== 'v1beta1')) continue;
    if (as === 'Table') return 'table';
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return 'metadata';
  }
  throw notAcceptable(
    'only the following media types are accepted: application/json, application/yaml, application/json;as=Table;v=v1;g=meta.k8s.io',
  );
}

/** Whether the client accepts aggregated discovery (apidiscovery.k8s.io/v2) for /api and /apis. */
export function wantsAggregated(header: string | undefined): boolean {
  return parseAccept(header).some(
    (r) =>
      jsonish(r.type) &&
      r.params.as === 'APIGroupDiscoveryList' &&
      r.params.g === 'apidiscovery.k8s.io' &&
      r.params.v === 'v2',
  );
}

/** Whether JSON is acceptable at all (for documents with no other rendering, like /openapi/v2). */
export function acceptsJson(header: string | undefined): boolean {
  return parseAccept(header).some((r) => jsonish(r.type) && !r.params.as);
}

/** Decode a request body by its Content-Type: JSON, or YAML as the API server also accepts. */
export function decodeBody(body: Buffer, contentType: string | undefined): unknown {
  const type = (contentType ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? '';
  const text = body.toString('utf8');
  if (type === 'application/json' || type === '') {
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw badRequest(`the body of the request could not be decoded: ${(e as Error).message}`);
    }
  }
  if (type === 'application/yaml') {
    const docs = parseAllDocuments(text);
    const first = Array.isArray(docs) ? docs[0] : undefined;
    if (!first || first.errors.length) {
      throw badRequest(
        `the body of the request could not be decoded: ${first?.errors[0]?.message ?? 'empty'}`,
      );
    }
    return first.toJS() as unknown;
  }
  throw unsupportedMediaType('application/json, application/yaml');
}

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  contentType = 'application/json',
): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, e: HttpError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, e.code, e.status);
}
