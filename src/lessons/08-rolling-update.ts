import { shop } from './fixtures';
import type { Lesson } from './types';

const STRATEGY = `minReadySeconds: 5
strategy:
  type: RollingUpdate
  rollingUpdate: { maxSurge: 1, maxUnavailable: 1 }
`;

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
${shop({ replicas: 4, spec: STRATEGY })}`,
  steps: [
    {
      id: 'roll-forward',
      title: 'Roll out version 1.1',
      ideas: [10, 5],
      text:
        'Changing the pod template (here, the image) makes the Deployment create a **new ReplicaSet** and move replicas over step by step. Two numbers set the pace: `maxSurge: 1` (at most 4 + 1 = 5 pods at once) and `maxUnavailable: 1` (at least 4 − 1 = 3 available at all times).\n\n' +
        'So the first step does two things at once: one old pod is removed right away, since one may be unavailable, and two new pods are created, filling the room up to 5. After that an old pod goes only when a new one has been available for `minReadySeconds` (5 s).',
      task: 'Roll out version `shop:1.1`, and watch both ReplicaSets (`kubectl get rs`).',
      goal: { kind: 'rolloutComplete', deployment: 'shop', image: 'shop:1.1' },
      success:
        'All four pods run 1.1. The old ReplicaSet is still there, scaled to 0: it is the rollout history that makes undo possible.\n\n' +
        'Did you see the error counter move? About twenty requests failed. Each new pod counted as ready the moment its process started, a second before it could answer, and the Service sent it requests in that second. Nothing in this Deployment tells the cluster when a pod can really serve: that is what readiness probes are for (the probes lesson).\n\n' +
        "If you used `kubectl set image`, the **Desired state** editor still says `shop:1.0`: it holds your text, not the cluster's record.",
      hints: [
        'The image is part of the pod template: change it in the editor and apply, or use `kubectl set image`.',
        '`kubectl set image deployment/shop shop=shop:1.1` (the container is named `shop`). `kubectl rollout status deployment/shop` tells you when it is done.',
      ],
      solution: [{ wait: '10s' }, { kubectl: 'set image deployment/shop shop=shop:1.1' }, { wait: '60s' }],
      facts: [
        {
          says: 'one old pod is removed right away, since one may be unavailable, and two new pods are created',
          check: {
            kind: 'all',
            goals: [
              {
                kind: 'eventRecorded',
                reason: 'ScalingReplicaSet',
                resource: 'Deployment',
                name: 'shop',
                message: 'from 4 to 3',
              },
              {
                kind: 'eventRecorded',
                reason: 'ScalingReplicaSet',
                resource: 'Deployment',
                name: 'shop',
                message: 'from 1 to 2',
              },
              { kind: 'podCount', selector: 'app=shop', atLeast: 5, atMost: 5 },
            ],
          },
          when: 'sometime',
          from: '10s',
          until: '10s',
        },
        {
          says: 'at least 4 − 1 = 3 available at all times',
          check: { kind: 'replicasAtLeast', deployment: 'shop', count: 3, of: 'available' },
          when: 'always',
          from: '10s',
        },
        {
          says: 'at most 4 + 1 = 5 pods at once',
          check: { kind: 'podCount', selector: 'app=shop', atMost: 5 },
          when: 'always',
        },
        {
          says: 'About twenty requests failed',
          check: { kind: 'requestsFailed', service: 'shop', atLeast: 12, atMost: 28 },
          from: '10s',
        },
        {
          says: 'The old ReplicaSet is still there, scaled to 0',
          check: {
            kind: 'eventRecorded',
            reason: 'ScalingReplicaSet',
            resource: 'Deployment',
            name: 'shop',
            message: 'from 1 to 0',
          },
        },
      ],
      mistakes: [
        {
          why: 'Delete the pods to get fresh ones: the replacements run the same 1.0 template.',
          actions: [{ wait: '10s' }, { kubectl: 'delete pods -l app=shop' }, { wait: '60s' }],
        },
      ],
    },
    {
      id: 'ship-a-broken-one',
      title: 'Ship a broken version',
      ideas: [10, 7],
      text: 'Version 1.2 crashes a second after it starts. Nobody noticed in testing. What happens to a shop in the middle of a Friday?',
      task: 'Roll out `shop:1.2-broken` and watch for a minute.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'deploymentImage', deployment: 'shop', image: 'shop:1.2-broken' },
          { kind: 'podStatus', selector: 'app=shop', status: 'CrashLoopBackOff' },
          { kind: 'replicasAtLeast', deployment: 'shop', count: 3, of: 'available' },
        ],
      },
      success:
        'The rollout **stalled**: new pods never become available, so the Deployment never removes more old pods than maxUnavailable allows. Three 1.1 pods keep serving. Each time a broken pod restarts it counts as ready for a moment and catches a few requests, so errors come in small bursts (about 1 % of requests), not as an outage. The cluster does not roll back on its own; it waits for you.',
      hints: [
        'The same way as before, with the image `shop:1.2-broken`.',
        '`kubectl set image deployment/shop shop=shop:1.2-broken`. `kubectl rollout status deployment/shop` will keep saying it is waiting.',
      ],
      solution: [{ kubectl: 'set image deployment/shop shop=shop:1.2-broken' }, { wait: '60s' }],
      facts: [
        {
          says: 'Three 1.1 pods keep serving',
          check: {
            kind: 'all',
            goals: [
              { kind: 'replicasAtLeast', deployment: 'shop', count: 3, of: 'available' },
              { kind: 'podStatus', selector: 'app=shop', status: 'Running', count: 3 },
            ],
          },
          when: 'always',
        },
        {
          says: 'errors come in small bursts (about 1 % of requests)',
          check: { kind: 'requestsFailed', service: 'shop', atLeast: 10, percentAtMost: 3 },
        },
        {
          says: 'The cluster does not roll back on its own',
          check: { kind: 'deploymentImage', deployment: 'shop', image: 'shop:1.2-broken' },
          when: 'always',
          from: '1s',
        },
      ],
      mistakes: [
        {
          why: 'Ship an image tag that cannot be pulled: the rollout stalls too, but in ImagePullBackOff, not a crash loop.',
          actions: [{ kubectl: 'set image deployment/shop shop=shop:1.2-missing' }, { wait: '60s' }],
        },
      ],
    },
    {
      id: 'undo',
      title: 'Undo',
      ideas: [10],
      text: "Rolling back means making the previous ReplicaSet the desired one again. `kubectl rollout undo` copies the previous revision's pod template into the Deployment; the loop does the rest, as an ordinary rolling update.",
      task: 'Go back to the version that worked, `shop:1.1`, then look at `kubectl rollout history deployment/shop`.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'rolloutComplete', deployment: 'shop', image: 'shop:1.1' },
          { kind: 'podsReady', selector: 'app=shop', count: 4 },
        ],
      },
      success:
        'Back on 1.1. The crashing pods were removed at once (they were unavailable anyway, so removing them cost nothing), and the 1.1 ReplicaSet grew back to 4 under a new revision number, 4: an undo is recorded as a new rollout, not as going back in time.',
      hints: [
        '`kubectl rollout undo deployment/shop` goes back one revision. Applying a manifest with `shop:1.1` would do the same: the template matches the old ReplicaSet, so it is reused.',
      ],
      solution: [{ kubectl: 'rollout undo deployment/shop' }, { wait: '45s' }],
      facts: [
        {
          says: 'The crashing pods were removed at once',
          check: {
            kind: 'all',
            goals: [
              {
                kind: 'eventRecorded',
                reason: 'ScalingReplicaSet',
                resource: 'Deployment',
                name: 'shop',
                message: 'from 2 to 0',
              },
              {
                kind: 'eventRecorded',
                reason: 'ScalingReplicaSet',
                resource: 'Deployment',
                name: 'shop',
                message: 'from 3 to 4',
              },
            ],
          },
          until: '1s',
        },
        {
          says: 'under a new revision number, 4',
          check: {
            kind: 'objectField',
            resource: 'Deployment',
            name: 'shop',
            path: 'metadata.annotations[deployment.kubernetes.io/revision]',
            matches: '4',
          },
        },
      ],
      mistakes: [
        {
          why: 'Go back too far, to `shop:1.0`: the shop works again, but not on the version you meant to keep.',
          actions: [{ kubectl: 'set image deployment/shop shop=shop:1.0' }, { wait: '45s' }],
        },
      ],
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
