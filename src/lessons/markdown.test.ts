import { describe, expect, it } from 'vitest';
import { parseMarkdown, plainText } from './markdown';

describe('lesson Markdown subset', () => {
  it('parses paragraphs, lists, code blocks and inline formatting to a tree', () => {
    const r = parseMarkdown(
      'Run `kubectl get pods`, **then** *wait*.\n\n- one\n- two [docs](https://kubernetes.io)\n\n1. first\n\n```\nreplicas: 3\n```',
    );
    expect(r.problems).toEqual([]);
    expect(r.blocks.map((b) => b.type)).toEqual(['paragraph', 'list', 'list', 'code']);
    expect(r.blocks[0]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Run ' },
        { type: 'code', text: 'kubectl get pods' },
        { type: 'text', text: ', ' },
        { type: 'strong', children: [{ type: 'text', text: 'then' }] },
        { type: 'text', text: ' ' },
        { type: 'em', children: [{ type: 'text', text: 'wait' }] },
        { type: 'text', text: '.' },
      ],
    });
    expect(r.blocks[1]).toMatchObject({ type: 'list', ordered: false });
    expect(r.blocks[2]).toMatchObject({ type: 'list', ordered: true });
    expect(r.blocks[3]).toEqual({ type: 'code', text: 'replicas: 3' });
    expect(plainText(r.blocks)).toContain('kubectl get pods');
  });

  it('refuses raw HTML, images, unsafe links, headings and unclosed code blocks', () => {
    const p = (t: string) => parseMarkdown(t).problems;
    expect(p('<b>x</b>')[0]).toMatch(/^raw HTML is not allowed/);
    expect(p('![cat](https://x/cat.png)')).toContain('images are not supported');
    expect(p('[x](javascript:alert)')[0]).toMatch(/link target "javascript:alert" is not allowed/);
    expect(p('[x](data:text/html,hi)')[0]).toMatch(/is not allowed/);
    expect(p('# Title')[0]).toMatch(/headings are not supported/);
    expect(p('```\ncode')).toEqual(['a code block opened with ``` is never closed']);
    expect(p('a < b and 3 * 4 * 5 and snake_case_name')).toEqual([]);
    expect(p('[rel](#goals) [abs](/docs) [web](http://example.com/a?b=c)')).toEqual([]);
  });
});
