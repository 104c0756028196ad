/**
 * Simulates kube-controller-manager's PersistentVolume controller ('persistentvolume-binder', events from
 * persistentvolume-controller) together with the default StorageClass's external provisioner: a Pending claim
 * binds to the smallest matching Available volume, or, for the class "standard" (Immediate binding, like
 * minikube's k8s.io/minikube-hostpath), gets a new volume `pvc-<claim uid>` provisioned and bound at once.
 * A volume whose claim is gone is Released, and deleted when its reclaim policy is Delete.
 * Left out: StorageClass objects (one built-in default class), WaitForFirstConsumer, volume topology and
 * zones, claim selectors, resizing, the pvc-protection finalizer and the binder's periodic resync.
 */
import { ApiError } from '../api/errors';
import { splitNameKey } from '../api/meta';
import { parseQuantity } from '../api/quantity';
import { DEFAULT_STORAGE_CLASS } from '../api/kinds/persistentvolumeclaim';
import type { PersistentVolume, PersistentVolumeClaim } from '../api/types';
import type { Controller, ReconcileContext } from '../sim/controller';

export const PV_BINDER = 'persistentvolume-binder';
export const PV_EVENT_SOURCE = { component: 'persistentvolume-controller' } as const;
/** The default class's provisioner, and the component its events come from. */
export const PROVISIONER = 'k8s.io/minikube-hostpath';
const PROVISIONER_SOURCE = { component: PROVISIONER } as const;

const CLAIM = 'claim/';
const VOLUME = 'volume/';

function claimKey(ns: string | undefined, name: string | undefined): string {
  return `${CLAIM}${ns ?? 'default'}/${name ?? ''}`;
}

function storageOf(q: string | number | undefined): number {
  return q === undefined ? 0 : (parseQuantity(q) ?? 0);
}

function isBound(pvc: PersistentVolumeClaim): boolean {
  return pvc.status?.phase === 'Bound' && !!pvc.spec?.volumeName;
}

/** Whether an unclaimed volume satisfies a claim: class, access modes, volume mode and size. */
export function volumeMatches(pv: PersistentVolume, pvc: PersistentVolumeClaim): boolean {
  if (pv.spec?.claimRef?.uid) return false;
  const ref = pv.spec?.claimRef;
  if (ref && (ref.name !== pvc.metadata?.name || ref.namespace !== pvc.metadata?.namespace)) return false;
  if (pv.status?.phase && pv.status.phase !== 'Available' && pv.status.phase !== 'Pending') return false;
  if ((pv.spec?.storageClassName ?? '') !== (pvc.spec?.storageClassName ?? '')) return false;
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (pvc.spec?.volumeMode ?? 'Filesystem')) return false;
  const modes = pv.spec?.accessModes ?? [];
  if (!(pvc.spec?.accessModes ?? []).every((m) => modes.includes(m))) return false;
  return storageOf(pv.spec?.capacity?.storage) >= storageOf(pvc.spec?.resources?.requests?.storage);
}

