/// <reference lib="webworker" />
/**
 * The engine's home in the browser. It builds the default scenario, advances simulated time at the chosen
 * speed against the wall clock, and posts at most one frame per animation frame (~60 Hz) when something
 * changed. Bad messages are answered with an error message, never a crash.
 */
import defaultScenario from '../../examples/self-healing.yaml?raw';
import { ScenarioError } from '../engine/scenario/parse';
import { loadSimulation } from '../engine/scenario/build';
import type { Simulation } from '../engine/sim/simulation';
import { observe } from '../engine/sim/observe';
import type { FromWorker, ToWorker } from './protocol';
import { PROTOCOL_VERSION } from './protocol';

const FRAME_MS = 16;

let sim: Simulation | undefined;
let speed = 0;
let lastTick = 0;
let lastSent = { rv: -1, t: -1 };
let timer: ReturnType<typeof setInterval> | undefined;

function post(message: FromWorker): void {
  postMessage(message);
}

function fail(message: string): void {
  post({ v: PROTOCOL_VERSION, type: 'error', message });
}

function load(): Simulation | undefined {
  try {
    return loadSimulation(defaultScenario).sim;
  } catch (e) {
    fail(
      e instanceof ScenarioError
        ? `The default scenario is invalid: ${e.message}`
        : 'The cluster could not be built.',
    );
    return undefined;
  }
}

function sendFrame(): void {
  if (!sim) return;
  const rv = sim.store.resourceVersion;
  const t = Math.floor(sim.now);
  if (rv === lastSent.rv && t === lastSent.t) return;
  lastSent = { rv, t };
  const state = observe(sim.store);
  post({
    v: PROTOCOL_VERSION,
    type: 'frame',
    t: sim.now,
    nodes: state.nodes.map((n) => ({ name: n.name, ready: n.ready })),
    pods: state.pods.map((p) => ({
      name: p.name,
      namespace: p.namespace,
      node: p.node,
      status: p.status,
      ready: p.ready,
      restarts: p.restarts,
    })),
  });
}

function tick(): void {
  if (!sim || speed <= 0) return;
  const now = performance.now();
  const elapsed = Math.min(now - lastTick, 250) / 1000;
  lastTick = now;
  try {
    sim.runUntil(sim.now + elapsed * speed);
    sendFrame();
  } catch {
    speed = 0;
    fail('The simulation hit an internal error and was paused.');
  }
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  if (!m || m.v !== PROTOCOL_VERSION) {
    fail('The page and the simulation engine are different versions; reload the page.');
    return;
  }
  switch (m.type) {
    case 'start':
      sim ??= load();
      speed = m.speed;
      lastTick = performance.now();
      timer ??= setInterval(tick, FRAME_MS);
      sendFrame();
      break;
    case 'pause':
      speed = 0;
      break;
    case 'speed':
      speed = m.speed;
      break;
  }
};
