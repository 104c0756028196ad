import { describe, expect, it } from 'vitest';
import { loadSession, parseSession, saveSession, serializeSession, STORAGE_KEY } from './persist';
import { MemoryStorage } from './memoryStorage';

const good = {
  source: { kind: 'example' as const, name: 'self-healing' },
  inputs: [
    { t: 12, input: { type: 'fault' as const, fault: { type: 'PodCrash' as const, pod: 'web-1' } } },
    { t: 30, input: { type: 'apply' as const, manifests: 'kind: Deployment' } },
  ],
  t: 45.5,
  yaml: 'apiVersion: apps/v1\n# mine\n',
};

describe('saved session', () => {
  it('round-trips', () => {
    const r = parseSession(serializeSession(good));
    expect(r).toEqual({ status: 'ok', session: { version: 1, ...good } });
  });

  it('treats no saved session as none', () => {
    expect(parseSession(null)).toEqual({ status: 'none' });
  });

  it.each([
    ['not JSON', '{"version": 1,'],
    ['another version', JSON.stringify({ ...good, version: 2 })],
    ['a negative time', serializeSession({ ...good, t: -1 })],
    ['an absurd time', serializeSession({ ...good, t: 1e12 })],
    ['a time that is not a number', JSON.stringify({ version: 1, ...good, t: '12' })],
    ['inputs out of order', serializeSession({ ...good, inputs: [...good.inputs].reverse() })],
    [
      'an unknown input type',
      JSON.stringify({ version: 1, ...good, inputs: [{ t: 1, input: { type: 'rm -rf' } }] }),
    ],
    ['an unknown source', JSON.stringify({ version: 1, ...good, source: { kind: 'url', name: 'http://x' } })],
    [
      'an example name with a path',
      JSON.stringify({ version: 1, ...good, source: { kind: 'example', name: '../x' } }),
    ],
    ['YAML that is not text', JSON.stringify({ version: 1, ...good, yaml: 42 })],
    ['an array', '[]'],
  ])('discards %s', (_what, text) => {
    expect(parseSession(text)).toEqual({ status: 'discarded' });
  });

  it('removes a discarded session from storage so the message shows once', () => {
    const s = new MemoryStorage();
    s.setItem(STORAGE_KEY, '{oops');
    expect(loadSession(s as unknown as Storage).status).toBe('discarded');
    expect(s.getItem(STORAGE_KEY)).toBeNull();
    expect(loadSession(s as unknown as Storage).status).toBe('none');
  });

  it('survives a storage that throws', () => {
    const broken = {
      getItem() {
        throw new Error('denied');
      },
      setItem() {
        throw new Error('full');
      },
    } as unknown as Storage;
    expect(loadSession(broken)).toEqual({ status: 'none' });
    expect(saveSession(broken, good)).toBe(false);
    expect(loadSession(null)).toEqual({ status: 'none' });
  });
});
