/**
 * Learner-facing words of the cluster graph (imported through src/strings.ts). Kubernetes' own words
 * (STATUS, conditions, reasons) are never translated and do not belong here.
 */
export const graphStrings = {
  graphLabel: 'Cluster graph',
  controlPlane: 'Control plane',
  apiServer: 'API server',
  etcd: 'etcd',
  scheduler: 'Scheduler',
  controllerManager: 'Controller manager',
  apiServerRole: 'the front door: every read and write',
  etcdRole: 'stores desired and observed state',
  schedulerRole: 'places pending pods on nodes',
  controller: 'controller',
  actingNow: 'acting now',
  dataPlane: 'Worker nodes',
  queueTitle: 'Scheduling queue',
  queueEmpty: 'No pods waiting for a node',
  queueLabel: (n: number) => `Scheduling queue, ${n} ${n === 1 ? 'pod' : 'pods'} waiting for a node`,
  machineDown: 'machine off',
  cordoned: 'SchedulingDisabled',
  cpu: 'CPU',
  memory: 'Memory',
  requestedOf: (req: string, alloc: string) => `${req} of ${alloc} requested`,
  podsOnNode: (n: number) => `${n} ${n === 1 ? 'pod' : 'pods'}`,
  aggregate: (total: number, parts: readonly string[]) =>
    `${total} ${total === 1 ? 'pod' : 'pods'}${parts.length ? `: ${parts.join(', ')}` : ''}`,
  restarts: (n: number) => `${n} ${n === 1 ? 'restart' : 'restarts'}`,
  restartIn: (s: number) => `restart in ${s}s`,
  gone: 'gone',
  replaces: (name: string) => `replaces ${name}`,
  owners: 'Workloads',
  services: 'Services',
  desired: 'desired',
  ready: 'ready',
  closingGap: 'closing the gap',
  converged: 'converged',
  stalled: 'stalled',
  revision: (n: number | string) => `rev ${n}`,
  rsCounts: (desired: number, current: number, ready: number, available: number) =>
    `${desired} desired · ${current} current · ${ready} ready · ${available} available`,
  endpoints: 'Endpoints',
  noEndpoints: 'no ready endpoints',
  notReadyEndpoints: (n: number) => `${n} not ready`,
  requestsPerSecond: (n: number) => `${formatRate(n)} req/s`,
  successRate: (pct: number) => `${pct}% ok`,
  noTraffic: 'no traffic',
  hpaRange: (min: number, max: number) => `min ${min} · max ${max}`,
  hpaUtil: (cur: number | null, target: number | null) =>
    `CPU ${cur === null ? '—' : `${cur}%`}${target === null ? '' : ` / target ${target}%`}`,
  showOwnerEdges: 'Show owner links',
  menuLabel: (target: string) => `Faults for ${target}`,
  crashPod: 'Crash pod',
  deletePod: 'Delete pod',
  hangApp: 'Hang app',
  failNode: 'Fail node',
  recoverNode: 'Recover node',
  drainNode: 'Drain node',
  podHint: 'Enter to inspect, arrow keys to move between pods, Shift+F10 for faults',
  nodeHint: 'Enter to inspect, arrow keys to reach its pods, Shift+F10 for faults',
} as const;

function formatRate(n: number): string {
  return n >= 10 ? String(Math.round(n)) : String(Math.round(n * 10) / 10);
}
