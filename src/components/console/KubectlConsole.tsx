/**
 * The kubectl console (the `KubectlConsole` slot of layout/slots.ts): a terminal-like panel. The input is
 * labelled `kubectl` behind a `$ kubectl` prompt; Enter runs the command in the worker (a kubectl input)
 * and the log prints what kubectl printed, stderr styled with its exit code. Up/Down recall earlier
 * commands, Tab completes commands, resource types and object names from the mirror (and otherwise moves
 * focus as usual), `clear` empties the log, `apply -f -` reads the Desired state YAML, and "?" lists the
 * supported commands.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useApp, useAppStore } from '../../state/react';
import { S } from '../../strings';
import { CONSOLE_COMMANDS, KUBECTL_COMMANDS } from './commands';
import { complete } from './completion';
import { CommandHistory } from './history';
import './console.css';

/** One history for the page: it survives switching to the Events tab and back. */
const history = new CommandHistory();

/** Does the command read a manifest from stdin (`apply -f -`, `delete --filename=-`)? */
export function readsStdin(command: string): boolean {
  return /(?:^|\s)(?:-f|--filename)(?:=|\s+)-(?:\s|$)/.test(command);
}

export function KubectlConsole() {
  const id = useId();
  const store = useAppStore();
  const lines = useApp((s) => s.consoleLines);
  const run = useApp((s) => s.runKubectl);
  const clear = useApp((s) => s.clearConsole);
  const [command, setCommand] = useState('');
  const [options, setOptions] = useState<readonly string[] | null>(null);
  const help = useRef<HTMLElement>(null);
  // Commands typed before this console loaded (into the plain stand-in) start the history.
  useState(() => {
    if (history.list.length === 0) {
      for (const l of store.getState().consoleLines)
        if (l.kind === 'command') history.push(l.text.replace(/^\$ kubectl /, ''));
    }
  });
  const log = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines]);

  const setInput = (text: string) => {
    setCommand(text);
    requestAnimationFrame(() => {
      const el = input.current;
      if (el) el.setSelectionRange(text.length, text.length);
    });
  };

  const submit = () => {
    const text = command.trim();
    setCommand('');
    setOptions(null);
    if (!text) return;
    history.push(text);
    const bare = text.replace(/^kubectl\s+/, '');
    if (bare === 'clear' || text === 'clear') {
      clear();
      return;
    }
    if (bare === 'help' || bare === '?') {
      help.current?.showPopover?.();
      return;
    }
    void run(text, readsStdin(bare) ? store.getState().yaml : undefined);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const next = e.key === 'ArrowUp' ? history.up(command) : history.down();
      e.preventDefault();
      if (next !== undefined) setInput(next);
      setOptions(null);
    } else if (e.key === 'Tab' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && command.trim()) {
      const el = e.currentTarget;
      const caret = el.selectionStart ?? command.length;
      const before = command.slice(0, caret);
      const after = command.slice(caret);
      const r = complete(before, store.getState().mirror.objects);
      // Nothing to complete: Tab moves focus as usual.
      if (r.text === before && r.options.length === 0) return;
      e.preventDefault();
      setCommand(r.text + after);
      requestAnimationFrame(() => el.setSelectionRange(r.text.length, r.text.length));
      setOptions(r.options.length ? r.options : null);
    } else if (e.key === 'Escape' && options) {
      setOptions(null);
    }
  };

  return (
    <div className="kc">
      <div
        ref={log}
        className="kc-log"
        role="log"
        aria-live="polite"
        aria-label={S.consoleOutput}
        tabIndex={0}
      >
        {lines.length === 0 && <p className="kc-empty">{S.consoleHint}</p>}
        {lines.map((l) => (
          <div key={l.id} className={`kc-line kc-${l.kind}`}>
            {l.text && <pre>{l.text}</pre>}
            {l.exitCode !== undefined && l.exitCode !== 0 && (
              <p className="kc-exit">{S.consoleExit(l.exitCode)}</p>
            )}
          </div>
        ))}
      </div>
      {/* A popover (top layer): Escape or a click elsewhere closes it; the "?" button toggles it. */}
      <section
        ref={help}
        popover="auto"
        className="kc-help"
        id={`${id}-help`}
        aria-labelledby={`${id}-help-title`}
        tabIndex={0}
      >
        <div className="kc-help-head">
          <h3 id={`${id}-help-title`}>{S.consoleHelpTitle}</h3>
          <button type="button" className="quiet" popoverTarget={`${id}-help`} popoverTargetAction="hide">
            {S.dismiss}
          </button>
        </div>
        <p>{S.consoleHelpKeys}</p>
        <dl>
          {[...KUBECTL_COMMANDS, ...CONSOLE_COMMANDS].map((c) => (
            <div key={c.path}>
              <dt>{c.path}</dt>
              <dd>{c.summary}</dd>
            </div>
          ))}
        </dl>
      </section>
      <form
        className="kc-input"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <span className="kc-prompt" aria-hidden="true">
          {S.consolePrompt}
        </span>
        <label htmlFor={`${id}-cmd`}>{S.console}</label>
        <input
          ref={input}
          id={`${id}-cmd`}
          type="text"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          value={command}
          placeholder="get pods"
          aria-describedby={`${id}-completions`}
          onChange={(e) => {
            setCommand(e.currentTarget.value);
            setOptions(null);
          }}
          onKeyDown={onKeyDown}
        />
        <button type="submit">{S.consoleRun}</button>
        <button
          type="button"
          className="kc-help-button"
          aria-label={S.consoleHelp}
          title={S.consoleHelp}
          popoverTarget={`${id}-help`}
        >
          ?
        </button>
      </form>
      <p id={`${id}-completions`} className="kc-completions" aria-live="polite">
        {options ? S.consoleCompletions(options) : ''}
      </p>
    </div>
  );
}
