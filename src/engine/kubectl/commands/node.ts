/**
 * `kubectl cordon`, `uncordon` and `drain`. Drain cordons, checks every pod on the node with kubectl's
 * filters (DaemonSet-managed, no controller, emptyDir), then evicts the rest; each eviction is a graceful
 * delete, so the pods stay Terminating for their grace period while their controllers replace them.
 */
import { controllerOf } from '../../api/meta';
import type { Node, Pod } from '../../api/types';
import type { CommandResult, KubectlContext, ParsedArgs } from '../command';
import { fail } from '../command';
import { registerCommand } from '../registry';
import { Terminal } from '../terminal';
import { findObjects } from './target';
import { SELECTOR_FLAG, apiError, bool, int, write } from './util';

function nodes(args: ParsedArgs, ctx: KubectlContext): Node[] | CommandResult {
  if (args.positional.length === 0 && !args.flags.selector) {
    return fail('error: USAGE: kubectl cordon NODE [flags]');
  }
  const found = findObjects(args, ctx, ['nodes', ...args.positional], { allowSelector: true });
  if (typeof found === 'string') return fail(found);
  const missing = found.find((f) => !f.object);
  if (missing) return fail(missing.error ?? '');
  return found.map((f) => f.object as Node);
}

/** Set spec.unschedulable, printing "node/x cordoned" or "node/x already cordoned". */
function setUnschedulable(ctx: KubectlContext, term: Terminal, node: Node, on: boolean): boolean {
  const name = node.metadata?.name ?? '';
  const verb = on ? 'cordoned' : 'uncordoned';
  if ((node.spec?.unschedulable ?? false) === on) {
    term.out(`node/${name} already ${verb}`);
    return true;
  }
  try {
    const spec = { ...node.spec };
    if (on) spec.unschedulable = true;
    else delete spec.unschedulable;
    write(ctx, () => ctx.sim.api.update('Node', { ...node, spec }));
    term.out(`node/${name} ${verb}`);
    return true;
  } catch (e) {
    term.err(apiError(e, 'Node', name));
    return false;
  }
}

function cordonCommand(on: boolean) {
  return (args: ParsedArgs, ctx: KubectlContext): CommandResult => {
    const list = nodes(args, ctx);
    if (!Array.isArray(list)) return list;
    const term = new Terminal();
    let code = 0;
    for (const n of list) if (!setUnschedulable(ctx, term, n, on)) code = 1;
    return term.result(code);
  };
}

registerCommand({
  path: ['cordon'],
  summary: 'Mark node as unschedulable',
  usage: 'kubectl cordon NODE [options]',
  flags: [SELECTOR_FLAG],
  run: cordonCommand(true),
});

registerCommand({
  path: ['uncordon'],
  summary: 'Mark node as schedulable',
  usage: 'kubectl uncordon NODE [options]',
  flags: [SELECTOR_FLAG],
  run: cordonCommand(false),
});

function podKey(p: Pod): string {
  return `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`;
}

interface Verdicts {
  readonly evict: Pod[];
  readonly errors: string[];
  readonly warnings: string[];
}

