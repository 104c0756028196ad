import { describe, expect, it } from 'vitest';
import { fieldsMatch, formatSelector, labelsMatch, parseFieldSelector, parseLabelSelector } from './selector';

function matches(selector: string, labels: Record<string, string>): boolean {
  const p = parseLabelSelector(selector);
  if ('error' in p) throw new Error(p.error);
  return labelsMatch(p.requirements, labels);
}

describe('label selectors', () => {
  const web = { app: 'web', tier: 'front' };
  const db = { app: 'db' };

  it('=, == and != (which also matches objects without the key)', () => {
    expect(matches('app=web', web)).toBe(true);
    expect(matches('app==web', db)).toBe(false);
    expect(matches('tier!=front', web)).toBe(false);
    expect(matches('tier!=front', db)).toBe(true);
  });

  it('in and notin, with commas inside the parentheses', () => {
    expect(matches('app in (web, db)', db)).toBe(true);
    expect(matches('app in (api)', web)).toBe(false);
    expect(matches('tier notin (front,back)', web)).toBe(false);
    expect(matches('tier notin (front,back)', db)).toBe(true);
  });

  it('exists and !key, and AND of comma-separated requirements', () => {
    expect(matches('tier', web)).toBe(true);
    expect(matches('tier', db)).toBe(false);
    expect(matches('!tier', db)).toBe(true);
    expect(matches('app=web,!tier', web)).toBe(false);
    expect(matches('app in (web,db),tier', web)).toBe(true);
    expect(matches('', db)).toBe(true);
  });

  it('refuses malformed requirements', () => {
    expect(parseLabelSelector('app=web=x')).toHaveProperty('error');
    expect(parseLabelSelector('a b')).toHaveProperty('error');
  });

  it('prints selectors sorted by key, as the SELECTOR column does', () => {
    expect(
      formatSelector({
        matchLabels: { tier: 'front', app: 'web' },
        matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }],
      }),
    ).toBe('app=web,env in (dev,prod),tier=front');
  });
});

describe('field selectors', () => {
  it('match dotted paths with = and !=', () => {
    const pod = { metadata: { name: 'a' }, spec: { nodeName: 'node-1' }, status: { phase: 'Running' } };
    const p = parseFieldSelector('spec.nodeName=node-1,status.phase!=Pending');
    if ('error' in p) throw new Error(p.error);
    expect(fieldsMatch(p.requirements, pod)).toBe(true);
    const q = parseFieldSelector('metadata.name==b');
    if ('error' in q) throw new Error(q.error);
    expect(fieldsMatch(q.requirements, pod)).toBe(false);
  });
});
