/**
 * The "why" panel: for the selected pod, node, Deployment, ReplicaSet, Service or control-plane part, one
 * plain sentence about what is going on, then the details in Kubernetes' own words (messages, events,
 * conditions) and the countdowns that are running. All reasoning lives in ./explain; this only draws.
 *
 * The reasoning is a chunk of its own, fetched at the learner's first move of the pointer or first key
 * (before they can select anything) rather than with the page; until it is here the panel stays empty.
 */
import { useEffect, useState } from 'react';
import './inspector.css';
import type { ClusterMirror } from '../../state/mirror';
import type { Countdown, Explanation, Section } from './explain';
import { formatClock, formatDuration } from './explain/common';
import { inspectorStrings as S } from '../../strings';

export interface InspectorProps {
  readonly mirror: ClusterMirror;
  /** Store key of the selected thing, or null. */
  readonly selectedKey: string | null | undefined;
  /** Show a stored object read-only as `kubectl get -o yaml`; without it there is no YAML button. */
  readonly onOpenYaml?: ((key: string) => void) | undefined;
}

type Explain = (mirror: ClusterMirror, key: string) => Explanation | null;

let loaded: Explain | undefined;
let pending: Promise<Explain> | undefined;

/** Fetch the explanations (once; a failed fetch may be retried). */
export function loadExplain(): Promise<Explain> {
  pending ??= import('./explain').then(
    (m) => (loaded = m.explain),
    (e: unknown) => {
      pending = undefined;
      throw e;
    },
  );
  return pending;
}

const FIRST_MOVES = ['pointermove', 'pointerdown', 'keydown', 'touchstart'] as const;

/** The explanations, once fetched: at once if something is selected, else at the learner's first move. */
function useExplain(selected: boolean): Explain | undefined {
  const [fn, setFn] = useState(() => loaded);
  const [failed, setFailed] = useState<unknown>(null);
  useEffect(() => {
    if (fn) return;
    let live = true;
    const fetchNow = () => {
      for (const t of FIRST_MOVES) window.removeEventListener(t, fetchNow, true);
      loadExplain().then(
        (f) => live && setFn(() => f),
        (e: unknown) => live && setFailed(e ?? new Error('explain')),
      );
    };
    if (selected) fetchNow();
    else for (const t of FIRST_MOVES) window.addEventListener(t, fetchNow, { capture: true, passive: true });
    return () => {
      live = false;
      for (const t of FIRST_MOVES) window.removeEventListener(t, fetchNow, true);
    };
  }, [fn, selected]);
  // A chunk that cannot be fetched fails the panel's error boundary, which says so.
  if (failed) throw failed;
  return fn;
}

export function Inspector({ mirror, selectedKey, onOpenYaml }: InspectorProps) {
  const explain = useExplain(!!selectedKey);
  if (selectedKey && !explain) return <aside className="inspector" aria-label={S.label} aria-busy="true" />;
  const ex: Explanation | null = selectedKey && explain ? explain(mirror, selectedKey) : null;
  // Control-plane parts are explained too but are not API objects, so only stored objects open as YAML.
  const stored = selectedKey ? mirror.objects.has(selectedKey) : false;
  return (
    <aside className="inspector" aria-label={S.label}>
      {!selectedKey && <p className="insp-empty">{S.empty}</p>}
      {selectedKey && !ex && <p className="insp-empty">{S.gone(selectedKey)}</p>}
      {ex && (
        <>
          <header className="insp-head">
            <span className="insp-kind">{ex.kind}</span>
            <h2 className="insp-name">{ex.name}</h2>
            {stored && selectedKey && onOpenYaml && (
              <button
                type="button"
                className="quiet insp-yaml"
                aria-label={S.openYamlLabel(ex.kind, ex.name)}
                onClick={() => onOpenYaml(selectedKey)}
              >
                {S.openYaml}
              </button>
            )}
          </header>
          <p className={`insp-headline tone-${ex.tone}`}>{ex.headline}</p>
          {ex.sections.map((s, i) => (
            <SectionView key={`${s.heading}-${i}`} section={s} now={mirror.t} />
          ))}
        </>
      )}
    </aside>
  );
}

function SectionView({ section, now }: { section: Section; now: number }) {
  switch (section.type) {
    case 'text':
      return (
        <section className="insp-section">
          <h3>{section.heading}</h3>
          {section.lines.map((l) => (
            <p key={l}>{l}</p>
          ))}
        </section>
      );
    case 'message':
      return (
        <section className="insp-section">
          <h3>
            {S.inKubernetesWords}: {section.heading}
          </h3>
          <pre className="insp-message">{section.message}</pre>
        </section>
      );
    case 'table':
      return (
        <section className="insp-section">
          <h3>{section.heading}</h3>
          {section.rows.length === 0 ? (
            <p className="muted">{S.none}</p>
          ) : (
            <div className="insp-table-wrap">
              <table className="insp-table">
                <thead>
                  <tr>
                    {section.columns.map((c) => (
                      <th key={c} scope="col">
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {section.rows.map((r, i) => (
                    <tr key={i}>
                      {r.map((c, j) => (
                        <td key={j}>{c}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      );
    case 'story':
      return (
        <section className="insp-section">
          <h3>{section.heading}</h3>
          {section.items.length === 0 ? (
            <p className="muted">{S.noEvents}</p>
          ) : (
            <ol className="insp-story">
              {section.items.map((e, i) => (
                <li key={i} className={e.type === 'Warning' ? 'warning' : ''}>
                  <span className="insp-t">{formatClock(e.t)}</span>
                  <span className="insp-reason">
                    {e.reason}
                    {e.count > 1 && <span className="insp-count"> {S.times(e.count)}</span>}
                  </span>
                  <span className="insp-msg">{e.message}</span>
                  <span className="insp-src">{e.source}</span>
                </li>
              ))}
            </ol>
          )}
        </section>
      );
    case 'countdowns':
      return (
        <section className="insp-section">
          <h3>{section.heading}</h3>
          <ul className="insp-countdowns">
            {section.items.map((c) => (
              <CountdownView key={c.label} c={c} now={now} />
            ))}
          </ul>
        </section>
      );
  }
}

function CountdownView({ c, now }: { c: Countdown; now: number }) {
  let when: string = S.never;
  let state = 'never';
  if (c.remaining !== null && c.at !== null) {
    state = c.remaining > 0 ? 'pending' : 'done';
    when = S.when(
      c.remaining > 0 ? S.inTime(formatDuration(c.remaining)) : S.ago(formatDuration(now - c.at)),
      formatClock(c.at),
    );
  }
  return (
    <li className={`insp-countdown ${state}`}>
      <span className="insp-cd-label">{c.label}</span>
      <span className="insp-cd-when">{when}</span>
      <span className="insp-cd-detail">{c.detail}</span>
    </li>
  );
}
