/**
 * The application inside a container as the probes and the network see it, from the image behaviour
 * (contract 1): when it starts answering, HTTP paths that fail after a while or answer a fixed status,
 * windows in which it is alive but not ready.
 */
import type { Container } from '../../api/types';
import type { ImageBehaviour } from '../../sim/config';
import type { ContainerRt } from './runtime';
import { launch } from './shell/images';
import { defaultsOf } from './process';

export type HttpPaths = Readonly<
  Record<
    string,
    { readonly status?: number; readonly failAfterSeconds?: number; readonly failStatus?: number }
  >
>;

/** When the app of the current run started: the run's start, or when its script handed over to a server. */
export function appStart(c: ContainerRt, start: number): number {
  if (!c.sh) return start;
  return c.sh.blocked?.listens ? c.sh.blocked.since : Infinity;
}

function rule(b: ImageBehaviour, builtin: HttpPaths | undefined, path: string) {
  const p = path.split('?')[0] ?? path;
  return b.http?.[p] ?? builtin?.[p];
}

/** The status an HTTP GET of `path` gets `age` seconds after the app started (200 unless a rule says). */
export function httpStatus(
  b: ImageBehaviour,
  builtin: HttpPaths | undefined,
  path: string,
  age: number,
): number {
  const r = rule(b, builtin, path);
  if (!r) return 200;
  if (r.failAfterSeconds !== undefined && age >= r.failAfterSeconds) return r.failStatus ?? 500;
  return r.status ?? 200;
}

/** Seconds after the app's start at which `path`'s answer changes, if it does. */
export function httpChange(
  b: ImageBehaviour,
  builtin: HttpPaths | undefined,
  path: string,
): number | undefined {
  return rule(b, builtin, path)?.failAfterSeconds;
}

/** Alive but not ready: readiness fails from notReadyAfterSeconds for notReadyForSeconds (or for good). */
export function notReadyAt(b: ImageBehaviour, age: number): boolean {
  const from = b.notReadyAfterSeconds;
  if (from === undefined || age < from) return false;
  return b.notReadyForSeconds === undefined || age < from + b.notReadyForSeconds;
}

/** The moments (seconds after the app's start) at which the not-ready window begins and ends. */
export function notReadyChanges(b: ImageBehaviour): number[] {
  const from = b.notReadyAfterSeconds;
  if (from === undefined) return [];
  return b.notReadyForSeconds === undefined ? [from] : [from, from + b.notReadyForSeconds];
}

/** An exec command the runtime can run itself (so its outcome follows the container's files). */
export function execInterpretable(command: readonly string[], spec: Container): boolean {
  return launch(command, defaultsOf(spec), false).k === 'script';
}
