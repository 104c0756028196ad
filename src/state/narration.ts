/**
 * Plain-words narration of what a frame changed, for the live region: the moments a learner should notice
 * (a node going silent, a pod replaced or restarted, a rollout step), not every write. Pure: built from
 * the frame's coalesced diffs, whose `from` is the state before the frame.
 */
import type { Diff, Event, KubeObject, Node, Pod } from '../engine';
import { S } from '../strings';
import type { FrameDiff } from '../worker/protocol';
import type { ClusterMirror } from './mirror';

function nodeReady(n: Node | undefined): string | undefined {
  return n?.status?.conditions?.find((c) => c.type === 'Ready')?.status;
}

function restarts(p: Pod | undefined): number {
  let n = 0;
  for (const s of p?.status?.containerStatuses ?? []) n += s.restartCount;
  return n;
}

function eventLine(e: Event): string | undefined {
  const name = e.involvedObject.name ?? '';
  switch (e.reason) {
    case 'SuccessfulCreate': {
      const pod = /Created pod: (\S+)/.exec(e.message ?? '')?.[1];
      return pod && e.involvedObject.kind === 'ReplicaSet' ? S.narration.podCreated(name, pod) : undefined;
    }
    case 'TaintManagerEviction':
      return S.narration.evicted(name);
    case 'BackOff':
      return e.involvedObject.kind === 'Pod' ? S.narration.backOff(name) : undefined;
    case 'ScalingReplicaSet':
      return S.narration.scaling(name, e.message ?? '');
    case 'FailedScheduling':
      return S.narration.failedScheduling(name);
    default:
      return undefined;
  }
}

export function narrate(diffs: readonly Diff[]): string[] {
  const lines: string[] = [];
  for (const d of diffs) {
    if (d.type === 'runtime') continue;
    if (d.kind === 'Node' && d.type === 'updated') {
      const before = nodeReady(d.from as Node);
      const after = nodeReady(d.to as Node);
      const name = d.to.metadata?.name ?? '';
      if (before === after || before === undefined) continue;
      if (after === 'Unknown') lines.push(S.narration.nodeUnknown(name));
      else if (after === 'False') lines.push(S.narration.nodeNotReady(name));
      else if (after === 'True') lines.push(S.narration.nodeReady(name));
    } else if (d.kind === 'Pod' && d.type === 'updated') {
      const from = d.from as Pod;
      const to = d.to as Pod;
      const name = to.metadata?.name ?? '';
      const r = restarts(to);
      if (r > restarts(from)) lines.push(S.narration.podRestarted(name, r));
      if (to.metadata?.deletionTimestamp && !from.metadata?.deletionTimestamp)
        lines.push(S.narration.podTerminating(name));
    } else if (d.kind === 'Event' && d.type === 'added') {
      const line = eventLine(d.to as Event);
      if (line) lines.push(line);
    }
  }
  return lines;
}

/**
 * Frames' diffs with `from` put back (a frame leaves it out: the mirror holds it), from the mirror before
 * the first of them; one list per frame, so frames applied together are still narrated one by one.
 */
export function withFrom(before: ClusterMirror, frames: readonly (readonly FrameDiff[])[]): Diff[][] {
  const later = new Map<string, KubeObject | undefined>();
  return frames.map((diffs) => {
    const out: Diff[] = [];
    for (const d of diffs) {
      if (d.type === 'runtime') continue;
      const from = later.has(d.key) ? later.get(d.key) : before.objects.get(d.key);
      if (d.type === 'removed') {
        later.set(d.key, undefined);
        if (from) out.push({ type: 'removed', kind: d.kind, key: d.key, from });
        continue;
      }
      later.set(d.key, d.to);
      out.push(
        d.type === 'updated' && from
          ? { type: 'updated', kind: d.kind, key: d.key, from, to: d.to }
          : { type: 'added', kind: d.kind, key: d.key, to: d.to },
      );
    }
    return out;
  });
}
