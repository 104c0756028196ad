/**
 * `kubectl delete`: by name, several names, -l, --all; --grace-period, --force (with kubectl's warning),
 * --now, --cascade (background, foreground or orphan: the delete's propagationPolicy).
 */
import type { CommandResult, KubectlContext, ParsedArgs } from '../command';
import { fail } from '../command';
import { registerCommand } from '../registry';
import { quotedName } from '../resources';
import { Terminal } from '../terminal';
import { findObjects } from './target';
import { SELECTOR_FLAG, apiError, bool, given, int, str, write } from './util';

export const FORCE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.';

/** --cascade's values as the delete's propagationPolicy ("true" and "false" are the old spellings). */
const PROPAGATION = {
  background: 'Background',
  true: 'Background',
  foreground: 'Foreground',
  orphan: 'Orphan',
  false: 'Orphan',
} as const;

function run(args: ParsedArgs, ctx: KubectlContext): CommandResult {
  if (args.positional.length === 0 && !str(args, 'selector') && !bool(args, 'all')) {
    return fail(
      [
        'error: You must provide one or more resources by argument or filename.',
        'Example resource specifications include:',
        "   '-f rsrc.yaml'",
        "   '--filename=rsrc.json'",
        "   '<resource> <name>'",
        "   '<resource>'",
      ].join('\n'),
    );
  }
  const cascade = str(args, 'cascade') || 'background';
  if (!Object.prototype.hasOwnProperty.call(PROPAGATION, cascade)) {
    return fail(
      `error: Invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan".`,
    );
  }
  let grace = int(args, 'grace-period');
  const force = bool(args, 'force');
  if (bool(args, 'now')) {
    if (given(args, 'grace-period'))
      return fail('error: --now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1; // kubectl turns --grace-period=0 into 1 unless --force is given
  if (force && grace < 0) grace = 0;
  const found = findObjects(args, ctx, args.positional, { allowSelector: true });
  if (typeof found === 'string') return fail(found);
  const term = new Terminal();
  if (force && grace === 0) term.err(FORCE_WARNING);
  let code = 0;
  for (const f of found) {
    const o = f.object;
    if (!o) {
      term.err(f.error ?? '');
      code = 1;
      continue;
    }
    const kind = f.type.kind;
    const name = o.metadata?.name ?? '';
    const ns = o.metadata?.namespace;
    try {
      const propagationPolicy = PROPAGATION[cascade as keyof typeof PROPAGATION];
      write(ctx, () => {
        ctx.sim.api.delete(kind, ns, name, {
          propagationPolicy,
          ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}),
        });
      });
      term.out(`${quotedName(kind, name)} ${force && grace === 0 ? 'force deleted' : 'deleted'}`);
    } catch (e) {
      term.err(apiError(e, kind, name));
      code = 1;
    }
  }
  if (found.length === 0) term.out('No resources found');
  return term.result(code);
}

registerCommand({
  path: ['delete'],
  summary: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  usage: 'kubectl delete (TYPE [(NAME | -l label | --all)]) [options]',
  notes: 'returns at once: a deleted pod stays Terminating for its grace period while its kubelet stops it.',
  flags: [
    SELECTOR_FLAG,
    {
      name: 'all',
      type: 'bool',
      default: false,
      usage: 'Delete all resources, in the namespace of the specified resource types.',
    },
    {
      name: 'grace-period',
      type: 'int',
      default: -1,
      usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative.',
    },
    {
      name: 'force',
      type: 'bool',
      default: false,
      usage: 'If true, immediately remove resources from API and bypass graceful deletion.',
    },
    {
      name: 'now',
      type: 'bool',
      default: false,
      usage: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).',
    },
    {
      name: 'cascade',
      type: 'string',
      default: 'background',
      usage: 'Must be "background", "orphan", or "foreground".',
    },
    { name: 'wait', type: 'bool', default: true, usage: 'Ignored: the simulator never blocks.' },
  ],
  run,
});
