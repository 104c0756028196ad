/** kubectl describe replicaset (describeReplicaSet). */
import { controllerOf } from '../../../api/meta';
import type { ReplicaSet } from '../../../api/types';
import { describePodTemplate } from './containers';
import { describeEvents } from './events';
import { selectorString } from './selector';
import type { DescribeContext } from './types';
import { podsStatusLine } from './workloads';
import { PrefixWriter, printAnnotations, printLabels } from './writer';

export function describeReplicaSet(rs: ReplicaSet, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${rs.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${rs.metadata?.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${selectorString(rs.spec?.selector)}\n`);
  printLabels(w, 'Labels', rs.metadata?.labels);
  printAnnotations(w, 'Annotations', rs.metadata?.annotations);
  const owner = controllerOf(rs);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`);
  w.write(0, `Pods Status:\t${podsStatusLine(ctx.store, rs, rs.spec?.selector)}\n`);
  describePodTemplate(w, rs.spec?.template);
  if (rs.status?.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of rs.status.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  if (ctx.showEvents) describeEvents(w, ctx.events(rs), ctx.now);
  return w.toString();
}
