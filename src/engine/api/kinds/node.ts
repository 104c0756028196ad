/** Node: allocatable defaults to capacity; names are DNS-1123 subdomains; taints unique by key and effect. */
import { registerAdmission } from '../admission';
import type { Node } from '../types';
import { clusterScopedMeta } from './common';
import {
  invalidErr,
  isDNS1123Subdomain,
  isLabelValue,
  isQualifiedName,
  notSupported,
  required,
  str,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './validation';
import type { Errors } from './validation';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export function defaultNode(node: Node): Node {
  const metadata = clusterScopedMeta(node.metadata);
  if (node.status?.capacity && !node.status.allocatable) {
    return { ...node, metadata, status: { ...node.status, allocatable: { ...node.status.capacity } } };
  }
  return { ...node, metadata };
}

function validCidr(c: string): boolean {
  const m = CIDR.exec(c);
  return !!m && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
}

export function validateNode(node: Node, old?: Node): Errors {
  const errs = validateObjectMeta(node.metadata, false, isDNS1123Subdomain);
  const seen = new Set<string>();
  (node.spec?.taints ?? []).forEach((t, i) => {
    const p = `spec.taints[${i}]`;
    for (const m of isQualifiedName(str(t.key))) errs.push(invalidErr(`${p}.key`, t.key, m));
    const vm = isLabelValue(str(t.value));
    if (vm.length) errs.push(invalidErr(`${p}.value`, t.value, vm.join(';')));
    if (!t.effect) errs.push(required(`${p}.effect`));
    else if (!EFFECTS.includes(t.effect)) errs.push(notSupported(`${p}.effect`, t.effect, EFFECTS));
    const k = `${t.key}|${t.effect}`;
    if (seen.has(k))
      errs.push({
        type: 'Duplicate value',
        field: p,
        value: t,
        detail: 'taints must be unique by key and effect pair',
      });
    seen.add(k);
  });
  for (const [i, c] of (node.spec?.podCIDRs ?? []).entries()) {
    if (!validCidr(c))
      errs.push(
        invalidErr(
          `spec.podCIDRs[${i}]`,
          c,
          'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
        ),
      );
  }
  if (old) {
    errs.push(...validateObjectMetaUpdate(node.metadata, old.metadata));
    if (old.spec?.podCIDR && node.spec?.podCIDR !== old.spec.podCIDR) {
      errs.push({
        type: 'Forbidden',
        field: 'spec.podCIDRs',
        detail: 'node updates may not change podCIDR except from "" to valid',
      });
    }
  }
  return errs;
}

registerAdmission('Node', {
  default: (n) => defaultNode(n),
  validate: (n, ctx) => validateNode(n, ctx.old as Node | undefined),
});
