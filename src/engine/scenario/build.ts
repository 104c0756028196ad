/**
 * From a checked Scenario to a running Simulation: the cluster with the scenario's nodes and image
 * behaviour, the manifests applied at time 0, and the timeline armed as timers of a small controller so
 * that its entries fire in simulated time (and survive snapshots and replays like everything else).
 */
import { createCluster } from '../cluster';
import type { Controller } from '../sim/controller';
import { setIngressTraffic } from '../world/traffic';
import type { Input } from '../inputs';
import { applyChecked } from '../manifest/apply';
import { executeInput } from '../inputs';
import type { Simulation } from '../sim/simulation';
import { ScenarioError } from '../base/diagnostics';
import type { Scenario, TimelineEntry, TrafficSpec } from './validate';
import { loadScenario } from './validate';

export const TIMELINE_CONTROLLER = 'scenario-timeline';
/** Runtime-table prefix: `scenario-timeline/<index>` holds what a fired timeline entry printed. */
export const TIMELINE_RUNTIME_PREFIX = 'scenario-timeline/';
/** Runtime-table prefix: `traffic/<namespace>/<service>` holds the offered load of a Service. */
export const TRAFFIC_RUNTIME_PREFIX = 'traffic/';

/** What a timeline entry did when it fired (kept in the runtime table, so it snapshots and replays). */
export interface TimelineOutcome {
  readonly t: number;
  readonly index: number;
  readonly type: Input['type'];
  /** The kubectl command, for kubectl entries. */
  readonly command?: string;
  readonly ok: boolean;
  readonly message: string;
  readonly exitCode: number;
}

/** Offered load on a Service: set by the scenario, changed by TrafficChange, read by traffic and metrics. */
export interface TrafficState {
  readonly service: string;
  readonly namespace: string;
  readonly requestsPerSecond: number;
  readonly errorsPerSecond: number;
}

export function trafficRuntimeKey(namespace: string, service: string): string {
  return `${TRAFFIC_RUNTIME_PREFIX}${namespace}/${service}`;
}

/**
 * The controller that fires a scenario's timeline: each entry is a timer keyed by its index. It needs the
 * Simulation itself (faults act through the kubelet's context), which exists only once the cluster is
 * built, hence the holder.
 */
export function timelineController(
  entries: readonly TimelineEntry[],
  holder: { sim?: Simulation },
): Controller {
  const byIndex = new Map(entries.map((e) => [String(e.index), e]));
  return {
    name: TIMELINE_CONTROLLER,
    component: 'simulation',
    watches: [],
    start(ctx) {
      for (const e of entries) ctx.requeueAfter(e.at, String(e.index));
    },
    reconcile(key, ctx) {
      const entry = byIndex.get(key);
      const sim = holder.sim;
      if (!entry || !sim) return;
      const r = executeInput(sim, entry.input);
      const outcome: TimelineOutcome = {
        t: ctx.now,
        index: entry.index,
        type: entry.input.type,
        ...(entry.input.type === 'kubectl' ? { command: entry.input.command } : {}),
        ok: r.ok,
        message: r.message,
        exitCode: r.exitCode,
      };
      ctx.store.setRuntime(`${TIMELINE_RUNTIME_PREFIX}${entry.index}`, outcome);
    },
  };
}

export interface BuildOptions {
  /** Overrides the scenario's spec.seed (the runner's --seed). */
  readonly seed?: number;
}

/** A simulation at t=0 with the scenario's cluster, objects and traffic in place and its timeline armed. */
export function buildScenario(scenario: Scenario, options: BuildOptions = {}): Simulation {
  const holder: { sim?: Simulation } = {};
  const sim = createCluster({
    seed: options.seed ?? scenario.seed,
    nodes: scenario.nodes,
    images: scenario.images,
    extraControllers: [timelineController(scenario.timeline, holder)],
    ...(scenario.autoscaler ? { autoscaler: scenario.autoscaler } : {}),
  });
  holder.sim = sim;
  sim.act('scenario', () => {
    for (const t of scenario.traffic) setTraffic(sim, t);
    if (scenario.manifests.length === 0) return;
    const r = applyChecked(sim.api, scenario.manifests);
    if (!r.ok) {
      const at = scenario.manifests[0]?.doc.start ?? { line: 1, column: 1 };
      throw new ScenarioError(r.diagnostics?.length ? r.diagnostics : [{ ...at, message: r.message }]);
    }
  });
  return sim;
}

function setTraffic(sim: Simulation, t: TrafficSpec): void {
  if ('ingress' in t) return setIngressTraffic(sim.store, t.ingress, t.requestsPerSecond);
  const state: TrafficState = {
    service: t.service,
    namespace: t.namespace,
    requestsPerSecond: t.requestsPerSecond,
    errorsPerSecond: 0,
  };
  sim.store.setRuntime(trafficRuntimeKey(t.namespace, t.service), state);
}

/** Parse, check and build in one call: what the runner, lessons and tests use. Throws ScenarioError. */
export function loadSimulation(
  text: string,
  options: BuildOptions = {},
): { scenario: Scenario; sim: Simulation } {
  const scenario = loadScenario(text);
  return { scenario, sim: buildScenario(scenario, options) };
}
