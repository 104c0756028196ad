import { describe, expect, it } from 'vitest';
import { attachAddress } from './remote';

describe('attachAddress', () => {
  it('takes a loopback address and keeps only its origin', () => {
    expect(attachAddress('?attach=http://127.0.0.1:6443')).toEqual({ url: 'http://127.0.0.1:6443' });
    expect(attachAddress('?attach=http://localhost:7000/anything?x=1')).toEqual({
      url: 'http://localhost:7000',
    });
    expect(attachAddress('?attach=http://[::1]:6443')).toEqual({ url: 'http://[::1]:6443' });
  });

  it('refuses any address that is not local, and anything that is not an http URL', () => {
    for (const bad of [
      'http://example.com:6443',
      'http://10.0.0.5:6443',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'nonsense',
    ]) {
      expect(attachAddress(`?attach=${encodeURIComponent(bad)}`)).toEqual({ error: bad });
    }
  });

  it('is nothing without the parameter: the client-only default', () => {
    expect(attachAddress('?scenario=node-loss')).toBeUndefined();
  });
});
