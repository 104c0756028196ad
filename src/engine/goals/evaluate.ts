/**
 * Evaluating goals (schema.ts holds their data shape): reusable predicates over the simulated cluster. A
 * goal reads only the engine's state (the store, its runtime table and the records of what changed since the
 * last check), never which button was pressed, so a learner may reach it any way they like.
 *
 * A goal may keep a small accumulator (errors counted since the step began, restart counts at the start):
 * it is explicit, JSON-shaped memory, created by `start` when the step begins and threaded through every
 * `check`, so a check replays exactly and the memory can be stored beside a snapshot.
 */
import { selectorMatches } from '../api/meta';
import { podMetrics } from '../api/metrics';
import { podStatusWord } from '../api/podstatus';
import { isPodActive, isPodReady } from '../api/podutil';
import type { Store } from '../api/store';
import type { Deployment, Node, Pod } from '../api/types';
import { isKind, KIND_INFO } from '../api/types';
import { parseDuration } from '../base/duration';
import type { PodRt } from '../controllers/kubelet/runtime';
import { podRuntimeKey } from '../controllers/kubelet/runtime';
import type { SimRecord } from '../sim/simulation';
import { apiServerReachable } from '../world/controlplane';
import { parseSelectorString } from '../world/faults';
import { podRequestsPerSecond } from '../world/metrics';
import { ingressTrafficKey, KUBE_PROXY_STATE_KEY, serviceTrafficKey } from '../world/traffic';
import type { GoalKind, GoalSpec } from './schema';

/** Which pods a goal looks at: one by name, or those a label selector matches. */
interface PodSelection {
  readonly pod?: string | undefined;
  readonly selector?: string | undefined;
  readonly namespace?: string | undefined;
}

/** JSON-shaped memory a goal carries from check to check. */
export type GoalMemory =
  null | boolean | number | string | readonly GoalMemory[] | { readonly [key: string]: GoalMemory };

/** What a goal sees: the store now, the time, and every change since the previous check (in order). */
export interface GoalContext {
  readonly store: Store;
  readonly now: number;
  readonly records: readonly SimRecord[];
}

