/** Endpoints: port protocols default to TCP; addresses must be IPs, ports valid, names required when several. */
import { registerAdmission } from '../admission';
import type { Endpoints } from '../types';
import { PROTOCOLS, validateDNS1123Label } from './podspec';
import {
  duplicate,
  invalidErr,
  IP_MESSAGE,
  isDNS1123Subdomain,
  isIP,
  isValidPortNum,
  notSupported,
  required,
  validateObjectMeta,
} from './validation';
import type { Errors } from './validation';

export function defaultEndpoints(ep: Endpoints): Endpoints {
  if (!ep.subsets) return ep;
  return {
    ...ep,
    subsets: ep.subsets.map((s) =>
      s.ports ? { ...s, ports: s.ports.map((p) => ({ ...p, protocol: p.protocol || 'TCP' })) } : s,
    ),
  };
}

export function validateEndpoints(ep: Endpoints): Errors {
  const errs = validateObjectMeta(ep.metadata, true, isDNS1123Subdomain);
  (ep.subsets ?? []).forEach((s, i) => {
    const sp = `subsets[${i}]`;
    if (!(s.addresses ?? []).length && !(s.notReadyAddresses ?? []).length) {
      errs.push(required(sp, 'must specify `addresses` or `notReadyAddresses`'));
    }
    for (const key of ['addresses', 'notReadyAddresses'] as const) {
      (s[key] ?? []).forEach((a, j) => {
        const ap = `${sp}.${key}[${j}]`;
        if (!isIP(a.ip)) errs.push(invalidErr(`${ap}.ip`, a.ip, IP_MESSAGE));
        if (a.nodeName)
          for (const m of isDNS1123Subdomain(a.nodeName))
            errs.push(invalidErr(`${ap}.nodeName`, a.nodeName, m));
      });
    }
    const names = new Set<string>();
    const ports = s.ports ?? [];
    ports.forEach((p, j) => {
      const pp = `${sp}.ports[${j}]`;
      if (ports.length > 1 && !p.name) errs.push(required(`${pp}.name`));
      else if (p.name) {
        errs.push(...validateDNS1123Label(p.name, `${pp}.name`));
        if (names.has(p.name)) errs.push(duplicate(`${pp}.name`, p.name));
        names.add(p.name);
      }
      for (const m of isValidPortNum(p.port)) errs.push(invalidErr(`${pp}.port`, p.port, m));
      if (!p.protocol) errs.push(required(`${pp}.protocol`));
      else if (!PROTOCOLS.includes(p.protocol))
        errs.push(notSupported(`${pp}.protocol`, p.protocol, PROTOCOLS));
    });
  });
  return errs;
}

registerAdmission('Endpoints', {
  default: (e) => defaultEndpoints(e),
  validate: (e) => validateEndpoints(e),
});
