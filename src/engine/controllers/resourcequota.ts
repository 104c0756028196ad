/**
 * kube-controller-manager's resource quota controller (pkg/controller/resourcequota): keeps each
 * ResourceQuota's status.hard (a copy of spec.hard) and status.used (a full recount of the namespace) up to
 * date when quotas change and when what they count is added, removed or finishes (replenishment).
 * Left out: the 5-minute full resync (a recount follows every relevant change instead), scopes.
 */
import { seconds } from '../api/meta';
import {
  formatList,
  formatQuotaAmount,
  namespaceUsage,
  podCountsAgainstQuota,
  quotaAmount,
} from '../api/quota';
import type { Store } from '../api/store';
import type { Kind, Pod } from '../api/types';
import { KIND_INFO, KINDS } from '../api/types';
import type { Controller, ObjectWatch } from '../sim/controller';

export const RESOURCEQUOTA_CONTROLLER = 'resourcequota-controller';

function quotasIn(store: Store, namespace: string | undefined): string[] {
  if (!namespace) return [];
  return store.list('ResourceQuota', namespace).map((q) => `${namespace}/${q.metadata?.name ?? ''}`);
}

/** Added or removed objects change counts; a pod also stops counting when it finishes or starts terminating. */
function countedWatch(kind: Kind): ObjectWatch {
  return {
    kind,
    keys: () => [],
    changed(from, to, store) {
      const obj = to ?? from;
      if (from && to) {
        if (kind !== 'Pod') return [];
        const a = from as Pod;
        const b = to as Pod;
        if (
          a.status?.phase === b.status?.phase &&
          a.metadata?.deletionTimestamp === b.metadata?.deletionTimestamp &&
          a.spec === b.spec
        ) {
          return [];
        }
      }
      return quotasIn(store, obj?.metadata?.namespace);
    },
  };
}

const COUNTED_KINDS: readonly Kind[] = KINDS.filter(
  (k) => KIND_INFO[k].namespaced && k !== 'Event' && k !== 'ResourceQuota',
);

export const resourceQuotaController: Controller = {
  name: RESOURCEQUOTA_CONTROLLER,
  component: 'kube-controller-manager',
  watches: [
    {
      kind: 'ResourceQuota',
      keys: (obj, store) => quotasIn(store, obj.metadata?.namespace),
    } satisfies ObjectWatch,
    ...COUNTED_KINDS.map(countedWatch),
  ],
  reconcile(key, ctx) {
    const slash = key.indexOf('/');
    const ns = key.slice(0, slash);
    const quota = ctx.store.get('ResourceQuota', ns, key.slice(slash + 1));
    if (!quota || quota.metadata?.deletionTimestamp) return;
    const specHard = quota.spec?.hard ?? {};
    const names = Object.keys(specHard).sort();
    const hard: Record<string, string> = {};
    for (const n of names) hard[n] = formatQuotaAmount(n, quotaAmount(n, specHard[n]));
    const used = formatList(namespaceUsage(ctx.store, ns, names, ctx.now));
    const status = { hard, used };
    if (JSON.stringify(status) !== JSON.stringify(quota.status ?? {})) {
      ctx.api.updateStatus('ResourceQuota', { ...quota, status });
    }
    // A terminating pod stops counting once its deletion time plus grace has passed: recount then.
    let next = Infinity;
    for (const pod of ctx.store.list('Pod', ns)) {
      const del = pod.metadata?.deletionTimestamp;
      const grace = pod.metadata?.deletionGracePeriodSeconds;
      if (del === undefined || grace === undefined || !podCountsAgainstQuota(pod, ctx.now)) continue;
      next = Math.min(next, seconds(del) + grace);
    }
    if (Number.isFinite(next)) ctx.requeueAfter(Math.max(0, next - ctx.now) + 0.001, key);
  },
};
