/**
 * The contract every kubectl command implementation shares. `run.ts` tokenises a command line, finds the
 * command by its path ("get", "rollout status", "top pods"), parses flags against the command's own flag
 * specs plus kubectl's global flags, and calls the handler. Handlers read and write the simulated cluster
 * and return exactly what kubectl would print.
 */
import type { Simulation } from '../sim/simulation';

export type FlagType = 'string' | 'bool' | 'int' | 'stringArray' | 'duration';

export interface FlagSpec {
  /** Long name without dashes, e.g. "output". */
  readonly name: string;
  /** One-letter shorthand, e.g. "o". */
  readonly short?: string;
  readonly type: FlagType;
  readonly default?: string | number | boolean;
  /** One line for `--help` and for "unknown flag" hints. */
  readonly usage: string;
}

export type FlagValue = string | number | boolean | readonly string[];

export interface ParsedArgs {
  /** Positional arguments after the command path, e.g. ["pods", "web-1"]. */
  readonly positional: readonly string[];
  /** Flags by long name, defaults applied. Global flags (namespace, all-namespaces, ...) are included. */
  readonly flags: Readonly<Record<string, FlagValue>>;
  /** Long names of the flags written on the command line (to tell a default from an explicit value). */
  readonly given?: ReadonlySet<string>;
}

export interface KubectlContext {
  readonly sim: Simulation;
  /** What `-f -` reads: the editor's content in the app, a timeline entry's manifests, or nothing. */
  readonly stdin?: string;
  /**
   * True when called from inside the simulation loop (a scenario timeline entry): writes are made at once
   * and the loop lets the controllers react. Otherwise writes go through `sim.act('kubectl', ...)`.
   */
  readonly nested?: boolean;
}

/**
 * What a command printed. Texts are as kubectl writes them minus the one final newline ("" when nothing was
 * written); a printed blank last line therefore shows as a trailing "\n".
 */
export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  /** stdout and stderr interleaved as a terminal shows them, when both were written (else stdout + stderr). */
  readonly output?: string;
}

export interface Command {
  /** The command path words, e.g. ["rollout", "status"]. */
  readonly path: readonly string[];
  /** Other names for the last path word, e.g. ["ns"] for "create namespace". */
  readonly aliases?: readonly string[];
  /** One line shown in kubectl's command list and in hints. */
  readonly summary: string;
  readonly flags: readonly FlagSpec[];
  /** The usage line for `--help`, e.g. "kubectl scale --replicas=COUNT (-f FILENAME | TYPE NAME)". */
  readonly usage?: string;
  /** Where the simulator's command differs from kubectl's (shown by `--help`). */
  readonly notes?: string;
  run(args: ParsedArgs, ctx: KubectlContext): CommandResult;
}

export function ok(stdout: string): CommandResult {
  return { stdout, stderr: '', exitCode: 0 };
}

export function fail(stderr: string, exitCode = 1): CommandResult {
  return { stdout: '', stderr, exitCode };
}

/** What a terminal shows for a result: the interleaved output, else stdout then stderr. */
export function terminalText(r: CommandResult): string {
  if (r.output !== undefined) return r.output;
  return [r.stdout, r.stderr].filter((s) => s !== '').join('\n');
}
