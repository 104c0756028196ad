/**
 * The metrics-server add-on: scrapes every node's kubelet every 15 s (--metric-resolution) and keeps the latest
 * per-pod and per-node usage in the runtime table (`metrics/pod/<ns>/<name>`, `metrics/node/<name>`), where the
 * HPA controller and `kubectl top` read it. Leaves out the aggregated API, TLS, and scrape failures other than
 * powered-off machines. Runs as a control-plane add-on: it stops during a control-plane outage.
 */
import { METRICS_RESOLUTION_SECONDS } from '../api/metrics';
import { scrape } from './metrics';
import type { Controller } from '../sim/controller';

export const METRICS_SERVER = 'metrics-server';
const SCRAPE_KEY = 'scrape';

export const metricsServer: Controller = {
  name: METRICS_SERVER,
  component: 'kube-controller-manager',
  watches: [],
  start(ctx) {
    ctx.requeueAfter(METRICS_RESOLUTION_SECONDS, SCRAPE_KEY);
  },
  reconcile(_key, ctx) {
    scrape(ctx.store, ctx.config, ctx.now);
    ctx.requeueAfter(METRICS_RESOLUTION_SECONDS, SCRAPE_KEY);
  },
};
