/**
 * Flag parsing with pflag's rules, which is what kubectl uses: flags and arguments may be interleaved,
 * `--name=value` or `--name value`, `-o yaml`, `-oyaml`, `-o=yaml`, grouped bool shorthands (`-it`),
 * bool flags take no separate value (`--force=false` to turn one off), repeated stringArray flags
 * accumulate, and `--` ends flag parsing. Messages are pflag's.
 */
import type { FlagSpec, FlagValue } from './command';
import { parseDuration } from '../base/duration';

/** kubectl's global flags that the simulator understands (or accepts and ignores). */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  {
    name: 'namespace',
    short: 'n',
    type: 'string',
    default: '',
    usage: 'If present, the namespace scope for this CLI request',
  },
  { name: 'help', short: 'h', type: 'bool', default: false, usage: 'Help for this command' },
  {
    name: 'context',
    type: 'string',
    default: '',
    usage: 'Ignored: the simulator has a single cluster and context',
  },
  { name: 'kubeconfig', type: 'string', default: '', usage: 'Ignored: the simulator has no kubeconfig' },
  { name: 'cluster', type: 'string', default: '', usage: 'Ignored: the simulator has a single cluster' },
  { name: 'user', type: 'string', default: '', usage: 'Ignored: the simulator has a single user' },
  { name: 'request-timeout', type: 'string', default: '0', usage: 'Ignored: requests never time out here' },
  { name: 'v', short: 'v', type: 'int', default: 0, usage: 'Log level verbosity (ignored)' },
];

/** Global flags that take a value, so the command-path search can skip their argument. */
export function globalTakesValue(token: string): boolean {
  if (token.includes('=')) return false;
  if (token.startsWith('--')) return GLOBAL_FLAGS.some((f) => f.name === token.slice(2) && f.type !== 'bool');
  return token.length === 2 && GLOBAL_FLAGS.some((f) => f.short === token[1] && f.type !== 'bool');
}

export interface Parsed {
  readonly positional: string[];
  readonly flags: Record<string, FlagValue>;
  /** Long names of the flags the user actually gave. */
  readonly given: Set<string>;
}

function flagLabel(f: FlagSpec): string {
  return f.short ? `-${f.short}, --${f.name}` : `--${f.name}`;
}

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

function convert(f: FlagSpec, raw: string): FlagValue | { error: string } {
  const invalid = (why: string) => ({
    error: `invalid argument "${raw}" for "${flagLabel(f)}" flag: ${why}`,
  });
  switch (f.type) {
    case 'bool':
      if (TRUE.has(raw)) return true;
      if (FALSE.has(raw)) return false;
      return invalid(`strconv.ParseBool: parsing "${raw}": invalid syntax`);
    case 'int':
      if (!/^[+-]?\d+$/.test(raw)) return invalid(`strconv.ParseInt: parsing "${raw}": invalid syntax`);
      return Number(raw);
    case 'duration': {
      const d = /^\d+$/.test(raw) && raw !== '0' ? undefined : parseDuration(raw);
      if (!d || 'error' in d)
        return invalid(`time: ${/^\d+$/.test(raw) ? 'missing unit in' : 'invalid'} duration "${raw}"`);
      return d.seconds;
    }
    default:
      return raw;
  }
}

function defaultOf(f: FlagSpec): FlagValue {
  if (f.type === 'stringArray') return [];
  if (f.default !== undefined) return f.default;
  return f.type === 'bool' ? false : f.type === 'int' || f.type === 'duration' ? 0 : '';
}

/** Parse `tokens` against `specs`. An error is pflag's message without kubectl's "error: " prefix. */
export function parseFlags(
  tokens: readonly string[],
  specs: readonly FlagSpec[],
): Parsed | { error: string } {
  const flags: Record<string, FlagValue> = {};
  for (const f of specs) flags[f.name] = defaultOf(f);
  const given = new Set<string>();
  const positional: string[] = [];
  const set = (f: FlagSpec, raw: string): string | undefined => {
    const v = convert(f, raw);
    if (typeof v === 'object' && !Array.isArray(v)) return (v as { error: string }).error;
    if (f.type === 'stringArray') {
      const prev = given.has(f.name) ? (flags[f.name] as readonly string[]) : [];
      flags[f.name] = [...prev, raw];
    } else flags[f.name] = v;
    given.add(f.name);
    return undefined;
  };
  for (let i = 0; i < tokens.length; i++) {
    const a = tokens[i] as string;
    if (a === '--') {
      positional.push(...tokens.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const f = specs.find((s) => s.name === name);
      if (!f) return { error: `unknown flag: --${name}` };
      let raw: string;
      if (eq >= 0) raw = a.slice(eq + 1);
      else if (f.type === 'bool') raw = 'true';
      else if (i + 1 < tokens.length) raw = tokens[++i] as string;
      else return { error: `flag needs an argument: --${name}` };
      const err = set(f, raw);
      if (err) return { error: err };
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      const chars = a.slice(1);
      for (let j = 0; j < chars.length; j++) {
        const c = chars[j] as string;
        const f = specs.find((s) => s.short === c);
        if (!f) return { error: `unknown shorthand flag: '${c}' in ${a}` };
        let raw: string;
        if (chars[j + 1] === '=') raw = chars.slice(j + 2);
        else if (f.type === 'bool') raw = 'true';
        else if (j + 1 < chars.length) raw = chars.slice(j + 1);
        else if (i + 1 < tokens.length) raw = tokens[++i] as string;
        else return { error: `flag needs an argument: '${c}' in ${a}` };
        const err = set(f, raw);
        if (err) return { error: err };
        if (f.type !== 'bool' || chars[j + 1] === '=') break;
      }
      continue;
    }
    positional.push(a);
  }
  return { positional, flags, given };
}