function bind(
  ctx: ReconcileContext,
  pvc: PersistentVolumeClaim,
  pv: PersistentVolume,
  provisioned: boolean,
): void {
  const claimRef = {
    kind: 'PersistentVolumeClaim',
    namespace: pvc.metadata?.namespace ?? 'default',
    name: pvc.metadata?.name ?? '',
    uid: pvc.metadata?.uid ?? '',
    apiVersion: 'v1',
    resourceVersion: pvc.metadata?.resourceVersion ?? '',
  };
  const pvAnnotations = provisioned
    ? pv.metadata?.annotations
    : { ...pv.metadata?.annotations, 'pv.kubernetes.io/bound-by-controller': 'yes' };
  let volume = ctx.api.update('PersistentVolume', {
    ...pv,
    metadata: { ...pv.metadata, ...(pvAnnotations ? { annotations: pvAnnotations } : {}) },
    spec: { ...pv.spec, claimRef },
  });
  volume = ctx.api.updateStatus('PersistentVolume', { ...volume, status: { phase: 'Bound' } });
  const annotations: Record<string, string> = {
    ...pvc.metadata?.annotations,
    'pv.kubernetes.io/bind-completed': 'yes',
    'pv.kubernetes.io/bound-by-controller': 'yes',
  };
  if (provisioned) {
    annotations['volume.beta.kubernetes.io/storage-provisioner'] = PROVISIONER;
    annotations['volume.kubernetes.io/storage-provisioner'] = PROVISIONER;
  }
  const claim = ctx.api.update('PersistentVolumeClaim', {
    ...pvc,
    metadata: { ...pvc.metadata, annotations },
    spec: { ...pvc.spec, volumeName: volume.metadata?.name ?? '' },
  });
  ctx.api.updateStatus('PersistentVolumeClaim', {
    ...claim,
    status: {
      phase: 'Bound',
      accessModes: [...(volume.spec?.accessModes ?? [])],
      capacity: { ...volume.spec?.capacity },
    },
  });
}

