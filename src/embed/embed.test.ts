import { describe, expect, it } from 'vitest';
import { acceptFrom, createBridge } from './bridge';
import type { MessageSourceWindow, PostTarget } from './bridge';
import type { HostMessage } from './messages';
import { parseHostMessage } from './messages';
import { parseEmbedParams, parseParentOrigin } from './params';

describe('embed parameters', () => {
  it('read the lesson, step, quiz mode and parent origin', () => {
    expect(
      parseEmbedParams(
        '?embed=1&lesson=self-healing&step=2&quiz=only&parentOrigin=https%3A%2F%2Fcourse.example.org',
      ),
    ).toEqual({
      embed: true,
      lesson: 'self-healing',
      step: 2,
      quizOnly: true,
      parentOrigin: 'https://course.example.org',
      originProblem: null,
    });
    expect(parseEmbedParams('?embed=1&lesson=x&step=scale-up').step).toBe('scale-up');
  });

  it('treat bad values as absent', () => {
    const p = parseEmbedParams('?embed=1&lesson=../../etc&step=0&parentOrigin=*');
    expect(p).toMatchObject({ lesson: null, step: null, parentOrigin: null, originProblem: 'invalid' });
    expect(parseEmbedParams('?embed=1').originProblem).toBe('missing');
    expect(parseEmbedParams('?lesson=a').embed).toBe(false);
  });

  it.each([
    ['https://course.example.org', 'https://course.example.org'],
    ['https://course.example.org/', 'https://course.example.org'],
    ['http://localhost:4173', 'http://localhost:4173'],
    ['http://127.0.0.1:4173', 'http://127.0.0.1:4173'],
  ])('accept the origin %s', (v, want) => {
    expect(parseParentOrigin(v)).toBe(want);
  });

  it.each([
    ['*'],
    ['null'],
    [''],
    ['course.example.org'],
    ['https://course.example.org/lessons'],
    ['https://course.example.org?x=1'],
    ['https://user:pw@course.example.org'],
    ['javascript:alert(1)'],
    ['data:text/html,hi'],
    ['file:///etc/passwd'],
    ['https://COURSE.example.org'],
  ])('refuse the origin %s', (v) => {
    expect(parseParentOrigin(v)).toBeNull();
  });
});

describe('host messages', () => {
  it.each<[unknown, HostMessage]>([
    [
      { type: 'setpoint:goto-step', step: 2 },
      { type: 'setpoint:goto-step', step: 2 },
    ],
    [
      { type: 'setpoint:goto-step', step: 'scale-up' },
      { type: 'setpoint:goto-step', step: 'scale-up' },
    ],
    [
      { type: 'setpoint:goto-step', step: '3' },
      { type: 'setpoint:goto-step', step: 3 },
    ],
    [{ type: 'setpoint:hello' }, { type: 'setpoint:hello' }],
  ])('accept %j', (data, want) => {
    expect(parseHostMessage(data)).toEqual(want);
  });

  class Evil {
    type = 'setpoint:hello';
  }
  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'setpoint:hello'],
    ['an array', [{ type: 'setpoint:hello' }]],
    ['an unknown type', { type: 'setpoint:run-script', code: 'x' }],
    ['an outgoing event sent back', { type: 'setpoint:ready', lesson: 'x', step: 1, steps: 2 }],
    ['a step of zero', { type: 'setpoint:goto-step', step: 0 }],
    ['a fractional step', { type: 'setpoint:goto-step', step: 1.5 }],
    ['a step that is not an id', { type: 'setpoint:goto-step', step: '<img src=x>' }],
    ['a missing step', { type: 'setpoint:goto-step' }],
    ['extra fields', { type: 'setpoint:goto-step', step: 1, then: 'reset' }],
    ['a class instance', new Evil()],
    ['a huge step', { type: 'setpoint:goto-step', step: 1e9 }],
  ])('ignore %s', (_what, data) => {
    expect(parseHostMessage(data)).toBeNull();
  });
});

class FakeParent implements PostTarget {
  posted: { message: unknown; targetOrigin: string }[] = [];
  postMessage(message: unknown, targetOrigin: string) {
    this.posted.push({ message, targetOrigin });
  }
}

class FakeSelf implements MessageSourceWindow {
  listeners = new Set<(e: MessageEvent) => void>();
  addEventListener(_t: 'message', l: (e: MessageEvent) => void) {
    this.listeners.add(l);
  }
  removeEventListener(_t: 'message', l: (e: MessageEvent) => void) {
    this.listeners.delete(l);
  }
  deliver(e: { origin: string; source: unknown; data: unknown }) {
    for (const l of this.listeners) l(e as MessageEvent);
  }
}

describe('the bridge to the course page', () => {
  const origin = 'https://course.example.org';

  it('posts events only to the parent origin, never "*"', () => {
    const parent = new FakeParent();
    const bridge = createBridge({ parentOrigin: origin, parent, self: new FakeSelf() });
    expect(bridge.connected).toBe(true);
    bridge.send({
      type: 'setpoint:quiz-answered',
      lesson: 'self-healing',
      question: 'q1',
      correct: true,
      attempt: 1,
      scored: true,
    });
    expect(parent.posted).toEqual([
      {
        message: {
          type: 'setpoint:quiz-answered',
          lesson: 'self-healing',
          question: 'q1',
          correct: true,
          attempt: 1,
          scored: true,
          source: 'setpoint',
          version: 1,
        },
        targetOrigin: origin,
      },
    ]);
  });

  it('sends nothing without a valid parent origin or outside a frame', () => {
    const parent = new FakeParent();
    const self = new FakeSelf();
    const noOrigin = createBridge({ parentOrigin: null, parent, self });
    noOrigin.send({ type: 'setpoint:lesson-completed', lesson: 'x', score: 3, questions: 3 });
    const unframed = createBridge({ parentOrigin: origin, parent: null, self });
    unframed.send({ type: 'setpoint:lesson-completed', lesson: 'x', score: 3, questions: 3 });
    expect(parent.posted).toEqual([]);
    expect(noOrigin.connected || unframed.connected).toBe(false);
    noOrigin.listen(() => {});
    expect(self.listeners.size).toBe(0);
  });

  it('acts only on valid messages from the parent window at the parent origin', () => {
    const parent = new FakeParent();
    const self = new FakeSelf();
    const got: HostMessage[] = [];
    const stop = createBridge({ parentOrigin: origin, parent, self }).listen((m) => got.push(m));
    const goto = { type: 'setpoint:goto-step', step: 2 };
    self.deliver({ origin: 'https://evil.example', source: parent, data: goto });
    self.deliver({ origin, source: {}, data: goto }); // another frame of the same origin
    self.deliver({ origin: 'null', source: parent, data: goto });
    self.deliver({ origin, source: parent, data: { type: 'setpoint:goto-step', step: -1 } });
    self.deliver({ origin, source: parent, data: '{"type":"setpoint:hello"}' });
    expect(got).toEqual([]);
    self.deliver({ origin, source: parent, data: goto });
    expect(got).toEqual([{ type: 'setpoint:goto-step', step: 2 }]);
    stop();
    expect(self.listeners.size).toBe(0);
  });

  it('checks origin and window together', () => {
    const parent = {};
    expect(acceptFrom({ origin, source: parent as MessageEventSource }, origin, parent)).toBe(true);
    expect(acceptFrom({ origin, source: parent as MessageEventSource }, null, parent)).toBe(false);
    expect(
      acceptFrom({ origin: `${origin}:443`, source: parent as MessageEventSource }, origin, parent),
    ).toBe(false);
  });
});
