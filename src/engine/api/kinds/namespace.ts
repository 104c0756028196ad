/** Namespace: the metadata.name label, the "kubernetes" finalizer and phase Active; names are DNS-1123 labels. */
import { registerAdmission } from '../admission';
import type { Namespace } from '../types';
import { clusterScopedMeta } from './common';
import {
  invalidErr,
  isDNS1123Label,
  isQualifiedName,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './validation';
import type { Errors } from './validation';

export function defaultNamespace(ns: Namespace, create: boolean): Namespace {
  const meta = clusterScopedMeta(ns.metadata);
  const name = meta.name ?? '';
  const out: Namespace = {
    ...ns,
    metadata: name ? { ...meta, labels: { ...meta.labels, 'kubernetes.io/metadata.name': name } } : meta,
    status: { ...ns.status, phase: ns.status?.phase || 'Active' },
  };
  if (create && !(ns.spec?.finalizers ?? []).includes('kubernetes')) {
    out.spec = { ...ns.spec, finalizers: [...(ns.spec?.finalizers ?? []), 'kubernetes'] };
  }
  return out;
}

export function validateNamespace(ns: Namespace, old?: Namespace): Errors {
  const errs = validateObjectMeta(ns.metadata, false, isDNS1123Label);
  (ns.spec?.finalizers ?? []).forEach((f, i) => {
    for (const m of isQualifiedName(f)) errs.push(invalidErr(`spec.finalizers[${i}]`, f, m));
  });
  if (old) errs.push(...validateObjectMetaUpdate(ns.metadata, old.metadata));
  return errs;
}

registerAdmission('Namespace', {
  default: (ns, ctx) => defaultNamespace(ns, ctx.old === undefined),
  validate: (ns, ctx) => validateNamespace(ns, ctx.old as Namespace | undefined),
});
