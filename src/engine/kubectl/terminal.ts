/**
 * Collects what a command prints, line by line, on stdout and stderr, keeping the interleaving a terminal
 * would show (drain's warnings sit between its progress lines).
 */
import type { CommandResult } from './command';

export class Terminal {
  private readonly stdout: string[] = [];
  private readonly stderr: string[] = [];
  private readonly all: string[] = [];

  /** Print text (one or more lines) on stdout. */
  out(text: string): void {
    this.stdout.push(text);
    this.all.push(text);
  }

  /** Print text (one or more lines) on stderr. */
  err(text: string): void {
    this.stderr.push(text);
    this.all.push(text);
  }

  get hasErrors(): boolean {
    return this.stderr.length > 0;
  }

  result(exitCode = 0): CommandResult {
    const r: CommandResult = {
      stdout: this.stdout.join('\n'),
      stderr: this.stderr.join('\n'),
      exitCode,
    };
    return this.stdout.length && this.stderr.length ? { ...r, output: this.all.join('\n') } : r;
  }
}
