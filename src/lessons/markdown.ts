/**
 * The small, safe Markdown subset lesson text is written in: paragraphs, bullet and numbered lists, fenced
 * code blocks, and inline `code`, **bold**, *italic* and [links](https://...). It parses to a tiny tree
 * that the UI renders as elements (never as HTML strings), and it refuses what the subset leaves out (raw
 * HTML, images, links to anything but http(s) or a relative address), so author-written lessons cannot
 * inject markup or scripts.
 */

export type Inline =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'code'; readonly text: string }
  | { readonly type: 'strong'; readonly children: readonly Inline[] }
  | { readonly type: 'em'; readonly children: readonly Inline[] }
  | { readonly type: 'link'; readonly href: string; readonly children: readonly Inline[] };

export type Block =
  | { readonly type: 'paragraph'; readonly children: readonly Inline[] }
  | { readonly type: 'list'; readonly ordered: boolean; readonly items: readonly (readonly Inline[])[] }
  | { readonly type: 'code'; readonly text: string };

export interface MarkdownResult {
  readonly blocks: readonly Block[];
  /** What the subset does not allow, one message each (empty when the text is fine). */
  readonly problems: readonly string[];
}

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;
const FENCE = /^\s*```/;
const SAFE_HREF = /^(https?:\/\/[^\s<>"']+|\/[^\s<>"']*|#[-\w]*|\.{0,2}\/?[-\w./#?=&]+)$/;

/** Parse lesson Markdown. Unsupported constructs are reported and kept as plain text. */
export function parseMarkdown(text: string): MarkdownResult {
  const problems: string[] = [];
  const blocks: Block[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let para: string[] = [];
  let list: { ordered: boolean; items: string[] } | undefined;

  const flushPara = () => {
    if (para.length) blocks.push({ type: 'paragraph', children: parseInline(para.join(' '), problems) });
    para = [];
  };
  const flushList = () => {
    if (list)
      blocks.push({
        type: 'list',
        ordered: list.ordered,
        items: list.items.map((i) => parseInline(i, problems)),
      });
    list = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (FENCE.test(line)) {
      flushPara();
      flushList();
      const body: string[] = [];
      let closed = false;
      for (i++; i < lines.length; i++) {
        const l = lines[i] ?? '';
        if (FENCE.test(l)) {
          closed = true;
          break;
        }
        body.push(l);
      }
      if (!closed) problems.push('a code block opened with ``` is never closed');
      blocks.push({ type: 'code', text: body.join('\n') });
      continue;
    }
    if (line.trim() === '') {
      flushPara();
      flushList();
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      flushPara();
      const ordered = numbered !== null;
      if (list && list.ordered !== ordered) flushList();
      if (!list) list = { ordered, items: [] };
      list.items.push((bullet ?? numbered)?.[1] ?? '');
      continue;
    }
    if (list && /^\s{2,}\S/.test(line)) {
      // A continuation line of the current list item.
      list.items[list.items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    flushList();
    if (/^\s{0,3}#{1,6}\s/.test(line)) problems.push(`headings are not supported: "${line.trim()}"`);
    if (/^\s{0,3}>/.test(line)) problems.push(`block quotes are not supported: "${line.trim()}"`);
    para.push(line.trim());
  }
  flushPara();
  flushList();
  return { blocks, problems };
}

function parseInline(text: string, problems: string[]): Inline[] {
  const out: Inline[] = [];
  let buf = '';
  const flush = () => {
    if (buf) out.push({ type: 'text', text: buf });
    buf = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '\\' && i + 1 < text.length) {
      buf += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i) {
        flush();
        out.push({ type: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (c === '<' && /^<[/!?A-Za-z]/.test(text.slice(i))) {
      problems.push(`raw HTML is not allowed: "${text.slice(i, i + 20)}"`);
    }
    if (c === '!' && text[i + 1] === '[') {
      problems.push('images are not supported');
    }
    if (c === '*' && text[i + 1] === '*') {
      const end = text.indexOf('**', i + 2);
      if (end > i + 2) {
        flush();
        out.push({ type: 'strong', children: parseInline(text.slice(i + 2, end), problems) });
        i = end + 2;
        continue;
      }
    }
    if ((c === '*' || c === '_') && text[i + 1] !== c && text[i + 1] !== ' ') {
      const end = text.indexOf(c, i + 1);
      const wordStart = i === 0 || /[\s(]/.test(text[i - 1] ?? '');
      if (end > i + 1 && wordStart && text[end - 1] !== ' ') {
        flush();
        out.push({ type: 'em', children: parseInline(text.slice(i + 1, end), problems) });
        i = end + 1;
        continue;
      }
    }
    if (c === '[') {
      const m = /^\[([^\]]+)\]\(([^)\s]*)\)/.exec(text.slice(i));
      if (m) {
        const href = m[2] ?? '';
        flush();
        if (!SAFE_HREF.test(href) || (/^[a-z][a-z0-9+.-]*:/i.test(href) && !/^https?:/i.test(href))) {
          problems.push(`link target "${href}" is not allowed: use an http(s) or relative address`);
          out.push({ type: 'text', text: m[1] ?? '' });
        } else out.push({ type: 'link', href, children: parseInline(m[1] ?? '', problems) });
        i += m[0].length;
        continue;
      }
    }
    buf += c;
    i++;
  }
  flush();
  return out;
}

/** The text of a parsed tree without formatting (for accessible names and tests). */
export function plainText(blocks: readonly Block[]): string {
  const inline = (xs: readonly Inline[]): string =>
    xs.map((x) => ('text' in x ? x.text : inline(x.children))).join('');
  return blocks
    .map((b) =>
      b.type === 'paragraph'
        ? inline(b.children)
        : b.type === 'code'
          ? b.text
          : b.items.map(inline).join('\n'),
    )
    .join('\n\n');
}
