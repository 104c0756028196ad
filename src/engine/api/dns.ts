/**
 * Cluster DNS names as CoreDNS's kubernetes plugin serves them (cluster domain `cluster.local`): a Service's
 * stable name, and for a headless Service the per-pod names of pods that set hostname and subdomain (a
 * StatefulSet's pods). Left out: SRV records, search paths, ExternalName CNAMEs, pod A records by IP.
 */
import type { Pod, Service } from './types';

export const CLUSTER_DOMAIN = 'cluster.local';

/** `<service>.<namespace>.svc.cluster.local`: the name that stays while the pods behind it come and go. */
export function serviceDnsName(service: string, namespace = 'default'): string {
  return `${service}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

/**
 * `<hostname>.<service>.<namespace>.svc.cluster.local` for a pod behind a headless Service whose name is the
 * pod's spec.subdomain (StatefulSet pods: `db-0.db.default.svc.cluster.local`); undefined otherwise.
 */
export function podDnsName(pod: Pod, service: Service): string | undefined {
  const hostname = pod.spec?.hostname;
  const name = service.metadata?.name;
  if (!hostname || !name || pod.spec?.subdomain !== name || service.spec?.clusterIP !== 'None')
    return undefined;
  if (pod.metadata?.namespace !== service.metadata?.namespace) return undefined;
  return `${hostname}.${serviceDnsName(name, service.metadata?.namespace)}`;
}