/** kubectl drain's pod filters (k8s.io/kubectl/pkg/drain/filters.go). */
function filterPods(pods: readonly Pod[], args: ParsedArgs): Verdicts {
  const force = bool(args, 'force');
  const ignoreDs = bool(args, 'ignore-daemonsets');
  const emptyDir = bool(args, 'delete-emptydir-data');
  const unmanaged: string[] = [];
  const daemon: string[] = [];
  const local: string[] = [];
  const evict: Pod[] = [];
  let blocked = false;
  for (const p of pods) {
    const finished = p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
    const owner = controllerOf(p);
    if (owner?.kind === 'DaemonSet') {
      daemon.push(podKey(p));
      if (!ignoreDs) blocked = true;
      continue;
    }
    if (!owner && !finished) {
      unmanaged.push(podKey(p));
      if (!force) blocked = true;
    }
    if (!finished && (p.spec?.volumes ?? []).some((v) => v.emptyDir !== undefined)) {
      local.push(podKey(p));
      if (!emptyDir) blocked = true;
    }
    evict.push(p);
  }
  const errors: string[] = [];
  const warnings: string[] = [];
  if (unmanaged.length) {
    if (force) warnings.push(`deleting Pods that declare no controller: ${unmanaged.join(', ')}`);
    else
      errors.push(
        `cannot delete Pods declare no controller (use --force to override): ${unmanaged.join(', ')}`,
      );
  }
  if (daemon.length) {
    if (ignoreDs) warnings.push(`ignoring DaemonSet-managed Pods: ${daemon.join(', ')}`);
    else
      errors.push(
        `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemon.join(', ')}`,
      );
  }
  if (local.length) {
    if (emptyDir) warnings.push(`deleting Pods with local storage: ${local.join(', ')}`);
    else
      errors.push(
        `cannot delete Pods with local storage (use --delete-emptydir-data to override): ${local.join(', ')}`,
      );
  }
  return { evict: blocked ? [] : evict, errors: blocked ? errors : [], warnings };
}

function drain(args: ParsedArgs, ctx: KubectlContext): CommandResult {
  if (args.positional.length === 0 && !args.flags.selector)
    return fail('error: USAGE: kubectl drain NODE [flags]');
  const list = nodes(args, ctx);
  if (!Array.isArray(list)) return list;
  const term = new Terminal();
  const pending: string[] = [];
  const fatal: string[] = [];
  const grace = int(args, 'grace-period');
  for (const node of list) {
    const name = node.metadata?.name ?? '';
    if (!setUnschedulable(ctx, term, node, true)) return term.result(1);
    const pods = ctx.sim.store
      .podsOnNode(name)
      .filter((p) => !p.metadata?.deletionTimestamp)
      .sort((a, b) => (podKey(a) < podKey(b) ? -1 : podKey(a) > podKey(b) ? 1 : 0));
    const v = filterPods(pods, args);
    if (v.errors.length) {
      const text = v.errors.length === 1 ? v.errors[0] : `[${v.errors.join(', ')}]`;
      term.err(`error: unable to drain node "${name}" due to error: ${text}, continuing command...`);
      pending.push(name);
      fatal.push(...v.errors);
      continue;
    }
    if (v.warnings.length) term.err(`Warning: ${v.warnings.join('; ')}`);
    for (const p of v.evict) term.out(`evicting pod ${podKey(p)}`);
    for (const p of v.evict) {
      try {
        write(ctx, () =>
          ctx.sim.api.evict(
            p.metadata?.namespace ?? 'default',
            p.metadata?.name ?? '',
            grace >= 0 ? { gracePeriodSeconds: grace } : {},
          ),
        );
        term.out(`pod/${p.metadata?.name ?? ''} evicted`);
      } catch (e) {
        term.err(apiError(e, 'Pod', p.metadata?.name ?? ''));
      }
    }
    term.out(`node/${name} drained`);
  }
  if (pending.length) {
    term.err(['There are pending nodes to be drained:', ...pending.map((n) => ` ${n}`), ...fatal].join('\n'));
    return term.result(1);
  }
  return term.result(0);
}

registerCommand({
  path: ['drain'],
  summary: 'Drain node in preparation for maintenance',
  usage: 'kubectl drain NODE [options]',
  notes:
    'evictions are graceful deletes and the command returns at once (kubectl waits until the evicted pods are gone); there are no PodDisruptionBudgets.',
  flags: [
    SELECTOR_FLAG,
    {
      name: 'force',
      type: 'bool',
      default: false,
      usage: 'Continue even if there are pods that do not declare a controller.',
    },
    { name: 'ignore-daemonsets', type: 'bool', default: false, usage: 'Ignore DaemonSet-managed pods.' },
    {
      name: 'delete-emptydir-data',
      type: 'bool',
      default: false,
      usage:
        'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).',
    },
    {
      name: 'grace-period',
      type: 'int',
      default: -1,
      usage:
        'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.',
    },
    { name: 'timeout', type: 'duration', default: 0, usage: 'Ignored: the simulator never blocks.' },
  ],
  run: drain,
});
