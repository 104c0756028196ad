/**
 * Helpers of the Deployment controller (after deployment_util.go): fenceposts, replica counts, revisions,
 * the replica annotations, the pod-template-hash, template equality and the status conditions.
 * Everything here is a pure function of its arguments.
 */
import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import { seconds, timestamp } from '../../api/meta';
import type { PodTemplateSpec } from '../../api/types';
import { fnv32a } from '../../base/hash';
import { safeEncode } from '../../base/rng';
import { resolveFenceposts, scaledValue } from './fenceposts';

export { resolveFenceposts, scaledValue };

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const HASH_LABEL = 'pod-template-hash';
/** The revision-history annotation is trimmed from the front to stay under this many characters. */
export const MAX_REV_HISTORY_CHARS = 2000;

/** Deployment annotations never copied onto a ReplicaSet (nor back on rollback). */
export const ANNOTATIONS_TO_SKIP: ReadonlySet<string> = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  'deprecated.deployment.rollback.to',
]);

// Condition reasons, with Kubernetes' spelling.
export const REASON_RS_UPDATED = 'ReplicaSetUpdated';
export const REASON_FAILED_RS_CREATE = 'ReplicaSetCreateError';
export const REASON_NEW_RS_CREATED = 'NewReplicaSetCreated';
export const REASON_FOUND_NEW_RS = 'FoundNewReplicaSet';
export const REASON_NEW_RS_AVAILABLE = 'NewReplicaSetAvailable';
export const REASON_TIMED_OUT = 'ProgressDeadlineExceeded';
export const REASON_PAUSED = 'DeploymentPaused';
export const REASON_RESUMED = 'DeploymentResumed';
export const REASON_MIN_AVAILABLE = 'MinimumReplicasAvailable';
export const REASON_MIN_UNAVAILABLE = 'MinimumReplicasUnavailable';

/** Go's MaxInt32: progressDeadlineSeconds / revisionHistoryLimit at this value mean "not set". */
const MAX_INT32 = 2147483647;

// ---------------------------------------------------------------------------------------------------------
// Spec accessors. The API server defaults every field; the fallbacks only guard hand-made test objects.

export function desiredReplicas(d: Deployment): number {
  return d.spec?.replicas ?? 1;
}

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

export function hasProgressDeadline(d: Deployment): boolean {
  const p = d.spec?.progressDeadlineSeconds ?? 600;
  return p !== MAX_INT32;
}

export function progressDeadline(d: Deployment): number {
  return d.spec?.progressDeadlineSeconds ?? 600;
}

export function revisionHistoryLimit(d: Deployment): number | undefined {
  const l = d.spec?.revisionHistoryLimit ?? 10;
  return l === MAX_INT32 ? undefined : l;
}

export function specReplicas(rs: ReplicaSet | undefined): number {
  return rs ? (rs.spec?.replicas ?? 1) : 0;
}

export function isActive(rs: ReplicaSet | undefined): rs is ReplicaSet {
  return rs !== undefined && specReplicas(rs) > 0;
}

/** Σ spec.replicas (GetReplicaCountForReplicaSets). */
export function sumSpec(rss: readonly (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (const rs of rss) n += specReplicas(rs);
  return n;
}

/** Σ of one status field; absent RSs count 0. */
export function sumStatus(
  rss: readonly (ReplicaSet | undefined)[],
  field: 'replicas' | 'readyReplicas' | 'availableReplicas',
): number {
  let n = 0;
  for (const rs of rss) n += rs?.status?.[field] ?? 0;
  return n;
}

// ---------------------------------------------------------------------------------------------------------
// maxSurge / maxUnavailable (ResolveFenceposts itself is in fenceposts.ts).

export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge ?? '25%', ru?.maxUnavailable ?? '25%', desiredReplicas(d)).surge;
}

export function maxUnavailable(d: Deployment): number {
  const replicas = desiredReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  const u = resolveFenceposts(ru?.maxSurge ?? '25%', ru?.maxUnavailable ?? '25%', replicas).unavailable;
  return Math.min(u, replicas);
}

/**
 * NewRSNewReplicas: the size the new ReplicaSet may grow to now. RollingUpdate adds up to the surge room left
 * by the spec counts of all ReplicaSets (terminating pods do not count), never beyond `replicas`; Recreate
 * goes straight to `replicas`.
 */
