/** `kubectl scale` and `kubectl autoscale`. */
import type { Deployment, HorizontalPodAutoscaler, Kind, KubeObject } from '../../api/types';
import type { CommandResult, KubectlContext, ParsedArgs } from '../command';
import { fail } from '../command';
import { registerCommand } from '../registry';
import { slashName } from '../resources';
import { Terminal } from '../terminal';
import { createAndPrint } from './create';
import { findObjects, findOne } from './target';
import { DRY_RUN_FLAG, OUTPUT_FLAG, SELECTOR_FLAG, apiError, given, int, str, write } from './util';

const SCALABLE: ReadonlySet<Kind> = new Set<Kind>(['Deployment', 'ReplicaSet', 'StatefulSet']);

function scale(args: ParsedArgs, ctx: KubectlContext): CommandResult {
  if (!given(args, 'replicas')) return fail('error: required flag(s) "replicas" not set');
  const replicas = int(args, 'replicas');
  if (replicas < 0) {
    return fail('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  }
  const found = findObjects(args, ctx, args.positional, { allowSelector: true });
  if (typeof found === 'string') return fail(found);
  if (found.length === 0) return fail('error: no objects passed to scale');
  const term = new Terminal();
  let code = 0;
  for (const f of found) {
    const o = f.object;
    if (!o) {
      term.err(f.error ?? '');
      code = 1;
      continue;
    }
    const name = o.metadata?.name ?? '';
    if (!SCALABLE.has(f.type.kind)) {
      term.err(
        `error: no scaler has been implemented for ${f.type.plural} (scale deployments, replicasets or statefulsets)`,
      );
      code = 1;
      continue;
    }
    const spec = (o as { spec?: { replicas?: number } }).spec;
    const current = spec?.replicas ?? 1;
    if (given(args, 'current-replicas') && int(args, 'current-replicas') !== current) {
      term.err(`error: Expected replicas to be ${int(args, 'current-replicas')}, was ${current}`);
      code = 1;
      continue;
    }
    try {
      write(ctx, () =>
        ctx.sim.api.update(f.type.kind, { ...o, spec: { ...spec, replicas } } as KubeObject as never),
      );
      term.out(`${slashName(f.type.kind, name)} scaled`);
    } catch (e) {
      term.err(apiError(e, f.type.kind, name));
      code = 1;
    }
  }
  return term.result(code);
}

registerCommand({
  path: ['scale'],
  summary: 'Set a new size for a deployment, replica set, or stateful set',
  usage: 'kubectl scale [--current-replicas=count] --replicas=COUNT (TYPE NAME | TYPE/NAME) [options]',
  flags: [
    { name: 'replicas', type: 'int', default: 0, usage: 'The new desired number of replicas. Required.' },
    {
      name: 'current-replicas',
      type: 'int',
      default: -1,
      usage:
        'Precondition for current size. Requires that the current size of the resource match this value in order to scale.',
    },
    SELECTOR_FLAG,
    {
      name: 'all',
      type: 'bool',
      default: false,
      usage: 'Select all resources in the namespace of the specified resource types',
    },
  ],
  run: scale,
});

function autoscale(args: ParsedArgs, ctx: KubectlContext): CommandResult {
  const max = int(args, 'max');
  const min = int(args, 'min');
  if (max < 1) return fail(`error: --max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (given(args, 'min') && max < min) {
    return fail(`error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  }
  const target = findOne(args, ctx, args.positional);
  if (typeof target === 'string') return fail(target);
  const kind = target.type.kind;
  if (!SCALABLE.has(kind)) {
    return fail(
      `error: cannot autoscale a ${kind}: only deployments, replicasets and statefulsets can be autoscaled`,
    );
  }
  const o = target.object as Deployment;
  const name = str(args, 'name') || (o.metadata?.name ?? '');
  const cpu = int(args, 'cpu-percent');
  // autoscaling/v2 as kubectl sends it, with the defaults the API server would add (min 1, cpu 80%).
  const hpa: HorizontalPodAutoscaler = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name,
      namespace: o.metadata?.namespace ?? 'default',
      ...(o.metadata?.labels ? { labels: o.metadata.labels } : {}),
    },
    spec: {
      scaleTargetRef: { apiVersion: o.apiVersion ?? 'apps/v1', kind, name: o.metadata?.name ?? '' },
      minReplicas: given(args, 'min') && min >= 1 ? min : 1,
      maxReplicas: max,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu >= 0 ? cpu : 80 } },
        },
      ],
    },
  };
  const r = createAndPrint(args, ctx, 'HorizontalPodAutoscaler', hpa);
  if (r.exitCode !== 0 || str(args, 'output')) return r;
  return { ...r, stdout: r.stdout.replace(/ created/, ' autoscaled') };
}

registerCommand({
  path: ['autoscale'],
  summary: 'Auto-scale a deployment, replica set, or stateful set',
  usage:
    'kubectl autoscale (TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU] [options]',
  flags: [
    {
      name: 'min',
      type: 'int',
      default: -1,
      usage: 'The lower limit for the number of pods that can be set by the autoscaler.',
    },
    {
      name: 'max',
      type: 'int',
      default: -1,
      usage: 'The upper limit for the number of pods that can be set by the autoscaler. Required.',
    },
    {
      name: 'cpu-percent',
      type: 'int',
      default: -1,
      usage:
        'The target average CPU utilization (represented as a percent of requested CPU) over all the pods. If not specified, 80%.',
    },
    {
      name: 'name',
      type: 'string',
      default: '',
      usage: 'The name for the newly created object. Defaults to the resource name.',
    },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run: autoscale,
});