export interface GoalResult {
  readonly met: boolean;
  readonly memory: GoalMemory;
  /** How far along a counting goal is (for a progress bar; no text, which belongs to lesson data). */
  readonly progress?: { readonly have: number; readonly want: number };
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation

/** A compiled goal: `start` when the step begins, then `check` as often as you like (at least every second). */
export interface Goal {
  readonly spec: GoalSpec;
  start(ctx: GoalContext): GoalMemory;
  check(ctx: GoalContext, memory: GoalMemory): GoalResult;
}

function pods(store: Store, sel: PodSelection): Pod[] {
  const ns = sel.namespace ?? 'default';
  if (sel.pod !== undefined) {
    const p = store.get('Pod', ns, sel.pod);
    return p ? [p] : [];
  }
  const labels = parseSelectorString(sel.selector ?? '') ?? {};
  return store.list('Pod', ns).filter((p) => selectorMatches({ matchLabels: labels }, p.metadata?.labels));
}

function restarts(p: Pod): number {
  let n = 0;
  for (const s of p.status?.containerStatuses ?? []) n += s.restartCount;
  return n;
}

function uid(p: Pod): string {
  return p.metadata?.uid ?? `${p.metadata?.namespace}/${p.metadata?.name}`;
}

function isNodeReady(n: Node): boolean {
  return n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

function asRecord(m: GoalMemory): Readonly<Record<string, GoalMemory>> {
  return m !== null && typeof m === 'object' && !Array.isArray(m)
    ? (m as Readonly<Record<string, GoalMemory>>)
    : {};
}

function num(m: GoalMemory | undefined, fallback = 0): number {
  return typeof m === 'number' ? m : fallback;
}

function result(met: boolean, memory: GoalMemory = null, have?: number, want?: number): GoalResult {
  return have !== undefined && want !== undefined
    ? { met, memory, progress: { have, want } }
    : { met, memory };
}

function revisionOf(d: Deployment | undefined): number {
  const n = Number(d?.metadata?.annotations?.['deployment.kubernetes.io/revision']);
  return Number.isFinite(n) ? n : 0;
}

function rolloutDone(d: Deployment | undefined): boolean {
  if (!d) return false;
  const want = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  return (
    (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) &&
    (s.updatedReplicas ?? 0) === want &&
    (s.replicas ?? 0) === want &&
    (s.availableReplicas ?? 0) === want
  );
}

/** The runtime key of a request stream (a Service's, or an Ingress address's). */
function streamKey(spec: {
  service?: string | undefined;
  ingress?: string | undefined;
  namespace?: string | undefined;
}): string {
  return spec.ingress !== undefined
    ? ingressTrafficKey(spec.ingress)
    : serviceTrafficKey(spec.namespace ?? 'default', spec.service ?? '');
}

interface StreamFigures {
  readonly requests: number;
  readonly errors: number;
}

function figures(v: unknown): StreamFigures {
  const r = (v ?? {}) as { requests?: number; requestsPerSecond?: number; errorsPerSecond?: number };
  return { requests: r.requests ?? 0, errors: r.errorsPerSecond ?? 0 };
}

/**
 * Fold the records of one check over a request stream: each kube-proxy tick (a write of its state with a
 * new `next`) closes one simulated second, whose figures are the stream's latest value (an unchanged value
 * is not rewritten, so it still holds). `onSecond` sees every second in order; `onRecord` every record.
 */
function foldSeconds(
  records: readonly SimRecord[],
  key: string,
  last: StreamFigures,
  onSecond: (f: StreamFigures) => void,
  onRecord?: (r: SimRecord) => void,
): StreamFigures {
  let current = last;
  for (const r of records) {
    onRecord?.(r);
    const d = r.diff;
    if (d.type !== 'runtime') continue;
    if (d.key === key) current = figures(d.to);
    else if (d.key === KUBE_PROXY_STATE_KEY) {
      const from = (d.from ?? {}) as { next?: number };
      const to = (d.to ?? {}) as { next?: number };
      if (from.next !== undefined && to.next !== from.next) onSecond(current);
    }
  }
  return current;
}

function lastMemory(m: Readonly<Record<string, GoalMemory>>): StreamFigures {
  const l = asRecord(m.last ?? null);
  return { requests: num(l.requests), errors: num(l.errors) };
}

function lastToMemory(f: StreamFigures): GoalMemory {
  return { requests: f.requests, errors: f.errors };
}

/**
 * Watches the records for a new revision of a Deployment (a rollout starting): returns a record handler
 * that calls `onRollout` when the revision rises above the one last seen.
 */
function rolloutWatcher(
  namespace: string,
  deployment: string,
  revision: { value: number },
  onRollout: () => void,
): (r: SimRecord) => void {
  return (r) => {
    const d = r.diff;
    if (d.type === 'runtime' || d.type === 'removed' || d.kind !== 'Deployment') return;
    const to = d.to as Deployment;
    if (to.metadata?.name !== deployment || (to.metadata?.namespace ?? 'default') !== namespace) return;
    const rev = revisionOf(to);
    if (rev > revision.value) {
      revision.value = rev;
      onRollout();
    }
  };
}

/** A Ready pod's requests per second, or its CPU (millicores) or memory (MiB) as `kubectl top` shows them. */
function usageOf(
  store: Store,
  ns: string,
  pod: string,
  metric: 'requestsPerSecond' | 'cpu' | 'memory',
): number | undefined {
  if (metric === 'requestsPerSecond') return podRequestsPerSecond(store, ns, pod);
  const sample = podMetrics(store, ns, pod);
  if (!sample) return undefined;
  let total = 0;
  for (const c of sample.containers) total += metric === 'cpu' ? c.cpuMillis : c.memoryBytes / 2 ** 20;
  return total;
}

function isNamespaced(kind: string): boolean {
  return isKind(kind) && KIND_INFO[kind].namespaced;
}

/** An object by kind and name (cluster-scoped kinds ignore the namespace). */
function objectOf(
  store: Store,
  kind: string,
  namespace: string | undefined,
  name: string,
): object | undefined {
  if (!isKind(kind)) return undefined;
  return store.get(kind, isNamespaced(kind) ? (namespace ?? 'default') : undefined, name);
}

/** `metadata.annotations[deployment.kubernetes.io/revision].x` → its segments (brackets keep dots in keys). */
function pathSegments(path: string): string[] {
  return [...path.matchAll(/\[([^\]]*)\]|[^.[\]]+/g)].map((m) => m[1] ?? m[0]);
}

/** The values at a dotted path; a number picks a list item, `*` every item. */
function valuesAt(v: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return v === undefined ? [] : [v];
  const [head = '', ...rest] = path;
  if (Array.isArray(v)) {
    if (head === '*') return v.flatMap((x) => valuesAt(x, rest));
    return /^\d+$/.test(head) ? valuesAt(v[Number(head)], rest) : [];
  }
  if (typeof v === 'object' && v !== null) return valuesAt((v as Record<string, unknown>)[head], rest);
  return [];
}

/** `want` as a pattern: equal scalars; a mapping matches when each of its fields matches; lists item by item. */
function matches(have: unknown, want: unknown): boolean {
  if (Array.isArray(want))
    return Array.isArray(have) && have.length === want.length && want.every((w, i) => matches(have[i], w));
  if (typeof want === 'object' && want !== null) {
    if (typeof have !== 'object' || have === null || Array.isArray(have)) return false;
    return Object.entries(want).every(([k, w]) => matches((have as Record<string, unknown>)[k], w));
  }
  return have === want;
}

type Impl<S extends GoalSpec> = {
  start?: (spec: S, ctx: GoalContext) => GoalMemory;
  check: (spec: S, ctx: GoalContext, memory: GoalMemory) => GoalResult;
};

type Impls = { readonly [K in GoalKind]: Impl<Extract<GoalSpec, { kind: K }>> };

const IMPLS: Impls = {
  podsReady: {
    check(spec, { store }) {
      const n = pods(store, spec).filter((p) => isPodActive(p) && isPodReady(p)).length;
      return result(spec.atLeast ? n >= spec.count : n === spec.count, null, n, spec.count);
    },
  },

  podCount: {
    check(spec, { store }) {
      const n = pods(store, spec).filter(isPodActive).length;
      const met =
        (spec.atLeast === undefined || n >= spec.atLeast) && (spec.atMost === undefined || n <= spec.atMost);
      return result(met, null, n, spec.atLeast ?? spec.atMost ?? n);
    },
  },

  podsReplaced: {
    start: (spec, { store }) => pods(store, spec).filter(isPodActive).map(uid),
    check(spec, { store }, memory) {
      const before = Array.isArray(memory) ? (memory as string[]) : [];
      const alive = new Set(
        (spec.pod !== undefined ? pods(store, spec) : store.list('Pod', spec.namespace ?? 'default'))
          .filter(isPodActive)
          .map(uid),
      );
      const gone = before.filter((u) => !alive.has(u)).length;
      const want = spec.count ?? 1;
      return result(gone >= want, memory, Math.min(gone, want), want);
    },
  },

  podRestarted: {
    start: (spec, { store }) => Object.fromEntries(pods(store, spec).map((p) => [uid(p), restarts(p)])),
    check(spec, { store }, memory) {
      const base = asRecord(memory);
      const want = spec.count ?? 1;
      let best = 0;
      for (const p of pods(store, spec)) best = Math.max(best, restarts(p) - num(base[uid(p)]));
      return result(best >= want, memory, Math.min(best, want), want);
    },
  },

  podStatus: {
    check(spec, { store }) {
      const n = pods(store, spec).filter((p) => podStatusWord(p) === spec.status).length;
      const want = spec.count ?? 1;
      return result(n >= want, null, Math.min(n, want), want);
    },
  },

  podScheduled: {
    check(spec, { store }) {
      const active = pods(store, spec).filter(isPodActive);
      const bound = active.filter((p) => p.spec?.nodeName).length;
      const want = spec.count ?? 1;
      return result(
        active.length >= want && bound === active.length,
        null,
        bound,
        Math.max(want, active.length),
      );
    },
  },

  podsOnNodes: {
    check(spec, { store }) {
      const active = pods(store, spec).filter(isPodActive);
      const ok = (p: Pod): boolean => {
        const nodeName = p.spec?.nodeName;
        if (!nodeName) return false;
        if (spec.nodes && !spec.nodes.includes(nodeName)) return false;
        if (spec.notNodes?.includes(nodeName)) return false;
        if (spec.nodeLabels) {
          const labels = store.get('Node', undefined, nodeName)?.metadata?.labels ?? {};
          for (const [k, v] of Object.entries(spec.nodeLabels)) if (labels[k] !== v) return false;
        }
        return true;
      };
      const good = active.filter(ok).length;
      const want = spec.count ?? 1;
      return result(
        active.length >= want && good === active.length,
        null,
        good,
        Math.max(want, active.length),
      );
    },
  },

  spreadAcrossZones: {
    check(spec, { store }) {
      const key = spec.topologyKey ?? 'topology.kubernetes.io/zone';
      const domains = new Map<string, number>();
      for (const n of store.list('Node')) {
        const v = n.metadata?.labels?.[key];
        if (v !== undefined && isNodeReady(n) && !n.spec?.unschedulable) domains.set(v, 0);
      }
      const ready = pods(store, spec);
      let placed = 0;
      for (const p of ready) {
        if (!isPodActive(p) || !isPodReady(p) || !p.spec?.nodeName) continue;
        const v = store.get('Node', undefined, p.spec.nodeName)?.metadata?.labels?.[key];
        if (v === undefined || !domains.has(v)) continue;
        domains.set(v, (domains.get(v) ?? 0) + 1);
        placed++;
      }
      const counts = [...domains.values()];
      const covered = counts.filter((c) => c > 0).length;
      const skew = counts.length ? Math.max(...counts) - Math.min(...counts) : 0;
      const want = spec.minDomains ?? counts.length;
      const met = placed > 0 && counts.length > 0 && covered >= want && skew <= (spec.maxSkew ?? 1);
      return result(met, null, Math.min(covered, want), want);
    },
  },

  rolloutComplete: {
    check(spec, { store }) {
      const d = store.get('Deployment', spec.namespace ?? 'default', spec.deployment);
      const imageOk =
        spec.image === undefined ||
        (d?.spec?.template?.spec?.containers ?? []).some((c) => c.image === spec.image);
      return result(imageOk && rolloutDone(d));
    },
  },

  deploymentImage: {
    check(spec, { store }) {
      const d = store.get('Deployment', spec.namespace ?? 'default', spec.deployment);
      const containers = d?.spec?.template?.spec?.containers ?? [];
      const c =
        spec.container !== undefined ? containers.find((x) => x.name === spec.container) : containers[0];
      return result(c?.image === spec.image);
    },
  },

  replicasAtLeast: {
    check(spec, { store }) {
      const ns = spec.namespace ?? 'default';
      const o =
        spec.deployment !== undefined
          ? store.get('Deployment', ns, spec.deployment)
          : store.get('StatefulSet', ns, spec.statefulSet ?? '');
      const of = spec.of ?? 'available';
      const n =
        of === 'spec'
          ? (o?.spec?.replicas ?? 0)
          : of === 'ready'
            ? (o?.status?.readyReplicas ?? 0)
            : (o?.status?.availableReplicas ?? 0);
      return result(o !== undefined && n >= spec.count, null, Math.min(n, spec.count), spec.count);
    },
  },

  hpaScaledTo: {
    check(spec, { store }) {
      const h = store.get('HorizontalPodAutoscaler', spec.namespace ?? 'default', spec.hpa);
      const n = h?.status?.currentReplicas ?? 0;
      const met =
        h !== undefined &&
        (spec.atLeast === undefined || n >= spec.atLeast) &&
        (spec.atMost === undefined || n <= spec.atMost);
      return result(met, null, n, spec.atLeast ?? spec.atMost ?? n);
    },
  },

  nodeCondition: {
    check(spec, { store }) {
      const n = store.get('Node', undefined, spec.node);
      const c = n?.status?.conditions?.find((x) => x.type === (spec.type ?? 'Ready'));
      return result(c?.status === spec.status);
    },
  },

  nodeSchedulable: {
    check(spec, { store }) {
      const n = store.get('Node', undefined, spec.node);
      return result(n !== undefined && (n.spec?.unschedulable !== true) === spec.schedulable);
    },
  },

  nodeCount: {
    check(spec, { store }) {
      const n = store.list('Node').filter(isNodeReady).length;
      const met =
        (spec.atLeast === undefined || n >= spec.atLeast) && (spec.atMost === undefined || n <= spec.atMost);
      return result(met, null, n, spec.atLeast ?? spec.atMost ?? n);
    },
  },

  statefulSetReady: {
    check(spec, { store }) {
      const ns = spec.namespace ?? 'default';
      const s = store.get('StatefulSet', ns, spec.statefulSet);
      if (!s) return result(false);
      const want = s.spec?.replicas ?? 1;
      if (spec.replicas !== undefined && spec.replicas !== want) return result(false, null, 0, spec.replicas);
      let ready = 0;
      for (let i = 0; i < want; i++) {
        const p = store.get('Pod', ns, `${spec.statefulSet}-${i}`);
        if (p && isPodActive(p) && isPodReady(p)) ready++;
      }
      const extra = store
        .list('Pod', ns)
        .filter(
          (p) => isPodActive(p) && p.metadata?.ownerReferences?.some((o) => o.uid === s.metadata?.uid),
        ).length;
      return result(ready === want && extra === want, null, ready, want);
    },
  },

  pvcBound: {
    start(spec, { store }) {
      return (
        store.get('PersistentVolumeClaim', spec.namespace ?? 'default', spec.claim)?.spec?.volumeName ?? null
      );
    },
    check(spec, { store }, memory) {
      const c = store.get('PersistentVolumeClaim', spec.namespace ?? 'default', spec.claim);
      const bound = c?.status?.phase === 'Bound';
      const same = !spec.sameVolume || (typeof memory === 'string' && c?.spec?.volumeName === memory);
      return result(bound && same, memory);
    },
  },

  serviceEndpoints: {
    check(spec, { store }) {
      const ns = spec.namespace ?? 'default';
      const ready = new Set<string>();
      for (const s of store.list('EndpointSlice', ns)) {
        if (s.metadata?.labels?.['kubernetes.io/service-name'] !== spec.service) continue;
        for (const e of s.endpoints ?? []) {
          if (e.conditions?.ready === false) continue;
          ready.add(e.targetRef?.name ?? e.addresses[0] ?? '');
        }
      }
      const n = store.get('Service', ns, spec.service) ? ready.size : 0;
      return result(spec.atLeast ? n >= spec.count : n === spec.count, null, n, spec.count);
    },
  },

  noFailedRequests: {
    start(spec, { store }) {
      const deployment = spec.deployment ?? spec.service ?? '';
      return {
        last: lastToMemory(figures(store.getRuntime(streamKey(spec)))),
        revision: revisionOf(store.get('Deployment', spec.namespace ?? 'default', deployment)),
        started: false,
        errors: 0,
        requests: 0,
        clean: 0,
      };
    },
    check(spec, ctx, memory) {
      const m = asRecord(memory);
      const ns = spec.namespace ?? 'default';
      const deployment = spec.deployment ?? spec.service ?? '';
      const revision = { value: num(m.revision) };
      let started = m.started === true;
      let errors = num(m.errors);
      let requests = num(m.requests);
      let clean = num(m.clean);
      // A new revision of the Deployment is a new rollout: count its window afresh.
      const watch = rolloutWatcher(ns, deployment, revision, () => {
        started = true;
        errors = 0;
        requests = 0;
      });
      const last = foldSeconds(
        ctx.records,
        streamKey(spec),
        lastMemory(m),
        (f) => {
          errors += f.errors;
          requests += f.requests;
          clean = f.errors === 0 && f.requests > 0 ? clean + 1 : 0;
        },
        spec.during === 'rollout' ? watch : undefined,
      );
      const next: GoalMemory = {
        last: lastToMemory(last),
        revision: revision.value,
        started,
        errors,
        requests,
        clean,
      };
      if (spec.during === 'rollout') {
        const done = started && rolloutDone(ctx.store.get('Deployment', ns, deployment));
        return result(done && errors === 0 && requests > 0, next);
      }
      const d = parseDuration(spec.during);
      const want = 'seconds' in d ? d.seconds : Number.POSITIVE_INFINITY;
      return result(clean >= want, next, Math.min(clean, want), want);
    },
  },

  requestsFailed: {
    start: (spec, { store }) => ({
      last: lastToMemory(figures(store.getRuntime(streamKey(spec)))),
      errors: 0,
      requests: 0,
      revision: revisionOf(
        store.get('Deployment', spec.namespace ?? 'default', spec.deployment ?? spec.service ?? ''),
      ),
      started: spec.during !== 'rollout',
    }),
    check(spec, ctx, memory) {
      const m = asRecord(memory);
      let errors = num(m.errors);
      let requests = num(m.requests);
      let started = m.started === true;
      const revision = { value: num(m.revision) };
      const watch = rolloutWatcher(
        spec.namespace ?? 'default',
        spec.deployment ?? spec.service ?? '',
        revision,
        () => {
          started = true;
        },
      );
      const last = foldSeconds(
        ctx.records,
        streamKey(spec),
        lastMemory(m),
        (f) => {
          if (!started) return;
          errors += f.errors;
          requests += f.requests;
        },
        spec.during === 'rollout' ? watch : undefined,
      );
      const want = spec.atLeast ?? 1;
      const share = requests > 0 ? (errors * 100) / requests : 0;
      const met =
        errors >= want &&
        (spec.atMost === undefined || errors <= spec.atMost) &&
        (spec.percentAtLeast === undefined || share >= spec.percentAtLeast) &&
        (spec.percentAtMost === undefined || share <= spec.percentAtMost);
      const next: GoalMemory = {
        last: lastToMemory(last),
        errors,
        requests,
        revision: revision.value,
        started,
      };
      return result(met, next, Math.min(errors, want), want);
    },
  },

  controlPlaneAvailable: {
    check: (spec, { store }) => result(apiServerReachable(store) === spec.available),
  },

  podUsage: {
    check(spec, { store }) {
      const ns = spec.namespace ?? 'default';
      const values = pods(store, spec)
        .filter((p) => isPodActive(p) && isPodReady(p))
        .map((p) => usageOf(store, ns, p.metadata?.name ?? '', spec.metric));
      const ok = (v: number | undefined) =>
        v !== undefined &&
        (spec.atLeast === undefined || v >= spec.atLeast) &&
        (spec.atMost === undefined || v <= spec.atMost);
      return result(values.length > 0 && values.every(ok));
    },
  },

  containerEnv: {
    check(spec, { store }) {
      const ns = spec.namespace ?? 'default';
      const ready = pods(store, spec).filter((p) => isPodActive(p) && isPodReady(p));
      const has = ready.filter((p) => {
        const rt = store.getRuntime<PodRt>(podRuntimeKey(`${ns}/${p.metadata?.name ?? ''}`));
        const c =
          spec.container === undefined
            ? rt?.containers[0]
            : rt?.containers.find((x) => x.name === spec.container);
        return c?.proc.k === 'run' && c.env?.[spec.name] === spec.value;
      }).length;
      const met = ready.length >= spec.count && has === ready.length;
      return result(met, null, Math.min(has, spec.count), spec.count);
    },
  },

  objectExists: {
    check(spec, { store }) {
      const exists = objectOf(store, spec.resource, spec.namespace, spec.name) !== undefined;
      return result(exists === (spec.present ?? true));
    },
  },

  objectField: {
    check(spec, { store }) {
      const o = objectOf(store, spec.resource, spec.namespace, spec.name);
      const found = o === undefined ? [] : valuesAt(o, pathSegments(spec.path));
      const ok = spec.matches === undefined ? found.length > 0 : found.some((v) => matches(v, spec.matches));
      return result(o !== undefined && ok === (spec.present ?? true));
    },
  },

  eventRecorded: {
    check(spec, { store }) {
      const ns = spec.namespace ?? 'default';
      const names =
        spec.pod !== undefined || spec.selector !== undefined
          ? new Set(pods(store, spec).map((p) => p.metadata?.name ?? ''))
          : undefined;
      const seen = store.list('Event').some((e) => {
        const about = e.involvedObject;
        if (e.reason !== spec.reason) return false;
        if (spec.type !== undefined && e.type !== spec.type) return false;
        if (spec.message !== undefined && !(e.message ?? '').includes(spec.message)) return false;
        if (names) return about.kind === 'Pod' && about.namespace === ns && names.has(about.name ?? '');
        if (spec.resource !== undefined)
          return about.kind === spec.resource && about.name === spec.name && isNamespaced(spec.resource)
            ? about.namespace === ns
            : true;
        return true;
      });
      return result(seen);
    },
  },

  all: {
    start: (spec, ctx) => spec.goals.map((g) => compileGoal(g).start(ctx)),
    check(spec, ctx, memory) {
      const mem = Array.isArray(memory) ? (memory as GoalMemory[]) : [];
      const results = spec.goals.map((g, i) => compileGoal(g).check(ctx, mem[i] ?? null));
      const have = results.filter((r) => r.met).length;
      return result(
        have === results.length,
        results.map((r) => r.memory),
        have,
        results.length,
      );
    },
  },

  any: {
    start: (spec, ctx) => spec.goals.map((g) => compileGoal(g).start(ctx)),
    check(spec, ctx, memory) {
      const mem = Array.isArray(memory) ? (memory as GoalMemory[]) : [];
      const results = spec.goals.map((g, i) => compileGoal(g).check(ctx, mem[i] ?? null));
      return result(
        results.some((r) => r.met),
        results.map((r) => r.memory),
      );
    },
  },

  sustained: {
    start: (spec, ctx) => ({ inner: compileGoal(spec.goal).start(ctx), since: null }),
    check(spec, ctx, memory) {
      const m = asRecord(memory);
      const r = compileGoal(spec.goal).check(ctx, m.inner ?? null);
      const since = r.met ? (typeof m.since === 'number' ? m.since : ctx.now) : null;
      const d = parseDuration(spec.for);
      const want = 'seconds' in d ? d.seconds : Number.POSITIVE_INFINITY;
      const held = since === null ? 0 : ctx.now - since;
      return result(held >= want, { inner: r.memory, since }, Math.min(Math.floor(held), want), want);
    },
  },

  not: {
    start: (spec, ctx) => compileGoal(spec.goal).start(ctx),
    check(spec, ctx, memory) {
      const r = compileGoal(spec.goal).check(ctx, memory);
      return result(!r.met, r.memory);
    },
  },
};

/** Turn goal data into something that can be checked. The data must have passed validateGoal. */
export function compileGoal(spec: GoalSpec): Goal {
  const impl = IMPLS[spec.kind] as Impl<GoalSpec>;
  return {
    spec,
    start: (ctx) => (impl.start ? impl.start(spec, ctx) : null),
    check: (ctx, memory) => impl.check(spec, ctx, memory),
  };
}

/**
 * The goal of one step as it runs: starts its memory when the step begins, then folds every check. Once met,
 * it stays met (a step is done the moment its goal holds, as the learner sees it).
 */
export class GoalTracker {
  private readonly goal: Goal;
  private mem: GoalMemory;
  private done = false;
  private last: GoalResult;

  constructor(spec: GoalSpec, ctx: GoalContext) {
    this.goal = compileGoal(spec);
    this.mem = this.goal.start(ctx);
    this.last = { met: false, memory: this.mem };
  }

  get met(): boolean {
    return this.done;
  }

  get memory(): GoalMemory {
    return this.mem;
  }

  get lastResult(): GoalResult {
    return this.last;
  }

  check(ctx: GoalContext): GoalResult {
    this.last = this.goal.check(ctx, this.mem);
    this.mem = this.last.memory;
    if (this.last.met) this.done = true;
    return this.last;
  }
}
