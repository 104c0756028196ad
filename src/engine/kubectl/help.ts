/** `kubectl --help` and `kubectl <command> --help`: short usage texts listing what the simulator supports. */
import type { Command, FlagSpec } from './command';
import { GLOBAL_FLAGS } from './flags';
import { commands, subcommands } from './registry';

function pad(s: string, n: number): string {
  return s.length >= n ? `${s}  ` : s.padEnd(n);
}

function flagLine(f: FlagSpec): string {
  const def =
    f.type === 'stringArray'
      ? '[]'
      : f.type === 'string'
        ? `'${String(f.default ?? '')}'`
        : String(f.default ?? (f.type === 'bool' ? false : 0));
  const name = f.short ? `-${f.short}, --${f.name}` : `--${f.name}`;
  return `    ${name}=${def}:\n\t${f.usage}`;
}

export function rootHelp(): string {
  const top = new Map<string, string>();
  for (const c of commands()) {
    const word = c.path[0] ?? '';
    if (!top.has(word)) top.set(word, c.path.length === 1 ? c.summary : groupSummary(word));
  }
  const width = Math.max(...[...top.keys()].map((k) => k.length)) + 3;
  return [
    "kubectl controls the Kubernetes cluster manager. Here it controls Setpoint's simulated cluster.",
    '',
    'Commands the simulator supports:',
    ...[...top].map(([k, s]) => `  ${pad(k, width)}${s}`),
    '',
    'Usage:',
    '  kubectl [flags] [options]',
    '',
    'Use "kubectl <command> --help" for more information about a given command.',
  ].join('\n');
}

const GROUP_SUMMARIES: Readonly<Record<string, string>> = {
  rollout: 'Manage the rollout of a resource',
  create: 'Create a resource from a file or from stdin',
  set: 'Set specific features on objects',
  top: 'Display resource (CPU/memory) usage',
};

function groupSummary(word: string): string {
  return GROUP_SUMMARIES[word] ?? `${word} commands`;
}

export function groupHelp(path: readonly string[]): string {
  const subs = subcommands(path).filter((c) => c.path.length === path.length + 1);
  const width = Math.max(...subs.map((c) => (c.path[path.length] ?? '').length)) + 3;
  const p = path.join(' ');
  return [
    `${groupSummary(path[0] ?? '')}.`,
    '',
    'Available Commands:',
    ...subs.map((c) => `  ${pad(c.path[path.length] ?? '', width)}${c.summary}`),
    '',
    'Usage:',
    `  kubectl ${p} SUBCOMMAND [options]`,
    '',
    `Use "kubectl ${p} <command> --help" for more information about a given command.`,
  ].join('\n');
}

export function commandHelp(cmd: Command): string {
  const own = [...cmd.flags].sort((a, b) => (a.name < b.name ? -1 : 1));
  const lines = [`${cmd.summary}.`];
  if (cmd.notes) lines.push('', `Simulator: ${cmd.notes}`);
  lines.push('', 'Usage:', `  ${cmd.usage ?? `kubectl ${cmd.path.join(' ')} [options]`}`);
  if (own.length) lines.push('', 'Options:', ...own.map(flagLine));
  lines.push(
    '',
    'Global options:',
    ...GLOBAL_FLAGS.filter((f) => f.name === 'namespace' || f.name === 'help').map(flagLine),
  );
  return lines.join('\n');
}
