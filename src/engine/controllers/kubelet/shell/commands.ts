/**
 * The commands the simulated runtime knows, with the words busybox (busybox, alpine) or GNU coreutils
 * (debian, ubuntu, nginx, ...) print: true/false/:, exit, sleep, echo, printf, printenv/env, cat, ls,
 * touch, rm, mkdir, test/[, date, hostname, pwd/cd, nslookup, wget/curl, tail, head, wc, grep, perl's
 * `print bpi(N)` and the servers of common images. A command it does not know is a long-lived program
 * (the simulation cannot tell when it would end), reported with a note.
 */
import { EPOCH_MS } from '../../../api/meta';
import type { Blocked, ShellHost } from './interp';
import { normalizePath } from './files';
import { piDigits } from './pi';

export interface Io {
  readonly env: ReadonlyMap<string, string>;
  readonly host: ShellHost;
  readonly stdin: string;
  out(s: string): void;
  err(s: string): void;
}

export interface CommandResult {
  readonly status: number;
  /** `exit`: the script ends with status. */
  readonly exit?: boolean;
  /** The command takes this long (sleep, a computation); Infinity for `sleep infinity`. */
  readonly sleep?: number;
  /** The command runs until stopped. */
  readonly block?: Omit<Blocked, 'since'>;
}

type Cmd = (args: readonly string[], io: Io) => CommandResult;

const OK: CommandResult = { status: 0 };
const FAIL: CommandResult = { status: 1 };

