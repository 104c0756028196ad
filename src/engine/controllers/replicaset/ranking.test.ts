import { describe, expect, it } from 'vitest';
import { timestamp } from '../../api/meta';
import type { Pod } from '../../api/types';
import type { RankedPod } from './ranking';
import { compareForDeletion, logBucket, podDeletionCost, podsToDelete, rankPods } from './ranking';

const NOW = 10_000;

interface P {
  uid: string;
  node?: string;
  phase?: string;
  /** Simulated second the pod turned Ready; undefined: not Ready. */
  readyAt?: number;
  restarts?: number;
  createdAt?: number | null;
  cost?: string;
  deleting?: boolean;
}

function pod(p: P): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `pod-${p.uid}`,
      namespace: 'default',
      uid: p.uid,
      ...(p.createdAt === null ? {} : { creationTimestamp: timestamp(p.createdAt ?? 100) }),
      ...(p.cost !== undefined
        ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': p.cost } }
        : {}),
      ...(p.deleting ? { deletionTimestamp: timestamp(NOW + 30) } : {}),
    },
    spec: {
      containers: [{ name: 'app', image: 'nginx' }],
      ...(p.node === '' ? {} : { nodeName: p.node ?? 'node-1' }),
    },
    status: {
      phase: p.phase ?? 'Running',
      conditions: [
        p.readyAt === undefined
          ? { type: 'Ready', status: 'False', lastTransitionTime: timestamp(100) }
          : { type: 'Ready', status: 'True', lastTransitionTime: timestamp(p.readyAt) },
      ],
      containerStatuses: [
        {
          name: 'app',
          image: 'nginx',
          imageID: '',
          ready: p.readyAt !== undefined,
          restartCount: p.restarts ?? 0,
        },
      ],
    },
  };
}

/** Which of two pods goes first (the comparator must be antisymmetric for the pair). */
function first(a: Pod, b: Pod, rankA = 1, rankB = 1): string {
  const ra: RankedPod = { pod: a, rank: rankA };
  const rb: RankedPod = { pod: b, rank: rankB };
  const ab = compareForDeletion(ra, rb, NOW);
  const ba = compareForDeletion(rb, ra, NOW);
  expect(Math.sign(ab) + Math.sign(ba)).toBe(0);
  if (ab === 0) return 'tie';
  return (ab < 0 ? a : b).metadata?.uid ?? '';
}

