/**
 * What the served API offers, resource by resource: the engine's kinds (their group, version, plural,
 * short names) with the verbs and subresources the server answers, plus metrics.k8s.io. Discovery, OpenAPI
 * and the router all read this one table.
 */
import type { Kind } from '../engine';
import { ALL_CATEGORY, METRICS_RESOURCES, RESOURCE_TYPES } from '../engine';

export interface Subresource {
  readonly name: string;
  /** The kind the subresource takes and returns, when it is not the parent's. */
  readonly kind?: { readonly group: string; readonly version: string; readonly kind: string };
  readonly verbs: readonly string[];
}

export interface ServedResource {
  /** The engine's kind, or undefined for a resource served outside the store (metrics). */
  readonly engineKind?: Kind;
  readonly kind: string;
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly verbs: readonly string[];
  readonly subresources: readonly Subresource[];
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const STATUS: Subresource = { name: 'status', verbs: ['get', 'patch', 'update'] };
const SCALE: Subresource = {
  name: 'scale',
  kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
  verbs: ['get', 'patch', 'update'],
};
/** Subresources that exist on a real pod but that a simulation cannot serve (no processes, no network). */
export const UNSIMULATED_POD_SUBRESOURCES = ['attach', 'exec', 'portforward'] as const;

const SUBRESOURCES: Partial<Record<Kind, readonly Subresource[]>> = {
  Pod: [
    STATUS,
    { name: 'log', verbs: ['get'] },
    {
      name: 'eviction',
      kind: { group: 'policy', version: 'v1', kind: 'Eviction' },
      verbs: ['create'],
    },
    ...(
      [
        ['attach', 'PodAttachOptions'],
        ['exec', 'PodExecOptions'],
        ['portforward', 'PodPortForwardOptions'],
      ] as const
    ).map(([name, kind]) => ({ name, kind: { group: '', version: 'v1', kind }, verbs: ['create', 'get'] })),
  ],
  Deployment: [STATUS, SCALE],
  ReplicaSet: [STATUS, SCALE],
  StatefulSet: [STATUS, SCALE],
  DaemonSet: [STATUS],
  Job: [STATUS],
  HorizontalPodAutoscaler: [STATUS],
  Service: [STATUS],
  Node: [STATUS],
  Namespace: [STATUS],
  PersistentVolumeClaim: [STATUS],
  PersistentVolume: [STATUS],
  ResourceQuota: [STATUS],
  Ingress: [STATUS],
};

function verbsOf(kind: Kind): readonly string[] {
  // Namespaces cannot be deleted as a collection.
  return kind === 'Namespace' ? ALL_VERBS.filter((v) => v !== 'deletecollection') : ALL_VERBS;
}

export const METRICS_GROUP = METRICS_RESOURCES[0].group;
export const METRICS_VERSION = METRICS_RESOURCES[0].version;

const METRICS: readonly ServedResource[] = METRICS_RESOURCES.map((m) => ({
  kind: m.kind,
  group: m.group,
  version: m.version,
  plural: m.plural,
  singular: '',
  namespaced: m.namespaced,
  shortNames: [],
  categories: [],
  verbs: ['get', 'list'],
  subresources: [],
}));

/**
 * Groups in the order the API server lists them (its group priorities: core, apps, autoscaling, batch,
 * networking, coordination, discovery; aggregated APIs last). kubectl expands "all" in this order.
 */
const GROUP_ORDER = [
  '',
  'apps',
  'autoscaling',
  'batch',
  'networking.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  METRICS_GROUP,
];

function discoveryOrder(a: ServedResource, b: ServedResource): number {
  const ga = GROUP_ORDER.indexOf(a.group);
  const gb = GROUP_ORDER.indexOf(b.group);
  if (ga !== gb) return (ga < 0 ? GROUP_ORDER.length : ga) - (gb < 0 ? GROUP_ORDER.length : gb);
  return a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0;
}

/** Every served resource, in discovery order (by group priority, then alphabetically as the API lists them). */
export const SERVED: readonly ServedResource[] = [
  ...RESOURCE_TYPES.map((t): ServedResource => ({
    engineKind: t.kind,
    kind: t.kind,
    group: t.group,
    version: t.version,
    plural: t.plural,
    singular: t.singular,
    namespaced: t.namespaced,
    shortNames: t.shortNames,
    categories: ALL_CATEGORY.includes(t.kind) ? ['all'] : [],
    verbs: verbsOf(t.kind),
    subresources: SUBRESOURCES[t.kind] ?? [],
  })),
  ...METRICS,
].sort(discoveryOrder);

/** "apps/v1", or "v1" for the core group. */
export function groupVersion(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** The served resource at group/version/plural, if any. */
export function findResource(group: string, version: string, plural: string): ServedResource | undefined {
  return SERVED.find((r) => r.group === group && r.version === version && r.plural === plural);
}

export function resourceOfKind(kind: Kind): ServedResource {
  return SERVED.find((r) => r.engineKind === kind) as ServedResource;
}

/** Every served group (core first as ""), each with its one version. */
export function servedGroups(): { group: string; version: string }[] {
  const seen = new Map<string, string>();
  for (const r of SERVED) if (!seen.has(r.group)) seen.set(r.group, r.version);
  return [...seen].map(([group, version]) => ({ group, version }));
}
