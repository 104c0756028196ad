/**
 * A modal dialog on the native `<dialog>` element (focus is trapped and returns to the opener on close,
 * Escape closes it, the rest of the page is inert), used by the share and shortcut dialogs.
 */
import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import './teaching.css';

export function ModalDialog(props: {
  title: string;
  className?: string;
  onClose(): void;
  children: ReactNode;
  buttons?: ReactNode;
  closeLabel: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const d = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (d && !d.open) {
      try {
        d.showModal();
      } catch {
        d.setAttribute('open', '');
      }
    }
    return () => {
      d?.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`teaching-dialog ${props.className ?? ''}`}
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <h2 id={`${id}-title`}>{props.title}</h2>
      {props.children}
      <div className="dialog-buttons">
        {props.buttons}
        <button type="button" onClick={() => props.onClose()}>
          {props.closeLabel}
        </button>
      </div>
    </dialog>
  );
}
