/**
 * The kubectl commands the simulator serves, for the console's help and Tab completion. A static copy, so
 * the console's chunk does not carry the engine (kubectl runs in the worker); commands.test.ts checks it
 * against the engine's command registry, so it cannot drift.
 */
export interface CommandInfo {
  /** The command's words: "get", "rollout status". */
  readonly path: string;
  /** Other names for the last word ("cm" for "create configmap"). */
  readonly aliases?: readonly string[];
  /** kubectl's own one-line summary. */
  readonly summary: string;
}

export const KUBECTL_COMMANDS: readonly CommandInfo[] = [
  { path: 'annotate', summary: 'Update the annotations on a resource' },
  { path: 'api-resources', summary: 'Print the supported API resources on the server' },
  { path: 'apply', summary: 'Apply a configuration to a resource by file name or stdin' },
  { path: 'autoscale', summary: 'Auto-scale a deployment, replica set, or stateful set' },
  { path: 'cordon', summary: 'Mark node as unschedulable' },
  {
    path: 'create configmap',
    aliases: ['cm'],
    summary: 'Create a config map from a local file, directory or literal value',
  },
  { path: 'create deployment', aliases: ['deploy'], summary: 'Create a deployment with the specified name' },
  { path: 'create namespace', aliases: ['ns'], summary: 'Create a namespace with the specified name' },
  {
    path: 'create secret generic',
    summary: 'Create a secret from a local file, directory, or literal value',
  },
  {
    path: 'delete',
    summary: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  },
  { path: 'describe', summary: 'Show details of a specific resource or group of resources' },
  { path: 'drain', summary: 'Drain node in preparation for maintenance' },
  { path: 'explain', summary: 'Get documentation for a resource' },
  {
    path: 'expose',
    summary:
      'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  },
  { path: 'get', summary: 'Display one or many resources' },
  { path: 'label', summary: 'Update the labels on a resource' },
  { path: 'logs', summary: 'Print the logs for a container in a pod' },
  { path: 'rollout history', summary: 'View rollout history' },
  { path: 'rollout pause', summary: 'Mark the provided resource as paused' },
  { path: 'rollout restart', summary: 'Restart a resource' },
  { path: 'rollout resume', summary: 'Resume a paused resource' },
  { path: 'rollout status', summary: 'Show the status of the rollout' },
  { path: 'rollout undo', summary: 'Undo a previous rollout' },
  { path: 'scale', summary: 'Set a new size for a deployment, replica set, or stateful set' },
  { path: 'set image', summary: 'Update the image of a pod template' },
  { path: 'top', summary: 'Display resource (CPU/memory) usage' },
  { path: 'uncordon', summary: 'Mark node as schedulable' },
  { path: 'version', summary: 'Print the client and server version information' },
];

/** The console's own commands (not sent to the cluster). */
export const CONSOLE_COMMANDS: readonly CommandInfo[] = [
  { path: 'clear', summary: 'Clear the console' },
  { path: 'help', summary: 'List the supported commands (same as kubectl --help)' },
];
