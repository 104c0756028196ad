/**
 * The engine's front door: the only module code outside src/engine imports (lint enforces it). What it
 * names is the engine's public surface; everything behind it may move. The engine's modules are free of
 * side effects except the kind and kubectl registries (package.json `sideEffects`), so an importer pays
 * only for what it uses: the page's first chunk takes the pure helpers, the worker the simulation.
 *
 * Floors, from the ground up (each imports only those below it): base, api, sim (the kernel),
 * controllers, world, manifest, kubectl, inputs, cluster, scenario. docs/architecture.md draws them.
 */

// base: hashes and the seeded generator, durations, located diagnostics, plain-data guards.
export type { ApplyResult, Diagnostic, InputResult, Position } from './base/diagnostics';
export { formatDiagnostics, ScenarioError } from './base/diagnostics';
export { formatDuration, parseDuration } from './base/duration';
export { isRecord } from './base/record';

// api: object types, the store's diffs, and the helpers that read objects as kubectl and the API do.
export type {
  ContainerStatus,
  Deployment,
  Endpoints,
  Event,
  HorizontalPodAutoscaler,
  Kind,
  KubeObject,
  Lease,
  Node,
  Pod,
  ReplicaSet,
  Service,
  StatefulSet,
} from './api/types';
export type { LabelSelector } from './api/types';
export { isKind, KIND_INFO, KINDS } from './api/types';
export type { FieldError, FieldErrorType } from './api/errors';
export { ApiError, formatFieldError } from './api/errors';
export type { DeleteOptions } from './api/apiserver';
export { strictDecode } from './api/strict';
export type { Diff, Store } from './api/store';
export { encodeBase64, utf8Bytes } from './api/base64';
export { controllerOf, EPOCH_MS, formatSelector, seconds, selectorMatches, timestamp } from './api/meta';
export { podStatusWord } from './api/podstatus';
export { isPodActive, isPodReady } from './api/podutil';
export { bytes, cpuMillis, formatBytes, formatCpu } from './api/quantity';
export { podRequests } from './api/resources';

// sim: the kernel (the loop, its records, time travel).
export type { SimRecord, SimSnapshot, Simulation } from './sim/simulation';
export type { LoggedInput } from './sim/history';
export { History } from './sim/history';

// controllers: what the inspector explains with the controllers' own arithmetic.
export { resolveFenceposts } from './controllers/deployment/fenceposts';
export { zoneKey } from './controllers/nodelifecycle/zones';

// world: faults, traffic, the control plane, and the runner's view of the cluster.
export type { Fault } from './world/faults';
export { FAULT_TYPES, parseSelectorString, validateFault } from './world/faults';
export type { NodeMetricsSample, PodMetricsSample } from './api/metrics';
export { nodeMetrics, podMetrics } from './api/metrics';
export { ingressTrafficKey, KUBE_PROXY_STATE_KEY, serviceTrafficKey } from './world/traffic';
export { apiServerReachable } from './world/controlplane';
export type { ClusterState } from './world/observe';
export { observe } from './world/observe';

// manifest: YAML with positions.
export { MAX_SOURCE_BYTES, parseYaml } from './manifest/parse';

// kubectl: resource names and kubectl's YAML, for the editor and the console. The command registry is
// the one other public module, engine/kubectl: importing it registers every command (a side effect).
export type { ResourceType } from './kubectl/resources';
export {
  ALL_CATEGORY,
  METRICS_RESOURCES,
  qualifiedSingular,
  resolveResource,
  RESOURCE_TYPES,
  resourceType,
} from './kubectl/resources';
export { toYaml } from './kubectl/printers/serialize';
// The served API (src/serve) answers with what the console prints: its tables, selectors and logs.
export { tableFor } from './kubectl/printers/columns';
export type { FieldRequirement, Requirement } from './kubectl/selector';
export { fieldsMatch, labelsMatch, parseFieldSelector, parseLabelSelector } from './kubectl/selector';
export type { LogRefusal } from './kubectl/commands/logs/read';
export { readContainerLog } from './kubectl/commands/logs/read';
export type { LogLine } from './kubectl/commands/logs/synth';
export { withTimestamp } from './kubectl/commands/logs/synth';
export { KUBERNETES_VERSION } from './kubectl/version';

// goals: predicates over the cluster, as plain data (lessons, the worker's goal tracking, tests).
export type { Goal, GoalContext, GoalKind, GoalMemory, GoalProblem, GoalResult, GoalSpec } from './goals';
export { compileGoal, GOAL_KINDS, GoalTracker, validateGoal } from './goals';

// inputs, cluster, scenario: what the worker, the runner and tests drive.
export type { Input } from './inputs';
export { applyInput } from './inputs';
export { createCluster } from './cluster';
export type { BuildOptions, TimelineOutcome } from './scenario/build';
export { buildScenario, loadSimulation, TIMELINE_RUNTIME_PREFIX } from './scenario/build';
export type { Scenario } from './scenario/validate';
export { loadScenario } from './scenario/validate';