/** The external provisioner's work: a hostPath volume sized and shaped like the claim. */
function provision(ctx: ReconcileContext, pvc: PersistentVolumeClaim): PersistentVolume {
  const ns = pvc.metadata?.namespace ?? 'default';
  const name = pvc.metadata?.name ?? '';
  ctx.api.recordEvent(
    pvc,
    'Normal',
    'ExternalProvisioning',
    `Waiting for a volume to be created either by the external provisioner '${PROVISIONER}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    PV_EVENT_SOURCE,
  );
  ctx.api.recordEvent(
    pvc,
    'Normal',
    'Provisioning',
    `External provisioner is provisioning volume for claim "${ns}/${name}"`,
    PROVISIONER_SOURCE,
  );
  const pvName = `pvc-${pvc.metadata?.uid ?? ''}`;
  const pv = ctx.api.create('PersistentVolume', {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: pvName, annotations: { 'pv.kubernetes.io/provisioned-by': PROVISIONER } },
    spec: {
      accessModes: [...(pvc.spec?.accessModes ?? [])],
      capacity: { storage: pvc.spec?.resources?.requests?.storage ?? '0' },
      hostPath: { path: `/tmp/hostpath-provisioner/${ns}/${name}`, type: '' },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: pvc.spec?.storageClassName ?? DEFAULT_STORAGE_CLASS,
      volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
    },
  });
  ctx.api.recordEvent(
    pvc,
    'Normal',
    'ProvisioningSucceeded',
    `Successfully provisioned volume ${pvName}`,
    PROVISIONER_SOURCE,
  );
  return pv;
}

function syncClaim(ctx: ReconcileContext, namespace: string, name: string): void {
  const pvc = ctx.store.get('PersistentVolumeClaim', namespace, name);
  if (!pvc || pvc.metadata?.deletionTimestamp) return;
  if (isBound(pvc)) {
    const pv = ctx.store.get('PersistentVolume', undefined, pvc.spec?.volumeName ?? '');
    if (!pv || (pv.spec?.claimRef?.uid && pv.spec.claimRef.uid !== pvc.metadata?.uid)) {
      if (pvc.status?.phase !== 'Lost') {
        ctx.api.updateStatus('PersistentVolumeClaim', { ...pvc, status: { ...pvc.status, phase: 'Lost' } });
        ctx.api.recordEvent(
          pvc,
          'Warning',
          'ClaimLost',
          'Bound claim has lost its PersistentVolume. Data on the volume is lost!',
          PV_EVENT_SOURCE,
        );
      }
    }
    return;
  }
  if ((pvc.status?.phase ?? 'Pending') !== 'Pending') return;
  const current = pvc;
  const wanted = current.spec?.volumeName;
  const candidates = ctx.store
    .list('PersistentVolume')
    .filter((pv) => (wanted ? pv.metadata?.name === wanted : true) && volumeMatches(pv, current))
    .sort(
      (a, b) =>
        storageOf(a.spec?.capacity?.storage) - storageOf(b.spec?.capacity?.storage) ||
        ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1),
    );
  const match = candidates[0];
  if (match) {
    bind(ctx, current, match, false);
    return;
  }
  if (wanted) return; // pre-bound to a volume that is not there (yet)
  const cls = current.spec?.storageClassName ?? '';
  if (cls === DEFAULT_STORAGE_CLASS) {
    bind(ctx, current, provision(ctx, current), true);
  } else if (cls) {
    ctx.api.recordEvent(
      current,
      'Warning',
      'ProvisioningFailed',
      `storageclass.storage.k8s.io "${cls}" not found`,
      PV_EVENT_SOURCE,
    );
  } else {
    ctx.api.recordEvent(
      current,
      'Normal',
      'FailedBinding',
      'no persistent volumes available for this claim and no storage class is set',
      PV_EVENT_SOURCE,
    );
  }
}

function syncVolume(ctx: ReconcileContext, name: string): void {
  const pv = ctx.store.get('PersistentVolume', undefined, name);
  if (!pv) return;
  const ref = pv.spec?.claimRef;
  if (!ref) {
    if (pv.status?.phase !== 'Available')
      ctx.api.updateStatus('PersistentVolume', { ...pv, status: { phase: 'Available' } });
    return;
  }
  if (!ref.uid) return; // pre-bound: the claim's sync completes it
  const claim = ctx.store.get('PersistentVolumeClaim', ref.namespace, ref.name ?? '');
  if (claim && claim.metadata?.uid === ref.uid) return;
  // The claim is gone: the volume is Released, then reclaimed by its policy.
  if (pv.spec?.persistentVolumeReclaimPolicy === 'Delete') {
    ctx.api.delete('PersistentVolume', undefined, name);
    return;
  }
  if (pv.status?.phase !== 'Released')
    ctx.api.updateStatus('PersistentVolume', { ...pv, status: { phase: 'Released' } });
}

export const persistentVolumeBinder: Controller = {
  name: PV_BINDER,
  component: 'kube-controller-manager',
  watches: [
    {
      kind: 'PersistentVolumeClaim',
      keys: () => [],
      changed(from, to, store) {
        const out: string[] = [];
        const pvc = (to ?? from) as PersistentVolumeClaim;
        void store;
        if (to && !isBound(to as PersistentVolumeClaim))
          out.push(claimKey(pvc.metadata?.namespace, pvc.metadata?.name));
        // A claim that is gone releases its volume.
        const vol = (from as PersistentVolumeClaim | undefined)?.spec?.volumeName;
        if (!to && vol) out.push(VOLUME + vol);
        return out;
      },
    },
    {
      kind: 'PersistentVolume',
      keys: () => [],
      changed(from, to, store) {
        if (!to) return [];
        const pv = to as PersistentVolume;
        const out = [VOLUME + (pv.metadata?.name ?? '')];
        // A new or freed volume may satisfy a waiting claim.
        if (!pv.spec?.claimRef?.uid && (!from || (from as PersistentVolume).spec?.claimRef?.uid)) {
          for (const c of store.list('PersistentVolumeClaim'))
            if (!isBound(c)) out.push(claimKey(c.metadata?.namespace, c.metadata?.name));
        }
        return out;
      },
    },
  ],
  reconcile(key, ctx) {
    try {
      if (key.startsWith(CLAIM)) {
        const { namespace, name } = splitNameKey(key.slice(CLAIM.length));
        syncClaim(ctx, namespace, name);
      } else if (key.startsWith(VOLUME)) syncVolume(ctx, key.slice(VOLUME.length));
    } catch (e) {
      if (e instanceof ApiError && e.reason === 'NotFound') return;
      throw e;
    }
  },
};
