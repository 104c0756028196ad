/** The simulated runtime's shell subset: grammar, commands and their busybox / GNU words, time. */
import { describe, expect, it } from 'vitest';
import type { Container, Pod } from '../../../api/types';
import { Store } from '../../../api/store';
import { FileSystem } from './files';
import type { ShellHost, ShellState } from './interp';
import { initialState, runOnce, step } from './interp';
import { ParseError, parseScript } from './parse';

const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'demo', namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'busybox' }] },
};

function hostFor(flavour: 'busybox' | 'gnu' = 'busybox', env: Record<string, string> = {}) {
  const lines: { t: number; text: string }[] = [];
  const fs = new FileSystem(new Store(), pod, pod.spec?.containers[0] as Container, undefined, undefined, {});
  let now = 0;
  const host = (): ShellHost => ({
    now,
    env: new Map(Object.entries({ HOSTNAME: 'demo', ...env })),
    fs,
    flavour,
    hostname: 'demo',
    resolve: (name) => (name.startsWith('myservice') ? '10.96.0.20' : undefined),
    log: (text) => lines.push({ t: now, text }),
  });
  return {
    lines,
    fs,
    host,
    setNow: (t: number) => {
      now = t;
    },
  };
}

/** Run a script to its end (or to `until`), waking it at every sleep. */
function run(
  script: string,
  opts: { flavour?: 'busybox' | 'gnu'; env?: Record<string, string>; until?: number } = {},
) {
  const h = hostFor(opts.flavour, opts.env);
  const prog = parseScript(script);
  let st: ShellState = initialState(['sh']);
  for (let i = 0; i < 1000; i++) {
    st = step(prog, st, h.host());
    if (st.exited !== undefined || st.blocked || st.wake === undefined) break;
    if (st.wake > (opts.until ?? Infinity)) break;
    h.setNow(st.wake);
    st = { ...st, wake: undefined };
  }
  return { st, lines: h.lines, fs: h.fs };
}

describe('shell grammar', () => {
  it('runs ; && || and keeps $? between commands', () => {
    const r = run('true && echo a || echo b; false && echo c || echo d; echo $?');
    expect(r.lines.map((l) => l.text)).toEqual(['a', 'd', '0']);
    expect(r.st.exited).toBe(0);
  });

  it('sleeps in simulated time and resumes where it paused', () => {
    const r = run('echo start; sleep 30; echo later; sleep 1m; date');
    expect(r.lines).toEqual([
      { t: 0, text: 'start' },
      { t: 30, text: 'later' },
      { t: 90, text: 'Thu Jan  1 09:01:30 UTC 2026' },
    ]);
  });

  it('exits with the status of exit N, or of the last command', () => {
    expect(run('echo x; exit 3; echo never').st.exited).toBe(3);
    expect(run('false').st.exited).toBe(1);
    expect(run('exit').st.exited).toBe(0);
  });

  it('loops: while true with sleep, until, for, if/elif/else, !', () => {
    const w = run('while true; do echo tick; sleep 10; done', { until: 35 });
    expect(w.lines.map((l) => l.t)).toEqual([0, 10, 20, 30]);
    expect(w.st.exited).toBeUndefined();
    const f = run('for i in 1 2 3; do echo n=$i; done');
    expect(f.lines.map((l) => l.text)).toEqual(['n=1', 'n=2', 'n=3']);
    const i = run('if [ -f /nope ]; then echo yes; elif ! false; then echo elif; else echo no; fi');
    expect(i.lines.map((l) => l.text)).toEqual(['elif']);
    const u = run('n=0; until [ -f /tmp/go ]; do echo wait; touch /tmp/go; done; echo done');
    expect(u.lines.map((l) => l.text)).toEqual(['wait', 'done']);
  });

  it('newlines separate commands, comments are ignored, quotes keep spaces', () => {
    const r = run('echo "a  b" # a comment\necho \'$HOSTNAME\' "$HOSTNAME"');
    expect(r.lines.map((l) => l.text)).toEqual(['a  b', '$HOSTNAME demo']);
  });

  it('expands $(...) command substitution and variables', () => {
    const r = run('X=$(cat /etc/hostname); echo "host is $X"; echo ${HOSTNAME}-$#');
    expect(r.lines.map((l) => l.text)).toEqual(['host is demo', 'demo-0']);
  });

  it('refuses what it does not cover with a ParseError', () => {
    expect(() => parseScript('case $x in a) echo;; esac')).toThrow(ParseError);
    expect(() => parseScript('echo $((1+2))')).toThrow(ParseError);
    expect(() => parseScript('echo "unterminated')).toThrow(ParseError);
  });
});

