/**
 * "Review changes": what Apply would do, object by object (created, changed, unchanged) with a unified diff
 * of each, in a modal dialog a keyboard user can read (the diff scrolls with the arrow keys) and confirm
 * with Apply or leave with Cancel / Escape. Focus returns to the button that opened it.
 */
import { useEffect, useId, useRef } from 'react';
import { S } from '../../strings';
import type { DiffPlan } from './diff';

interface Props {
  readonly plan: DiffPlan;
  onApply(): void;
  onCancel(): void;
}

function DiffText({ diff }: { readonly diff: string }) {
  return (
    <pre className="dse-diff">
      {diff.split('\n').map((line, i) => {
        const cls = line.startsWith('@@')
          ? 'hunk'
          : line.startsWith('+++') || line.startsWith('---')
            ? 'file'
            : line.startsWith('+')
              ? 'add'
              : line.startsWith('-')
                ? 'del'
                : 'ctx';
        return (
          <span key={i} className={cls}>
            {line}
            {'\n'}
          </span>
        );
      })}
    </pre>
  );
}

export function DiffDialog({ plan, onApply, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const id = useId();
  const counts = { create: 0, change: 0, unchanged: 0 };
  for (const c of plan.changes) counts[c.action]++;
  const changed = plan.changes.filter((c) => c.action !== 'unchanged');

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal?.();
    body.current?.focus();
    return () => d?.close?.();
  }, []);

  return (
    <dialog
      ref={ref}
      className="dse-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-summary`}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{S.diffTitle}</h2>
      <p id={`${id}-summary`} className="dse-summary">
        {S.diffSummary(counts.create, counts.change, counts.unchanged)}
      </p>
      <div ref={body} className="dse-dialog-body" tabIndex={0} role="region" aria-label={S.diffContent}>
        {plan.problems.length > 0 && (
          <div className="dse-diff-problems">
            <p>{S.diffProblems}</p>
            <ul>
              {plan.problems.map((p, i) => (
                <li key={i}>{S.problemItem(p.line, p.column, p.message)}</li>
              ))}
            </ul>
          </div>
        )}
        <p className="dse-intro">{S.diffIntro}</p>
        <ul className="dse-objects" aria-label={S.diffContent}>
          {plan.changes.map((c) => (
            <li key={c.key} className={`dse-object ${c.action}`}>
              <span className="dse-object-name">{c.name}</span>{' '}
              <span className={`dse-badge ${c.action}`}>{S.diffAction[c.action]}</span>
              {c.action !== 'unchanged' && (
                <span className="dse-counts">
                  {' '}
                  (+{c.added} −{c.removed})
                </span>
              )}
            </li>
          ))}
        </ul>
        {changed.length === 0 && plan.problems.length === 0 && <p>{S.diffNothing}</p>}
        {changed.map((c) => (
          <section key={c.key} aria-label={`${c.name} ${S.diffAction[c.action]}`}>
            <h3>
              {c.name} <span className={`dse-badge ${c.action}`}>{S.diffAction[c.action]}</span>
            </h3>
            <DiffText diff={c.diff} />
          </section>
        ))}
        <p className="dse-note">{S.diffNote}</p>
      </div>
      <div className="dialog-buttons dse-dialog-buttons">
        <button type="button" className="primary" onClick={onApply}>
          {S.diffApply}
        </button>
        <button type="button" onClick={onCancel}>
          {S.diffCancel}
        </button>
      </div>
    </dialog>
  );
}
