/**
 * One API request as the handlers see it: where it points (group, version, resource, namespace, name,
 * subresource, parsed as the API server's RequestInfoFactory does), its verb, query and body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServedCluster } from './cluster';
import type { ServedResource } from './resources';
import { findResource } from './resources';

export interface ResourcePath {
  readonly group: string;
  readonly version: string;
  readonly resource: ServedResource;
  readonly namespace?: string;
  readonly name?: string;
  readonly subresource?: string;
}

export interface ApiRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly cluster: ServedCluster;
  readonly method: string;
  readonly query: URLSearchParams;
  readonly path: ResourcePath;
  /** Who acts in the simulation for writes ("kubectl" for kubectl, else the client's name). */
  readonly actor: string;
}

/** Subresources of a namespace itself, not resources inside it (/api/v1/namespaces/<name>/status). */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export type Located = { readonly path: ResourcePath } | { readonly unknown: string } | undefined;

/**
 * The resource a URL path names, `{ unknown }` for a well-formed path to a resource not served (a 404 with
 * the resource's name), or undefined when the path is not an API resource path at all.
 */
export function locate(pathname: string): Located {
  const parts = pathname
    .split('/')
    .filter((p) => p !== '')
    .map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1] ?? '';
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1] ?? '';
    version = parts[2] ?? '';
    rest = parts.slice(3);
  } else return undefined;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && !NAMESPACE_SUBRESOURCES.has(rest[2] ?? '')) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural = '', name, subresource, ...extra] = rest;
  if (extra.length) return { unknown: plural };
  const resource = findResource(group, version, plural);
  if (!resource) return { unknown: plural };
  return {
    path: {
      group,
      version,
      resource,
      ...(namespace !== undefined ? { namespace } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(subresource !== undefined ? { subresource } : {}),
    },
  };
}

/** The acting name for a request: kubectl's user agent starts "kubectl/". */
export function actorOf(userAgent: string | undefined): string {
  if (!userAgent) return 'api-client';
  const first = userAgent.split(/[ /]/)[0] ?? '';
  return first === 'kubectl' ? 'kubectl' : first.slice(0, 40) || 'api-client';
}
