/**
 * metrics.k8s.io/v1beta1 (what `kubectl top` reads): NodeMetrics and PodMetrics from the engine's
 * metrics-server samples, with CPU in nanocores and memory in bytes as canonical quantities.
 */
import type { KubeObject, NodeMetricsSample, PodMetricsSample } from '../engine';
import { nodeMetrics, podMetrics, timestamp } from '../engine';
import { sendJson } from './http';
import { listObjects, present } from './objects';
import type { ApiRequest } from './request';
import { matches, parseFilter } from './selectors';
import { methodNotAllowed, notFound, pathNotFound } from './status';
import { METRICS_GROUP, METRICS_VERSION } from './resources';

const API_VERSION = `${METRICS_GROUP}/${METRICS_VERSION}`;

/** A CPU amount in millicores as a canonical DecimalSI quantity (nanocores unless a larger unit is exact). */
export function cpuQuantity(millis: number): string {
  const n = Math.round(millis * 1e6);
  if (n % 1e9 === 0) return String(n / 1e9);
  if (n % 1e6 === 0) return `${n / 1e6}m`;
  if (n % 1e3 === 0) return `${n / 1e3}u`;
  return `${n}n`;
}

/** A byte count as a canonical BinarySI quantity (the largest exact suffix). */
export function memoryQuantity(bytes: number): string {
  const b = Math.round(bytes);
  for (const [suffix, size] of [
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ] as const) {
    if (b !== 0 && b % size === 0) return `${b / size}${suffix}`;
  }
  return String(b);
}

function meta(o: KubeObject, now: number): Record<string, unknown> {
  return {
    name: o.metadata?.name,
    ...(o.metadata?.namespace ? { namespace: o.metadata.namespace } : {}),
    creationTimestamp: timestamp(now),
    ...(o.metadata?.labels ? { labels: o.metadata.labels } : {}),
  };
}

function nodeItem(o: KubeObject, s: NodeMetricsSample, now: number): Record<string, unknown> {
  return {
    kind: 'NodeMetrics',
    apiVersion: API_VERSION,
    metadata: meta(o, now),
    timestamp: timestamp(s.timestamp),
    window: `${s.window}s`,
    usage: { cpu: cpuQuantity(s.cpuMillis), memory: memoryQuantity(s.memoryBytes) },
  };
}

function podItem(o: KubeObject, s: PodMetricsSample, now: number): Record<string, unknown> {
  return {
    kind: 'PodMetrics',
    apiVersion: API_VERSION,
    metadata: meta(o, now),
    timestamp: timestamp(s.timestamp),
    window: `${s.window}s`,
    containers: s.containers.map((c) => ({
      name: c.name,
      usage: { cpu: cpuQuantity(c.cpuMillis), memory: memoryQuantity(c.memoryBytes) },
    })),
  };
}

/** GET nodes and pods of metrics.k8s.io, one or a list (label selectors apply to the node or pod). */
export function serveMetrics(r: ApiRequest): void {
  if (r.method !== 'GET') throw methodNotAllowed();
  const { resource, name, namespace, subresource } = r.path;
  if (subresource !== undefined) throw pathNotFound();
  const store = r.cluster.sim.store;
  const now = r.cluster.sim.now;
  const nodes = resource.plural === 'nodes';
  if (nodes && namespace !== undefined) throw pathNotFound();
  const kind = nodes ? 'Node' : 'Pod';
  const item = (o: KubeObject): Record<string, unknown> | undefined => {
    if (nodes) {
      const s = nodeMetrics(store, o.metadata?.name ?? '');
      return s ? nodeItem(o, s, now) : undefined;
    }
    const s = podMetrics(store, o.metadata?.namespace ?? '', o.metadata?.name ?? '');
    return s ? podItem(o, s, now) : undefined;
  };
  const ref = { group: METRICS_GROUP, resource: resource.plural };
  if (name !== undefined) {
    const o = store.get(kind, namespace ?? 'default', name);
    const out = o ? item(o) : undefined;
    if (!out) throw notFound(ref, name);
    sendJson(r.res, 200, present(r.cluster, out));
    return;
  }
  const filter = parseFilter(kind, r.query.get('labelSelector'), r.query.get('fieldSelector'));
  const items = listObjects(r.cluster, kind, namespace)
    .filter((o) => matches(filter, o))
    .flatMap((o) => item(o) ?? []);
  sendJson(
    r.res,
    200,
    present(r.cluster, { kind: `${resource.kind}List`, apiVersion: API_VERSION, metadata: {}, items }),
  );
}
