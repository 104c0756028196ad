/**
 * The inspector panel's own words (the explanations it shows are in ./explain.ts, which loads with them),
 * so a translation can come later. Kubernetes' own words (STATUS values, condition types, reasons, field and flag names, messages)
 * come in as values or stay verbatim inside a sentence: they are never translated.
 */

export const inspectorStrings = {
  // The panel
  label: 'Why: inspector',
  empty:
    'Click or focus anything in the cluster (a pod, a node, a Deployment, a Service) to see why it is the way it is.',
  gone: (key: string) => `${key} no longer exists.`,
  inKubernetesWords: 'In Kubernetes\u2019 words',
  noEvents: 'No events yet.',
  none: 'None.',
  times: (n: number) => `×${n}`,
  openYaml: 'Open as YAML',
  openYamlLabel: (kind: string, name: string) => `Open ${kind} ${name} as YAML (kubectl get -o yaml)`,

  // Time, relative to now (durations come formatted: "45s", "4m 05s")
  now: 'now',
  inTime: (duration: string) => `in ${duration}`,
  ago: (duration: string) => `${duration} ago`,
  /** A countdown's "when": "in 18s (at 1m15s)", or "will not happen now". */
  when: (relative: string, clock: string) => `${relative} (at ${clock})`,
  never: 'will not happen now',
} as const;
