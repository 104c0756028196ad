/** `kubectl get`: tables, -o wide|yaml|json|name, selectors, -A, --show-labels, -L, --sort-by. */
import { kubectlMessage, notFound } from '../../api/errors';
import type { Kind, KubeObject } from '../../api/types';
import { KIND_INFO } from '../../api/types';
import type { CommandResult, KubectlContext, ParsedArgs } from '../command';
import { fail } from '../command';
import { renderTable } from '../printers/render';
import { listOf, nameOf, toJson, toYaml } from '../printers/serialize';
import { registerCommand } from '../registry';
import type { Target } from '../resources';
import { resolveTargets } from '../resources';
import { fieldsMatch, fieldValue, labelsMatch, parseFieldSelector, parseLabelSelector } from '../selector';
import { Terminal } from '../terminal';
import { ALL_NAMESPACES_FLAG, OUTPUT_FLAG, SELECTOR_FLAG, bool, list, namespaceOf, nsFor, str } from './util';

export const MISSING_TYPE = [
  'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.',
  '',
  'error: Required resource not specified.',
  'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).',
  "See 'kubectl get -h' for help and examples",
].join('\n');

const FORMATS = ['', 'wide', 'yaml', 'json', 'name'];

export function badOutputFormat(format: string): string {
  return `error: unable to match a printer suitable for the output format "${format}", allowed formats are: json,name,wide,yaml`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byNamespaceName(a: KubeObject, b: KubeObject): number {
  return (
    compareText(a.metadata?.namespace ?? '', b.metadata?.namespace ?? '') ||
    compareText(a.metadata?.name ?? '', b.metadata?.name ?? '')
  );
}

/** "{.status.containerStatuses[0].restartCount}" -> ["status", "containerStatuses", "0", "restartCount"]. */
function sortPath(expr: string): string[] {
  const inner = expr.replace(/^\{/, '').replace(/\}$/, '').replace(/^\./, '');
  return inner
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
}

function sortBy(objects: KubeObject[], expr: string): void {
  const path = sortPath(expr);
  const keyed = objects.map((o) => ({ o, v: fieldValue(o, path) }));
  const numeric = keyed.every((k) => k.v === '' || !Number.isNaN(Number(k.v)));
  keyed.sort((a, b) => (numeric ? Number(a.v || 0) - Number(b.v || 0) : compareText(a.v, b.v)));
  objects.splice(0, objects.length, ...keyed.map((k) => k.o));
}

interface Group {
  readonly kind: Kind;
  readonly objects: KubeObject[];
}

function run(args: ParsedArgs, ctx: KubectlContext): CommandResult {
  if (args.positional.length === 0) return fail(MISSING_TYPE);
  const resolved = resolveTargets(args.positional, true);
  if ('error' in resolved) return fail(resolved.error);
  const targets: Target[] = resolved.targets;
  const format = str(args, 'output');
  if (!FORMATS.includes(format)) return fail(badOutputFormat(format));
  const labels = parseLabelSelector(str(args, 'selector'));
  if ('error' in labels) return fail(labels.error);
  const fields = parseFieldSelector(str(args, 'field-selector'));
  if ('error' in fields) return fail(fields.error);
  const allNs = bool(args, 'all-namespaces');
  const ns = namespaceOf(args);
  const named = targets.some((t) => t.name !== undefined);
  if (named && str(args, 'selector'))
    return fail('error: name cannot be provided when a selector is specified');
  if (named && allNs) return fail('error: a resource cannot be retrieved by name across all namespaces');
  const store = ctx.sim.store;

  const groups: Group[] = [];
  const add = (kind: Kind, objects: KubeObject[]) => {
    const last = groups[groups.length - 1];
    if (last && last.kind === kind) last.objects.push(...objects);
    else groups.push({ kind, objects });
  };
  const errors: string[] = [];
  for (const t of targets) {
    const kind = t.type.kind;
    if (t.name !== undefined) {
      const obj = store.get(kind, nsFor(kind, ns), t.name);
      if (obj) add(kind, [obj]);
      else if (!bool(args, 'ignore-not-found')) errors.push(kubectlMessage(notFound(kind, t.name)));
      continue;
    }
    const all = allNs || !KIND_INFO[kind].namespaced ? store.list(kind) : store.list(kind, ns);
    const objects = all
      .filter((o) => labelsMatch(labels.requirements, o.metadata?.labels))
      .filter((o) => fieldsMatch(fields.requirements, o))
      .sort(byNamespaceName);
    add(kind, objects);
  }
  const sortExpr = str(args, 'sort-by');
  if (sortExpr) for (const g of groups) sortBy(g.objects, sortExpr);

  const term = new Terminal();
  const objects = groups.flatMap((g) => g.objects);
  if (format === 'yaml' || format === 'json') {
    const single = targets.length === 1 && targets[0]?.name !== undefined && objects.length === 1;
    const body = single ? objects[0] : listOf(objects);
    if (objects.length > 0 || errors.length === 0) term.out(format === 'yaml' ? toYaml(body) : toJson(body));
  } else if (format === 'name') {
    for (const o of objects) term.out(nameOf(o));
  } else {
    const shown = groups.filter((g) => g.objects.length > 0);
    const withKind = new Set(shown.map((g) => g.kind)).size > 1 || bool(args, 'show-kind');
    const tableCtx = { now: ctx.sim.now, store, wide: format === 'wide' };
    const opts = {
      wide: format === 'wide',
      showLabels: bool(args, 'show-labels'),
      labelColumns: list(args, 'label-columns'),
      noHeaders: bool(args, 'no-headers'),
      withNamespace: allNs,
      withKind,
    };
    const tables = shown.map((g) => renderTable(g.kind, g.objects, tableCtx, opts));
    if (tables.length) term.out(tables.join('\n\n'));
    else if (errors.length === 0 && !bool(args, 'ignore-not-found')) {
      const namespaced = !allNs && targets.every((t) => KIND_INFO[t.type.kind].namespaced);
      term.err(namespaced ? `No resources found in ${ns} namespace.` : 'No resources found');
    }
  }
  if (bool(args, 'watch') && !term.hasErrors) {
    term.err('(simulator: --watch printed the current state once; the cluster view updates live)');
  }
  for (const e of errors) term.err(e);
  return term.result(errors.length ? 1 : 0);
}

registerCommand({
  path: ['get'],
  summary: 'Display one or many resources',
  usage:
    'kubectl get [(-o|--output=)json|yaml|name|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  flags: [
    OUTPUT_FLAG,
    SELECTOR_FLAG,
    ALL_NAMESPACES_FLAG,
    {
      name: 'field-selector',
      type: 'string',
      default: '',
      usage:
        "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2)",
    },
    {
      name: 'show-labels',
      type: 'bool',
      default: false,
      usage: 'When printing, show all labels as the last column.',
    },
    {
      name: 'label-columns',
      short: 'L',
      type: 'stringArray',
      usage: 'Accepts a comma separated list of labels that are going to be presented as columns.',
    },
    {
      name: 'no-headers',
      type: 'bool',
      default: false,
      usage: "When using the default output format, don't print headers.",
    },
    {
      name: 'show-kind',
      type: 'bool',
      default: false,
      usage: 'If present, list the resource type for the requested object(s).',
    },
    {
      name: 'sort-by',
      type: 'string',
      default: '',
      usage: "Sort list types using this field specification, e.g. '{.metadata.name}'.",
    },
    {
      name: 'ignore-not-found',
      type: 'bool',
      default: false,
      usage: 'If the requested object does not exist the command will return exit code 0.',
    },
    {
      name: 'watch',
      short: 'w',
      type: 'bool',
      default: false,
      usage: 'Simulator: prints the current state once (the cluster view updates live).',
    },
  ],
  notes: 'AGE is measured in simulated time; --watch prints once instead of streaming.',
  run,
});
