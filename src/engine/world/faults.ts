/**
 * Faults: the ways a learner (or a scenario's timeline) breaks the cluster to watch it heal. Each fault
 * acts on the simulated world the way the real failure would, and leaves the reaction to the controllers:
 * a crashed container is the kubelet's business, a powered-off machine only stops heartbeats (the node
 * lifecycle controller notices 50 s later), a drain is a cordon plus graceful evictions.
 */
import type { Pod } from '../api/types';
import type { InputResult } from '../base/diagnostics';
import type { LabelSelector } from '../api/types';
import type { LabelSelectorRequirement } from 'kubernetes-types/meta/v1';
import { connectionRefusedMessage } from '../api/apiserver';
import { ApiError, kubectlMessage, notFound } from '../api/errors';
import { controllerOf, formatSelector, selectorMatches } from '../api/meta';
import { crashContainer, hangApp } from '../controllers/kubelet';
import { setServiceTraffic } from './traffic';
import { parseDuration } from '../base/duration';
import type { Simulation } from '../sim/simulation';
import type { ControlPlaneComponent } from './controlplane';
import {
  beginOutage,
  CONTROL_PLANE_COMPONENTS,
  CONTROL_PLANE_CONTROLLER,
  RECOVER_TIMER_KEY,
} from './controlplane';
import { isRecord } from '../base/record';

/** Which pods a pod fault hits: one by name, or `count` of those a label selector matches. */
export interface PodTarget {
  readonly pod?: string;
  /** "app=web,tier=front", or a LabelSelector ({matchLabels, matchExpressions}). */
  readonly selector?: string | LabelSelector;
  /** Default "default". */
  readonly namespace?: string;
  /** How many matching pods to hit (default 1). */
  readonly count?: number;
  /** "first" (default): the first pods by name; "random": drawn from the simulation's seeded generator. */
  readonly pick?: 'first' | 'random';
}

export type Fault =
  | (PodTarget & { readonly type: 'PodCrash'; readonly exitCode?: number })
  | (PodTarget & { readonly type: 'PodDelete'; readonly gracePeriodSeconds?: number })
  | (PodTarget & { readonly type: 'AppHang' })
  | { readonly type: 'NodeFailure'; readonly node: string }
  | { readonly type: 'NodeRecovery'; readonly node: string }
  | { readonly type: 'NodeDrain'; readonly node: string }
  | {
      readonly type: 'ControlPlaneOutage';
      readonly durationSeconds: number;
      /** One component only; default: the whole control plane. */
      readonly component?: ControlPlaneComponent;
    }
  | {
      readonly type: 'TrafficChange';
      readonly service: string;
      readonly namespace?: string;
      readonly requestsPerSecond: number;
    };

export type FaultType = Fault['type'];

export const FAULT_TYPES: readonly FaultType[] = [
  'PodCrash',
  'PodDelete',
  'NodeFailure',
  'NodeRecovery',
  'NodeDrain',
  'ControlPlaneOutage',
  'TrafficChange',
  'AppHang',
];

/** Faults that validate but whose effect arrives in a later version. */
const NOT_AVAILABLE_YET: ReadonlySet<FaultType> = new Set<FaultType>([]);

/** The runtime entry of a node whose machine is down (see docs/architecture.md, runtime table). */
export interface NodeDown {
  readonly down: true;
  readonly since: number;
}

export function nodeRuntimeKey(node: string): string {
  return `node/${node}`;
}

// ---------------------------------------------------------------------------------------------------------
// Validation (shape only; whether a pod or node exists is decided when the fault runs)

export interface FaultProblem {
  /** Path inside the fault object. */
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** Point at the key (unknown fields) rather than the value. */
  readonly target?: 'key' | 'value';
}

const POD_TARGET_FIELDS = ['pod', 'selector', 'namespace', 'count', 'pick'] as const;
const FIELDS: Readonly<Record<FaultType, readonly string[]>> = {
  PodCrash: ['type', ...POD_TARGET_FIELDS, 'exitCode'],
  PodDelete: ['type', ...POD_TARGET_FIELDS, 'gracePeriodSeconds'],
  AppHang: ['type', ...POD_TARGET_FIELDS],
  NodeFailure: ['type', 'node'],
  NodeRecovery: ['type', 'node'],
  NodeDrain: ['type', 'node'],
  ControlPlaneOutage: ['type', 'durationSeconds', 'component'],
  TrafficChange: ['type', 'service', 'namespace', 'requestsPerSecond'],
};

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SELECTOR_TERM = /^\s*([A-Za-z0-9][-A-Za-z0-9_./]*)\s*(==|=)\s*([A-Za-z0-9]?[-A-Za-z0-9_.]*)\s*$/;

