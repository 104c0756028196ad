/**
 * The Scenario document (contract 1 of architecture.md) and the manifests beside it, checked completely
 * before any cluster exists: a scenario either loads or is refused with `line:column: message` for every
 * problem, pointing at the node in question.
 */
import { ApiServer } from '../api/apiserver';
import { ApiError } from '../api/errors';
import { parseQuantity } from '../api/quantity';
import { Store } from '../api/store';
import type { Taint } from '../api/types';
import type { NodeSpec } from '../controllers/kubelet/register';
import type { AutoscalerSpec, NodeGroupSpec } from '../controllers/clusterautoscaler';
import { groupNodeName, groupNodeSpec } from '../controllers/clusterautoscaler';
import { DEFAULT_NODES, nodeObject } from '../controllers/kubelet/register';
import type { ImageBehaviour } from '../sim/config';
import { IMAGE_BEHAVIOUR_KEYS } from '../sim/config';
import { validateFault } from '../world/faults';
import type { Input } from '../inputs';
import { Rng, seedRng } from '../base/rng';
import { parseDuration } from '../base/duration';
import type { CheckedManifest } from '../manifest/check';
import { checkManifest, namespaceOf } from '../manifest/check';
import type { Diagnostic, Position } from '../base/diagnostics';
import type { FieldPath, YamlDocument } from '../manifest/parse';
import { diagnosticAt, embeddedPositions, parseFieldPath, parseYaml, positionOf } from '../manifest/parse';
import { ScenarioError } from '../base/diagnostics';
import { isRecord } from '../base/record';

export const SCENARIO_API_VERSION = 'setpoint.dev/v1alpha1';
/** Size limits: larger scenarios are refused rather than left to exhaust a browser tab. */
export const MAX_NODES = 1000;
export const MAX_PODS = 10_000;

/** Requests offered to a Service (inside the cluster) or to an Ingress address (from outside). */
export type TrafficSpec =
  | { readonly service: string; readonly namespace: string; readonly requestsPerSecond: number }
  | {
      /** "shop.example.com/cart": host and path as ingress-nginx sees the request. */
      readonly ingress: string;
      readonly host: string;
      readonly path: string;
      readonly requestsPerSecond: number;
    };

export interface TimelineEntry {
  /** Position in the file's timeline list; the timeline controller's key. */
  readonly index: number;
  /** Simulated seconds. */
  readonly at: number;
  readonly input: Input;
  /** Where the entry is written, for messages about it at run time. */
  readonly position: Position;
}

export interface Scenario {
  readonly name: string;
  readonly seed: number;
  readonly nodes: readonly NodeSpec[];
  readonly images: Readonly<Record<string, ImageBehaviour>>;
  readonly traffic: readonly TrafficSpec[];
  /** In file order (entries at the same instant run in this order). */
  readonly timeline: readonly TimelineEntry[];
  /** Applied at time 0. */
  readonly manifests: readonly CheckedManifest[];
  /** Node groups for the cluster autoscaler (absent: the cluster never grows or shrinks by itself). */
  readonly autoscaler?: AutoscalerSpec;
}

const SCENARIO_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec'];
const METADATA_FIELDS = ['annotations', 'labels', 'name'];
const SPEC_FIELDS = ['autoscaler', 'images', 'nodes', 'seed', 'timeline', 'traffic'];
const NODE_FIELDS = ['capacity', 'labels', 'name', 'taints', 'unschedulable'];
const CAPACITY_FIELDS = ['cpu', 'memory', 'pods'];
const TAINT_FIELDS = ['effect', 'key', 'value'];
const TAINT_EFFECTS = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];
const TRAFFIC_FIELDS = ['host', 'ingress', 'namespace', 'path', 'requestsPerSecond', 'service'];
const TIMELINE_FIELDS = ['apply', 'at', 'fault', 'kubectl'];
const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const QUANTITY_MESSAGE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const QUALIFIED_NAME =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** 10000 -> "10,000" (no Intl: the engine must print the same everywhere). */
function sizeWords(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A scratch API server for dry runs before any cluster exists. */
export function dryRunApi(): ApiServer {
  return new ApiServer(new Store(), () => 0, new Rng(seedRng(1)));
}

/** Collects diagnostics for one YAML document. */
class Checker {
  readonly errors: Diagnostic[] = [];
  constructor(readonly d: YamlDocument) {}

  error(path: FieldPath, message: string, target: 'key' | 'value' = 'value'): void {
    this.errors.push(diagnosticAt(this.d, path, message, target));
  }

  /** Report fields of `obj` not in `allowed`; true when there were none. */
  fields(obj: Record<string, unknown>, path: FieldPath, allowed: readonly string[], what: string): boolean {
    let ok = true;
    for (const k of Object.keys(obj)) {
      if (!allowed.includes(k)) {
        this.error(
          [...path, k],
          `unknown field "${k}" in ${what} (supported fields: ${allowed.join(', ')})`,
          'key',
        );
        ok = false;
      }
    }
    return ok;
  }

  record(v: unknown, path: FieldPath, what: string): Record<string, unknown> | undefined {
    if (isRecord(v)) return v;
    this.error(path, `${what} must be a mapping`);
    return undefined;
  }

  list(v: unknown, path: FieldPath, what: string): unknown[] | undefined {
    if (Array.isArray(v)) return v;
    this.error(path, `${what} must be a list`);
    return undefined;
  }

  stringMap(v: unknown, path: FieldPath, what: string): Record<string, string> | undefined {
    const m = this.record(v, path, what);
    if (!m) return undefined;
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(m)) {
      if (typeof val !== 'string')
        this.error([...path, k], `${what}: value of "${k}" must be a string (quote it)`);
      else out[k] = val;
    }
    return out;
  }

  labels(v: unknown, path: FieldPath): Record<string, string> | undefined {
    const labels = this.stringMap(v, path, 'labels');
    if (!labels) return undefined;
    for (const [k, val] of Object.entries(labels)) {
      if (!QUALIFIED_NAME.test(k) || k.length > 316) {
        this.error(
          [...path, k],
          `labels: Invalid value: ${JSON.stringify(k)}: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
          'key',
        );
      }
      if (!LABEL_VALUE.test(val) || val.length > 63) {
        this.error(
          [...path, k],
          `labels: Invalid value: ${JSON.stringify(val)}: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
        );
      }
    }
    return labels;
  }
}

