/** Tables for ConfigMaps, Secrets, volumes and ResourceQuotas. */
import type { PersistentVolume, PersistentVolumeClaim } from '../../api/types';
import { age, registerTable } from './columns';

registerTable('ConfigMap', {
  headers: ['NAME', 'DATA', 'AGE'],
  row: (cm, ctx) => [
    cm.metadata?.name ?? '',
    String(Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length),
    age(cm, ctx),
  ],
});

registerTable('Secret', {
  headers: ['NAME', 'TYPE', 'DATA', 'AGE'],
  row: (s, ctx) => [
    s.metadata?.name ?? '',
    s.type ?? 'Opaque',
    String(Object.keys(s.data ?? {}).length),
    age(s, ctx),
  ],
});

const MODES: Readonly<Record<string, string>> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};

function accessModes(modes: readonly string[] | undefined): string {
  return (modes ?? []).map((m) => MODES[m] ?? m).join(',');
}

function storageClass(o: PersistentVolumeClaim | PersistentVolume): string {
  return (
    o.spec?.storageClassName ?? o.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? ''
  );
}

registerTable('PersistentVolumeClaim', {
  headers: [
    'NAME',
    'STATUS',
    'VOLUME',
    'CAPACITY',
    'ACCESS MODES',
    'STORAGECLASS',
    'VOLUMEATTRIBUTESCLASS',
    'AGE',
  ],
  wide: ['VOLUMEMODE'],
  row(pvc, ctx) {
    const phase = pvc.metadata?.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? 'Pending');
    const bound = pvc.spec?.volumeName;
    const cells = [
      pvc.metadata?.name ?? '',
      phase,
      bound ?? '',
      bound ? (pvc.status?.capacity?.storage ?? '') : '',
      bound ? accessModes(pvc.status?.accessModes) : '',
      storageClass(pvc),
      pvc.spec?.volumeAttributesClassName ?? '<unset>',
      age(pvc, ctx),
    ];
    if (ctx.wide) cells.push(pvc.spec?.volumeMode ?? 'Filesystem');
    return cells;
  },
});

registerTable('PersistentVolume', {
  headers: [
    'NAME',
    'CAPACITY',
    'ACCESS MODES',
    'RECLAIM POLICY',
    'STATUS',
    'CLAIM',
    'STORAGECLASS',
    'VOLUMEATTRIBUTESCLASS',
    'REASON',
    'AGE',
  ],
  wide: ['VOLUMEMODE'],
  row(pv, ctx) {
    const ref = pv.spec?.claimRef;
    const cells = [
      pv.metadata?.name ?? '',
      pv.spec?.capacity?.storage ?? '',
      accessModes(pv.spec?.accessModes),
      pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain',
      pv.metadata?.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? 'Pending'),
      ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '',
      storageClass(pv),
      pv.spec?.volumeAttributesClassName ?? '<unset>',
      pv.status?.reason ?? '',
      age(pv, ctx),
    ];
    if (ctx.wide) cells.push(pv.spec?.volumeMode ?? 'Filesystem');
    return cells;
  },
});

registerTable('ResourceQuota', {
  headers: ['NAME', 'AGE', 'REQUEST', 'LIMIT'],
  row(q, ctx) {
    const hard = q.status?.hard ?? {};
    const used = q.status?.used ?? {};
    const request: string[] = [];
    const limit: string[] = [];
    for (const r of Object.keys(hard).sort()) {
      const text = `${r}: ${used[r] ?? '0'}/${hard[r] ?? ''}`;
      (r.split('.')[0] === 'limits' && r.includes('.') ? limit : request).push(text);
    }
    return [q.metadata?.name ?? '', age(q, ctx), request.join(', '), limit.join(', ')];
  },
});
