/** Tables for Services, Endpoints, EndpointSlices and Ingresses (printService, formatEndpoints, ...). */
import type { Service } from '../../api/types';
import { formatLabelSet } from '../selector';
import { NONE, age, registerTable } from './columns';

function externalIP(svc: Service): string {
  const external = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
      return external.length ? external.join(',') : NONE;
    case 'NodePort':
      return external.length ? external.join(',') : NONE;
    case 'LoadBalancer': {
      const lb = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '');
      const all = [...lb, ...external].filter(Boolean);
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

function portsCell(svc: Service): string {
  const ports = svc.spec?.ports ?? [];
  if (ports.length === 0) return NONE;
  return ports
    .map((p) => {
      const proto = p.protocol ?? 'TCP';
      return p.nodePort ? `${p.port}:${p.nodePort}/${proto}` : `${p.port}/${proto}`;
    })
    .join(',');
}

registerTable('Service', {
  headers: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
  wide: ['SELECTOR'],
  row(svc, ctx) {
    const cells = [
      svc.metadata?.name ?? '',
      svc.spec?.type ?? 'ClusterIP',
      svc.spec?.clusterIP || NONE,
      externalIP(svc),
      portsCell(svc),
      age(svc, ctx),
    ];
    if (ctx.wide) cells.push(formatLabelSet(svc.spec?.selector));
    return cells;
  },
});

registerTable('Endpoints', {
  headers: ['NAME', 'ENDPOINTS', 'AGE'],
  row(ep, ctx) {
    const subsets = ep.subsets ?? [];
    let cell: string;
    if (subsets.length === 0) cell = NONE;
    else {
      const max = 3;
      const list: string[] = [];
      let more = false;
      let count = 0;
      for (const ss of subsets) {
        const addresses = ss.addresses ?? [];
        const ports = ss.ports ?? [];
        if (ports.length === 0) {
          count += addresses.length;
          for (const a of addresses) {
            if (list.length === max) {
              more = true;
              break;
            }
            list.push(a.ip);
          }
          continue;
        }
        for (const p of ports) {
          count += addresses.length;
          for (const a of addresses) {
            if (list.length === max) {
              more = true;
              break;
            }
            list.push(`${a.ip}:${p.port}`);
          }
        }
      }
      cell = more ? `${list.join(',')} + ${count - max} more...` : list.join(',');
    }
    return [ep.metadata?.name ?? '', cell, age(ep, ctx)];
  },
});

registerTable('EndpointSlice', {
  headers: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
  row(slice, ctx) {
    const ports = (slice.ports ?? []).map((p) => String(p.port ?? ''));
    const addrs = (slice.endpoints ?? []).flatMap((e) => e.addresses);
    const shown = addrs.slice(0, 3).join(',');
    return [
      slice.metadata?.name ?? '',
      slice.addressType,
      ports.length ? ports.join(',') : NONE,
      addrs.length === 0 ? NONE : addrs.length > 3 ? `${shown} + ${addrs.length - 3} more...` : shown,
      age(slice, ctx),
    ];
  },
});

registerTable('Ingress', {
  headers: ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'],
  row(ing, ctx) {
    const rules = ing.spec?.rules ?? [];
    const hosts = rules.map((r) => r.host || '*');
    const shown = hosts.slice(0, 4).join(',');
    const address = (ing.status?.loadBalancer?.ingress ?? [])
      .map((i) => i.ip || i.hostname || '')
      .filter(Boolean)
      .join(',');
    return [
      ing.metadata?.name ?? '',
      ing.spec?.ingressClassName ?? NONE,
      hosts.length === 0 ? '*' : hosts.length > 4 ? `${shown} + ${hosts.length - 4} more...` : shown,
      address,
      ing.spec?.tls?.length ? '80, 443' : '80',
      age(ing, ctx),
    ];
  },
});
