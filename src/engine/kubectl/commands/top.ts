/**
 * kubectl top node|pod [NAME | -l selector]: the latest metrics-server samples (api/metrics.ts) as
 * kubectl top prints them. `top` is one command whose first argument picks the resource (node, nodes, no,
 * pod, pods, po), which also makes `kubectl top pods` find it. Left out: --sum, --show-swap, field selectors.
 */
import { seconds } from '../../api/meta';
import { bytes, cpuMillis } from '../../api/quantity';
import type { Store } from '../../api/store';
import type { Node, Pod } from '../../api/types';
import { goDuration } from '../../controllers/kubelet/messages';
import type { PodMetricsSample } from '../../api/metrics';
import { NODE_METRICS_PREFIX, nodeMetrics, POD_METRICS_PREFIX, podMetrics } from '../../api/metrics';
import type { Command, CommandResult, ParsedArgs } from '../command';
import { fail, ok } from '../command';
import { registerCommand } from '../registry';
import { labelsMatch, parseLabelSelector } from '../selector';
import { compare } from './describe/writer';
import type { Usage } from './top/usage';
import { cpuCell, memoryCell, milliValue, percentCell, sum, topTable } from './top/usage';
import { ALL_NAMESPACES_FLAG, bool, namespaceOf, SELECTOR_FLAG, str, usageError } from './util';

/** top pod's metricsCreationDelay: a pod this old should have metrics by now. */
const METRICS_CREATION_DELAY = 120;

function metricsApiAvailable(store: Store): boolean {
  return (
    store.runtimeKeys(POD_METRICS_PREFIX).length > 0 || store.runtimeKeys(NODE_METRICS_PREFIX).length > 0
  );
}

function sortBy(args: ParsedArgs): string | { error: string } {
  const s = str(args, 'sort-by');
  return s === '' || s === 'cpu' || s === 'memory' ? s : { error: '--sort-by accepts only cpu or memory' };
}

function byUsage<T>(key: string, usage: (x: T) => Usage, name: (x: T) => string): (a: T, b: T) => number {
  if (key === 'cpu') return (a, b) => milliValue(usage(b).cpuMillis) - milliValue(usage(a).cpuMillis);
  if (key === 'memory') return (a, b) => usage(b).memoryBytes - usage(a).memoryBytes;
  return (a, b) => compare(name(a), name(b));
}

export function runTopNode(args: ParsedArgs, store: Store): CommandResult {
  const order = sortBy(args);
  if (typeof order !== 'string') return fail(`error: ${order.error}`);
  const name = args.positional[0];
  const selText = str(args, 'selector');
  if (name && selText) return fail('error: only one of NAME or --selector can be provided');
  const sel = parseLabelSelector(selText);
  if ('error' in sel) return fail(sel.error);
  if (!metricsApiAvailable(store)) return fail('error: Metrics API not available');
  let nodes: Node[];
  if (name) {
    const node = store.get('Node', undefined, name);
    if (!nodeMetrics(store, name)) {
      return fail(`Error from server (NotFound): nodemetrics.metrics.k8s.io "${name}" not found`);
    }
    nodes = node ? [node] : [];
  } else nodes = store.list('Node').filter((n) => labelsMatch(sel.requirements, n.metadata?.labels));
  const measured = nodes.flatMap((n) => {
    const m = nodeMetrics(store, n.metadata?.name ?? '');
    return m ? [{ node: n, usage: m as Usage }] : [];
  });
  if (measured.length === 0) return fail('error: metrics not available yet');
  const capacity = bool(args, 'show-capacity');
  measured.sort(
    byUsage(
      order,
      (x) => x.usage,
      (x) => x.node.metadata?.name ?? '',
    ),
  );
  const rows: string[][] = bool(args, 'no-headers')
    ? []
    : [['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']];
  for (const { node, usage } of measured) {
    const avail = (capacity ? node.status?.capacity : node.status?.allocatable) ?? {};
    rows.push([
      node.metadata?.name ?? '',
      cpuCell(usage),
      percentCell(milliValue(usage.cpuMillis), cpuMillis(avail.cpu)),
      memoryCell(usage),
      percentCell(usage.memoryBytes, bytes(avail.memory)),
    ]);
  }
  const missing = nodes
    .filter((n) => !measured.some((m) => m.node === n))
    .map((n) => n.metadata?.name ?? '')
    .sort(compare);
  for (const n of missing) rows.push([n, '<unknown>', '<unknown>', '<unknown>', '<unknown>']);
  return ok(topTable(rows));
}

