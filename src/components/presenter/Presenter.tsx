/**
 * Presenter mode for an instructor in front of a room: a toggle (or `?present=1`) that enlarges and
 * sharpens the whole page, keyboard shortcuts to break things on cue, and a big caption saying in one
 * sentence what the control plane just did. Space and "." (play/pause, step) are the shell's own keys;
 * this adds C (crash a random pod), K (kill a random node), R (restart), ←/→ (lesson steps) and ? (help).
 * No shortcut fires while the learner types in a field or the editor.
 */
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { AppStore } from '../../state/store';
import { useAppStore } from '../../state/react';
import { S } from '../../strings';
import { CaptionTracker } from './caption';
import { isTypingTarget, presenterAction, randomRunningPod, randomWorkingNode } from './keys';
import { ModalDialog } from './ModalDialog';
import type { PresenterStore } from './state';
import { presenterStore } from './state';
import './teaching.css';

/** Lesson navigation, when a lesson is open (provided by the lesson UI; absent otherwise). */
export interface LessonStepper {
  prevStep(): void;
  nextStep(): void;
}

let stepper: LessonStepper | null = null;
/** The lesson UI registers its step navigation here while a lesson is open; returns the unregister. */
export function registerLessonStepper(s: LessonStepper): () => void {
  stepper = s;
  return () => {
    if (stepper === s) stepper = null;
  };
}

/** Elements whose arrow keys already mean something (moving between tabs, toolbar buttons, sliders). */
const OWN_ARROWS =
  '[role="toolbar"], [role="tablist"], [role="slider"], [role="listbox"], [role="menu"], [role="radiogroup"]';

export function runPresenterKey(
  e: KeyboardEvent,
  app: AppStore,
  presenter: PresenterStore,
  random: () => number = Math.random,
): boolean {
  if (e.repeat || isTypingTarget(e.target)) return false;
  const action = presenterAction(e);
  if (!action) return false;
  const el = e.target as Element | null;
  if (el?.closest?.('dialog')) return false;
  if ((action === 'prev-step' || action === 'next-step') && el?.closest?.(OWN_ARROWS)) return false;
  const s = app.getState();
  const p = presenter.getState();
  switch (action) {
    case 'help':
      p.setHelpOpen(true);
      return true;
    case 'prev-step':
    case 'next-step':
      if (!stepper) return false;
      if (action === 'prev-step') stepper.prevStep();
      else stepper.nextStep();
      return true;
  }
  if (s.workerStatus !== 'running') return false;
  switch (action) {
    case 'crash': {
      const pod = randomRunningPod(s.mirror, random);
      if (!pod) p.setCaption(S.presenterNoPods);
      else
        void s.injectFault({
          type: 'fault',
          fault: { type: 'PodCrash', pod: pod.name, namespace: pod.namespace },
        });
      return true;
    }
    case 'kill': {
      const node = randomWorkingNode(s.mirror, random);
      if (!node) p.setCaption(S.presenterNoNodes);
      else void s.injectFault({ type: 'fault', fault: { type: 'NodeFailure', node } });
      return true;
    }
    case 'reset':
      s.reset();
      p.setCaption(null);
      return true;
  }
}

function usePresenter<T>(select: (s: ReturnType<PresenterStore['getState']>) => T): T {
  return useStore(presenterStore, select);
}

export function PresenterToggle() {
  const on = usePresenter((s) => s.on);
  const setOn = usePresenter((s) => s.setOn);
  const setHelpOpen = usePresenter((s) => s.setHelpOpen);
  return (
    <>
      <button
        type="button"
        className="presenter-toggle"
        aria-pressed={on}
        title={S.presenterHint}
        onClick={() => setOn(!on)}
      >
        {S.presenter}
      </button>
      {on && (
        <button
          type="button"
          className="quiet"
          aria-haspopup="dialog"
          aria-label={S.shortcutsTitle}
          title={S.shortcutsTitle}
          onClick={() => setHelpOpen(true)}
        >
          ?
        </button>
      )}
    </>
  );
}

function ShortcutsDialog() {
  const setHelpOpen = usePresenter((s) => s.setHelpOpen);
  return (
    <ModalDialog title={S.shortcutsTitle} onClose={() => setHelpOpen(false)} closeLabel={S.shortcutsClose}>
      <dl className="shortcut-list">
        {S.shortcuts.map(([key, what]) => (
          <div key={key} style={{ display: 'contents' }}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </ModalDialog>
  );
}

/** Mounted once in the shell: the root class, the shortcuts, the caption and the help dialog. */
export function PresenterLayer() {
  const app = useAppStore();
  const on = usePresenter((s) => s.on);
  const helpOpen = usePresenter((s) => s.helpOpen);
  const caption = usePresenter((s) => s.caption);
  const tracker = useRef(new CaptionTracker());

  useEffect(() => {
    if (!on) return;
    const root = document.documentElement;
    root.classList.add('presenter');
    const onKey = (e: KeyboardEvent) => {
      if (runPresenterKey(e, app, presenterStore)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    const t = tracker.current;
    t.reset();
    // The cluster gets the room: the events and console panel folds away (and comes back afterwards).
    const bottomWasOpen = app.getState().bottomOpen;
    app.getState().setBottomOpen(false);
    const unsubscribe = app.subscribe((s, prev) => {
      // What the presenter just broke is the first thing to say.
      if (s.faultResult && s.faultResult !== prev.faultResult)
        presenterStore.getState().setCaption(s.faultResult.text);
      if (s.mirror === prev.mirror) return;
      // A snapshot (load, seek, reset) replaces everything at once: nothing to narrate.
      if (s.activity !== prev.activity && s.activity.size === 0) {
        t.reset();
        return;
      }
      const text = t.update(prev.mirror, s.mirror);
      if (text) presenterStore.getState().setCaption(text);
    });
    return () => {
      root.classList.remove('presenter');
      app.getState().setBottomOpen(bottomWasOpen);
      window.removeEventListener('keydown', onKey);
      unsubscribe();
    };
  }, [on, app]);

  if (!on) return null;
  return (
    <>
      <div
        className="presenter-caption"
        role="status"
        aria-live="polite"
        aria-label={S.presenterCaption}
        data-testid="presenter-caption"
      >
        {caption ? (
          <p key={caption.id}>{caption.text}</p>
        ) : (
          <p className="presenter-caption-idle">{S.presenterCaptionIdle}</p>
        )}
      </div>
      {helpOpen && <ShortcutsDialog />}
    </>
  );
}
