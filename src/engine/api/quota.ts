/**
 * The ResourceQuota admission plugin and the usage arithmetic the resourcequota controller shares
 * (plugin/pkg/admission/resourcequota, pkg/quota/v1/evaluator/core): a pod's compute usage, object counts
 * (count/<resource>), the "must specify" constraint, and the exact Forbidden messages. Left out: quota scopes
 * and scopeSelector, extended resources and hugepages, update-time checks (pod resize), LimitRanger.
 */
import { registerCreatePlugin } from './admission';
import { ApiError, qualifiedResource } from './errors';
import { seconds } from './meta';
import { cpuMillis, bytes, formatCpu, parseQuantity } from './quantity';
import { podRequests } from './resources';
import type { Store } from './store';
import type { Container, Kind, KubeObject, Pod, ResourceQuota } from './types';
import { KIND_INFO } from './types';

/** Amounts by quota resource name: cpu in millicores, memory and storage in bytes, counts as numbers. */
export type Usage = Record<string, number>;

/** Core kinds that also have a legacy quota name without "count/" (pkg/quota/v1/evaluator/core). */
const LEGACY_COUNT: Partial<Record<Kind, string>> = {
  Pod: 'pods',
  Service: 'services',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  PersistentVolumeClaim: 'persistentvolumeclaims',
  ResourceQuota: 'resourcequotas',
};

/** The resources whose absence in a container the pod evaluator refuses when a quota limits them. */
const COMPUTE_CONSTRAINED = [
  'cpu',
  'memory',
  'requests.cpu',
  'requests.memory',
  'limits.cpu',
  'limits.memory',
];

const isCpu = (r: string): boolean => r === 'cpu' || r.endsWith('.cpu');
const isBytes = (r: string): boolean =>
  r === 'memory' || r.endsWith('.memory') || r.includes('ephemeral-storage') || r.endsWith('.storage');

/** A quantity of quota resource `r` in the units Usage uses. */
export function quotaAmount(r: string, q: string | number | undefined): number {
  if (isCpu(r)) return cpuMillis(q);
  if (isBytes(r)) return bytes(q);
  return parseQuantity(q) ?? 0;
}

/** Quantity.String() of an amount: canonical suffixes (500m, 2, 1536Mi, 1Gi). */
export function formatQuotaAmount(r: string, v: number): string {
  if (isCpu(r)) return formatCpu(v);
  if (isBytes(r)) {
    if (v === 0) return '0';
    for (const [suffix, size] of [
      ['Ei', 2 ** 60],
      ['Pi', 2 ** 50],
      ['Ti', 2 ** 40],
      ['Gi', 2 ** 30],
      ['Mi', 2 ** 20],
      ['Ki', 2 ** 10],
    ] as const) {
      if (v % size === 0) return `${v / size}${suffix}`;
    }
    for (const [suffix, size] of [
      ['G', 1e9],
      ['M', 1e6],
      ['k', 1e3],
    ] as const) {
      if (v % size === 0) return `${v / size}${suffix}`;
    }
  }
  return String(v);
}

/** The count names an object of `kind` is charged under. */
export function countResources(kind: Kind): string[] {
  const out = [`count/${qualifiedResource(kind)}`];
  const legacy = LEGACY_COUNT[kind];
  if (legacy) out.push(legacy);
  return out;
}

/** QuotaV1Pod: finished pods, and terminating pods past deletionTimestamp + grace, stop counting. */
export function podCountsAgainstQuota(pod: Pod, now: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const del = pod.metadata?.deletionTimestamp;
  const grace = pod.metadata?.deletionGracePeriodSeconds;
  if (del !== undefined && grace !== undefined && now > seconds(del) + grace) return false;
  return true;
}

function sumLimits(pod: Pod): Usage {
  const sum: Usage = {};
  const add = (c: Container, into: Usage) => {
    const lim = c.resources?.limits ?? {};
    for (const k in lim) into[k] = (into[k] ?? 0) + quotaAmount(k, lim[k]);
  };
  for (const c of pod.spec?.containers ?? []) add(c, sum);
  for (const c of pod.spec?.initContainers ?? []) {
    const one: Usage = {};
    add(c, one);
    for (const k in one) sum[k] = Math.max(sum[k] ?? 0, one[k] ?? 0);
  }
  return sum;
}

