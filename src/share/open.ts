/**
 * Opening a share link at start-up: read `#share=...` once, turn it into what `connectEngine` opens
 * (`shared`: the state, or null for "the link was unreadable: open the default scenario") and a notice
 * explaining a bad link, then drop the fragment from the address bar so a later reload restores the
 * learner's own session instead of replaying the link again.
 */
import { S } from '../strings';
import type { SharedState } from './codec';
import { decodeShare } from './codec';

export interface OpenedShare {
  /** undefined: no share link; null: a link that could not be opened. */
  readonly shared: SharedState | null | undefined;
  /** A notice for the learner when the link could not be opened. */
  readonly problem?: string;
}

export function openShare(hash: string): OpenedShare {
  const r = decodeShare(hash);
  if (r.status === 'none') return { shared: undefined };
  if (r.status === 'ok') return { shared: r.state };
  const problem =
    r.reason === 'version' ? S.shareOtherVersion : r.reason === 'too-large' ? S.shareTooLong : S.shareDamaged;
  return { shared: null, problem };
}

/** Remove the share fragment from the address bar (keeps the path and query). */
export function forgetShareFragment(): void {
  try {
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}`);
  } catch {
    // Not fatal: a reload would simply open the same link again.
  }
}

/**
 * At start-up: explain a bad link, drop the fragment, and return the `connectEngine` options that open it.
 * A share link pasted into an open tab only changes the fragment, so that reloads the page to open it.
 */
export function shareStart(
  opened: OpenedShare,
  notify: (kind: 'error', text: string) => void,
): { shared?: SharedState | null } {
  if (opened.shared === undefined) return {};
  if (opened.problem) notify('error', opened.problem);
  forgetShareFragment();
  return { shared: opened.shared };
}

export function reloadOnShareLink(): () => void {
  const onHash = () => {
    if (decodeShare(window.location.hash).status !== 'none') window.location.reload();
  };
  window.addEventListener('hashchange', onHash);
  return () => window.removeEventListener('hashchange', onHash);
}