/** The base name of a program path: "/bin/sh" -> "sh". */
export function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function parseSleep(arg: string): number | undefined {
  if (arg === 'infinity' || arg === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * mult;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', a: '\x07', r: '\r', '0': '' };

function unescape(s: string): { text: string; stop: boolean } {
  let stop = false;
  const text = s.replace(/\\(.)/g, (_m, c: string) => {
    if (c === 'c') {
      stop = true;
      return '';
    }
    return ESCAPES[c] ?? `\\${c}`;
  });
  return { text, stop };
}

function echo(args: readonly string[], io: Io): CommandResult {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i] ?? ''); i++) {
    for (const f of (args[i] ?? '').slice(1)) {
      if (f === 'n') newline = false;
      else if (f === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = args.slice(i).join(' ');
  if (escapes) {
    const u = unescape(text);
    text = u.text;
    if (u.stop) newline = false;
  }
  io.out(newline ? `${text}\n` : text);
  return OK;
}

function printf(args: readonly string[], io: Io): CommandResult {
  const fmt = args[0] ?? '';
  const rest = args.slice(1);
  let k = 0;
  const once = () =>
    unescape(
      fmt.replace(/%([-0-9.]*)([sdif%])/g, (_m, _w: string, c: string) => {
        if (c === '%') return '%';
        const v = rest[k++] ?? '';
        return c === 's' ? v : String(Math.trunc(Number(v) || 0));
      }),
    ).text;
  let out = once();
  while (k > 0 && k < rest.length) out += once();
  io.out(out);
  return OK;
}

function printenv(args: readonly string[], io: Io): CommandResult {
  if (!args.length) {
    for (const [k, v] of io.env) io.out(`${k}=${v}\n`);
    return OK;
  }
  let status = 0;
  for (const a of args) {
    const v = io.env.get(a);
    if (v === undefined) status = 1;
    else io.out(`${v}\n`);
  }
  return { status };
}

function missing(io: Io, busybox: string, gnu: string): void {
  io.err(`${io.host.flavour === 'busybox' ? busybox : gnu}\n`);
}

function cat(args: readonly string[], io: Io): CommandResult {
  const files = args.filter((a) => !a.startsWith('-') || a === '-');
  if (!files.length) {
    io.out(io.stdin);
    return OK;
  }
  let status = 0;
  for (const f of files) {
    if (f === '-') {
      io.out(io.stdin);
      continue;
    }
    const p = normalizePath(f);
    const content = io.host.fs.read(p);
    if (content === undefined) {
      if (io.host.fs.isDir(p)) missing(io, `cat: read error: Is a directory`, `cat: ${f}: Is a directory`);
      else
        missing(
          io,
          `cat: can't open '${f}': No such file or directory`,
          `cat: ${f}: No such file or directory`,
        );
      status = 1;
    } else io.out(content);
  }
  return { status };
}

function ls(args: readonly string[], io: Io): CommandResult {
  const paths = args.filter((a) => !a.startsWith('-'));
  const all = args.some((a) => a.startsWith('-') && a.includes('a'));
  let status = 0;
  const targets = paths.length ? paths : ['.'];
  targets.forEach((t, n) => {
    const p = normalizePath(t);
    if (io.host.fs.isDir(p)) {
      if (targets.length > 1) io.out(`${n > 0 ? '\n' : ''}${t}:\n`);
      const names = io.host.fs.list(p);
      for (const name of all ? ['.', '..', ...names] : names) io.out(`${name}\n`);
    } else if (io.host.fs.read(p) !== undefined) io.out(`${t}\n`);
    else {
      missing(
        io,
        `ls: ${t}: No such file or directory`,
        `ls: cannot access '${t}': No such file or directory`,
      );
      status = io.host.flavour === 'busybox' ? 1 : 2;
    }
  });
  return { status };
}

function touch(args: readonly string[], io: Io): CommandResult {
  let status = 0;
  for (const f of args.filter((a) => !a.startsWith('-'))) {
    const p = normalizePath(f);
    if (io.host.fs.read(p) !== undefined || io.host.fs.isDir(p)) continue;
    const e = io.host.fs.write(p, '');
    if (e) {
      missing(io, `touch: ${f}: ${e}`, `touch: cannot touch '${f}': ${e}`);
      status = 1;
    }
  }
  return { status };
}

function rm(args: readonly string[], io: Io): CommandResult {
  const force = args.some((a) => /^-[a-zA-Z]*f/.test(a));
  const recursive = args.some((a) => /^-[a-zA-Z]*[rR]/.test(a));
  let status = 0;
  for (const f of args.filter((a) => !a.startsWith('-'))) {
    const p = normalizePath(f);
    if (io.host.fs.read(p) !== undefined) {
      if (!io.host.fs.remove(p)) {
        missing(
          io,
          `rm: can't remove '${f}': Read-only file system`,
          `rm: cannot remove '${f}': Read-only file system`,
        );
        status = 1;
      }
    } else if (io.host.fs.isDir(p)) {
      if (!recursive) {
        missing(io, `rm: '${f}' is a directory`, `rm: cannot remove '${f}': Is a directory`);
        status = 1;
      } else for (const name of io.host.fs.list(p)) rm(['-rf', `${p}/${name}`], io);
    } else if (!force) {
      missing(
        io,
        `rm: can't remove '${f}': No such file or directory`,
        `rm: cannot remove '${f}': No such file or directory`,
      );
      status = 1;
    }
  }
  return { status };
}

function mkdir(args: readonly string[], io: Io): CommandResult {
  for (const f of args.filter((a) => !a.startsWith('-'))) io.host.fs.mkdir(normalizePath(f));
  return OK;
}

/** test / [ : files, strings and integers, with ! and -a / -o. */
function test(args: readonly string[], io: Io): boolean | 'error' {
  const fs = io.host.fs;
  const unary = (op: string, v: string): boolean | undefined => {
    const p = normalizePath(v);
    switch (op) {
      case '-f':
        return fs.read(p) !== undefined;
      case '-e':
        return fs.exists(p);
      case '-d':
        return fs.isDir(p);
      case '-s':
        return (fs.read(p) ?? '').length > 0;
      case '-r':
      case '-w':
      case '-x':
        return fs.exists(p);
      case '-z':
        return v.length === 0;
      case '-n':
        return v.length > 0;
      default:
        return undefined;
    }
  };
  const expr = (a: readonly string[]): boolean | 'error' => {
    const or = a.indexOf('-o');
    if (or > 0) {
      const l = expr(a.slice(0, or));
      const r = expr(a.slice(or + 1));
      return l === 'error' || r === 'error' ? 'error' : l || r;
    }
    const and = a.indexOf('-a');
    if (and > 0) {
      const l = expr(a.slice(0, and));
      const r = expr(a.slice(and + 1));
      return l === 'error' || r === 'error' ? 'error' : l && r;
    }
    if (a[0] === '!') {
      const r = expr(a.slice(1));
      return r === 'error' ? r : !r;
    }
    if (a.length === 0) return false;
    if (a.length === 1) return (a[0] ?? '').length > 0;
    if (a.length === 2) return unary(a[0] ?? '', a[1] ?? '') ?? 'error';
    if (a.length === 3) {
      const [l = '', op = '', r = ''] = a;
      const n = (s: string) => Number.parseInt(s, 10);
      switch (op) {
        case '=':
        case '==':
          return l === r;
        case '!=':
          return l !== r;
        case '-eq':
          return n(l) === n(r);
        case '-ne':
          return n(l) !== n(r);
        case '-lt':
          return n(l) < n(r);
        case '-le':
          return n(l) <= n(r);
        case '-gt':
          return n(l) > n(r);
        case '-ge':
          return n(l) >= n(r);
      }
    }
    return 'error';
  };
  return expr(args);
}

function testCommand(bracket: boolean): Cmd {
  return (args, io) => {
    let a = args;
    if (bracket) {
      if (a[a.length - 1] !== ']') {
        io.err('sh: missing ]\n');
        return { status: 2 };
      }
      a = a.slice(0, -1);
    }
    const r = test(a, io);
    if (r === 'error') {
      io.err(`sh: ${bracket ? '[' : 'test'}: syntax error\n`);
      return { status: 2 };
    }
    return { status: r ? 0 : 1 };
  };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** `date` in the C locale: "Thu Jan  1 09:00:05 UTC 2026". */
export function dateText(t: number): string {
  const d = new Date(EPOCH_MS + Math.floor(t) * 1000);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

function nslookup(args: readonly string[], io: Io): CommandResult {
  const name = args.find((a) => !a.startsWith('-')) ?? '';
  io.out('Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n');
  const ip = io.host.resolve(name);
  if (ip === undefined) {
    io.err(`nslookup: can't resolve '${name}'\n`);
    return FAIL;
  }
  io.out(`Name:      ${name}\nAddress 1: ${ip}\n`);
  return OK;
}

/** wget / curl: a name in the cluster must resolve to a Service; the world outside answers. */
function fetch(args: readonly string[], io: Io, curl: boolean): CommandResult {
  const oIndex = args.findIndex((a) => a === (curl ? '-o' : '-O'));
  const outFile = oIndex >= 0 ? args[oIndex + 1] : undefined;
  const url = args.find((a, i) => !a.startsWith('-') && i !== oIndex + 1) ?? '';
  const host = url.replace(/^[a-z]+:\/\//, '').split(/[/:]/)[0] ?? '';
  const quiet = args.some((a) => /^-[a-zA-Z]*[qs]/.test(a));
  const inCluster = !host.includes('.') || /\.(svc|cluster\.local)$|\.svc\./.test(host);
  const ip = io.host.resolve(host);
  if (inCluster && ip === undefined) {
    io.err(curl ? `curl: (6) Could not resolve host: ${host}\n` : `wget: bad address '${host}'\n`);
    return { status: curl ? 6 : 1 };
  }
  const body = '<html><body>simulated page</body></html>\n';
  if (!quiet && !curl) io.err(`Connecting to ${host} (${ip ?? host}:80)\n`);
  if (outFile && outFile !== '-') {
    io.host.fs.write(normalizePath(outFile), body);
    if (!quiet && !curl) io.err(`saving to '${outFile}'\n'${outFile}' saved\n`);
  } else if (curl || outFile === '-') io.out(body);
  else io.host.fs.write(normalizePath(baseName(url) || 'index.html'), body);
  return OK;
}

function lines(text: string): string[] {
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

function headTail(head: boolean): Cmd {
  return (args, io) => {
    if (!head && args.some((a) => a === '-f' || a === '-F' || a === '--follow')) {
      return { status: 0, block: { program: 'tail', listens: false } };
    }
    let n = 10;
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i] ?? '';
      if (a === '-n') n = Number(args[++i] ?? 10);
      else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
      else if (!a.startsWith('-')) files.push(a);
    }
    const text = files.length ? (io.host.fs.read(normalizePath(files[0] ?? '')) ?? '') : io.stdin;
    const l = lines(text);
    for (const x of head ? l.slice(0, n) : l.slice(Math.max(0, l.length - n))) io.out(`${x}\n`);
    return OK;
  };
}

function grep(args: readonly string[], io: Io): CommandResult {
  const pattern = args.find((a) => !a.startsWith('-')) ?? '';
  const file = args.filter((a) => !a.startsWith('-'))[1];
  const text = file ? (io.host.fs.read(normalizePath(file)) ?? '') : io.stdin;
  const quiet = args.includes('-q');
  const hits = lines(text).filter((l) => l.includes(pattern));
  if (!quiet) for (const h of hits) io.out(`${h}\n`);
  return { status: hits.length ? 0 : 1 };
}

function wc(args: readonly string[], io: Io): CommandResult {
  const file = args.find((a) => !a.startsWith('-'));
  const text = file ? (io.host.fs.read(normalizePath(file)) ?? '') : io.stdin;
  io.out(`${lines(text).length}${file ? ` ${file}` : ''}\n`);
  return OK;
}

/** `perl -Mbignum=bpi -wle 'print bpi(N)'`, the Job example: N digits of pi, about N/400 s of work. */
function perl(args: readonly string[], io: Io): CommandResult {
  const script = args[args.length - 1] ?? '';
  const m = /^\s*print\s+bpi\(\s*(\d+)\s*\)\s*;?\s*$/.exec(script);
  if (args.some((a) => a.startsWith('-Mbignum')) && m) {
    const n = Math.min(Number(m[1]), 20_000);
    io.out(`${piDigits(n)}\n`);
    return { status: 0, sleep: Math.max(1, Math.round(n / 400)) };
  }
  return unknown('perl');
}

function unknown(program: string): CommandResult {
  return {
    status: 0,
    block: {
      program,
      listens: true,
      note: `"${program}" is not a command the simulated runtime can interpret: it runs until stopped and answers as its image behaves`,
    },
  };
}

/** The servers of common images: they run until stopped and answer as the image behaves. */
const SERVERS = new Set(['nginx', 'nginx-debug', 'httpd-foreground', 'httpd', 'apache2-foreground', 'pause']);

const COMMANDS: Record<string, Cmd> = {
  true: () => OK,
  ':': () => OK,
  false: () => FAIL,
  exit: (args, io) => {
    const v = args[0];
    const code = v === undefined ? Number(io.env.get('?') ?? 0) : Number.parseInt(v, 10);
    return { status: Number.isNaN(code) ? 2 : ((code % 256) + 256) % 256, exit: true };
  },
  sleep: (args, io) => {
    let total = 0;
    for (const a of args) {
      const s = parseSleep(a);
      if (s === undefined) {
        io.err(
          io.host.flavour === 'busybox'
            ? `sleep: invalid number '${a}'\n`
            : `sleep: invalid time interval '${a}'\n`,
        );
        return FAIL;
      }
      total += s;
    }
    if (!args.length) {
      io.err(
        io.host.flavour === 'busybox' ? 'BusyBox: sleep: missing operand\n' : 'sleep: missing operand\n',
      );
      return FAIL;
    }
    return { status: 0, sleep: total };
  },
  echo,
  printf,
  printenv,
  env: (args, io) => (args.length ? unknown('env') : printenv([], io)),
  cat,
  ls,
  touch,
  rm,
  mkdir,
  test: testCommand(false),
  '[': testCommand(true),
  date: (_a, io) => {
    io.out(`${dateText(io.host.now)}\n`);
    return OK;
  },
  hostname: (_a, io) => {
    io.out(`${io.host.hostname}\n`);
    return OK;
  },
  whoami: (_a, io) => {
    io.out('root\n');
    return OK;
  },
  pwd: (_a, io) => {
    io.out('/\n');
    return OK;
  },
  cd: () => OK,
  wait: () => OK,
  nslookup,
  wget: (a, io) => fetch(a, io, false),
  curl: (a, io) => fetch(a, io, true),
  tail: headTail(false),
  head: headTail(true),
  grep,
  wc,
  perl,
};

/** Run one command (argv already expanded). */
export function runCommand(argv: readonly string[], io: Io): CommandResult {
  const name = baseName(argv[0] ?? '');
  const args = argv.slice(1);
  if (argv[0] === 'exec') return runCommand(args, io);
  if (SERVERS.has(name)) return { status: 0, block: { program: name, listens: true } };
  const c = COMMANDS[name];
  return c ? c(args, io) : unknown(name);
}

/** The programs the runtime knows by name (for deciding whether a container's argv can be interpreted). */
export function knownCommand(name: string): boolean {
  const b = baseName(name);
  return b in COMMANDS || SERVERS.has(b) || b === 'exec';
}
