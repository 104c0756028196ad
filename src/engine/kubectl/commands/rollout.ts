/**
 * `kubectl rollout status|history|undo|pause|resume|restart`. Status prints the line kubectl's status
 * viewer would print now (the simulator never blocks); history and undo use the deployment controller's
 * own helpers (rolloutHistory, rollbackTarget) so they pick revisions exactly as kubectl does.
 */
import { qualifiedResource } from '../../api/errors';
import { timestamp } from '../../api/meta';
import type { DaemonSet, Deployment, Kind, KubeObject, PodTemplateSpec, StatefulSet } from '../../api/types';
import { rollbackTarget, rolloutHistory } from '../../controllers/deployment/history';
import type { CommandResult, KubectlContext, ParsedArgs } from '../command';
import { fail, ok } from '../command';
import { registerCommand } from '../registry';
import { slashName } from '../resources';
import { describePodTemplate } from './describe/containers';
import { PrefixWriter } from './describe/writer';
import { findOne } from './target';
import { apiError, int, write } from './util';

const ROLLOUT_KINDS = 'deployments, daemonsets, statefulsets';

function target(args: ParsedArgs, ctx: KubectlContext, verb: string): { object: KubeObject } | CommandResult {
  const t = findOne(args, ctx, args.positional);
  if (typeof t === 'string') return fail(t);
  const kind = t.type.kind;
  if (kind !== 'Deployment' && kind !== 'DaemonSet' && kind !== 'StatefulSet') {
    return fail(
      `error: ${verb} is not supported on ${t.type.plural}: valid resource types are ${ROLLOUT_KINDS}`,
    );
  }
  return { object: t.object };
}

/** The error form of the rollout patchers: `error: deployments.apps "web" is already paused`. */
function patchError(o: KubeObject, why: string): CommandResult {
  return fail(`error: ${qualifiedResource(o.kind as Kind)} "${o.metadata?.name ?? ''}" ${why}`);
}