/** Parse and check a whole scenario file. Throws ScenarioError listing every problem. */
export function loadScenario(text: string): Scenario {
  const docs = parseYaml(text);
  const errors: Diagnostic[] = [];
  const scenarioDocs = docs.filter((d) => isRecord(d.value) && d.value.kind === 'Scenario');
  const first = scenarioDocs[0];
  for (const extra of scenarioDocs.slice(1)) {
    errors.push(
      diagnosticAt(
        extra,
        ['kind'],
        `a scenario file has one Scenario document (the first is at line ${first?.start.line ?? 1})`,
      ),
    );
  }
  const api = dryRunApi();
  const spec = first ? checkScenario(first, text, api, errors) : defaults();
  const manifests: CheckedManifest[] = [];
  const seen = new Map<string, YamlDocument>();
  for (const d of docs) {
    if (scenarioDocs.includes(d)) continue;
    const r = checkManifest(d, api);
    errors.push(...r.errors);
    if (!r.manifest) continue;
    const m = r.manifest;
    const key = `${m.kind}/${namespaceOf(m.kind, m.object) ?? ''}/${m.object.metadata?.name ?? ''}`;
    const prev = seen.get(key);
    if (prev) {
      errors.push(
        diagnosticAt(
          d,
          ['metadata', 'name'],
          `${m.kind} "${m.object.metadata?.name ?? ''}" is defined twice (also at line ${prev.start.line})`,
        ),
      );
      continue;
    }
    seen.set(key, d);
    manifests.push(m);
  }
  if (errors.length === 0) {
    errors.push(...checkNamespaces(manifests, spec.timelineManifests));
    const limit = checkPodLimit(manifests, spec.timelineManifests);
    if (limit) errors.push(limit);
  }
  if (errors.length) throw new ScenarioError(errors);
  return {
    name: spec.name,
    seed: spec.seed,
    nodes: spec.nodes,
    images: spec.images,
    traffic: spec.traffic,
    ...(spec.autoscaler ? { autoscaler: spec.autoscaler } : {}),
    timeline: spec.timeline,
    manifests,
  };
}

interface ScenarioSpec {
  name: string;
  seed: number;
  nodes: NodeSpec[];
  images: Record<string, ImageBehaviour>;
  traffic: TrafficSpec[];
  timeline: TimelineEntry[];
  /** The manifests of timeline applies, checked, with their time. */
  timelineManifests: { at: number; manifest: CheckedManifest }[];
  autoscaler?: AutoscalerSpec;
}

function defaults(): ScenarioSpec {
  return {
    name: '',
    seed: 1,
    nodes: [...DEFAULT_NODES],
    images: {},
    traffic: [],
    timeline: [],
    timelineManifests: [],
  };
}

