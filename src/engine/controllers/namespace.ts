/**
 * kube-controller-manager's namespace controller (pkg/controller/namespace): a Namespace that is being
 * deleted (phase Terminating) has all its content deleted, pods gracefully; once nothing but Events is left
 * its "kubernetes" finalizer is removed and the Namespace goes. Status conditions as the real deleter writes
 * them. Left out: discovery failures, content finalizers, the deletion-estimate back-off curve.
 */
import { ApiError } from '../api/errors';
import { timestamp } from '../api/meta';
import type { NamespaceCondition } from 'kubernetes-types/core/v1';
import type { Kind, Namespace } from '../api/types';
import { KIND_INFO, KINDS } from '../api/types';
import type { Controller, ObjectWatch } from '../sim/controller';

export const NAMESPACE_CONTROLLER = 'namespace-controller';
/** How soon to look again while pods are still terminating (the real deleter estimates from grace periods). */
const RECHECK_SECONDS = 5;

const CONTENT_KINDS: readonly Kind[] = KINDS.filter((k) => KIND_INFO[k].namespaced && k !== 'Event');

function isTerminating(ns: Namespace | undefined): boolean {
  return ns?.metadata?.deletionTimestamp !== undefined;
}

/** Content that goes away wakes the namespace it lived in, while that namespace is terminating. */
function contentWatch(kind: Kind): ObjectWatch {
  return {
    kind,
    keys: () => [],
    changed(from, to, store) {
      if (to !== undefined || from === undefined) return [];
      const ns = from.metadata?.namespace ?? '';
      return isTerminating(store.get('Namespace', undefined, ns)) ? [ns] : [];
    },
  };
}

function groupResource(kind: Kind): string {
  const { apiVersion, plural } = KIND_INFO[kind];
  const slash = apiVersion.indexOf('/');
  return `${plural}.${slash < 0 ? '' : apiVersion.slice(0, slash)}`;
}

function cond(
  type: string,
  status: 'True' | 'False',
  reason: string,
  message: string,
  now: number,
  prev: readonly NamespaceCondition[],
): NamespaceCondition {
  const old = prev.find((c) => c.type === type);
  return {
    type,
    status,
    lastTransitionTime:
      old && old.status === status && old.lastTransitionTime ? old.lastTransitionTime : timestamp(now),
    reason,
    message,
  };
}

export const namespaceController: Controller = {
  name: NAMESPACE_CONTROLLER,
  component: 'kube-controller-manager',
  watches: [
    { kind: 'Namespace', keys: (obj) => [obj.metadata?.name ?? ''] } satisfies ObjectWatch,
    ...CONTENT_KINDS.map(contentWatch),
  ],
  reconcile(name, ctx) {
    const ns = ctx.store.get('Namespace', undefined, name);
    if (!ns || !isTerminating(ns)) return;
    const remaining: string[] = [];
    for (const kind of [...CONTENT_KINDS, 'Event' as const]) {
      const objs = ctx.store.list(kind, name);
      for (const o of objs) {
        try {
          ctx.api.delete(kind, name, o.metadata?.name ?? '');
        } catch (e) {
          if (!(e instanceof ApiError) || e.reason !== 'NotFound') throw e;
        }
      }
      const left = kind === 'Event' ? 0 : ctx.store.list(kind, name).length;
      if (left) remaining.push(`${groupResource(kind)} has ${left} resource instances`);
    }
    const prev = ns.status?.conditions ?? [];
    const conditions: NamespaceCondition[] = [
      cond(
        'NamespaceDeletionDiscoveryFailure',
        'False',
        'ResourcesDiscovered',
        'All resources successfully discovered',
        ctx.now,
        prev,
      ),
      cond(
        'NamespaceDeletionGroupVersionParsingFailure',
        'False',
        'ParsedGroupVersions',
        'All legacy kube types successfully parsed',
        ctx.now,
        prev,
      ),
      cond(
        'NamespaceDeletionContentFailure',
        'False',
        'ContentDeleted',
        'All content successfully deleted, may be waiting on finalization',
        ctx.now,
        prev,
      ),
      remaining.length
        ? cond(
            'NamespaceContentRemaining',
            'True',
            'SomeResourcesRemain',
            `Some resources are remaining: ${remaining.sort().join(', ')}`,
            ctx.now,
            prev,
          )
        : cond(
            'NamespaceContentRemaining',
            'False',
            'ContentRemoved',
            'All content successfully removed',
            ctx.now,
            prev,
          ),
      cond(
        'NamespaceFinalizersRemaining',
        'False',
        'ContentHasNoFinalizers',
        'All content-preserving finalizers finished',
        ctx.now,
        prev,
      ),
    ];
    let cur = ns;
    if (JSON.stringify(conditions) !== JSON.stringify(prev)) {
      cur = ctx.api.updateStatus('Namespace', { ...ns, status: { ...ns.status, conditions } });
    }
    if (remaining.length) {
      ctx.requeueAfter(RECHECK_SECONDS, name);
      return;
    }
    // finalizeNamespace: drop the "kubernetes" finalizer; with none left the Namespace is removed.
    const finalizers = (cur.spec?.finalizers ?? []).filter((f) => f !== 'kubernetes');
    ctx.api.update('Namespace', { ...cur, spec: { ...cur.spec, finalizers } });
    if (finalizers.length === 0) ctx.api.delete('Namespace', undefined, name);
  },
};
