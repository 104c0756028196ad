/**
 * The StatefulSet controller's pod and claim shapes (stateful_set_utils.go): stable names `<set>-<ordinal>`,
 * the identity labels, hostname and subdomain, one claim per volumeClaimTemplate named
 * `<template>-<set>-<ordinal>`, revisions as template hashes, and the claims' retention ownerReferences.
 */
import { ownerReference } from '../../api/meta';
import { isPodAvailable, isPodReady } from '../../api/podutil';
import type {
  OwnerReference,
  PersistentVolumeClaim,
  Pod,
  PodTemplateSpec,
  StatefulSet,
} from '../../api/types';
import type { Volume } from 'kubernetes-types/core/v1';
import { podTemplateHash } from '../deployment/util';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const REVISION_LABEL = 'controller-revision-hash';

const ORDINAL = /^(.*)-(\d+)$/;

/** The parent set's name and the ordinal a pod name carries, or undefined when it has none. */
export function parseOrdinal(podName: string): { parent: string; ordinal: number } | undefined {
  const m = ORDINAL.exec(podName);
  if (!m) return undefined;
  return { parent: m[1] as string, ordinal: Number(m[2]) };
}

export function podName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata?.name ?? ''}-${ordinal}`;
}

export function claimName(set: StatefulSet, template: PersistentVolumeClaim, ordinal: number): string {
  return `${template.metadata?.name ?? ''}-${set.metadata?.name ?? ''}-${ordinal}`;
}

/** A revision's name as the ControllerRevision would be called: `<set>-<hash of the template>`. */
export function revisionName(set: StatefulSet, template: PodTemplateSpec | undefined): string {
  return `${set.metadata?.name ?? ''}-${podTemplateHash(template)}`;
}

export function podRevision(pod: Pod): string | undefined {
  return pod.metadata?.labels?.[REVISION_LABEL];
}

export function startOrdinal(set: StatefulSet): number {
  return set.spec?.ordinals?.start ?? 0;
}

/** isRunningAndReady: phase Running and the Ready condition True. */
export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  return pod.status?.phase === 'Running' && isPodAvailable(pod, minReadySeconds, now);
}

export function isTerminating(pod: Pod): boolean {
  return pod.metadata?.deletionTimestamp !== undefined;
}

/** isHealthy: running, ready and not being deleted. */
export function isHealthy(pod: Pod): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod);
}

/** The claims a member needs (getPersistentVolumeClaims): template labels plus the set's selector labels. */
export function claimsFor(set: StatefulSet, ordinal: number): PersistentVolumeClaim[] {
  const ns = set.metadata?.namespace ?? 'default';
  return (set.spec?.volumeClaimTemplates ?? []).map((t) => {
    const labels = { ...t.metadata?.labels, ...set.spec?.selector.matchLabels };
    return {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: claimName(set, t, ordinal),
        namespace: ns,
        ...(Object.keys(labels).length ? { labels } : {}),
        ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
      },
      ...(t.spec ? { spec: t.spec } : {}),
    };
  });
}

/** newStatefulSetPod: the template with identity (name, labels, hostname, subdomain) and storage. */
export function newStatefulSetPod(
  set: StatefulSet,
  template: PodTemplateSpec | undefined,
  ordinal: number,
  revision: string,
): Pod {
  const name = podName(set, ordinal);
  const meta = template?.metadata;
  const claimVolumes: Volume[] = (set.spec?.volumeClaimTemplates ?? []).map((t) => ({
    name: t.metadata?.name ?? '',
    persistentVolumeClaim: { claimName: claimName(set, t, ordinal) },
  }));
  const taken = new Set(claimVolumes.map((v) => v.name));
  const volumes = [...(template?.spec?.volumes ?? []).filter((v) => !taken.has(v.name)), ...claimVolumes];
  const serviceName = set.spec?.serviceName;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: set.metadata?.namespace ?? 'default',
      labels: {
        ...meta?.labels,
        [POD_NAME_LABEL]: name,
        [POD_INDEX_LABEL]: String(ordinal),
        [REVISION_LABEL]: revision,
      },
      ...(meta?.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta?.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [ownerReference(set)],
    },
    spec: {
      ...(template?.spec ?? { containers: [] }),
      ...(volumes.length ? { volumes } : {}),
      hostname: name,
      ...(serviceName ? { subdomain: serviceName } : {}),
    },
  };
}

/** A plain (non-controller) reference, as the retention policy sets on claims. */
function retentionRef(owner: StatefulSet | Pod): OwnerReference {
  const { controller: _c, blockOwnerDeletion: _b, ...ref } = ownerReference(owner);
  return ref;
}

/**
 * updateClaimOwnerRefForSetAndPod: WhenDeleted=Delete makes the set an owner of the claim (it goes with the
 * set); WhenScaled=Delete makes a scaled-down pod its owner (it goes with that pod). Returns the references the
 * claim should carry, or undefined when it already carries them.
 */
export function claimOwnerRefs(
  claim: PersistentVolumeClaim,
  set: StatefulSet,
  pod: Pod,
  scaledDown: boolean,
): OwnerReference[] | undefined {
  const policy = set.spec?.persistentVolumeClaimRetentionPolicy;
  const setUid = set.metadata?.uid ?? '';
  const podUid = pod.metadata?.uid ?? '';
  const wantSet = policy?.whenDeleted === 'Delete' && !(scaledDown && policy.whenScaled === 'Delete');
  const wantPod = scaledDown && policy?.whenScaled === 'Delete';
  const current = claim.metadata?.ownerReferences ?? [];
  const others = current.filter(
    (r) =>
      !(r.kind === 'StatefulSet' && r.name === set.metadata?.name) &&
      !(r.kind === 'Pod' && r.name === pod.metadata?.name),
  );
  const next = [...others];
  if (wantSet) next.push(retentionRef(set));
  if (wantPod && podUid) next.push(retentionRef(pod));
  const same =
    next.length === current.length &&
    next.every((r) => current.some((c) => c.uid === r.uid && c.kind === r.kind)) &&
    (!wantSet || current.some((c) => c.uid === setUid));
  return same ? undefined : next;
}