/** Equality-based label selector text ("app=web,tier=front") as matchLabels, or undefined when malformed. */
export function parseSelectorString(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  if (text.trim() === '') return undefined;
  for (const term of text.split(',')) {
    const m = SELECTOR_TERM.exec(term);
    if (!m) return undefined;
    out[m[1] ?? ''] = m[3] ?? '';
  }
  return out;
}

function checkSelector(v: unknown, problems: FaultProblem[]): LabelSelector | undefined {
  if (typeof v === 'string') {
    const labels = parseSelectorString(v);
    if (!labels) {
      problems.push({
        path: ['selector'],
        message: `invalid selector "${v}": expected "key=value" pairs separated by commas`,
      });
      return undefined;
    }
    return { matchLabels: labels };
  }
  if (!isRecord(v)) {
    problems.push({
      path: ['selector'],
      message: 'selector must be a string ("app=web") or {matchLabels: {...}}',
    });
    return undefined;
  }
  const sel: { matchLabels?: Record<string, string>; matchExpressions?: LabelSelector['matchExpressions'] } =
    {};
  for (const k of Object.keys(v)) {
    if (k !== 'matchLabels' && k !== 'matchExpressions') {
      problems.push({
        path: ['selector', k],
        message: `unknown field "${k}" in selector (supported fields: matchExpressions, matchLabels)`,
        target: 'key',
      });
    }
  }
  if (v.matchLabels !== undefined) {
    if (!isRecord(v.matchLabels))
      problems.push({ path: ['selector', 'matchLabels'], message: 'matchLabels must be a mapping' });
    else {
      const labels: Record<string, string> = {};
      for (const [k, val] of Object.entries(v.matchLabels)) {
        if (typeof val !== 'string') {
          problems.push({
            path: ['selector', 'matchLabels', k],
            message: `label value for "${k}" must be a string`,
          });
        } else labels[k] = val;
      }
      sel.matchLabels = labels;
    }
  }
  if (v.matchExpressions !== undefined) {
    const exprs = v.matchExpressions;
    if (!Array.isArray(exprs))
      problems.push({ path: ['selector', 'matchExpressions'], message: 'matchExpressions must be a list' });
    else {
      const list: LabelSelectorRequirement[] = [];
      exprs.forEach((e: unknown, i) => {
        const ops = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
        if (
          !isRecord(e) ||
          typeof e.key !== 'string' ||
          typeof e.operator !== 'string' ||
          !ops.includes(e.operator)
        ) {
          problems.push({
            path: ['selector', 'matchExpressions', i],
            message: 'a match expression needs key and operator (In, NotIn, Exists or DoesNotExist)',
          });
          return;
        }
        const values = Array.isArray(e.values) ? e.values.map(String) : undefined;
        list.push({ key: e.key, operator: e.operator, ...(values ? { values } : {}) });
      });
      sel.matchExpressions = list;
    }
  }
  if (!sel.matchLabels && !sel.matchExpressions) {
    problems.push({
      path: ['selector'],
      message: 'an empty selector would match every pod: give matchLabels',
    });
  }
  return sel as LabelSelector;
}

function checkName(v: unknown, field: string, what: string, problems: FaultProblem[]): string | undefined {
  if (v === undefined) {
    problems.push({ path: [], message: `${field}: Required value: the ${what} name` });
    return undefined;
  }
  if (typeof v !== 'string' || !DNS1123_SUBDOMAIN.test(v)) {
    problems.push({
      path: [field],
      message: `${field}: Invalid value: ${JSON.stringify(v)}: not a valid ${what} name`,
    });
    return undefined;
  }
  return v;
}

function checkNonNegative(
  v: unknown,
  field: string,
  problems: FaultProblem[],
  opts: { integer?: boolean; max?: number } = {},
): number | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (opts.integer && !Number.isInteger(v))) {
    problems.push({
      path: [field],
      message: `${field}: Invalid value: ${JSON.stringify(v)}: must be a${opts.integer ? 'n integer' : ' number'} >= 0`,
    });
    return undefined;
  }
  if (opts.max !== undefined && v > opts.max) {
    problems.push({ path: [field], message: `${field}: Invalid value: ${v}: must be <= ${opts.max}` });
    return undefined;
  }
  return v;
}

