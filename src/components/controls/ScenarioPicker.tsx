/**
 * Choose a bundled example or open a scenario file from disk. A bad file is reported with `line:column:
 * message` diagnostics (by the engine connection) and leaves the running cluster untouched.
 */
import { useId } from 'react';
import type { ChangeEvent } from 'react';
import { useApp } from '../../state/react';
import { S } from '../../strings';

const MAX_FILE_BYTES = 1024 * 1024;
const FILE_OPTION = '\u0000file';

export function ScenarioPicker() {
  const id = useId();
  const examples = useApp((s) => s.examples);
  const scenario = useApp((s) => s.scenario);
  const loadScenario = useApp((s) => s.loadScenario);
  const notify = useApp((s) => s.notify);
  const ready = useApp((s) => s.workerStatus === 'running');
  const source = scenario?.source;
  const value = source?.kind === 'example' ? source.name : source ? FILE_OPTION : '';

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      notify('error', S.fileTooLarge(file.name));
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      notify('error', S.fileUnreadable(file.name));
      return;
    }
    loadScenario({ kind: 'file', name: file.name, text });
  };

  return (
    <div className="scenario-picker">
      <label htmlFor={`${id}-select`} className="label-text">
        {S.scenarioLabel}
      </label>
      <select
        id={`${id}-select`}
        value={value}
        disabled={!ready}
        onChange={(e) => {
          const name = e.currentTarget.value;
          if (name !== FILE_OPTION) loadScenario({ kind: 'example', name });
        }}
      >
        {value === '' && <option value="">…</option>}
        {examples.map((x) => (
          <option key={x.name} value={x.name} title={x.summary}>
            {x.name}
          </option>
        ))}
        {source?.kind === 'file' && <option value={FILE_OPTION}>{source.name}</option>}
      </select>
      <label className="button file-button">
        {S.openFile}
        <input
          type="file"
          accept=".yaml,.yml,text/yaml,application/yaml"
          aria-label={S.openFileLabel}
          className="file-input"
          onChange={onFile}
        />
      </label>
    </div>
  );
}
