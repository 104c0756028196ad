/**
 * networking.k8s.io/v1 Ingress validation, after ValidateIngressCreate/Update in pkg/apis/networking/validation:
 * rules or a defaultBackend, host format (DNS name, wildcard `*.` prefix, never an IP), pathType required and
 * supported, absolute paths without dot segments, one backend (service name and port name or number).
 * Left out: the ingress-class annotation check, TLS secret-name relaxation on update, status validation.
 */
import { registerAdmission } from '../admission';
import type { Ingress } from '../types';
import type { IngressBackend } from 'kubernetes-types/networking/v1';
import {
  invalidErr,
  isDNS1035Label,
  isDNS1123Subdomain,
  isIP,
  isValidPortName,
  isValidPortNum,
  maxLenError,
  notSupported,
  regexError,
  required,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './validation';
import type { Errors } from './validation';

export const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];
const WILDCARD_FMT = '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const WILDCARD_RE = new RegExp(`^${WILDCARD_FMT}$`);
const WILDCARD_MSG =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";

/** IsWildcardDNS1123Subdomain. */
export function isWildcardDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLenError(253));
  if (!WILDCARD_RE.test(v)) errs.push(regexError(WILDCARD_MSG, WILDCARD_FMT, '*.example.com'));
  return errs;
}

/** The host part of a rule: a DNS name, or `*.` plus one, never an IP address. */
export function validateIngressHost(host: string, field: string): Errors {
  const errs: Errors = [];
  if (isIP(host)) errs.push(invalidErr(field, host, 'must be a DNS name, not an IP address'));
  const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
  for (const m of msgs) errs.push(invalidErr(field, host, m));
  return errs;
}

export function validateIngressBackend(b: IngressBackend, field: string): Errors {
  const errs: Errors = [];
  if (b.resource && b.service)
    return [invalidErr(field, '', 'cannot set both resource and service backends')];
  if (b.resource) {
    if (!b.resource.kind) errs.push(required(`${field}.resource.kind`));
    if (!b.resource.name) errs.push(required(`${field}.resource.name`));
    return errs;
  }
  if (!b.service) return [invalidErr(field, '', 'resource or service backend is required')];
  const name = b.service.name;
  if (!name) errs.push(required(`${field}.service.name`));
  else for (const m of isDNS1035Label(name)) errs.push(invalidErr(`${field}.service.name`, name, m));
  const portName = b.service.port?.name ?? '';
  const portNumber = b.service.port?.number ?? 0;
  if (portName && portNumber) errs.push(invalidErr(field, '', 'cannot set both port name & port number'));
  else if (portName) {
    for (const m of isValidPortName(portName))
      errs.push(invalidErr(`${field}.service.port.name`, portName, m));
  } else if (portNumber) {
    for (const m of isValidPortNum(portNumber))
      errs.push(invalidErr(`${field}.service.port.number`, portNumber, m));
  } else errs.push(required(field, 'port name or number is required'));
  return errs;
}

export function validateIngress(ing: Ingress, old?: Ingress): Errors {
  const errs = validateObjectMeta(ing.metadata, true, isDNS1123Subdomain);
  if (old) errs.push(...validateObjectMetaUpdate(ing.metadata, old.metadata));
  const spec = ing.spec ?? {};
  const rules = spec.rules ?? [];
  if (rules.length === 0 && !spec.defaultBackend) {
    errs.push(invalidErr('spec', rules, 'either `defaultBackend` or `rules` must be specified', 'null'));
  }
  if (spec.defaultBackend) errs.push(...validateIngressBackend(spec.defaultBackend, 'spec.defaultBackend'));
  rules.forEach((r, i) => {
    const rp = `spec.rules[${i}]`;
    if (r.host) errs.push(...validateIngressHost(r.host, `${rp}.host`));
    if (!r.http) return;
    const paths = r.http.paths ?? [];
    if (paths.length === 0) errs.push(required(`${rp}.http.paths`));
    paths.forEach((p, j) => {
      const pp = `${rp}.http.paths[${j}]`;
      const path = p.path ?? '';
      if (!p.pathType) {
        errs.push(required(`${pp}.pathType`, 'pathType must be specified'));
        return;
      }
      if (p.pathType === 'Exact' || p.pathType === 'Prefix') {
        if (!path.startsWith('/')) errs.push(invalidErr(`${pp}.path`, path, 'must be an absolute path'));
        if (path.length > 0) {
          for (const seq of INVALID_PATH_SEQUENCES)
            if (path.includes(seq)) errs.push(invalidErr(`${pp}.path`, path, `must not contain '${seq}'`));
          for (const suf of INVALID_PATH_SUFFIXES)
            if (path.endsWith(suf)) errs.push(invalidErr(`${pp}.path`, path, `cannot end with '${suf}'`));
        }
      } else if (p.pathType === 'ImplementationSpecific') {
        if (path.length > 0 && !path.startsWith('/'))
          errs.push(invalidErr(`${pp}.path`, path, 'must be an absolute path'));
      } else {
        errs.push(notSupported(`${pp}.pathType`, p.pathType, PATH_TYPES));
      }
      errs.push(...validateIngressBackend(p.backend, `${pp}.backend`));
    });
  });
  (spec.tls ?? []).forEach((t, i) => {
    (t.hosts ?? []).forEach((h, j) => {
      const f = `spec.tls[${i}].hosts[${j}]`;
      const msgs = h.includes('*') ? isWildcardDNS1123Subdomain(h) : isDNS1123Subdomain(h);
      for (const m of msgs) errs.push(invalidErr(f, h, m));
    });
    if (t.secretName)
      for (const m of isDNS1123Subdomain(t.secretName))
        errs.push(invalidErr(`spec.tls[${i}].secretName`, t.secretName, m));
  });
  if (spec.ingressClassName !== undefined)
    for (const m of isDNS1123Subdomain(spec.ingressClassName))
      errs.push(invalidErr('spec.ingressClassName', spec.ingressClassName, m));
  return errs;
}

registerAdmission('Ingress', {
  validate: (i, ctx) => validateIngress(i, ctx.old as Ingress | undefined),
});
