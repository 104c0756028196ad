import { describe, expect, it } from 'vitest';
import { diagnosticsKey, markerRanges, offsetOf } from './markers';

describe('markers from apply diagnostics', () => {
  const lines = ['apiVersion: apps/v1', 'kind: Deployment', 'spec:', '  replicas: three', ''];

  it('underlines the token at the line and column', () => {
    expect(markerRanges([{ line: 4, column: 13, message: 'bad' }], lines)).toEqual([
      { startLineNumber: 4, startColumn: 13, endLineNumber: 4, endColumn: 18, message: 'bad' },
    ]);
    expect(markerRanges([{ line: 4, column: 3, message: 'key' }], lines)[0]).toMatchObject({ endColumn: 11 });
  });

  it('clamps positions beyond the text (the YAML was edited since)', () => {
    expect(markerRanges([{ line: 99, column: 40, message: 'x' }], lines)[0]).toMatchObject({
      startLineNumber: 5,
      startColumn: 1,
      endColumn: 2,
    });
  });

  it('keys equal lists equally', () => {
    expect(diagnosticsKey([{ line: 1, column: 2, message: 'm' }])).toBe(
      diagnosticsKey([{ line: 1, column: 2, message: 'm' }]),
    );
  });

  it('maps line and column to a textarea offset', () => {
    const text = 'ab\ncde\nf';
    expect(offsetOf(text, 2, 2)).toBe(4);
    expect(offsetOf(text, 2, 99)).toBe(6);
    expect(offsetOf(text, 9, 1)).toBe(text.length);
  });
});
