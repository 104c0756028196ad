/**
 * ConfigMap (core/v1 ValidateConfigMap): DNS-1123 subdomain names, data and binaryData keys that are valid
 * config keys and not both, the 1 MiB total, and `immutable` (once true, data and the flag itself are frozen).
 * Left out: binaryData's own base64 decoding (values are kept as written).
 */
import { registerAdmission } from '../admission';
import type { ConfigMap } from '../types';
import {
  forbidden,
  invalidErr,
  isDNS1123Subdomain,
  maxLenError,
  regexError,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './validation';
import type { Errors } from './validation';
import { stableJson } from './common';

/** corev1.MaxSecretSize, which ConfigMaps share (validation's "1 MiB" limit on the data). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

const CONFIG_KEY_FMT = '[-._a-zA-Z0-9]+';
const CONFIG_KEY_RE = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";

/** IsConfigMapKey: the rule for ConfigMap and Secret data keys (also projected file names). */
export function isConfigMapKey(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push(maxLenError(253));
  if (!CONFIG_KEY_RE.test(key))
    errs.push(regexError(CONFIG_KEY_MSG, CONFIG_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'));
  if (key === '.') errs.push("must not be '.'");
  else if (key === '..') errs.push("must not be '..'");
  else if (key.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

export function validateDataKeys(data: Readonly<Record<string, unknown>> | undefined, field: string): Errors {
  const errs: Errors = [];
  for (const key of Object.keys(data ?? {})) {
    for (const m of isConfigMapKey(key)) errs.push(invalidErr(`${field}[${key}]`, key, m));
  }
  return errs;
}

function size(data: Readonly<Record<string, string>> | undefined): number {
  let n = 0;
  for (const [k, v] of Object.entries(data ?? {})) n += k.length + (typeof v === 'string' ? v.length : 0);
  return n;
}

export function validateConfigMap(cm: ConfigMap, old?: ConfigMap): Errors {
  const errs = validateObjectMeta(cm.metadata, true, isDNS1123Subdomain);
  errs.push(...validateDataKeys(cm.data, 'data'));
  errs.push(...validateDataKeys(cm.binaryData, 'binaryData'));
  for (const key of Object.keys(cm.binaryData ?? {})) {
    if (cm.data && Object.prototype.hasOwnProperty.call(cm.data, key)) {
      errs.push(invalidErr(`data[${key}]`, key, 'duplicate of key present in binaryData'));
    }
  }
  if (size(cm.data) + size(cm.binaryData) > MAX_CONFIG_BYTES) {
    errs.push({ type: 'Too long', field: '', detail: `may not be more than ${MAX_CONFIG_BYTES} bytes` });
  }
  if (old) {
    errs.push(...validateObjectMetaUpdate(cm.metadata, old.metadata));
    if (old.immutable === true) {
      if (cm.immutable !== true)
        errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
      if (stableJson(cm.data ?? {}) !== stableJson(old.data ?? {}))
        errs.push(forbidden('data', 'field is immutable when `immutable` is set'));
      if (stableJson(cm.binaryData ?? {}) !== stableJson(old.binaryData ?? {}))
        errs.push(forbidden('binaryData', 'field is immutable when `immutable` is set'));
    }
  }
  return errs;
}

registerAdmission('ConfigMap', {
  validate: (cm, ctx) => validateConfigMap(cm, ctx.old as ConfigMap | undefined),
});
