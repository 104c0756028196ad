/**
 * Goal data: one zod schema per goal kind is the single source of the `GoalSpec` type (inferred), of the
 * validator that authors' lessons and the worker use (`validateGoal`, with messages that say where and
 * what), and of the list of kinds and their fields (`GOAL_KINDS`, the "supported:" lists). The rules a
 * schema cannot say (exactly one of two fields) are the few `crossField` checks at the end.
 * The evaluation of goals against the cluster is in evaluate.ts.
 */
import * as z from 'zod/mini';
import { isKind, KINDS } from '../api/types';
import { parseDuration } from '../base/duration';
import { parseSelectorString } from '../world/faults';

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

function describe(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
}

type Message = (input: unknown) => string;

/** Every failure of a field's schema says the same thing about the value given. */
const says = (message: Message) => ({ error: (iss: { input?: unknown }) => message(iss.input) });

const text = () =>
  z.string(says(() => 'must be a non-empty string')).check(
    z.minLength(
      1,
      says(() => 'must be a non-empty string'),
    ),
  );
const nameMessage: Message = (v) =>
  `invalid name ${describe(v)}: must be a lowercase RFC 1123 name such as "web" or "node-1"`;
const name = () => z.string(says(nameMessage)).check(z.regex(NAME, says(nameMessage)));
const selectorMessage: Message = (v) =>
  `invalid selector ${describe(v)}: expected "key=value" pairs separated by commas`;
const selector = () =>
  z.string(says(selectorMessage)).check(z.refine((s) => !!parseSelectorString(s), says(selectorMessage)));
const countMessage: Message = (v) => `must be a whole number >= 0, not ${describe(v)}`;
const count = () => z.int(says(countMessage)).check(z.minimum(0, says(countMessage)));
const percentMessage: Message = (v) => `must be a number from 0 to 100, not ${describe(v)}`;
const percent = () =>
  z
    .number(says(percentMessage))
    .check(z.minimum(0, says(percentMessage)), z.maximum(100, says(percentMessage)));
const bool = () => z.boolean(says((v) => `must be true or false, not ${describe(v)}`));
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(
    values,
    says((v) => `unsupported value ${describe(v)}; supported: ${values.map((x) => `"${x}"`).join(', ')}`),
  );
const namesMessage: Message = () => 'must be a list of node names';
const names = () =>
  z
    .array(z.string(says(namesMessage)), says(namesMessage))
    .check(z.refine((a) => a.every((n) => NAME.test(n)), says(namesMessage)));
const labels = () =>
  z.record(
    z.string(),
    z.string(says(() => 'must be a map of label keys to string values')),
    says(() => 'must be a map of label keys to string values'),
  );
const durationMessage: Message = (v) => `must be "rollout" or a duration such as "30s", not ${describe(v)}`;
const durationOrRollout = () =>
  z
    .string(says(durationMessage))
    .check(z.refine((v) => v === 'rollout' || !('error' in parseDuration(v)), says(durationMessage)));
const resourceMessage: Message = (v) =>
  `unknown resource ${describe(v)}; supported: ${[...KINDS].sort().join(', ')}`;
const resource = () => z.string(says(resourceMessage)).check(z.refine(isKind, says(resourceMessage)));

const o = z.optional;
const ns = () => o(name());
/** Which pods a goal looks at: one by name, or those a label selector ("app=web,tier=front") matches. */
const podSelection = { pod: o(name()), selector: o(selector()), namespace: ns() };
/** A request stream: a Service's, or an Ingress address's ("shop.example.com/cart"). */
const stream = { service: o(name()), ingress: o(text()), namespace: ns() };

/*
 * Each kind's fields. The comment above each says when the goal holds; docs/lesson-format.md has the same
 * table for authors.
 */
