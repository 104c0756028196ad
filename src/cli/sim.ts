/**
 * The headless runner (contract 2 of architecture.md):
 *
 *   npm run --silent sim -- <scenario.yaml> [--until <duration>] [--every <duration>] [--json] [--seed <n>]
 *
 * Runs a scenario in simulated time and prints Events as they happen, the cluster's state every --every
 * simulated seconds and at the end, and the output of the timeline's kubectl entries. With --json, one JSON
 * object per line; without, a log in the style of `kubectl get events` and tables at the end.
 * Exit codes: 0 success, 1 internal error, 2 bad scenario or bad arguments (stderr only, stdout untouched).
 */
import { readFileSync, statSync } from 'node:fs';
import type { ClusterState, Diff, Simulation, TimelineOutcome } from '../engine';
import {
  MAX_SOURCE_BYTES,
  ScenarioError,
  TIMELINE_RUNTIME_PREFIX,
  buildScenario,
  formatDuration,
  loadScenario,
  observe,
  parseDuration,
} from '../engine';
import type { Event, ObjectReference } from 'kubernetes-types/core/v1';

const USAGE =
  'usage: npm run --silent sim -- <scenario.yaml> [--until <duration>] [--every <duration>] [--json] [--seed <n>]';

class UsageError extends Error {}

interface Args {
  readonly file: string;
  readonly until: number;
  readonly every: number;
  readonly json: boolean;
  readonly seed?: number;
  readonly help: boolean;
}

function durationFlag(flag: string, value: string | undefined): number {
  if (value === undefined) throw new UsageError(`${flag} needs a duration, e.g. ${flag} 90s`);
  const d = parseDuration(value);
  if ('error' in d) throw new UsageError(`${flag}: ${d.error}`);
  return d.seconds;
}

export function parseArgs(argv: readonly string[]): Args {
  let file: string | undefined;
  let until = 600;
  let every = 1;
  let json = false;
  let seed: number | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? '';
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--until':
        until = durationFlag(flag, value());
        break;
      case '--every':
        every = durationFlag(flag, value());
        if (every <= 0) throw new UsageError('--every must be more than 0s');
        break;
      case '--json':
        json = true;
        break;
      case '--seed': {
        const v = value();
        if (v === undefined || !/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) {
          throw new UsageError(`--seed needs a whole number >= 0${v === undefined ? '' : `, not "${v}"`}`);
        }
        seed = Number(v);
        break;
      }
      case '-h':
      case '--help':
        help = true;
        break;
      default:
        if (raw.startsWith('-') && raw !== '-') throw new UsageError(`unknown flag ${flag}`);
        if (file !== undefined)
          throw new UsageError(`one scenario file at a time (got "${file}" and "${raw}")`);
        file = raw;
    }
  }
  if (help) return { file: file ?? '', until, every, json, help, ...(seed !== undefined ? { seed } : {}) };
  if (file === undefined) throw new UsageError('missing the scenario file');
  return { file, until, every, json, help, ...(seed !== undefined ? { seed } : {}) };
}

/** Output buffered into large writes: the runner can print hundreds of thousands of lines. */
class Out {
  private chunks: string[] = [];
  private size = 0;

  line(s: string): void {
    this.chunks.push(s, '\n');
    this.size += s.length + 1;
    if (this.size > 1 << 16) this.flush();
  }

  flush(): void {
    if (this.size === 0) return;
    process.stdout.write(this.chunks.join(''));
    this.chunks = [];
    this.size = 0;
  }
}

/** Simulated seconds as printed: at most millisecond precision, no float noise. */
function roundT(t: number): number {
  return Math.round(t * 1000) / 1000;
}

function objectRef(o: ObjectReference | undefined): string {
  if (!o) return '';
  return o.namespace ? `${o.kind ?? ''}/${o.namespace}/${o.name ?? ''}` : `${o.kind ?? ''}/${o.name ?? ''}`;
}

interface Printer {
  event(t: number, e: Event): void;
  timeline(o: TimelineOutcome): void;
  state(t: number, sim: Simulation, final: boolean): void;
  /** Something in the store changed (the JSON printer caches the state projection until then). */
  changed(): void;
}

function jsonPrinter(out: Out): Printer {
  let cachedBody = '';
  let dirty = true;
  return {
    changed() {
      dirty = true;
    },
    event(t, e) {
      out.line(
        JSON.stringify({
          t: roundT(t),
          kind: 'event',
          type: e.type ?? 'Normal',
          reason: e.reason ?? '',
          object: objectRef(e.involvedObject),
          message: e.message ?? '',
        }),
      );
    },
    timeline(o) {
      if (o.type !== 'kubectl') return;
      out.line(
        JSON.stringify({
          t: roundT(o.t),
          kind: 'kubectl',
          command: o.command ?? '',
          output: o.message,
          exitCode: o.exitCode,
        }),
      );
    },
    state(t, sim) {
      // The state projection is only recomputed when something changed since the last line.
      if (dirty || cachedBody === '') {
        cachedBody = JSON.stringify(observe(sim.store)).slice(1);
        dirty = false;
      }
      out.line(`{"t":${roundT(t)},"kind":"state",${cachedBody}`);
    },
  };
}

function pad(s: string, n: number): string {
  return s.length >= n ? `${s} ` : s.padEnd(n + 1);
}

/** `kubectl`-style table: columns padded to the widest cell plus three spaces. */
function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd((widths[i] ?? 0) + 3)))
      .join('')
      .trimEnd();
  return [fmt(headers), ...rows.map(fmt)];
}

function lowerRef(o: ObjectReference | undefined): string {
  return o ? `${(o.kind ?? '').toLowerCase()}/${o.name ?? ''}` : '';
}

