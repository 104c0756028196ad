/**
 * Connects the open lesson to the course page: lesson events become `setpoint:*` messages posted to the
 * parent origin, the page's height follows its content, and the course page's `goto-step` and `hello`
 * requests are acted on. Nothing is sent unless the bridge is connected (a valid parentOrigin, framed).
 */
import { useEffect } from 'react';
import type { RefObject } from 'react';
import type { LessonEvent } from '../lessons/ui/events';
import { lessonControl, onLessonEvent } from '../lessons/ui/events';
import type { EmbedBridge } from './bridge';
import type { EmbedEvent } from './messages';

export function toEmbedEvent(e: LessonEvent): EmbedEvent {
  switch (e.type) {
    case 'ready':
      return { type: 'setpoint:ready', lesson: e.lesson, mode: e.mode, step: e.step, steps: e.steps };
    case 'goal-completed':
      return { type: 'setpoint:goal-completed', lesson: e.lesson, step: e.step, stepId: e.stepId };
    case 'step-completed':
      return { type: 'setpoint:step-completed', lesson: e.lesson, step: e.step, stepId: e.stepId };
    case 'quiz-answered':
      return {
        type: 'setpoint:quiz-answered',
        lesson: e.lesson,
        question: e.question,
        correct: e.correct,
        attempt: e.attempt,
        scored: e.scored,
      };
    case 'lesson-completed':
      return {
        type: 'setpoint:lesson-completed',
        lesson: e.lesson,
        score: e.score,
        questions: e.questions,
      };
  }
}

const announced = new WeakSet<object>();

/**
 * `settingUp()` says whether the lesson is completing steps by itself to reach a later one (`&step=`,
 * `&quiz=only`): those steps were not the learner's work, so they are not reported.
 */
export function useEmbedBridge(
  bridge: EmbedBridge,
  root: RefObject<HTMLElement | null>,
  settingUp: () => boolean,
): void {
  useEffect(() => {
    if (!bridge.connected) return;
    let ready: EmbedEvent | undefined;
    const offEvents = onLessonEvent((e) => {
      if ((e.type === 'goal-completed' || e.type === 'step-completed') && settingUp()) return;
      const m = toEmbedEvent(e);
      if (m.type === 'setpoint:ready') {
        ready = m;
        // A listener is told the last `ready` when it starts; a remount (React's development checks) must
        // not tell the course page twice.
        if (announced.has(e)) return;
        announced.add(e);
      }
      bridge.send(m);
    });
    const offHost = bridge.listen((m) => {
      switch (m.type) {
        case 'setpoint:goto-step':
          lessonControl()?.goToStep(m.step);
          return;
        case 'setpoint:hello':
          if (ready) bridge.send(ready);
          return;
      }
    });
    return () => {
      offEvents();
      offHost();
    };
  }, [bridge, settingUp]);

  useEffect(() => {
    const el = root.current;
    if (!bridge.connected || !el || typeof ResizeObserver === 'undefined') return;
    let last = -1;
    const report = () => {
      const height = Math.ceil(el.getBoundingClientRect().height);
      if (height === last || height <= 0) return;
      last = height;
      bridge.send({ type: 'setpoint:resize', height });
    };
    const observer = new ResizeObserver(report);
    observer.observe(el);
    report();
    return () => observer.disconnect();
  }, [bridge, root]);
}
