import type { Lesson } from './types';

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
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  replicas: 2
  selector:
    matchLabels: { app: worker }
  template:
    metadata:
      labels: { app: worker }
    spec:
      containers:
        - name: worker
          image: worker:1.0
          resources:
            requests: { cpu: 100m, memory: 64Mi }
`,
  steps: [
    {
      id: 'watch-it-crash',
      title: 'Watch the restarts slow down',
      ideas: [7],
      text: 'Version 1.0 of this worker has a bug: five seconds after it starts, it exits with code 1. The kubelet restarts it, as it should. The first restart is immediate; after that it waits 10 s, then 20 s, 40 s, and so on up to five minutes, so a broken program cannot hog the node.',
      task: "Press **Play** and watch the pods' STATUS. Wait until one shows `CrashLoopBackOff`. (`kubectl describe pod` shows the `BackOff` events.)",
      goal: { kind: 'podStatus', selector: 'app=worker', status: 'CrashLoopBackOff' },
      success:
        '`CrashLoopBackOff` is not an error of its own: it means "this container keeps exiting, and I am waiting before the next restart". The RESTARTS column keeps climbing while the pauses grow.',
      hints: ['Nothing to do but let simulated time run for half a minute or so.'],
      solution: [{ wait: '30s' }],
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
    },
    {
      id: 'ship-the-fix',
      title: 'Ship the fix',
      ideas: [7, 10],
      text: 'The developers found the bug and published `worker:1.1`. The cure is a new declaration: change the image, and the Deployment rolls the fixed version out.',
      task: 'Run `kubectl set image deployment/worker worker=worker:1.1`, or change the image in the editor and apply.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'rolloutComplete', deployment: 'worker', image: 'worker:1.1' },
          { kind: 'podsReady', selector: 'app=worker', count: 2 },
        ],
      },
      success:
        'Both pods run 1.1 and stay up. The crashing pods were removed first: they were never available, so taking them away cost nothing.',
      hints: ['The container is called `worker`, so the argument is `worker=worker:1.1`.'],
      solution: [{ kubectl: 'set image deployment/worker worker=worker:1.1' }, { wait: '30s' }],
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
  ],
};

export default lesson;
