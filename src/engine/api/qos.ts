/** The pod QoS class, computed as the API server does when it creates a pod (and kubectl for old ones). */
import { bytes, cpuMillis } from './quantity';
import { containerRequests } from './resources';
import type { Container, Pod } from './types';

const QOS_RESOURCES = ['cpu', 'memory'] as const;

function amount(resource: string, q: string | number | undefined): number {
  return resource === 'cpu' ? cpuMillis(q) : bytes(q);
}

/** qos.GetPodQOS: Guaranteed, Burstable or BestEffort from the containers' cpu and memory settings. */
export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests: Record<string, number> = {};
  const limits: Record<string, number> = {};
  let guaranteed = true;
  const all: Container[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const c of all) {
    // The API server copies limits into unset requests; containerRequests does the same.
    const req = containerRequests(c);
    for (const r of QOS_RESOURCES) {
      const v = req[r] ?? 0;
      if (v > 0) requests[r] = (requests[r] ?? 0) + v;
    }
    const found = new Set<string>();
    for (const r of QOS_RESOURCES) {
      const v = amount(r, c.resources?.limits?.[r]);
      if (v > 0) {
        found.add(r);
        limits[r] = (limits[r] ?? 0) + v;
      }
    }
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  const nReq = Object.keys(requests).length;
  const nLim = Object.keys(limits).length;
  if (nReq === 0 && nLim === 0) return 'BestEffort';
  if (guaranteed) {
    for (const r in requests) if (limits[r] !== requests[r]) guaranteed = false;
  }
  return guaranteed && nReq === nLim ? 'Guaranteed' : 'Burstable';
}
