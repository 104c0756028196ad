import { describe, expect, it } from 'vitest';
import type { FlagSpec } from './command';
import { parseFlags } from './flags';

const SPECS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string', default: '', usage: '' },
  { name: 'all-namespaces', short: 'A', type: 'bool', default: false, usage: '' },
  { name: 'watch', short: 'w', type: 'bool', default: false, usage: '' },
  { name: 'replicas', type: 'int', default: 0, usage: '' },
  { name: 'image', type: 'stringArray', usage: '' },
  { name: 'timeout', type: 'duration', default: 0, usage: '' },
];

function parse(tokens: string[]) {
  const r = parseFlags(tokens, SPECS);
  if ('error' in r) return r.error;
  return { positional: r.positional, flags: r.flags };
}

describe('parseFlags (pflag rules)', () => {
  it('applies defaults, and interleaves flags with arguments', () => {
    expect(parse(['pods', '-o', 'wide', 'web'])).toEqual({
      positional: ['pods', 'web'],
      flags: { output: 'wide', 'all-namespaces': false, watch: false, replicas: 0, image: [], timeout: 0 },
    });
  });

  it('reads -oyaml, -o=yaml, --output=yaml and --output yaml alike', () => {
    for (const t of [['-oyaml'], ['-o=yaml'], ['--output=yaml'], ['--output', 'yaml']]) {
      expect(parse(t)).toMatchObject({ flags: { output: 'yaml' } });
    }
  });

  it('bool flags take no separate value; --flag=false turns one off; shorthands group', () => {
    expect(parse(['-A', 'pods'])).toMatchObject({ positional: ['pods'], flags: { 'all-namespaces': true } });
    expect(parse(['--watch=false'])).toMatchObject({ flags: { watch: false } });
    expect(parse(['-Aw'])).toMatchObject({ flags: { 'all-namespaces': true, watch: true } });
    expect(parse(['-Aoyaml'])).toMatchObject({ flags: { 'all-namespaces': true, output: 'yaml' } });
  });

  it('accumulates repeated stringArray flags and parses ints and durations', () => {
    expect(parse(['--image=a', '--image', 'b', '--replicas', '-1', '--timeout=1m30s'])).toMatchObject({
      flags: { image: ['a', 'b'], replicas: -1, timeout: 90 },
    });
  });

  it('stops at -- and keeps a lone - as an argument', () => {
    expect(parse(['-', '--', '-o', 'x'])).toMatchObject({
      positional: ['-', '-o', 'x'],
      flags: { output: '' },
    });
  });

  it("reports pflag's errors", () => {
    expect(parse(['--foo'])).toBe('unknown flag: --foo');
    expect(parse(['-z'])).toBe("unknown shorthand flag: 'z' in -z");
    expect(parse(['-Az'])).toBe("unknown shorthand flag: 'z' in -Az");
    expect(parse(['--output'])).toBe('flag needs an argument: --output');
    expect(parse(['-o'])).toBe("flag needs an argument: 'o' in -o");
    expect(parse(['--replicas=x'])).toBe(
      'invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax',
    );
    expect(parse(['--watch=maybe'])).toBe(
      'invalid argument "maybe" for "-w, --watch" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    );
    expect(parse(['--timeout=5'])).toBe(
      'invalid argument "5" for "--timeout" flag: time: missing unit in duration "5"',
    );
  });
});