function checkScenario(d: YamlDocument, text: string, api: ApiServer, errors: Diagnostic[]): ScenarioSpec {
  const c = new Checker(d);
  const out = defaults();
  const v = d.value as Record<string, unknown>;
  c.fields(v, [], SCENARIO_FIELDS, 'Scenario');
  if (v.apiVersion !== SCENARIO_API_VERSION) {
    c.error(
      v.apiVersion === undefined ? [] : ['apiVersion'],
      v.apiVersion === undefined
        ? `apiVersion not set: a Scenario is ${SCENARIO_API_VERSION}`
        : `no matches for kind "Scenario" in version "${String(v.apiVersion)}": use ${SCENARIO_API_VERSION}`,
    );
  }
  if (v.metadata !== undefined) {
    const meta = c.record(v.metadata, ['metadata'], 'metadata');
    if (meta) {
      c.fields(meta, ['metadata'], METADATA_FIELDS, 'Scenario metadata');
      if (meta.name !== undefined) {
        if (typeof meta.name !== 'string') c.error(['metadata', 'name'], 'metadata.name must be a string');
        else out.name = meta.name;
      }
      if (meta.labels !== undefined) c.labels(meta.labels, ['metadata', 'labels']);
      if (meta.annotations !== undefined)
        c.stringMap(meta.annotations, ['metadata', 'annotations'], 'annotations');
    }
  }
  const spec = v.spec === undefined ? {} : c.record(v.spec, ['spec'], 'spec');
  if (spec) {
    c.fields(spec, ['spec'], SPEC_FIELDS, 'Scenario spec');
    if (spec.seed !== undefined) {
      const s = spec.seed;
      if (typeof s !== 'number' || !Number.isSafeInteger(s) || s < 0) {
        c.error(
          ['spec', 'seed'],
          `spec.seed: Invalid value: ${JSON.stringify(s)}: must be a whole number >= 0`,
        );
      } else out.seed = s;
    }
    if (spec.nodes !== undefined) out.nodes = checkNodes(c, spec.nodes, api);
    if (spec.images !== undefined) out.images = checkImages(c, spec.images);
    if (spec.traffic !== undefined) out.traffic = checkTraffic(c, spec.traffic);
    if (spec.autoscaler !== undefined) {
      const a = checkAutoscaler(c, spec.autoscaler, out.nodes, api);
      if (a) out.autoscaler = a;
    }
    if (spec.timeline !== undefined) checkTimeline(c, spec.timeline, text, api, out, errors);
  }
  errors.push(...c.errors);
  return out;
}

