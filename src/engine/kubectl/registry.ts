/**
 * The command table. Each command module calls `registerCommand` when it is imported; `index.ts` imports
 * every module, so importing `src/engine/kubectl` yields the full kubectl.
 */
import type { Command } from './command';

const registry = new Map<string, Command>();

export function registerCommand(cmd: Command): void {
  registry.set(cmd.path.join(' '), cmd);
  for (const alias of cmd.aliases ?? []) registry.set([...cmd.path.slice(0, -1), alias].join(' '), cmd);
}

/** Every registered command (once, whatever its aliases), sorted by path. */
export function commands(): Command[] {
  return [...new Set(registry.values())].sort((a, b) => {
    const x = a.path.join(' ');
    const y = b.path.join(' ');
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

export function findCommand(path: readonly string[]): Command | undefined {
  return registry.get(path.join(' '));
}

/** True when some command's path starts with `prefix` (a command group such as "rollout" or "create"). */
export function isGroup(prefix: readonly string[]): boolean {
  const p = prefix.join(' ');
  for (const k of registry.keys()) if (k.startsWith(`${p} `)) return true;
  return false;
}

/** The commands directly below a group, e.g. ["rollout"] -> rollout history, rollout pause, ... */
export function subcommands(prefix: readonly string[]): Command[] {
  return commands().filter((c) => c.path.length > prefix.length && prefix.every((w, i) => c.path[i] === w));
}
