import { describe, expect, it } from 'vitest';
import { ApiServer } from '../apiserver';
import { decodeBase64, encodeBase64, utf8Bytes } from '../base64';
import { ApiError } from '../errors';
import { Store } from '../store';
import { Rng, seedRng } from '../../base/rng';
import type { ConfigMap, Secret } from '../types';

function api(): ApiServer {
  const a = new ApiServer(new Store(), () => 0, new Rng(seedRng(1)));
  a.create('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return a;
}

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

const secret = (extra: Partial<Secret>): Secret => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'default' },
  ...extra,
});

describe("Go's base64 decoder", () => {
  it('decodes padded input and ignores newlines', () => {
    expect(decodeBase64('aGVsbG8=')).toEqual({ bytes: 'hello' });
    expect(decodeBase64('aGVs\nbG8h')).toEqual({ bytes: 'hello!' });
    expect(decodeBase64('')).toEqual({ bytes: '' });
    expect(encodeBase64(utf8Bytes('hunter2'))).toBe('aHVudGVyMg==');
  });

  it('reports the byte Go reports', () => {
    expect(decodeBase64('hello!')).toMatchObject({ error: 'illegal base64 data at input byte 5' });
    // Missing padding: Go blames the start of the last quantum.
    expect(decodeBase64('abc')).toMatchObject({ error: 'illegal base64 data at input byte 0' });
    expect(decodeBase64('aGVsbG8')).toMatchObject({ error: 'illegal base64 data at input byte 4' });
    expect(decodeBase64('a===')).toMatchObject({ error: 'illegal base64 data at input byte 1' });
    expect(decodeBase64('aGk=x')).toMatchObject({ error: 'illegal base64 data at input byte 4' });
    expect(decodeBase64('plain text')).toMatchObject({ error: 'illegal base64 data at input byte 5' });
  });
});

describe('Secret admission', () => {
  it('refuses data that is not base64 as the request decoder does (BadRequest)', () => {
    const e = errorOf(() => api().create('Secret', secret({ data: { password: 's3cr3t!' } })));
    expect(e.reason).toBe('BadRequest');
    expect(e.message).toBe(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 6',
    );
  });

  it('defaults type Opaque and folds stringData into data, never storing it', () => {
    const s = api().create(
      'Secret',
      secret({ data: { user: 'YWRh' }, stringData: { password: 'hunter2', user: 'bob' } }),
    );
    expect(s.type).toBe('Opaque');
    expect(s.data).toEqual({ user: 'Ym9i', password: 'aHVudGVyMg==' });
    expect('stringData' in s).toBe(false);
  });

  it('validates keys, typed secrets and the immutable type', () => {
    const a = api();
    expect(errorOf(() => a.create('Secret', secret({ stringData: { 'bad key': 'x' } }))).message).toBe(
      `Secret "db" is invalid: data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    );
    expect(errorOf(() => a.create('Secret', secret({ type: 'kubernetes.io/tls', data: {} }))).message).toBe(
      'Secret "db" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]',
    );
    const s = a.create('Secret', secret({ stringData: { a: 'b' } }));
    expect(errorOf(() => a.update('Secret', { ...s, type: 'example.com/token' })).message).toBe(
      'Secret "db" is invalid: type: Invalid value: "example.com/token": field is immutable',
    );
  });
});

describe('ConfigMap admission', () => {
  const cm = (extra: Partial<ConfigMap>): ConfigMap => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'app-config', namespace: 'default' },
    ...extra,
  });

  it('checks data keys with the config-key rule', () => {
    const a = api();
    expect(errorOf(() => a.create('ConfigMap', cm({ data: { '..hidden': 'x' } }))).message).toBe(
      `ConfigMap "app-config" is invalid: data[..hidden]: Invalid value: "..hidden": must not start with '..'`,
    );
    expect(
      errorOf(() => a.create('ConfigMap', cm({ data: { a: 'x' }, binaryData: { a: 'eA==' } }))).message,
    ).toBe(
      'ConfigMap "app-config" is invalid: data[a]: Invalid value: "a": duplicate of key present in binaryData',
    );
  });

  it('freezes data once immutable', () => {
    const a = api();
    const c = a.create('ConfigMap', cm({ data: { a: '1' }, immutable: true }));
    expect(errorOf(() => a.update('ConfigMap', { ...c, data: { a: '2' } })).message).toBe(
      'ConfigMap "app-config" is invalid: data: Forbidden: field is immutable when `immutable` is set',
    );
  });
});