describe('shell commands', () => {
  it('touch, cat, rm and test -f on the container files, with busybox words', () => {
    const r = run(
      'touch /tmp/healthy; cat /tmp/healthy && echo ok; rm -f /tmp/healthy; cat /tmp/healthy; [ -f /tmp/healthy ] || echo gone; rm /tmp/x',
    );
    expect(r.lines.map((l) => l.text)).toEqual([
      'ok',
      "cat: can't open '/tmp/healthy': No such file or directory",
      'gone',
      "rm: can't remove '/tmp/x': No such file or directory",
    ]);
    expect(r.st.exited).toBe(1);
  });

  it('GNU coreutils words for debian-like images', () => {
    const r = run('cat /tmp/x; ls /nope; rm /tmp/x', { flavour: 'gnu' });
    expect(r.lines.map((l) => l.text)).toEqual([
      'cat: /tmp/x: No such file or directory',
      "ls: cannot access '/nope': No such file or directory",
      "rm: cannot remove '/tmp/x': No such file or directory",
    ]);
  });

  it('echo -n/-e, printf, printenv (exit 1 for a missing variable), redirections', () => {
    const r = run(
      "echo -e 'a\\tb'; printf '%s=%d\\n' x 4; printenv HOSTNAME MISSING; echo $?; echo hi > /tmp/f; echo there >> /tmp/f; cat /tmp/f; echo gone >/dev/null; ls /tmp",
    );
    expect(r.lines.map((l) => l.text)).toEqual(['a\tb', 'x=4', 'demo', '1', 'hi', 'there', 'f']);
  });

  it('nslookup answers for Services and says it cannot resolve others', () => {
    const r = run('nslookup myservice.default.svc.cluster.local && nslookup mydb');
    expect(r.lines.map((l) => l.text)).toContain('Address 1: 10.96.0.20');
    expect(r.lines[r.lines.length - 1]?.text).toBe("nslookup: can't resolve 'mydb'");
    expect(r.st.exited).toBe(1);
  });

  it('a program it does not know runs until stopped, with a note; so does tail -f and sleep infinity', () => {
    const r = run('echo starting; ./server --port 8080; echo never');
    expect(r.lines.map((l) => l.text)).toEqual(['starting']);
    expect(r.st.blocked).toMatchObject({ program: 'server', listens: true });
    expect(r.st.blocked?.note).toContain('"server" is not a command the simulated runtime can interpret');
    expect(run('tail -F /opt/logs.txt').st.blocked).toMatchObject({ program: 'tail', listens: false });
    expect(run('sleep infinity').st.blocked).toMatchObject({ program: 'sleep' });
    expect(run('nginx -g "daemon off;"').st.blocked).toMatchObject({ program: 'nginx', listens: true });
  });

  it('a loop that never sleeps counts as running for ever, with a note', () => {
    const r = run('while true; do true; done');
    expect(r.st.blocked?.note).toMatch(/loops without sleeping/);
  });

  it('trap on TERM is remembered; sleep rejects a bad number', () => {
    expect(run("trap 'exit 0' TERM; sleep 5", { until: 1 }).st.onTerm).toBe(0);
    expect(run('sleep soon').lines.map((l) => l.text)).toEqual(["sleep: invalid number 'soon'"]);
  });

  it('runOnce: an exec probe command with its output and status', () => {
    const h = hostFor();
    const r = runOnce(parseScript('cat /tmp/healthy'), ['cat'], h.host());
    expect(r).toEqual({
      status: 1,
      output: "cat: can't open '/tmp/healthy': No such file or directory",
      sleeps: 0,
    });
  });
});