const KIND_SCHEMAS = {
  /** Exactly `count` (or, with atLeast, at least `count`) matching pods are Ready and not terminating. */
  podsReady: { selector: selector(), namespace: ns(), count: count(), atLeast: o(bool()) },
  /** The number of matching pods that exist and are not terminating or finished is within the bounds. */
  podCount: { selector: selector(), namespace: ns(), atLeast: o(count()), atMost: o(count()) },
  /** At least `count` (default 1) pods that existed when the goal began are gone or terminating. */
  podsReplaced: { ...podSelection, count: o(count()) },
  /** A matching pod's containers restarted at least `count` (default 1) more times than at the start. */
  podRestarted: { ...podSelection, count: o(count()) },
  /** At least `count` (default 1) matching pods show `status` in the STATUS column of `kubectl get pods`. */
  podStatus: { ...podSelection, status: text(), count: o(count()) },
  /** Every active matching pod is bound to a node, and there are at least `count` (default 1) of them. */
  podScheduled: { ...podSelection, count: o(count()) },
  /** Every active matching pod is on an allowed node (in `nodes`, not in `notNodes`, with `nodeLabels`). */
  podsOnNodes: {
    ...podSelection,
    nodes: o(names()),
    notNodes: o(names()),
    nodeLabels: o(labels()),
    count: o(count()),
  },
  /** Ready matching pods cover every domain of the Ready, schedulable nodes, within maxSkew (default 1). */
  spreadAcrossZones: {
    selector: selector(),
    namespace: ns(),
    topologyKey: o(text()),
    maxSkew: o(count()),
    minDomains: o(count()),
  },
  /** The Deployment's rollout is finished (and its template runs `image`). */
  rolloutComplete: { deployment: name(), namespace: ns(), image: o(text()) },
  /** The Deployment's pod template (container `container`, default the first) declares `image`. */
  deploymentImage: { deployment: name(), namespace: ns(), image: text(), container: o(name()) },
  /** A Deployment's or StatefulSet's replicas (`of`: spec, ready or available, default available) >= count. */
  replicasAtLeast: {
    deployment: o(name()),
    statefulSet: o(name()),
    namespace: ns(),
    count: count(),
    of: o(oneOf(['spec', 'ready', 'available'])),
  },
  /** The HorizontalPodAutoscaler's current replicas are within [atLeast, atMost]. */
  hpaScaledTo: { hpa: name(), namespace: ns(), atLeast: o(count()), atMost: o(count()) },
  /** A node's condition (`type`, default Ready) has `status`. */
  nodeCondition: { node: name(), type: o(text()), status: oneOf(['True', 'False', 'Unknown']) },
  /** A node is (or is not) open to new pods: not cordoned. */
  nodeSchedulable: { node: name(), schedulable: bool() },
  /** The number of Ready nodes is within [atLeast, atMost]. */
  nodeCount: { atLeast: o(count()), atMost: o(count()) },
  /** The StatefulSet has all its pods (`<name>-0` ...) Ready, and no others (optionally exactly `replicas`). */
  statefulSetReady: { statefulSet: name(), namespace: ns(), replicas: o(count()) },
  /** A PersistentVolumeClaim is Bound (with sameVolume: to the volume it had when the goal began). */
  pvcBound: { claim: name(), namespace: ns(), sameVolume: o(bool()) },
  /** The Service routes to exactly (or at least) `count` ready endpoints. */
  serviceEndpoints: { service: name(), namespace: ns(), count: count(), atLeast: o(bool()) },
  /** No request failed over a window: a whole rollout (`during: rollout`), or a duration in a row. */
  noFailedRequests: { ...stream, during: durationOrRollout(), deployment: o(name()) },
  /**
   * Requests failed since the goal began (or since a rollout began in it): at least `atLeast` (default 1),
   * at most `atMost`, and a share of all requests within [percentAtLeast, percentAtMost].
   */
  requestsFailed: {
    ...stream,
    atLeast: o(count()),
    atMost: o(count()),
    percentAtLeast: o(percent()),
    percentAtMost: o(percent()),
    during: o(oneOf(['rollout'])),
    deployment: o(name()),
  },
  /** The control plane's API server answers (available: true) or not. */
  controlPlaneAvailable: { available: bool() },
  /**
   * Every Ready matching pod's `metric` (`requestsPerSecond` routed to it, or `cpu` in millicores and `memory`
   * in MiB as `kubectl top pods` shows) is within [atLeast, atMost]; there is at least one such pod.
   */
  podUsage: {
    selector: selector(),
    namespace: ns(),
    metric: oneOf(['requestsPerSecond', 'cpu', 'memory']),
    atLeast: o(z.number(says(countMessage))),
    atMost: o(z.number(says(countMessage))),
  },
  /**
   * At least `count` matching pods are Ready, and every Ready one's container (`container`, default the first)
   * started with the environment variable `name` set to `value` (env is read once, when a process starts).
   */
  containerEnv: {
    selector: selector(),
    namespace: ns(),
    container: o(name()),
    name: text(),
    value: z.string(says((v) => `must be a string, not ${describe(v)}`)),
    count: count(),
  },
  /** An object of `resource` (a kind) exists (or, with present: false, not). */
  objectExists: { resource: resource(), name: name(), namespace: ns(), present: o(bool()) },
  /**
   * The object's field at `path` (dots; a number picks a list item, `*` any item, `[a.b/c]` a key with dots) exists, or with
   * `matches`, equals it (for a mapping: has at least those fields, recursively). `present: false` inverts.
   */
  objectField: {
    resource: resource(),
    name: name(),
    namespace: ns(),
    path: text(),
    matches: o(z.json()),
    present: o(bool()),
  },
  /**
   * An Event with this reason (and, with `message`, a message containing it) is recorded about a matching
   * object: pods by `pod` or `selector`, or any object of `resource` named `name`.
   */
  eventRecorded: {
    reason: text(),
    message: o(text()),
    type: o(oneOf(['Normal', 'Warning'])),
    pod: o(name()),
    selector: o(selector()),
    resource: o(resource()),
    name: o(name()),
    namespace: ns(),
  },
} as const;

