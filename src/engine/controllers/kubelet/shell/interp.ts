/**
 * The interpreter of the simulated container runtime: runs a parsed Program from its program counter at
 * the simulated time `now` until it sleeps, exits, blocks on a long-lived program or has run too long
 * without sleeping (a busy loop, then treated as running for ever). Its state is plain data, so a
 * container's script survives snapshots and replays. Commands write to the container's log (stdout and
 * stderr alike, as `kubectl logs` shows them) unless redirected to a file.
 */
import type { Program, Redirect, Simple } from './parse';
import { SUB_CLOSE, SUB_OPEN, VAR_CLOSE, VAR_OPEN } from './parse';
import type { CommandResult, Io } from './commands';
import { runCommand } from './commands';
import type { FileSystem } from './files';
import { normalizePath } from './files';

/** The interpreter's state between steps. */
export interface ShellState {
  readonly pc: number;
  /** $? */
  readonly status: number;
  /** Variables the script assigned (over the container's environment). */
  readonly vars: Readonly<Record<string, string>>;
  /** The next item of each `for` loop, by instruction index. */
  readonly loops: Readonly<Record<string, number>>;
  /** $0, $1, ... */
  readonly args: readonly string[];
  /** Sleeping until then. */
  readonly wake?: number | undefined;
  /** Runs a long-lived program from `since` until it is stopped. */
  readonly blocked?: Blocked | undefined;
  /** The script has ended with this status. */
  readonly exited?: number | undefined;
  /** `trap ACTION TERM`: what the shell does on SIGTERM (an exit status), instead of ignoring it as PID 1. */
  readonly onTerm?: number | undefined;
}

/** A long-lived program the script handed over to (a server, `tail -f`, or one it cannot interpret). */
export interface Blocked {
  readonly program: string;
  readonly since: number;
  /** It listens on its ports (answers HTTP and TCP probes as the image behaves). */
  readonly listens: boolean;
  /** Why the simulation cannot tell what it does (an unknown program), for the pod's explanation. */
  readonly note?: string | undefined;
}

/** What the interpreter needs from the container around it. */
export interface ShellHost {
  readonly now: number;
  readonly env: ReadonlyMap<string, string>;
  readonly fs: FileSystem;
  readonly flavour: 'busybox' | 'gnu';
  readonly hostname: string;
  /** Cluster DNS: the address a name resolves to from this pod, or undefined. */
  resolve(name: string): string | undefined;
  /** A line the container writes to its log. */
  log(text: string): void;
}

/** Instructions run without sleeping before the script counts as a busy loop. */
export const MAX_STEPS = 10_000;

export function initialState(args: readonly string[]): ShellState {
  return { pc: 0, status: 0, vars: {}, loops: {}, args };
}

function lookupVar(
  st: { vars: Record<string, string>; status: number; args: readonly string[] },
  host: ShellHost,
  key: string,
): string {
  if (key === '?') return String(st.status);
  if (key === '$') return '1';
  if (key === '#') return String(Math.max(0, st.args.length - 1));
  if (key === '@' || key === '*') return st.args.slice(1).join(' ');
  if (/^[0-9]$/.test(key)) return st.args[Number(key)] ?? '';
  const own = st.vars[key];
  if (own !== undefined) return own;
  return host.env.get(key) ?? '';
}

interface Mut {
  pc: number;
  status: number;
  vars: Record<string, string>;
  loops: Record<string, number>;
  args: readonly string[];
  onTerm?: number | undefined;
}

const VAR_RE = new RegExp(`${VAR_OPEN}([^${VAR_CLOSE}]*)${VAR_CLOSE}`, 'g');
const SUB_RE = new RegExp(`${SUB_OPEN}(\\d+)${SUB_CLOSE}`, 'g');

/** Expand a word's marks: variables, then command substitutions (run to completion, no time passes). */
function expand(word: string, st: Mut, host: ShellHost, prog: Program): string {
  let out = word;
  if (out.includes(VAR_OPEN)) {
    out = out.replace(VAR_RE, (_m, key: string) => lookupVar(st, host, key));
  }
  if (out.includes(SUB_OPEN)) {
    out = out.replace(SUB_RE, (_m, n: string) => {
      const sub = prog.subs[Number(n)];
      if (!sub) return '';
      const lines: string[] = [];
      runToEnd(
        sub,
        { ...st, pc: 0, vars: { ...st.vars }, loops: {} },
        { ...host, log: (t) => lines.push(t) },
        lines,
      );
      return lines.join('\n').replace(/\n+$/, '');
    });
  }
  return out;
}

