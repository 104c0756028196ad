/**
 * Why a node is Ready, Unknown or NotReady: its heartbeats (the Lease the kubelet renews every 10 s), and
 * after it goes silent the two clocks of the node lifecycle controller: Unknown 50 s after the last
 * heartbeat (node-monitor-grace-period), then eviction of its pods 300 s after the NoExecute taint
 * (the tolerationSeconds every pod gets by default).
 */
import type { Lease, Node, Pod } from '../../../engine';
import { zoneKey } from '../../../engine';
import type { ClusterMirror } from '../../../state/mirror';
import { isMachineDown, nodeCondition, simTime } from '../../graph/model';
import { explainStrings } from '../../../strings/explain';
import type { Countdown, Explanation, Section, Tone } from './common';
import { conditionsTable, countdown, formatClock, formatDuration, relative, storyOf } from './common';

const S = explainStrings.node;

/** node-monitor-grace-period (v1.32+). */
export const GRACE_SECONDS = 50;
/** The default tolerationSeconds for the not-ready and unreachable NoExecute taints. */
export const EVICTION_SECONDS = 300;
/** How often the kubelet renews its Lease. */
export const LEASE_RENEW_SECONDS = 10;
/** node-monitor-period: the node controller looks every 5 s, so things happen at its next look. */
export const MONITOR_PERIOD_SECONDS = 5;

/** The first monitor pass strictly after `t`. */
function nextPass(t: number): number {
  return Math.floor(t / MONITOR_PERIOD_SECONDS) * MONITOR_PERIOD_SECONDS + MONITOR_PERIOD_SECONDS;
}

const UNREACHABLE = 'node.kubernetes.io/unreachable';
const NOT_READY = 'node.kubernetes.io/not-ready';

/** The newer of the Lease's renewTime and the Ready condition's lastHeartbeatTime (NaN when neither). */
export function lastHeartbeat(
  mirror: ClusterMirror,
  node: Node,
): { at: number; lease: number; status: number } {
  const name = node.metadata?.name ?? '';
  const lease = mirror.objects.get(`Lease/kube-node-lease/${name}`) as Lease | undefined;
  const leaseAt = simTime(lease?.spec?.renewTime);
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const statusAt = simTime(ready?.lastHeartbeatTime);
  const at = Math.max(
    Number.isNaN(leaseAt) ? -Infinity : leaseAt,
    Number.isNaN(statusAt) ? -Infinity : statusAt,
  );
  return { at: Number.isFinite(at) ? at : Number.NaN, lease: leaseAt, status: statusAt };
}

function zoneState(mirror: ClusterMirror, node: Node): string | undefined {
  const st = mirror.runtime.get('node-lifecycle/state') as
    { zones?: Record<string, { state?: string }> } | undefined;
  return st?.zones?.[zoneKey(node)]?.state;
}

function podsOn(mirror: ClusterMirror, node: string): Pod[] {
  const out: Pod[] = [];
  for (const [key, o] of mirror.objects) {
    if (key.startsWith('Pod/') && (o as Pod).spec?.nodeName === node) out.push(o as Pod);
  }
  return out;
}

/**
 * The grace and eviction countdowns of a node that stopped reporting, or an empty list while it reports.
 * Eviction times come from the taint eviction controller's queue when it has them (runtime
 * `taint-eviction/<ns>/<pod>`), else from the NoExecute taint's timeAdded + 300 s, else they are estimated
 * from the last heartbeat (+50 s +300 s).
 */
