/**
 * `runKubectl`: one command line in, what kubectl prints out. Tokenises like a shell, drops a leading
 * "kubectl", finds the command by its path words (skipping flags, as cobra does), parses flags against
 * the command's own specs plus kubectl's global flags, and runs it. Errors are kubectl's own texts.
 *
 * Import it from `src/engine/kubectl` (index.ts), which registers every command module.
 */
import { connectionRefusedMessage } from '../api/apiserver';
import type { Command, CommandResult, KubectlContext } from './command';
import { fail, ok } from './command';
import { commandHelp, groupHelp, rootHelp } from './help';
import { GLOBAL_FLAGS, globalTakesValue, parseFlags } from './flags';
import { commands, findCommand, isGroup } from './registry';
import { tokenize } from './tokenize';

/** Cobra's suggestions: a command within edit distance 2, or one the typed word starts. */
function levenshtein(a: string, b: string): number {
  const d: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0] as number;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j] as number;
      d[j] = Math.min((d[j] as number) + 1, (d[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length] as number;
}

function topLevelWords(): string[] {
  return [...new Set(commands().map((c) => c.path[0] ?? ''))];
}

function unknownCommand(word: string): CommandResult {
  const words = topLevelWords();
  const suggestions = words.filter(
    (w) => levenshtein(w.toLowerCase(), word.toLowerCase()) <= 2 || w.startsWith(word.toLowerCase()),
  );
  const lines = [`error: unknown command "${word}" for "kubectl"`];
  if (suggestions.length) lines.push('', 'Did you mean this?', ...suggestions.map((s) => `\t${s}`), '');
  lines.push("Run 'kubectl --help' for usage.", `The simulator's kubectl supports: ${words.join(', ')}.`);
  return fail(lines.join('\n'));
}

interface Located {
  readonly path: string[];
  /** Tokens left once the path words are taken out. */
  readonly rest: string[];
  /** The first word that did not extend a command group, if any. */
  readonly stray?: string;
}

function locate(tokens: readonly string[]): Located {
  const path: string[] = [];
  const taken = new Set<number>();
  let stray: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (t === '--') break;
    if (t.startsWith('-') && t.length > 1) {
      if (globalTakesValue(t)) i++;
      continue;
    }
    const next = [...path, t];
    if (findCommand(next) || isGroup(next)) {
      path.push(t);
      taken.add(i);
      continue;
    }
    stray = t;
    break;
  }
  const rest = tokens.filter((_, i) => !taken.has(i));
  return stray === undefined ? { path, rest } : { path, rest, stray };
}

function runCommand(cmd: Command, rest: readonly string[], ctx: KubectlContext): CommandResult {
  const specs = [...cmd.flags, ...GLOBAL_FLAGS.filter((g) => !cmd.flags.some((f) => f.name === g.name))];
  const parsed = parseFlags(rest, specs);
  const p = cmd.path.join(' ');
  if ('error' in parsed) return fail(`error: ${parsed.error}\nSee 'kubectl ${p} --help' for usage.`);
  if (parsed.flags.help === true) return ok(commandHelp(cmd));
  // Every command but `version` talks to the API server; while it is down kubectl cannot reach it.
  if (!ctx.sim.api.available && p !== 'version') return fail(connectionRefusedMessage());
  const result = cmd.run({ positional: parsed.positional, flags: parsed.flags, given: parsed.given }, ctx);
  const ignored = ['context', 'kubeconfig', 'cluster', 'user'].filter((f) => parsed.given.has(f));
  if (ignored.length === 0) return result;
  const note = `note: ${ignored.map((f) => `--${f}`).join(', ')} ignored: the simulator has a single cluster`;
  const stderr = result.stderr ? `${note}\n${result.stderr}` : note;
  const output = result.stdout
    ? `${note}\n${result.output ?? [result.stdout, result.stderr].filter(Boolean).join('\n')}`
    : stderr;
  return { ...result, stderr, output };
}

/** Run one kubectl command line against the simulated cluster. Never throws for bad input. */
export function runKubectl(line: string, ctx: KubectlContext): CommandResult {
  const tok = tokenize(line);
  if ('error' in tok) return fail(`error: ${tok.error}`);
  const tokens = tok.words[0] === 'kubectl' ? tok.words.slice(1) : tok.words;
  const { path, rest, stray } = locate(tokens);
  if (path.length === 0) {
    if (stray !== undefined) return unknownCommand(stray);
    const parsed = parseFlags(rest, GLOBAL_FLAGS);
    if ('error' in parsed) return fail(`error: ${parsed.error}\nSee 'kubectl --help' for usage.`);
    return ok(rootHelp());
  }
  const cmd = findCommand(path);
  if (!cmd) {
    if (stray !== undefined) {
      return fail(
        `error: unknown command "${stray}"\nSee 'kubectl ${path.join(' ')} -h' for help and examples`,
      );
    }
    return ok(groupHelp(path));
  }
  return runCommand(cmd, rest, ctx);
}
