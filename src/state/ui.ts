/**
 * The UI slice: what is selected (the inspector's object), which panels and tabs are open, the narration
 * live region, the console's transcript and the notices shown as banners.
 */
import type { StateCreator } from 'zustand';
import type { Input } from '../engine';
import type { AppState } from './store';

export type SideTab = 'details' | 'desired';
export type BottomTab = 'events' | 'console';

export interface Notice {
  readonly id: number;
  readonly kind: 'error' | 'info';
  readonly text: string;
  /** Extra lines (diagnostics), shown as a list. */
  readonly details?: readonly string[];
}

export interface ConsoleLine {
  readonly id: number;
  readonly kind: 'command' | 'stdout' | 'stderr';
  readonly text: string;
  /** A failed command's exit code (shown beneath its stderr). */
  readonly exitCode?: number;
}

/** How many narration lines and console lines are kept. */
const NARRATION_KEEP = 4;
const CONSOLE_KEEP = 400;

export interface UiSlice {
  selectedKey: string | null;
  narrationOn: boolean;
  narration: readonly { readonly id: number; readonly text: string }[];
  sideTab: SideTab;
  bottomTab: BottomTab;
  bottomOpen: boolean;
  eventFilter: string;
  notices: readonly Notice[];
  consoleLines: readonly ConsoleLine[];
  /** What the last fault printed (toolbar or context menu), for the toolbar's status line. */
  faultResult: { readonly ok: boolean; readonly text: string } | null;

  select(key: string | null): void;
  setNarrationOn(on: boolean): void;
  narrate(lines: readonly string[]): void;
  setSideTab(tab: SideTab): void;
  setBottomTab(tab: BottomTab): void;
  setBottomOpen(open: boolean): void;
  setEventFilter(filter: string): void;
  notify(kind: Notice['kind'], text: string, details?: readonly string[]): number;
  dismiss(id: number): void;
  /**
   * Run a kubectl command through the engine and append it and its output to the console. `stdin` is what
   * `-f -` reads (the console passes the editor's YAML).
   */
  runKubectl(command: string, stdin?: string): Promise<void>;
  /** Empty the console's transcript (the console's `clear`). */
  clearConsole(): void;
  /** Send a fault (or a bad-rollout apply) and record what it printed. */
  injectFault(input: Input): Promise<void>;
  setFaultResult(r: UiSlice['faultResult']): void;
}

let nextId = 1;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  selectedKey: null,
  narrationOn: true,
  narration: [],
  sideTab: 'details',
  bottomTab: 'events',
  bottomOpen: false,
  eventFilter: '',
  notices: [],
  consoleLines: [],
  faultResult: null,

  select: (selectedKey) => set(selectedKey ? { selectedKey, sideTab: 'details' } : { selectedKey }),
  setNarrationOn: (narrationOn) => set(narrationOn ? { narrationOn } : { narrationOn, narration: [] }),
  narrate: (lines) => {
    if (!get().narrationOn || lines.length === 0) return;
    // Several lines in one frame become one announcement, so a screen reader is not flooded at 50x.
    const text =
      lines.length > 3 ? `${lines.slice(0, 3).join(' ')} (+${lines.length - 3} more)` : lines.join(' ');
    set({ narration: [...get().narration, { id: nextId++, text }].slice(-NARRATION_KEEP) });
  },
  setSideTab: (sideTab) => set({ sideTab }),
  setBottomTab: (bottomTab) => set({ bottomTab, bottomOpen: true }),
  setBottomOpen: (bottomOpen) => set({ bottomOpen }),
  setEventFilter: (eventFilter) => set({ eventFilter }),
  notify: (kind, text, details) => {
    const id = nextId++;
    // The same message twice is shown once.
    const others = get().notices.filter((n) => n.text !== text);
    set({ notices: [...others, { id, kind, text, ...(details ? { details } : {}) }] });
    return id;
  },
  dismiss: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  runKubectl: async (command, stdin) => {
    const text = command.trim().replace(/^kubectl\s+/, '');
    if (!text) return;
    const add = (lines: ConsoleLine[]) =>
      set({ consoleLines: [...get().consoleLines, ...lines].slice(-CONSOLE_KEEP) });
    add([{ id: nextId++, kind: 'command', text: `$ kubectl ${text}` }]);
    const r = await get().sendInput({
      type: 'kubectl',
      command: text,
      ...(stdin !== undefined ? { stdin } : {}),
    });
    if (r.ok) {
      if (r.message) add([{ id: nextId++, kind: 'stdout', text: r.message }]);
    } else add([{ id: nextId++, kind: 'stderr', text: r.message, exitCode: r.exitCode }]);
  },
  clearConsole: () => set({ consoleLines: [] }),
  injectFault: async (input) => {
    set({ faultResult: null });
    const r = await get().sendInput(input);
    set({ faultResult: { ok: r.ok, text: r.message } });
  },
  setFaultResult: (faultResult) => set({ faultResult }),
});
