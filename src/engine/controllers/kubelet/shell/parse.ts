/**
 * The simulated container runtime's shell grammar: a POSIX `sh -c` script turned into a flat program of
 * instructions the interpreter can pause at any `sleep` (so a container's state is plain data). Words,
 * quotes, escapes, variables and operators come from the shell-quote library; this file adds what it
 * leaves to the caller: newlines as separators, `$(...)` / backquote substitution, `2>&1`-style file
 * descriptors, and the compound commands (`while`/`until`/`for`/`if`, `!`, `{ }` and `( )` groups).
 * Anything else (here-documents, `case`, functions, arithmetic) is a ParseError: the runtime then treats
 * the command as a program it cannot interpret.
 */
import { parse as shellQuote } from 'shell-quote';

/** Marks inside words: `\u0001NAME\u0002` is a variable, `\u0003N\u0004` the N-th command substitution. */
export const VAR_OPEN = '\u0001';
export const VAR_CLOSE = '\u0002';
export const SUB_OPEN = '\u0003';
export const SUB_CLOSE = '\u0004';
const FD_MARK = '\u0005';

export interface Redirect {
  readonly op: '>' | '>>' | '<' | '>&';
  readonly fd: number;
  readonly target: string;
}

/** A simple command: assignments, words (with marks) and redirections. */
export interface Simple {
  readonly assigns: readonly (readonly [string, string])[];
  readonly argv: readonly string[];
  readonly redirects: readonly Redirect[];
  /** Run in the background (`cmd &`): the script goes on at once. */
  readonly background: boolean;
}

/** One instruction. Jumps test the last status ($?). */
export type Instr =
  | { readonly op: 'run'; readonly cmd: Simple; readonly pipeFrom?: boolean; readonly pipeTo?: boolean }
  | { readonly op: 'jmp'; readonly to: number }
  | { readonly op: 'jz'; readonly to: number }
  | { readonly op: 'jnz'; readonly to: number }
  | { readonly op: 'not' }
  /** `for NAME in WORDS`: the next item into NAME, or on to `to` when they are used up. */
  | { readonly op: 'for'; readonly name: string; readonly words: readonly string[]; readonly to: number };

export interface Program {
  readonly code: readonly Instr[];
  /** Command substitutions, referred to from words by index. */
  readonly subs: readonly Program[];
}

export class ParseError extends Error {}

type Tok = string | { readonly op: string };

/**
 * Rewrites what shell-quote cannot see: unquoted newlines become `;`, `$(...)` and backquotes become
 * marks (their bodies parsed separately), and a digit written just before `>` / `<` becomes an fd mark.
 */
