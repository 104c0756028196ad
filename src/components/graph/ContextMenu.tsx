/**
 * The faults menu of a pod or node, opened by right click, the ContextMenu key or Shift+F10. A WAI-ARIA
 * menu: focus moves into it, arrow keys move between items, Escape closes it and gives focus back.
 */
import { useEffect, useRef } from 'react';
import type { Fault } from '../../engine';
import type { MenuTarget } from './context';
import { graphStrings as S } from '../../strings';

export interface MenuItem {
  readonly label: string;
  readonly fault: Fault;
  readonly disabled: boolean;
}

/** The faults a target offers, as Fault objects the worker understands. */
export function faultItems(target: MenuTarget): MenuItem[] {
  if (target.kind === 'pod') {
    const pod = { pod: target.name, namespace: target.namespace };
    return [
      { label: S.crashPod, fault: { type: 'PodCrash', ...pod }, disabled: false },
      { label: S.deletePod, fault: { type: 'PodDelete', ...pod }, disabled: false },
      { label: S.hangApp, fault: { type: 'AppHang', ...pod }, disabled: false },
    ];
  }
  return [
    { label: S.failNode, fault: { type: 'NodeFailure', node: target.name }, disabled: target.down },
    { label: S.recoverNode, fault: { type: 'NodeRecovery', node: target.name }, disabled: !target.down },
    { label: S.drainNode, fault: { type: 'NodeDrain', node: target.name }, disabled: false },
  ];
}

export interface ContextMenuProps {
  readonly target: MenuTarget;
  readonly at: { readonly x: number; readonly y: number };
  readonly onFault: (fault: Fault) => void;
  readonly onClose: () => void;
}

export function ContextMenu({ target, at, onFault, onClose }: ContextMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const items = faultItems(target);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
    const away = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as globalThis.Node)) onClose();
    };
    window.addEventListener('pointerdown', away, true);
    return () => window.removeEventListener('pointerdown', away, true);
  }, [onClose]);

  const move = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const all = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const i = all.indexOf(document.activeElement as HTMLElement);
    let next: number | undefined;
    if (e.key === 'ArrowDown') next = (i + 1) % all.length;
    else if (e.key === 'ArrowUp') next = (i - 1 + all.length) % all.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = all.length - 1;
    else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      onClose();
      return;
    }
    if (next === undefined) return;
    e.preventDefault();
    all[next]?.focus();
  };

  return (
    <div
      ref={ref}
      className="graph-menu"
      role="menu"
      aria-label={S.menuLabel(target.name)}
      style={{ left: at.x, top: at.y }}
      onKeyDown={move}
      onContextMenu={(e) => e.preventDefault()}
    >
      <p className="graph-menu-title" aria-hidden="true">
        {target.name}
      </p>
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          aria-disabled={item.disabled}
          className="graph-menu-item"
          onClick={() => {
            if (item.disabled) return;
            onFault(item.fault);
            onClose();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