export function nodeCountdowns(mirror: ClusterMirror, node: Node): Countdown[] {
  const name = node.metadata?.name ?? '';
  const cond = nodeCondition(node);
  const down = isMachineDown(mirror, name);
  const beat = lastHeartbeat(mirror, node);
  const silent = !Number.isNaN(beat.at) && mirror.t - beat.at > LEASE_RENEW_SECONDS * 2;
  if (cond === 'Ready' && !down && !silent) return [];
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const unknownAt =
    cond === 'Unknown' && ready?.lastTransitionTime
      ? simTime(ready.lastTransitionTime)
      : nextPass(beat.at + GRACE_SECONDS);
  const out: Countdown[] = [
    countdown(
      S.markedUnknown,
      Number.isNaN(unknownAt) ? null : unknownAt,
      mirror.t,
      S.markedUnknownDetail(GRACE_SECONDS),
    ),
  ];
  const zone = zoneState(mirror, node);
  if (zone === 'FullDisruption' || zone === 'PartialDisruption') {
    out.push(countdown(S.podsEvicted, null, mirror.t, S.evictionHeldDetail(zone)));
    return out;
  }
  let evictAt: number | null = null;
  let source = 'estimated';
  for (const p of podsOn(mirror, name)) {
    const work = mirror.runtime.get(
      `taint-eviction/${p.metadata?.namespace ?? 'default'}/${p.metadata?.name ?? ''}`,
    ) as { fireAt?: number; done?: boolean } | undefined;
    if (
      work &&
      !work.done &&
      typeof work.fireAt === 'number' &&
      (evictAt === null || work.fireAt < evictAt)
    ) {
      evictAt = work.fireAt;
      source = 'queue';
    }
  }
  if (evictAt === null) {
    const taint = (node.spec?.taints ?? []).find(
      (t) => t.effect === 'NoExecute' && (t.key === UNREACHABLE || t.key === NOT_READY),
    );
    if (taint?.timeAdded) {
      evictAt = simTime(taint.timeAdded) + EVICTION_SECONDS;
      source = 'taint';
    } else if (!Number.isNaN(unknownAt)) {
      // The NoExecute taint lands on the pass after the node turns Unknown.
      evictAt = unknownAt + MONITOR_PERIOD_SECONDS + EVICTION_SECONDS;
    }
  }
  out.push(
    countdown(S.podsEvicted, evictAt, mirror.t, S.evictionDetail(EVICTION_SECONDS, source === 'estimated')),
  );
  return out;
}

function headlineOf(mirror: ClusterMirror, node: Node, countdowns: readonly Countdown[]): [string, Tone] {
  const name = node.metadata?.name ?? '';
  const cond = nodeCondition(node);
  const down = isMachineDown(mirror, name);
  const beat = lastHeartbeat(mirror, node);
  const since = Number.isNaN(beat.at) ? '' : formatDuration(mirror.t - beat.at);
  const evict = countdowns.find((c) => c.label === S.podsEvicted);
  if (cond === 'Ready' && countdowns.length === 0) return [S.ready(name, LEASE_RENEW_SECONDS), 'ok'];
  if (cond === 'Ready') {
    const mark = countdowns[0]?.remaining ?? 0;
    return [S.silentButReady(name, since, down, GRACE_SECONDS, relative(mark)), 'problem'];
  }
  if (cond === 'Unknown') {
    const then =
      evict?.remaining === null || evict === undefined
        ? S.evictionHeldBack
        : evict.remaining > 0
          ? S.evictedIn(relative(evict.remaining))
          : S.evictedAlready;
    return [S.unknown(name, since, then), 'problem'];
  }
  return [S.notReady(name), 'problem'];
}

export function explainNode(mirror: ClusterMirror, name: string): Explanation | null {
  const node = mirror.objects.get(`Node/${name}`) as Node | undefined;
  if (!node) return null;
  const countdowns = nodeCountdowns(mirror, node);
  const [headline, tone] = headlineOf(mirror, node, countdowns);
  const beat = lastHeartbeat(mirror, node);
  const beats: string[] = [];
  if (!Number.isNaN(beat.lease))
    beats.push(S.leaseRenewed(formatClock(beat.lease), formatDuration(mirror.t - beat.lease)));
  if (!Number.isNaN(beat.status))
    beats.push(S.readyHeartbeat(formatClock(beat.status), formatDuration(mirror.t - beat.status)));
  beats.push(S.heartbeatRule(LEASE_RENEW_SECONDS, GRACE_SECONDS));
  if (isMachineDown(mirror, name)) beats.push(S.machineOff);
  const sections: Section[] = [{ type: 'text', heading: S.headings.heartbeats, lines: beats }];
  if (countdowns.length)
    sections.push({ type: 'countdowns', heading: S.headings.afterSilent, items: countdowns });
  const taints = node.spec?.taints ?? [];
  sections.push({
    type: 'table',
    heading: S.headings.taints,
    columns: S.taintColumns,
    rows: taints.map((t) => [
      t.key,
      t.value ?? '',
      t.effect,
      t.timeAdded ? formatClock(simTime(t.timeAdded)) : '',
    ]),
  });
  const pods = podsOn(mirror, name);
  const extra: string[] = [S.podsBound(pods.length)];
  if (node.spec?.unschedulable) extra.push(S.cordoned);
  sections.push({ type: 'text', heading: S.headings.scheduling, lines: extra });
  sections.push(conditionsTable(node.status?.conditions));
  sections.push({ type: 'story', heading: explainStrings.headings.events, items: storyOf(mirror, node) });
  return { kind: 'Node', name, headline, tone, sections };
}
