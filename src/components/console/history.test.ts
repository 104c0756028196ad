import { describe, expect, it } from 'vitest';
import { CommandHistory, HISTORY_KEEP } from './history';

describe('command history', () => {
  it('walks back and forth and returns to the draft', () => {
    const h = new CommandHistory();
    h.push('get pods');
    h.push('get nodes');
    expect(h.up('desc')).toBe('get nodes');
    expect(h.up('get nodes')).toBe('get pods');
    expect(h.up('get pods')).toBeUndefined();
    expect(h.down()).toBe('get nodes');
    expect(h.down()).toBe('desc');
    expect(h.down()).toBeUndefined();
  });

  it('skips blank lines and immediate repeats, and keeps a bounded list', () => {
    const h = new CommandHistory();
    h.push('  ');
    h.push('get pods');
    h.push('get pods ');
    expect(h.list).toEqual(['get pods']);
    for (let i = 0; i < HISTORY_KEEP + 10; i++) h.push(`scale --replicas=${i}`);
    expect(h.list).toHaveLength(HISTORY_KEEP);
    expect(h.list[h.list.length - 1]).toBe(`scale --replicas=${HISTORY_KEEP + 9}`);
  });

  it('starts browsing from the newest entry after a new command', () => {
    const h = new CommandHistory();
    h.push('a');
    h.push('b');
    h.up('');
    h.up('');
    h.push('c');
    expect(h.up('')).toBe('c');
  });

  it('does nothing with an empty history', () => {
    const h = new CommandHistory();
    expect(h.up('x')).toBeUndefined();
    expect(h.down()).toBeUndefined();
  });
});