type Shapes = typeof KIND_SCHEMAS;
export type LeafKind = keyof Shapes;

/** The data a shape of field schemas describes (optional fields may be left out). */
type Fields<S> = { -readonly [F in keyof S]: S[F] extends z.ZodMiniType ? z.output<S[F]> : never };
type Data<S> = { [F in keyof Fields<S> as undefined extends Fields<S>[F] ? never : F]: Fields<S>[F] } & {
  [F in keyof Fields<S> as undefined extends Fields<S>[F] ? F : never]?: Fields<S>[F];
};
type LeafSpec = { [K in LeafKind]: { kind: K } & Data<Shapes[K]> }[LeafKind];

/** A goal: a predicate over the cluster, as plain data (see the kinds above and docs/lesson-format.md). */
export type GoalSpec =
  | LeafSpec
  | { readonly kind: 'all'; readonly goals: readonly GoalSpec[] }
  | { readonly kind: 'any'; readonly goals: readonly GoalSpec[] }
  | { readonly kind: 'not'; readonly goal: GoalSpec }
  /** `goal` has held at every check for the last `for` ("6m") without a break. */
  | { readonly kind: 'sustained'; readonly goal: GoalSpec; readonly for: string | number };

export type GoalKind = GoalSpec['kind'];

const durationOnly: Message = (v) => `must be a duration such as "30s" or "5m", not ${describe(v)}`;
const goalsMessage: Message = () => 'must be a non-empty list of goals';
const goalList = (): z.ZodMiniType<GoalSpec[]> =>
  z.array(goalSchema, says(goalsMessage)).check(z.minLength(1, says(goalsMessage)));

const COMPOSITE_SCHEMAS = {
  all: { goals: z.lazy(goalList) },
  any: { goals: z.lazy(goalList) },
  not: { goal: z.lazy(() => goalSchema) },
  sustained: {
    goal: z.lazy(() => goalSchema),
    for: z
      .union([z.string(), z.number()], says(durationOnly))
      .check(z.refine((v) => !('error' in parseDuration(v)), says(durationOnly))),
  },
};

const FIELDS: Readonly<Record<GoalKind, Record<string, z.ZodMiniType>>> = {
  ...KIND_SCHEMAS,
  ...COMPOSITE_SCHEMAS,
};

/** Every goal kind, sorted (for messages and documentation). */
export const GOAL_KINDS = (Object.keys(FIELDS) as GoalKind[]).sort();

const objectSchemas = Object.entries(FIELDS).map(([kind, shape]) =>
  z.strictObject({ kind: z.literal(kind), ...shape }),
);

const goalSchema: z.ZodMiniType<GoalSpec> = z.lazy(() => {
  const [first, ...rest] = objectSchemas;
  return z.discriminatedUnion('kind', [first as (typeof objectSchemas)[number], ...rest]);
}) as unknown as z.ZodMiniType<GoalSpec>;

// ---------------------------------------------------------------------------------------------------------
// Validation

