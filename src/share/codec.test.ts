import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { SharedState } from './codec';
import { decodeShare, encodeShare, fromBase64Url, MAX_FRAGMENT, toBase64Url } from './codec';
import { openShare } from './open';
import { S } from '../strings';

const state: SharedState = {
  source: { kind: 'example', name: 'self-healing' },
  inputs: [
    { t: 12, input: { type: 'fault', fault: { type: 'PodCrash', pod: 'shop-1', namespace: 'default' } } },
    { t: 30.5, input: { type: 'kubectl', command: 'scale deployment/shop --replicas=5' } },
    { t: 31, input: { type: 'kubectl', command: 'apply -f -', stdin: 'kind: ConfigMap\n' } },
    { t: 44, input: { type: 'apply', manifests: 'apiVersion: apps/v1\nkind: Deployment\n' } },
  ],
  t: 61.25,
  yaml: 'apiVersion: apps/v1\nkind: Deployment # mine, with ünïcödé ✓\n',
};

function encoded(s: SharedState): string {
  const r = encodeShare(s);
  if (!r.ok) throw new Error('refused');
  return r.fragment;
}

/** A fragment carrying arbitrary JSON text, correctly compressed (what a deliberate tamperer would make). */
function forged(json: string): string {
  return `share=v1.${toBase64Url(zlibSync(new TextEncoder().encode(json)))}`;
}

describe('share links', () => {
  it('round-trip the scenario, the input log with times, the time and the YAML', () => {
    const f = encoded(state);
    expect(f).toMatch(/^share=v1\.[A-Za-z0-9_-]+$/);
    expect(decodeShare(`#${f}`)).toEqual({ status: 'ok', state });
    expect(decodeShare(f)).toEqual({ status: 'ok', state });
  });

  it('leave the YAML out when it is the scenario’s own, and keep a file scenario’s text', () => {
    const file: SharedState = {
      source: { kind: 'file', name: 'mine.yaml', text: 'apiVersion: setpoint.dev/v1\nkind: Scenario\n' },
      inputs: [],
      t: 0,
    };
    const r = decodeShare(encoded(file));
    expect(r).toEqual({ status: 'ok', state: file });
    expect(r.status === 'ok' && 'yaml' in r.state).toBe(false);
  });

  it('are short for an ordinary session', () => {
    expect(encoded(state).length).toBeLessThan(600);
  });

  it('refuse a state that would not fit in a link', () => {
    // Text that does not compress: a pseudo-random YAML comment.
    let seed = 7;
    let noise = '';
    for (let i = 0; i < 12_000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      noise += String.fromCharCode(33 + (seed % 90));
    }
    const r = encodeShare({ ...state, yaml: `# ${noise}\n` });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe('too-large');
    expect(!r.ok && r.size).toBeGreaterThan(MAX_FRAGMENT);
  });

  it('ignore a fragment that is not a share link', () => {
    expect(decodeShare('')).toEqual({ status: 'none' });
    expect(decodeShare('#cluster')).toEqual({ status: 'none' });
  });

  const good = encoded(state);
  const body = good.slice('share=v1.'.length);
  it.each([
    ['a truncated link', good.slice(0, good.length - 9)],
    [
      'one character changed',
      `share=v1.${body.slice(0, 40)}${body[40] === 'A' ? 'B' : 'A'}${body.slice(41)}`,
    ],
    ['characters outside base64url', `share=v1.${body.slice(0, 20)}+/=${body.slice(23)}`],
    ['no version', `share=${body}`],
    ['an empty payload', 'share=v1.'],
    ['bytes that are not zlib', `share=v1.${toBase64Url(new TextEncoder().encode('hello, world'))}`],
    ['compressed text that is not JSON', forged('{"source": ')],
    ['JSON that is not an object', forged('[1,2,3]')],
    ['an unknown source', forged(JSON.stringify({ ...state, source: { kind: 'url', name: 'http://x' } }))],
    [
      'an example name with a path',
      forged(JSON.stringify({ ...state, source: { kind: 'example', name: '../../etc' } })),
    ],
    ['a negative time', forged(JSON.stringify({ ...state, t: -5 }))],
    ['an absurd time', forged(JSON.stringify({ ...state, t: 1e9 }))],
    ['inputs out of order', forged(JSON.stringify({ ...state, inputs: [...state.inputs].reverse() }))],
    ['an unknown input', forged(JSON.stringify({ ...state, inputs: [{ t: 1, input: { type: 'eval' } }] }))],
    ['YAML that is not text', forged(JSON.stringify({ ...state, yaml: { x: 1 } }))],
  ])('explain instead of opening %s', async (_what, fragment) => {
    expect(decodeShare(fragment)).toEqual({ status: 'invalid', reason: 'damaged' });
    expect(await openShare(`#${fragment}`)).toEqual({ shared: null, problem: S.shareDamaged });
  });

  it('tell a link from another version apart', async () => {
    expect(decodeShare(`share=v2.${body}`)).toEqual({ status: 'invalid', reason: 'version' });
    expect((await openShare(`#share=v9.${body}`)).problem).toBe(S.shareOtherVersion);
  });

  it('refuse a link longer than any it makes, before decoding it', async () => {
    const long = `share=v1.${'A'.repeat(MAX_FRAGMENT)}`;
    expect(decodeShare(long)).toEqual({ status: 'invalid', reason: 'too-large' });
    expect((await openShare(`#${long}`)).problem).toBe(S.shareTooLong);
  });

  it('refuse a small link that would inflate into something huge', () => {
    const bomb = `share=v1.${toBase64Url(zlibSync(new Uint8Array(4 * 1024 * 1024).fill(32), { level: 9 }))}`;
    expect(bomb.length).toBeLessThan(MAX_FRAGMENT);
    expect(decodeShare(bomb)).toEqual({ status: 'invalid', reason: 'damaged' });
  });

  it('base64url round-trips every length', () => {
    for (let n = 0; n < 20; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    }
    expect(fromBase64Url('A')).toBeUndefined();
  });
});