function qualified(ns: string, name: string): string {
  return ns === 'default' ? name : `${ns}/${name}`;
}

function stateTables(state: ClusterState): string[] {
  const out: string[] = [];
  const section = (title: string, lines: string[]) => out.push('', `${title}:`, ...lines);
  section(
    'NODES',
    table(
      ['NAME', 'STATUS', 'TAINTS'],
      state.nodes.map((n) => [
        n.name,
        `${n.ready === 'True' ? 'Ready' : n.ready === 'False' ? 'NotReady' : 'Unknown'}${n.unschedulable ? ',SchedulingDisabled' : ''}`,
        n.taints.join(',') || '<none>',
      ]),
    ),
  );
  if (state.deployments.length) {
    section(
      'DEPLOYMENTS',
      table(
        ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'REVISION'],
        state.deployments.map((d) => [
          qualified(d.namespace, d.name),
          `${d.readyReplicas}/${d.replicas}`,
          String(d.updatedReplicas),
          String(d.availableReplicas),
          String(d.revision),
        ]),
      ),
    );
  }
  if (state.replicaSets.length) {
    section(
      'REPLICASETS',
      table(
        ['NAME', 'DESIRED', 'READY', 'AVAILABLE', 'IMAGE'],
        state.replicaSets.map((r) => [
          qualified(r.namespace, r.name),
          String(r.replicas),
          String(r.readyReplicas),
          String(r.availableReplicas),
          r.image,
        ]),
      ),
    );
  }
  section(
    'PODS',
    state.pods.length
      ? table(
          ['NAME', 'READY', 'STATUS', 'RESTARTS', 'NODE'],
          state.pods.map((p) => [
            qualified(p.namespace, p.name),
            p.ready ? 'true' : 'false',
            p.status,
            String(p.restarts),
            p.node ?? '<none>',
          ]),
        )
      : ['No resources found'],
  );
  if (state.services.length) {
    section(
      'SERVICES',
      table(
        ['NAME', 'ENDPOINTS'],
        state.services.map((s) => [qualified(s.namespace, s.name), s.endpoints.join(',') || '<none>']),
      ),
    );
  }
  return out;
}

function textPrinter(out: Out): Printer {
  let header = false;
  const ensureHeader = () => {
    if (header) return;
    header = true;
    out.line(`${pad('TIME', 8)}${pad('TYPE', 8)}${pad('REASON', 24)}${pad('OBJECT', 44)}MESSAGE`);
  };
  return {
    changed() {},
    event(t, e) {
      ensureHeader();
      out.line(
        `${pad(formatDuration(t), 8)}${pad(e.type ?? 'Normal', 8)}${pad(e.reason ?? '', 24)}${pad(lowerRef(e.involvedObject), 44)}${e.message ?? ''}`,
      );
    },
    timeline(o) {
      const what =
        o.type === 'kubectl'
          ? `$ kubectl ${o.command ?? ''}`
          : o.type === 'apply'
            ? '$ kubectl apply -f -'
            : 'fault';
      out.line(
        `${pad(formatDuration(o.t), 8)}--- timeline: ${what}${o.exitCode !== 0 ? ` (exit code ${o.exitCode})` : ''}`,
      );
      for (const l of o.message.split('\n')) if (l) out.line(`${' '.repeat(9)}${l}`);
    },
    state(t, sim, final) {
      if (!final) return;
      out.line('');
      out.line(`State at ${formatDuration(t)}:`);
      for (const l of stateTables(observe(sim.store))) out.line(l);
    },
  };
}

function run(args: Args, text: string): void {
  const scenario = loadScenario(text);
  const sim = buildScenario(scenario, args.seed !== undefined ? { seed: args.seed } : {});
  const out = new Out();
  const printer = args.json ? jsonPrinter(out) : textPrinter(out);

  // Events recorded while the cluster was built (node registration, the t=0 apply) come first.
  for (const e of sim.store.list('Event')) printer.event(sim.now, e);
  sim.store.onDiff((d: Diff) => {
    printer.changed();
    if (d.type === 'runtime') {
      if (d.key.startsWith(TIMELINE_RUNTIME_PREFIX) && d.to) printer.timeline(d.to as TimelineOutcome);
      return;
    }
    if (d.kind !== 'Event') return;
    if (d.type === 'added') printer.event(sim.now, d.to as Event);
    else if (d.type === 'updated' && ((d.to as Event).count ?? 1) > ((d.from as Event).count ?? 1)) {
      printer.event(sim.now, d.to as Event);
    }
  });

  if (args.json) {
    for (let k = 1; ; k++) {
      const t = roundT(k * args.every);
      if (t >= args.until) break;
      sim.runUntil(t);
      printer.state(t, sim, false);
    }
  }
  sim.runUntil(args.until);
  printer.state(args.until, sim, true);
  out.flush();
}

function readScenario(file: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(
      code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${code ?? 'error'})`,
    );
  }
  if (size > MAX_SOURCE_BYTES) {
    const mib = (size / (1024 * 1024)).toFixed(1);
    throw new ScenarioError([
      { line: 1, column: 1, message: `input is too large (${mib} MiB): the limit is 1 MiB` },
    ]);
  }
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${file}: cannot read (${(e as { code?: string }).code ?? 'error'})`);
  }
}

export function main(argv: readonly string[]): number {
  let args: Args | undefined;
  try {
    args = parseArgs(argv);
    if (args.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const text = readScenario(args.file);
    run(args, text);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`sim: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof ScenarioError) {
      process.stderr.write(`${e.format(args?.file ?? '<scenario>')}\n`);
      return 2;
    }
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`sim: internal error: ${message.split('\n')[0] ?? ''}\n`);
    return 1;
  }
}

// A reader that closes the pipe early (`| head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});
process.exitCode = main(process.argv.slice(2));
