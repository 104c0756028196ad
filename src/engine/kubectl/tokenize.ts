/**
 * Splits a kubectl command line into words the way a POSIX shell would before kubectl sees them: single
 * quotes keep everything literally, double quotes keep spaces and honour \" \\ \$ \` escapes, a backslash
 * outside quotes escapes the next character, and unquoted whitespace separates words. No expansion
 * ($VAR, globs, pipes) happens: the simulator has no shell around kubectl.
 */

export type Tokenized = { readonly words: string[] } | { readonly error: string };

export function tokenize(line: string): Tokenized {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { error: "unexpected EOF while looking for matching `''" };
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        const d = line[j] as string;
        const next = line[j + 1];
        if (d === '\\' && next !== undefined && '"\\$`\n'.includes(next)) {
          if (next !== '\n') word += next;
          j++;
        } else word += d;
      }
      if (j >= line.length) return { error: 'unexpected EOF while looking for matching `"\'' };
      inWord = true;
      i = j;
    } else if (c === '\\') {
      const next = line[i + 1];
      if (next === undefined) break;
      // A backslash-newline is a line continuation, as in a shell script.
      if (next !== '\n') {
        word += next;
        inWord = true;
      }
      i++;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return { words };
}
