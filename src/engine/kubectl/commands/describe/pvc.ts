/** kubectl describe pvc (describePersistentVolumeClaim, printPersistentVolumeClaim). */
import type { PersistentVolumeClaim } from '../../../api/types';
import { describeEvents } from './events';
import { canonicalQuantity, rfc1123z } from './format';
import { since } from '../../duration';
import { claimClass } from './statefulset';
import type { DescribeContext } from './types';
import { PrefixWriter, printAnnotations, printLabels, printNames } from './writer';

const MODES: readonly [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** GetAccessModesAsString: "RWO,ROX" in that fixed order. */
export function accessModes(modes: readonly string[] | undefined): string {
  return MODES.filter(([m]) => modes?.includes(m))
    .map(([, s]) => s)
    .join(',');
}

export function describePVC(pvc: PersistentVolumeClaim, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const meta = pvc.metadata ?? {};
  w.write(0, `Name:\t${meta.name ?? ''}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ''}\n`);
  w.write(0, `StorageClass:\t${claimClass(pvc)}\n`);
  if (meta.deletionTimestamp)
    w.write(0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, ctx.now)})\n`);
  else w.write(0, `Status:\t${pvc.status?.phase ?? ''}\n`);
  const volume = pvc.spec?.volumeName ?? '';
  w.write(0, `Volume:\t${volume}\n`);
  printLabels(w, 'Labels', meta.labels);
  printAnnotations(w, 'Annotations', meta.annotations);
  w.write(0, `Finalizers:\t[${(meta.finalizers ?? []).join(' ')}]\n`);
  const capacity = volume ? canonicalQuantity(pvc.status?.capacity?.storage) : '';
  w.write(0, `Capacity:\t${capacity}\n`);
  w.write(0, `Access Modes:\t${volume ? accessModes(pvc.status?.accessModes) : ''}\n`);
  if (pvc.spec?.volumeMode) w.write(0, `VolumeMode:\t${pvc.spec.volumeMode}\n`);
  const users = ctx.store
    .list('Pod', meta.namespace)
    .filter((p) => p.spec?.volumes?.some((v) => v.persistentVolumeClaim?.claimName === meta.name))
    .map((p) => p.metadata?.name ?? '');
  printNames(w, 'Used By', users);
  if (pvc.status?.conditions?.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of pvc.status.conditions) {
      w.write(
        1,
        `${c.type} \t${c.status} \t${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
    }
  }
  if (ctx.showEvents) describeEvents(w, ctx.events(pvc), ctx.now);
  return w.toString();
}
