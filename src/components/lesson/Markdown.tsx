/**
 * Lesson text (the safe Markdown subset of lessons/markdown.ts) drawn as React elements from its parsed
 * tree: never as an HTML string. Links open in a new tab and say so to screen readers.
 */
import { memo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Block, Inline } from '../../lessons/markdown';
import { parseMarkdown } from '../../lessons/markdown';
import { S } from '../../strings';

function inline(xs: readonly Inline[], key = ''): ReactNode[] {
  return xs.map((x, i) => {
    const k = `${key}${i}`;
    switch (x.type) {
      case 'text':
        return x.text;
      case 'code':
        return <code key={k}>{x.text}</code>;
      case 'strong':
        return <strong key={k}>{inline(x.children, `${k}.`)}</strong>;
      case 'em':
        return <em key={k}>{inline(x.children, `${k}.`)}</em>;
      case 'link': {
        const outside = /^https?:/i.test(x.href);
        return (
          <a key={k} href={x.href} {...(outside ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
            {inline(x.children, `${k}.`)}
            {outside && <span className="visually-hidden"> {S.lesson.newTab}</span>}
          </a>
        );
      }
    }
  });
}

/** A code block with a Copy button (students paste manifests into the editor). */
function CodeBlock(props: { text: string }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text.endsWith('\n') ? props.text : `${props.text}\n`);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <div className="md-code-wrap">
      <pre className="md-code" tabIndex={0}>
        <code>{props.text}</code>
      </pre>
      <button type="button" className="copy-code" onClick={() => void copy()}>
        {S.lesson.copy}
      </button>
      <span className="copy-result" role="status">
        {copied === 'yes' ? S.lesson.copied : copied === 'no' ? S.lesson.copyFailed : ''}
      </span>
    </div>
  );
}

function block(b: Block, i: number): ReactNode {
  switch (b.type) {
    case 'paragraph':
      return <p key={i}>{inline(b.children)}</p>;
    case 'code':
      return <CodeBlock key={i} text={b.text} />;
    case 'list': {
      const items = b.items.map((item, j) => <li key={j}>{inline(item)}</li>);
      return b.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
    }
  }
}

/** Markdown as elements; `inline` draws a single paragraph without its <p> (for labels and legends). */
export const Markdown = memo(function Markdown(props: {
  text: string;
  inline?: boolean;
  className?: string;
}) {
  const { blocks } = parseMarkdown(props.text);
  if (props.inline && blocks.length === 1 && blocks[0]?.type === 'paragraph')
    return <span className={props.className}>{inline(blocks[0].children)}</span>;
  return <div className={`md ${props.className ?? ''}`}>{blocks.map(block)}</div>;
});
