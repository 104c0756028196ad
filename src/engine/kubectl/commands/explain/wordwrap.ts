/**
 * github.com/mitchellh/go-wordwrap WrapString, which kubectl explain wraps descriptions with: breaks at
 * whitespace so lines stay within `limit` code points where possible; a word longer than the limit stays
 * whole; existing newlines are kept. Plus the template's `indent`.
 */

const isSpace = (c: string): boolean => c !== '\u00a0' && /\s/.test(c);

export function wrapString(s: string, limit: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let wordLen = 0;
  let space = '';
  let spaceLen = 0;
  for (const c of s) {
    if (c === '\n') {
      if (wordLen === 0) {
        if (current + spaceLen <= limit) out += space;
      } else out += space + word;
      space = '';
      spaceLen = 0;
      word = '';
      wordLen = 0;
      out += c;
      current = 0;
    } else if (isSpace(c)) {
      if (spaceLen === 0 || wordLen > 0) {
        current += spaceLen + wordLen;
        out += space + word;
        space = '';
        spaceLen = 0;
        word = '';
        wordLen = 0;
      }
      space += c;
      spaceLen++;
    } else {
      word += c;
      wordLen++;
      if (current + spaceLen + wordLen > limit && wordLen < limit) {
        out += '\n';
        current = 0;
        space = '';
        spaceLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spaceLen <= limit) out += space;
  } else out += space + word;
  return out;
}

/** The explain template's `indent`: pad the first line and every line after a newline. */
export function indent(amount: number, s: string): string {
  const pad = ' '.repeat(amount);
  return pad + s.split('\n').join(`\n${pad}`);
}
