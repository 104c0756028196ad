/**
 * Located diagnostics: every problem with a learner's input (a scenario, a manifest, a lesson, stored
 * progress) is reported as `line:column: message` at the place it is about, and every input answers
 * with what a terminal would print.
 */

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface Diagnostic extends Position {
  readonly message: string;
}

/** A bad scenario or manifest: one or more diagnostics, in source order. */
export class ScenarioError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    const sorted = [...diagnostics].sort((a, b) => a.line - b.line || a.column - b.column);
    super(sorted.map((d) => `${d.line}:${d.column}: ${d.message}`).join('\n'));
    this.name = 'ScenarioError';
    this.diagnostics = sorted;
  }

  /** `file:line:column: message`, one line per diagnostic. */
  format(file: string): string {
    return formatDiagnostics(file, this.diagnostics);
  }
}

export function formatDiagnostics(file: string, diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${file}:${d.line}:${d.column}: ${d.message}`).join('\n');
}

/** What running an input printed, as a terminal would show it. */
export interface InputResult {
  readonly ok: boolean;
  readonly message: string;
  readonly exitCode: number;
}

/** An apply's result also carries positions, so an editor can underline the offending node. */
export interface ApplyResult extends InputResult {
  readonly diagnostics?: readonly Diagnostic[];
}
