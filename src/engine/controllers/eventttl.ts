/**
 * The API server's event TTL (--event-ttl, default 1 h): Events whose last occurrence is older are removed,
 * so a long run does not grow without bound. Swept once a simulated minute.
 */
import { seconds } from '../api/meta';
import type { Controller } from '../sim/controller';

export const EVENT_TTL_SECONDS = 3600;
const SWEEP_SECONDS = 60;

export const eventTtlController: Controller = {
  name: 'event-ttl',
  component: 'kube-apiserver',
  watches: [],
  start(ctx) {
    ctx.requeueAfter(SWEEP_SECONDS, 'sweep');
  },
  reconcile(_key, ctx) {
    for (const e of ctx.store.list('Event')) {
      if (seconds(e.lastTimestamp ?? e.metadata?.creationTimestamp) + EVENT_TTL_SECONDS < ctx.now) {
        ctx.store.remove('Event', e.metadata?.namespace, e.metadata?.name ?? '');
      }
    }
    ctx.requeueAfter(SWEEP_SECONDS, 'sweep');
  },
};
