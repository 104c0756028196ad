import { describe, expect, it } from 'vitest';
import { loadCourse } from '../catalog';
import type { LessonProgress, Progress } from './progress';
import { EMPTY_LESSON, EMPTY_PROGRESS, PROGRESS_KEY, updateLesson } from './progress';
import { ProgressSync, mergeProgress } from './progressSync';
import { MemoryStorage } from '../../state/memoryStorage';

const COURSE = await loadCourse();
const lessonById = (id: string) => COURSE.find((l) => l.id === id);

const stored = (s: Storage): Progress['lessons'] =>
  (JSON.parse(s.getItem(PROGRESS_KEY) ?? '{}') as Progress).lessons;

const thermostatStep1: LessonProgress = {
  step: 1,
  completed: ['declare-three'],
  stepStart: { t: 20, inputs: 1 },
  hints: {},
  answers: {},
};
const selfHealingAnswered: LessonProgress = {
  step: 3,
  completed: ['delete-a-pod', 'crash-a-container', 'the-goal-is-yours'],
  hints: {},
  answers: { 'who-restarts': { selected: ['kubelet'] } },
};

describe('progress shared by several frames', () => {
  it('two frames that loaded the same storage keep each other’s progress when they save', () => {
    const storage = new MemoryStorage();
    const a = new ProgressSync(storage, lessonById);
    const b = new ProgressSync(storage, lessonById);
    const pa = a.load().progress;
    const pb = b.load().progress;
    // Frame A completes a thermostat step; frame B, which loaded before that, answers self-healing.
    a.save(updateLesson(pa, 'thermostat', () => thermostatStep1));
    const shown = b.save(updateLesson(pb, 'self-healing', () => selfHealingAnswered));
    expect(stored(storage)).toEqual({ thermostat: thermostatStep1, 'self-healing': selfHealingAnswered });
    // B now shows A's work too.
    expect(shown.lessons.thermostat).toEqual(thermostatStep1);
    // And A, saving again from its stale copy, does not erase B's.
    a.save(updateLesson(pa, 'thermostat', (l) => ({ ...l, hints: { 'move-the-setpoint': 1 } })));
    expect(stored(storage)['self-healing']).toEqual(selfHealingAnswered);
    expect(stored(storage).thermostat?.hints).toEqual({ 'move-the-setpoint': 1 });
  });

  it('a frame receives another’s save, and a change made on one side only is kept as made', () => {
    const storage = new MemoryStorage();
    const a = new ProgressSync(storage, lessonById);
    const b = new ProgressSync(storage, lessonById);
    let pa = a.save(updateLesson(a.load().progress, 'self-healing', () => selfHealingAnswered));
    let pb = b.load().progress;
    expect(pb.lessons['self-healing']).toEqual(selfHealingAnswered);
    // A clears the quiz (retake): B, unchanged, takes the cleared answers instead of bringing them back.
    pa = a.save(updateLesson(pa, 'self-healing', (l) => ({ ...l, answers: {} })));
    pb = b.receive(pb);
    expect(pb.lessons['self-healing']?.answers).toEqual({});
    pb = b.save(updateLesson(pb, 'thermostat', () => thermostatStep1));
    expect(stored(storage)['self-healing']?.answers).toEqual({});
    expect(a.receive(pa)).toEqual(pb);
    // Nothing new: the same object comes back.
    expect(b.receive(pb)).toBe(pb);
  });

  it('merges one lesson changed in two places: steps and answers of both, the saving frame’s position', () => {
    const base: Progress = { lessons: { thermostat: { ...EMPTY_LESSON } } };
    const ours = updateLesson(base, 'thermostat', () => ({
      step: 1,
      completed: ['declare-three'],
      stepStart: { t: 12, inputs: 1 },
      hints: { 'declare-three': 1 },
      answers: { 'one-loop': { selected: ['replace'] } },
    }));
    const theirs = updateLesson(base, 'thermostat', () => ({
      step: 2,
      completed: ['declare-three', 'move-the-setpoint'],
      stepStart: { t: 50, inputs: 3 },
      hints: { 'declare-three': 2 },
      answers: { 'declared-not-converged': { selected: ['converging'] } },
    }));
    expect(mergeProgress(base, ours, theirs).lessons.thermostat).toEqual({
      step: 1,
      completed: ['declare-three', 'move-the-setpoint'],
      stepStart: { t: 12, inputs: 1 },
      hints: { 'declare-three': 2 },
      answers: {
        'one-loop': { selected: ['replace'] },
        'declared-not-converged': { selected: ['converging'] },
      },
    });
  });

  it('keeps the position of the lesson open here, and never shrinks its completed steps', () => {
    const base: Progress = { lessons: { thermostat: thermostatStep1 } };
    // Another tab restarted the same lesson; this frame is on step 2 with its goal running.
    const theirs: Progress = { lessons: { thermostat: EMPTY_LESSON } };
    const merged = mergeProgress(base, base, theirs, 'thermostat');
    expect(merged.lessons.thermostat).toEqual(thermostatStep1);
    // A lesson not open here simply follows the other tab.
    expect(mergeProgress(base, base, theirs).lessons.thermostat).toEqual(EMPTY_LESSON);
  });

  it('an import that dropped a lesson drops it, unless another frame changed it meanwhile', () => {
    const base: Progress = { lessons: { thermostat: thermostatStep1, 'self-healing': selfHealingAnswered } };
    const imported: Progress = { lessons: { thermostat: EMPTY_LESSON } };
    expect(mergeProgress(base, imported, base)).toBe(imported);
    const changed = updateLesson(base, 'self-healing', (l) => ({ ...l, hints: { 'delete-a-pod': 1 } }));
    expect(Object.keys(mergeProgress(base, imported, changed).lessons)).toEqual([
      'thermostat',
      'self-healing',
    ]);
  });

  it('keeps another frame’s progress of a lesson whose data is not loaded here, without setting it aside', () => {
    const storage = new MemoryStorage();
    const other = new ProgressSync(storage, lessonById);
    other.save(updateLesson(other.load().progress, 'self-healing', () => selfHealingAnswered));
    // This frame has only the thermostat's data (lessons load on demand); self-healing is a known lesson.
    const onlyThermostat = (id: string) => (id === 'thermostat' ? lessonById(id) : undefined);
    const here = new ProgressSync(storage, onlyThermostat, (id) => lessonById(id) !== undefined);
    const shown = here.save(updateLesson(EMPTY_PROGRESS, 'thermostat', () => thermostatStep1));
    expect(shown.lessons['self-healing']).toEqual(selfHealingAnswered);
    expect(stored(storage)).toEqual({ thermostat: thermostatStep1, 'self-healing': selfHealingAnswered });
    expect(storage.getItem(`${PROGRESS_KEY}.rejected`)).toBeNull();
  });

  it('unreadable or missing stored progress leaves this frame’s as it is', () => {
    const storage = new MemoryStorage();
    const a = new ProgressSync(storage, lessonById);
    const pa = a.save(updateLesson(a.load().progress, 'thermostat', () => thermostatStep1));
    storage.setItem(PROGRESS_KEY, '{broken');
    expect(a.receive(pa)).toBe(pa);
    storage.clear();
    expect(a.receive(pa)).toBe(pa);
    expect(new ProgressSync(null, lessonById).save(EMPTY_PROGRESS)).toBe(EMPTY_PROGRESS);
  });
});
