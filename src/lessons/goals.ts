/**
 * Lesson goals: reusable predicates over the simulated cluster, written as plain data so that lessons
 * authors write themselves can use them too. A goal reads only the engine's state (the store, its runtime
 * table and the records of what changed since the last check), never which button was pressed, so a learner
 * may reach it any way they like.
 *
 * A goal may keep a small accumulator (errors counted since the step began, restart counts at the start):
 * it is explicit, JSON-shaped memory, created by `start` when the step begins and threaded through every
 * `check`, so a check replays exactly and the memory can be stored beside a snapshot.
 */
import type { Deployment, Kind, Node, Pod, SimRecord, Store } from '../engine';
import {
  KINDS,
  KUBE_PROXY_STATE_KEY,
  apiServerReachable,
  ingressTrafficKey,
  isKind,
  isPodActive,
  isPodReady,
  parseDuration,
  parseSelectorString,
  podStatusWord,
  selectorMatches,
  serviceTrafficKey,
} from '../engine';

// ---------------------------------------------------------------------------------------------------------
// Goal specifications (data)

/** Which pods a goal looks at: one by name, or those a label selector ("app=web,tier=front") matches. */
export interface PodSelection {
  readonly pod?: string;
  readonly selector?: string;
  /** Default "default". */
  readonly namespace?: string;
}

export type GoalSpec =
  /** Exactly `count` (or, with atLeast, at least `count`) matching pods are Ready and not terminating. */
  | {
      readonly kind: 'podsReady';
      readonly selector: string;
      readonly namespace?: string;
      readonly count: number;
      readonly atLeast?: boolean;
    }
  /** At least `count` (default 1) pods that existed when the step began have gone (deleted or terminating). */
  | (PodSelection & { readonly kind: 'podsReplaced'; readonly count?: number })
  /** A matching pod's containers restarted at least `count` (default 1) more times than at the step's start. */
  | (PodSelection & { readonly kind: 'podRestarted'; readonly count?: number })
  /** At least `count` (default 1) matching pods show `status` in the STATUS column of `kubectl get pods`. */
  | (PodSelection & { readonly kind: 'podStatus'; readonly status: string; readonly count?: number })
  /** Every active matching pod is bound to a node, and there are at least `count` (default 1) of them. */
  | (PodSelection & { readonly kind: 'podScheduled'; readonly count?: number })
  /**
   * Every active matching pod is bound to a node that is in `nodes`, not in `notNodes`, and carries
   * `nodeLabels`; and there are at least `count` (default 1) of them.
   */
  | (PodSelection & {
      readonly kind: 'podsOnNodes';
      readonly nodes?: readonly string[];
      readonly notNodes?: readonly string[];
      readonly nodeLabels?: Readonly<Record<string, string>>;
      readonly count?: number;
    })
  /**
   * The Ready matching pods cover every domain (value of `topologyKey`, default the zone label) of the Ready,
   * schedulable nodes (or, with `minDomains`, at least that many of them), with at most `maxSkew` (default 1)
   * pods between the fullest and the emptiest domain.
   */
  | {
      readonly kind: 'spreadAcrossZones';
      readonly selector: string;
      readonly namespace?: string;
      readonly topologyKey?: string;
      readonly maxSkew?: number;
      readonly minDomains?: number;
    }
  /** The Deployment's rollout is finished: observedGeneration current, updated == replicas == available. */
  | {
      readonly kind: 'rolloutComplete';
      readonly deployment: string;
      readonly namespace?: string;
      /** Also require the pod template to run this image. */
      readonly image?: string;
    }
  /** The Deployment's pod template (container `container`, default the first) declares `image`. */
  | {
      readonly kind: 'deploymentImage';
      readonly deployment: string;
      readonly namespace?: string;
      readonly image: string;
      readonly container?: string;
    }
  /** A Deployment's or StatefulSet's replicas (`of`: spec, ready or available, default available) >= count. */
  | {
      readonly kind: 'replicasAtLeast';
      readonly deployment?: string;
      readonly statefulSet?: string;
      readonly namespace?: string;
      readonly count: number;
      readonly of?: 'spec' | 'ready' | 'available';
    }
  /** The HorizontalPodAutoscaler's current replicas are within [atLeast, atMost]. */
  | {
      readonly kind: 'hpaScaledTo';
      readonly hpa: string;
      readonly namespace?: string;
      readonly atLeast?: number;
      readonly atMost?: number;
    }
  /** A node's condition (`type`, default Ready) has `status` (True, False or Unknown). */
  | {
      readonly kind: 'nodeCondition';
      readonly node: string;
      readonly type?: string;
      readonly status: 'True' | 'False' | 'Unknown';
    }
  /** A node is (or is not) open to new pods: not cordoned (spec.unschedulable). */
  | { readonly kind: 'nodeSchedulable'; readonly node: string; readonly schedulable: boolean }
  /** The number of Ready nodes is within [atLeast, atMost]. */
  | { readonly kind: 'nodeCount'; readonly atLeast?: number; readonly atMost?: number }
  /** The StatefulSet has all its pods (`<name>-0` ... ) Ready, optionally exactly `replicas` of them. */
  | {
      readonly kind: 'statefulSetReady';
      readonly statefulSet: string;
      readonly namespace?: string;
      readonly replicas?: number;
    }
  /** A PersistentVolumeClaim is Bound; with sameVolume, to the volume it was bound to when the step began. */
  | {
      readonly kind: 'pvcBound';
      readonly claim: string;
      readonly namespace?: string;
      readonly sameVolume?: boolean;
    }
  /** The Service routes to exactly `count` (or, with atLeast, at least `count`) ready endpoints. */
  | {
      readonly kind: 'serviceEndpoints';
      readonly service: string;
      readonly namespace?: string;
      readonly count: number;
      readonly atLeast?: boolean;
    }
  /**
   * No request to the Service (or the Ingress address, "shop.example.com/cart") failed over a window:
   * `during: 'rollout'` is a whole rollout of `deployment` (default: the Service's name) that starts after the
   * step began and completes; a duration ("30s") is that long of traffic in a row without a failure.
   */
  | {
      readonly kind: 'noFailedRequests';
      readonly service?: string;
      readonly ingress?: string;
      readonly namespace?: string;
      readonly during: string;
      readonly deployment?: string;
    }
  /**
   * At least `atLeast` (default 1) requests to the Service (or Ingress address) failed since the step began;
   * with `during: 'rollout'`, since a rollout of `deployment` (default: the Service's name) began in the step.
   */
  | {
      readonly kind: 'requestsFailed';
      readonly service?: string;
      readonly ingress?: string;
      readonly namespace?: string;
      readonly atLeast?: number;
      readonly during?: 'rollout';
      readonly deployment?: string;
    }
  /** The control plane's API server answers (available: true) or not (available: false). */
  | { readonly kind: 'controlPlaneAvailable'; readonly available: boolean }
  /** An object of `resource` (a kind: ConfigMap, Secret, Service, ...) exists (or, with present: false, not). */
  | {
      readonly kind: 'objectExists';
      readonly resource: string;
      readonly name: string;
      readonly namespace?: string;
      readonly present?: boolean;
    }
  | { readonly kind: 'all'; readonly goals: readonly GoalSpec[] }
  | { readonly kind: 'any'; readonly goals: readonly GoalSpec[] }
  | { readonly kind: 'not'; readonly goal: GoalSpec };