/** Run a (substitution) program to its end, ignoring sleeps; output collected by the host's log. */
function runToEnd(prog: Program, st: Mut, host: ShellHost, _out: string[]): number {
  for (let steps = 0; st.pc < prog.code.length && steps < MAX_STEPS; steps++) {
    const r = exec(prog, st, host);
    if (r && r.k === 'exit') return r.code;
    if (r && r.k === 'block') return st.status;
  }
  return st.status;
}

type Stop =
  | { readonly k: 'sleep'; readonly seconds: number }
  | { readonly k: 'exit'; readonly code: number }
  | { readonly k: 'block'; readonly blocked: Omit<Blocked, 'since'> };

/** Pipe buffer between the commands of a pipeline. */
let pipe: string | undefined;

/** Execute the instruction at st.pc; a Stop when the script must pause or end there. */
function exec(prog: Program, st: Mut, host: ShellHost): Stop | undefined {
  const ins = prog.code[st.pc];
  if (!ins) return { k: 'exit', code: st.status };
  switch (ins.op) {
    case 'jmp':
      st.pc = ins.to;
      return undefined;
    case 'jz':
      st.pc = st.status === 0 ? ins.to : st.pc + 1;
      return undefined;
    case 'jnz':
      st.pc = st.status !== 0 ? ins.to : st.pc + 1;
      return undefined;
    case 'not':
      st.status = st.status === 0 ? 1 : 0;
      st.pc++;
      return undefined;
    case 'for': {
      const key = String(st.pc);
      const n = st.loops[key] ?? 0;
      const items = ins.words
        .map((w) => expand(w, st, host, prog))
        .flatMap((w) => w.split(/\s+/).filter(Boolean));
      if (n >= items.length) {
        st.loops = { ...st.loops, [key]: 0 };
        st.pc = ins.to;
        return undefined;
      }
      st.vars = { ...st.vars, [ins.name]: items[n] ?? '' };
      st.loops = { ...st.loops, [key]: n + 1 };
      st.pc++;
      return undefined;
    }
    case 'run': {
      st.pc++;
      const stdin = ins.pipeFrom ? (pipe ?? '') : '';
      pipe = undefined;
      const r = runSimple(ins.cmd, st, host, prog, stdin, ins.pipeTo === true);
      if (ins.pipeTo) pipe = r.captured ?? '';
      if (ins.cmd.background) {
        st.status = 0;
        return undefined;
      }
      st.status = r.status;
      if (r.exit) return { k: 'exit', code: r.status };
      if (r.sleep !== undefined && !ins.pipeTo) return { k: 'sleep', seconds: r.sleep };
      if (r.block && !ins.pipeTo) return { k: 'block', blocked: r.block };
      return undefined;
    }
  }
}

