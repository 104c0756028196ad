/**
 * Text helpers for scenario files: the learner's editor starts with the scenario's own manifests as they
 * were written (comments and all), so this works on the source text rather than on parsed YAML.
 */

/** A document separator: `---` at the start of a line (inside a block scalar it would be indented). */
const SEPARATOR = /^---[ \t]*(?:#.*)?$/m;

function isScenarioDocument(doc: string): boolean {
  return /^kind:[ \t]*["']?Scenario["']?[ \t]*(?:#.*)?$/m.test(doc);
}

/** Everything but the Scenario document, documents joined with `---`. */
export function manifestsOf(source: string): string {
  const docs = source
    .replace(/\r\n/g, '\n')
    .split(SEPARATOR)
    .map((d) => d.replace(/^\n+/, '').replace(/\s+$/, ''))
    .filter((d) => d !== '' && !isScenarioDocument(d) && /^[^#\s]/m.test(d));
  return docs.length ? `${docs.join('\n---\n')}\n` : '';
}

/** The first comment line of a file, without its `#`: the examples open with a one-line summary. */
export function summaryOf(source: string): string {
  const m = /^#[ \t]*(.+)$/m.exec(source);
  return m?.[1]?.trim() ?? '';
}
