/**
 * ResourceQuota (core/v1 ValidateResourceQuota): names, spec.hard quantities that parse and are not
 * negative, whole numbers for object counts. Loads the quota admission plugin (api/quota.ts) with the kind.
 * Left out: scopes and scopeSelector validation (scopes are not enforced).
 */
import '../quota';
import { registerAdmission } from '../admission';
import { parseQuantity } from '../quantity';
import type { ResourceQuota } from '../types';
import {
  invalidErr,
  isDNS1123Subdomain,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validateQuantity,
} from './validation';
import type { Errors } from './validation';

const INTEGER_RESOURCES =
  /^(pods|services|configmaps|secrets|persistentvolumeclaims|resourcequotas|replicationcontrollers|services\.loadbalancers|services\.nodeports|count\/.+)$/;

export function validateResourceQuota(q: ResourceQuota, old?: ResourceQuota): Errors {
  const errs = validateObjectMeta(q.metadata, true, isDNS1123Subdomain);
  for (const [k, v] of Object.entries(q.spec?.hard ?? {})) {
    const field = `spec.hard[${k}]`;
    const qe = validateQuantity(v, field);
    errs.push(...qe);
    const n = parseQuantity(v);
    if (!qe.length && INTEGER_RESOURCES.test(k) && n !== undefined && !Number.isInteger(n)) {
      errs.push(invalidErr(field, String(v), 'must be an integer'));
    }
  }
  if (old) errs.push(...validateObjectMetaUpdate(q.metadata, old.metadata));
  return errs;
}

registerAdmission('ResourceQuota', {
  validate: (q, ctx) => validateResourceQuota(q, ctx.old as ResourceQuota | undefined),
});