/** PodUsageFunc: what one pod charges (pods, count/pods, and the compute it requests or limits). */
export function podUsage(pod: Pod): Usage {
  const out: Usage = { pods: 1, 'count/pods': 1 };
  const requests = podRequests(pod);
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const v = requests[r];
    if (v === undefined) continue;
    out[r] = v;
    out[`requests.${r}`] = v;
  }
  const limits = sumLimits(pod);
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const v = limits[r];
    if (v !== undefined) out[`limits.${r}`] = v;
  }
  return out;
}

/** What an object charges to a quota in its namespace. */
export function objectUsage(kind: Kind, obj: KubeObject): Usage {
  if (kind === 'Pod') return podUsage(obj as Pod);
  const out: Usage = {};
  for (const r of countResources(kind)) out[r] = 1;
  return out;
}

/** Usage of everything in `namespace` that counts, for the resources in `names` (the controller's recalculation). */
export function namespaceUsage(
  store: Store,
  namespace: string,
  names: readonly string[],
  now: number,
): Usage {
  const out: Usage = {};
  for (const n of names) out[n] = 0;
  const wanted = new Set(names);
  const podNames = names.filter((n) => n === 'pods' || n === 'count/pods' || COMPUTE_NAMES.has(n));
  if (podNames.length) {
    for (const pod of store.list('Pod', namespace)) {
      if (!podCountsAgainstQuota(pod, now)) continue;
      const u = podUsage(pod);
      for (const n of podNames) out[n] = (out[n] ?? 0) + (u[n] ?? 0);
    }
  }
  for (const kind of Object.keys(KIND_INFO) as Kind[]) {
    if (kind === 'Pod' || !KIND_INFO[kind].namespaced) continue;
    const counted = countResources(kind).filter((r) => wanted.has(r));
    if (!counted.length) continue;
    const n = store.list(kind, namespace).length;
    for (const r of counted) out[r] = n;
  }
  return out;
}

const COMPUTE_NAMES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
]);

/** The quota resources the evaluator for `kind` tracks, among `hard`. */
function matchingResources(kind: Kind, hard: readonly string[]): string[] {
  const own = new Set(countResources(kind));
  return hard.filter((r) => own.has(r) || (kind === 'Pod' && COMPUTE_NAMES.has(r)));
}

/** prettyPrint: "k=v" sorted by key, comma-joined. */
function prettyPrint(u: Usage, keys: readonly string[]): string {
  return [...keys]
    .filter((k) => u[k] !== undefined)
    .sort()
    .map((k) => `${k}=${formatQuotaAmount(k, u[k] ?? 0)}`)
    .join(',');
}

function parseList(list: Readonly<Record<string, string | number>> | undefined): Usage {
  const out: Usage = {};
  for (const k in list) out[k] = quotaAmount(k, list[k]);
  return out;
}

/** The list form status.hard / status.used take. */
export function formatList(u: Usage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(u).sort()) out[k] = formatQuotaAmount(k, u[k] ?? 0);
  return out;
}

/** enforcePodContainerConstraints over every container: resource -> container names missing it. */
function missingConstraints(pod: Pod, required: readonly string[]): Map<string, Set<string>> {
  const missing = new Map<string, Set<string>>();
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const have = new Set<string>();
    for (const r of Object.keys(c.resources?.requests ?? {})) have.add(r).add(`requests.${r}`);
    for (const r of Object.keys(c.resources?.limits ?? {})) have.add(`limits.${r}`);
    for (const r of required) {
      if (have.has(r)) continue;
      let s = missing.get(r);
      if (!s) missing.set(r, (s = new Set()));
      s.add(c.name);
    }
  }
  return missing;
}

function forbidden(kind: Kind, obj: KubeObject, why: string): ApiError {
  return new ApiError(
    'Forbidden',
    `${qualifiedResource(kind)} "${obj.metadata?.name ?? ''}" is forbidden: ${why}`,
  );
}

