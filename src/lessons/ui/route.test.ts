import { describe, expect, it } from 'vitest';
import { describeExample } from './examples';
import { href, parseRoute, withStep } from './route';

const ORIGIN = 'https://setpoint.example';
const known = (id: string) => id === 'thermostat' || id === 'node-failure';
const parse = (search: string) => parseRoute(search, ORIGIN, known);

describe('routes', () => {
  it('reads every place from the address', () => {
    expect(parse('')).toEqual({ route: { mode: 'sandbox' } });
    expect(parse('?scenario=node-loss')).toEqual({ route: { mode: 'sandbox' } });
    expect(parse('?sandbox')).toEqual({ route: { mode: 'gallery' } });
    expect(parse('?lessons')).toEqual({ route: { mode: 'map' } });
    expect(parse('?lesson=thermostat')).toEqual({ route: { mode: 'lesson', lessonId: 'thermostat' } });
    expect(parse('?lesson=node-failure&step=3')).toEqual({
      route: { mode: 'lesson', lessonId: 'node-failure', step: 3 },
    });
    expect(parse('?ownLesson&step=2')).toEqual({ route: { mode: 'ownLesson', step: 2 } });
    expect(parse('?lessonUrl=/lessons/mine.yaml&step=2')).toEqual({
      route: { mode: 'lessonUrl', url: '/lessons/mine.yaml', step: 2 },
    });
    expect(parse(`?lessonUrl=${encodeURIComponent(`${ORIGIN}/a/b.yaml?v=2`)}`)).toEqual({
      route: { mode: 'lessonUrl', url: '/a/b.yaml?v=2' },
    });
  });

  it('falls back safely and says why', () => {
    expect(parse('?lesson=nope')).toEqual({
      route: { mode: 'map' },
      problem: { kind: 'unknown-lesson', id: 'nope' },
    });
    expect(parse('?lesson=../../x').problem?.kind).toBe('unknown-lesson');
    expect(parse('?lessonUrl=https://evil.example/x.yaml')).toEqual({
      route: { mode: 'map' },
      problem: { kind: 'other-origin', url: 'https://evil.example/x.yaml' },
    });
    expect(parse('?lessonUrl=//evil.example/x.yaml').problem?.kind).toBe('other-origin');
    expect(parse('?lessonUrl=javascript:alert(1)').problem?.kind).toBe('other-origin');
    expect(parse('?lesson=thermostat&step=0')).toEqual({ route: { mode: 'lesson', lessonId: 'thermostat' } });
    expect(parse('?lesson=thermostat&step=x')).toEqual({ route: { mode: 'lesson', lessonId: 'thermostat' } });
  });

  it('builds addresses', () => {
    expect(href.lesson('thermostat')).toBe('?lesson=thermostat');
    expect(href.lesson('thermostat', 3)).toBe('?lesson=thermostat&step=3');
    expect(href.sandbox('node-loss')).toBe('?scenario=node-loss');
    expect(withStep('?lesson=thermostat', 2)).toBe('?lesson=thermostat&step=2');
    expect(withStep('?lesson=thermostat&step=2', 1)).toBe('?lesson=thermostat');
    expect(withStep('?ownLesson&step=2', 3)).toBe('?ownLesson&step=3');
  });
});

describe('example cards', () => {
  it('take the opening comment as the description', () => {
    const card = describeExample(
      'node-loss',
      '# Node loss: the machine behind node-2 fails at 30s.\n#\n# Nothing happens at once.\n#   More text.\n#\n# Run it:  npm run sim\napiVersion: x\n# not this\n',
    );
    expect(card).toEqual({
      name: 'node-loss',
      title: 'Node loss',
      lead: 'The machine behind node-2 fails at 30s.',
      more: ['Nothing happens at once. More text.'],
    });
    expect(describeExample('no-comment', 'kind: Scenario\n').title).toBe('No comment');
  });
});