function checkPodTarget(v: Record<string, unknown>, problems: FaultProblem[]): PodTarget {
  const target: { -readonly [K in keyof PodTarget]: PodTarget[K] } = {};
  if (v.pod === undefined && v.selector === undefined) {
    problems.push({ path: [], message: 'give either pod (a pod name) or selector (e.g. "app=web")' });
  }
  if (v.pod !== undefined && v.selector !== undefined) {
    problems.push({ path: ['selector'], message: 'give either pod or selector, not both' });
  }
  if (v.pod !== undefined) {
    const name = checkName(v.pod, 'pod', 'pod', problems);
    if (name !== undefined) target.pod = name;
  }
  if (v.selector !== undefined) {
    const sel = checkSelector(v.selector, problems);
    if (sel) target.selector = sel;
  }
  if (v.namespace !== undefined) {
    const ns = checkName(v.namespace, 'namespace', 'namespace', problems);
    if (ns !== undefined) target.namespace = ns;
  }
  if (v.count !== undefined) {
    const n = checkNonNegative(v.count, 'count', problems, { integer: true });
    if (n !== undefined && n < 1)
      problems.push({ path: ['count'], message: 'count: Invalid value: 0: must be at least 1' });
    else if (n !== undefined) target.count = n;
    if (v.pod !== undefined && n !== undefined && n > 1) {
      problems.push({ path: ['count'], message: 'count applies to selector: a named pod is one pod' });
    }
  }
  if (v.pick !== undefined) {
    if (v.pick !== 'first' && v.pick !== 'random') {
      problems.push({
        path: ['pick'],
        message: `pick: Unsupported value: ${JSON.stringify(v.pick)}: supported values: "first", "random"`,
      });
    } else target.pick = v.pick;
  }
  return target;
}

/** Check a fault written as plain data (from a scenario or the UI). */
export function validateFault(value: unknown): { fault?: Fault; problems: FaultProblem[] } {
  const problems: FaultProblem[] = [];
  if (!isRecord(value)) return { problems: [{ path: [], message: 'a fault must be a mapping with a type' }] };
  const type = value.type;
  if (typeof type !== 'string' || !(FAULT_TYPES as readonly string[]).includes(type)) {
    const supported = [...FAULT_TYPES].sort().join(', ');
    return {
      problems: [
        {
          path: type === undefined ? [] : ['type'],
          message:
            type === undefined
              ? `fault type is required (supported types: ${supported})`
              : `unsupported fault type ${JSON.stringify(type)} (supported types: ${supported})`,
        },
      ],
    };
  }
  const t = type as FaultType;
  const allowed = FIELDS[t];
  for (const k of Object.keys(value)) {
    if (!allowed.includes(k)) {
      problems.push({
        path: [k],
        message: `unknown field "${k}" in ${t} fault (supported fields: ${[...allowed].sort().join(', ')})`,
        target: 'key',
      });
    }
  }
  let fault: Fault | undefined;
  switch (t) {
    case 'PodCrash': {
      const target = checkPodTarget(value, problems);
      const exitCode =
        value.exitCode === undefined
          ? undefined
          : checkNonNegative(value.exitCode, 'exitCode', problems, { integer: true, max: 255 });
      fault = { type: t, ...target, ...(exitCode !== undefined ? { exitCode } : {}) };
      break;
    }
    case 'PodDelete': {
      const target = checkPodTarget(value, problems);
      const grace =
        value.gracePeriodSeconds === undefined
          ? undefined
          : checkNonNegative(value.gracePeriodSeconds, 'gracePeriodSeconds', problems, { integer: true });
      fault = { type: t, ...target, ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}) };
      break;
    }
    case 'AppHang':
      fault = { type: t, ...checkPodTarget(value, problems) };
      break;
    case 'NodeFailure':
    case 'NodeRecovery':
    case 'NodeDrain': {
      const node = checkName(value.node, 'node', 'node', problems);
      if (node !== undefined) fault = { type: t, node };
      break;
    }
    case 'ControlPlaneOutage': {
      const d = parseDuration(value.durationSeconds);
      if (value.durationSeconds === undefined) {
        problems.push({
          path: [],
          message: 'durationSeconds: Required value: how long the control plane is down',
        });
      } else if ('error' in d)
        problems.push({ path: ['durationSeconds'], message: `durationSeconds: ${d.error}` });
      else fault = { type: t, durationSeconds: d.seconds };
      if (value.component !== undefined) {
        const c = value.component;
        if (typeof c !== 'string' || !(CONTROL_PLANE_COMPONENTS as readonly string[]).includes(c)) {
          problems.push({
            path: ['component'],
            message: `component: Unsupported value: ${JSON.stringify(c)}: supported values: ${CONTROL_PLANE_COMPONENTS.map((x) => `"${x}"`).join(', ')}`,
          });
        } else if (fault?.type === 'ControlPlaneOutage') {
          fault = { ...fault, component: c as ControlPlaneComponent };
        }
      }
      break;
    }
    case 'TrafficChange': {
      const service = checkName(value.service, 'service', 'service', problems);
      const ns =
        value.namespace === undefined
          ? undefined
          : checkName(value.namespace, 'namespace', 'namespace', problems);
      const rps =
        value.requestsPerSecond === undefined
          ? (problems.push({ path: [], message: 'requestsPerSecond: Required value' }), undefined)
          : checkNonNegative(value.requestsPerSecond, 'requestsPerSecond', problems);
      if (service !== undefined && rps !== undefined) {
        fault = { type: t, service, requestsPerSecond: rps, ...(ns !== undefined ? { namespace: ns } : {}) };
      }
      break;
    }
  }
  return problems.length || !fault ? { problems } : { fault, problems };
}

