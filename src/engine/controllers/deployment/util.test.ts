import { describe, expect, it } from 'vitest';
import { deploymentObject } from './testkit';
import type { DeploymentOpts } from './testkit';
import {
  REVISION,
  REVISION_HISTORY,
  equalIgnoreHash,
  maxSurge,
  maxUnavailable,
  newReplicaSetAnnotations,
  podTemplateHash,
  resolveFenceposts,
} from './util';
import { NAME_ALPHABET } from '../../base/rng';

const d = (o: DeploymentOpts) => deploymentObject('web', o);

describe('fenceposts (ResolveFenceposts, MaxSurge, MaxUnavailable)', () => {
  // §1.2 worked values with the 25 %/25 % defaults: replicas, maxSurge, maxUnavailable, max pods, min available.
  const table: [number, number, number, number, number][] = [
    [1, 1, 0, 2, 1],
    [2, 1, 0, 3, 2],
    [3, 1, 0, 4, 3],
    [4, 1, 1, 5, 3],
    [5, 2, 1, 7, 4],
    [10, 3, 2, 13, 8],
    [15, 4, 3, 19, 12],
    [20, 5, 5, 25, 15],
  ];
  it.each(table)(
    '%i replicas: surge %i, unavailable %i, max %i, min available %i',
    (r, surge, unav, max, min) => {
      const dep = d({ replicas: r });
      expect(maxSurge(dep)).toBe(surge);
      expect(maxUnavailable(dep)).toBe(unav);
      expect(r + maxSurge(dep)).toBe(max);
      expect(r - maxUnavailable(dep)).toBe(min);
    },
  );

  it('rounds a surge percentage up and an unavailable percentage down', () => {
    expect(resolveFenceposts('10%', '10%', 11)).toEqual({ surge: 2, unavailable: 1 });
    expect(resolveFenceposts('19%', '19%', 10)).toEqual({ surge: 2, unavailable: 1 });
  });

  it('makes maxUnavailable 1 when both round to zero', () => {
    expect(resolveFenceposts(0, '10%', 2)).toEqual({ surge: 0, unavailable: 1 });
    expect(maxUnavailable(d({ replicas: 2, maxSurge: 0, maxUnavailable: '10%' }))).toBe(1);
    // Not when surge is non-zero.
    expect(resolveFenceposts(1, '10%', 2)).toEqual({ surge: 1, unavailable: 0 });
  });

  it('caps maxUnavailable at replicas, and gives 0 for Recreate or 0 replicas', () => {
    expect(maxUnavailable(d({ replicas: 3, maxSurge: 1, maxUnavailable: 5 }))).toBe(3);
    expect(maxUnavailable(d({ replicas: 0 }))).toBe(0);
    expect(maxUnavailable(d({ replicas: 4, strategy: 'Recreate' }))).toBe(0);
    expect(maxSurge(d({ replicas: 4, strategy: 'Recreate' }))).toBe(0);
  });

  it('allows maxSurge over 100 %', () => {
    expect(maxSurge(d({ replicas: 4, maxSurge: '150%', maxUnavailable: 0 }))).toBe(6);
  });
});

describe('pod-template-hash', () => {
  const t = deploymentObject('web', {}).spec?.template;

  it('is deterministic, uses only the name alphabet, and ignores key order', () => {
    const h = podTemplateHash(t);
    expect(podTemplateHash(t)).toBe(h);
    expect([...h].every((c) => NAME_ALPHABET.includes(c))).toBe(true);
    const reordered = Object.fromEntries(Object.entries(t ?? {}).reverse()) as typeof t;
    expect(podTemplateHash(reordered)).toBe(h);
  });

  it('changes with the template and with collisionCount', () => {
    const h = podTemplateHash(t);
    const other = deploymentObject('web', { image: 'web:2' }).spec?.template;
    expect(podTemplateHash(other)).not.toBe(h);
    expect(podTemplateHash(t, 1)).not.toBe(h);
    expect(podTemplateHash(t, 2)).not.toBe(podTemplateHash(t, 1));
    // collisionCount 0 is still hashed (a set pointer), unlike an absent one.
    expect(podTemplateHash(t, 0)).not.toBe(h);
  });

  it('is SafeEncodeString of the decimal FNV-32a value', () => {
    // Each decimal digit maps to its char code modulo 27: '0'..'9' become 4 5 6 7 8 9 b c d f, as in "6d9f7c8b5".
    expect(/^[456789bcdf]{1,10}$/.test(podTemplateHash(t))).toBe(true);
  });
});

describe('equalIgnoreHash', () => {
  const t = deploymentObject('web', {}).spec?.template;
  it('ignores only the pod-template-hash label', () => {
    const hashed = { ...t, metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' } } };
    expect(equalIgnoreHash(hashed, t)).toBe(true);
    const relabelled = { ...t, metadata: { labels: { app: 'web', tier: 'x' } } };
    expect(equalIgnoreHash(relabelled, t)).toBe(false);
    expect(equalIgnoreHash(deploymentObject('web', { image: 'web:2' }).spec?.template, t)).toBe(false);
  });
  it('treats empty maps and lists like absent ones (semantic equality)', () => {
    expect(equalIgnoreHash({ ...t, metadata: { labels: { app: 'web' }, annotations: {} } }, t)).toBe(true);
  });
});

describe('newReplicaSetAnnotations (SetNewReplicaSetAnnotations)', () => {
  const dep = {
    ...d({ replicas: 10 }),
    metadata: {
      name: 'web',
      annotations: {
        'kubernetes.io/change-cause': 'v2',
        [REVISION]: '7',
        'kubectl.kubernetes.io/last-applied-configuration': '{}',
      },
    },
  };
  it('gives a new ReplicaSet the revision, the replica annotations and the copyable Deployment annotations', () => {
    const { annotations } = newReplicaSetAnnotations(dep, undefined, 3, false);
    expect(annotations).toEqual({
      'kubernetes.io/change-cause': 'v2',
      [REVISION]: '3',
      'deployment.kubernetes.io/desired-replicas': '10',
      'deployment.kubernetes.io/max-replicas': '13',
    });
  });
  it('raises an existing revision and records the old one in revision-history', () => {
    const r1 = newReplicaSetAnnotations(dep, { [REVISION]: '1' }, 3, true);
    expect(r1.changed).toBe(true);
    expect(r1.annotations[REVISION]).toBe('3');
    expect(r1.annotations[REVISION_HISTORY]).toBe('1');
    const r2 = newReplicaSetAnnotations(dep, { [REVISION]: '3', [REVISION_HISTORY]: '1' }, 5, true);
    expect(r2.annotations[REVISION_HISTORY]).toBe('1,3');
  });
  it('never lowers a revision', () => {
    const r = newReplicaSetAnnotations(dep, { [REVISION]: '9', 'kubernetes.io/change-cause': 'v2' }, 4, true);
    expect(r.changed).toBe(false);
    expect(r.annotations[REVISION]).toBe('9');
  });
});