export function deploymentStatusLine(d: Deployment): { line: string; done: boolean; error?: string } {
  const name = d.metadata?.name ?? '';
  const s = d.status ?? {};
  if ((d.metadata?.generation ?? 0) <= (s.observedGeneration ?? 0)) {
    const progressing = s.conditions?.find((c) => c.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') {
      return { line: '', done: false, error: `error: deployment "${name}" exceeded its progress deadline` };
    }
    const replicas = d.spec?.replicas ?? 1;
    const updated = s.updatedReplicas ?? 0;
    if (updated < replicas) {
      return {
        line: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`,
        done: false,
      };
    }
    if ((s.replicas ?? 0) > updated) {
      return {
        line: `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...`,
        done: false,
      };
    }
    if ((s.availableReplicas ?? 0) < updated) {
      return {
        line: `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...`,
        done: false,
      };
    }
    return { line: `deployment "${name}" successfully rolled out`, done: true };
  }
  return { line: 'Waiting for deployment spec update to be observed...', done: false };
}

function daemonSetStatusLine(ds: DaemonSet): { line: string; error?: string } {
  const name = ds.metadata?.name ?? '';
  if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') {
    return { line: '', error: 'error: rollout status is only available for RollingUpdate strategy type' };
  }
  const s = ds.status;
  if ((ds.metadata?.generation ?? 0) <= (s?.observedGeneration ?? 0)) {
    const desired = s?.desiredNumberScheduled ?? 0;
    if ((s?.updatedNumberScheduled ?? 0) < desired) {
      return {
        line: `Waiting for daemon set "${name}" rollout to finish: ${s?.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...`,
      };
    }
    if ((s?.numberAvailable ?? 0) < desired) {
      return {
        line: `Waiting for daemon set "${name}" rollout to finish: ${s?.numberAvailable ?? 0} of ${desired} updated pods are available...`,
      };
    }
    return { line: `daemon set "${name}" successfully rolled out` };
  }
  return { line: 'Waiting for daemon set spec update to be observed...' };
}

function statefulSetStatusLine(sts: StatefulSet): { line: string; error?: string } {
  const strategy = sts.spec?.updateStrategy;
  if ((strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') {
    return { line: '', error: 'error: rollout status is only available for RollingUpdate strategy type' };
  }
  const s = sts.status;
  if (!s?.observedGeneration || (sts.metadata?.generation ?? 0) > s.observedGeneration) {
    return { line: 'Waiting for statefulset spec update to be observed...' };
  }
  const replicas = sts.spec?.replicas ?? 1;
  if ((s.readyReplicas ?? 0) < replicas)
    return { line: `Waiting for ${replicas - (s.readyReplicas ?? 0)} pods to be ready...` };
  const partition = strategy?.rollingUpdate?.partition;
  if (strategy?.rollingUpdate) {
    if (partition !== undefined && (s.updatedReplicas ?? 0) < replicas - partition) {
      return {
        line: `Waiting for partitioned roll out to finish: ${s.updatedReplicas ?? 0} out of ${replicas - partition} new pods have been updated...`,
      };
    }
    return { line: `partitioned roll out complete: ${s.updatedReplicas ?? 0} new pods have been updated...` };
  }
  if (s.updateRevision !== s.currentRevision) {
    return {
      line: `waiting for statefulset rolling update to complete ${s.updatedReplicas ?? 0} pods at revision ${s.updateRevision ?? ''}...`,
    };
  }
  return {
    line: `statefulset rolling update complete ${s.currentReplicas ?? 0} pods at revision ${s.currentRevision ?? ''}...`,
  };
}

registerCommand({
  path: ['rollout', 'status'],
  summary: 'Show the status of the rollout',
  usage: 'kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]',
  notes:
    'prints the status line kubectl would print at this simulated instant and returns at once (kubectl would keep watching until the rollout finishes); run it again, or watch the cluster view, to follow the rollout.',
  flags: [
    {
      name: 'watch',
      short: 'w',
      type: 'bool',
      default: true,
      usage: "Watch the status of the rollout until it's done (the simulator never blocks).",
    },
    { name: 'timeout', type: 'duration', default: 0, usage: 'Ignored: the simulator never blocks.' },
    {
      name: 'revision',
      type: 'int',
      default: 0,
      usage: 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).',
    },
  ],
  run(args, ctx) {
    const t = target(args, ctx, 'rollout status');
    if (!('object' in t)) return t;
    const o = t.object;
    const r =
      o.kind === 'Deployment'
        ? deploymentStatusLine(o as Deployment)
        : o.kind === 'DaemonSet'
          ? daemonSetStatusLine(o as DaemonSet)
          : statefulSetStatusLine(o as StatefulSet);
    return r.error ? fail(r.error) : ok(r.line);
  },
});

/** printTemplate: DescribePodTemplate through a PrefixWriter with no tabwriter, so tabs stay as written. */
function templateText(t: PodTemplateSpec): string {
  const w = new PrefixWriter();
  describePodTemplate(w, t);
  return w.raw().replace(/\n$/, '');
}

registerCommand({
  path: ['rollout', 'history'],
  summary: 'View rollout history',
  usage: 'kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: [
    {
      name: 'revision',
      type: 'int',
      default: 0,
      usage: 'See the details, including podTemplate of the revision specified',
    },
  ],
  run(args, ctx) {
    const t = target(args, ctx, 'rollout history');
    if (!('object' in t)) return t;
    const o = t.object;
    if (o.kind !== 'Deployment')
      return fail('error: rollout history is only available for deployments in the simulator');
    const history = rolloutHistory(ctx.sim.store, o as Deployment);
    const head = slashName('Deployment', o.metadata?.name ?? '');
    const revision = int(args, 'revision');
    if (revision > 0) {
      const entry = history.find((h) => h.revision === revision);
      if (!entry) return fail('error: unable to find the specified revision');
      return ok(`${head} with revision #${revision}\n${templateText(entry.template)}\n`);
    }
    if (history.length === 0) return ok(`${head} No rollout history found.`);
    const width = Math.max(...history.map((h) => String(h.revision).length), 'REVISION'.length) + 2;
    const rows = history.map((h) => `${String(h.revision).padEnd(width)}${h.changeCause ?? '<none>'}`);
    return ok([`${head} `, `${'REVISION'.padEnd(width)}CHANGE-CAUSE`, ...rows, ''].join('\n'));
  },
});

registerCommand({
  path: ['rollout', 'undo'],
  summary: 'Undo a previous rollout',
  usage: 'kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: [
    {
      name: 'to-revision',
      type: 'int',
      default: 0,
      usage: 'The revision to rollback to. Default to 0 (last revision).',
    },
  ],
  run(args, ctx) {
    const t = target(args, ctx, 'rollout undo');
    if (!('object' in t)) return t;
    const o = t.object;
    if (o.kind !== 'Deployment')
      return fail('error: rollout undo is only available for deployments in the simulator');
    const d = o as Deployment;
    const plan = rollbackTarget(ctx.sim.store, d, int(args, 'to-revision'));
    const head = slashName('Deployment', d.metadata?.name ?? '');
    if ('error' in plan) return fail(`error: ${plan.error}`);
    if ('skipped' in plan) return ok(`${head} ${plan.skipped}`);
    try {
      write(ctx, () =>
        ctx.sim.api.update('Deployment', {
          ...d,
          metadata: { ...d.metadata, annotations: plan.annotations },
          spec: { ...(d.spec as NonNullable<Deployment['spec']>), template: plan.template },
        }),
      );
    } catch (e) {
      return fail(apiError(e, 'Deployment', d.metadata?.name ?? ''));
    }
    return ok(`${head} rolled back`);
  },
});

