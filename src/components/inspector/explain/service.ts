/**
 * Why a Service sends traffic where it does: its selector, the ready endpoints (only ready pods receive
 * requests), the pods left out and why, and the traffic outcome when the simulation measures it.
 */
import { formatSelector } from '../../../engine/api/meta';
import type { Endpoints, Pod, Service } from '../../../engine/api/types';
import type { ClusterMirror } from '../../../state/mirror';
import { endpointsOf, podStatusWord, trafficOf } from '../../graph/model';
import type { Explanation, Section } from './common';
import { plural, storyOf } from './common';

export function explainService(mirror: ClusterMirror, namespace: string, name: string): Explanation | null {
  const svc = mirror.objects.get(`Service/${namespace}/${name}`) as Service | undefined;
  if (!svc) return null;
  const endpoints = endpointsOf(
    mirror.objects.get(`Endpoints/${namespace}/${name}`) as Endpoints | undefined,
  );
  const ready = endpoints.filter((e) => e.ready);
  const notReady = endpoints.filter((e) => !e.ready);
  const traffic = trafficOf(mirror, namespace, name);
  const selector = svc.spec?.selector ? formatSelector({ matchLabels: svc.spec.selector }) : '<none>';
  const lines = [
    `Selects pods with ${selector}; it balances requests over the ready ones only.`,
    `${plural(ready.length, 'ready endpoint')}${notReady.length ? `, ${notReady.length} not ready (no traffic until their readiness passes)` : ''}.`,
  ];
  if (traffic) {
    lines.push(
      traffic.requestsPerSecond > 0
        ? `${traffic.requestsPerSecond} requests per second, ${traffic.successPercent}% answered without error.`
        : 'No requests right now.',
    );
  }
  const sections: Section[] = [{ type: 'text', heading: 'Where requests go', lines }];
  sections.push({
    type: 'table',
    heading: 'Endpoints',
    columns: ['Pod', 'Node', 'Ready', 'Pod STATUS'],
    rows: endpoints.map((e) => {
      const pod = mirror.objects.get(`Pod/${namespace}/${e.pod}`) as Pod | undefined;
      return [e.pod, e.node ?? '', e.ready ? 'yes' : 'no', pod ? podStatusWord(pod) : ''];
    }),
  });
  sections.push({ type: 'story', heading: 'Events', items: storyOf(mirror, svc) });
  const headline =
    ready.length === 0
      ? `No ready endpoints: requests to ${name} fail, because no pod matching ${selector} is ready.`
      : traffic && traffic.errorsPerSecond > 0
        ? `Serving over ${plural(ready.length, 'ready pod')}, but ${100 - traffic.successPercent}% of requests fail.`
        : `Serving: requests are spread over ${plural(ready.length, 'ready pod')}.`;
  return {
    kind: 'Service',
    name,
    headline,
    tone: ready.length === 0 || (traffic?.errorsPerSecond ?? 0) > 0 ? 'problem' : 'ok',
    sections,
  };
}
