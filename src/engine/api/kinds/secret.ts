/**
 * Secret (core/v1): `data` values must be base64, or the JSON decoder refuses the whole request with Go's
 * "illegal base64 data at input byte N"; `stringData` is merged over `data` on every write and never stored;
 * `type` defaults to Opaque and is immutable; typed secrets need their keys (ValidateSecret). Values are kept
 * base64-encoded, as the API returns them. Left out: service-account-token population, dockercfg JSON checks.
 */
import { registerAdmission } from '../admission';
import { decodeBase64, encodeBase64, utf8Bytes } from '../base64';
import { ApiError } from '../errors';
import type { Secret } from '../types';
import { stableJson } from './common';
import { MAX_CONFIG_BYTES, validateDataKeys } from './configmap';
import {
  forbidden,
  IMMUTABLE,
  invalidErr,
  isDNS1123Subdomain,
  required,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './validation';
import type { Errors } from './validation';

/** Keys a typed secret must carry (ValidateSecret). */
const REQUIRED_KEYS: Readonly<Record<string, readonly string[]>> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

/** What the request decoder says about `data`: the first value that is not base64 fails the request. */
export function decodeSecretData(secret: Secret): void {
  for (const v of Object.values(secret.data ?? {})) {
    const r = decodeBase64(typeof v === 'string' ? v : String(v));
    if ('error' in r) {
      throw new ApiError('BadRequest', `Secret in version "v1" cannot be handled as a Secret: ${r.error}`);
    }
  }
}

/** Conversion and defaulting: stringData folded into data (base64), type Opaque when empty. */
export function defaultSecret(secret: Secret): Secret {
  decodeSecretData(secret);
  const { stringData, ...rest } = secret;
  const data: Record<string, string> = { ...secret.data };
  for (const [k, v] of Object.entries(stringData ?? {})) data[k] = encodeBase64(utf8Bytes(String(v)));
  const out: Secret = { ...rest, type: secret.type || 'Opaque' };
  if (secret.data || stringData) out.data = data;
  return out;
}

/** The decoded byte length of the data (the 1 MiB limit counts bytes, not base64 text). */
function dataSize(data: Readonly<Record<string, string>> | undefined): number {
  let n = 0;
  for (const v of Object.values(data ?? {})) {
    const r = decodeBase64(v);
    n += 'bytes' in r ? r.bytes.length : v.length;
  }
  return n;
}

export function validateSecret(secret: Secret, old?: Secret): Errors {
  const errs = validateObjectMeta(secret.metadata, true, isDNS1123Subdomain);
  errs.push(...validateDataKeys(secret.data, 'data'));
  if (dataSize(secret.data) > MAX_CONFIG_BYTES) {
    errs.push({ type: 'Too long', field: 'data', detail: `may not be more than ${MAX_CONFIG_BYTES} bytes` });
  }
  const type = secret.type ?? 'Opaque';
  for (const key of REQUIRED_KEYS[type] ?? []) {
    if (!Object.prototype.hasOwnProperty.call(secret.data ?? {}, key)) errs.push(required(`data[${key}]`));
  }
  if (type === 'kubernetes.io/basic-auth') {
    const d = secret.data ?? {};
    if (!('username' in d) && !('password' in d)) {
      errs.push(required('data[username]'), required('data[password]'));
    }
  }
  if (old) {
    errs.push(...validateObjectMetaUpdate(secret.metadata, old.metadata));
    if ((old.type ?? 'Opaque') !== type) errs.push(invalidErr('type', type, IMMUTABLE));
    if (old.immutable === true) {
      if (secret.immutable !== true)
        errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
      if (stableJson(secret.data ?? {}) !== stableJson(old.data ?? {}))
        errs.push(forbidden('data', 'field is immutable when `immutable` is set'));
    }
  }
  return errs;
}

registerAdmission('Secret', {
  default: (s) => defaultSecret(s),
  validate: (s, ctx) => validateSecret(s, ctx.old as Secret | undefined),
});
