/**
 * The kubectl console: a command line labelled `kubectl` that sends a kubectl input to the cluster and
 * prints what kubectl printed. A simple version until console/KubectlConsole.tsx is built in.
 */
import { Suspense, useEffect, useId, useRef, useState } from 'react';
import { useApp } from '../../state/react';
import { S } from '../../strings';
import { ConsoleSlot } from './slots';

function PlainConsole() {
  const id = useId();
  const lines = useApp((s) => s.consoleLines);
  const run = useApp((s) => s.runKubectl);
  const [command, setCommand] = useState('');
  const out = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = out.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines]);
  return (
    <div className="console">
      <div ref={out} className="console-output" role="log" aria-label={S.consoleOutput} tabIndex={0}>
        {lines.length === 0 && <p className="empty">{S.consoleHint}</p>}
        {lines.map((l) => (
          <pre key={l.id} className={l.kind}>
            {l.text}
          </pre>
        ))}
      </div>
      <form
        className="console-input"
        onSubmit={(e) => {
          e.preventDefault();
          const c = command;
          setCommand('');
          void run(c);
        }}
      >
        <label htmlFor={`${id}-cmd`}>{S.console}</label>
        <input
          id={`${id}-cmd`}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={command}
          placeholder="get pods"
          onChange={(e) => setCommand(e.currentTarget.value)}
        />
        <button type="submit">{S.consoleRun}</button>
      </form>
    </div>
  );
}

export function ConsolePanel() {
  if (!ConsoleSlot) return <PlainConsole />;
  return (
    <Suspense fallback={<PlainConsole />}>
      <ConsoleSlot />
    </Suspense>
  );
}
