/**
 * kubectl logs (POD | TYPE/NAME) [CONTAINER] [-c CONTAINER] [-p] [--tail N] [--timestamps] [-l selector]
 * [--all-containers] [--prefix]: the synthetic output of a container's current (or, with -p, previous) run,
 * or the kubelet's refusal as kubectl prints it. -f cannot stream in the simulator: it prints what was
 * written so far and says so.
 */
import { qualifiedResource } from '../../api/errors';
import { selectorMatches } from '../../api/meta';
import type { Store } from '../../api/store';
import type { Kind, LabelSelector, Pod } from '../../api/types';
import { nodeDownKey, podRuntimeKey } from '../../controllers/kubelet/runtime';
import type { ContainerRt, LogLine, PodRt } from '../../controllers/kubelet/runtime';
import { imageBehaviour } from '../../sim/config';
import { podRequestsPerSecond } from '../../world/metrics';
import type { Simulation } from '../../sim/simulation';
import type { Command, CommandResult, ParsedArgs } from '../command';
import { registerCommand } from '../registry';
import { resolveTargets } from '../resources';
import { labelsMatch, parseLabelSelector } from '../selector';
import { allContainerNames, byLogging, defaultContainer, runToRead } from './logs/select';
import { runLogs, withTimestamp } from './logs/synth';
import { bool, given, namespaceOf, SELECTOR_FLAG, str, usageError } from './util';

const USAGE =
  "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";
const FOLLOW_NOTE = 'note: -f/--follow cannot stream in the simulator; these are the logs written so far';
/** kubectl's default --tail when logs are selected with -l. */
const SELECTOR_TAIL = 10;

/** logs wraps the builder's NotFound in its own words. */
function notFoundIn(what: string, ns: string): string {
  return `error: error from server (NotFound): ${what} not found in namespace "${ns}"`;
}

type Chunk = { readonly err: boolean; readonly text: string };

function finish(chunks: readonly Chunk[], failed: boolean): CommandResult {
  const pick = (err: boolean) =>
    chunks
      .filter((c) => c.err === err)
      .map((c) => c.text)
      .join('\n');
  const stdout = pick(false);
  const stderr = pick(true);
  const both = stdout !== '' && stderr !== '';
  return {
    stdout,
    stderr,
    exitCode: failed ? 1 : 0,
    ...(both ? { output: chunks.map((c) => c.text).join('\n') } : {}),
  };
}

/** Pods a workload's selector picks, best first for logs (GetFirstPod). */
function selectedPods(store: Store, kind: Kind, ns: string, name: string): Pod[] | string {
  const obj = store.get(kind, ns, name);
  if (!obj) return notFoundIn(`${qualifiedResource(kind)} "${name}"`, ns);
  let selector: LabelSelector | undefined;
  if (kind === 'Service') {
    const s = (obj as { spec?: { selector?: Record<string, string> } }).spec?.selector;
    selector = s ? { matchLabels: s } : undefined;
  } else selector = (obj as { spec?: { selector?: LabelSelector } }).spec?.selector;
  if (!selector) return `error: cannot get the logs from ${kind}: selector is not set`;
  return store
    .list('Pod', ns)
    .filter((p) => selectorMatches(selector, p.metadata?.labels))
    .sort(byLogging);
}

function tailFlag(args: ParsedArgs): number {
  const v = args.flags.tail;
  return typeof v === 'number' ? v : -1;
}

interface Options {
  readonly container: string;
  readonly previous: boolean;
  readonly tail: number;
  readonly timestamps: boolean;
  readonly allContainers: boolean;
  readonly prefix: boolean;
}

