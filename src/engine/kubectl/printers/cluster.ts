/** Tables for nodes, namespaces, events, leases and HorizontalPodAutoscalers. */
import type { Event, HorizontalPodAutoscaler, Node } from '../../api/types';
import { since } from '../duration';
import { NONE, age, registerTable } from './columns';

function nodeStatus(node: Node): string {
  const status: string[] = [];
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : NONE;
}

registerTable('Node', {
  headers: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
  wide: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
  row(node, ctx) {
    const info = node.status?.nodeInfo;
    const cells = [
      node.metadata?.name ?? '',
      nodeStatus(node),
      nodeRoles(node),
      age(node, ctx),
      info?.kubeletVersion ?? '',
    ];
    if (ctx.wide) {
      const addr = (t: string) => node.status?.addresses?.find((a) => a.type === t)?.address || NONE;
      cells.push(
        addr('InternalIP'),
        addr('ExternalIP'),
        info?.osImage || '<unknown>',
        info?.kernelVersion || '<unknown>',
        info?.containerRuntimeVersion || '<unknown>',
      );
    }
    return cells;
  },
});

registerTable('Namespace', {
  headers: ['NAME', 'STATUS', 'AGE'],
  row: (ns, ctx) => [ns.metadata?.name ?? '', ns.status?.phase ?? '', age(ns, ctx)],
});

registerTable('Lease', {
  headers: ['NAME', 'HOLDER', 'AGE'],
  row: (l, ctx) => [l.metadata?.name ?? '', l.spec?.holderIdentity ?? '', age(l, ctx)],
});

/** LAST SEEN of an event: its lastTimestamp, else its first one (or eventTime). */
export function eventLastSeen(e: Event, now: number): string {
  return since(e.lastTimestamp ?? e.firstTimestamp ?? e.eventTime, now);
}

registerTable('Event', {
  headers: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
  row(e, ctx) {
    const inv = e.involvedObject;
    const target = inv.name
      ? `${(inv.kind ?? '').toLowerCase()}/${inv.name}`
      : (inv.kind ?? '').toLowerCase();
    return [eventLastSeen(e, ctx.now), e.type ?? '', e.reason ?? '', target, (e.message ?? '').trim()];
  },
});

/** TARGETS: "cpu: 45%/50%" per metric (at most three, then "+ N more..."), "<unknown>" before a reading. */
export function hpaTargets(hpa: HorizontalPodAutoscaler): string {
  const specs = hpa.spec?.metrics ?? [];
  if (specs.length === 0) return NONE;
  const statuses = hpa.status?.currentMetrics ?? [];
  const list: string[] = [];
  specs.forEach((m, i) => {
    const status = statuses[i];
    const r =
      m.type === 'Resource' ? m.resource : m.type === 'ContainerResource' ? m.containerResource : undefined;
    if (r) {
      const cur = status?.resource ?? status?.containerResource;
      if (r.target.averageValue !== undefined) {
        list.push(`${r.name}: ${cur?.current.averageValue ?? '<unknown>'}/${r.target.averageValue}`);
      } else {
        const current =
          cur?.current.averageUtilization !== undefined ? `${cur.current.averageUtilization}%` : '<unknown>';
        const target =
          r.target.averageUtilization !== undefined ? `${r.target.averageUtilization}%` : '<auto>';
        list.push(`${r.name}: ${current}/${target}`);
      }
    } else if (m.type === 'Pods' && m.pods) {
      list.push(`${status?.pods?.current.averageValue ?? '<unknown>'}/${m.pods.target.averageValue ?? ''}`);
    } else {
      list.push('<unknown>');
    }
  });
  return list.length > 3 ? `${list.slice(0, 3).join(', ')} + ${list.length - 3} more...` : list.join(', ');
}

registerTable('HorizontalPodAutoscaler', {
  headers: ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
  row(hpa, ctx) {
    const ref = hpa.spec?.scaleTargetRef;
    return [
      hpa.metadata?.name ?? '',
      `${ref?.kind ?? ''}/${ref?.name ?? ''}`,
      hpaTargets(hpa),
      hpa.spec?.minReplicas !== undefined ? String(hpa.spec.minReplicas) : '<unset>',
      String(hpa.spec?.maxReplicas ?? 0),
      String(hpa.status?.currentReplicas ?? 0),
      age(hpa, ctx),
    ];
  },
});
