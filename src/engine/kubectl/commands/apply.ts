/**
 * `kubectl apply -f -`: the manifests on stdin (the editor's content, or a timeline entry's), applied
 * atomically by manifest/apply.ts applyManifests with kubectl's created / configured / unchanged lines.
 */
import { applyManifests } from '../../manifest/apply';
import type { CommandResult, KubectlContext, ParsedArgs } from '../command';
import { fail, ok } from '../command';
import { registerCommand } from '../registry';
import { FILENAME_FLAG, list, write } from './util';

/** Read `-f` sources: only "-" (stdin) exists in the simulator. */
export function readFilenames(args: ParsedArgs, ctx: KubectlContext): { text: string } | { error: string } {
  const files = list(args, 'filename');
  if (files.length === 0) return { error: 'error: must specify one of -f and -k' };
  const missing = files.find((f) => f !== '-');
  if (missing !== undefined) {
    return {
      error: `error: the path "${missing}" does not exist (the simulator has no files: use -f - to read the editor's manifests)`,
    };
  }
  if (ctx.stdin === undefined || ctx.stdin.trim() === '')
    return { error: 'error: no objects passed to apply' };
  return { text: ctx.stdin };
}

function run(args: ParsedArgs, ctx: KubectlContext): CommandResult {
  const input = readFilenames(args, ctx);
  if ('error' in input) return fail(input.error);
  const r = write(ctx, () => applyManifests(ctx.sim.api, input.text));
  return r.ok ? ok(r.message) : fail(r.message.startsWith('error') ? r.message : `error: ${r.message}`);
}

registerCommand({
  path: ['apply'],
  summary: 'Apply a configuration to a resource by file name or stdin',
  usage: 'kubectl apply -f - [options]',
  flags: [FILENAME_FLAG],
  notes:
    'only -f - (stdin: the editor or the timeline entry) is read; the apply is atomic: if any document is invalid nothing is written, and errors carry line:column positions.',
  run,
});
