/**
 * The learner's desired state: YAML and the Apply button (contract 3: labelled `Desired state`, button
 * `Apply`). A plain textarea until the Monaco editor (editor/DesiredStateEditor.tsx) is built in. The
 * apply's result is shown beneath, with `line:column: message` for each problem.
 */
import { Suspense, useCallback, useId } from 'react';
import { useApp } from '../../state/react';
import { S } from '../../strings';
import { EditorSlot } from './slots';

export function DesiredStatePanel() {
  const id = useId();
  const yaml = useApp((s) => s.yaml);
  const setYaml = useApp((s) => s.setYaml);
  const apply = useApp((s) => s.applyYaml);
  const applying = useApp((s) => s.applying);
  const last = useApp((s) => s.lastApply);
  const scenarioYaml = useApp((s) => s.scenarioYaml);
  const ready = useApp((s) => s.workerStatus === 'running');
  const onApply = useCallback(() => void apply(), [apply]);

  const plain = (
    <textarea
      id={`${id}-yaml`}
      className="yaml"
      spellCheck={false}
      value={yaml}
      aria-describedby={`${id}-result`}
      onChange={(e) => setYaml(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          onApply();
        }
      }}
    />
  );
  return (
    <div className="desired-state">
      <div className="desired-head">
        <label htmlFor={`${id}-yaml`} className="label-text">
          {S.desiredState}
        </label>
        <div className="desired-buttons">
          <button
            type="button"
            className="quiet"
            disabled={yaml === scenarioYaml}
            onClick={() => setYaml(scenarioYaml)}
          >
            {S.resetYaml}
          </button>
          <button type="button" className="primary" onClick={onApply} disabled={applying || !ready}>
            {applying ? S.applying : S.apply}
          </button>
        </div>
      </div>
      {EditorSlot ? (
        <Suspense fallback={plain}>
          <EditorSlot
            value={yaml}
            onChange={setYaml}
            onApply={onApply}
            diagnostics={last?.diagnostics ?? []}
          />
        </Suspense>
      ) : (
        plain
      )}
      <div
        id={`${id}-result`}
        className={`apply-result ${last ? (last.ok ? 'ok' : 'bad') : ''}`}
        role="status"
      >
        {last && (
          <>
            <p>{last.ok ? S.applyOk : S.applyFailed}</p>
            <pre>{last.message}</pre>
          </>
        )}
      </div>
    </div>
  );
}
