/**
 * The desired-state editor (the `DesiredStateEditor` slot of layout/slots.ts): Monaco with Kubernetes YAML
 * support, lazy-loaded behind a plain textarea that stays if Monaco cannot load; a list of the YAML's
 * problems (the cluster's apply diagnostics and the schema's warnings) that jumps to each; "Review changes",
 * a kubectl-diff-like dialog before applying; and a read-only view of a live object (`openLiveObject`).
 * The panel around it (layout/DesiredStatePanel.tsx) owns the `Apply` and reset buttons.
 */
import { Component, lazy, Suspense, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { EditorProps } from '../layout/slots';
import { useApp, useAppStore } from '../../state/react';
import { S } from '../../strings';
import type { DiffPlan } from './diff';
import { DiffDialog } from './DiffDialog';
import { liveName } from './liveName';
import { PlainYamlEditor } from './PlainYamlEditor';
import type { EditorHandle, EditorProblem, PlainFocus, YamlEditorProps } from './types';
import './editor.css';

const MonacoYamlEditor = lazy(() => import('./MonacoYamlEditor'));
type YamlTools = typeof import('./yamlTools');
let tools: Promise<YamlTools> | undefined;
const loadTools = () => (tools ??= import('./yamlTools'));

/** Shows `fallback` instead of its children once they fail (Monaco's chunk or its start-up). */
class EditorBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    console.warn('The code editor could not be loaded; using a plain text box.', error);
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

const MAX_PROBLEMS_SHOWN = 30;

export function DesiredStateEditor({ value, onChange, onApply, diagnostics }: EditorProps) {
  const id = useId();
  const store = useAppStore();
  const liveKey = useApp((s) => s.liveObjectKey);
  const liveObject = useApp((s) => (s.liveObjectKey ? s.mirror.objects.get(s.liveObjectKey) : undefined));
  const closeLive = useApp((s) => s.closeLiveObject);
  const [yamlTools, setYamlTools] = useState<YamlTools | null>(null);
  useEffect(() => {
    let live = true;
    loadTools().then(
      (t) => live && setYamlTools(t),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const live = liveKey
    ? (yamlTools?.liveView(liveKey, liveObject) ?? {
        name: liveName(liveKey),
        label: S.liveLabel(liveName(liveKey)),
        text: '',
      })
    : null;
  const handleRef = useRef<EditorHandle | null>(null);
  const plainFocusRef = useRef<PlainFocus>({ focused: false, offset: 0 });
  const reviewButton = useRef<HTMLButtonElement>(null);
  const [problems, setProblems] = useState<readonly EditorProblem[]>([]);
  const [plan, setPlan] = useState<DiffPlan | null>(null);

  const onProblems = useCallback((p: readonly EditorProblem[]) => setProblems(p), []);
  const closeDialog = () => {
    setPlan(null);
    // After the modal dialog has closed (nothing outside it can take focus while it is open).
    requestAnimationFrame(() => reviewButton.current?.focus());
  };

  const editorProps: YamlEditorProps = {
    value,
    onChange,
    onApply,
    diagnostics,
    live: live ? { label: live.label, text: live.text } : null,
    onProblems,
    handleRef,
    plainFocusRef,
  };
  const plain = (note?: string) => <PlainYamlEditor {...editorProps} {...(note ? { note } : {})} />;
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN);

  return (
    <div className="dse">
      <div className="dse-bar">
        {live ? (
          <>
            <p className="dse-live" id={`${id}-live`}>
              {S.liveHint(live.name)}
            </p>
            <button type="button" className="quiet" onClick={closeLive}>
              {S.liveClose}
            </button>
          </>
        ) : (
          <>
            <button
              ref={reviewButton}
              type="button"
              className="quiet"
              title={S.reviewChangesHint}
              onClick={() => {
                void loadTools().then((t) => setPlan(t.planApply(value, store.getState().mirror.objects)));
              }}
            >
              {S.reviewChanges}
            </button>
            <p className="dse-keys" title={S.editorKeys}>
              {S.editorKeys}
            </p>
          </>
        )}
      </div>
      <div className="dse-editor">
        <EditorBoundary fallback={plain(S.editorFailed)}>
          <Suspense fallback={plain()}>
            <MonacoYamlEditor {...editorProps} />
          </Suspense>
        </EditorBoundary>
      </div>
      {!live && shown.length > 0 && (
        <div className="dse-problems">
          <h3 id={`${id}-problems`}>{S.problems}</h3>
          <ul aria-labelledby={`${id}-problems`}>
            {shown.map((p, i) => (
              <li key={`${p.source}-${p.line}-${p.column}-${i}`} className={p.severity}>
                <button
                  type="button"
                  className="link"
                  onClick={() => handleRef.current?.reveal(p.line, p.column)}
                >
                  <span className="dse-source">{S.problemSource[p.source] ?? p.source}</span>{' '}
                  {S.problemItem(p.line, p.column, p.message)}
                </button>
              </li>
            ))}
            {problems.length > shown.length && <li>{S.moreProblems(problems.length - shown.length)}</li>}
          </ul>
        </div>
      )}
      {plan && (
        <DiffDialog
          plan={plan}
          onCancel={closeDialog}
          onApply={() => {
            onApply();
            closeDialog();
          }}
        />
      )}
    </div>
  );
}