function prescan(src: string, subs: Program[]): string {
  let out = '';
  let i = 0;
  let quote: '' | "'" | '"' = '';
  while (i < src.length) {
    const ch = src[i] as string;
    if (quote === "'") {
      out += ch;
      if (ch === "'") quote = '';
      i++;
      continue;
    }
    if (ch === '\\' && i + 1 < src.length) {
      if (src[i + 1] === '\n') {
        i += 2; // line continuation
        continue;
      }
      out += ch + src[i + 1];
      i += 2;
      continue;
    }
    if (ch === '"') quote = quote === '"' ? '' : '"';
    else if (ch === "'" && !quote) quote = "'";
    if ((ch === '$' && src[i + 1] === '(' && src[i + 2] !== '(') || ch === '`') {
      const end = ch === '`' ? src.indexOf('`', i + 1) : closingParen(src, i + 2);
      if (end < 0) throw new ParseError('unterminated command substitution');
      const body = src.slice(ch === '`' ? i + 1 : i + 2, end);
      subs.push(parseScript(body));
      out += `${SUB_OPEN}${subs.length - 1}${SUB_CLOSE}`;
      i = end + 1;
      continue;
    }
    if (ch === '$' && src[i + 1] === '(') throw new ParseError('arithmetic expansion is not supported');
    if (!quote && ch === '\n') {
      out += ';';
      i++;
      continue;
    }
    if (!quote && ch === '#' && (i === 0 || /[\s;&|]/.test(src[i - 1] ?? ''))) {
      // A comment runs to the end of the line.
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (!quote && /[0-9]/.test(ch) && /[<>]/.test(src[i + 1] ?? '') && !/[^\s;&|]/.test(src[i - 1] ?? ' ')) {
      out += FD_MARK + ch + ' ';
      i++;
      continue;
    }
    out += ch;
    i++;
  }
  if (quote) throw new ParseError('unterminated quoted string');
  return out;
}

function closingParen(src: string, from: number): number {
  let depth = 1;
  let quote = '';
  for (let i = from; i < src.length; i++) {
    const ch = src[i];
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"') i++;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '\\') i++;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

const RESERVED = new Set(['do', 'done', 'then', 'else', 'elif', 'fi', 'in', '}', 'esac']);
const SEPARATORS = new Set([';', '&']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

class Parser {
  pos = 0;
  readonly code: Instr[] = [];
  constructor(private readonly toks: readonly Tok[]) {}

  private peek(): Tok | undefined {
    return this.toks[this.pos];
  }
  private isOp(t: Tok | undefined, op?: string): t is { op: string } {
    return typeof t === 'object' && (op === undefined || t.op === op);
  }
  private isWord(t: Tok | undefined, w: string): boolean {
    return t === w;
  }
  private expectWord(w: string): void {
    if (!this.isWord(this.peek(), w)) throw new ParseError(`expected "${w}"`);
    this.pos++;
  }
  private skipSeparators(): void {
    while (this.isOp(this.peek()) && SEPARATORS.has((this.peek() as { op: string }).op)) this.pos++;
  }
  private emit(i: Instr): number {
    this.code.push(i);
    return this.code.length - 1;
  }
  private patch(at: number, to: number): void {
    const i = this.code[at];
    if (i && (i.op === 'jmp' || i.op === 'jz' || i.op === 'jnz' || i.op === 'for')) {
      this.code[at] = { ...i, to };
    }
  }

  /** list := and_or ((';' | '&' | newline) and_or)*, ending at a reserved word, ')' or the end. */
  list(stop: readonly string[] = []): void {
    this.skipSeparators();
    for (;;) {
      const t = this.peek();
      if (t === undefined || this.isOp(t, ')')) return;
      if (typeof t === 'string' && stop.includes(t)) return;
      this.andOr();
      const sep = this.peek();
      if (this.isOp(sep, '&')) {
        const last = this.code[this.code.length - 1];
        if (last?.op === 'run')
          this.code[this.code.length - 1] = { ...last, cmd: { ...last.cmd, background: true } };
      }
      this.skipSeparators();
    }
  }

  private andOr(): void {
    this.pipeline();
    for (;;) {
      const t = this.peek();
      if (!this.isOp(t) || (t.op !== '&&' && t.op !== '||')) return;
      this.pos++;
      this.skipSeparators();
      const jump = this.emit({ op: t.op === '&&' ? 'jnz' : 'jz', to: -1 });
      this.pipeline();
      this.patch(jump, this.code.length);
    }
  }

  private pipeline(): void {
    let negate = false;
    while (this.isWord(this.peek(), '!')) {
      negate = !negate;
      this.pos++;
    }
    const first = this.code.length;
    this.command();
    while (this.isOp(this.peek(), '|')) {
      this.pos++;
      this.skipSeparators();
      const last = this.code[this.code.length - 1];
      if (last?.op !== 'run' || this.code.length - 1 < first) throw new ParseError('unsupported pipeline');
      this.code[this.code.length - 1] = { ...last, pipeTo: true };
      const at = this.code.length;
      this.command();
      const next = this.code[at];
      if (next?.op !== 'run' || this.code.length !== at + 1) throw new ParseError('unsupported pipeline');
      this.code[at] = { ...next, pipeFrom: true };
    }
    if (negate) this.emit({ op: 'not' });
  }

  private command(): void {
    const t = this.peek();
    if (t === 'while' || t === 'until') {
      this.pos++;
      const top = this.code.length;
      this.list(['do']);
      this.expectWord('do');
      const exit = this.emit({ op: t === 'while' ? 'jnz' : 'jz', to: -1 });
      this.list(['done']);
      this.expectWord('done');
      this.emit({ op: 'jmp', to: top });
      this.patch(exit, this.code.length);
      // A loop that ran no body leaves status 0.
      return;
    }
    if (t === 'if') {
      this.pos++;
      const ends: number[] = [];
      for (;;) {
        this.list(['then']);
        this.expectWord('then');
        const skip = this.emit({ op: 'jnz', to: -1 });
        this.list(['elif', 'else', 'fi']);
        ends.push(this.emit({ op: 'jmp', to: -1 }));
        this.patch(skip, this.code.length);
        const k = this.peek();
        this.pos++;
        if (k === 'elif') continue;
        if (k === 'else') {
          this.list(['fi']);
          this.expectWord('fi');
        } else if (k !== 'fi') throw new ParseError('expected "fi"');
        break;
      }
      for (const e of ends) this.patch(e, this.code.length);
      return;
    }
    if (t === 'for') {
      this.pos++;
      const name = this.peek();
      if (typeof name !== 'string' || !NAME.test(name)) throw new ParseError('bad for loop variable');
      this.pos++;
      const words: string[] = [];
      if (this.isWord(this.peek(), 'in')) this.pos++;
      while (typeof this.peek() === 'string' && this.peek() !== 'do') {
        words.push(this.peek() as string);
        this.pos++;
      }
      this.skipSeparators();
      this.expectWord('do');
      const head = this.emit({ op: 'for', name, words, to: -1 });
      this.list(['done']);
      this.expectWord('done');
      this.emit({ op: 'jmp', to: head });
      this.patch(head, this.code.length);
      return;
    }
    if (t === '{') {
      this.pos++;
      this.list(['}']);
      this.expectWord('}');
      return;
    }
    if (this.isOp(t, '(')) {
      this.pos++;
      this.list();
      if (!this.isOp(this.peek(), ')')) throw new ParseError('expected ")"');
      this.pos++;
      return;
    }
    if (typeof t === 'string' && (RESERVED.has(t) || t === 'case' || t === 'function')) {
      throw new ParseError(`unsupported or misplaced "${t}"`);
    }
    this.simple();
  }

  private simple(): void {
    const assigns: [string, string][] = [];
    const argv: string[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const t = this.peek();
      if (t === undefined) break;
      if (typeof t === 'string') {
        if (t.startsWith(FD_MARK)) {
          const op = this.toks[this.pos + 1];
          const target = this.toks[this.pos + 2];
          if (!this.isOp(op) || typeof target !== 'string') throw new ParseError('bad redirection');
          redirects.push(redirect(op.op, Number(t.slice(1)), target));
          this.pos += 3;
          continue;
        }
        if (argv.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t)) {
          const eq = t.indexOf('=');
          assigns.push([t.slice(0, eq), t.slice(eq + 1)]);
          this.pos++;
          continue;
        }
        argv.push(t);
        this.pos++;
        continue;
      }
      if ('op' in t && ['>', '>>', '<', '>&', '>|'].includes(t.op)) {
        const target = this.toks[this.pos + 1];
        if (typeof target !== 'string') throw new ParseError('bad redirection');
        redirects.push(redirect(t.op, t.op === '<' ? 0 : 1, target));
        this.pos += 2;
        continue;
      }
      if ('op' in t && ['&&', '||', ';', '&', '|', ')', '('].includes(t.op)) break;
      throw new ParseError(`unsupported "${'op' in t ? t.op : 'token'}"`);
    }
    if (!assigns.length && !argv.length && !redirects.length) throw new ParseError('empty command');
    this.emit({ op: 'run', cmd: { assigns, argv, redirects, background: false } });
  }
}

function redirect(op: string, fd: number, target: string): Redirect {
  if (op === '>|') return { op: '>', fd, target };
  if (op === '>' || op === '>>' || op === '<' || op === '>&') return { op, fd, target };
  throw new ParseError(`unsupported redirection "${op}"`);
}

const varMark = (key: string): string => `${VAR_OPEN}${key}${VAR_CLOSE}`;

/** Parse a script (`sh -c` text). Throws ParseError for what the subset does not cover. */
export function parseScript(src: string): Program {
  const subs: Program[] = [];
  const text = prescan(src, subs);
  const raw = shellQuote(text, varMark) as unknown[];
  const toks: Tok[] = [];
  for (const t of raw) {
    if (typeof t === 'string') toks.push(t);
    else if (t && typeof t === 'object' && 'op' in t) {
      const op = (t as { op: string }).op;
      if (op === 'glob') toks.push((t as unknown as { pattern: string }).pattern);
      else toks.push({ op });
    }
    // comments were removed by prescan
  }
  const p = new Parser(toks);
  p.list();
  if (p.pos !== toks.length) throw new ParseError('unexpected token');
  return { code: p.code, subs };
}

const cache = new Map<string, Program | ParseError>();

/** parseScript, memoized (programs are immutable): the same script text parses once per session. */
export function parseCached(src: string): Program | ParseError {
  let r = cache.get(src);
  if (!r) {
    try {
      r = parseScript(src);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      r = e;
    }
    if (cache.size > 1000) cache.clear();
    cache.set(src, r);
  }
  return r;
}

/** A program of one simple command (a container's argv run without a shell). */
export function programOf(argv: readonly string[]): Program {
  return { code: [{ op: 'run', cmd: { assigns: [], argv, redirects: [], background: false } }], subs: [] };
}
