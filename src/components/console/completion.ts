/**
 * Tab completion for the console, like kubectl's shell completion: command names (and subcommands),
 * resource types, object names from the UI's mirror (`get pods sh<Tab>`, `deployment/sh<Tab>`),
 * namespaces after `-n`, and output formats after `-o`. Pure: the caller passes the text before the caret
 * and the mirror's objects.
 */
import type { KubeObject, ResourceType } from '../../engine';
import { KIND_INFO, RESOURCE_TYPES, resolveResource } from '../../engine';
import type { CommandInfo } from './commands';
import { CONSOLE_COMMANDS, KUBECTL_COMMANDS } from './commands';

export interface Completion {
  /** The text with the word before the caret completed (unchanged when nothing fits). */
  readonly text: string;
  /** Every candidate, when more than one fits (shown to the learner). */
  readonly options: readonly string[];
}

/** Flags that take a value in the next word (`-n shop`), so that word is not a positional argument. */
const VALUE_FLAGS = new Set([
  '-n',
  '--namespace',
  '-o',
  '--output',
  '-l',
  '--selector',
  '-c',
  '--container',
  '-f',
  '--filename',
  '--replicas',
  '--image',
  '--port',
  '--target-port',
  '--type',
  '--name',
  '--sort-by',
  '--field-selector',
  '-L',
  '--label-columns',
  '--to-revision',
  '--tail',
  '--since',
  '--min',
  '--max',
  '--cpu-percent',
  '--from-literal',
  '--grace-period',
  '--timeout',
]);
const OUTPUT_FORMATS = ['json', 'name', 'wide', 'yaml'];
const GLOBAL_FLAGS = ['--all-namespaces', '--help', '--namespace', '--output', '--selector'];

/** What each command's positional arguments are. */
type ArgKind = 'resources' | 'pods' | 'nodes' | 'none';
function argKind(path: string): ArgKind {
  if (path === 'logs') return 'pods';
  if (path === 'cordon' || path === 'uncordon' || path === 'drain') return 'nodes';
  if (['api-resources', 'version', 'apply'].includes(path) || path.startsWith('create ')) return 'none';
  return 'resources';
}

