import { describe, expect, it } from 'vitest';
import { loadCourse } from '../lessons/catalog';
import type { LessonProgress } from '../lessons/ui/progress';
import { PROGRESS_KEY, updateLesson } from '../lessons/ui/progress';
import { ProgressSync } from '../lessons/ui/progressSync';
import type { StorageEvents } from './progressStorage';
import { connectProgress } from './progressStorage';
import type { AppStore } from './store';
import { createAppStore } from './store';

const COURSE = await loadCourse();
const lessonById = (id: string) => COURSE.find((l) => l.id === id);

/**
 * One origin's localStorage seen from several frames, as a browser does it: each frame has its own Storage
 * object over the same data, and a change is announced to the other frames later, as a `storage` event.
 */
function origin() {
  const data = new Map<string, string>();
  const queued: (() => void)[] = [];
  const frames: { area: Storage; target: EventTarget }[] = [];
  const frame = () => {
    const target = new EventTarget();
    const area: Storage = {
      get length() {
        return data.size;
      },
      clear: () => data.clear(),
      getItem: (k) => data.get(k) ?? null,
      key: (i) => [...data.keys()][i] ?? null,
      removeItem: (k) => void data.delete(k),
      setItem: (k, v) => {
        if (data.get(k) === v) return;
        data.set(k, v);
        for (const other of frames)
          if (other.area !== area)
            queued.push(() =>
              other.target.dispatchEvent(
                Object.assign(new Event('storage'), { key: k, storageArea: other.area }),
              ),
            );
      },
    };
    frames.push({ area, target });
    return { area, events: target as unknown as StorageEvents };
  };
  const deliver = () => queued.splice(0).forEach((f) => f());
  return { data, frame, deliver };
}

/** A frame of the app: its store, loaded from storage and connected to it as the app does. */
function app(o: ReturnType<typeof origin>): AppStore {
  const { area, events } = o.frame();
  const store = createAppStore();
  const sync = new ProgressSync(area, lessonById);
  store.getState().setProgress(sync.load().progress);
  connectProgress(store, sync, area, events);
  return store;
}

const step1: LessonProgress = { step: 1, completed: ['declare-three'], hints: {}, answers: {} };
const answered: LessonProgress = {
  step: 0,
  completed: [],
  hints: {},
  answers: { 'who-restarts': { selected: ['kubelet'] } },
};
const change = (store: AppStore, key: string, l: LessonProgress) =>
  store.getState().setProgress(updateLesson(store.getState().progress, key, () => l));

describe('progress of two embedded lessons on one course page', () => {
  it('both frames’ progress is kept, and each frame sees the other’s', () => {
    const page = origin();
    const thermostat = app(page);
    const selfHealing = app(page);
    // Both frames act before either hears of the other (storage events come later).
    change(thermostat, 'thermostat', step1);
    change(selfHealing, 'self-healing', answered);
    const saved = JSON.parse(page.data.get(PROGRESS_KEY) ?? '{}') as { lessons: object };
    expect(saved.lessons).toEqual({ thermostat: step1, 'self-healing': answered });

    page.deliver();
    expect(thermostat.getState().progress.lessons).toEqual({ thermostat: step1, 'self-healing': answered });
    expect(selfHealing.getState().progress.lessons).toEqual({ thermostat: step1, 'self-healing': answered });

    // The lesson map, opened afterwards in another tab, shows both.
    const map = app(page);
    expect(map.getState().progress.lessons).toEqual({ thermostat: step1, 'self-healing': answered });
  });
});
