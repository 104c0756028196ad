import type { Lesson } from './types';

const configMap = (level: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
  namespace: team-a
data:
  LOG_LEVEL: ${level}
  FEATURE_FLAGS: checkout-v2
`;

const quota = (cpu: string) => `apiVersion: v1
kind: ResourceQuota
metadata:
  name: compute
  namespace: team-a
spec:
  hard:
    pods: '10'
    requests.cpu: '${cpu}'
    requests.memory: 2Gi
`;

/** Lesson 11: configuration outside the image (ConfigMaps, Secrets) and a team's namespace with a quota. */
const lesson: Lesson = {
  id: 'configuration',
  title: "Configuration, secrets and a team's quota",
  summary:
    'Keep settings and passwords out of the image with a ConfigMap and a Secret, and meet the ResourceQuota that keeps one team from using the whole cluster.',
  ideas: [13, 15],
  scenario: `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata:
  name: configuration
spec:
  seed: 13
  images:
    shop:1.0: { pullSeconds: 2, startupSeconds: 1 }
---
apiVersion: v1
kind: Namespace
metadata:
  name: team-a
---
${quota('1')}---
apiVersion: v1
kind: Secret
metadata:
  name: db-credentials
  namespace: team-a
stringData:
  password: s3cr3t
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  namespace: team-a
spec:
  replicas: 3
  selector:
    matchLabels: { app: shop }
  template:
    metadata:
      labels: { app: shop }
    spec:
      containers:
        - name: shop
          image: shop:1.0
          env:
            - name: LOG_LEVEL
              valueFrom:
                configMapKeyRef: { name: app-config, key: LOG_LEVEL }
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: { name: db-credentials, key: password }
          resources:
            requests: { cpu: 400m, memory: 128Mi }
`,
  steps: [
    {
      id: 'missing-config',
      title: 'The missing ConfigMap',
      ideas: [13],
      text:
        'The same `shop:1.0` image runs in testing and in production; only its settings differ. So settings live outside the image: non-secret ones in a **ConfigMap**, credentials in a **Secret**, both handed to the container as environment variables or files.\n\n' +
        'This shop reads `LOG_LEVEL` from the ConfigMap `app-config`, which nobody created. Its pods wait in `CreateContainerConfigError` (try `kubectl get pods -n team-a`).',
      task: 'Create the ConfigMap:\n\n```\n' + configMap('info') + '```',
      goal: { kind: 'podsReady', selector: 'app=shop', namespace: 'team-a', count: 2 },
      success:
        'The kubelets noticed the ConfigMap and started the containers. But only two pods exist, although the Deployment asks for three. Why?',
      hints: ['Mind the namespace: everything here lives in `team-a`.'],
      solution: [{ wait: '10s' }, { apply: configMap('info') }, { wait: '15s' }],
    },
    {
      id: 'the-quota',
      title: "Hitting the team's quota",
      ideas: [15],
      text: 'Namespaces split one cluster between teams. A **ResourceQuota** caps what one namespace may reserve. `team-a` may request 1 CPU in total; each shop pod asks for 400m, so the API server refused the third pod (see `kubectl describe rs -n team-a`: `FailedCreate ... exceeded quota`). The ReplicaSet keeps retrying.',
      task: 'Raise the quota to 2 CPUs:\n\n```\n' + quota('2') + '```',
      goal: { kind: 'podsReady', selector: 'app=shop', namespace: 'team-a', count: 3 },
      success:
        'The next retry fitted within the new quota. Quotas, namespaces and network policies are how many teams share one cluster without stepping on each other.',
      hints: ['`kubectl describe quota -n team-a` shows used and hard limits.'],
      solution: [{ apply: quota('2') }, { wait: '30s' }],
    },
    {
      id: 'change-the-setting',
      title: 'Change a setting',
      ideas: [13],
      text: 'Environment variables are read once, when a container starts. Changing the ConfigMap does not change the variables of processes already running. To pick up the new value, start new pods: `kubectl rollout restart` does a rolling update with an unchanged template.',
      task: 'Set `LOG_LEVEL: debug` in the ConfigMap and apply it, then run `kubectl rollout restart deployment/shop -n team-a`.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'podsReplaced', selector: 'app=shop', namespace: 'team-a', count: 3 },
          { kind: 'podsReady', selector: 'app=shop', namespace: 'team-a', count: 3 },
        ],
      },
      success:
        'Three fresh pods, started with `LOG_LEVEL=debug`. The image never changed: that is the point of keeping configuration outside it.',
      hints: ['Editing the ConfigMap alone is not enough; the pods must be replaced to read it again.'],
      solution: [
        { apply: configMap('debug') },
        { kubectl: 'rollout restart deployment/shop -n team-a' },
        { wait: '45s' },
      ],
    },
  ],
  quiz: [
    {
      id: 'why-outside',
      type: 'single',
      ideas: [13],
      prompt: 'Why keep configuration and credentials in ConfigMaps and Secrets rather than in the image?',
      choices: [
        {
          id: 'same-image',
          text: 'So the same image runs everywhere, and settings or passwords change without rebuilding it.',
          correct: true,
          explanation:
            'Right. Images are built once and promoted; environments differ only in the configuration handed to them.',
        },
        {
          id: 'faster',
          text: 'Because containers start faster without configuration baked in.',
          correct: false,
          explanation: 'Start-up speed is not the reason; separation of code and settings is.',
        },
        {
          id: 'encrypted',
          text: 'Because Secrets make passwords impossible to read.',
          correct: false,
          explanation:
            'Secrets are only base64-encoded by default; protecting them takes access control and encryption at rest. Keeping them out of images still matters: images get copied and shared.',
        },
      ],
    },
    {
      id: 'multi-tenant',
      type: 'multiple',
      ideas: [15],
      prompt: 'Several teams share one cluster. Which tools help keep them apart?',
      choices: [
        {
          id: 'namespaces',
          text: 'A namespace per team.',
          correct: true,
          explanation: 'Yes: names, access rules and quotas are scoped to a namespace.',
        },
        {
          id: 'quota',
          text: 'A ResourceQuota per namespace.',
          correct: true,
          explanation: 'Yes: it caps how much CPU, memory and how many objects a namespace may claim.',
        },
        {
          id: 'netpol',
          text: 'NetworkPolicies that limit which pods may talk to which.',
          correct: true,
          explanation: 'Yes: by default every pod can reach every other pod; policies narrow that.',
        },
        {
          id: 'labels',
          text: "Giving each team's pods a different label colour.",
          correct: false,
          explanation: 'Labels organise and select objects; on their own they isolate nothing.',
        },
      ],
    },
    {
      id: 'predict-missing-secret',
      type: 'predict',
      ideas: [13, 7],
      prompt:
        'Someone deletes the Secret `db-credentials`, and later one shop pod is deleted. What does its replacement do?',
      choices: [
        {
          id: 'waits',
          text: 'It is created and scheduled, but its container cannot be created: `CreateContainerConfigError`, until the Secret exists again.',
          correct: true,
          explanation:
            'Right. The kubelet needs every referenced key to build the environment. The running pods are unaffected: they read the value when they started.',
        },
        {
          id: 'runs-empty',
          text: 'It runs with an empty password.',
          correct: false,
          explanation:
            'A missing (non-optional) reference stops the container from being created; it is not replaced by an empty value.',
        },
        {
          id: 'all-crash',
          text: 'All shop pods crash at once.',
          correct: false,
          explanation:
            'Running containers already have their environment; deleting the Secret does not touch them.',
        },
      ],
      tryIt: {
        text: 'Delete the Secret, then delete one shop pod, and wait.',
        actions: [
          { kubectl: 'delete secret db-credentials -n team-a' },
          { fault: { type: 'PodDelete', selector: 'app=shop', namespace: 'team-a' } },
          { wait: '20s' },
        ],
        expect: {
          kind: 'all',
          goals: [
            {
              kind: 'podStatus',
              selector: 'app=shop',
              namespace: 'team-a',
              status: 'CreateContainerConfigError',
            },
            { kind: 'podsReady', selector: 'app=shop', namespace: 'team-a', count: 2 },
          ],
        },
      },
    },
  ],
};

export default lesson;
