/** `kubectl label` and `kubectl annotate`: KEY=VALUE to set, KEY- to remove, --overwrite to replace. */
import type { KubeObject } from '../../api/types';
import type { CommandResult, KubectlContext, ParsedArgs } from '../command';
import { fail } from '../command';
import { registerCommand } from '../registry';
import { slashName } from '../resources';
import { Terminal } from '../terminal';
import { findObjects } from './target';
import { SELECTOR_FLAG, apiError, bool, write } from './util';

type Field = 'labels' | 'annotations';

interface Changes {
  readonly set: [string, string][];
  readonly remove: string[];
}

function parseChanges(words: readonly string[], field: Field): Changes | string {
  const set: [string, string][] = [];
  const remove: string[] = [];
  const what = field === 'labels' ? 'label' : 'annotation';
  for (const w of words) {
    const eq = w.indexOf('=');
    if (eq > 0) set.push([w.slice(0, eq), w.slice(eq + 1)]);
    else if (w.endsWith('-') && w.length > 1) remove.push(w.slice(0, -1));
    else return `error: invalid ${what} spec: ${w}`;
  }
  for (const k of remove) {
    if (set.some(([s]) => s === k))
      return `error: can not both modify and remove ${what === 'label' ? 'a label' : 'an annotation'} in the same command`;
  }
  return { set, remove };
}

function run(field: Field) {
  const what = field === 'labels' ? 'label' : 'annotation';
  return (args: ParsedArgs, ctx: KubectlContext): CommandResult => {
    // The first word and "type/name" words are resources; words with "=" or a trailing "-" are changes.
    const isChange = (w: string) => w.includes('=') || (w.endsWith('-') && !w.includes('/'));
    const first = args.positional[0];
    const resourceWords = args.positional.filter((w, i) => i === 0 || !isChange(w));
    const changeWords = args.positional.filter((w, i) => i > 0 && isChange(w));
    if (first === undefined) {
      return fail(`error: one or more resources must be specified as <resource> <name> or <resource>/<name>`);
    }
    if (changeWords.length === 0) return fail(`error: at least one ${what} update is required`);
    const changes = parseChanges(changeWords, field);
    if (typeof changes === 'string') return fail(changes);
    const found = findObjects(args, ctx, resourceWords, { allowSelector: true });
    if (typeof found === 'string') return fail(found);
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
      const current: Record<string, string> = { ...o.metadata?.[field] };
      const conflict = changes.set.find(
        ([k, v]) => k in current && current[k] !== v && !bool(args, 'overwrite'),
      );
      if (conflict) {
        term.err(
          `error: '${conflict[0]}' already has a value (${current[conflict[0]] ?? ''}), and --overwrite is false`,
        );
        code = 1;
        continue;
      }
      for (const k of changes.remove) {
        if (!(k in current)) term.out(`${what} "${k}" not found.`);
        delete current[k];
      }
      for (const [k, v] of changes.set) current[k] = v;
      const before = JSON.stringify(o.metadata?.[field] ?? {});
      const changed = before !== JSON.stringify(current);
      const verb =
        field === 'annotations'
          ? 'annotated'
          : !changed
            ? 'not labeled'
            : changes.set.length === 0
              ? 'unlabeled'
              : 'labeled';
      if (changed) {
        const { [field]: _old, ...meta } = o.metadata ?? {};
        const next = {
          ...o,
          metadata: Object.keys(current).length ? { ...meta, [field]: current } : meta,
        } as KubeObject;
        try {
          write(ctx, () => ctx.sim.api.update(f.type.kind, next as never));
        } catch (e) {
          term.err(apiError(e, f.type.kind, name));
          code = 1;
          continue;
        }
      }
      term.out(`${slashName(f.type.kind, name)} ${verb}`);
    }
    return term.result(code);
  };
}

const FLAGS = [
  {
    name: 'overwrite',
    type: 'bool' as const,
    default: false,
    usage:
      'If true, allow values to be overwritten, otherwise reject updates that overwrite existing values.',
  },
  SELECTOR_FLAG,
  {
    name: 'all',
    type: 'bool' as const,
    default: false,
    usage: 'Select all resources, in the namespace of the specified resource types',
  },
];

registerCommand({
  path: ['label'],
  summary: 'Update the labels on a resource',
  usage: 'kubectl label [--overwrite] (TYPE NAME | TYPE/NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [options]',
  flags: FLAGS,
  run: run('labels'),
});

registerCommand({
  path: ['annotate'],
  summary: 'Update the annotations on a resource',
  usage: 'kubectl annotate [--overwrite] (TYPE NAME | TYPE/NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [options]',
  flags: FLAGS,
  run: run('annotations'),
});
