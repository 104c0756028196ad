/**
 * Presenter captions: one plain sentence about what the control plane just did, for a room watching a
 * projector. Built from the same diffs as the narration (state/narration.ts), found here by comparing the
 * mirror before and after a frame (the mirror replaces an object whenever it changes), plus what the
 * narration leaves out: which pod a ReplicaSet's new pod replaces, and where the scheduler put a pod.
 */
import type { Diff, Event, KubeObject, Pod } from '../../engine';
import type { ClusterMirror } from '../../state/mirror';
import { narrate } from '../../state/narration';
import { S } from '../../strings';

const WATCHED = ['Pod/', 'Node/', 'Event/'];

function watched(key: string): boolean {
  return WATCHED.some((p) => key.startsWith(p));
}

function kindOf(key: string): string {
  return key.slice(0, key.indexOf('/'));
}

/** The diffs between two mirrors, for the kinds captions talk about. */
export function mirrorDiffs(before: ClusterMirror, after: ClusterMirror): Diff[] {
  const diffs: Diff[] = [];
  for (const [key, to] of after.objects) {
    if (!watched(key)) continue;
    const from = before.objects.get(key);
    if (from === to) continue;
    diffs.push(
      from
        ? ({ type: 'updated', key, kind: kindOf(key), from, to } as unknown as Diff)
        : ({ type: 'added', key, kind: kindOf(key), to } as unknown as Diff),
    );
  }
  for (const [key, from] of before.objects)
    if (watched(key) && !after.objects.has(key))
      diffs.push({ type: 'removed', key, kind: kindOf(key), from } as unknown as Diff);
  return diffs;
}

function ownerReplicaSet(p: KubeObject | undefined): string | undefined {
  return p?.metadata?.ownerReferences?.find((o) => o.controller && o.kind === 'ReplicaSet')?.name;
}

function isCreate(o: KubeObject): boolean {
  const e = o as Event;
  return e.reason === 'SuccessfulCreate' && e.involvedObject.kind === 'ReplicaSet';
}

/** Remembers pods that went away (per ReplicaSet), so the next pod the ReplicaSet makes is a replacement. */
export class CaptionTracker {
  private readonly gone = new Map<string, string[]>();

  reset(): void {
    this.gone.clear();
  }

  /** The sentence for one change of the mirror, or undefined when nothing worth saying happened. */
  update(before: ClusterMirror, after: ClusterMirror): string | undefined {
    if (after.t < before.t) {
      this.reset();
      return undefined;
    }
    const diffs = mirrorDiffs(before, after);
    if (diffs.length === 0) return undefined;
    const created: string[] = [];
    const scheduled: string[] = [];
    for (const d of diffs) {
      if (d.type === 'runtime' || d.kind !== 'Pod') continue;
      const from = d.type === 'added' ? undefined : (d.from as Pod);
      const to = d.type === 'removed' ? undefined : (d.to as Pod);
      const startedLeaving = to?.metadata?.deletionTimestamp && !from?.metadata?.deletionTimestamp;
      if ((d.type === 'removed' && !from?.metadata?.deletionTimestamp) || startedLeaving) {
        const rs = ownerReplicaSet(from ?? to);
        const name = (from ?? to)?.metadata?.name;
        if (rs && name) this.gone.set(rs, [...(this.gone.get(rs) ?? []), name].slice(-20));
      }
      if (to && from && !from.spec?.nodeName && to.spec?.nodeName)
        scheduled.push(S.caption.scheduled(to.metadata?.name ?? '', to.spec.nodeName));
    }
    for (const d of diffs) {
      if (d.type !== 'added' || d.kind !== 'Event') continue;
      const e = d.to as Event;
      if (!isCreate(e)) continue;
      const pod = /Created pod: (\S+)/.exec(e.message ?? '')?.[1];
      const rs = e.involvedObject.name ?? '';
      if (!pod) continue;
      const old = this.gone.get(rs)?.shift();
      created.push(old ? S.caption.replaced(pod, old) : S.caption.created(rs, pod));
    }
    // Node health first (the room should notice a machine going away), then the controllers' reactions.
    const nodeLines = narrate(diffs.filter((d) => d.type !== 'runtime' && d.kind === 'Node'));
    const otherLines = narrate(diffs.filter((d) => d.type !== 'runtime' && d.kind === 'Pod'));
    const eventLines = narrate(
      diffs.filter((d) => d.type === 'added' && d.kind === 'Event' && !isCreate(d.to)),
    );
    return nodeLines[0] ?? created[0] ?? otherLines[0] ?? eventLines[0] ?? scheduled[0];
  }
}
