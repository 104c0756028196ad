/** Finding the one object a command acts on: "TYPE NAME" or "TYPE/NAME", as kubectl's resource builder does. */
import { kubectlMessage, notFound } from '../../api/errors';
import type { Kind, KindMap, KubeObject } from '../../api/types';
import type { KubectlContext, ParsedArgs } from '../command';
import type { ResourceType } from '../resources';
import { resolveTargets } from '../resources';
import { labelsMatch, parseLabelSelector } from '../selector';
import { bool, namespaceOf, nsFor, str } from './util';

export const NO_RESOURCES = [
  'error: You must provide one or more resources by argument or filename.',
  'Example resource specifications include:',
  "   '-f rsrc.yaml'",
  "   '--filename=rsrc.json'",
  "   '<resource> <name>'",
  "   '<resource>'",
].join('\n');

export interface Found {
  readonly type: ResourceType;
  readonly object?: KubeObject;
  /** Missing object: kubectl's NotFound text. */
  readonly error?: string;
}

/**
 * Resolve resource arguments to objects: names, or with -l / --all every match in the namespace.
 * Returns an error text for bad arguments; missing objects are per-item errors.
 */
export function findObjects(
  args: ParsedArgs,
  ctx: KubectlContext,
  resourceArgs: readonly string[],
  opts: { allowSelector?: boolean } = {},
): Found[] | string {
  if (resourceArgs.length === 0) return NO_RESOURCES;
  const r = resolveTargets(resourceArgs);
  if ('error' in r) return r.error;
  const ns = namespaceOf(args);
  const selector = opts.allowSelector ? str(args, 'selector') : '';
  const all = opts.allowSelector ? bool(args, 'all') : false;
  const out: Found[] = [];
  const named = r.targets.some((t) => t.name !== undefined);
  if (named && (selector || all))
    return 'error: selectors and the all flag cannot be used when passing resource/name arguments';
  if (!named && !selector && !all) return 'error: resource(s) were provided, but no name was specified';
  const parsed = parseLabelSelector(selector);
  if ('error' in parsed) return parsed.error;
  for (const t of r.targets) {
    const kind = t.type.kind;
    if (t.name !== undefined) {
      const o = ctx.sim.store.get(kind, nsFor(kind, ns), t.name);
      out.push(
        o ? { type: t.type, object: o } : { type: t.type, error: kubectlMessage(notFound(kind, t.name)) },
      );
      continue;
    }
    const objs = ctx.sim.store
      .list(kind, nsFor(kind, ns))
      .filter((o) => labelsMatch(parsed.requirements, o.metadata?.labels))
      .sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
    for (const o of objs) out.push({ type: t.type, object: o });
  }
  return out;
}

/** The single object of "TYPE NAME" / "TYPE/NAME", or an error text. */
export function findOne(
  args: ParsedArgs,
  ctx: KubectlContext,
  resourceArgs: readonly string[],
): { type: ResourceType; object: KubeObject } | string {
  const found = findObjects(args, ctx, resourceArgs);
  if (typeof found === 'string') return found;
  const first = found[0];
  if (!first) return NO_RESOURCES;
  if (first.error !== undefined || !first.object) return first.error ?? NO_RESOURCES;
  return { type: first.type, object: first.object };
}

export function isKind<K extends Kind>(o: KubeObject, kind: K): o is KindMap[K] {
  return o.kind === kind;
}