function checkNodes(c: Checker, value: unknown, api: ApiServer): NodeSpec[] {
  const path = ['spec', 'nodes'];
  const list = c.list(value, path, 'spec.nodes');
  if (!list) return [];
  if (list.length > MAX_NODES) {
    c.error(
      path,
      `too many nodes: ${sizeWords(list.length)} (a scenario may have at most ${sizeWords(MAX_NODES)})`,
    );
    return [];
  }
  const nodes: NodeSpec[] = [];
  const names = new Set<string>();
  list.forEach((item, i) => {
    const p = [...path, i];
    const n = c.record(item, p, 'a node');
    if (!n) return;
    c.fields(n, p, NODE_FIELDS, 'a node');
    if (n.name === undefined) return c.error(p, `spec.nodes[${i}].name: Required value`);
    if (typeof n.name !== 'string' || !DNS1123_SUBDOMAIN.test(n.name) || n.name.length > 253) {
      return c.error(
        [...p, 'name'],
        `spec.nodes[${i}].name: Invalid value: ${JSON.stringify(n.name)}: ${DNS1123_MESSAGE}`,
      );
    }
    if (names.has(n.name))
      return c.error([...p, 'name'], `spec.nodes[${i}].name: Duplicate value: ${JSON.stringify(n.name)}`);
    names.add(n.name);
    const node: { -readonly [K in keyof NodeSpec]: NodeSpec[K] } = { name: n.name };
    if (n.capacity !== undefined) {
      const cap = c.record(n.capacity, [...p, 'capacity'], 'capacity');
      if (cap) {
        c.fields(cap, [...p, 'capacity'], CAPACITY_FIELDS, 'node capacity');
        const capacity: { cpu?: string; memory?: string; pods?: string } = {};
        for (const r of CAPACITY_FIELDS) {
          const q = cap[r];
          if (q === undefined) continue;
          const text = typeof q === 'number' ? String(q) : q;
          const parsed = typeof text === 'string' ? parseQuantity(text) : undefined;
          const where = [...p, 'capacity', r];
          if (parsed === undefined) {
            c.error(
              where,
              `spec.nodes[${i}].capacity.${r}: Invalid value: ${JSON.stringify(q)}: ${QUANTITY_MESSAGE}`,
            );
          } else if (parsed < 0) {
            c.error(
              where,
              `spec.nodes[${i}].capacity.${r}: Invalid value: ${JSON.stringify(q)}: must be greater than or equal to 0`,
            );
          } else if (r === 'pods' && !Number.isInteger(parsed)) {
            c.error(
              where,
              `spec.nodes[${i}].capacity.pods: Invalid value: ${JSON.stringify(q)}: must be a whole number`,
            );
          } else capacity[r as 'cpu' | 'memory' | 'pods'] = text as string;
        }
        node.capacity = capacity;
      }
    }
    if (n.labels !== undefined) {
      const labels = c.labels(n.labels, [...p, 'labels']);
      if (labels) node.labels = labels;
    }
    if (n.unschedulable !== undefined) {
      if (typeof n.unschedulable !== 'boolean')
        c.error([...p, 'unschedulable'], 'unschedulable must be true or false');
      else node.unschedulable = n.unschedulable;
    }
    if (n.taints !== undefined) {
      const taints = c.list(n.taints, [...p, 'taints'], 'taints');
      const out: Taint[] = [];
      taints?.forEach((t, j) => {
        const tp = [...p, 'taints', j];
        const taint = c.record(t, tp, 'a taint');
        if (!taint) return;
        c.fields(taint, tp, TAINT_FIELDS, 'a taint');
        const field = `spec.nodes[${i}].taints[${j}]`;
        if (typeof taint.key !== 'string' || !QUALIFIED_NAME.test(taint.key)) {
          return c.error(
            taint.key === undefined ? tp : [...tp, 'key'],
            taint.key === undefined
              ? `${field}.key: Required value`
              : `${field}.key: Invalid value: ${JSON.stringify(taint.key)}: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
          );
        }
        if (
          taint.value !== undefined &&
          (typeof taint.value !== 'string' || !LABEL_VALUE.test(taint.value))
        ) {
          return c.error(
            [...tp, 'value'],
            `${field}.value: Invalid value: ${JSON.stringify(taint.value)}: a valid label value must consist of alphanumeric characters, '-', '_' or '.'`,
          );
        }
        if (typeof taint.effect !== 'string' || !TAINT_EFFECTS.includes(taint.effect)) {
          return c.error(
            taint.effect === undefined ? tp : [...tp, 'effect'],
            taint.effect === undefined
              ? `${field}.effect: Required value`
              : `${field}.effect: Unsupported value: ${JSON.stringify(taint.effect)}: supported values: ${TAINT_EFFECTS.map((e) => `"${e}"`).join(', ')}`,
          );
        }
        out.push({
          key: taint.key,
          effect: taint.effect,
          ...(typeof taint.value === 'string' ? { value: taint.value } : {}),
        });
      });
      if (out.length) node.taints = out;
    }
    // Whatever the Node kind's own validation says (the admission engineer's rules) applies too.
    try {
      api.prepare('Node', nodeObject(node, i));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      c.error([...p, ...nodePath(e.fieldErrors[0]?.field)], e.message);
    }
    nodes.push(node);
  });
  return nodes;
}

/** Map a Node object's field path back onto the Scenario's node entry. */
function nodePath(field: string | undefined): (string | number)[] {
  const segs = field ? parseFieldPath(field) : [];
  if (segs[0] === 'metadata' && segs[1] === 'name') return ['name'];
  if (segs[0] === 'metadata' && segs[1] === 'labels') return ['labels', ...segs.slice(2)];
  if (segs[0] === 'spec' && segs[1] === 'taints') return ['taints', ...segs.slice(2)];
  if (segs[0] === 'status' && (segs[1] === 'capacity' || segs[1] === 'allocatable'))
    return ['capacity', ...segs.slice(2)];
  return [];
}

type ImageKey = (typeof IMAGE_BEHAVIOUR_KEYS)[number];
const IMAGE_RULES: Readonly<
  Record<ImageKey, { kind: 'number' | 'integer' | 'boolean' | 'paths'; max?: number }>
> = {
  pullSeconds: { kind: 'number' },
  startupSeconds: { kind: 'number' },
  exitAfterSeconds: { kind: 'number' },
  exitCode: { kind: 'integer', max: 255 },
  hangAfterSeconds: { kind: 'number' },
  pullError: { kind: 'boolean' },
  cpuMillisPerRequest: { kind: 'number' },
  baseCpuMillis: { kind: 'number' },
  memoryMi: { kind: 'number' },
  memoryLeakMiPerMinute: { kind: 'number' },
  errorRate: { kind: 'number', max: 1 },
  hangForSeconds: { kind: 'number' },
  notReadyAfterSeconds: { kind: 'number' },
  notReadyForSeconds: { kind: 'number' },
  shutdownSeconds: { kind: 'number' },
  http: { kind: 'paths' },
};

const HTTP_PATH_FIELDS = ['failAfterSeconds', 'failStatus', 'status'];

/** `http`: path -> {status, failAfterSeconds, failStatus}, statuses 100-599. */
function checkHttpPaths(c: Checker, value: unknown, p: (string | number)[]): ImageBehaviour['http'] {
  const paths = c.record(value, p, 'http (path: {status, failAfterSeconds, failStatus})');
  if (!paths) return undefined;
  const out: Record<string, { status?: number; failAfterSeconds?: number; failStatus?: number }> = {};
  for (const [path, v] of Object.entries(paths)) {
    const where = [...p, path];
    if (!path.startsWith('/')) {
      c.error(where, `http: invalid path ${JSON.stringify(path)}: must start with "/"`, 'key');
      continue;
    }
    const r = c.record(v, where, `the behaviour of path ${path}`);
    if (!r) continue;
    c.fields(r, where, HTTP_PATH_FIELDS, 'an http path');
    const entry: { status?: number; failAfterSeconds?: number; failStatus?: number } = {};
    for (const k of ['status', 'failStatus'] as const) {
      const x = r[k];
      if (x === undefined) continue;
      if (typeof x !== 'number' || !Number.isInteger(x) || x < 100 || x > 599)
        c.error(
          [...where, k],
          `${k}: Invalid value: ${JSON.stringify(x)}: must be an HTTP status between 100 and 599`,
        );
      else entry[k] = x;
    }
    const f = r.failAfterSeconds;
    if (f !== undefined) {
      if (typeof f !== 'number' || !Number.isFinite(f) || f < 0)
        c.error(
          [...where, 'failAfterSeconds'],
          `failAfterSeconds: Invalid value: ${JSON.stringify(f)}: must be a number >= 0`,
        );
      else entry.failAfterSeconds = f;
    }
    out[path] = entry;
  }
  return out;
}

function checkImages(c: Checker, value: unknown): Record<string, ImageBehaviour> {
  const path = ['spec', 'images'];
  const images = c.record(value, path, 'spec.images (image name: behaviour)');
  if (!images) return {};
  const out: Record<string, ImageBehaviour> = {};
  const supported = [...IMAGE_BEHAVIOUR_KEYS].sort();
  for (const [image, b] of Object.entries(images)) {
    const p = [...path, image];
    if (image.trim() === '' || /\s/.test(image)) {
      c.error(p, `invalid image name ${JSON.stringify(image)}`, 'key');
      continue;
    }
    if (b === null) {
      out[image] = {};
      continue;
    }
    const behaviour = c.record(b, p, `the behaviour of image ${image}`);
    if (!behaviour) continue;
    c.fields(behaviour, p, supported, `image behaviour`);
    const parsed: Record<string, unknown> = {};
    for (const key of IMAGE_BEHAVIOUR_KEYS) {
      const x = behaviour[key];
      if (x === undefined) continue;
      const rule = IMAGE_RULES[key];
      const where = [...p, key];
      if (rule.kind === 'paths') {
        const paths = checkHttpPaths(c, x, where);
        if (paths) parsed[key] = paths;
        continue;
      }
      if (rule.kind === 'boolean') {
        if (typeof x !== 'boolean')
          c.error(where, `${key}: Invalid value: ${JSON.stringify(x)}: must be true or false`);
        else parsed[key] = x;
        continue;
      }
      if (
        typeof x !== 'number' ||
        !Number.isFinite(x) ||
        x < 0 ||
        (rule.kind === 'integer' && !Number.isInteger(x))
      ) {
        c.error(
          where,
          `${key}: Invalid value: ${JSON.stringify(x)}: must be ${rule.kind === 'integer' ? 'a whole number' : 'a number'} >= 0`,
        );
      } else if (rule.max !== undefined && x > rule.max) {
        c.error(where, `${key}: Invalid value: ${x}: must be between 0 and ${rule.max}`);
      } else parsed[key] = x;
    }
    if (behaviour.exitCode !== undefined && behaviour.exitAfterSeconds === undefined) {
      c.error(
        [...p, 'exitCode'],
        'exitCode needs exitAfterSeconds: the process exits with this code after that many seconds',
        'key',
      );
    }
    out[image] = parsed as ImageBehaviour;
  }
  return out;
}

function checkTraffic(c: Checker, value: unknown): TrafficSpec[] {
  const path = ['spec', 'traffic'];
  const list = c.list(value, path, 'spec.traffic');
  const out: TrafficSpec[] = [];
  list?.forEach((item, i) => {
    const p = [...path, i];
    const t = c.record(item, p, 'a traffic entry');
    if (!t) return;
    c.fields(t, p, TRAFFIC_FIELDS, 'a traffic entry');
    const rps = t.requestsPerSecond;
    const checkRate = (): number | undefined => {
      if (typeof rps === 'number' && Number.isFinite(rps) && rps >= 0) return rps;
      c.error(
        rps === undefined ? p : [...p, 'requestsPerSecond'],
        rps === undefined
          ? `spec.traffic[${i}].requestsPerSecond: Required value`
          : `spec.traffic[${i}].requestsPerSecond: Invalid value: ${JSON.stringify(rps)}: must be a number >= 0`,
      );
      return undefined;
    };
    const targets = ['service', 'ingress', 'host'].filter((k) => t[k] !== undefined);
    if (targets.length > 1) {
      return c.error(
        [...p, targets[1] ?? 'host'],
        `spec.traffic[${i}]: give one of service, ingress (host/path) or host (with path), not ${targets.join(' and ')}`,
      );
    }
    if (t.ingress !== undefined || t.host !== undefined) {
      // Outside traffic through the ingress controller: "shop.example.com/cart", or host plus path.
      if (t.namespace !== undefined)
        return c.error(
          [...p, 'namespace'],
          `spec.traffic[${i}].namespace: Forbidden: applies to service traffic only`,
        );
      let host: unknown = t.host;
      let reqPath: unknown = t.path ?? '/';
      if (t.ingress !== undefined) {
        if (t.path !== undefined)
          return c.error([...p, 'path'], `spec.traffic[${i}].path: Forbidden: give the path inside ingress`);
        if (typeof t.ingress !== 'string')
          return c.error(
            [...p, 'ingress'],
            `spec.traffic[${i}].ingress: Invalid value: ${JSON.stringify(t.ingress)}: must be host/path, e.g. "shop.example.com/cart"`,
          );
        const slash = t.ingress.indexOf('/');
        host = slash < 0 ? t.ingress : t.ingress.slice(0, slash);
        reqPath = slash < 0 ? '/' : t.ingress.slice(slash);
      }
      const field = t.ingress !== undefined ? 'ingress' : 'host';
      if (typeof host !== 'string' || !DNS1123_SUBDOMAIN.test(host)) {
        return c.error(
          [...p, field],
          `spec.traffic[${i}].${field}: Invalid value: ${JSON.stringify(t[field])}: the host must be a lowercase DNS name, e.g. "shop.example.com"`,
        );
      }
      if (typeof reqPath !== 'string' || !reqPath.startsWith('/')) {
        return c.error(
          [...p, t.ingress !== undefined ? 'ingress' : 'path'],
          `spec.traffic[${i}].path: Invalid value: ${JSON.stringify(reqPath)}: must be an absolute path`,
        );
      }
      const rate = checkRate();
      if (rate === undefined) return;
      out.push({ ingress: `${host}${reqPath}`, host, path: reqPath, requestsPerSecond: rate });
      return;
    }
    if (typeof t.service !== 'string' || !DNS1123_SUBDOMAIN.test(t.service)) {
      return c.error(
        t.service === undefined ? p : [...p, 'service'],
        t.service === undefined
          ? `spec.traffic[${i}].service: Required value (or ingress: "host/path" for outside traffic)`
          : `spec.traffic[${i}].service: Invalid value: ${JSON.stringify(t.service)}: not a valid service name`,
      );
    }
    const ns = t.namespace ?? 'default';
    if (typeof ns !== 'string' || !DNS1123_SUBDOMAIN.test(ns)) {
      return c.error(
        [...p, 'namespace'],
        `spec.traffic[${i}].namespace: Invalid value: ${JSON.stringify(ns)}: not a valid namespace name`,
      );
    }
    const rate = checkRate();
    if (rate === undefined) return;
    out.push({ service: t.service, namespace: ns, requestsPerSecond: rate });
  });
  return out;
}

function checkTimeline(
  c: Checker,
  value: unknown,
  text: string,
  api: ApiServer,
  out: ScenarioSpec,
  errors: Diagnostic[],
): void {
  const path = ['spec', 'timeline'];
  const list = c.list(value, path, 'spec.timeline');
  list?.forEach((item, index) => {
    const p = [...path, index];
    const e = c.record(item, p, 'a timeline entry');
    if (!e) return;
    c.fields(e, p, TIMELINE_FIELDS, 'a timeline entry');
    const position = positionOf(c.d, p);
    let at: number | undefined;
    if (e.at === undefined)
      c.error(p, 'at: Required value: when the entry happens ("90s", "5m", "1m30s" or seconds)');
    else {
      const d = parseDuration(e.at);
      if ('error' in d) c.error([...p, 'at'], `at: ${d.error}`);
      else at = d.seconds;
    }
    const actions = (['apply', 'kubectl', 'fault'] as const).filter((k) => e[k] !== undefined);
    if (actions.length === 0) return c.error(p, 'a timeline entry needs one of apply, kubectl or fault');
    if (actions.length > 1) {
      return c.error(
        [...p, actions[1] as string],
        `a timeline entry has exactly one of apply, kubectl or fault (this one also has ${actions[0] as string})`,
        'key',
      );
    }
    let input: Input | undefined;
    if (e.apply !== undefined) {
      if (typeof e.apply !== 'string') {
        return c.error(
          [...p, 'apply'],
          'apply must be a string of YAML manifests (write it as a block: "apply: |")',
        );
      }
      const manifests = checkEmbeddedApply(c.d, [...p, 'apply'], e.apply, text, api, errors);
      if (manifests && at !== undefined)
        for (const m of manifests) out.timelineManifests.push({ at, manifest: m });
      input = { type: 'apply', manifests: e.apply };
    } else if (e.kubectl !== undefined) {
      if (typeof e.kubectl !== 'string' || e.kubectl.trim() === '') {
        return c.error([...p, 'kubectl'], 'kubectl must be a command string, e.g. "get pods"');
      }
      input = { type: 'kubectl', command: e.kubectl.trim() };
    } else {
      const r = validateFault(e.fault);
      for (const problem of r.problems)
        c.error([...p, 'fault', ...problem.path], problem.message, problem.target ?? 'value');
      if (r.fault) input = { type: 'fault', fault: r.fault };
    }
    if (input && at !== undefined) out.timeline.push({ index, at, input, position });
  });
}

function checkEmbeddedApply(
  host: YamlDocument,
  path: FieldPath,
  manifests: string,
  text: string,
  api: ApiServer,
  errors: Diagnostic[],
): CheckedManifest[] | undefined {
  const map = embeddedPositions(host, path, text);
  let docs: YamlDocument[];
  try {
    docs = parseYaml(manifests, map);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    errors.push(...e.diagnostics);
    return undefined;
  }
  if (docs.length === 0) {
    errors.push(diagnosticAt(host, path, 'apply has no manifests'));
    return undefined;
  }
  const out: CheckedManifest[] = [];
  for (const d of docs) {
    const r = checkManifest(d, api);
    errors.push(...r.errors);
    if (r.manifest) out.push(r.manifest);
  }
  return out;
}

/** Every manifest's namespace must exist: a system namespace or one a Namespace manifest of the file creates. */
function checkNamespaces(
  initial: readonly CheckedManifest[],
  later: readonly { manifest: CheckedManifest }[],
): Diagnostic[] {
  const all = [...initial, ...later.map((l) => l.manifest)];
  const known = new Set<string>(SYSTEM_NAMESPACES);
  for (const m of all) if (m.kind === 'Namespace') known.add(m.object.metadata?.name ?? '');
  const out: Diagnostic[] = [];
  for (const m of all) {
    const ns = namespaceOf(m.kind, m.object);
    if (ns !== undefined && !known.has(ns)) {
      out.push(
        diagnosticAt(
          m.doc,
          ['metadata', 'namespace'],
          `namespaces "${ns}" not found: add a Namespace manifest for it`,
        ),
      );
    }
  }
  return out;
}

function podsOf(m: CheckedManifest): number {
  if (m.kind === 'Pod') return 1;
  if (m.kind === 'Deployment' || m.kind === 'ReplicaSet') {
    const r = (m.object as { spec?: { replicas?: unknown } }).spec?.replicas;
    return typeof r === 'number' ? r : 1;
  }
  return 0;
}

/** The pod limit, counted over time: each object's latest pod count, summed, must stay within MAX_PODS. */
function checkPodLimit(
  initial: readonly CheckedManifest[],
  later: readonly { at: number; manifest: CheckedManifest }[],
): Diagnostic | undefined {
  const current = new Map<string, number>();
  let total = 0;
  const steps = [...initial, ...[...later].sort((a, b) => a.at - b.at).map((l) => l.manifest)];
  for (const m of steps) {
    const n = podsOf(m);
    if (n === 0) continue;
    const key = `${m.kind}/${namespaceOf(m.kind, m.object) ?? ''}/${m.object.metadata?.name ?? ''}`;
    total += n - (current.get(key) ?? 0);
    current.set(key, n);
    if (total > MAX_PODS) {
      const path = m.kind === 'Pod' ? ['metadata', 'name'] : ['spec', 'replicas'];
      return diagnosticAt(
        m.doc,
        path,
        `too many pods: this scenario would run ${sizeWords(total)} pods (at most ${sizeWords(MAX_PODS)}; Deployment and ReplicaSet replicas count)`,
      );
    }
  }
  return undefined;
}

const AUTOSCALER_FIELDS = ['nodeGroups'];
const NODE_GROUP_FIELDS = ['capacity', 'labels', 'max', 'min', 'name', 'taints'];

/**
 * `spec.autoscaler`: node groups the cluster autoscaler may grow and shrink. Each group's machines are checked
 * as Node objects (labels, taints, capacity), and their names (`<group>-<n>`) may not clash with spec.nodes.
 */
function checkAutoscaler(
  c: Checker,
  value: unknown,
  nodes: readonly NodeSpec[],
  api: ApiServer,
): AutoscalerSpec | undefined {
  const path = ['spec', 'autoscaler'];
  const a = c.record(value, path, 'spec.autoscaler');
  if (!a) return undefined;
  c.fields(a, path, AUTOSCALER_FIELDS, 'spec.autoscaler');
  if (a.nodeGroups === undefined) {
    c.error(path, 'spec.autoscaler.nodeGroups: Required value: a list of node groups');
    return undefined;
  }
  const list = c.list(a.nodeGroups, [...path, 'nodeGroups'], 'spec.autoscaler.nodeGroups');
  if (!list) return undefined;
  const groups: NodeGroupSpec[] = [];
  const names = new Set<string>();
  let total = nodes.length;
  list.forEach((item, i) => {
    const p = [...path, 'nodeGroups', i];
    const field = `spec.autoscaler.nodeGroups[${i}]`;
    const g = c.record(item, p, 'a node group');
    if (!g) return;
    c.fields(g, p, NODE_GROUP_FIELDS, 'a node group');
    const name = g.name;
    if (name === undefined) return c.error(p, `${field}.name: Required value`);
    if (typeof name !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 50) {
      return c.error(
        [...p, 'name'],
        `${field}.name: Invalid value: ${JSON.stringify(name)}: must be a lowercase RFC 1123 label of at most 50 characters (its nodes are named <name>-1, <name>-2, ...)`,
      );
    }
    if (names.has(name))
      return c.error([...p, 'name'], `${field}.name: Duplicate value: ${JSON.stringify(name)}`);
    names.add(name);
    const clash = nodes.find((n) => new RegExp(`^${name}-[0-9]+$`).test(n.name));
    if (clash) {
      return c.error(
        [...p, 'name'],
        `${field}.name: Invalid value: ${JSON.stringify(name)}: node "${clash.name}" in spec.nodes would clash with this group's node names`,
      );
    }
    const whole = (k: 'min' | 'max', least: number): number | undefined => {
      const v = g[k];
      if (v === undefined) {
        c.error(p, `${field}.${k}: Required value`);
        return undefined;
      }
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < least) {
        c.error(
          [...p, k],
          `${field}.${k}: Invalid value: ${JSON.stringify(v)}: must be a whole number >= ${least}`,
        );
        return undefined;
      }
      return v;
    };
    const min = whole('min', 0);
    const max = whole('max', 1);
    if (min === undefined || max === undefined) return;
    if (max < min) {
      return c.error(
        [...p, 'max'],
        `${field}.max: Invalid value: ${max}: must be greater than or equal to min`,
      );
    }
    total += max;
    const group: { -readonly [K in keyof NodeGroupSpec]: NodeGroupSpec[K] } = { name, min, max };
    if (g.capacity !== undefined) {
      const cap = c.record(g.capacity, [...p, 'capacity'], 'capacity');
      if (cap) {
        c.fields(cap, [...p, 'capacity'], CAPACITY_FIELDS, 'node capacity');
        const capacity: { cpu?: string; memory?: string; pods?: string } = {};
        for (const r of CAPACITY_FIELDS) {
          const q = cap[r];
          if (q === undefined) continue;
          const text = typeof q === 'number' ? String(q) : q;
          const parsed = typeof text === 'string' ? parseQuantity(text) : undefined;
          if (parsed === undefined || parsed < 0) {
            c.error(
              [...p, 'capacity', r],
              `${field}.capacity.${r}: Invalid value: ${JSON.stringify(q)}: ${QUANTITY_MESSAGE}`,
            );
          } else capacity[r as 'cpu' | 'memory' | 'pods'] = text as string;
        }
        group.capacity = capacity;
      }
    }
    if (g.labels !== undefined) {
      const labels = c.labels(g.labels, [...p, 'labels']);
      if (labels) group.labels = labels;
    }
    if (g.taints !== undefined) {
      const taints = c.list(g.taints, [...p, 'taints'], 'taints');
      const out: Taint[] = [];
      taints?.forEach((t, j) => {
        const taint = c.record(t, [...p, 'taints', j], 'a taint');
        if (!taint) return;
        c.fields(taint, [...p, 'taints', j], TAINT_FIELDS, 'a taint');
        if (
          typeof taint.key !== 'string' ||
          typeof taint.effect !== 'string' ||
          !TAINT_EFFECTS.includes(taint.effect)
        ) {
          return c.error(
            [...p, 'taints', j],
            `${field}.taints[${j}]: a taint needs a key and an effect (${TAINT_EFFECTS.join(', ')})`,
          );
        }
        out.push({
          key: taint.key,
          effect: taint.effect,
          ...(typeof taint.value === 'string' ? { value: taint.value } : {}),
        });
      });
      if (out.length) group.taints = out;
    }
    // The group's machines must be valid Node objects, by the Node kind's own validation.
    try {
      api.prepare('Node', nodeObject(groupNodeSpec(group, groupNodeName(name, 1)), 0));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      c.error([...p, ...nodePath(e.fieldErrors[0]?.field)], e.message);
      return;
    }
    groups.push(group);
  });
  if (total > MAX_NODES) {
    c.error(
      [...path, 'nodeGroups'],
      `too many nodes: spec.nodes and the node groups' max sizes add up to ${sizeWords(total)} (a scenario may have at most ${sizeWords(MAX_NODES)})`,
    );
  }
  return { nodeGroups: groups };
}
