/**
 * discovery.k8s.io/v1 EndpointSlice, kept minimal: ports default to protocol TCP and name "", addressType must
 * be one of the supported ones, every endpoint needs an address (IPs for IPv4), at most 1000 endpoints.
 * Left out: FQDN address checks, IPv6 parsing, hints, the managed-by label's immutability.
 */
import { registerAdmission } from '../admission';
import type { EndpointSlice } from '../types';
import { PROTOCOLS } from './podspec';
import {
  invalidErr,
  IP_MESSAGE,
  isDNS1123Subdomain,
  isIPv4,
  isValidPortNum,
  notSupported,
  required,
  validateObjectMeta,
} from './validation';
import type { Errors } from './validation';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
export const MAX_ENDPOINTS_PER_SLICE_API = 1000;

export function defaultEndpointSlice(s: EndpointSlice): EndpointSlice {
  if (!s.ports) return s;
  return {
    ...s,
    ports: s.ports.map((p) => ({ ...p, name: p.name ?? '', protocol: p.protocol || 'TCP' })),
  };
}

export function validateEndpointSlice(s: EndpointSlice): Errors {
  const errs = validateObjectMeta(s.metadata, true, isDNS1123Subdomain);
  if (!s.addressType) errs.push(required('addressType'));
  else if (!ADDRESS_TYPES.includes(s.addressType))
    errs.push(notSupported('addressType', s.addressType, ADDRESS_TYPES));
  const eps = s.endpoints ?? [];
  if (eps.length > MAX_ENDPOINTS_PER_SLICE_API)
    errs.push(invalidErr('endpoints', eps.length, `must have at most ${MAX_ENDPOINTS_PER_SLICE_API} items`));
  eps.forEach((e, i) => {
    const addrs = e.addresses ?? [];
    if (addrs.length === 0)
      errs.push(required(`endpoints[${i}].addresses`, 'must contain at least 1 address'));
    addrs.forEach((a, j) => {
      if (s.addressType === 'IPv4' && !isIPv4(a))
        errs.push(invalidErr(`endpoints[${i}].addresses[${j}]`, a, IP_MESSAGE));
    });
  });
  (s.ports ?? []).forEach((p, i) => {
    if (p.port !== undefined)
      for (const m of isValidPortNum(p.port)) errs.push(invalidErr(`ports[${i}].port`, p.port, m));
    if (p.protocol && !PROTOCOLS.includes(p.protocol))
      errs.push(notSupported(`ports[${i}].protocol`, p.protocol, PROTOCOLS));
  });
  return errs;
}

registerAdmission('EndpointSlice', {
  default: (s) => defaultEndpointSlice(s),
  validate: (s) => validateEndpointSlice(s),
});
