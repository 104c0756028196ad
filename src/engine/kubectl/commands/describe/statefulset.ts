/** kubectl describe statefulset (describeStatefulSet, describeVolumeClaimTemplates) as kubectl v1.34 prints it. */
import type { PersistentVolumeClaim, StatefulSet } from '../../../api/types';
import { describePodTemplate } from './containers';
import { describeEvents } from './events';
import { canonicalQuantity, rfc1123z } from './format';
import { selectorString } from './selector';
import type { DescribeContext } from './types';
import { podsStatusLine } from './workloads';
import { PrefixWriter, printAnnotations, printLabels } from './writer';

/** GetPersistentVolumeClaimClass: the beta annotation, else spec.storageClassName, else "". */
export function claimClass(pvc: PersistentVolumeClaim): string {
  return (
    pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? ''
  );
}

function describeClaimTemplates(
  w: PrefixWriter,
  templates: readonly PersistentVolumeClaim[] | undefined,
): void {
  if (!templates?.length) {
    w.write(0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(0, 'Volume Claims:\n');
  for (const pvc of templates) {
    w.write(1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
    w.write(1, `StorageClass:\t${claimClass(pvc)}\n`);
    printLabels(w, 'Labels', pvc.metadata?.labels, '  ');
    printLabels(w, 'Annotations', pvc.metadata?.annotations, '  ');
    const storage = pvc.spec?.resources?.requests?.storage;
    w.write(1, `Capacity:\t${storage === undefined ? '<default>' : canonicalQuantity(storage)}\n`);
    w.write(1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
  }
}

export function describeStatefulSet(ss: StatefulSet, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec = ss.spec;
  w.write(0, `Name:\t${ss.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${ss.metadata?.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(ss.metadata?.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${selectorString(spec?.selector)}\n`);
  printLabels(w, 'Labels', ss.metadata?.labels);
  printAnnotations(w, 'Annotations', ss.metadata?.annotations);
  w.write(0, `Replicas:\t${spec?.replicas ?? 1} desired | ${ss.status?.replicas ?? 0} total\n`);
  w.write(0, `Update Strategy:\t${spec?.updateStrategy?.type ?? ''}\n`);
  const ru = spec?.updateStrategy?.rollingUpdate;
  if (ru?.partition !== undefined) {
    w.write(1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${String(ru.maxUnavailable)}\n`);
  }
  w.write(0, `Pods Status:\t${podsStatusLine(ctx.store, ss, spec?.selector)}\n`);
  describePodTemplate(w, spec?.template);
  describeClaimTemplates(w, spec?.volumeClaimTemplates);
  if (ctx.showEvents) describeEvents(w, ctx.events(ss), ctx.now);
  return w.toString();
}
