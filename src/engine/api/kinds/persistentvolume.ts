/**
 * core/v1 PersistentVolume (cluster-scoped): SetDefaults_PersistentVolume (reclaim policy Retain, volumeMode
 * Filesystem, phase Pending) and ValidatePersistentVolume's capacity, access modes, reclaim policy and the
 * one-volume-source rule. Left out: node affinity, mount options and the per-source field checks.
 */
import { registerAdmission } from '../admission';
import type { PersistentVolume } from '../types';
import { clusterScopedMeta } from './common';
import { validateAccessModes } from './persistentvolumeclaim';
import {
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

const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
/** The volume sources a simulated PV may name (any one of them; none is actually mounted). */
const SOURCES = [
  'hostPath',
  'local',
  'csi',
  'nfs',
  'iscsi',
  'fc',
  'awsElasticBlockStore',
  'gcePersistentDisk',
  'azureDisk',
  'azureFile',
  'cephfs',
  'rbd',
] as const;

export function defaultPersistentVolume(pv: PersistentVolume): PersistentVolume {
  return {
    ...pv,
    metadata: clusterScopedMeta(pv.metadata),
    spec: {
      ...pv.spec,
      persistentVolumeReclaimPolicy: pv.spec?.persistentVolumeReclaimPolicy || 'Retain',
      volumeMode: pv.spec?.volumeMode || 'Filesystem',
    },
    status: { ...pv.status, phase: pv.status?.phase || 'Pending' },
  };
}

export function validatePersistentVolume(pv: PersistentVolume, old?: PersistentVolume): Errors {
  const errs = validateObjectMeta(pv.metadata, false, isDNS1123Subdomain);
  const spec = pv.spec;
  if (!spec) return [...errs, required('spec')];
  errs.push(...validateAccessModes(spec.accessModes, 'spec.accessModes'));
  const storage = spec.capacity?.storage;
  if (storage === undefined) errs.push(required('spec.capacity', 'must specify storage'));
  else errs.push(...validateQuantity(storage, 'spec.capacity[storage]'));
  const policy = spec.persistentVolumeReclaimPolicy;
  if (policy && !RECLAIM_POLICIES.includes(policy))
    errs.push(notSupported('spec.persistentVolumeReclaimPolicy', policy, RECLAIM_POLICIES));
  const sources = SOURCES.filter((s) => spec[s] !== undefined);
  if (sources.length === 0) errs.push(required('spec', 'must specify a volume type'));
  for (const s of sources.slice(1))
    errs.push(forbidden(`spec.${s}`, 'may not specify more than 1 volume type'));
  if (spec.storageClassName) {
    for (const m of isDNS1123Subdomain(spec.storageClassName))
      errs.push(invalidErr('spec.storageClassName', spec.storageClassName, m));
  }
  if (old) errs.push(...validateObjectMetaUpdate(pv.metadata, old.metadata));
  return errs;
}

registerAdmission('PersistentVolume', {
  default: (pv) => defaultPersistentVolume(pv),
  validate: (pv, ctx) => validatePersistentVolume(pv, ctx.old as PersistentVolume | undefined),
});
