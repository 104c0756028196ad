/**
 * `kubectl create deployment|namespace|configmap|secret generic`: the generators of kubectl's create
 * subcommands, with --dry-run=client -o yaml printing the object kubectl would send.
 */
import type { ConfigMap, Deployment, Kind, KubeObject, Namespace, Secret } from '../../api/types';
import type { CommandResult, FlagSpec, KubectlContext, ParsedArgs } from '../command';
import { fail, ok } from '../command';
import { badOutputFormat } from './get';
import { toJson, toYaml } from '../printers/serialize';
import { registerCommand } from '../registry';
import { slashName } from '../resources';
import { DRY_RUN_FLAG, OUTPUT_FLAG, apiError, int, list, namespaceOf, str, usageError, write } from './util';

/** Standard base64 of a UTF-8 string (Secret data), without relying on a browser global. */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += abc[(n >> 18) & 63];
    out += abc[(n >> 12) & 63];
    out += b === undefined ? '=' : abc[(n >> 6) & 63];
    out += c === undefined ? '=' : abc[n & 63];
  }
  return out;
}

const DRY_RUN_VALUES = ['none', 'client', 'server'];

/**
 * Create `obj` (or only print it for --dry-run), printing as kubectl's create subcommands do:
 * "deployment.apps/web created", "(dry run)" / "(server dry run)", or the object for -o yaml|json|name.
 */
