/**
 * The engine's apply diagnostics (`line:column: message`, 1-based) as editor markers: each underlines the
 * word (or the rest of the line) where the problem was found, clamped to the text as it is now.
 */
import type { Diagnostic } from '../../engine';

export interface MarkerRange {
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
  readonly message: string;
}

/** The owner of the engine's markers (monaco-yaml's are owned by 'yaml'). */
export const MARKER_OWNER = 'setpoint';

export function markerRanges(diagnostics: readonly Diagnostic[], lines: readonly string[]): MarkerRange[] {
  return diagnostics.map((d) => {
    const line = Math.min(Math.max(1, d.line), Math.max(1, lines.length));
    const text = lines[line - 1] ?? '';
    const startColumn = Math.min(Math.max(1, d.column), text.length + 1);
    // From the column to the end of the token there (a key, a value), or the rest of the line.
    const rest = text.slice(startColumn - 1);
    const token = /^[^\s:,{}[\]]+/.exec(rest)?.[0] ?? rest.trimEnd();
    const endColumn =
      token.length > 0 ? startColumn + token.length : Math.max(startColumn + 1, text.length + 1);
    return { startLineNumber: line, startColumn, endLineNumber: line, endColumn, message: d.message };
  });
}

/** A stable key for a list of diagnostics, so equal lists do not reset the markers. */
export function diagnosticsKey(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${d.line}:${d.column}:${d.message}`).join('\n');
}

/** The 0-based offset of a 1-based line and column in `text` (for a plain textarea's selection). */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  const end = text.indexOf('\n', offset);
  const lineEnd = end < 0 ? text.length : end;
  return Math.min(offset + Math.max(0, column - 1), lineEnd);
}
