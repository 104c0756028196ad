/**
 * Service: core/v1 SetDefaults_Service, the REST layer's allocations (a cluster IP from 10.96.0.0/12 and
 * node ports from 30000-32767, both chosen deterministically from the service's name and probed past
 * the ones in use, since the simulation draws nothing at random here) and ValidateService.
 */
import { registerAdmission } from '../admission';
import type { AdmissionContext } from '../admission';
import type { Service } from '../types';
import type { ServicePort, ServiceSpec } from 'kubernetes-types/core/v1';
import { fnv32a } from '../../base/hash';
import { PROTOCOLS, validateDNS1123Label } from './podspec';
import {
  duplicate,
  forbidden,
  invalidErr,
  IP_MESSAGE,
  isDNS1035Label,
  isIP,
  isIPv4,
  notSupported,
  required,
  validateLabels,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validatePortNumOrName,
  isValidPortNum,
} from './validation';
import type { Errors } from './validation';

export const SERVICE_CIDR = '10.96.0.0/12';
const CIDR_BASE = (10 << 24) | (96 << 16);
const CIDR_SIZE = 1 << 20;
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const AFFINITIES = ['ClientIP', 'None'];

function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function inServiceCidr(ip: string): boolean {
  if (!isIPv4(ip)) return false;
  const off = ipToInt(ip) - CIDR_BASE;
  return off >= 1 && off < CIDR_SIZE - 1;
}

function externallyAccessible(type: string | undefined): boolean {
  return type === 'NodePort' || type === 'LoadBalancer';
}

function otherServices(ctx: AdmissionContext, svc: Service): Service[] {
  const ns = svc.metadata?.namespace;
  const name = svc.metadata?.name;
  return (ctx.store?.list('Service') ?? []).filter(
    (s) => !(s.metadata?.namespace === ns && s.metadata?.name === name),
  );
}

/** The cluster IP for a new service: a hash of namespace/name into the range, skipping .0, .1 and used ones. */
export function allocateClusterIP(key: string, used: ReadonlySet<string>): string {
  const span = CIDR_SIZE - 3; // offsets 2 .. size-2: not the network address, kubernetes.default (.1) or broadcast
  let off = fnv32a(key) % span;
  for (let i = 0; i < span; i++, off = (off + 1) % span) {
    const ip = intToIp(CIDR_BASE + 2 + off);
    if (!used.has(ip)) return ip;
  }
  return '';
}

export function allocateNodePort(key: string, used: ReadonlySet<number>): number {
  const span = NODE_PORT_MAX - NODE_PORT_MIN + 1;
  let off = fnv32a(key) % span;
  for (let i = 0; i < span; i++, off = (off + 1) % span) {
    if (!used.has(NODE_PORT_MIN + off)) return NODE_PORT_MIN + off;
  }
  return 0;
}

