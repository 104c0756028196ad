/** What the Monaco editor and its plain-text stand-in share (no Monaco import: this is in the light chunk). */
import type { RefObject } from 'react';
import type { Diagnostic } from '../../engine';

/** A problem shown under the editor: the cluster's (an apply's diagnostics) or the schema's (monaco-yaml). */
export interface EditorProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** 'setpoint' (the cluster refused the apply) or 'yaml' (schema and syntax, while typing). */
  readonly source: string;
  readonly severity: 'error' | 'warning' | 'info';
}

/** What the surrounding panel can ask of the editor. */
export interface EditorHandle {
  reveal(line: number, column: number): void;
  focus(): void;
}

/** Where the plain stand-in had focus and its caret, so Monaco takes over mid-typing without losing a key. */
export interface PlainFocus {
  focused: boolean;
  offset: number;
}

export interface YamlEditorProps {
  readonly value: string;
  onChange(value: string): void;
  onApply(): void;
  readonly diagnostics: readonly Diagnostic[];
  /** When set, the editor shows this live object read-only instead of the learner's YAML. */
  readonly live: { readonly label: string; readonly text: string } | null;
  onProblems(problems: readonly EditorProblem[]): void;
  readonly handleRef: RefObject<EditorHandle | null>;
  readonly plainFocusRef: RefObject<PlainFocus>;
}
