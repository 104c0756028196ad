/** Pure helpers of presenter mode's shortcuts: where keys must not act, and what "random" picks. */
import type { ClusterMirror } from '../../state/mirror';
import { faultTargets } from '../../state/selectors';

/** Elements where the learner is typing (or where a key already means something): shortcuts stay off. */
const TYPING =
  'input, textarea, select, [contenteditable]:not([contenteditable="false"]), .monaco-editor, .xterm';

export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as { closest?: (s: string) => unknown } | null;
  if (!el || typeof el.closest !== 'function') return false;
  return Boolean(el.closest(TYPING));
}

/** A pod whose container is running (something a crash can hit), drawn with `random` (0 <= r < 1). */
export function randomRunningPod(
  mirror: ClusterMirror,
  random: () => number,
): { namespace: string; name: string } | undefined {
  const pods = faultTargets(mirror).pods.filter((p) => p.status === 'Running');
  return pods[Math.floor(random() * pods.length)];
}

/** A node whose machine is up and which reports Ready. */
export function randomWorkingNode(mirror: ClusterMirror, random: () => number): string | undefined {
  const nodes = faultTargets(mirror).nodes.filter((n) => !n.down && n.condition === 'Ready');
  return nodes[Math.floor(random() * nodes.length)]?.name;
}

export type PresenterAction = 'crash' | 'kill' | 'reset' | 'prev-step' | 'next-step' | 'help';

/** The presenter action of a key press, if any (Space and "." are the shell's own shortcuts). */
export function presenterAction(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): PresenterAction | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey) return undefined;
  switch (e.key) {
    case 'c':
    case 'C':
      return 'crash';
    case 'k':
    case 'K':
      return 'kill';
    case 'r':
    case 'R':
      return 'reset';
    case 'ArrowLeft':
      return 'prev-step';
    case 'ArrowRight':
      return 'next-step';
    case '?':
      return 'help';
    default:
      return undefined;
  }
}
