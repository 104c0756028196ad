import { describe, expect, it } from 'vitest';
import { decodeShare, SHARE_PARAM } from './codec';
import { hasShareLink } from './open';

describe('hasShareLink', () => {
  it('spots a share link exactly when the codec would read one', () => {
    expect(SHARE_PARAM).toBe('share');
    for (const hash of [
      '',
      '#',
      '#share=',
      '#share=v1.abc',
      'share=v9.x',
      '#shared=1',
      '#x=1&share=v1',
      '#Share=v1',
    ])
      expect(hasShareLink(hash), hash).toBe(decodeShare(hash).status !== 'none');
  });
});
