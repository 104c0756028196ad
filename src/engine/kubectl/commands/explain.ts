/**
 * kubectl explain RESOURCE[.FIELD...] [--recursive] [--api-version GROUP/VERSION]: the documentation of a
 * kind or field from the engine's generated schema, printed as kubectl's OpenAPI v3 plaintext template does.
 */
import type { Command, CommandResult } from '../command';
import { fail, ok } from '../command';
import { registerCommand } from '../registry';
import type { ResourceType } from '../resources';
import { resolveResource, unknownResourceType } from '../resources';
import { explainText } from './explain/render';
import { bool, str } from './util';

/** The longest leading run of dot-separated words that names a resource, and the field path after it. */
function splitRequest(arg: string): { type: ResourceType; fields: string[] } | undefined {
  const parts = arg.split('.');
  for (let n = Math.min(3, parts.length); n >= 1; n--) {
    const type = resolveResource(parts.slice(0, n).join('.'));
    if (type) return { type, fields: parts.slice(n).filter((p) => p !== '') };
  }
  return undefined;
}

export function runExplain(
  positional: readonly string[],
  recursive: boolean,
  apiVersion: string,
): CommandResult {
  if (positional.length === 0) {
    return fail(
      'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.',
    );
  }
  if (positional.length > 1) return fail('error: We accept only this format: explain RESOURCE');
  const arg = positional[0] ?? '';
  const req = splitRequest(arg);
  if (!req) return fail(unknownResourceType(arg.split('.')[0] ?? arg));
  const { type, fields } = req;
  if (apiVersion) {
    const [g, v] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    if (g !== type.group || v !== type.version) {
      return fail(`error: GVR (${g ?? ''}/${v ?? ''}, Resource=${type.plural}) not found in OpenAPI schema`);
    }
  }
  const r = explainText(type.kind, type.group, type.version, fields, recursive);
  if ('error' in r) return fail(r.error);
  // The contract's texts leave out the one final newline kubectl writes.
  return ok(r.text.replace(/\n$/, ''));
}

export const explainCommand: Command = {
  path: ['explain'],
  summary: 'Get documentation for a resource',
  usage:
    'kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext]',
  flags: [
    {
      name: 'recursive',
      type: 'bool',
      default: false,
      usage: 'When true, print the name of all the fields recursively.',
    },
    {
      name: 'api-version',
      type: 'string',
      default: '',
      usage: 'Use given api-version (group/version) of the resource.',
    },
    {
      name: 'output',
      short: 'o',
      type: 'string',
      default: 'plaintext',
      usage: 'Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).',
    },
  ],
  run: (args) => runExplain(args.positional, bool(args, 'recursive'), str(args, 'api-version')),
};

registerCommand(explainCommand);
