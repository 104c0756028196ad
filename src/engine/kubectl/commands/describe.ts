/**
 * kubectl describe: `describe TYPE [NAME_PREFIX...] [-l selector]`, `describe TYPE/NAME...`, with `-A` and
 * `--show-events`. Objects print one after another separated by two blank lines; a single NAME that matches
 * nothing exactly describes every object whose name starts with it (DescribeMatchingResources).
 */
import { kubectlMessage, notFound } from '../../api/errors';
import type { Store } from '../../api/store';
import type { Kind, KindMap, KubeObject } from '../../api/types';
import { KIND_INFO } from '../../api/types';
import type { Command, CommandResult, ParsedArgs } from '../command';
import { registerCommand } from '../registry';
import { resolveTargets } from '../resources';
import { labelsMatch, parseLabelSelector } from '../selector';
import { describeConfigMap, describeNamespace } from './describe/namespace';
import { describeDeployment } from './describe/deployment';
import { eventsFor } from './describe/events';
import { describeHPA } from './describe/hpa';
import { describeNode } from './describe/node';
import { describePod } from './describe/pod';
import { describePVC } from './describe/pvc';
import { describeReplicaSet } from './describe/replicaset';
import { describeService } from './describe/service';
import { describeStatefulSet } from './describe/statefulset';
import type { DescribeContext, Describer } from './describe/types';
import { compare } from './describe/writer';
import { ALL_NAMESPACES_FLAG, bool, namespaceOf, SELECTOR_FLAG, str } from './util';

const DESCRIBERS: { readonly [K in Kind]?: Describer<K> } = {
  Pod: describePod,
  Node: describeNode,
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  Service: describeService,
  HorizontalPodAutoscaler: describeHPA,
  StatefulSet: describeStatefulSet,
  PersistentVolumeClaim: describePVC,
  Namespace: describeNamespace,
  ConfigMap: describeConfigMap,
};

/** The describe text of one object (also what the app's inspector shows). */
export function describeObject(obj: KubeObject, ctx: DescribeContext): string | undefined {
  const d = DESCRIBERS[obj.kind as Kind] as Describer<Kind> | undefined;
  return d?.(obj, ctx);
}

function byNamespaceName(a: KubeObject, b: KubeObject): number {
  return (
    compare(a.metadata?.namespace ?? '', b.metadata?.namespace ?? '') ||
    compare(a.metadata?.name ?? '', b.metadata?.name ?? '')
  );
}

function listed(store: Store, kind: Kind, ns: string | undefined): KindMap[Kind][] {
  return store.list(kind, KIND_INFO[kind].namespaced ? ns : undefined).sort(byNamespaceName);
}

const NO_TYPE = [
  'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.',
  '',
  'error: Required resource not specified.',
  'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).',
  "See 'kubectl describe -h' for help and examples.",
].join('\n');

/** Texts as the contract wants them: what kubectl wrote minus one final newline. */
function result(stdout: string, stderr: string, exitCode: number): CommandResult {
  return { stdout: stdout.replace(/\n$/, ''), stderr: stderr.replace(/\n$/, ''), exitCode };
}

export function runDescribe(args: ParsedArgs, store: Store, now: number): CommandResult {
  const ns = namespaceOf(args);
  const all = bool(args, 'all-namespaces');
  if (args.positional.length === 0) return result('', NO_TYPE, 1);
  const parsed = resolveTargets(args.positional);
  if ('error' in parsed) return result('', parsed.error, 1);
  const selector = parseLabelSelector(str(args, 'selector'));
  if ('error' in selector) return result('', selector.error, 1);
  const ctx: DescribeContext = {
    store,
    now,
    showEvents: args.flags['show-events'] !== false,
    events: (obj) => eventsFor(store, obj),
  };
  const targets = parsed.targets;
  const named = targets.some((t) => t.name !== undefined);
  if (named && all)
    return result('', 'error: a resource cannot be retrieved by name across all namespaces', 1);
  if (named && str(args, 'selector')) {
    return result('', 'error: name cannot be provided when a selector is specified', 1);
  }

  const found: KubeObject[] = [];
  const errors: string[] = [];
  for (const t of targets) {
    const kind = t.type.kind;
    if (t.name === undefined) {
      const objs = listed(store, kind, all ? undefined : ns);
      found.push(...objs.filter((o) => labelsMatch(selector.requirements, o.metadata?.labels)));
      continue;
    }
    const obj = store.get(kind, KIND_INFO[kind].namespaced ? ns : undefined, t.name);
    if (obj) found.push(obj);
    else if (targets.length === 1 && args.positional.length === 2) {
      // DescribeMatchingResources: every object of the type whose name starts with the argument.
      const prefix = t.name;
      const matching = listed(store, kind, ns).filter((o) => (o.metadata?.name ?? '').startsWith(prefix));
      if (matching.length === 0) return result('', kubectlMessage(notFound(kind, prefix)), 1);
      return result(matching.map((o) => `${describeObject(o, ctx) ?? ''}\n`).join(''), '', 0);
    } else errors.push(kubectlMessage(notFound(kind, t.name)));
  }

  const texts: string[] = [];
  for (const obj of found) {
    const text = describeObject(obj, ctx);
    if (text !== undefined) texts.push(text);
    else {
      const msg = `error: the simulator has no describe output for ${obj.kind ?? ''} yet`;
      if (!errors.includes(msg)) errors.push(msg);
    }
  }
  let stderr = errors.join('\n');
  if (found.length === 0 && errors.length === 0) {
    stderr = all ? 'No resources found' : `No resources found in ${ns} namespace.`;
  }
  return result(texts.join('\n\n'), stderr, errors.length ? 1 : 0);
}

export const describeCommand: Command = {
  path: ['describe'],
  summary: 'Show details of a specific resource or group of resources',
  usage: 'kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)',
  flags: [
    SELECTOR_FLAG,
    ALL_NAMESPACES_FLAG,
    {
      name: 'show-events',
      type: 'bool',
      default: true,
      usage: 'If true, display events related to the described object.',
    },
  ],
  run: (args, ctx) => runDescribe(args, ctx.sim.store, ctx.sim.now),
};

registerCommand(describeCommand);