// Each pair differs in one rule; the pod expected first is the one every later rule would keep, so the test
// fails if that rule is skipped.
describe('ReplicaSet deletion ranking (kubernetes-behaviour §2.3)', () => {
  // A pod that every rule after the one under test would rather keep: Ready long ago, no restarts, old.
  const keeper = { readyAt: 100, restarts: 0, createdAt: 50 };
  // ... and one every later rule would delete first: Ready recently, many restarts, new.
  const loser = { readyAt: NOW - 5, restarts: 9, createdAt: NOW - 5 };

  it('1: a pod not assigned to a node goes before an assigned one', () => {
    const a = pod({ uid: 'a', node: '', phase: 'Running', ...keeper, cost: '5' });
    const b = pod({ uid: 'b', node: 'node-1', phase: 'Pending', ...loser });
    expect(first(a, b, 1, 9)).toBe('a');
  });

  it('2: Pending before Unknown before Running', () => {
    const pending = pod({ uid: 'a', phase: 'Pending', ...keeper, cost: '5' });
    const unknown = pod({ uid: 'b', phase: 'Unknown', ...loser });
    const running = pod({ uid: 'c', phase: 'Running', restarts: loser.restarts, createdAt: loser.createdAt });
    expect(first(pending, unknown, 1, 9)).toBe('a');
    expect(first(unknown, pod({ uid: 'c', phase: 'Running', ...loser }), 1, 9)).toBe('b');
    expect(first(pending, running, 1, 9)).toBe('a');
  });

  it('3: a not-Ready pod before a Ready one', () => {
    const a = pod({ uid: 'a', restarts: 0, createdAt: 50, cost: '5' });
    const b = pod({ uid: 'b', ...loser });
    expect(first(a, b, 1, 9)).toBe('a');
  });

  it('4: lower pod-deletion-cost first; absent or malformed cost counts as 0', () => {
    const a = pod({ uid: 'a', ...keeper, cost: '-1' });
    const b = pod({ uid: 'b', ...loser });
    expect(first(a, b, 1, 9)).toBe('a');
    expect(first(pod({ uid: 'a', ...keeper, cost: '0' }), pod({ uid: 'b', ...loser, cost: '1' }), 1, 9)).toBe(
      'a',
    );
    expect(podDeletionCost(pod({ uid: 'x', cost: 'abc' }))).toBe(0);
    expect(podDeletionCost(pod({ uid: 'x', cost: '99999999999' }))).toBe(0);
    expect(podDeletionCost(pod({ uid: 'x', cost: '+7' }))).toBe(7);
  });

  it('5: the pod on the more crowded node (higher rank) first', () => {
    const a = pod({ uid: 'a', ...keeper });
    const b = pod({ uid: 'b', ...loser });
    expect(first(a, b, 3, 2)).toBe('a');
  });

  it('6: both Ready at different times, in different log2 buckets: the more recently Ready first', () => {
    const a = pod({ uid: 'b', readyAt: NOW - 10, restarts: 0, createdAt: 50 });
    const b = pod({ uid: 'a', readyAt: NOW - 1000, restarts: 9, createdAt: NOW - 20 });
    expect(logBucket(NOW - 10, NOW)).not.toBe(logBucket(NOW - 1000, NOW));
    expect(first(a, b)).toBe('b');
  });

  it('6: a ready-time bucket tie is decided by the smaller UID and stops before restarts', () => {
    // Ready 100 s and 110 s ago: both in bucket floor(log2(1e11 ns)) = 36.
    expect(logBucket(NOW - 100, NOW)).toBe(logBucket(NOW - 110, NOW));
    // "a" has the smaller UID, was Ready earlier and never restarted: restarts (rule 7), creation time (rule 8)
    // and the raw ready time would all delete "b" first.
    const a = pod({ uid: 'a', readyAt: NOW - 110, restarts: 0, createdAt: 50 });
    const b = pod({ uid: 'b', readyAt: NOW - 100, restarts: 9, createdAt: NOW - 150 });
    expect(first(a, b)).toBe('a');
  });

  it('7: more restarts first (both not Ready, or Ready at the same time)', () => {
    const a = pod({ uid: 'b', restarts: 4, createdAt: 50 });
    const b = pod({ uid: 'a', restarts: 1, createdAt: NOW - 5 });
    expect(first(a, b)).toBe('b');
    const c = pod({ uid: 'b', readyAt: 500, restarts: 4, createdAt: 50 });
    const d = pod({ uid: 'a', readyAt: 500, restarts: 1, createdAt: NOW - 5 });
    expect(first(c, d)).toBe('b');
  });

  it('8: newer creationTimestamp first across log2 buckets, empty first, UID on a bucket tie', () => {
    expect(first(pod({ uid: 'b', createdAt: NOW - 10 }), pod({ uid: 'a', createdAt: NOW - 1000 }))).toBe('b');
    expect(first(pod({ uid: 'b', createdAt: null }), pod({ uid: 'a', createdAt: NOW - 1 }))).toBe('b');
    // Created 100 s and 110 s ago: same bucket, so the smaller UID goes first although it is older.
    expect(first(pod({ uid: 'a', createdAt: NOW - 110 }), pod({ uid: 'b', createdAt: NOW - 100 }))).toBe('a');
  });

  it('identical pods tie', () => {
    expect(first(pod({ uid: 'a' }), pod({ uid: 'a' }))).toBe('tie');
  });

  it('ranks count only active related pods per node, unassigned pods sharing ""', () => {
    const mine = [
      pod({ uid: 'a', node: 'node-1' }),
      pod({ uid: 'b', node: 'node-2' }),
      pod({ uid: 'c', node: '' }),
    ];
    const related = [
      ...mine,
      pod({ uid: 'd', node: 'node-1' }),
      pod({ uid: 'e', node: 'node-1', deleting: true }),
      pod({ uid: 'f', node: 'node-2', phase: 'Failed' }),
      pod({ uid: 'g', node: '' }),
    ];
    expect(rankPods(mine, related).map((r) => r.rank)).toEqual([2, 1, 2]);
  });

  it('deleting every pod skips the ranking (victims come back in name order)', () => {
    const pods = [pod({ uid: 'b', ...keeper }), pod({ uid: 'a', node: '' })];
    let ranked = false;
    const related = () => {
      ranked = true;
      return pods;
    };
    expect(podsToDelete(pods, related, 2, NOW).map((p) => p.metadata?.name)).toEqual(['pod-a', 'pod-b']);
    expect(ranked).toBe(false);
    expect(podsToDelete(pods, related, 1, NOW).map((p) => p.metadata?.uid)).toEqual(['a']);
    expect(ranked).toBe(true);
  });
});
