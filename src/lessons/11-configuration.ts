import { deployment } from './fixtures';
import type { Lesson } from './types';

const ENV = `env:
  - name: LOG_LEVEL
    valueFrom:
      configMapKeyRef: { name: app-config, key: LOG_LEVEL }
  - name: DB_PASSWORD
    valueFrom:
      secretKeyRef: { name: db-credentials, key: password }
`;

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
${deployment({
  name: 'shop',
  namespace: 'team-a',
  image: 'shop:1.0',
  replicas: 3,
  cpu: '400m',
  port: 0,
  container: ENV,
})}`,
  steps: [
    {
      id: 'missing-config',
      title: 'The missing ConfigMap',
      ideas: [13],
      text:
        'The same `shop:1.0` image runs in testing and in production; only its settings differ. So settings live outside the image: non-secret ones in a **ConfigMap**, credentials in a **Secret**, both handed to the container as environment variables or files.\n\n' +
        'This shop reads `LOG_LEVEL` from the ConfigMap `app-config`, which nobody created. Its pods wait in `CreateContainerConfigError` (try `kubectl get pods -n team-a`).',
      task: 'Create the ConfigMap:\n\n```\n' + configMap('info') + '```',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'objectExists', resource: 'ConfigMap', name: 'app-config', namespace: 'team-a' },
          { kind: 'podsReady', selector: 'app=shop', namespace: 'team-a', count: 2 },
        ],
      },
      success:
        'The kubelets noticed the ConfigMap and started the containers. But only two pods exist, although the Deployment asks for three. Why?',
      hints: ['Mind the namespace: everything here lives in `team-a`.'],
      solution: [{ wait: '10s' }, { apply: configMap('info') }, { wait: '15s' }],
      facts: [
        {
          says: 'Its pods wait in `CreateContainerConfigError`',
          check: {
            kind: 'podStatus',
            selector: 'app=shop',
            namespace: 'team-a',
            status: 'CreateContainerConfigError',
            count: 2,
          },
          when: 'sometime',
          until: '10s',
        },
        {
          says: 'only two pods exist, although the Deployment asks for three',
          check: { kind: 'podCount', selector: 'app=shop', namespace: 'team-a', atLeast: 2, atMost: 2 },
          when: 'always',
          from: '5s',
        },
      ],
      mistakes: [
        {
          why: 'Create the ConfigMap in the default namespace: the pods in `team-a` never see it.',
          actions: [
            { wait: '10s' },
            { apply: configMap('info').replace('  namespace: team-a\n', '') },
            { wait: '15s' },
          ],
        },
      ],
    },
    {
      id: 'the-quota',
      title: "Hitting the team's quota",
      ideas: [15],
      text: 'Namespaces split one cluster between teams. A **ResourceQuota** caps what one namespace may reserve. `team-a` may request 1 CPU in total; each shop pod asks for 400m, so the API server refused the third pod (see `kubectl describe rs -n team-a`: `FailedCreate ... exceeded quota: compute, requested: requests.cpu=400m, used: requests.cpu=800m, limited: requests.cpu=1`). The ReplicaSet keeps retrying.',
      task: "The team's budget has been raised to 2 CPUs: declare that in the quota `compute` and let the shop reach its three pods.",
      goal: {
        kind: 'all',
        goals: [
          {
            kind: 'objectField',
            resource: 'ResourceQuota',
            name: 'compute',
            namespace: 'team-a',
            path: 'spec.hard[requests.cpu]',
            matches: '2',
          },
          { kind: 'podsReady', selector: 'app=shop', namespace: 'team-a', count: 3 },
        ],
      },
      success:
        'The next retry fitted within the new quota. Quotas, namespaces and network policies are how many teams share one cluster without stepping on each other.',
      hints: [
        '`kubectl describe quota -n team-a` shows used and hard limits. The limit is `requests.cpu` under `spec.hard` of the ResourceQuota.',
        'Apply the quota with `requests.cpu` raised:\n\n```\n' + quota('2') + '```',
      ],
      solution: [{ apply: quota('2') }, { wait: '30s' }],
      facts: [
        {
          says: '`FailedCreate ... exceeded quota: compute, requested: requests.cpu=400m, used: requests.cpu=800m, limited: requests.cpu=1`',
          check: {
            kind: 'eventRecorded',
            reason: 'FailedCreate',
            namespace: 'team-a',
            message:
              'exceeded quota: compute, requested: requests.cpu=400m, used: requests.cpu=800m, limited: requests.cpu=1',
          },
        },
        {
          says: 'The next retry fitted within the new quota',
          check: { kind: 'podsReady', selector: 'app=shop', namespace: 'team-a', count: 3 },
        },
      ],
      mistakes: [
        {
          why: 'Delete the quota: the shop gets its three pods, and the team has no limit at all any more.',
          actions: [{ kubectl: 'delete resourcequota compute -n team-a' }, { wait: '30s' }],
        },
      ],
    },
    {
      id: 'change-the-setting',
      title: 'Change a setting',
      ideas: [13],
      text: 'Environment variables are read once, when a container starts. Changing the ConfigMap does not change the variables of processes already running. To pick up the new value, start new pods: `kubectl rollout restart` does a rolling update with an unchanged template.',
      task: 'Switch the shop to `LOG_LEVEL` `debug`, and get the running shop pods to use it.',
      goal: {
        kind: 'all',
        goals: [
          {
            kind: 'objectField',
            resource: 'ConfigMap',
            name: 'app-config',
            namespace: 'team-a',
            path: 'data.LOG_LEVEL',
            matches: 'debug',
          },
          {
            kind: 'containerEnv',
            selector: 'app=shop',
            namespace: 'team-a',
            name: 'LOG_LEVEL',
            value: 'debug',
            count: 3,
          },
        ],
      },
      success:
        'Three fresh pods, started with `LOG_LEVEL=debug`. The image never changed: that is the point of keeping configuration outside it.',
      hints: [
        'The value lives in the ConfigMap `app-config`. Editing it alone is not enough: the pods must be replaced to read it again.',
        'Apply the ConfigMap with `LOG_LEVEL: debug`, then `kubectl rollout restart deployment/shop -n team-a`.',
      ],
      solution: [
        { apply: configMap('debug') },
        { kubectl: 'rollout restart deployment/shop -n team-a' },
        { wait: '45s' },
      ],
      facts: [
        {
          says: 'Three fresh pods',
          check: {
            kind: 'all',
            goals: [
              { kind: 'podsReplaced', selector: 'app=shop', namespace: 'team-a', count: 3 },
              { kind: 'podsReady', selector: 'app=shop', namespace: 'team-a', count: 3 },
            ],
          },
        },
        {
          says: 'started with `LOG_LEVEL=debug`',
          check: {
            kind: 'containerEnv',
            selector: 'app=shop',
            namespace: 'team-a',
            name: 'LOG_LEVEL',
            value: 'debug',
            count: 3,
          },
        },
        {
          says: 'The image never changed',
          check: { kind: 'deploymentImage', deployment: 'shop', namespace: 'team-a', image: 'shop:1.0' },
          when: 'always',
        },
      ],
      mistakes: [
        {
          why: 'Restart the pods without changing the ConfigMap: fresh pods, the same `info`.',
          actions: [{ kubectl: 'rollout restart deployment/shop -n team-a' }, { wait: '45s' }],
        },
        {
          why: 'Restart first and change the ConfigMap afterwards: the fresh pods read `info` when they started, and keep it.',
          actions: [
            { kubectl: 'rollout restart deployment/shop -n team-a' },
            { wait: '45s' },
            { apply: configMap('debug') },
            { wait: '20s' },
          ],
        },
        {
          why: 'Change the ConfigMap and wait: the running containers keep the environment they started with.',
          actions: [{ apply: configMap('debug') }, { wait: '45s' }],
        },
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
          id: 'live-update',
          text: "So that changing a ConfigMap changes the running containers' environment variables at once.",
          correct: false,
          explanation:
            'It does not: a container reads its environment once, when it starts, as you saw. (ConfigMap values mounted as files do get updated in place after a while; environment variables never.) The reason is separation: one image, many configurations.',
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
          id: 'namespace-firewall',
          text: "Namespaces by themselves stop one team's pods from reaching another team's pods.",
          correct: false,
          explanation:
            'No: a namespace scopes names, permissions and quotas, not the network. Without NetworkPolicies, a pod in `team-a` can reach a pod in `team-b` by its address.',
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