export function createAndPrint(
  args: ParsedArgs,
  ctx: KubectlContext,
  kind: Kind,
  obj: KubeObject,
  wrapError?: string,
): CommandResult {
  const dryRun = str(args, 'dry-run') || 'none';
  if (!DRY_RUN_VALUES.includes(dryRun)) {
    return fail(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`);
  }
  const output = str(args, 'output');
  if (!['', 'yaml', 'json', 'name'].includes(output)) return fail(badOutputFormat(output));
  const name = obj.metadata?.name ?? '';
  let result: KubeObject = obj;
  if (dryRun !== 'client') {
    const clean = stripClientFields(obj);
    try {
      result =
        dryRun === 'server'
          ? ctx.sim.api.prepare(kind, clean as never)
          : write(ctx, () => ctx.sim.api.create(kind, clean as never));
    } catch (e) {
      const msg = apiError(e, kind, name);
      return fail(
        wrapError ? `error: ${wrapError}: ${msg.replace(/^Error from server \(\w+\): /, '')}` : msg,
      );
    }
  }
  if (output === 'yaml') return ok(toYaml(result));
  if (output === 'json') return ok(toJson(result));
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  return ok(`${slashName(kind, name)}${output === 'name' ? '' : ` created${suffix}`}`);
}

/** The fields kubectl's generators write that the API server fills in itself (creationTimestamp: null...). */
function stripClientFields(obj: KubeObject): KubeObject {
  const { creationTimestamp: _c, ...meta } = obj.metadata ?? {};
  const { status: _s, ...rest } = obj as KubeObject & { status?: unknown };
  const spec = (rest as { spec?: Record<string, unknown> }).spec;
  if (spec && 'template' in spec) {
    const t = spec.template as { metadata?: Record<string, unknown> };
    const { creationTimestamp: _tc, ...tmeta } = t.metadata ?? {};
    const { strategy, ...specRest } = spec;
    const keepStrategy = strategy && Object.keys(strategy).length ? { strategy } : {};
    return {
      ...rest,
      metadata: meta,
      spec: { ...specRest, ...keepStrategy, template: { ...t, metadata: tmeta } },
    } as KubeObject;
  }
  return { ...rest, metadata: meta } as KubeObject;
}

function oneName(args: ParsedArgs, path: string): string | CommandResult {
  if (args.positional.length !== 1) {
    return usageError(path, `exactly one NAME is required, got ${args.positional.length}`);
  }
  return args.positional[0] as string;
}

function meta(args: ParsedArgs, name: string, namespaced: boolean): Record<string, unknown> {
  // kubectl sets the namespace only when -n is given; the API server defaults it otherwise.
  const ns = namespaced && args.given?.has('namespace') ? { namespace: namespaceOf(args) } : {};
  return { creationTimestamp: null, name, ...ns };
}

const COMMON: readonly FlagSpec[] = [OUTPUT_FLAG, DRY_RUN_FLAG];

/** Container names from images, as kubectl create deployment derives them ("nginx:1.25" -> "nginx"). */
function containerName(image: string, taken: Set<string>): string {
  let name = image.split('/').pop() ?? image;
  name = (name.split(':')[0] ?? name).split('@')[0] ?? name;
  name = name.replace(/_/g, '-');
  let unique = name;
  for (let i = 1; taken.has(unique); i++) unique = `${name}-${i}`;
  taken.add(unique);
  return unique;
}

registerCommand({
  path: ['create', 'deployment'],
  aliases: ['deploy'],
  summary: 'Create a deployment with the specified name',
  usage: 'kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]',
  flags: [
    ...COMMON,
    {
      name: 'image',
      type: 'stringArray',
      usage: 'Image names to run. A deployment can have multiple images set for multi-container pod.',
    },
    {
      name: 'replicas',
      short: 'r',
      type: 'int',
      default: 1,
      usage: 'Number of replicas to create. Default is 1.',
    },
    { name: 'port', type: 'int', default: -1, usage: 'The containerPort that this deployment exposes.' },
  ],
  run(args, ctx) {
    const images = list(args, 'image');
    const [first, ...command] = args.positional;
    if (first === undefined) return usageError('create deployment', 'exactly one NAME is required, got 0');
    if (images.length === 0) return fail('error: required flag(s) "image" not set');
    if (images.length > 1 && command.length) {
      return fail('error: cannot specify multiple --image options and command');
    }
    const name = first;
    const taken = new Set<string>();
    const containers = images.map((image) => ({
      image,
      name: containerName(image, taken),
      ...(command.length ? { command } : {}),
      resources: {},
    }));
    const port = int(args, 'port');
    if (port >= 0 && containers[0]) Object.assign(containers[0], { ports: [{ containerPort: port }] });
    const labels = { app: name };
    const d = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { ...meta(args, name, true), labels },
      spec: {
        replicas: int(args, 'replicas'),
        selector: { matchLabels: labels },
        strategy: {},
        template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
      },
      status: {},
    } as unknown as Deployment;
    return createAndPrint(args, ctx, 'Deployment', d, 'failed to create deployment');
  },
});

registerCommand({
  path: ['create', 'namespace'],
  aliases: ['ns'],
  summary: 'Create a namespace with the specified name',
  usage: 'kubectl create namespace NAME [--dry-run=server|client|none] [options]',
  flags: COMMON,
  run(args, ctx) {
    const name = oneName(args, 'create namespace');
    if (typeof name !== 'string') return name;
    const ns = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: meta(args, name, false),
      spec: {},
      status: {},
    } as unknown as Namespace;
    return createAndPrint(args, ctx, 'Namespace', ns);
  },
});

function literals(args: ParsedArgs): Record<string, string> | string {
  const data: Record<string, string> = {};
  for (const l of list(args, 'from-literal')) {
    const eq = l.indexOf('=');
    if (eq <= 0) return `error: invalid literal source ${l}, expected key=value`;
    const key = l.slice(0, eq);
    if (key in data)
      return `error: cannot add key ${key}, another key by that name already exists in data: map[${key}:${data[key] ?? ''}]`;
    data[key] = l.slice(eq + 1);
  }
  return data;
}

const FROM_LITERAL: FlagSpec = {
  name: 'from-literal',
  type: 'stringArray',
  usage:
    'Specify a key and literal value to insert (i.e. mykey=somevalue). --from-file is not available in the simulator.',
};

registerCommand({
  path: ['create', 'configmap'],
  aliases: ['cm'],
  summary: 'Create a config map from a local file, directory or literal value',
  usage:
    'kubectl create configmap NAME [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
  flags: [...COMMON, FROM_LITERAL],
  run(args, ctx) {
    const name = oneName(args, 'create configmap');
    if (typeof name !== 'string') return name;
    const data = literals(args);
    if (typeof data === 'string') return fail(data);
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(args, name, true),
      ...(Object.keys(data).length ? { data } : {}),
    } as unknown as ConfigMap;
    return createAndPrint(args, ctx, 'ConfigMap', cm);
  },
});

registerCommand({
  path: ['create', 'secret', 'generic'],
  summary: 'Create a secret from a local file, directory, or literal value',
  usage:
    'kubectl create secret generic NAME [--type=string] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
  flags: [
    ...COMMON,
    FROM_LITERAL,
    { name: 'type', type: 'string', default: '', usage: 'The type of secret to create' },
  ],
  run(args, ctx) {
    const name = oneName(args, 'create secret generic');
    if (typeof name !== 'string') return name;
    const data = literals(args);
    if (typeof data === 'string') return fail(data);
    const type = str(args, 'type');
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta(args, name, true),
      ...(Object.keys(data).length
        ? { data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, base64(v)])) }
        : {}),
      ...(type ? { type } : {}),
    } as unknown as Secret;
    return createAndPrint(args, ctx, 'Secret', secret);
  },
});
