/**
 * The free-play gallery's cards: an example scenario's name and the opening comment of its file as the
 * description (its first line split into a title and a sentence, then the paragraphs that follow; the
 * command-line hints at the end are left out).
 */

export interface ExampleCard {
  readonly name: string;
  readonly title: string;
  readonly lead: string;
  /** The rest of the opening comment, as paragraphs (bullet lines kept as items). */
  readonly more: readonly string[];
}

export function describeExample(name: string, text: string): ExampleCard {
  const lines: string[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (!raw.startsWith('#')) break;
    lines.push(raw.replace(/^#\s?/, ''));
  }
  const paragraphs: string[] = [];
  let cur = '';
  const flush = () => {
    if (cur.trim()) paragraphs.push(cur.trim());
    cur = '';
  };
  for (const l of lines) {
    if (l.trim() === '') flush();
    else if (/^\s*[-*]\s/.test(l)) {
      flush();
      cur = l.trim();
    } else cur += ` ${l.trim()}`;
  }
  flush();
  const kept = paragraphs.filter((p) => !/^(Run it|Try it|Run):/i.test(p));
  const first = kept[0] ?? '';
  const m = /^([^:.]{2,60}):\s+(.*)$/.exec(first);
  const fallback = name.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  return {
    name,
    title: m?.[1] ?? fallback,
    lead: capitalize(m?.[2] ?? first),
    more: kept.slice(1),
  };
}

function capitalize(s: string): string {
  return s.replace(/^[a-z]/, (c) => c.toUpperCase());
}