export function newRSNewReplicas(
  d: Deployment,
  allRSs: readonly (ReplicaSet | undefined)[],
  newRS: ReplicaSet,
): number {
  const replicas = desiredReplicas(d);
  if (!isRollingUpdate(d)) return replicas;
  const surge = scaledValue(d.spec?.strategy?.rollingUpdate?.maxSurge ?? '25%', replicas, true);
  const current = sumSpec(allRSs);
  const maxTotal = replicas + surge;
  const now = specReplicas(newRS);
  if (current >= maxTotal) return now;
  return now + Math.min(maxTotal - current, replicas - now);
}

// ---------------------------------------------------------------------------------------------------------
// Ordering.

function createdAt(rs: ReplicaSet): number {
  return seconds(rs.metadata?.creationTimestamp);
}

/** ReplicaSetsByCreationTimestamp: oldest first, ties by name. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const ta = createdAt(a);
  const tb = createdAt(b);
  if (ta !== tb) return ta - tb;
  const na = a.metadata?.name ?? '';
  const nb = b.metadata?.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** ReplicaSetsByRevision: lowest revision first; unparsable or equal revisions fall back to creation order. */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  if (ra === undefined || rb === undefined || ra === rb) return byCreation(a, b);
  return ra - rb;
}

// ---------------------------------------------------------------------------------------------------------
// Revisions and annotations.

/** The revision annotation as a number: 0 when absent, undefined when it is not an integer. */
export function revisionOf(rs: ReplicaSet | Deployment): number | undefined {
  const v = rs.metadata?.annotations?.[REVISION];
  if (v === undefined) return 0;
  return /^[+-]?\d+$/.test(v) ? Number(v) : undefined;
}

export function maxRevision(rss: readonly ReplicaSet[]): number {
  let max = 0;
  for (const rs of rss) {
    const v = revisionOf(rs);
    if (v !== undefined && v > max) max = v;
  }
  return max;
}

/** An integer annotation (strconv.Atoi), or undefined when absent or malformed. */
export function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata?.annotations?.[key];
  return v !== undefined && /^[+-]?\d+$/.test(v) ? Number(v) : undefined;
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata?.annotations;
  return a?.[DESIRED_REPLICAS] !== String(desired) || a[MAX_REPLICAS] !== String(max);
}

/**
 * SetNewReplicaSetAnnotations: copy the Deployment's own annotations, raise the revision to `newRevision`
 * when it is lower (recording the old number in revision-history), and for a ReplicaSet about to be created
 * add the replica annotations. Returns the annotations and whether they changed.
 */
export function newReplicaSetAnnotations(
  d: Deployment,
  current: Readonly<Record<string, string>> | undefined,
  newRevision: number,
  exists: boolean,
): { annotations: Record<string, string>; changed: boolean } {
  const a: Record<string, string> = { ...current };
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k) || (k in a && a[k] === v)) continue;
    a[k] = v;
    changed = true;
  }
  const had = a[REVISION];
  let oldRevision = 0;
  if (had !== undefined && had !== '') {
    // A revision that is not a number stops the whole update, as ParseInt's error does.
    if (!/^[+-]?\d+$/.test(had)) return { annotations: a, changed: false };
    oldRevision = Number(had);
  }
  if (oldRevision < newRevision) {
    a[REVISION] = String(newRevision);
    changed = true;
    // The ReplicaSet served an older revision before: keep it in the history (a rollback or an edit back).
    if (had !== undefined) {
      const history = a[REVISION_HISTORY] ?? '';
      if (history === '') a[REVISION_HISTORY] = had;
      else {
        const parts = history.split(',');
        let total = history.length + had.length + 1;
        let start = 0;
        while (total > MAX_REV_HISTORY_CHARS && start < parts.length) {
          total -= (parts[start]?.length ?? 0) + 1;
          start++;
        }
        if (total <= MAX_REV_HISTORY_CHARS) a[REVISION_HISTORY] = [...parts.slice(start), had].join(',');
      }
    }
  }
  if (!exists) {
    const desired = String(desiredReplicas(d));
    const max = String(desiredReplicas(d) + maxSurge(d));
    if (a[DESIRED_REPLICAS] !== desired || a[MAX_REPLICAS] !== max) changed = true;
    a[DESIRED_REPLICAS] = desired;
    a[MAX_REPLICAS] = max;
  }
  return { annotations: a, changed };
}

