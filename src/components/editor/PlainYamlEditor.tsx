/**
 * The plain stand-in for the Monaco editor: an ordinary, accessible textarea, shown while Monaco loads and
 * for good if it cannot load (with a note saying so). Ctrl/Cmd+S or Ctrl+Enter applies.
 */
import { useEffect, useRef } from 'react';
import { S } from '../../strings';
import { diagnosticsKey, offsetOf } from './markers';
import type { YamlEditorProps } from './types';

export function PlainYamlEditor(props: YamlEditorProps & { readonly note?: string }) {
  const { value, onChange, onApply, live, handleRef, onProblems, diagnostics, note, plainFocusRef } = props;
  const ref = useRef<HTMLTextAreaElement>(null);
  const key = diagnosticsKey(diagnostics);

  useEffect(() => {
    onProblems(
      diagnostics.map((d) => ({
        line: d.line,
        column: d.column,
        message: d.message,
        source: 'setpoint',
        severity: 'error',
      })),
    );
    // Only when the diagnostics themselves change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  useEffect(() => {
    const mine = {
      reveal(line: number, column: number) {
        const el = ref.current;
        if (!el) return;
        const at = offsetOf(el.value, line, column);
        el.focus();
        el.setSelectionRange(at, at);
      },
      focus: () => ref.current?.focus(),
    };
    handleRef.current = mine;
    return () => {
      // Monaco may already have taken over the handle.
      if (handleRef.current === mine) handleRef.current = null;
    };
  }, [handleRef]);

  return (
    <div className="dse-plain">
      {note && <p className="dse-note">{note}</p>}
      {live ? (
        <textarea
          ref={ref}
          className="yaml dse-textarea"
          aria-label={live.label}
          readOnly
          spellCheck={false}
          value={live.text}
        />
      ) : (
        <textarea
          ref={ref}
          className="yaml dse-textarea"
          aria-label={S.desiredState}
          spellCheck={false}
          value={value}
          onFocus={() => (plainFocusRef.current.focused = true)}
          onBlur={(e) => {
            // Removed from the page (Monaco took over) is not a blur the learner made.
            const el = e.currentTarget;
            requestAnimationFrame(() => {
              if (el.isConnected) plainFocusRef.current.focused = false;
            });
          }}
          onSelect={(e) => (plainFocusRef.current.offset = e.currentTarget.selectionStart)}
          onChange={(e) => {
            plainFocusRef.current.offset = e.currentTarget.selectionStart;
            onChange(e.currentTarget.value);
          }}
          onKeyDown={(e) => {
            const mod = e.ctrlKey || e.metaKey;
            if (mod && (e.key === 's' || e.key === 'S' || e.key === 'Enter')) {
              e.preventDefault();
              onApply();
            }
          }}
        />
      )}
    </div>
  );
}