/** The lines of one container of one pod, or the error kubectl prints. */
function containerLogs(
  sim: Simulation,
  pod: Pod,
  container: string,
  o: Options,
): string[] | { error: string } {
  const ns = pod.metadata?.namespace ?? 'default';
  const podName = pod.metadata?.name ?? '';
  const spec = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find(
    (c) => c.name === container,
  );
  if (!spec) {
    return {
      error: `error: container ${container} is not valid for pod ${podName} out of: ${allContainerNames(pod)}`,
    };
  }
  const node = pod.spec?.nodeName;
  if (!node) return [];
  if (sim.store.getRuntime<{ down?: boolean }>(nodeDownKey(node))?.down) {
    const host = pod.status?.hostIP ?? node;
    return {
      error: `Error from server: Get "https://${host}:10250/containerLogs/${ns}/${podName}/${container}": dial tcp ${host}:10250: connect: no route to host`,
    };
  }
  const ref = runToRead(pod, container, o.previous);
  if ('error' in ref) return { error: `Error from server (BadRequest): ${ref.error}` };
  const behaviour = imageBehaviour(sim.config, spec.image ?? '');
  const rt = sim.store.getRuntime<PodRt>(podRuntimeKey(`${ns}/${podName}`));
  const own = interpretedLog(
    rt?.containers.find((c) => c.name === container),
    ref.start,
  );
  if (own) {
    const kept = o.tail >= 0 ? own.slice(Math.max(0, own.length - o.tail)) : own;
    const tag = o.prefix ? `[pod/${podName}/${container}] ` : '';
    return kept.map((l) => tag + (o.timestamps ? withTimestamp(l) : l.text));
  }
  const liveHang = ref.live ? rt?.containers.find((c) => c.name === container)?.hungAt : undefined;
  const hang = behaviour.hangAfterSeconds !== undefined ? ref.start + behaviour.hangAfterSeconds : undefined;
  const lines: readonly LogLine[] = runLogs({
    pod,
    container: spec,
    behaviour,
    run: {
      start: ref.start,
      end: ref.end ?? sim.now,
      exit: ref.exit,
      hungAt: Math.min(liveHang ?? Infinity, hang ?? Infinity),
    },
    requestsPerSecond: podRequestsPerSecond(sim.store, ns, podName),
  });
  const kept = o.tail >= 0 ? lines.slice(Math.max(0, lines.length - o.tail)) : lines;
  const tag = o.prefix ? `[pod/${podName}/${container}] ` : '';
  return kept.map((l) => tag + (o.timestamps ? withTimestamp(l) : l.text));
}

/**
 * What a run whose command the runtime interpreted wrote (the current or last run's log, or the one
 * before), or undefined for a run of the image's own program (its log is synthesised).
 */
function interpretedLog(c: ContainerRt | undefined, start: number): readonly LogLine[] | undefined {
  if (!c) return undefined;
  const latest = c.proc.k === 'run' ? c.proc.start : c.last?.startedAt;
  return latest !== undefined && Math.abs(latest - start) < 1e-6 ? c.log : c.prevLog;
}

