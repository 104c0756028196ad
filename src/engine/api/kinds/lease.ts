/** coordination.k8s.io/v1 Lease: DNS-1123 subdomain names, positive durations, non-negative transitions. */
import { registerAdmission } from '../admission';
import type { Lease } from '../types';
import { invalidErr, isDNS1123Subdomain, NONNEGATIVE, validateObjectMeta } from './validation';
import type { Errors } from './validation';

export function validateLease(lease: Lease): Errors {
  const errs = validateObjectMeta(lease.metadata, true, isDNS1123Subdomain);
  const d = lease.spec?.leaseDurationSeconds;
  if (d !== undefined && d <= 0)
    errs.push(invalidErr('spec.leaseDurationSeconds', d, 'must be greater than 0'));
  const t = lease.spec?.leaseTransitions;
  if (t !== undefined && t < 0) errs.push(invalidErr('spec.leaseTransitions', t, NONNEGATIVE));
  return errs;
}

registerAdmission('Lease', { validate: (l) => validateLease(l) });
