/**
 * The API server's per-kind admission chain: defaulting (as the apps/v1 and core/v1 defaulters do),
 * admission plugins (DefaultTolerationSeconds and friends) and validation with Kubernetes' field paths.
 * Each kind registers its functions in `admissionFor`; ApiServer runs them on every create and update.
 */
import type { FieldError } from './errors';
import type { Store } from './store';
import type { Kind, KindMap, KubeObject } from './types';

export interface AdmissionContext {
  readonly now: number;
  /** The object being replaced, on update. */
  readonly old?: unknown;
  /** Read-only view of the store, for admission that allocates (Service cluster IPs, node ports). */
  readonly store?: Store;
}

export interface KindAdmission<K extends Kind> {
  /** Fill in defaults; returns a new object (never mutates its argument). */
  default?(obj: KindMap[K], ctx: AdmissionContext): KindMap[K];
  /** Mutating admission plugins, after defaulting. */
  admit?(obj: KindMap[K], ctx: AdmissionContext): KindMap[K];
  /** Field errors; empty when valid. */
  validate?(obj: KindMap[K], ctx: AdmissionContext): FieldError[];
  /** The registry strategy's PrepareForCreate: runs on a real create only (not on dry runs or updates). */
  prepareForCreate?(obj: KindMap[K]): KindMap[K];
}

export type AdmissionRegistry = { readonly [K in Kind]?: KindAdmission<K> };

const registry: { [K in Kind]?: KindAdmission<K> } = {};

/** Called once per kind by the module that owns its rules (see api/kinds/). */
export function registerAdmission<K extends Kind>(kind: K, admission: KindAdmission<K>): void {
  (registry as Record<string, unknown>)[kind] = admission;
}

export function admissionFor<K extends Kind>(kind: K): KindAdmission<K> | undefined {
  return registry[kind] as KindAdmission<K> | undefined;
}

/**
 * A validating admission plugin that sees the whole cluster (ResourceQuota): it runs on every create once
 * the object is complete (name generated), throws an ApiError to refuse it, and may return what to record
 * once the object is stored (the quota usage it charged).
 */
export type CreatePlugin = (
  kind: Kind,
  obj: KubeObject,
  ctx: { readonly now: number; readonly store: Store },
) => (() => void) | undefined;

const createPluginList: CreatePlugin[] = [];

export function registerCreatePlugin(plugin: CreatePlugin): void {
  if (!createPluginList.includes(plugin)) createPluginList.push(plugin);
}

export function createPlugins(): readonly CreatePlugin[] {
  return createPluginList;
}