function runSimple(
  cmd: Simple,
  st: Mut,
  host: ShellHost,
  prog: Program,
  stdin: string,
  capture: boolean,
): CommandResult & { captured?: string } {
  const argv = cmd.argv.map((w) => expand(w, st, host, prog));
  const assigns = cmd.assigns.map(([k, v]) => [k, expand(v, st, host, prog)] as const);
  if (!argv.length) {
    st.vars = { ...st.vars, ...Object.fromEntries(assigns) };
    return { status: 0 };
  }
  if (argv[0] === 'trap') {
    const action = argv[1] ?? '';
    if (argv.slice(2).some((s) => /^(SIG)?TERM$|^15$/.test(s))) {
      const code = /exit\s+(\d+)/.exec(action);
      st.onTerm = action === '-' ? undefined : code ? Number(code[1]) : 143;
    }
    return { status: 0 };
  }
  if (argv[0] === 'export' || argv[0] === 'readonly' || argv[0] === 'local') {
    const set: Record<string, string> = {};
    for (const a of argv.slice(1)) {
      const eq = a.indexOf('=');
      if (eq > 0) set[a.slice(0, eq)] = a.slice(eq + 1);
    }
    st.vars = { ...st.vars, ...set };
    return { status: 0 };
  }
  if (argv[0] === 'set' || argv[0] === 'shift') return { status: 0 };
  const env = new Map(host.env);
  for (const [k, v] of Object.entries(st.vars)) env.set(k, v);
  for (const [k, v] of assigns) env.set(k, v);
  let stdout = '';
  let stderr = '';
  let outTo: Redirect | undefined;
  let errToOut = false;
  let errTo: Redirect | undefined;
  let input = stdin;
  for (const r of cmd.redirects) {
    const target = expand(r.target, st, host, prog);
    if (r.op === '>&') {
      if (r.fd === 2 && target === '1') errToOut = true;
      else if (r.fd === 1 && target === '2') outTo = undefined;
      continue;
    }
    if (r.op === '<') {
      input = host.fs.read(normalizePath(target)) ?? '';
      continue;
    }
    if (r.fd === 2) errTo = { ...r, target };
    else outTo = { ...r, target };
  }
  const io: Io = {
    env,
    host,
    stdin: input,
    out: (s) => {
      stdout += s;
    },
    err: (s) => {
      stderr += s;
    },
  };
  const r = runCommand(argv, io);
  if (errToOut) {
    stdout += stderr;
    stderr = '';
  }
  const sink = (text: string, to: Redirect | undefined, logIt: boolean) => {
    if (!text) return;
    if (to) {
      if (to.target === '/dev/null') return;
      const e = host.fs.write(normalizePath(to.target), text, to.op === '>>');
      if (e) host.log(`sh: can't create ${to.target}: ${e}`);
      return;
    }
    if (logIt) for (const line of text.replace(/\n$/, '').split('\n')) host.log(line);
  };
  if (outTo && !stdout) {
    // `> file` creates (or empties) the file even with no output.
    sink(' ', outTo, false);
    if (outTo.target !== '/dev/null') host.fs.write(normalizePath(outTo.target), '', outTo.op === '>>');
  }
  let captured: string | undefined;
  if (capture && !outTo) captured = stdout;
  else sink(stdout, outTo, true);
  sink(stderr, errTo, true);
  return { ...r, ...(captured !== undefined ? { captured } : {}) };
}

/**
 * Run the script from its state at `host.now` until it pauses. Returns the new state; `exited` is set when
 * the script ended, `wake` when it sleeps, `blocked` when it runs a long-lived program.
 */
export function step(prog: Program, state: ShellState, host: ShellHost): ShellState {
  if (state.exited !== undefined || state.blocked) return state;
  const st: Mut = {
    pc: state.pc,
    status: state.status,
    vars: { ...state.vars },
    loops: { ...state.loops },
    args: state.args,
    onTerm: state.onTerm,
  };
  pipe = undefined;
  const done = (extra: Partial<ShellState>): ShellState => ({
    pc: st.pc,
    status: st.status,
    vars: st.vars,
    loops: st.loops,
    args: st.args,
    ...(st.onTerm !== undefined ? { onTerm: st.onTerm } : {}),
    ...extra,
  });
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    if (st.pc >= prog.code.length) return done({ exited: st.status });
    const stop = exec(prog, st, host);
    if (!stop) continue;
    if (stop.k === 'exit') return done({ exited: stop.code });
    if (stop.k === 'sleep') {
      if (!Number.isFinite(stop.seconds)) {
        return done({ blocked: { program: 'sleep', since: host.now, listens: false } });
      }
      return done({ wake: host.now + stop.seconds });
    }
    return done({ blocked: { ...stop.blocked, since: host.now } });
  }
  return done({
    blocked: {
      program: 'sh',
      since: host.now,
      listens: false,
      note: 'the script loops without sleeping; the simulation lets it run for ever',
    },
  });
}

/** Run a one-off command (an exec probe, a preStop hook) at `host.now`: its exit status and output. */
export function runOnce(
  prog: Program,
  args: readonly string[],
  host: ShellHost,
): { status: number; output: string; unknown?: string; sleeps: number } {
  const lines: string[] = [];
  let state = initialState(args);
  let sleeps = 0;
  let t = host.now;
  for (let i = 0; i < 100; i++) {
    state = step(prog, state, { ...host, now: t, log: (s) => lines.push(s) });
    if (state.exited !== undefined) return { status: state.exited, output: lines.join('\n'), sleeps };
    if (state.blocked) {
      return { status: 0, output: lines.join('\n'), unknown: state.blocked.program, sleeps };
    }
    if (state.wake !== undefined) {
      sleeps += state.wake - t;
      t = state.wake;
      state = { ...state, wake: undefined };
    }
  }
  return { status: 0, output: lines.join('\n'), sleeps };
}
