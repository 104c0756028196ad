/**
 * The built-in course, in the order a course page meets the ideas. Each lesson is plain data (see
 * types.ts and docs/lesson-format.md); lessons.test.ts replays every step's solution. The app imports
 * this file rather than index.ts, which also carries the engine-backed validator and runner.
 */
import thermostat from './01-thermostat';
import selfHealing from './02-self-healing';
import crashLoop from './03-crash-loop';
import whyPending from './04-pending';
import placement from './05-placement';
import nodeFailure from './06-node-failure';
import scaling from './07-scaling';
import rollingUpdate from './08-rolling-update';
import probes from './09-probes';
import services from './10-services';
import configuration from './11-configuration';
import statefulset from './12-statefulset';
import controlPlane from './13-control-plane';
import type { Lesson } from './types';

export const LESSONS: readonly Lesson[] = [
  thermostat,
  selfHealing,
  crashLoop,
  whyPending,
  placement,
  nodeFailure,
  scaling,
  rollingUpdate,
  probes,
  services,
  configuration,
  statefulset,
  controlPlane,
];

/** A built-in lesson by id (as used in URLs), or undefined. */
export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
