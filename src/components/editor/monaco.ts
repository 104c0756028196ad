/**
 * Monaco, bundled and set up once: the editor core (no CDN: every file, worker and font comes from this
 * origin), YAML highlighting, monaco-yaml with the Kubernetes schema, a theme read from the app's CSS
 * variables, and options that follow prefers-reduced-motion. Imported only by MonacoYamlEditor, which is
 * lazy-loaded, so none of this is in the first load.
 */
import * as monaco from 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import { kubernetesSchema, SCHEMA_URI } from './schema';
import YamlWorker from './yaml.worker?worker';

export { monaco };

window.MonacoEnvironment = {
  getWorker: (_id, label) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
};

/** The learner's YAML and the read-only live view: file-like paths the schema's fileMatch names. */
export const DESIRED_URI = monaco.Uri.parse('file:///setpoint/desired-state.yaml');
export const LIVE_URI = monaco.Uri.parse('file:///setpoint/live-object.yaml');

configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  hover: true,
  completion: true,
  validate: true,
  schemas: [
    {
      uri: SCHEMA_URI,
      fileMatch: ['**/desired-state.yaml', '**/live-object.yaml'],
      schema: kubernetesSchema() as never,
    },
  ],
});

/** Models outlive the editor (the tab can close and reopen), so undo history and cursor survive. */
export function getModel(uri: monaco.Uri, value: string): monaco.editor.ITextModel {
  const existing = monaco.editor.getModel(uri);
  if (existing) return existing;
  return monaco.editor.createModel(value, 'yaml', uri);
}

const HEX = /^#[0-9a-f]{6}$/i;

function cssVar(name: string): string | undefined {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return HEX.test(v) ? v : undefined;
}

function isDark(hex: string): boolean {
  const n = Number.parseInt(hex.slice(1), 16);
  const r = (n >> 16) & 255;
  const g = (n >> 8) & 255;
  const b = n & 255;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

/** Define (or redefine) the 'setpoint' theme from the app's colours and switch to it. */
export function applyAppTheme(): void {
  const paper = cssVar('--paper') ?? '#ffffff';
  const ink = cssVar('--ink');
  const soft = cssVar('--ink-soft');
  const lineSoft = cssVar('--line-soft');
  const accent = cssVar('--accent');
  const colors: Record<string, string> = { 'editor.background': paper };
  if (ink) colors['editor.foreground'] = ink;
  if (soft) colors['editorLineNumber.activeForeground'] = soft;
  if (lineSoft) colors['editor.lineHighlightBorder'] = lineSoft;
  if (accent) colors['editorCursor.foreground'] = accent;
  monaco.editor.defineTheme('setpoint', {
    base: isDark(paper) ? 'vs-dark' : 'vs',
    inherit: true,
    rules: [],
    colors,
  });
  monaco.editor.setTheme('setpoint');
}

/** Options that turn off the editor's animations for people who asked for less motion. */
export function motionOptions(reduced: boolean): monaco.editor.IEditorOptions {
  return reduced
    ? { cursorBlinking: 'solid', cursorSmoothCaretAnimation: 'off', smoothScrolling: false }
    : { cursorBlinking: 'blink', cursorSmoothCaretAnimation: 'off', smoothScrolling: true };
}
