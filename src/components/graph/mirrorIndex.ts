/**
 * The objects the graph draws, by kind, kept up to date from the keys each frame changed (the mirror's
 * change log) rather than read from the whole mirror on every redraw: a 1,000-pod cluster holds some
 * 16,000 Events, of which only the last two seconds' can light anything up.
 */
import type {
  Deployment,
  Endpoints,
  Event,
  HorizontalPodAutoscaler,
  KubeObject,
  Node,
  Pod,
  ReplicaSet,
  Service,
  StatefulSet,
} from '../../engine';
import { changesBetween } from '../../state/changes';
import type { ClusterMirror } from '../../state/mirror';
import type { PodFacts } from './model';
import { ACTIVE_SECONDS, compareNames, eventTime, podFacts } from './model';

export interface Indexed {
  /** In natural order of name (as are deployments, statefulSets, hpas and services). */
  readonly nodes: readonly Node[];
  readonly pods: readonly PodFacts[];
  readonly deployments: readonly Deployment[];
  readonly replicaSets: readonly ReplicaSet[];
  readonly statefulSets: readonly StatefulSet[];
  readonly hpas: readonly HorizontalPodAutoscaler[];
  readonly services: readonly Service[];
  readonly endpoints: ReadonlyMap<string, Endpoints>;
  /** Only the Events of the last ACTIVE_SECONDS: older ones light nothing up. */
  readonly events: readonly Event[];
  /** The scheduler's last attempt times (runtime `sched/...`), for its light. */
  readonly schedulerAttempts: readonly number[];
}

const KINDS = [
  'Node',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'HorizontalPodAutoscaler',
  'Service',
  'Endpoints',
] as const;
type IndexedKind = (typeof KINDS)[number];
const SORTED: ReadonlySet<IndexedKind> = new Set([
  'Node',
  'Deployment',
  'StatefulSet',
  'HorizontalPodAutoscaler',
  'Service',
]);

function kindOf(key: string): string {
  const i = key.indexOf('/');
  return i < 0 ? key : key.slice(0, i);
}

interface KindTable {
  readonly objects: Map<string, KubeObject>;
  /** Keys in the order the list is given (natural order for sorted kinds), rebuilt when keys come or go. */
  order: string[] | null;
  list: readonly KubeObject[] | null;
}

/**
 * An incremental index of one line of mirrors. `read(mirror)` gives the same answer as reading the mirror
 * whole; it only costs less when the mirror follows the last one read in the same change log.
 */
export class MirrorIndex {
  private last: ClusterMirror | null = null;
  private result: Indexed | null = null;
  private tables = new Map<string, KindTable>();
  private pods = new Map<string, PodFacts>();
  private podList: readonly PodFacts[] | null = null;
  /** Recent Events by key, with when they happened. */
  private recent = new Map<string, { readonly event: Event; readonly t: number }>();
  private sched = new Map<string, number>();

  read(mirror: ClusterMirror): Indexed {
    if (mirror === this.last && this.result) return this.result;
    const last = this.last;
    const changes = last && mirror.t >= last.t ? changesBetween(last, mirror) : null;
    const since = mirror.t - ACTIVE_SECONDS;
    if (!changes) this.rebuild(mirror, since);
    else {
      for (const key of changes.objects) {
        const o = mirror.objects.get(key);
        const kind = kindOf(key);
        if (kind === 'Event') {
          const t = o ? eventTime(key, o as Event) : Number.NaN;
          if (o && t >= since) this.recent.set(key, { event: o as Event, t });
          else this.recent.delete(key);
          continue;
        }
        if (kind === 'Pod') {
          if (o) this.pods.set(key, podFacts(key, o as Pod));
          else this.pods.delete(key);
          this.podList = null;
          continue;
        }
        const table = this.tables.get(kind);
        if (!table) continue;
        if (o) {
          if (!table.objects.has(key)) table.order = null;
          table.objects.set(key, o);
        } else if (table.objects.delete(key)) table.order = null;
        table.list = null;
      }
      for (const key of changes.runtime) if (key.startsWith('sched/')) this.noteSched(mirror, key);
      for (const [key, e] of this.recent) if (e.t < since) this.recent.delete(key);
    }
    this.last = mirror;
    const list = <K extends KubeObject>(kind: IndexedKind): readonly K[] => {
      const table = this.tables.get(kind);
      if (!table) return [];
      if (table.list) return table.list as readonly K[];
      if (!table.order) {
        table.order = [...table.objects.keys()];
        if (SORTED.has(kind)) table.order.sort(compareNames);
      }
      const objects = table.objects;
      table.list = table.order.map((k) => objects.get(k) as KubeObject);
      return table.list as readonly K[];
    };
    const endpoints = this.tables.get('Endpoints');
    this.result = {
      nodes: list<Node>('Node'),
      pods: (this.podList ??= [...this.pods.values()]),
      deployments: list<Deployment>('Deployment'),
      replicaSets: list<ReplicaSet>('ReplicaSet'),
      statefulSets: list<StatefulSet>('StatefulSet'),
      hpas: list<HorizontalPodAutoscaler>('HorizontalPodAutoscaler'),
      services: list<Service>('Service'),
      // Live: valid until the next read.
      endpoints: (endpoints?.objects ?? new Map()) as ReadonlyMap<string, Endpoints>,
      events: [...this.recent.values()].map((r) => r.event),
      schedulerAttempts: [...this.sched.values()],
    };
    return this.result;
  }

  private rebuild(mirror: ClusterMirror, since: number): void {
    this.tables = new Map(KINDS.map((k) => [k, { objects: new Map(), order: null, list: null }]));
    this.recent.clear();
    this.sched.clear();
    this.pods.clear();
    this.podList = null;
    for (const [key, o] of mirror.objects) {
      const kind = kindOf(key);
      if (kind === 'Pod') {
        this.pods.set(key, podFacts(key, o as Pod));
        continue;
      }
      if (kind === 'Event') {
        const t = eventTime(key, o as Event);
        if (t >= since) this.recent.set(key, { event: o as Event, t });
        continue;
      }
      this.tables.get(kind)?.objects.set(key, o);
    }
    for (const key of mirror.runtime.keys()) if (key.startsWith('sched/')) this.noteSched(mirror, key);
  }

  private noteSched(mirror: ClusterMirror, key: string): void {
    const last = (mirror.runtime.get(key) as { lastAttempt?: number } | undefined)?.lastAttempt;
    if (typeof last === 'number') this.sched.set(key, last);
    else this.sched.delete(key);
  }
}

/** The mirror read whole (no earlier mirror to start from). */
export function indexMirror(mirror: ClusterMirror): Indexed {
  return new MirrorIndex().read(mirror);
}
