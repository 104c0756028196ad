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
function forged(json: string, version = 'v1'): string {
  return `share=${version}.${toBase64Url(zlibSync(new TextEncoder().encode(json)))}`;
}

/** A link made by the v1 encoder (before lessons were shared), kept verbatim: such links must keep opening. */
const V1_LINK =
  'share=v1.eNptkMtOwzAQRX_FmnVMKVAeltj1A1ixISwm9oRa9Uuxg4gi_zuelsemK0vXuufMzAo5zpMmUCscbTCggL7QJ0fQQUDfPiCTG-WB0NnwAbUDG9JcMqi3FQqo3U_AhLIkLow4u9L65_c_f4lmT44Ks1NkVz7EJO_N0_igH4edxEGbX3FOyGOBoTOm1tqdhNubqwvO4zyQLq6VdfQeT5tkjY6EoeTi4imUDeuElFNLrMb8fNeo7x1Db687WNC71sJkX2nKNgYlMKW8-dz2gW-jxP4P1QdPBQ0WVGLlcZVgeO0D1G8AMXKc';

const inLesson: SharedState = {
  source: {
    kind: 'file',
    name: 'thermostat.lesson',
    text: 'apiVersion: setpoint.dev/v1alpha1\nkind: Scenario\n',
  },
  inputs: [{ t: 14, input: { type: 'apply', manifests: 'kind: Deployment\n' } }],
  t: 40,
  lesson: { kind: 'builtin', id: 'thermostat', step: 2, stepStart: { t: 21, inputs: 1 } },
};

describe('share links', () => {
  it('round-trip the scenario, the input log with times, the time and the YAML', () => {
    const f = encoded(state);
    expect(f).toMatch(/^share=v2\.[A-Za-z0-9_-]+$/);
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

  it('carry the lesson and step they were made in', () => {
    expect(decodeShare(encoded(inLesson))).toEqual({ status: 'ok', state: inLesson });
    const byUrl: SharedState = {
      ...inLesson,
      lesson: { kind: 'url', url: '/lessons/mine.yaml?v=2', id: 'scale-the-shop', step: 1 },
    };
    expect(decodeShare(encoded(byUrl))).toEqual({ status: 'ok', state: byUrl });
    const fromFile: SharedState = { ...inLesson, lesson: { kind: 'file', id: 'scale-the-shop' } };
    expect(decodeShare(encoded(fromFile))).toEqual({ status: 'ok', state: fromFile });
  });

  it('still open v1 links, made before lessons were shared', async () => {
    expect(decodeShare(V1_LINK)).toEqual({
      status: 'ok',
      state: {
        source: { kind: 'example', name: 'self-healing' },
        inputs: [
          {
            t: 5,
            input: {
              type: 'fault',
              fault: { type: 'PodDelete', pod: 'shop-6d9f7c8b5-abcde', namespace: 'default' },
            },
          },
          { t: 12.5, input: { type: 'kubectl', command: 'scale deployment/shop --replicas=4' } },
        ],
        t: 30,
        yaml: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: shop}\n',
      },
    });
    expect((await openShare(`#${V1_LINK}`)).problem).toBeUndefined();
    // v1 had no lesson: a v1 payload claiming one is read as v1 always was, without it.
    const r = decodeShare(forged(JSON.stringify(inLesson), 'v1'));
    expect(r.status === 'ok' && r.state.lesson).toBeUndefined();
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

  const badLesson = (lesson: unknown) => forged(JSON.stringify({ ...inLesson, lesson }), 'v2');
  it.each([
    ['an unknown kind of lesson', badLesson({ kind: 'remote', id: 'thermostat', step: 1 })],
    ['a lesson id that is not an id', badLesson({ kind: 'builtin', id: '../etc', step: 1 })],
    ['step 0', badLesson({ kind: 'builtin', id: 'thermostat', step: 0 })],
    ['a fractional step', badLesson({ kind: 'builtin', id: 'thermostat', step: 1.5 })],
    ['a step given as text', badLesson({ kind: 'builtin', id: 'thermostat', step: '2' })],
    [
      'a negative step start',
      badLesson({ kind: 'builtin', id: 'thermostat', step: 2, stepStart: { t: -1, inputs: 0 } }),
    ],
    ['an extra field', badLesson({ kind: 'builtin', id: 'thermostat', step: 2, html: '<b>' })],
    [
      'a lesson URL on another site',
      badLesson({ kind: 'url', url: '//evil.example/x.yaml', id: 'x', step: 1 }),
    ],
    [
      'a lesson URL with a scheme',
      badLesson({ kind: 'url', url: 'https://evil.example/x', id: 'x', step: 1 }),
    ],
    ['a file lesson with a step', badLesson({ kind: 'file', id: 'x', step: 1 })],
    ['a lesson that is not an object', badLesson('thermostat')],
  ])('explain instead of opening a link with %s', async (_what, fragment) => {
    expect(decodeShare(fragment)).toEqual({ status: 'invalid', reason: 'damaged' });
    expect(await openShare(`#${fragment}`)).toEqual({ shared: null, problem: S.shareDamaged });
  });

  it('tell a link from another version apart', async () => {
    expect(decodeShare(`share=v3.${body}`)).toEqual({ status: 'invalid', reason: 'version' });
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