export type GoalKind = GoalSpec['kind'];

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
// Validation of goal data (used by validate.ts for author-written lessons)

export interface GoalProblem {
  /** Path inside the goal ("goals[1].count"). */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

type FieldType =
  | 'string'
  | 'name'
  | 'selector'
  | 'count'
  | 'boolean'
  | 'names'
  | 'labels'
  | 'duration-or-rollout'
  | 'goal'
  | 'goals'
  | { readonly oneOf: readonly string[] };

interface FieldRule {
  readonly type: FieldType;
  readonly required?: boolean;
}

const NS: FieldRule = { type: 'name' };
const POD_SELECTION: Readonly<Record<string, FieldRule>> = {
  pod: { type: 'name' },
  selector: { type: 'selector' },
  namespace: NS,
};

const GOAL_FIELDS: { readonly [K in GoalKind]: Readonly<Record<string, FieldRule>> } = {
  podsReady: {
    selector: { type: 'selector', required: true },
    namespace: NS,
    count: { type: 'count', required: true },
    atLeast: { type: 'boolean' },
  },
  podsReplaced: { ...POD_SELECTION, count: { type: 'count' } },
  podRestarted: { ...POD_SELECTION, count: { type: 'count' } },
  podStatus: { ...POD_SELECTION, status: { type: 'string', required: true }, count: { type: 'count' } },
  podScheduled: { ...POD_SELECTION, count: { type: 'count' } },
  podsOnNodes: {
    ...POD_SELECTION,
    nodes: { type: 'names' },
    notNodes: { type: 'names' },
    nodeLabels: { type: 'labels' },
    count: { type: 'count' },
  },
  spreadAcrossZones: {
    selector: { type: 'selector', required: true },
    namespace: NS,
    topologyKey: { type: 'string' },
    maxSkew: { type: 'count' },
    minDomains: { type: 'count' },
  },
  rolloutComplete: { deployment: { type: 'name', required: true }, namespace: NS, image: { type: 'string' } },
  deploymentImage: {
    deployment: { type: 'name', required: true },
    namespace: NS,
    image: { type: 'string', required: true },
    container: { type: 'name' },
  },
  replicasAtLeast: {
    deployment: { type: 'name' },
    statefulSet: { type: 'name' },
    namespace: NS,
    count: { type: 'count', required: true },
    of: { type: { oneOf: ['spec', 'ready', 'available'] } },
  },
  hpaScaledTo: {
    hpa: { type: 'name', required: true },
    namespace: NS,
    atLeast: { type: 'count' },
    atMost: { type: 'count' },
  },
  nodeCondition: {
    node: { type: 'name', required: true },
    type: { type: 'string' },
    status: { type: { oneOf: ['True', 'False', 'Unknown'] }, required: true },
  },
  nodeSchedulable: {
    node: { type: 'name', required: true },
    schedulable: { type: 'boolean', required: true },
  },
  nodeCount: { atLeast: { type: 'count' }, atMost: { type: 'count' } },
  statefulSetReady: {
    statefulSet: { type: 'name', required: true },
    namespace: NS,
    replicas: { type: 'count' },
  },
  pvcBound: { claim: { type: 'name', required: true }, namespace: NS, sameVolume: { type: 'boolean' } },
  serviceEndpoints: {
    service: { type: 'name', required: true },
    namespace: NS,
    count: { type: 'count', required: true },
    atLeast: { type: 'boolean' },
  },
  noFailedRequests: {
    service: { type: 'name' },
    ingress: { type: 'string' },
    namespace: NS,
    during: { type: 'duration-or-rollout', required: true },
    deployment: { type: 'name' },
  },
  requestsFailed: {
    service: { type: 'name' },
    ingress: { type: 'string' },
    namespace: NS,
    atLeast: { type: 'count' },
    during: { type: { oneOf: ['rollout'] } },
    deployment: { type: 'name' },
  },
  controlPlaneAvailable: { available: { type: 'boolean', required: true } },
  objectExists: {
    resource: { type: 'string', required: true },
    name: { type: 'name', required: true },
    namespace: NS,
    present: { type: 'boolean' },
  },
  all: { goals: { type: 'goals', required: true } },
  any: { goals: { type: 'goals', required: true } },
  not: { goal: { type: 'goal', required: true } },
};

/** Every goal kind, sorted (for messages and documentation). */
export const GOAL_KINDS: readonly GoalKind[] = (Object.keys(GOAL_FIELDS) as GoalKind[]).sort();

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
}

