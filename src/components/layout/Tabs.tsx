/**
 * Accessible tabs (WAI-ARIA tabs pattern): arrow keys move between tabs, the active tab is the only one
 * in the tab order, and each tab controls its panel.
 */
import { useId, useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';

export interface TabSpec<K extends string> {
  readonly key: K;
  readonly label: ReactNode;
}

interface Props<K extends string> {
  readonly label: string;
  readonly tabs: readonly TabSpec<K>[];
  readonly active: K;
  onChange(key: K): void;
  readonly children: ReactNode;
  readonly className?: string;
  /** Extra controls at the end of the tab bar. */
  readonly extra?: ReactNode;
}

export function Tabs<K extends string>(props: Props<K>) {
  const id = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const index = props.tabs.findIndex((t) => t.key === props.active);
  const onKey = (e: KeyboardEvent) => {
    const n = props.tabs.length;
    let next = -1;
    if (e.key === 'ArrowRight') next = (index + 1) % n;
    else if (e.key === 'ArrowLeft') next = (index - 1 + n) % n;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = n - 1;
    if (next < 0) return;
    e.preventDefault();
    const tab = props.tabs[next];
    if (tab) props.onChange(tab.key);
    refs.current[next]?.focus();
  };
  return (
    <div className={`tabs ${props.className ?? ''}`}>
      <div className="tab-bar">
        <div role="tablist" aria-label={props.label} onKeyDown={onKey}>
          {props.tabs.map((t, i) => (
            <button
              key={t.key}
              ref={(el) => {
                refs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`${id}-tab-${t.key}`}
              aria-selected={t.key === props.active}
              aria-controls={`${id}-panel`}
              tabIndex={t.key === props.active ? 0 : -1}
              onClick={() => props.onChange(t.key)}
            >
              {t.label}
            </button>
          ))}
        </div>
        {props.extra}
      </div>
      <div
        role="tabpanel"
        id={`${id}-panel`}
        aria-labelledby={`${id}-tab-${props.active}`}
        className="tab-panel"
        tabIndex={-1}
      >
        {props.children}
      </div>
    </div>
  );
}
