import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize';

const words = (line: string) => {
  const r = tokenize(line);
  if ('error' in r) throw new Error(r.error);
  return r.words;
};

describe('tokenize', () => {
  it('splits on runs of whitespace and drops leading/trailing blanks', () => {
    expect(words('  get   pods\t-o  wide ')).toEqual(['get', 'pods', '-o', 'wide']);
    expect(words('')).toEqual([]);
  });

  it('keeps single-quoted text literally, backslashes included', () => {
    expect(words(`label pod x 'note=a b\\c'`)).toEqual(['label', 'pod', 'x', 'note=a b\\c']);
  });

  it('honours \\" and \\\\ inside double quotes and keeps other backslashes', () => {
    expect(words('annotate po x "msg=say \\"hi\\" \\\\ \\n"')).toEqual([
      'annotate',
      'po',
      'x',
      'msg=say "hi" \\ \\n',
    ]);
  });

  it('joins adjacent quoted and unquoted parts into one word', () => {
    expect(words(`-l 'app in (a,b)'x"y z"`)).toEqual(['-l', 'app in (a,b)xy z']);
  });

  it('keeps an empty quoted argument as an empty word', () => {
    expect(words(`annotate po x note=''`)).toEqual(['annotate', 'po', 'x', 'note=']);
    expect(words(`get "" pods`)).toEqual(['get', '', 'pods']);
  });

  it('escapes a space outside quotes and treats backslash-newline as a continuation', () => {
    expect(words('a\\ b c\\\nd')).toEqual(['a b', 'cd']);
  });

  it('reports an unterminated quote like bash', () => {
    expect(tokenize(`get 'pods`)).toEqual({ error: "unexpected EOF while looking for matching `''" });
    expect(tokenize('get "pods')).toEqual({ error: 'unexpected EOF while looking for matching `"\'' });
  });
});
