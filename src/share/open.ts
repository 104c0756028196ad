/**
 * Opening a share link at start-up: read `#share=...` once, turn it into what `connectEngine` opens
 * (`shared`: the state, or null for "the link was unreadable: open the default scenario") and a notice
 * explaining a bad link, then drop the fragment from the address bar so a later reload restores the
 * learner's own session instead of replaying the link again.
 */
import { S } from '../strings';
import type { DecodeResult, SharedState } from './codec';

/** The share codec (with its zlib, fflate) loads only when a link is opened or made. */
export function loadShareCodec() {
  return import('./codec');
}

/**
 * Whether `hash` carries a share link. The prefix is codec.ts's `SHARE_PARAM` and `=` (open.test.ts keeps
 * them equal), written out here so that a page without a link never loads the codec.
 */
export function hasShareLink(hash: string): boolean {
  return (hash.startsWith('#') ? hash.slice(1) : hash).startsWith('share=');
}

export interface OpenedShare {
  /** undefined: no share link; null: a link that could not be opened. */
  readonly shared: SharedState | null | undefined;
  /** A notice for the learner when the link could not be opened. */
  readonly problem?: string;
}

/** Read the share link in `hash`, if any (loading the codec only then). */
export async function openShare(hash: string): Promise<OpenedShare> {
  if (!hasShareLink(hash)) return { shared: undefined };
  let r: DecodeResult;
  try {
    r = (await loadShareCodec()).decodeShare(hash);
  } catch {
    // The codec's chunk could not be fetched (offline after a new release).
    return { shared: null, problem: S.shareUnavailable };
  }
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
    if (hasShareLink(window.location.hash)) window.location.reload();
  };
  window.addEventListener('hashchange', onHash);
  return () => window.removeEventListener('hashchange', onHash);
}
