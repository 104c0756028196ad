/**
 * The Events section of kubectl describe: the events whose involvedObject is the object (searchEvents'
 * field selector on name, namespace, kind and uid), sorted by lastTimestamp, ages as "2m (x3 over 5m)".
 * Layouts follow kubectl v1.34, the version the simulated cluster runs.
 */
import { seconds } from '../../../api/meta';
import type { Store } from '../../../api/store';
import type { Event, Kind, KubeObject } from '../../../api/types';
import { KIND_INFO } from '../../../api/types';
import { since } from '../../duration';
import type { PrefixWriter } from './writer';

/**
 * Events about `obj`. Pods are searched without a kind (kubectl clears it); nodes also match events whose
 * uid is the node's name (the kubelet's convention).
 */
export function eventsFor(store: Store, obj: KubeObject): Event[] {
  const kind = obj.kind as Kind;
  const meta = obj.metadata ?? {};
  const ns = KIND_INFO[kind].namespaced ? (meta.namespace ?? 'default') : 'default';
  const found = store.list('Event', ns).filter((e) => {
    const o = e.involvedObject;
    if (o.name !== meta.name) return false;
    if (kind !== 'Pod' && o.kind !== kind) return false;
    if (!KIND_INFO[kind].namespaced && o.namespace) return false;
    if (o.uid && meta.uid && o.uid !== meta.uid && !(kind === 'Node' && o.uid === meta.name)) return false;
    return true;
  });
  // sort.Sort over lastTimestamp; ties keep the order events were first recorded in.
  const order = new Map(found.map((e, i) => [e, i] as const));
  const at = (e: Event) => seconds(e.lastTimestamp ?? e.firstTimestamp ?? e.metadata?.creationTimestamp);
  return found.sort(
    (a, b) =>
      at(a) - at(b) ||
      seconds(a.firstTimestamp) - seconds(b.firstTimestamp) ||
      (order.get(a) ?? 0) - (order.get(b) ?? 0),
  );
}

/** DescribeEvents: "Events:  <none>" inside the current block, else a table flushed on its own. */
export function describeEvents(w: PrefixWriter, events: readonly Event[], now: number): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of events) {
    const first = since(e.eventTime ?? e.firstTimestamp, now);
    const count = e.series?.count ?? e.count ?? 1;
    const last = e.series?.lastObservedTime ?? e.lastTimestamp;
    const age = count > 1 ? `${since(last, now)} (x${count} over ${first})` : first;
    const from = e.source?.component || e.reportingComponent || '';
    const message = (e.message ?? '').trim();
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${age}\t${from}\t${message}\n`);
  }
}
