// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { connectLesson, lessonScenario, LESSON_SESSION_KEY } from '../components/lesson/lessonSources';
import thermostat from '../lessons/01-thermostat';
import type { LessonEvent } from '../lessons/ui/events';
import { onLessonEvent } from '../lessons/ui/events';
import { lessonProgress, summarize } from '../lessons/ui/progress';
import type { WorkerLike } from '../worker/client';
import { EngineHost } from '../worker/host';
import { PROTOCOL_VERSION } from '../worker/protocol';
import { connectEngine } from './engine';
import type { AppStore } from './store';
import { createAppStore } from './store';
import { MemoryStorage } from './memoryStorage';

/** The real EngineHost in this thread, ticked by a timer with a fake wall clock (fast). */
class FakeWorker implements WorkerLike {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  wall = 0;
  private dead = false;
  readonly host = new EngineHost({
    post: (m) =>
      queueMicrotask(
        () => !this.dead && this.onmessage?.({ data: { ...m, v: PROTOCOL_VERSION } } as MessageEvent),
      ),
    now: () => this.wall,
    examples: {},
  });
  private readonly timer = setInterval(() => {
    this.wall += 50;
    this.host.tick();
  }, 1);
  postMessage(m: unknown): void {
    queueMicrotask(() => !this.dead && this.host.handle(m));
  }
  terminate(): void {
    this.dead = true;
    clearInterval(this.timer);
  }
}

function until(store: AppStore, test: () => boolean, ms = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (test()) return resolve();
    const timer = setTimeout(() => {
      un();
      reject(new Error('timed out'));
    }, ms);
    const un = store.subscribe(() => {
      if (!test()) return;
      clearTimeout(timer);
      un();
      resolve();
    });
  });
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function start(step?: number) {
  const store = createAppStore();
  const events: LessonEvent[] = [];
  cleanups.push(onLessonEvent((e) => events.push(e)));
  store.getState().startLesson({ key: 'thermostat', lesson: thermostat, author: false }, step);
  cleanups.push(connectLesson(store));
  cleanups.push(
    connectEngine(store, {
      factory: () => new FakeWorker(),
      storage: new MemoryStorage() as unknown as Storage,
      open: lessonScenario(thermostat),
      sessionKey: LESSON_SESSION_KEY,
    }),
  );
  const lp = () => lessonProgress(store.getState().progress, 'thermostat');
  return { store, events, lp };
}

describe('the lesson player against the engine', () => {
  it('completes steps when the engine finds their goals met, and tells listeners', async () => {
    const { store, events, lp } = start();
    const st = () => store.getState();
    await until(store, () => st().goal?.id === 'thermostat#declare-three');
    expect(st().goal?.met).toBe(false);
    expect(events[0]).toMatchObject({ type: 'ready', lesson: 'thermostat', step: 1, steps: 3 });

    await st().showSolution();
    await until(store, () => lp().completed.includes('declare-three'));
    expect(events.map((e) => e.type)).toEqual(['ready', 'goal-completed', 'step-completed']);
    expect(st().announcement?.text).toMatch(/Goal reached: Declare three copies/);

    // Step 2 the learner's way: a kubectl command. Nothing about which button counts, only the cluster.
    st().nextStep();
    expect(lp().step).toBe(1);
    await until(store, () => st().goal?.id === 'thermostat#move-the-setpoint');
    await st().runKubectl('scale deployment/web --replicas=5');
    await until(store, () => lp().completed.includes('move-the-setpoint'));
    expect(lp().stepStart?.t).toBeGreaterThan(0);

    st().nextStep();
    await st().showSolution();
    await until(store, () => lp().completed.length === 3);
    st().nextStep();
    expect(lp().step).toBe(3);

    st().answerQuestion('declared-not-converged', ['converging']);
    st().answerQuestion('one-loop', ['replace', 'nightly-restart']);
    await st().tryIt('predict-delete-two', ['five-new']);
    expect(lp().answers['predict-delete-two']).toEqual({ selected: ['five-new'], tried: { held: true } });
    st().answerQuestion('script-vs-declaration', ['world-moves']);
    const answered = events.filter((e) => e.type === 'quiz-answered');
    expect(answered.map((e) => e.type === 'quiz-answered' && e.correct)).toEqual([true, false, true, true]);
    expect(events.at(-1)).toEqual({ type: 'lesson-completed', lesson: 'thermostat', score: 3, questions: 4 });

    // Trying again is practice: shown and reported as such, and the score keeps the first answer.
    st().answerQuestion('one-loop', ['replace', 'scale', 'rollout']);
    expect(events.at(-1)).toEqual({
      type: 'quiz-answered',
      lesson: 'thermostat',
      question: 'one-loop',
      correct: true,
      attempt: 2,
      scored: false,
    });
    expect(lp().answers['one-loop']).toEqual({
      selected: ['replace', 'nightly-restart'],
      practice: { selected: ['replace', 'scale', 'rollout'], attempts: 2 },
    });
    st().answerQuestion('one-loop', ['scale']);
    expect(lp().answers['one-loop']?.practice).toEqual({ selected: ['scale'], attempts: 3 });
    expect(answered.every((e) => e.type === 'quiz-answered' && e.attempt === 1 && e.scored)).toBe(true);
    st().retakeQuiz();
    expect(lp().answers['one-loop']).toEqual({ selected: ['replace', 'nightly-restart'] });
    expect(summarize(thermostat, lp()).correct).toBe(3);
  }, 60_000);

  it('opening at a later step on a fresh cluster plays the earlier solutions first', async () => {
    const { store, lp } = start(2);
    await until(
      store,
      () =>
        lp().step === 2 &&
        store.getState().busy === null &&
        store.getState().goal?.id === 'thermostat#one-level-down',
    );
    expect(lp().completed).toEqual(['declare-three', 'move-the-setpoint']);
    expect(store.getState().goal?.met).toBe(false);
  }, 60_000);

  it('hints open one at a time, and only unlocked steps open', async () => {
    const { store, lp } = start();
    await until(store, () => store.getState().goal !== null);
    store.getState().revealHint();
    store.getState().revealHint();
    store.getState().revealHint();
    expect(lp().hints['declare-three']).toBe(2);
    store.getState().goToStep(2);
    expect(lp().step).toBe(0);
  }, 30_000);
});
