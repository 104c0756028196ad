/** kubectl describe deployment (describeDeployment) with its old and new ReplicaSets. */
import { replicaSetsOf, splitReplicaSets } from '../../../controllers/deployment/history';
import type { Deployment, ReplicaSet } from '../../../api/types';
import { describePodTemplate } from './containers';
import { describeEvents } from './events';
import { rfc1123z } from './format';
import { selectorString } from './selector';
import type { DescribeContext } from './types';
import { compare, PrefixWriter, printAnnotations, printLabels } from './writer';

function replicaSetsLine(list: readonly ReplicaSet[]): string {
  const s = list
    .map(
      (rs) =>
        `${rs.metadata?.name ?? ''} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 1} replicas created)`,
    )
    .join(', ');
  return s || '<none>';
}

export function describeDeployment(d: Deployment, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec = d.spec;
  const st = d.status;
  w.write(0, `Name:\t${d.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${d.metadata?.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata?.creationTimestamp)}\n`);
  printLabels(w, 'Labels', d.metadata?.labels);
  printAnnotations(w, 'Annotations', d.metadata?.annotations);
  w.write(0, `Selector:\t${selectorString(spec?.selector)}\n`);
  w.write(
    0,
    `Replicas:\t${spec?.replicas ?? 1} desired | ${st?.updatedReplicas ?? 0} updated | ${st?.replicas ?? 0} total | ${st?.availableReplicas ?? 0} available | ${st?.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(0, `StrategyType:\t${spec?.strategy?.type ?? ''}\n`);
  w.write(0, `MinReadySeconds:\t${spec?.minReadySeconds ?? 0}\n`);
  const ru = spec?.strategy?.rollingUpdate;
  if (ru) {
    w.write(
      0,
      `RollingUpdateStrategy:\t${String(ru.maxUnavailable ?? '')} max unavailable, ${String(ru.maxSurge ?? '')} max surge\n`,
    );
  }
  describePodTemplate(w, spec?.template);
  if (st?.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const { newRS, oldRSs } = splitReplicaSets(d, replicaSetsOf(ctx.store, d));
  const old = [...oldRSs].sort((a, b) => compare(a.metadata?.name ?? '', b.metadata?.name ?? ''));
  if (old.length || newRS) {
    w.write(0, `OldReplicaSets:\t${replicaSetsLine(old)}\n`);
    w.write(0, `NewReplicaSet:\t${replicaSetsLine(newRS ? [newRS] : [])}\n`);
  }
  if (ctx.showEvents) describeEvents(w, ctx.events(d), ctx.now);
  return w.toString();
}