/** Resource types a command accepts (all of them, unless it only makes sense for a few). */
function typesFor(path: string): readonly ResourceType[] {
  const only = (kinds: readonly string[]) => RESOURCE_TYPES.filter((t) => kinds.includes(t.kind));
  if (path === 'top') return only(['Pod', 'Node']);
  if (path.startsWith('rollout ')) return only(['Deployment']);
  if (path === 'scale' || path === 'autoscale') return only(['Deployment', 'ReplicaSet', 'StatefulSet']);
  if (path === 'set image')
    return only(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Pod', 'Job']);
  return RESOURCE_TYPES;
}

function unique(xs: Iterable<string>): string[] {
  return [...new Set(xs)].sort();
}

function commonPrefix(xs: readonly string[]): string {
  if (xs.length === 0) return '';
  let p = xs[0] ?? '';
  for (const x of xs) while (!x.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** Object names of a kind, in one namespace (or all when `namespace` is undefined or the kind is cluster-wide). */
function namesOf(
  objects: ReadonlyMap<string, KubeObject>,
  kind: string,
  namespace: string | undefined,
): string[] {
  const out: string[] = [];
  const prefix = `${kind}/`;
  const cluster = !(KIND_INFO as Record<string, { namespaced: boolean }>)[kind]?.namespaced;
  for (const key of objects.keys()) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    if (cluster) out.push(rest);
    else {
      const slash = rest.indexOf('/');
      if (namespace === undefined || rest.slice(0, slash) === namespace) out.push(rest.slice(slash + 1));
    }
  }
  return unique(out);
}

/** The candidates for the word being typed, given the words before it. */
export function candidates(
  words: readonly string[],
  current: string,
  objects: ReadonlyMap<string, KubeObject>,
): string[] {
  // Split the earlier words into flags (with their values) and positional words.
  const positional: string[] = [];
  let namespace: string | undefined = 'default';
  let previousFlag: string | undefined;
  for (const w of words) {
    if (previousFlag) {
      if (previousFlag === '-n' || previousFlag === '--namespace') namespace = w;
      previousFlag = undefined;
      continue;
    }
    if (w.startsWith('-')) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w : w.slice(0, eq);
      if (eq >= 0 && (name === '--namespace' || name === '-n')) namespace = w.slice(eq + 1);
      if (name === '-A' || name === '--all-namespaces') namespace = undefined;
      if (eq < 0 && VALUE_FLAGS.has(name)) previousFlag = name;
      continue;
    }
    positional.push(w);
  }
  if (previousFlag === '-n' || previousFlag === '--namespace')
    return namesOf(objects, 'Namespace', undefined);
  if (previousFlag === '-o' || previousFlag === '--output') return OUTPUT_FORMATS;
  if (previousFlag) return [];
  if (current.startsWith('-')) return GLOBAL_FLAGS;

  // The command: the longest command path the positional words start with.
  const all: readonly CommandInfo[] = [...KUBECTL_COMMANDS, ...CONSOLE_COMMANDS];
  const withAliases = all.flatMap((c) => {
    const path = c.path.split(' ');
    return [path, ...(c.aliases ?? []).map((a) => [...path.slice(0, -1), a])].map((p) => ({
      words: p,
      command: c,
    }));
  });
  let matched: { words: string[]; command: CommandInfo } | undefined;
  for (const c of withAliases) {
    if (c.words.length <= positional.length && c.words.every((w, i) => positional[i] === w)) {
      if (!matched || c.words.length > matched.words.length) matched = c;
    }
  }
  if (!matched) {
    // Still choosing the command (or a subcommand of a group such as "rollout").
    const depth = positional.length;
    return unique(
      withAliases
        .filter((c) => c.words.length > depth && positional.every((w, i) => c.words[i] === w))
        .map((c) => c.words[depth] ?? ''),
    );
  }
  const path = matched.command.path;
  const args = positional.slice(matched.words.length);
  switch (argKind(path)) {
    case 'none':
      return [];
    case 'pods':
      return namesOf(objects, 'Pod', namespace);
    case 'nodes':
      return namesOf(objects, 'Node', undefined);
    case 'resources':
      break;
  }
  const types = typesFor(path);
  const slash = current.indexOf('/');
  if (slash >= 0) {
    const t = resolveResource(current.slice(0, slash));
    if (!t || !types.includes(t)) return [];
    return namesOf(objects, t.kind, namespace).map((n) => `${current.slice(0, slash)}/${n}`);
  }
  const given = args.find((a) => !a.includes('/'));
  const type = given === undefined || given.includes(',') ? undefined : resolveResource(given);
  if (given === undefined || path === 'explain') {
    if (path === 'explain' && given !== undefined) return [];
    // A resource type (every spelling when something is typed; plural names to start with).
    return unique(
      current ? types.flatMap((t) => [t.plural, t.singular, ...t.shortNames]) : types.map((t) => t.plural),
    );
  }
  if (type && types.includes(type)) return namesOf(objects, type.kind, namespace);
  return [];
}

/** Complete the word before the caret. `before` is the input's text up to the caret. */
export function complete(before: string, objects: ReadonlyMap<string, KubeObject>): Completion {
  const lead = /^\s*(?:kubectl\s+)?/.exec(before)?.[0] ?? '';
  const body = before.slice(lead.length);
  const parts = body.split(/\s+/);
  const current = /\s$/.test(body) || body === '' ? '' : (parts[parts.length - 1] ?? '');
  const words = parts.slice(0, current ? -1 : undefined).filter((w) => w !== '');
  const fits = candidates(words, current, objects).filter((c) => c.startsWith(current));
  if (fits.length === 0) return { text: before, options: [] };
  const head = before.slice(0, before.length - current.length);
  if (fits.length === 1) {
    const only = fits[0] ?? '';
    return { text: `${head}${only}${only.endsWith('/') || only.endsWith('=') ? '' : ' '}`, options: [] };
  }
  const prefix = commonPrefix(fits);
  return { text: `${head}${prefix.length > current.length ? prefix : current}`, options: fits };
}