// ---------------------------------------------------------------------------------------------------------
// Running faults

function fail(message: string): InputResult {
  return { ok: false, message, exitCode: 1 };
}

function errorMessage(e: unknown): string {
  return e instanceof ApiError ? kubectlMessage(e) : e instanceof Error ? e.message : String(e);
}

function byName(a: Pod, b: Pod): number {
  const an = a.metadata?.name ?? '';
  const bn = b.metadata?.name ?? '';
  return an < bn ? -1 : an > bn ? 1 : 0;
}

function nodeIsDown(sim: Simulation, node: string | undefined): boolean {
  return node !== undefined && sim.store.getRuntime<NodeDown>(nodeRuntimeKey(node))?.down === true;
}

/** Pods a pod fault would hit, chosen deterministically, or an error message. */
export function selectPods(sim: Simulation, fault: PodTarget & { type: FaultType }): Pod[] | string {
  const ns = fault.namespace ?? 'default';
  // A crash or a hang needs a process: the pod must be running on a machine that is up.
  const needsProcess = fault.type === 'PodCrash' || fault.type === 'AppHang';
  const eligible = (p: Pod): boolean =>
    !p.metadata?.deletionTimestamp &&
    (!needsProcess || (p.status?.phase === 'Running' && !nodeIsDown(sim, p.spec?.nodeName)));
  if (fault.pod !== undefined) {
    const pod = sim.store.get('Pod', ns, fault.pod);
    if (!pod) return kubectlMessage(notFound('Pod', fault.pod));
    if (!eligible(pod)) {
      return pod.metadata?.deletionTimestamp
        ? `pod/${fault.pod} is already terminating`
        : `pod/${fault.pod} has no running container to ${fault.type === 'AppHang' ? 'hang' : 'crash'}`;
    }
    return [pod];
  }
  const selector =
    typeof fault.selector === 'string'
      ? { matchLabels: parseSelectorString(fault.selector) ?? {} }
      : fault.selector;
  const pods = sim.store
    .list('Pod', ns)
    .filter((p) => selectorMatches(selector, p.metadata?.labels) && eligible(p))
    .sort(byName);
  if (pods.length === 0) {
    return `no ${needsProcess ? 'running ' : ''}pods match selector "${formatSelector(selector)}" in namespace "${ns}"`;
  }
  const count = Math.min(fault.count ?? 1, pods.length);
  if (fault.pick !== 'random') return pods.slice(0, count);
  // A partial Fisher-Yates shuffle drawn from the seeded generator: the same seed hits the same pods.
  const pool = pods.slice();
  for (let i = 0; i < count; i++) {
    const j = i + sim.rng.int(pool.length - i);
    [pool[i], pool[j]] = [pool[j] as Pod, pool[i] as Pod];
  }
  return pool.slice(0, count).sort(byName);
}

function podKey(p: Pod): string {
  return `${p.metadata?.namespace ?? 'default'}/${p.metadata?.name ?? ''}`;
}

/**
 * Make a fault happen now. Call it inside `sim.act` (applyInput does) or from a controller's reconcile;
 * it writes through the API server and the runtime table and never drains the work queue itself.
 */