export function defaultService(svc: Service): Service {
  const s: ServiceSpec = { ...svc.spec };
  s.type = s.type || 'ClusterIP';
  s.sessionAffinity = s.sessionAffinity || 'None';
  if (s.sessionAffinity === 'None') delete s.sessionAffinityConfig;
  if (s.sessionAffinity === 'ClientIP' && s.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    s.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  if (Array.isArray(s.ports)) {
    s.ports = s.ports.map((p) => ({
      ...p,
      protocol: p.protocol || 'TCP',
      targetPort:
        p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '' ? p.port : p.targetPort,
    }));
  }
  if (externallyAccessible(s.type) && !s.externalTrafficPolicy) s.externalTrafficPolicy = 'Cluster';
  if (s.type !== 'ExternalName' && !s.internalTrafficPolicy) s.internalTrafficPolicy = 'Cluster';
  if (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts === undefined)
    s.allocateLoadBalancerNodePorts = true;
  return { ...svc, spec: s };
}

/** Cluster IP, IP families and node ports, as the service REST storage allocates them (kept on update). */
export function allocateService(svc: Service, ctx: AdmissionContext): Service {
  const s: ServiceSpec = { ...svc.spec };
  const old = (ctx.old as Service | undefined)?.spec;
  const key = `${svc.metadata?.namespace ?? ''}/${svc.metadata?.name ?? ''}`;
  if (s.type === 'ExternalName') return svc;
  if (!s.clusterIP && old?.clusterIP) {
    s.clusterIP = old.clusterIP;
    if (old.clusterIPs) s.clusterIPs = old.clusterIPs;
  }
  if (!s.clusterIP && s.clusterIPs?.[0]) s.clusterIP = s.clusterIPs[0];
  if (!s.clusterIP) {
    const used = new Set(otherServices(ctx, svc).map((o) => o.spec?.clusterIP ?? ''));
    s.clusterIP = allocateClusterIP(key, used);
  }
  if (!s.clusterIPs) s.clusterIPs = [s.clusterIP];
  if (!s.ipFamilies) s.ipFamilies = ['IPv4'];
  if (!s.ipFamilyPolicy) s.ipFamilyPolicy = 'SingleStack';
  if (
    externallyAccessible(s.type) &&
    Array.isArray(s.ports) &&
    (s.type === 'NodePort' || s.allocateLoadBalancerNodePorts !== false)
  ) {
    const used = new Set<number>();
    for (const o of otherServices(ctx, svc))
      for (const p of o.spec?.ports ?? []) if (p.nodePort) used.add(p.nodePort);
    for (const p of s.ports) if (p.nodePort) used.add(p.nodePort);
    s.ports = s.ports.map((p: ServicePort) => {
      if (p.nodePort) return p;
      const prev = old?.ports?.find(
        (o) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'),
      )?.nodePort;
      const nodePort =
        prev && !used.has(prev) ? prev : allocateNodePort(`${key}/${p.port}/${p.protocol ?? 'TCP'}`, used);
      used.add(nodePort);
      return { ...p, nodePort };
    });
  }
  return { ...svc, spec: s };
}

export function validateService(svc: Service, ctx: AdmissionContext): Errors {
  const errs = validateObjectMeta(svc.metadata, true, isDNS1035Label);
  const s = svc.spec;
  if (!s) return [...errs, required('spec.ports')];
  const headless = s.clusterIP === 'None';
  const ports = Array.isArray(s.ports) ? s.ports : [];
  if (ports.length === 0 && !headless && s.type !== 'ExternalName') errs.push(required('spec.ports'));
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const pp = `spec.ports[${i}]`;
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
    if (p.targetPort !== undefined) errs.push(...validatePortNumOrName(p.targetPort, `${pp}.targetPort`));
    if (p.nodePort && s.type === 'ClusterIP')
      errs.push(forbidden(`${pp}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
    else if (p.nodePort && (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX)) {
      errs.push(
        invalidErr(
          `${pp}.nodePort`,
          p.nodePort,
          `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
        ),
      );
    }
  });
  if (!s.type) errs.push(required('spec.type'));
  else if (!TYPES.includes(s.type)) errs.push(notSupported('spec.type', s.type, TYPES));
  if (s.type === 'ExternalName' && !s.externalName) errs.push(required('spec.externalName'));
  if (!s.sessionAffinity) errs.push(required('spec.sessionAffinity'));
  else if (!AFFINITIES.includes(s.sessionAffinity))
    errs.push(notSupported('spec.sessionAffinity', s.sessionAffinity, AFFINITIES));
  errs.push(...validateLabels(s.selector, 'spec.selector'));
  const ip = s.clusterIP;
  const old = (ctx.old as Service | undefined)?.spec;
  if (ip && ip !== 'None' && s.type !== 'ExternalName') {
    if (!isIP(ip)) errs.push(invalidErr('spec.clusterIPs[0]', ip, IP_MESSAGE));
    else if (!old?.clusterIP) {
      if (!inServiceCidr(ip)) {
        errs.push(
          invalidErr(
            'spec.clusterIPs',
            [ip],
            `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`,
            `[]string{"${ip}"}`,
          ),
        );
      } else if (otherServices(ctx, svc).some((o) => o.spec?.clusterIP === ip)) {
        errs.push(
          invalidErr(
            'spec.clusterIPs',
            [ip],
            `failed to allocate IP ${ip}: provided IP is already allocated`,
            `[]string{"${ip}"}`,
          ),
        );
      }
    }
  }
  if (old) {
    errs.push(
      ...validateObjectMetaUpdate(
        svc.metadata,
        old === undefined ? undefined : (ctx.old as Service).metadata,
      ),
    );
    if (
      old.clusterIP &&
      old.type !== 'ExternalName' &&
      s.type !== 'ExternalName' &&
      s.clusterIP !== old.clusterIP
    ) {
      errs.push(invalidErr('spec.clusterIPs[0]', s.clusterIP ?? '', 'may not change once set'));
    }
  }
  return errs;
}

registerAdmission('Service', {
  default: (s) => defaultService(s),
  admit: (s, ctx) => allocateService(s, ctx),
  validate: (s, ctx) => validateService(s, ctx),
});