export function runLogsCommand(args: ParsedArgs, sim: Simulation): CommandResult {
  const ns = namespaceOf(args);
  const selectorText = str(args, 'selector');
  const pos = args.positional;
  if (pos.length === 0 && !selectorText) return usageError('logs', USAGE);
  if (pos.length > 2) return usageError('logs', USAGE);
  if (pos.length >= 1 && selectorText)
    return usageError('logs', 'only a selector (-l) or a POD name is allowed');
  if (pos.length === 2 && str(args, 'container')) {
    return {
      stdout: '',
      stderr: 'error: only one of -c or an inline [CONTAINER] arg is allowed',
      exitCode: 1,
    };
  }
  const o: Options = {
    container: pos[1] ?? str(args, 'container'),
    previous: bool(args, 'previous'),
    tail: given(args, 'tail') || !selectorText ? tailFlag(args) : SELECTOR_TAIL,
    timestamps: bool(args, 'timestamps'),
    allContainers: bool(args, 'all-containers'),
    prefix: bool(args, 'prefix'),
  };
  if (o.allContainers && o.container) {
    return {
      stdout: '',
      stderr: `error: --all-containers=true should not be specified with container name ${o.container}`,
      exitCode: 1,
    };
  }

  const chunks: Chunk[] = [];
  let pods: Pod[];
  if (selectorText) {
    const sel = parseLabelSelector(selectorText);
    if ('error' in sel) return { stdout: '', stderr: sel.error, exitCode: 1 };
    pods = sim.store
      .list('Pod', ns)
      .filter((p) => labelsMatch(sel.requirements, p.metadata?.labels))
      .sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
    if (pods.length === 0) chunks.push({ err: true, text: `No resources found in ${ns} namespace.` });
  } else {
    const arg = pos[0] ?? '';
    const r = resolveTargets(arg.includes('/') ? [arg] : ['pods', arg]);
    if ('error' in r) return { stdout: '', stderr: r.error, exitCode: 1 };
    const t = r.targets[0];
    const kind = t?.type.kind ?? 'Pod';
    const name = t?.name ?? '';
    if (kind === 'Pod') {
      const pod = sim.store.get('Pod', ns, name);
      if (!pod) {
        return { stdout: '', stderr: notFoundIn(`pods "${name}"`, ns), exitCode: 1 };
      }
      pods = [pod];
    } else {
      const found = selectedPods(sim.store, kind, ns, name);
      if (typeof found === 'string') return { stdout: '', stderr: found, exitCode: 1 };
      const first = found[0];
      if (!first) return { stdout: '', stderr: 'error: timed out waiting for the condition', exitCode: 1 };
      if (found.length > 1) {
        chunks.push({
          err: true,
          text: `Found ${found.length} pods, using pod/${first.metadata?.name ?? ''}`,
        });
      }
      pods = [first];
    }
  }

  let failed = false;
  for (const pod of pods) {
    let names: string[];
    if (o.allContainers) {
      names = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
    } else if (o.container) names = [o.container];
    else {
      const d = defaultContainer(pod);
      if (d.notice) chunks.push({ err: true, text: d.notice });
      names = [d.name];
    }
    for (const c of names) {
      const r = containerLogs(sim, pod, c, o);
      if ('error' in r) {
        chunks.push({ err: true, text: r.error });
        failed = true;
        break;
      }
      if (r.length) chunks.push({ err: false, text: r.join('\n') });
    }
    if (failed) break;
  }
  if (bool(args, 'follow')) chunks.push({ err: true, text: FOLLOW_NOTE });
  return finish(chunks, failed);
}

export const logsCommand: Command = {
  path: ['logs'],
  summary: 'Print the logs for a container in a pod',
  usage: 'kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]',
  notes:
    'Logs are synthesised from the image behaviour and the container runs; -f prints what exists and stops.',
  flags: [
    { name: 'container', short: 'c', type: 'string', default: '', usage: 'Print the logs of this container' },
    {
      name: 'previous',
      short: 'p',
      type: 'bool',
      default: false,
      usage: 'Print the logs for the previous instance of the container in a pod if it exists.',
    },
    {
      name: 'tail',
      type: 'int',
      default: -1,
      usage:
        'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.',
    },
    {
      name: 'follow',
      short: 'f',
      type: 'bool',
      default: false,
      usage: 'Specify if the logs should be streamed (not supported: prints the logs so far).',
    },
    {
      name: 'timestamps',
      type: 'bool',
      default: false,
      usage: 'Include timestamps on each line in the log output',
    },
    {
      name: 'all-containers',
      type: 'bool',
      default: false,
      usage: "Get all containers' logs in the pod(s).",
    },
    {
      name: 'prefix',
      type: 'bool',
      default: false,
      usage: 'Prefix each log line with the log source (pod name and container name)',
    },
    SELECTOR_FLAG,
  ],
  run: (args, ctx) => runLogsCommand(args, ctx.sim),
};

registerCommand(logsCommand);
