/** Learner-facing words of the inspector (to be merged into src/strings.ts by the lead). */
export const inspectorStrings = {
  label: 'Why: inspector',
  empty:
    'Click or focus anything in the cluster (a pod, a node, a Deployment, a Service) to see why it is the way it is.',
  gone: (key: string) => `${key} no longer exists.`,
  inKubernetesWords: 'In Kubernetes\u2019 words',
  noEvents: 'No events yet.',
  none: 'None.',
  never: 'will not happen now',
  at: (clock: string) => `at ${clock}`,
  times: (n: number) => `×${n}`,
  openYaml: 'Open as YAML',
  openYamlLabel: (kind: string, name: string) => `Open ${kind} ${name} as YAML (kubectl get -o yaml)`,
} as const;
