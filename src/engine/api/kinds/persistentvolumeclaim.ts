/**
 * core/v1 PersistentVolumeClaim: SetDefaults_PersistentVolumeClaim (volumeMode Filesystem, phase Pending), the
 * DefaultStorageClass admission plugin (an unset storageClassName becomes the default class "standard"),
 * ValidatePersistentVolumeClaimSpec and the update rule that a claim's spec is immutable once created
 * (except spec.volumeName, which the binder sets once). Left out: resizing, dataSource, selectors on claims.
 */
import { registerAdmission } from '../admission';
import type { PersistentVolumeClaim } from '../types';
import type { PersistentVolumeClaimSpec } from 'kubernetes-types/core/v1';
import { stableJson } from './common';
import {
  duplicate,
  forbidden,
  invalidErr,
  isDNS1123Subdomain,
  notSupported,
  required,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validateQuantity,
} from './validation';
import type { Errors } from './validation';
import { parseQuantity } from '../quantity';

/** The cluster's default StorageClass (storageclass.kubernetes.io/is-default-class), as minikube names it. */
export const DEFAULT_STORAGE_CLASS = 'standard';
export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];

export function defaultClaimSpec(spec: PersistentVolumeClaimSpec | undefined): PersistentVolumeClaimSpec {
  return { ...spec, volumeMode: spec?.volumeMode || 'Filesystem' };
}

export function defaultPersistentVolumeClaim(pvc: PersistentVolumeClaim): PersistentVolumeClaim {
  return {
    ...pvc,
    spec: defaultClaimSpec(pvc.spec),
    status: { ...pvc.status, phase: pvc.status?.phase || 'Pending' },
  };
}

/** DefaultStorageClass: only a claim with no storageClassName at all gets the default ("" means none). */
export function admitDefaultStorageClass(pvc: PersistentVolumeClaim): PersistentVolumeClaim {
  if (pvc.spec?.storageClassName !== undefined) return pvc;
  return { ...pvc, spec: { ...pvc.spec, storageClassName: DEFAULT_STORAGE_CLASS } };
}

export function validateAccessModes(modes: readonly string[] | undefined, field: string): Errors {
  const errs: Errors = [];
  if (!modes || modes.length === 0) return [required(field, 'at least 1 access mode is required')];
  const seen = new Set<string>();
  for (const m of modes) {
    if (!ACCESS_MODES.includes(m)) errs.push(notSupported(field, m, ACCESS_MODES));
    else if (seen.has(m)) errs.push(duplicate(field, m));
    seen.add(m);
  }
  if (seen.has('ReadWriteOncePod') && seen.size > 1) {
    errs.push(forbidden(field, 'may not use ReadWriteOncePod with other access modes'));
  }
  return errs;
}

/** ValidatePersistentVolumeClaimSpec (also run on a StatefulSet's volumeClaimTemplates). */
export function validateClaimSpec(spec: PersistentVolumeClaimSpec | undefined, field: string): Errors {
  if (!spec) return [required(field)];
  const errs = validateAccessModes(spec.accessModes, `${field}.accessModes`);
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined) errs.push(required(`${field}.resources[storage]`));
  else {
    const qe = validateQuantity(storage, `${field}.resources[storage]`);
    errs.push(...qe);
    if (!qe.length && (parseQuantity(storage) ?? 0) <= 0) {
      errs.push(invalidErr(`${field}.resources[storage]`, String(storage), 'must be greater than zero'));
    }
  }
  if (spec.volumeMode && !VOLUME_MODES.includes(spec.volumeMode)) {
    errs.push(notSupported(`${field}.volumeMode`, spec.volumeMode, VOLUME_MODES));
  }
  if (spec.storageClassName) {
    for (const m of isDNS1123Subdomain(spec.storageClassName))
      errs.push(invalidErr(`${field}.storageClassName`, spec.storageClassName, m));
  }
  return errs;
}

export const CLAIM_UPDATE_MESSAGE =
  'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';

export function validatePersistentVolumeClaim(
  pvc: PersistentVolumeClaim,
  old?: PersistentVolumeClaim,
): Errors {
  const errs = validateObjectMeta(pvc.metadata, true, isDNS1123Subdomain);
  errs.push(...validateClaimSpec(pvc.spec, 'spec'));
  if (old) {
    errs.push(...validateObjectMetaUpdate(pvc.metadata, old.metadata));
    // volumeName may be set once (binding); everything else must stay as it was.
    const next = { ...pvc.spec };
    if (!old.spec?.volumeName) {
      if (old.spec?.volumeName === undefined) delete next.volumeName;
      else next.volumeName = old.spec.volumeName;
    }
    if (stableJson(next) !== stableJson(old.spec ?? {})) errs.push(forbidden('spec', CLAIM_UPDATE_MESSAGE));
  }
  return errs;
}

registerAdmission('PersistentVolumeClaim', {
  default: (pvc) => defaultPersistentVolumeClaim(pvc),
  admit: (pvc, ctx) => (ctx.old === undefined ? admitDefaultStorageClass(pvc) : pvc),
  validate: (pvc, ctx) => validatePersistentVolumeClaim(pvc, ctx.old as PersistentVolumeClaim | undefined),
});