/** verifyEmptyMetrics: why no pod has metrics (too young, or missing for a pod old enough to have them). */
function emptyMetrics(pods: readonly Pod[], now: number): CommandResult {
  for (const p of pods) {
    const age = now - seconds(p.metadata?.creationTimestamp);
    if (age > METRICS_CREATION_DELAY) {
      const ns = p.metadata?.namespace ?? '';
      return fail(
        `error: Metrics not available for pod ${ns}/${p.metadata?.name ?? ''}, age: ${goDuration(age)}`,
      );
    }
  }
  return fail('error: metrics not available yet');
}

export function runTopPod(args: ParsedArgs, store: Store, now: number): CommandResult {
  const order = sortBy(args);
  if (typeof order !== 'string') return fail(`error: ${order.error}`);
  const ns = namespaceOf(args);
  const all = bool(args, 'all-namespaces');
  const name = args.positional[0];
  const selText = str(args, 'selector');
  if (name && selText) return fail('error: only one of NAME or selector can be provided');
  const sel = parseLabelSelector(selText);
  if ('error' in sel) return fail(sel.error);
  if (!metricsApiAvailable(store)) return fail('error: Metrics API not available');
  let samples: PodMetricsSample[];
  let pods: Pod[];
  if (name) {
    const m = podMetrics(store, ns, name);
    if (!m) return fail(`Error from server (NotFound): podmetrics.metrics.k8s.io "${ns}/${name}" not found`);
    samples = [m];
    pods = [];
  } else {
    pods = store
      .list('Pod', all ? undefined : ns)
      .filter((p) => labelsMatch(sel.requirements, p.metadata?.labels));
    samples = pods.flatMap((p) => {
      const m = podMetrics(store, p.metadata?.namespace ?? '', p.metadata?.name ?? '');
      return m ? [m] : [];
    });
  }
  if (samples.length === 0) {
    if (pods.length) return emptyMetrics(pods, now);
    return {
      stdout: '',
      stderr: all ? 'No resources found' : `No resources found in ${ns} namespace.`,
      exitCode: 0,
    };
  }
  const total = (m: PodMetricsSample): Usage => sum(m.containers);
  samples.sort(byUsage(order, total, (m) => (all ? `${m.namespace}\u0000${m.name}` : m.name)));
  const containers = bool(args, 'containers');
  const rows: string[][] = [];
  if (!bool(args, 'no-headers')) {
    rows.push([
      ...(all ? ['NAMESPACE'] : []),
      ...(containers ? ['POD'] : []),
      'NAME',
      'CPU(cores)',
      'MEMORY(bytes)',
    ]);
  }
  for (const m of samples) {
    const lead = all ? [m.namespace] : [];
    if (!containers) {
      rows.push([...lead, m.name, cpuCell(total(m)), memoryCell(total(m))]);
      continue;
    }
    const list = [...m.containers].sort(
      byUsage(
        order,
        (c) => c,
        (c) => c.name,
      ),
    );
    for (const c of list) rows.push([...lead, m.name, c.name, cpuCell(c), memoryCell(c)]);
  }
  return ok(topTable(rows));
}

const RESOURCES: Readonly<Record<string, 'pod' | 'node'>> = {
  pod: 'pod',
  pods: 'pod',
  po: 'pod',
  node: 'node',
  nodes: 'node',
  no: 'node',
};

export function runTop(args: ParsedArgs, store: Store, now: number): CommandResult {
  const [what, ...rest] = args.positional;
  const which = what === undefined ? undefined : RESOURCES[what];
  if (!which) {
    if (what === undefined) return usageError('top', 'Required resource not specified.');
    return fail(
      `error: unknown command "${what}" for "kubectl top"\nSee 'kubectl top -h' for help and examples`,
    );
  }
  const sub: ParsedArgs = { ...args, positional: rest };
  if (rest.length > 1) return usageError(`top ${which}`, `kubectl top ${which} [NAME | -l label]`);
  return which === 'node' ? runTopNode(sub, store) : runTopPod(sub, store, now);
}

export const topCommand: Command = {
  path: ['top'],
  summary: 'Display resource (CPU/memory) usage',
  usage: 'kubectl top (node | pod) [NAME | -l label]',
  flags: [
    SELECTOR_FLAG,
    ALL_NAMESPACES_FLAG,
    {
      name: 'containers',
      type: 'bool',
      default: false,
      usage: 'If present, print usage of containers within a pod.',
    },
    { name: 'no-headers', type: 'bool', default: false, usage: 'If present, print output without headers.' },
    {
      name: 'sort-by',
      type: 'string',
      default: '',
      usage: "If non-empty, sort the list using specified field. The field can be either 'cpu' or 'memory'.",
    },
    {
      name: 'show-capacity',
      type: 'bool',
      default: false,
      usage: 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.',
    },
  ],
  run: (args, ctx) => runTop(args, ctx.sim.store, ctx.sim.now),
};

registerCommand(topCommand);