export function runFault(sim: Simulation, fault: Fault): InputResult {
  if (NOT_AVAILABLE_YET.has(fault.type)) return fail(`fault ${fault.type} is not available yet`);
  try {
    switch (fault.type) {
      case 'PodCrash':
      case 'AppHang':
      case 'PodDelete': {
        const pods = selectPods(sim, fault);
        if (typeof pods === 'string') return fail(pods);
        const lines: string[] = [];
        for (const pod of pods) {
          const name = pod.metadata?.name ?? '';
          if (fault.type === 'PodDelete') {
            // Deleting a pod is an API request, as `kubectl delete pod` is: with the API server down it is
            // refused the same way (a crash or a dead machine needs no API server; a deletion does).
            if (!sim.api.available) return fail(connectionRefusedMessage());
            sim.api.delete(
              'Pod',
              pod.metadata?.namespace,
              name,
              fault.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: fault.gracePeriodSeconds } : {},
            );
            lines.push(`pod "${name}" deleted`);
          } else if (fault.type === 'PodCrash') {
            crashContainer(sim.contextFor('kubelet', podKey(pod)), pod, fault.exitCode);
            lines.push(
              `pod/${name}: container crashed${fault.exitCode !== undefined ? ` (exit code ${fault.exitCode})` : ''}`,
            );
          } else {
            hangApp(sim.contextFor('kubelet', podKey(pod)), pod);
            lines.push(`pod/${name}: application hung (stops answering probes)`);
          }
        }
        return { ok: true, message: lines.join('\n'), exitCode: 0 };
      }
      case 'NodeFailure': {
        if (!sim.store.get('Node', undefined, fault.node))
          return fail(kubectlMessage(notFound('Node', fault.node)));
        if (nodeIsDown(sim, fault.node))
          return { ok: true, message: `node/${fault.node} is already down`, exitCode: 0 };
        const down: NodeDown = { down: true, since: sim.now };
        sim.store.setRuntime(nodeRuntimeKey(fault.node), down);
        return { ok: true, message: `node/${fault.node} powered off`, exitCode: 0 };
      }
      case 'NodeRecovery': {
        if (!sim.store.get('Node', undefined, fault.node))
          return fail(kubectlMessage(notFound('Node', fault.node)));
        if (!nodeIsDown(sim, fault.node))
          return { ok: true, message: `node/${fault.node} is not down`, exitCode: 0 };
        sim.store.setRuntime(nodeRuntimeKey(fault.node), undefined);
        return { ok: true, message: `node/${fault.node} powered on`, exitCode: 0 };
      }
      case 'NodeDrain':
        return drain(sim, fault.node);
      case 'ControlPlaneOutage': {
        const components = fault.component ? [fault.component] : CONTROL_PLANE_COMPONENTS;
        const { message, until } = beginOutage(sim.store, sim.now, fault.durationSeconds, components);
        sim.schedule(until, CONTROL_PLANE_CONTROLLER, RECOVER_TIMER_KEY);
        return { ok: true, message, exitCode: 0 };
      }
      case 'TrafficChange': {
        // The offered load changes; kube-proxy's next tick spreads it (a Service need not exist yet).
        const ns = fault.namespace ?? 'default';
        setServiceTraffic(sim.store, ns, fault.service, fault.requestsPerSecond);
        return {
          ok: true,
          message: `service/${fault.service}: ${fault.requestsPerSecond} requests per second`,
          exitCode: 0,
        };
      }
      default:
        return fail(`fault ${(fault as Fault).type} is not available yet`);
    }
  } catch (e) {
    if (e instanceof ApiError) return fail(errorMessage(e));
    throw e;
  }
}

/** `kubectl drain`: cordon, then evict every pod except DaemonSet-managed ones, each gracefully. */
function drain(sim: Simulation, nodeName: string): InputResult {
  const node = sim.store.get('Node', undefined, nodeName);
  if (!node) return fail(kubectlMessage(notFound('Node', nodeName)));
  const lines: string[] = [];
  if (node.spec?.unschedulable) lines.push(`node/${nodeName} already cordoned`);
  else {
    sim.api.update('Node', { ...node, spec: { ...node.spec, unschedulable: true } });
    lines.push(`node/${nodeName} cordoned`);
  }
  const pods = sim.store.podsOnNode(nodeName).sort((a, b) => {
    const ak = podKey(a);
    const bk = podKey(b);
    return ak < bk ? -1 : ak > bk ? 1 : 0;
  });
  const daemonSetPods = pods.filter((p) => controllerOf(p)?.kind === 'DaemonSet');
  if (daemonSetPods.length) {
    lines.push(`Warning: ignoring DaemonSet-managed Pods: ${daemonSetPods.map(podKey).join(', ')}`);
  }
  const evict = pods.filter((p) => controllerOf(p)?.kind !== 'DaemonSet' && !p.metadata?.deletionTimestamp);
  for (const p of evict) lines.push(`evicting pod ${podKey(p)}`);
  for (const p of evict) {
    sim.api.delete('Pod', p.metadata?.namespace, p.metadata?.name ?? '');
    lines.push(`pod/${p.metadata?.name ?? ''} evicted`);
  }
  lines.push(`node/${nodeName} drained`);
  return { ok: true, message: lines.join('\n'), exitCode: 0 };
}
