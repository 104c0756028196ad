/**
 * The fault toolbar: one button per way to break the cluster. Each opens a small dialog to pick the target
 * (a pod, node, Deployment or Service) and sends the fault as an input; the result is announced.
 * Arrow keys move between the buttons (WAI-ARIA toolbar pattern).
 */
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useApp } from '../../state/react';
import { S } from '../../strings';
import type { FaultAction } from './FaultDialog';
import { FAULT_ACTIONS, FaultDialog } from './FaultDialog';

export function FaultToolbar() {
  const [open, setOpen] = useState<FaultAction | null>(null);
  const result = useApp((s) => s.faultResult);
  const setResult = useApp((s) => s.setFaultResult);
  const ready = useApp((s) => s.workerStatus === 'running');
  const bar = useRef<HTMLDivElement>(null);
  const openers = useRef(new Map<string, HTMLButtonElement>());
  // Focus can only return once the modal dialog has left the page (until then the rest is inert).
  const returnFocusTo = useRef<string | null>(null);
  useEffect(() => {
    if (open || !returnFocusTo.current) return;
    openers.current.get(returnFocusTo.current)?.focus();
    returnFocusTo.current = null;
  }, [open]);

  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft' && e.key !== 'Home' && e.key !== 'End') return;
    const buttons = [...(bar.current?.querySelectorAll<HTMLButtonElement>('button.fault') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    e.preventDefault();
    const n = buttons.length;
    const next =
      e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : e.key === 'ArrowRight' ? (i + 1) % n : (i - 1 + n) % n;
    buttons[next]?.focus();
  };

  return (
    <div className="fault-bar">
      <div ref={bar} role="toolbar" aria-label={S.faultToolbar} className="faults" onKeyDown={onKey}>
        <span className="fault-title" aria-hidden="true">
          {S.faultToolbar}
        </span>
        {FAULT_ACTIONS.map((a) => (
          <button
            key={a.id}
            ref={(el) => {
              if (el) openers.current.set(a.id, el);
            }}
            type="button"
            className={`fault fault-${a.target}`}
            aria-haspopup="dialog"
            disabled={!ready}
            onClick={() => {
              setResult(null);
              setOpen(a);
            }}
          >
            {S.inputLabel[a.id]}
          </button>
        ))}
      </div>
      <p className="fault-result" role="status">
        {result && <span className={result.ok ? 'ok' : 'bad'}>{result.text}</span>}
      </p>
      {open && (
        <FaultDialog
          action={open}
          onClose={() => {
            returnFocusTo.current = open.id;
            setOpen(null);
          }}
        />
      )}
    </div>
  );
}
