/** Helpers every command shares: namespaces, writes through the simulation, API errors, flag specs. */
import { ApiError, kubectlMessage } from '../../api/errors';
import type { Kind, KindMap } from '../../api/types';
import { KIND_INFO } from '../../api/types';
import type { CommandResult, FlagSpec, KubectlContext, ParsedArgs } from '../command';
import { fail } from '../command';

/** The namespace a command works in: -n, else "default" (the simulator's kubeconfig context). */
export function namespaceOf(args: ParsedArgs): string {
  const ns = args.flags.namespace;
  return typeof ns === 'string' && ns !== '' ? ns : 'default';
}

export function str(args: ParsedArgs, name: string): string {
  const v = args.flags[name];
  return typeof v === 'string' ? v : '';
}

export function bool(args: ParsedArgs, name: string): boolean {
  return args.flags[name] === true;
}

export function int(args: ParsedArgs, name: string): number {
  const v = args.flags[name];
  return typeof v === 'number' ? v : 0;
}

export function list(args: ParsedArgs, name: string): readonly string[] {
  const v = args.flags[name];
  return Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : [];
}

/** Whether the flag was written on the command line. */
export function given(args: ParsedArgs, name: string): boolean {
  return args.given?.has(name) ?? false;
}

/**
 * Make writes as the learner: through `sim.act('kubectl', ...)` so every controller reacts within the same
 * instant, or directly when already inside the simulation loop (a timeline entry).
 */
export function write<T>(ctx: KubectlContext, fn: () => T): T {
  return ctx.nested ? fn() : ctx.sim.act('kubectl', fn);
}

/** The object's namespace argument for the store (undefined for cluster-scoped kinds). */
export function nsFor(kind: Kind, namespace: string): string | undefined {
  return KIND_INFO[kind].namespaced ? namespace : undefined;
}

export function get<K extends Kind>(
  ctx: KubectlContext,
  kind: K,
  ns: string,
  name: string,
): KindMap[K] | undefined {
  return ctx.sim.store.get(kind, nsFor(kind, ns), name);
}

/** kubectl's text for an error thrown by the API server. */
export function apiError(e: unknown, kind?: Kind, name?: string): string {
  if (e instanceof ApiError) return kubectlMessage(e, kind, name);
  throw e;
}

/** Run `fn`; an ApiError becomes kubectl's error output with exit code 1. */
export function catching(fn: () => CommandResult, kind?: Kind, name?: string): CommandResult {
  try {
    return fn();
  } catch (e) {
    return fail(apiError(e, kind, name));
  }
}

/** A usage error in kubectl's form: "error: <message>\nSee 'kubectl <cmd> -h' for help and examples". */
export function usageError(path: string, message: string): CommandResult {
  return fail(`error: ${message}\nSee 'kubectl ${path} -h' for help and examples`);
}

export const SELECTOR_FLAG: FlagSpec = {
  name: 'selector',
  short: 'l',
  type: 'string',
  default: '',
  usage:
    "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2)",
};

export const ALL_NAMESPACES_FLAG: FlagSpec = {
  name: 'all-namespaces',
  short: 'A',
  type: 'bool',
  default: false,
  usage: 'If present, list the requested object(s) across all namespaces.',
};

export const OUTPUT_FLAG: FlagSpec = {
  name: 'output',
  short: 'o',
  type: 'string',
  default: '',
  usage: 'Output format. One of: (json, yaml, name, wide).',
};

export const FILENAME_FLAG: FlagSpec = {
  name: 'filename',
  short: 'f',
  type: 'stringArray',
  usage: 'Only "-" is supported: read manifests from stdin (the editor or the timeline entry).',
};

export const DRY_RUN_FLAG: FlagSpec = {
  name: 'dry-run',
  type: 'string',
  default: 'none',
  usage: 'Must be "none", "server", or "client". client/server: only print the object that would be sent.',
};