interface QuotaView {
  readonly quota: ResourceQuota;
  readonly hard: Usage;
  readonly used: Usage;
}

/** A quota's hard and used: its status, or (before the controller's first sync) spec.hard and a live count. */
function view(store: Store, quota: ResourceQuota, now: number): QuotaView {
  const statusHard = quota.status?.hard;
  if (statusHard && Object.keys(statusHard).length > 0) {
    return { quota, hard: parseList(statusHard), used: parseList(quota.status?.used) };
  }
  const hard = parseList(quota.spec?.hard);
  return {
    quota,
    hard,
    used: namespaceUsage(store, quota.metadata?.namespace ?? 'default', Object.keys(hard), now),
  };
}

/**
 * checkRequest for a create: constraints against every matching quota first, then each quota's new usage
 * against its hard limits. Returns the quota statuses to record once the object is stored.
 */
export function admitQuota(
  kind: Kind,
  obj: KubeObject,
  ctx: { readonly now: number; readonly store: Store },
): (() => void) | undefined {
  const ns = obj.metadata?.namespace;
  if (!ns || !KIND_INFO[kind].namespaced || kind === 'Event') return undefined;
  const quotas = ctx.store
    .list('ResourceQuota', ns)
    .slice()
    .sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
  if (!quotas.length) return undefined;
  const interesting: { v: QuotaView; restricted: string[] }[] = [];
  for (const q of quotas) {
    const v = view(ctx.store, q, ctx.now);
    const restricted = matchingResources(kind, Object.keys(v.hard));
    if (!restricted.length) continue;
    if (kind === 'Pod') {
      const required = restricted.filter((r) => COMPUTE_CONSTRAINED.includes(r));
      const missing = missingConstraints(obj as Pod, required);
      if (missing.size) {
        const parts = [...missing.keys()]
          .sort()
          .map((r) => `${r} for: ${[...(missing.get(r) ?? [])].sort().join(',')}`);
        throw forbidden(
          kind,
          obj,
          `failed quota: ${q.metadata?.name ?? ''}: must specify ${parts.join('; ')}`,
        );
      }
    }
    interesting.push({ v, restricted });
  }
  const delta: Usage = {};
  for (const [k, n] of Object.entries(objectUsage(kind, obj))) if (n !== 0) delta[k] = n;
  if (!Object.keys(delta).length || !interesting.length) return undefined;
  const updates: { quota: ResourceQuota; used: Usage }[] = [];
  for (const { v } of interesting) {
    const requestedKeys = Object.keys(delta).filter((k) => v.hard[k] !== undefined);
    if (!requestedKeys.length) continue;
    const newUsed: Usage = { ...v.used };
    for (const k of requestedKeys) newUsed[k] = (newUsed[k] ?? 0) + (delta[k] ?? 0);
    const exceeded = requestedKeys.filter((k) => (newUsed[k] ?? 0) > (v.hard[k] ?? 0));
    if (exceeded.length) {
      throw forbidden(
        kind,
        obj,
        `exceeded quota: ${v.quota.metadata?.name ?? ''}, requested: ${prettyPrint(delta, exceeded)}, used: ${prettyPrint(v.used, exceeded)}, limited: ${prettyPrint(v.hard, exceeded)}`,
      );
    }
    updates.push({ quota: v.quota, used: newUsed });
  }
  if (!updates.length) return undefined;
  // The plugin records the usage it admitted in the quota's status, so the next create sees it at once.
  return () => {
    for (const u of updates) {
      const cur = ctx.store.get('ResourceQuota', ns, u.quota.metadata?.name ?? '');
      if (!cur) continue;
      const hard = cur.status?.hard ?? cur.spec?.hard ?? {};
      const used: Usage = {};
      for (const k of Object.keys(hard)) used[k] = u.used[k] ?? 0;
      ctx.store.put({ ...cur, status: { hard: { ...hard }, used: formatList(used) } });
    }
  };
}

registerCreatePlugin(admitQuota);