// ---------------------------------------------------------------------------------------------------------
// Templates: the pod-template-hash and equality ignoring it.

/** JSON with sorted keys (Go hashes the struct; any fixed serialisation keeps the hash deterministic). */
function sortedJson(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(value).sort()) out[k] = (value as Record<string, unknown>)[k];
      return out;
    }
    return value;
  });
}

/**
 * controller.ComputeHash: FNV-32a over the template, then over collisionCount as 8 little-endian bytes when
 * set, printed in decimal and mapped onto the name alphabet (SafeEncodeString).
 */
export function podTemplateHash(template: PodTemplateSpec | undefined, collisionCount?: number): string {
  let s = sortedJson(template ?? {});
  if (collisionCount !== undefined) {
    const c = collisionCount >>> 0;
    s += String.fromCharCode(c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, c >>> 24, 0, 0, 0, 0);
  }
  return safeEncode(String(fnv32a(s)));
}

/** Semantic equality treats an empty map or list like an absent one; this drops them before comparing. */
function semantic(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map(semantic);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    let any = false;
    for (const k of Object.keys(v).sort()) {
      const x = semantic((v as Record<string, unknown>)[k]);
      if (x === undefined) continue;
      out[k] = x;
      any = true;
    }
    return any ? out : undefined;
  }
  return v;
}

function withoutHash(t: PodTemplateSpec | undefined): PodTemplateSpec {
  const labels = t?.metadata?.labels;
  if (!labels || !(HASH_LABEL in labels)) return t ?? {};
  const { [HASH_LABEL]: _h, ...rest } = labels;
  return { ...t, metadata: { ...t.metadata, labels: rest } };
}

/** EqualIgnoreHash: the two templates are semantically equal once pod-template-hash is removed. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return JSON.stringify(semantic(withoutHash(a))) === JSON.stringify(semantic(withoutHash(b)));
}

/** The template with pod-template-hash removed (what a rollback copies into the Deployment). */
export function templateWithoutHash(t: PodTemplateSpec | undefined): PodTemplateSpec {
  return withoutHash(t);
}

// ---------------------------------------------------------------------------------------------------------
// Conditions (DeploymentCondition helpers).

export type ConditionType = 'Available' | 'Progressing' | 'ReplicaFailure';

/** metav1.Time serialises whole seconds, so condition times are truncated like a real object's. */
export function conditionTime(now: number): string {
  return timestamp(Math.floor(now));
}

export function newCondition(
  type: ConditionType,
  status: 'True' | 'False' | 'Unknown',
  reason: string,
  message: string,
  now: number,
): DeploymentCondition {
  const t = conditionTime(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export function getCondition(
  status: DeploymentStatus | undefined,
  type: ConditionType,
): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

export function removeCondition(status: DeploymentStatus, type: ConditionType): DeploymentStatus {
  const rest = (status.conditions ?? []).filter((c) => c.type !== type);
  const { conditions: _c, ...others } = status;
  return rest.length ? { ...others, conditions: rest } : others;
}

/**
 * SetDeploymentCondition: nothing changes when status and reason are the same; a same-status update keeps
 * lastTransitionTime. The condition moves to the end of the list, as upstream appends it.
 */
export function setCondition(status: DeploymentStatus, c: DeploymentCondition): DeploymentStatus {
  const cur = getCondition(status, c.type as ConditionType);
  if (cur && cur.status === c.status && cur.reason === c.reason) return status;
  const next =
    cur && cur.status === c.status && cur.lastTransitionTime !== undefined
      ? { ...c, lastTransitionTime: cur.lastTransitionTime }
      : c;
  const rest = (status.conditions ?? []).filter((x) => x.type !== c.type);
  return { ...status, conditions: [...rest, next] };
}

/** Status compared as the API would serialise it: zero counts and empty lists are omitted. */
export function statusEqual(a: DeploymentStatus | undefined, b: DeploymentStatus | undefined): boolean {
  return JSON.stringify(normalStatus(a)) === JSON.stringify(normalStatus(b));
}

function normalStatus(s: DeploymentStatus | undefined): unknown {
  if (!s) return {};
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(s).sort()) {
    const v = (s as Record<string, unknown>)[k];
    if (v === undefined || v === 0 || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = k === 'conditions' ? (v as DeploymentCondition[]).map((c) => sortedJson(c)) : v;
  }
  return out;
}
