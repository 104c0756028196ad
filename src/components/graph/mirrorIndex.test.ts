import { describe, expect, it } from 'vitest';
import type { ClusterMirror } from '../../state/mirror';
import { indexMirror, MirrorIndex } from './mirrorIndex';
import type { Ghost } from './model';
import { podColour, trackGhosts } from './model';
import { mirrorSequence } from './testkit';
import type { FlowResult } from './toFlow';
import { toFlow } from './toFlow';

const keys = (list: readonly { metadata?: { name?: string; namespace?: string } }[]) =>
  list.map((o) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`).sort();

/**
 * Draw a line of mirrors as the graph does: with an index and the change log, or reading every mirror
 * whole (copies without the log).
 */
function drawAll(mirrors: readonly ClusterMirror[], index?: MirrorIndex): FlowResult[] {
  let ghosts: readonly Ghost[] = [];
  let prev: ClusterMirror | null = null;
  let flow: FlowResult | undefined;
  const out: FlowResult[] = [];
  for (const line of mirrors) {
    const m = index ? line : { t: line.t, objects: line.objects, runtime: line.runtime };
    const before = prev;
    ghosts = trackGhosts(before, m, ghosts, (pod) => podColour(before ?? m, pod));
    flow = toFlow(m, { ghosts, previous: flow, index });
    out.push(flow);
    prev = m;
  }
  return out;
}

describe('MirrorIndex', () => {
  const mirrors = mirrorSequence('bad-rollout', 240, 0.7, [
    { at: 20, fault: { type: 'PodCrash', selector: { matchLabels: { app: 'shop' } }, count: 2 } },
    { at: 30, fault: { type: 'NodeFailure', node: 'node-2' } },
    { at: 50, fault: { type: 'PodDelete', selector: { matchLabels: { app: 'shop' } }, count: 2 } },
    { at: 120, fault: { type: 'NodeRecovery', node: 'node-2' } },
  ]);

  it('reads each mirror of a line as reading it whole would', () => {
    const index = new MirrorIndex();
    for (const m of mirrors) {
      const a = index.read(m);
      const b = indexMirror(m);
      expect(a.nodes).toEqual(b.nodes);
      expect(a.deployments).toEqual(b.deployments);
      expect(a.services).toEqual(b.services);
      expect(keys(a.pods.map((f) => f.pod))).toEqual(keys(b.pods.map((f) => f.pod)));
      expect(keys(a.replicaSets)).toEqual(keys(b.replicaSets));
      expect(keys(a.events)).toEqual(keys(b.events));
      expect([...a.endpoints.keys()].sort()).toEqual([...b.endpoints.keys()].sort());
      expect([...a.schedulerAttempts].sort()).toEqual([...b.schedulerAttempts].sort());
    }
    expect(mirrors.at(-1)?.t).toBeGreaterThan(200);
  });

  it('draws the same graph as without it, every frame', () => {
    const flows = drawAll(mirrors, new MirrorIndex());
    expect(flows).toEqual(drawAll(mirrors));
    // The line has gone pods (ghosts) and replacements in it, not only steady pods.
    const pods = flows.flatMap((f) =>
      f.nodes.flatMap((n) => (n.type === 'worker' ? (n.data.pods ?? []) : [])),
    );
    expect(pods.some((p) => p.ghost)).toBe(true);
    expect(pods.some((p) => p.replaces !== null)).toBe(true);
  });

  it('reads a mirror of another line (after time travel) whole', () => {
    const index = new MirrorIndex();
    index.read(mirrors[200] as ClusterMirror);
    const earlier = mirrors[40] as ClusterMirror;
    const copy = { t: earlier.t, objects: earlier.objects, runtime: earlier.runtime };
    expect(
      index
        .read(copy)
        .pods.map((f) => f.key)
        .sort(),
    ).toEqual(
      indexMirror(earlier)
        .pods.map((f) => f.key)
        .sort(),
    );
  });
});
