/**
 * The Monaco YAML editor (lazy-loaded with Monaco itself): Kubernetes completion, hover and validation from
 * monaco-yaml, the cluster's own apply diagnostics as markers (owner 'setpoint'), Ctrl/Cmd+S to apply, and
 * a read-only live object view on a second model. Accessible name: `Desired state` (the live view has its
 * own).
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { S } from '../../strings';
import { diagnosticsKey, MARKER_OWNER, markerRanges } from './markers';
import { applyAppTheme, DESIRED_URI, getModel, LIVE_URI, monaco, motionOptions } from './monaco';
import type { EditorProblem, YamlEditorProps } from './types';

const SEVERITY: Record<number, EditorProblem['severity']> = {
  [monaco.MarkerSeverity.Error]: 'error',
  [monaco.MarkerSeverity.Warning]: 'warning',
};

export default function MonacoYamlEditor(props: YamlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const latest = useRef(props);
  const syncing = useRef(false);
  const desiredView = useRef<monaco.editor.ICodeEditorViewState | null>(null);
  useLayoutEffect(() => {
    latest.current = props;
  });

  // Create the editor once (in the same task as the commit that replaced the plain stand-in, so focus moves
  // over before another key arrives); the models outlive it.
  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    const model = getModel(DESIRED_URI, latest.current.value);
    if (model.getValue() !== latest.current.value) model.setValue(latest.current.value);
    applyAppTheme();
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)');
    const editor = monaco.editor.create(el, {
      model,
      theme: 'setpoint',
      ariaLabel: S.desiredState,
      // Screen-reader mode for everyone: the documents are small, and the editor's textarea then carries
      // the text around the cursor (500 lines a page) for assistive technology, not just one line.
      accessibilitySupport: 'on',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      lineHeight: 19,
      tabSize: 2,
      insertSpaces: true,
      detectIndentation: false,
      lineNumbersMinChars: 3,
      scrollBeyondLastLine: false,
      fixedOverflowWidgets: true,
      renderLineHighlight: 'line',
      wordWrap: 'off',
      quickSuggestions: { other: true, strings: true, comments: false },
      padding: { top: 6, bottom: 6 },
      ...motionOptions(reduced.matches),
    });
    editorRef.current = editor;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => latest.current.onApply());

    const report = () => {
      const problems = monaco.editor
        .getModelMarkers({ resource: DESIRED_URI })
        .map((m): EditorProblem => ({
          line: m.startLineNumber,
          column: m.startColumn,
          message: m.message,
          source: m.owner,
          severity: SEVERITY[m.severity] ?? 'info',
        }))
        .sort((a, b) => a.line - b.line || a.column - b.column);
      latest.current.onProblems(problems);
    };
    const disposables = [
      model.onDidChangeContent(() => {
        if (!syncing.current) latest.current.onChange(model.getValue());
      }),
      monaco.editor.onDidChangeMarkers((uris) => {
        if (uris.some((u) => u.toString() === DESIRED_URI.toString())) report();
      }),
    ];
    const onMotion = () => editor.updateOptions(motionOptions(reduced.matches));
    reduced.addEventListener('change', onMotion);
    // Follow the app's theme: a colour-scheme change, or a theme attribute or class on <html>.
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', applyAppTheme);
    const observer = new MutationObserver(applyAppTheme);
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['class', 'data-theme', 'style'],
    });

    const handle = {
      reveal(line: number, column: number) {
        editor.setPosition({ lineNumber: line, column });
        editor.revealLineInCenterIfOutsideViewport(line);
        editor.focus();
      },
      focus: () => editor.focus(),
    };
    latest.current.handleRef.current = handle;
    report();
    const plain = latest.current.plainFocusRef.current;
    const active = document.activeElement;
    if (plain.focused && (!active || active === document.body) && !latest.current.live) {
      editor.setPosition(model.getPositionAt(plain.offset));
      editor.focus();
    }
    plain.focused = false;
    return () => {
      if (latest.current.handleRef.current === handle) latest.current.handleRef.current = null;
      for (const d of disposables) d.dispose();
      reduced.removeEventListener('change', onMotion);
      scheme.removeEventListener('change', applyAppTheme);
      observer.disconnect();
      editorRef.current = null;
      editor.dispose();
    };
  }, []);

  // The store's YAML changed from elsewhere (reset, a restored session): replace the text, keeping undo.
  useEffect(() => {
    const model = monaco.editor.getModel(DESIRED_URI);
    if (!model || model.getValue() === props.value) return;
    syncing.current = true;
    try {
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: props.value }], () => null);
    } finally {
      syncing.current = false;
    }
  }, [props.value]);

  // The cluster's verdict on the last apply, as error markers where it found each problem.
  const key = diagnosticsKey(props.diagnostics);
  useEffect(() => {
    const model = monaco.editor.getModel(DESIRED_URI);
    if (!model) return;
    const ranges = markerRanges(latest.current.diagnostics, model.getLinesContent());
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      ranges.map((r) => ({ ...r, severity: monaco.MarkerSeverity.Error, source: 'apply' })),
    );
  }, [key]);

  // The live object view: a read-only model swapped in, and the learner's view state kept for the way back.
  const liveText = props.live?.text;
  const liveLabel = props.live?.label;
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    if (liveText !== undefined && liveLabel !== undefined) {
      const model = getModel(LIVE_URI, liveText);
      if (model.getValue() !== liveText) model.setValue(liveText);
      if (editor.getModel() !== model) {
        desiredView.current = editor.saveViewState();
        editor.setModel(model);
      }
      editor.updateOptions({ readOnly: true, domReadOnly: true, ariaLabel: liveLabel });
    } else {
      const model = monaco.editor.getModel(DESIRED_URI);
      if (model && editor.getModel() !== model) {
        editor.setModel(model);
        if (desiredView.current) editor.restoreViewState(desiredView.current);
      }
      editor.updateOptions({ readOnly: false, domReadOnly: false, ariaLabel: S.desiredState });
    }
  }, [liveText, liveLabel]);

  return <div ref={host} className="dse-monaco" data-editor="monaco" />;
}
