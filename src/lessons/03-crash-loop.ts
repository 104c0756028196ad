import { deployment } from './fixtures';
import type { Lesson } from './types';

const worker = (image: string) =>
  deployment({ name: 'worker', image, replicas: 2, cpu: '100m', memory: '64Mi', port: 0 });

/** Lesson 3: a version that crashes on start: the loop restarts it, backs off, and never fixes it. */
const lesson: Lesson = {
  id: 'crash-loop',
  title: 'A loop, not a cure: CrashLoopBackOff',
  summary:
    'A worker crashes five seconds after every start. Watch the kubelet restart it with growing pauses, see that replacing it does not help, and ship the fix.',
  ideas: [7, 3],
  scenario: `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata:
  name: crash-loop
spec:
  seed: 5
  images:
    worker:1.0: { pullSeconds: 1, startupSeconds: 1, exitAfterSeconds: 5, exitCode: 1 }
    worker:1.1: { pullSeconds: 1, startupSeconds: 1 }
---
${worker('worker:1.0')}`,
  steps: [
    {
      id: 'watch-it-crash',
      title: 'Watch the restarts slow down',
      ideas: [7],
      text: 'Version 1.0 of this worker has a bug: five seconds after it starts, it exits with code 1. The kubelet restarts it, as it should. The first restart is immediate; after that it waits 10 s, then 20 s, 40 s, and so on up to five minutes, so a broken program cannot hog the node.',
      task: "The simulation is already running (the **Pause** button stops it). Watch the pods' STATUS until one shows `CrashLoopBackOff`. (`kubectl describe pod` shows the `BackOff` events.)",
      goal: { kind: 'podStatus', selector: 'app=worker', status: 'CrashLoopBackOff' },
      success:
        '`CrashLoopBackOff` is not an error of its own: it means "this container keeps exiting, and I am waiting before the next restart". The RESTARTS column keeps climbing while the pauses grow.',
      hints: ['Nothing to do but let simulated time run for half a minute or so.'],
      solution: [{ wait: '30s' }],
      facts: [
        {
          says: 'five seconds after it starts, it exits with code 1',
          check: { kind: 'podStatus', selector: 'app=worker', status: 'Error', count: 2 },
          when: 'sometime',
          until: '12s',
        },
        {
          says: 'The first restart is immediate',
          check: {
            kind: 'all',
            goals: [
              { kind: 'podRestarted', selector: 'app=worker', count: 1 },
              { kind: 'podStatus', selector: 'app=worker', status: 'Running', count: 2 },
            ],
          },
          when: 'sometime',
          until: '10s',
        },
        {
          says: 'after that it waits 10 s',
          check: {
            kind: 'all',
            goals: [
              { kind: 'not', goal: { kind: 'podRestarted', selector: 'app=worker' } },
              { kind: 'podStatus', selector: 'app=worker', status: 'CrashLoopBackOff', count: 2 },
            ],
          },
          when: 'always',
          from: '12s',
          until: '20s',
        },
        {
          says: 'The RESTARTS column keeps climbing while the pauses grow',
          check: { kind: 'podRestarted', selector: 'app=worker', count: 2 },
          until: '21s',
        },
        {
          says: 'then 20 s',
          check: { kind: 'podRestarted', selector: 'app=worker', count: 3 },
          when: 'never',
        },
      ],
      mistakes: [
        {
          why: 'Look too soon: for the first seconds the pods are Running, and the first crash is restarted at once.',
          actions: [{ wait: '8s' }],
        },
      ],
    },
    {
      id: 'replace-it',
      title: 'Try turning it off and on again',
      ideas: [7, 3],
      text: 'Maybe that pod is just unlucky? Delete it and let the ReplicaSet make a fresh one.',
      task: 'Delete one worker pod, then watch the replacement for half a minute.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'podsReplaced', selector: 'app=worker', count: 1 },
          { kind: 'podStatus', selector: 'app=worker', status: 'CrashLoopBackOff', count: 2 },
        ],
      },
      success:
        "The brand-new pod crashes exactly like the old one. Self-healing restores the **count** of copies; it cannot repair the code inside them. A broken version is a person's job.",
      hints: ["Use **Delete pod** from a pod's menu, or `kubectl delete pod <name>`."],
      solution: [{ fault: { type: 'PodDelete', selector: 'app=worker' } }, { wait: '30s' }],
      facts: [
        {
          says: 'The brand-new pod crashes exactly like the old one',
          check: {
            kind: 'all',
            goals: [
              { kind: 'podsReplaced', selector: 'app=worker' },
              { kind: 'podStatus', selector: 'app=worker', status: 'CrashLoopBackOff', count: 2 },
            ],
          },
        },
      ],
      mistakes: [
        {
          why: 'Crash the container again: the same pod restarts under its back-off, nothing new is tried.',
          actions: [{ fault: { type: 'PodCrash', selector: 'app=worker' } }, { wait: '30s' }],
        },
      ],
    },
    {
      id: 'ship-the-fix',
      title: 'Ship the fix',
      ideas: [7, 10],
      text: 'The developers found the bug and published `worker:1.1`. The cure is a new declaration: change the image, and the Deployment rolls the fixed version out.',
      task: 'Declare the fixed version: the worker Deployment should run `worker:1.1`.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'rolloutComplete', deployment: 'worker', image: 'worker:1.1' },
          { kind: 'podsReady', selector: 'app=worker', count: 2 },
        ],
      },
      success:
        'Both pods run 1.1 and stay up. The Deployment added a 1.1 pod first (one extra pod is allowed during a rollout), and removed a crashing pod as soon as a new one was up: the crashing pods were never available, so taking them away cost nothing.\n\n' +
        'If you used `kubectl set image`: the **Desired state** editor still shows `image: worker:1.0`. The editor holds the text you edit, not what the cluster has recorded, and kubectl changed the record directly. `kubectl get deployment worker -o yaml` shows what is declared now. (What would pressing Apply on that old text do? The last question of this lesson tries it.)',
      hints: [
        'The image is part of the pod template. Change it in the editor and apply, or use `kubectl set image`.',
        '`kubectl set image deployment/worker worker=worker:1.1` (the container is called `worker`).',
      ],
      solution: [{ kubectl: 'set image deployment/worker worker=worker:1.1' }, { wait: '30s' }],
      facts: [
        {
          says: 'The Deployment added a 1.1 pod first',
          check: { kind: 'podCount', selector: 'app=worker', atLeast: 3 },
          when: 'sometime',
          until: '1s',
        },
        {
          says: 'removed a crashing pod as soon as a new one was up',
          check: { kind: 'podCount', selector: 'app=worker', atMost: 3 },
          when: 'always',
        },
        {
          says: 'Both pods run 1.1 and stay up',
          check: {
            kind: 'all',
            goals: [
              { kind: 'rolloutComplete', deployment: 'worker', image: 'worker:1.1' },
              { kind: 'podsReady', selector: 'app=worker', count: 2 },
            ],
          },
        },
        {
          says: 'Both pods run 1.1 and stay up',
          check: { kind: 'podRestarted', selector: 'app=worker' },
          from: '5s',
          when: 'never',
        },
      ],
      mistakes: [
        {
          why: 'Restart the rollout, hoping fresh pods will do better: they run the same 1.0 image and crash the same way.',
          actions: [{ kubectl: 'rollout restart deployment/worker' }, { wait: '30s' }],
        },
      ],
    },
  ],
  quiz: [
    {
      id: 'self-healing-bugs',
      type: 'single',
      ideas: [7],
      prompt: 'A new release crashes on start in every pod. What will the cluster do about it on its own?',
      choices: [
        {
          id: 'restart-forever',
          text: 'Keep restarting the containers, with longer and longer pauses, until someone changes the declaration.',
          correct: true,
          explanation:
            'Right. Restarting is the only tool the kubelet has, and it keeps using it (back-off up to 5 minutes). It is a loop, not a cure.',
        },
        {
          id: 'fix',
          text: 'Restart them until one start succeeds, which fixes the problem.',
          correct: false,
          explanation:
            'A program that crashes on every start will crash on the next one too. Restarts help with rare, random failures, not with bugs.',
        },
        {
          id: 'auto-rollback',
          text: 'Notice the crashes and roll back to the previous version automatically.',
          correct: false,
          explanation:
            'Kubernetes does not roll back by itself. A rollout with crashing pods stalls; a person (or a separate tool) rolls back.',
        },
        {
          id: 'delete',
          text: 'Delete the pods for good, since they are broken.',
          correct: false,
          explanation:
            'The declaration still asks for N copies, so pods are kept (and restarted), never abandoned.',
        },
      ],
    },
    {
      id: 'backoff-facts',
      type: 'multiple',
      ideas: [7],
      prompt: 'Which of these are true about `CrashLoopBackOff`?',
      choices: [
        {
          id: 'waiting',
          text: 'It means the kubelet is waiting before the next restart of a container that keeps exiting.',
          correct: true,
          explanation: 'Yes: it is a waiting state between restarts, shown in the STATUS column.',
        },
        {
          id: 'grows',
          text: 'The wait roughly doubles each time, up to a cap of five minutes.',
          correct: true,
          explanation: 'Yes: 10 s, 20 s, 40 s ... capped at 300 s (the very first restart is immediate).',
        },
        {
          id: 'new-node',
          text: 'The pod is moved to another node after a few crashes.',
          correct: false,
          explanation: 'No: a pod never moves. The same pod restarts on the same node; RESTARTS counts it.',
        },
        {
          id: 'stops',
          text: 'After ten crashes the kubelet gives up for good.',
          correct: false,
          explanation:
            'No: with restartPolicy Always it never gives up; it only waits longer (up to 5 minutes).',
        },
      ],
    },
    {
      id: 'predict-scale-up-broken',
      type: 'predict',
      ideas: [7, 9],
      prompt:
        'Back at the start, with the broken 1.0 image, you scale the worker from 2 to 4 replicas. A minute later, what do you see?',
      choices: [
        {
          id: 'four-crashing',
          text: 'Four pods, all crashing and restarting.',
          correct: true,
          explanation:
            'Right. More copies of a broken program are more broken copies. Scaling changes how many run, not what they run.',
        },
        {
          id: 'two-healthy',
          text: 'Two of the new pods run fine, because new pods get a fresh start.',
          correct: false,
          explanation: 'Every pod runs the same image with the same bug; fresh starts crash the same way.',
        },
        {
          id: 'refused',
          text: 'The scale is refused while pods are crashing.',
          correct: false,
          explanation:
            'The API accepts the new declaration; nothing checks whether the pods are healthy before scaling.',
        },
      ],
      tryIt: {
        text: "From the lesson's start, scale the broken worker to 4 and wait a minute.",
        from: 'start',
        actions: [{ kubectl: 'scale deployment/worker --replicas=4' }, { wait: '60s' }],
        expect: {
          kind: 'all',
          goals: [
            { kind: 'podScheduled', selector: 'app=worker', count: 4 },
            { kind: 'podRestarted', selector: 'app=worker', count: 2 },
            { kind: 'podsReady', selector: 'app=worker', count: 0 },
          ],
        },
      },
    },
    {
      id: 'predict-stale-editor',
      type: 'predict',
      ideas: [2, 10],
      prompt:
        'You fixed the worker with `kubectl set image`, and the editor still shows `image: worker:1.0`. Now you press **Apply** on that unchanged text. What happens?',
      choices: [
        {
          id: 'rolls-back',
          text: 'The Deployment is declared with 1.0 again and rolls the crashing version back out.',
          correct: true,
          explanation:
            'Right. Apply sends the whole declaration in the editor, and it says 1.0. The cluster has no idea that the text is stale: the last declaration wins. This is why teams keep manifests in one place (often git) and change them there, not with one-off commands.',
        },
        {
          id: 'nothing',
          text: 'Nothing: the editor only shows what is running, and applying what is running changes nothing.',
          correct: false,
          explanation:
            'The editor is your draft, not a live view. It still says 1.0 because kubectl changed the cluster, not the text. Applying it declares 1.0.',
        },
        {
          id: 'refused',
          text: 'The API server refuses it, because the image it names is known to crash.',
          correct: false,
          explanation:
            'The API server checks that a manifest is well-formed, not whether its image works. A crashing version is accepted like any other; only the kubelets find out.',
        },
      ],
      tryIt: {
        text: 'From the end of the lesson, apply the worker Deployment with `worker:1.0` again and wait half a minute.',
        actions: [{ apply: worker('worker:1.0') }, { wait: '30s' }],
        expect: {
          kind: 'all',
          goals: [
            { kind: 'deploymentImage', deployment: 'worker', image: 'worker:1.0' },
            { kind: 'podStatus', selector: 'app=worker', status: 'CrashLoopBackOff' },
          ],
        },
      },
    },
  ],
};

export default lesson;