function checkField(
  value: unknown,
  rule: FieldRule,
  path: (string | number)[],
  problems: GoalProblem[],
): void {
  const fail = (message: string) => problems.push({ path, message });
  const t = rule.type;
  if (typeof t === 'object') {
    if (typeof value !== 'string' || !t.oneOf.includes(value))
      fail(`unsupported value ${describe(value)}; supported: ${t.oneOf.map((x) => `"${x}"`).join(', ')}`);
    return;
  }
  switch (t) {
    case 'string':
      if (typeof value !== 'string' || value.trim() === '') fail('must be a non-empty string');
      return;
    case 'name':
      if (typeof value !== 'string' || !NAME.test(value))
        fail(`invalid name ${describe(value)}: must be a lowercase RFC 1123 name such as "web" or "node-1"`);
      return;
    case 'selector':
      if (typeof value !== 'string' || !parseSelectorString(value))
        fail(`invalid selector ${describe(value)}: expected "key=value" pairs separated by commas`);
      return;
    case 'count':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
        fail(`must be a whole number >= 0, not ${describe(value)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail(`must be true or false, not ${describe(value)}`);
      return;
    case 'names':
      if (!Array.isArray(value) || value.some((n) => typeof n !== 'string' || !NAME.test(n)))
        fail('must be a list of node names');
      return;
    case 'labels':
      if (!isRecord(value) || Object.values(value).some((v) => typeof v !== 'string'))
        fail('must be a map of label keys to string values');
      return;
    case 'duration-or-rollout':
      if (value === 'rollout') return;
      if ('error' in parseDuration(value))
        fail(`must be "rollout" or a duration such as "30s", not ${describe(value)}`);
      return;
    case 'goal':
      problems.push(...validateGoal(value, path));
      return;
    case 'goals':
      if (!Array.isArray(value) || value.length === 0) {
        fail('must be a non-empty list of goals');
        return;
      }
      value.forEach((g, i) => problems.push(...validateGoal(g, [...path, i])));
      return;
  }
}

/** Check goal data. Problems carry paths relative to `at` (the goal's own path in the lesson). */
export function validateGoal(value: unknown, at: (string | number)[] = []): GoalProblem[] {
  if (!isRecord(value)) return [{ path: at, message: 'a goal must be a mapping with a kind' }];
  const kind = value.kind;
  if (typeof kind !== 'string' || !(kind in GOAL_FIELDS)) {
    return [
      {
        path: [...at, 'kind'],
        message:
          kind === undefined
            ? `missing goal kind; supported: ${GOAL_KINDS.join(', ')}`
            : `unknown goal ${describe(kind)}; supported: ${GOAL_KINDS.join(', ')}`,
      },
    ];
  }
  const fields = GOAL_FIELDS[kind as GoalKind];
  const problems: GoalProblem[] = [];
  for (const k of Object.keys(value)) {
    if (k === 'kind') continue;
    const rule = fields[k];
    if (!rule) {
      problems.push({
        path: [...at, k],
        message: `unknown field "${k}" in a ${kind} goal; supported: ${['kind', ...Object.keys(fields)].join(', ')}`,
      });
      continue;
    }
    checkField(value[k], rule, [...at, k], problems);
  }
  for (const [k, rule] of Object.entries(fields)) {
    if (rule.required && value[k] === undefined)
      problems.push({ path: [...at, k], message: `required field "${k}" is missing` });
  }
  const has = (k: string) => value[k] !== undefined;
  if ('pod' in fields && 'selector' in fields) {
    if (has('pod') === has('selector'))
      problems.push({ path: at, message: `a ${kind} goal needs exactly one of "pod" or "selector"` });
  }
  if (kind === 'replicasAtLeast' && has('deployment') === has('statefulSet'))
    problems.push({
      path: at,
      message: 'a replicasAtLeast goal needs exactly one of "deployment" or "statefulSet"',
    });
  if ((kind === 'noFailedRequests' || kind === 'requestsFailed') && has('service') === has('ingress'))
    problems.push({ path: at, message: `a ${kind} goal needs exactly one of "service" or "ingress"` });
  if (
    (kind === 'noFailedRequests' || kind === 'requestsFailed') &&
    value.during === 'rollout' &&
    !has('deployment') &&
    !has('service')
  )
    problems.push({ path: [...at, 'deployment'], message: 'during "rollout" needs a deployment' });
  if ((kind === 'hpaScaledTo' || kind === 'nodeCount') && !has('atLeast') && !has('atMost'))
    problems.push({ path: at, message: `a ${kind} goal needs "atLeast", "atMost" or both` });
  if (kind === 'objectExists' && typeof value.resource === 'string' && !isKind(value.resource))
    problems.push({
      path: [...at, 'resource'],
      message: `unknown resource ${describe(value.resource)}; supported: ${[...KINDS].sort().join(', ')}`,
    });
  return problems;
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
function streamKey(spec: { service?: string; ingress?: string; namespace?: string }): string {
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
      revision: revisionOf(
        store.get('Deployment', spec.namespace ?? 'default', spec.deployment ?? spec.service ?? ''),
      ),
      started: spec.during !== 'rollout',
    }),
    check(spec, ctx, memory) {
      const m = asRecord(memory);
      let errors = num(m.errors);
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
          if (started) errors += f.errors;
        },
        spec.during === 'rollout' ? watch : undefined,
      );
      const want = spec.atLeast ?? 1;
      const next: GoalMemory = { last: lastToMemory(last), errors, revision: revision.value, started };
      return result(errors >= want, next, Math.min(errors, want), want);
    },
  },

  controlPlaneAvailable: {
    check: (spec, { store }) => result(apiServerReachable(store) === spec.available),
  },

  objectExists: {
    check(spec, { store }) {
      const exists = isKind(spec.resource)
        ? store.get(spec.resource as Kind, spec.namespace ?? 'default', spec.name) !== undefined
        : false;
      return result(exists === (spec.present ?? true));
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
