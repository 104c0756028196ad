import type { Lesson } from './types';

/** Lesson 8: rolling updates paced by maxSurge/maxUnavailable, a broken version that stalls, and rollback. */
const lesson: Lesson = {
  id: 'rolling-update',
  title: 'Rolling update and rollback',
  summary:
    'Ship a new version a pod at a time, ship a broken one and watch the rollout stall instead of the shop going down, then undo it in one command.',
  ideas: [10, 5],
  scenario: `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata:
  name: rolling-update
spec:
  seed: 8
  images:
    shop:1.0: { pullSeconds: 2, startupSeconds: 1 }
    shop:1.1: { pullSeconds: 3, startupSeconds: 1 }
  traffic:
    - { service: shop, requestsPerSecond: 40 }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  replicas: 4
  minReadySeconds: 5
  strategy:
    type: RollingUpdate
    rollingUpdate: { maxSurge: 1, maxUnavailable: 1 }
  selector:
    matchLabels: { app: shop }
  template:
    metadata:
      labels: { app: shop }
    spec:
      containers:
        - name: shop
          image: shop:1.0
          ports:
            - containerPort: 8080
          resources:
            requests: { cpu: 250m, memory: 128Mi }
---
apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  selector: { app: shop }
  ports:
    - port: 80
      targetPort: 8080
`,
  steps: [
    {
      id: 'roll-forward',
      title: 'Roll out version 1.1',
      ideas: [10, 5],
      text: 'Changing the pod template (here, the image) makes the Deployment create a **new ReplicaSet** and move replicas over step by step. Two numbers set the pace: `maxSurge: 1` (at most 4 + 1 = 5 pods at once) and `maxUnavailable: 1` (at least 4 − 1 = 3 available at all times). An old pod goes only when a new one has been ready for `minReadySeconds`.',
      task: 'Run `kubectl set image deployment/shop shop=shop:1.1` and watch both ReplicaSets (`kubectl get rs`).',
      goal: { kind: 'rolloutComplete', deployment: 'shop', image: 'shop:1.1' },
      success:
        'All four pods run 1.1. The old ReplicaSet is still there, scaled to 0: it is the rollout history that makes undo possible.',
      hints: [
        'The container is named `shop`.',
        '`kubectl rollout status deployment/shop` tells you when it is done.',
      ],
      solution: [{ wait: '10s' }, { kubectl: 'set image deployment/shop shop=shop:1.1' }, { wait: '60s' }],
    },
    {
      id: 'ship-a-broken-one',
      title: 'Ship a broken version',
      ideas: [10, 7],
      text: 'Version 1.2 crashes a second after it starts. Nobody noticed in testing. What happens to a shop in the middle of a Friday?',
      task: 'Run `kubectl set image deployment/shop shop=shop:1.2-broken` and watch for a minute.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'deploymentImage', deployment: 'shop', image: 'shop:1.2-broken' },
          { kind: 'podStatus', selector: 'app=shop', status: 'CrashLoopBackOff' },
          { kind: 'replicasAtLeast', deployment: 'shop', count: 3, of: 'available' },
        ],
      },
      success:
        'The rollout **stalled**: new pods never become available, so the Deployment never removes more old pods than maxUnavailable allows. Three 1.1 pods keep serving. The cluster does not roll back on its own; it waits for you.',
      hints: ['`kubectl rollout status deployment/shop` will keep saying it is waiting.'],
      solution: [{ kubectl: 'set image deployment/shop shop=shop:1.2-broken' }, { wait: '60s' }],
    },
    {
      id: 'undo',
      title: 'Undo',
      ideas: [10],
      text: "Rolling back means making the previous ReplicaSet the desired one again. `kubectl rollout undo` copies the previous revision's pod template into the Deployment; the loop does the rest, as an ordinary rolling update.",
      task: 'Run `kubectl rollout undo deployment/shop`, then `kubectl rollout history deployment/shop`.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'rolloutComplete', deployment: 'shop', image: 'shop:1.1' },
          { kind: 'podsReady', selector: 'app=shop', count: 4 },
        ],
      },
      success:
        'Back on 1.1. The crashing pods were removed first (they were unavailable anyway), and the 1.1 ReplicaSet grew back to 4 under a new revision number.',
      hints: [
        'Applying the old manifest again would do the same thing: the template matches the old ReplicaSet.',
      ],
      solution: [{ kubectl: 'rollout undo deployment/shop' }, { wait: '45s' }],
    },
  ],
  quiz: [
    {
      id: 'fenceposts',
      type: 'single',
      ideas: [10],
      prompt:
        'A Deployment has 10 replicas and the default `maxSurge: 25%` and `maxUnavailable: 25%`. During a rollout, what are the most pods that can exist and the fewest that must stay available?',
      choices: [
        {
          id: 'thirteen-eight',
          text: 'At most 13 pods; at least 8 available.',
          correct: true,
          explanation:
            'Right. maxSurge rounds up (25 % of 10 = 2.5 → 3, so 13) and maxUnavailable rounds down (2.5 → 2, so 8 available).',
        },
        {
          id: 'twelve-seven',
          text: 'At most 12 pods; at least 7 available.',
          correct: false,
          explanation:
            'That rounds the surge down and the unavailability up, the unsafe way round on both counts.',
        },
        {
          id: 'twenty-zero',
          text: 'At most 20 pods; possibly none available for a moment.',
          correct: false,
          explanation:
            'That would be all-new-then-all-old. A rolling update is paced precisely so that never happens.',
        },
      ],
    },
    {
      id: 'stalled-rollout',
      type: 'multiple',
      ideas: [10, 7],
      prompt: 'A new version crashes on start. Which of these are true?',
      choices: [
        {
          id: 'old-serve',
          text: 'Most old pods keep running and serving.',
          correct: true,
          explanation:
            'Yes: old pods are only removed when new ones become available, within maxUnavailable.',
        },
        {
          id: 'stalls',
          text: 'The rollout stops making progress and waits.',
          correct: true,
          explanation:
            'Yes: after progressDeadlineSeconds the Deployment is marked as not progressing, but nothing else happens.',
        },
        {
          id: 'auto-rollback',
          text: 'After a few minutes the cluster rolls back by itself.',
          correct: false,
          explanation:
            'No: the rollout stalls until a person or a deployment tool rolls back or ships a fix.',
        },
        {
          id: 'all-down',
          text: 'All pods are replaced by crashing ones, so the shop goes down.',
          correct: false,
          explanation: 'No: that is what a careless script would do. The pacing exists to prevent it.',
        },
      ],
    },
    {
      id: 'predict-missing-image',
      type: 'predict',
      ideas: [10],
      prompt:
        'After the undo, you deploy `shop:1.3-missing`, an image that does not exist in the registry. A minute later?',
      choices: [
        {
          id: 'stall-pull',
          text: 'The new pods wait in ImagePullBackOff and the rollout stalls; at least three 1.1 pods keep serving.',
          correct: true,
          explanation:
            'Right. A pod that cannot even pull its image is never available, so the rollout cannot remove more than one old pod.',
        },
        {
          id: 'refused',
          text: 'The API server refuses the change because the image does not exist.',
          correct: false,
          explanation:
            'The API server does not look in registries. Only the kubelet finds out, when it tries to pull.',
        },
        {
          id: 'old-image',
          text: 'The kubelet falls back to the previous image.',
          correct: false,
          explanation: 'There is no fallback: a pod runs the image in its spec or nothing.',
        },
      ],
      tryIt: {
        text: 'Set the image to `shop:1.3-missing` and wait a minute.',
        actions: [{ kubectl: 'set image deployment/shop shop=shop:1.3-missing' }, { wait: '60s' }],
        expect: {
          kind: 'all',
          goals: [
            {
              kind: 'any',
              goals: [
                { kind: 'podStatus', selector: 'app=shop', status: 'ImagePullBackOff' },
                { kind: 'podStatus', selector: 'app=shop', status: 'ErrImagePull' },
              ],
            },
            { kind: 'replicasAtLeast', deployment: 'shop', count: 3, of: 'available' },
          ],
        },
      },
    },
  ],
};

export default lesson;
