/** Tables for pods and the workload controllers (printPod, printDeployment, printReplicaSet, ...). */
import { seconds } from '../../api/meta';
import { podReadyColumn, podStatusWord } from '../../api/podstatus';
import type { Container, Pod, PodTemplateSpec } from '../../api/types';
import { humanDuration, since } from '../duration';
import { formatLabelSet, formatSelector } from '../selector';
import type { TableContext } from './columns';
import { NONE, age, registerTable } from './columns';

/** RESTARTS: the sum of restarts, with "(45s ago)" from the latest container termination. */
function restartsCell(pod: Pod, now: number): string {
  let restarts = 0;
  let last = Number.NaN;
  const restartable = new Set(
    (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name),
  );
  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []).filter((s) => restartable.has(s.name)),
    ...(pod.status?.containerStatuses ?? []),
  ];
  for (const s of statuses) {
    restarts += s.restartCount;
    const finished = s.lastState?.terminated?.finishedAt;
    if (finished) {
      const t = seconds(finished);
      if (Number.isNaN(last) || t > last) last = t;
    }
  }
  if (restarts !== 0 && !Number.isNaN(last)) return `${restarts} (${humanDuration(now - last)} ago)`;
  return String(restarts);
}

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return NONE;
  const ok = gates.filter((g) =>
    pod.status?.conditions?.some((c) => c.type === g.conditionType && c.status === 'True'),
  ).length;
  return `${ok}/${gates.length}`;
}

registerTable('Pod', {
  headers: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
  wide: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
  row(pod, ctx) {
    const cells = [
      pod.metadata?.name ?? '',
      podReadyColumn(pod),
      podStatusWord(pod),
      restartsCell(pod, ctx.now),
      age(pod, ctx),
    ];
    if (ctx.wide) {
      cells.push(
        pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || NONE,
        pod.spec?.nodeName || NONE,
        pod.status?.nominatedNodeName || NONE,
        readinessGates(pod),
      );
    }
    return cells;
  },
});

function containerCells(template: PodTemplateSpec | undefined): [string, string] {
  const cs: readonly Container[] = template?.spec?.containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image ?? '').join(',')];
}

registerTable('Deployment', {
  headers: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
  wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(d, ctx) {
    const s = d.status;
    const cells = [
      d.metadata?.name ?? '',
      `${s?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
      String(s?.updatedReplicas ?? 0),
      String(s?.availableReplicas ?? 0),
      age(d, ctx),
    ];
    if (ctx.wide) cells.push(...containerCells(d.spec?.template), formatSelector(d.spec?.selector));
    return cells;
  },
});

registerTable('ReplicaSet', {
  headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
  wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(rs, ctx) {
    const cells = [
      rs.metadata?.name ?? '',
      String(rs.spec?.replicas ?? 1),
      String(rs.status?.replicas ?? 0),
      String(rs.status?.readyReplicas ?? 0),
      age(rs, ctx),
    ];
    if (ctx.wide) cells.push(...containerCells(rs.spec?.template), formatSelector(rs.spec?.selector));
    return cells;
  },
});

registerTable('StatefulSet', {
  headers: ['NAME', 'READY', 'AGE'],
  wide: ['CONTAINERS', 'IMAGES'],
  row(sts, ctx) {
    const cells = [
      sts.metadata?.name ?? '',
      `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 1}`,
      age(sts, ctx),
    ];
    if (ctx.wide) cells.push(...containerCells(sts.spec?.template));
    return cells;
  },
});

registerTable('DaemonSet', {
  headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
  wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(ds, ctx) {
    const s = ds.status;
    const cells = [
      ds.metadata?.name ?? '',
      String(s?.desiredNumberScheduled ?? 0),
      String(s?.currentNumberScheduled ?? 0),
      String(s?.numberReady ?? 0),
      String(s?.updatedNumberScheduled ?? 0),
      String(s?.numberAvailable ?? 0),
      formatLabelSet(ds.spec?.template?.spec?.nodeSelector),
      age(ds, ctx),
    ];
    if (ctx.wide) cells.push(...containerCells(ds.spec?.template), formatSelector(ds.spec?.selector));
    return cells;
  },
});

function jobStatus(conditions: readonly { type: string; status: string }[], deleting: boolean): string {
  const has = (t: string) => conditions.some((c) => c.type === t && c.status === 'True');
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (deleting) return 'Terminating';
  if (has('Suspended')) return 'Suspended';
  if (has('FailureTarget')) return 'FailureTarget';
  if (has('SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

function jobDuration(start: string | undefined, end: string | undefined, ctx: TableContext): string {
  if (!start) return '';
  if (!end) return since(start, ctx.now);
  return humanDuration(seconds(end) - seconds(start));
}

registerTable('Job', {
  headers: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
  wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(job, ctx) {
    const spec = job.spec;
    const succeeded = job.status?.succeeded ?? 0;
    const completions =
      spec?.completions !== undefined
        ? `${succeeded}/${spec.completions}`
        : (spec?.parallelism ?? 1) > 1
          ? `${succeeded}/1 of ${spec?.parallelism ?? 1}`
          : `${succeeded}/1`;
    const cells = [
      job.metadata?.name ?? '',
      jobStatus(job.status?.conditions ?? [], job.metadata?.deletionTimestamp !== undefined),
      completions,
      jobDuration(job.status?.startTime, job.status?.completionTime, ctx),
      age(job, ctx),
    ];
    if (ctx.wide) cells.push(...containerCells(spec?.template), formatSelector(spec?.selector));
    return cells;
  },
});