function setPaused(args: ParsedArgs, ctx: KubectlContext, pause: boolean): CommandResult {
  const t = target(args, ctx, pause ? 'rollout pause' : 'rollout resume');
  if (!('object' in t)) return t;
  const o = t.object;
  if (o.kind !== 'Deployment')
    return patchError(o, pause ? 'pausing is not supported' : 'resuming is not supported');
  const d = o as Deployment;
  if ((d.spec?.paused ?? false) === pause)
    return patchError(o, pause ? 'is already paused' : 'is not paused');
  try {
    write(ctx, () =>
      ctx.sim.api.update('Deployment', {
        ...d,
        spec: { ...(d.spec as NonNullable<Deployment['spec']>), paused: pause },
      }),
    );
  } catch (e) {
    return fail(apiError(e, 'Deployment', d.metadata?.name ?? ''));
  }
  return ok(`${slashName('Deployment', d.metadata?.name ?? '')} ${pause ? 'paused' : 'resumed'}`);
}

registerCommand({
  path: ['rollout', 'pause'],
  summary: 'Mark the provided resource as paused',
  usage: 'kubectl rollout pause RESOURCE [options]',
  flags: [],
  run: (args, ctx) => setPaused(args, ctx, true),
});

registerCommand({
  path: ['rollout', 'resume'],
  summary: 'Resume a paused resource',
  usage: 'kubectl rollout resume RESOURCE [options]',
  flags: [],
  run: (args, ctx) => setPaused(args, ctx, false),
});

registerCommand({
  path: ['rollout', 'restart'],
  summary: 'Restart a resource',
  usage: 'kubectl rollout restart RESOURCE [options]',
  flags: [],
  run(args, ctx) {
    const t = target(args, ctx, 'rollout restart');
    if (!('object' in t)) return t;
    const o = t.object as Deployment;
    if (o.kind === 'Deployment' && o.spec?.paused) {
      return patchError(o, "can't restart paused deployment (run rollout resume first)");
    }
    const spec = o.spec as NonNullable<Deployment['spec']>;
    const template = spec.template;
    const at = timestamp(Math.floor(ctx.sim.now));
    const next = {
      ...o,
      spec: {
        ...spec,
        template: {
          ...template,
          metadata: {
            ...template.metadata,
            annotations: { ...template.metadata?.annotations, 'kubectl.kubernetes.io/restartedAt': at },
          },
        },
      },
    };
    try {
      write(ctx, () => ctx.sim.api.update(o.kind as 'Deployment', next));
    } catch (e) {
      return fail(apiError(e, o.kind as 'Deployment', o.metadata?.name ?? ''));
    }
    return ok(`${slashName(o.kind as 'Deployment', o.metadata?.name ?? '')} restarted`);
  },
});
