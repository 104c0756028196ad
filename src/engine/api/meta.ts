/** Small helpers over object metadata: keys, simulated timestamps, owners and label selectors. */
import type { Kind, KubeObject, LabelSelector, OwnerReference } from './types';
import { KIND_INFO } from './types';

/** Simulated second 0 is this instant; timestamps in objects are RFC 3339 like a real API server's. */
export const EPOCH_MS = Date.UTC(2026, 0, 1, 9, 0, 0);

/** RFC 3339 timestamp for simulated time `t` (seconds). Whole seconds print without a fraction. */
export function timestamp(t: number): string {
  const ms = Math.round(t * 1000);
  const iso = new Date(EPOCH_MS + ms).toISOString();
  return ms % 1000 === 0 ? iso.replace('.000Z', 'Z') : iso;
}

/** Simulated seconds for an RFC 3339 timestamp written by `timestamp`. */
export function seconds(ts: string | undefined): number {
  if (ts === undefined) return Number.NaN;
  return (Date.parse(ts) - EPOCH_MS) / 1000;
}

export function objectKey(kind: Kind, namespace: string | undefined, name: string): string {
  return KIND_INFO[kind].namespaced ? `${kind}/${namespace ?? 'default'}/${name}` : `${kind}/${name}`;
}

export function keyOf(obj: KubeObject): string {
  return objectKey(obj.kind as Kind, obj.metadata?.namespace, obj.metadata?.name ?? '');
}

/** "namespace/name" (or "name" for cluster-scoped kinds): the key a controller reconciles. */
export function nameKey(obj: KubeObject): string {
  const ns = obj.metadata?.namespace;
  return ns ? `${ns}/${obj.metadata?.name ?? ''}` : (obj.metadata?.name ?? '');
}

export function splitNameKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0
    ? { namespace: '', name: key }
    : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((o) => o.controller === true);
}

export function ownerReference(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion ?? KIND_INFO[owner.kind as Kind].apiVersion,
    kind: owner.kind ?? '',
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function matchLabels(
  selector: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  for (const k in selector) if (labels?.[k] !== selector[k]) return false;
  return true;
}

/** LabelSelector semantics: matchLabels AND every matchExpression. An empty selector matches everything. */
export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  if (!selector) return false;
  if (selector.matchLabels && !matchLabels(selector.matchLabels, labels)) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, e.key);
    const v = labels?.[e.key];
    switch (e.operator) {
      case 'In':
        if (!has || !(e.values ?? []).includes(v as string)) return false;
        break;
      case 'NotIn':
        if (has && (e.values ?? []).includes(v as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Human form of a selector, as kubectl prints it: "app=web,tier in (a,b)". */
export function formatSelector(selector: LabelSelector | undefined): string {
  if (!selector) return '<none>';
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${(e.values ?? []).join(',')})`);
  }
  return parts.length ? parts.join(',') : '<none>';
}