export interface GoalProblem {
  /** Path inside the goal ("goals[1].count"). */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at `path` inside `root` (to name the goal kind an issue belongs to). */
function at(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path)
    v = isRecord(v) || Array.isArray(v) ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

function kindProblem(kind: unknown, path: (string | number)[]): GoalProblem {
  return {
    path: [...path, 'kind'],
    message:
      kind === undefined
        ? `missing goal kind; supported: ${GOAL_KINDS.join(', ')}`
        : `unknown goal ${describe(kind)}; supported: ${GOAL_KINDS.join(', ')}`,
  };
}

/** One schema issue as the problems authors read (unknown fields one by one, with what is supported). */
function problemsOf(issue: z.core.$ZodIssue, root: unknown, base: (string | number)[]): GoalProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const where = [...base, ...path];
  if (issue.code === 'invalid_union' && path[path.length - 1] === 'kind')
    return [kindProblem(at(root, path), base.concat(path.slice(0, -1)))];
  if (issue.code === 'unrecognized_keys') {
    const goal = at(root, path);
    const kind = isRecord(goal) ? String(goal.kind) : '';
    const supported = ['kind', ...Object.keys(FIELDS[kind as GoalKind] ?? {})].join(', ');
    return issue.keys.map((k) => ({
      path: [...where, k],
      message: `unknown field "${k}" in a ${kind} goal; supported: ${supported}`,
    }));
  }
  if (issue.code === 'invalid_type' && at(root, path) === undefined)
    return [{ path: where, message: `required field "${String(path[path.length - 1])}" is missing` }];
  if (issue.code === 'invalid_type' && issue.expected === 'object')
    return [{ path: where, message: 'a goal must be a mapping with a kind' }];
  return [{ path: where, message: issue.message }];
}

const exactlyOne = (kinds: readonly GoalKind[], a: string, b: string) => ({ kinds, a, b });
const EXACTLY_ONE = [
  exactlyOne(['podsReplaced', 'podRestarted', 'podStatus', 'podScheduled', 'podsOnNodes'], 'pod', 'selector'),
  exactlyOne(['replicasAtLeast'], 'deployment', 'statefulSet'),
  exactlyOne(['noFailedRequests', 'requestsFailed'], 'service', 'ingress'),
];

/** The rules a schema cannot say: exactly one of two fields, at least one bound, a rollout's deployment. */
function crossField(v: Record<string, unknown>, path: (string | number)[]): GoalProblem[] {
  const kind = v.kind as GoalKind;
  const has = (k: string) => v[k] !== undefined;
  const out: GoalProblem[] = [];
  for (const r of EXACTLY_ONE)
    if (r.kinds.includes(kind) && has(r.a) === has(r.b))
      out.push({ path, message: `a ${kind} goal needs exactly one of "${r.a}" or "${r.b}"` });
  if (
    (kind === 'noFailedRequests' || kind === 'requestsFailed') &&
    v.during === 'rollout' &&
    !has('deployment') &&
    !has('service')
  )
    out.push({ path: [...path, 'deployment'], message: 'during "rollout" needs a deployment' });
  if (
    (kind === 'hpaScaledTo' || kind === 'nodeCount' || kind === 'podCount') &&
    !has('atLeast') &&
    !has('atMost')
  )
    out.push({ path, message: `a ${kind} goal needs "atLeast", "atMost" or both` });
  if (kind === 'eventRecorded' && [has('pod'), has('selector'), has('resource')].filter(Boolean).length > 1)
    out.push({ path, message: 'an eventRecorded goal takes one of "pod", "selector" or "resource"' });
  if (kind === 'eventRecorded' && has('resource') !== has('name'))
    out.push({ path, message: 'an eventRecorded goal names an object with both "resource" and "name"' });
  if (kind === 'all' || kind === 'any')
    (Array.isArray(v.goals) ? v.goals : []).forEach((g, i) => {
      if (isRecord(g) && typeof g.kind === 'string' && g.kind in FIELDS)
        out.push(...crossField(g, [...path, 'goals', i]));
    });
  if (kind === 'podUsage' && !has('atLeast') && !has('atMost'))
    out.push({ path, message: `a ${kind} goal needs "atLeast", "atMost" or both` });
  if (
    (kind === 'not' || kind === 'sustained') &&
    isRecord(v.goal) &&
    typeof v.goal.kind === 'string' &&
    v.goal.kind in FIELDS
  )
    out.push(...crossField(v.goal, [...path, 'goal']));
  return out;
}

/** Check goal data of unknown shape. Problems carry paths relative to `at` (the goal's place in a lesson). */
export function validateGoal(value: unknown, base: (string | number)[] = []): GoalProblem[] {
  if (!isRecord(value)) return [{ path: base, message: 'a goal must be a mapping with a kind' }];
  if (typeof value.kind !== 'string' || !(value.kind in FIELDS)) return [kindProblem(value.kind, base)];
  const r = goalSchema.safeParse(value);
  const problems = r.success ? [] : r.error.issues.flatMap((i) => problemsOf(i, value, base));
  return [...problems, ...crossField(value, base)];
}
