import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Rule: in these files no string, template or JSX text may hold 4+ words starting with a letter (a sentence);
// learner-facing text goes in src/strings/, Kubernetes' own messages go in KUBERNETES_WORDS below.
const sources = import.meta.glob(
  [
    '../components/inspector/*.tsx',
    '../components/inspector/explain/*.ts',
    '!../components/inspector/**/*.test.*',
    '../components/presenter/caption.ts',
    '../state/narration.ts',
    '../components/graph/*.ts',
    '../components/graph/*.tsx',
    '!../components/graph/*.test.*',
    '!../components/graph/testkit.ts',
  ],
  { query: '?raw', import: 'default', eager: true },
) as Record<string, string>;

/** Kubernetes' own words, matched verbatim and never translated: kube-scheduler's filter reasons. */
const KUBERNETES_WORDS: ReadonlySet<string> = new Set([
  'node(s) had untolerated taint(s)',
  "node(s) didn't match Pod's node affinity/selector",
  "node(s) didn't have free ports for the requested pod ports",
  "node(s) didn't match pod topology spread constraints",
  "node(s) didn't match pod affinity rules",
  "node(s) didn't match pod anti-affinity rules",
  "node(s) didn't satisfy existing pods anti-affinity rules",
]);

const MIN_WORDS = 4;

/** Plain words only: "translate(-50%," or "node(s)" are code or Kubernetes' notation, not prose. */
function words(text: string): number {
  return text.split(/\s+/).filter((w) => /^\p{L}[\p{L}'’-]*[.,:;!?]?$/u.test(w)).length;
}

/** The sentence-like text literals in one source file (comments and regular expressions are not text). */
function sentences(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    // A template's static parts together, with each ${…} standing for one value, not a word.
    else if (ts.isTemplateExpression(node))
      text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
    else if (ts.isJsxText(node)) text = node.text;
    if (text !== undefined && words(text) >= MIN_WORDS && !KUBERNETES_WORDS.has(text)) found.push(text);
    // A template's parts are checked as a whole above; its ${…} expressions may hold literals of their own.
    if (ts.isTemplateExpression(node)) node.templateSpans.forEach((s) => visit(s.expression));
    else ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('learner-facing text lives in the strings module', () => {
  it('scans the inspector, the presenter captions and the narration', () => {
    const names = Object.keys(sources);
    for (const f of [
      '../components/inspector/Inspector.tsx',
      '../components/inspector/explain/pod.ts',
      '../components/inspector/explain/node.ts',
      '../components/inspector/explain/deployment.ts',
      '../components/presenter/caption.ts',
      '../state/narration.ts',
    ])
      expect(names).toContain(f);
    expect(names.filter((n) => n.includes('.test.'))).toEqual([]);
  });

  it('finds a sentence in a string, a template or JSX, but not in comments, keys or short labels', () => {
    const code = [
      '// A comment is not text a learner reads.',
      "const a = 'The kubelet restarts it.';",
      'const b = `Scheduled on ${node}; the kubelet pulls`;',
      'const c = <p>Waiting for the scheduler now</p>;',
      'const d = `Pod/${ns}/${name}`;',
      "const e = 'node.kubernetes.io/unreachable';",
      "const f = 'FailedScheduling (default-scheduler)';",
      'const g = "node(s) didn\'t match Pod\'s node affinity/selector";',
      'const h = /Created pod: and more words (\\S+)/;',
    ].join('\n');
    expect(sentences('sample.tsx', code)).toEqual([
      'The kubelet restarts it.',
      'Scheduled on  ; the kubelet pulls',
      'Waiting for the scheduler now',
    ]);
  });

  it.each(Object.entries(sources))('%s has no inline sentences', (name, source) => {
    expect(sentences(name, source)).toEqual([]);
  });
});
