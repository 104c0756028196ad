/**
 * Resource names as kubectl resolves them through discovery: plural, singular, short names, kinds, and
 * group-qualified forms ("deployments.apps", "deployment.v1.apps"), plus the "type/name" and comma-list
 * argument forms every resource command accepts.
 */
import type { Kind } from '../api/types';
import { KIND_INFO, KINDS } from '../api/types';

export interface ResourceType {
  readonly kind: Kind;
  /** "deployments" */
  readonly plural: string;
  /** "deployment" */
  readonly singular: string;
  readonly shortNames: readonly string[];
  /** "apps", or "" for the core group. */
  readonly group: string;
  readonly version: string;
  readonly namespaced: boolean;
}

/** The API server's short names (discovery `shortNames`) for the kinds the simulator serves. */
const SHORT_NAMES: Partial<Record<Kind, readonly string[]>> = {
  Pod: ['po'],
  Deployment: ['deploy'],
  ReplicaSet: ['rs'],
  StatefulSet: ['sts'],
  DaemonSet: ['ds'],
  Service: ['svc'],
  Endpoints: ['ep'],
  Node: ['no'],
  Namespace: ['ns'],
  ConfigMap: ['cm'],
  PersistentVolumeClaim: ['pvc'],
  PersistentVolume: ['pv'],
  HorizontalPodAutoscaler: ['hpa'],
  Ingress: ['ing'],
  Event: ['ev'],
  ResourceQuota: ['quota'],
};

function typeOf(kind: Kind): ResourceType {
  const info = KIND_INFO[kind];
  const slash = info.apiVersion.indexOf('/');
  return {
    kind,
    plural: info.plural,
    singular: kind.toLowerCase(),
    shortNames: SHORT_NAMES[kind] ?? [],
    group: slash < 0 ? '' : info.apiVersion.slice(0, slash),
    version: slash < 0 ? info.apiVersion : info.apiVersion.slice(slash + 1),
    namespaced: info.namespaced,
  };
}

export const RESOURCE_TYPES: readonly ResourceType[] = KINDS.map(typeOf);

/** metrics.k8s.io, which metrics-server adds to the API (what `kubectl top` reads); not objects in the store. */
export const METRICS_RESOURCES = [
  { kind: 'NodeMetrics', plural: 'nodes', group: 'metrics.k8s.io', version: 'v1beta1', namespaced: false },
  { kind: 'PodMetrics', plural: 'pods', group: 'metrics.k8s.io', version: 'v1beta1', namespaced: true },
] as const;

const BY_KIND = new Map(RESOURCE_TYPES.map((t) => [t.kind, t] as const));

export function resourceType(kind: Kind): ResourceType {
  return BY_KIND.get(kind) as ResourceType;
}

/** Resolve one resource word ("po", "Deployment", "deployments.apps", "hpa.v2.autoscaling"). */
export function resolveResource(word: string): ResourceType | undefined {
  const lower = word.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot < 0 ? lower : lower.slice(0, dot);
  const rest = dot < 0 ? undefined : lower.slice(dot + 1);
  for (const t of RESOURCE_TYPES) {
    if (name !== t.plural && name !== t.singular && !t.shortNames.includes(name)) continue;
    if (rest === undefined || rest === t.group || rest === `${t.version}.${t.group}`) return t;
    if (t.group === '' && rest === t.version) return t;
  }
  return undefined;
}

/** "deployment.apps" as kubectl prefixes names in output ("deployment.apps/web"). */
export function qualifiedSingular(t: ResourceType): string {
  return t.group ? `${t.singular}.${t.group}` : t.singular;
}

/** "deployment.apps/web" */
export function slashName(kind: Kind, name: string): string {
  return `${qualifiedSingular(resourceType(kind))}/${name}`;
}

/** `deployment.apps "web"` as delete prints it. */
export function quotedName(kind: Kind, name: string): string {
  return `${qualifiedSingular(resourceType(kind))} "${name}"`;
}

export function unknownResourceType(word: string): string {
  return `error: the server doesn't have a resource type "${word}"`;
}

/** The resource types `kubectl get all` lists (the "all" category), in kubectl's order. */
export const ALL_CATEGORY: readonly Kind[] = [
  'Pod',
  'Service',
  'DaemonSet',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'HorizontalPodAutoscaler',
  'Job',
];

/** A resolved argument: a type, optionally one object of it. */
export interface Target {
  readonly type: ResourceType;
  readonly name?: string;
}

export type Targets = { readonly targets: Target[] } | { readonly error: string };

/**
 * Resource arguments as kubectl's resource builder reads them: either "type[,type...] [name...]" or one or
 * more "type/name". `allowAll` expands the "all" category (get); otherwise "all" is not a type.
 */
export function resolveTargets(args: readonly string[], allowAll = false): Targets {
  const first = args[0];
  if (first === undefined) return { targets: [] };
  if (first.includes('/')) {
    const targets: Target[] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash < 0) {
        return {
          error:
            "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
        };
      }
      const word = a.slice(0, slash);
      const name = a.slice(slash + 1);
      const type = resolveResource(word);
      if (!type) return { error: unknownResourceType(word) };
      if (!name)
        return { error: `error: arguments in resource/name form must have a single resource and name` };
      targets.push({ type, name });
    }
    return { targets };
  }
  const types: ResourceType[] = [];
  for (const word of first.split(',')) {
    if (word === '') continue;
    if (allowAll && word.toLowerCase() === 'all') {
      for (const k of ALL_CATEGORY) if (!types.some((t) => t.kind === k)) types.push(resourceType(k));
      continue;
    }
    const type = resolveResource(word);
    if (!type) return { error: unknownResourceType(word) };
    if (!types.includes(type)) types.push(type);
  }
  const names = args.slice(1);
  for (const n of names) {
    if (n.includes('/')) {
      return {
        error:
          "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      };
    }
  }
  if (names.length === 0) return { targets: types.map((type) => ({ type })) };
  return { targets: types.flatMap((type) => names.map((name) => ({ type, name }))) };
}
