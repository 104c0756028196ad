/**
 * Why a Service sends traffic where it does: its selector, the ready endpoints (only ready pods receive
 * requests), the pods left out and why, and the traffic outcome when the simulation measures it.
 */
import type { Endpoints, Pod, Service } from '../../../engine';
import { formatSelector } from '../../../engine';
import type { ClusterMirror } from '../../../state/mirror';
import { endpointsOf, podStatusWord, trafficOf } from '../../graph/model';
import { explainStrings } from '../../../strings/explain';
import type { Explanation, Section } from './common';
import { storyOf } from './common';

const S = explainStrings.service;

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
  const lines = [S.selects(selector), S.endpoints(ready.length, notReady.length)];
  if (traffic) {
    lines.push(
      traffic.requestsPerSecond > 0
        ? S.traffic(traffic.requestsPerSecond, traffic.successPercent)
        : S.noRequests,
    );
  }
  const sections: Section[] = [{ type: 'text', heading: S.headings.whereRequestsGo, lines }];
  sections.push({
    type: 'table',
    heading: S.headings.endpoints,
    columns: S.endpointColumns,
    rows: endpoints.map((e) => {
      const pod = mirror.objects.get(`Pod/${namespace}/${e.pod}`) as Pod | undefined;
      return [
        e.pod,
        e.node ?? '',
        e.ready ? explainStrings.yes : explainStrings.no,
        pod ? podStatusWord(pod) : '',
      ];
    }),
  });
  sections.push({ type: 'story', heading: explainStrings.headings.events, items: storyOf(mirror, svc) });
  const headline =
    ready.length === 0
      ? S.noReadyEndpoints(name, selector)
      : traffic && traffic.errorsPerSecond > 0
        ? S.failing(ready.length, 100 - traffic.successPercent)
        : S.serving(ready.length);
  return {
    kind: 'Service',
    name,
    headline,
    tone: ready.length === 0 || (traffic?.errorsPerSecond ?? 0) > 0 ? 'problem' : 'ok',
    sections,
  };
}
