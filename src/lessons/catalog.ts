/**
 * The built-in course, in the order a course page meets the ideas. The order lives here, not in the file
 * names: a lesson's id is a public contract (embeds, stored progress, share links), so reordering never
 * renames anything. Each lesson is plain data (see
 * types.ts and docs/lesson-format.md); lessons.test.ts replays every step's solution. A lesson's body
 * (steps, quiz, scenario) is a chunk of its own, loaded when the lesson or the lesson map opens, so the
 * sandbox's first load carries none of them; only the id and title live here, for the router and the
 * quiz's "next lesson" link (lessons.test.ts checks they match the bodies). The app imports this file
 * rather than index.ts, which also carries the engine-backed validator and runner.
 */
import type { Lesson } from './types';

export interface CourseEntry {
  /** As in the lesson body and in URLs (`?lesson=<id>`). */
  readonly id: string;
  readonly title: string;
  readonly load: () => Promise<{ readonly default: Lesson }>;
}

export const COURSE: readonly CourseEntry[] = [
  {
    id: 'why-orchestration',
    title: 'Why orchestration? By hand, then declared',
    load: () => import('./00-why-orchestration'),
  },
  {
    id: 'thermostat',
    title: 'The thermostat: declare it, watch it happen',
    load: () => import('./01-thermostat'),
  },
  // Services come before the lessons whose traffic goes through them (self-healing, node failure, rollouts).
  { id: 'services', title: 'Services over moving pods', load: () => import('./10-services') },
  { id: 'self-healing', title: 'Break it: replaced or restarted?', load: () => import('./02-self-healing') },
  { id: 'crash-loop', title: 'A loop, not a cure: CrashLoopBackOff', load: () => import('./03-crash-loop') },
  { id: 'why-pending', title: 'Why is my pod Pending?', load: () => import('./04-pending') },
  { id: 'placement', title: 'Taints, affinity and zone spread', load: () => import('./05-placement') },
  { id: 'node-failure', title: 'A node dies at 3 a.m.', load: () => import('./06-node-failure') },
  {
    id: 'scaling',
    title: 'Scaling: by hand, by load, and by machine',
    load: () => import('./07-scaling'),
  },
  { id: 'rolling-update', title: 'Rolling update and rollback', load: () => import('./08-rolling-update') },
  { id: 'probes', title: 'The eight-second model loader', load: () => import('./09-probes') },
  {
    id: 'configuration',
    title: "Configuration, secrets and a team's quota",
    load: () => import('./11-configuration'),
  },
  {
    id: 'statefulset',
    title: 'Stateful workloads: names and disks that stick',
    load: () => import('./12-statefulset'),
  },
  {
    id: 'control-plane-outage',
    title: 'When the control plane goes dark',
    load: () => import('./13-control-plane'),
  },
];

/** A built-in lesson's catalog entry by id (as used in URLs), or undefined. */
export function courseEntry(id: string): CourseEntry | undefined {
  return COURSE.find((l) => l.id === id);
}

// One promise per lesson, so every caller (router, map, progress check) shares a single fetch.
const bodies = new Map<string, Promise<Lesson>>();
// The lessons whose data has arrived, for checks that cannot wait (progress saved by another frame).
const arrived = new Map<string, Lesson>();

/** A built-in lesson's data if it has already been loaded here, else undefined (see `loadLesson`). */
export function loadedLesson(id: string): Lesson | undefined {
  return arrived.get(id);
}

/** A built-in lesson's full data by id, or undefined for an id the course does not have. */
export function loadLesson(id: string): Promise<Lesson | undefined> {
  const entry = courseEntry(id);
  if (!entry) return Promise.resolve(undefined);
  let body = bodies.get(id);
  if (!body) {
    body = entry.load().then((m) => {
      arrived.set(id, m.default);
      return m.default;
    });
    // A failed fetch (offline, a new deploy) may be retried by the next caller.
    body.catch(() => bodies.delete(id));
    bodies.set(id, body);
  }
  return body;
}

/** Every built-in lesson's full data, in course order. */
export function loadCourse(): Promise<readonly Lesson[]> {
  return Promise.all(COURSE.map((l) => loadLesson(l.id) as Promise<Lesson>));
}

/** The given built-in lessons' data by id (unknown ids are left out), for checking stored progress. */
export async function loadLessons(ids: readonly string[]): Promise<ReadonlyMap<string, Lesson>> {
  const found = await Promise.all(ids.map((id) => loadLesson(id)));
  return new Map(found.flatMap((l) => (l ? [[l.id, l] as const] : [])));
}
