import type { Lesson } from './types';

const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: web:1.0
          resources:
            requests: { cpu: 250m, memory: 128Mi }
`;

/** Lesson 1: desired state and the loop that chases it, like a thermostat and its setpoint. */
const lesson: Lesson = {
  id: 'thermostat',
  title: 'The thermostat: declare it, watch it happen',
  summary:
    'Tell the cluster how many copies of a web app you want, watch the control loop make it true, then move the setpoint.',
  ideas: [1, 2, 3, 5],
  scenario: `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata:
  name: thermostat
spec:
  seed: 7
  images:
    web:1.0: { pullSeconds: 3, startupSeconds: 2 }
`,
  steps: [
    {
      id: 'declare-three',
      title: 'Declare three copies',
      ideas: [1, 2],
      text:
        'Three empty machines wait for work. Running one container by hand is easy; keeping dozens alive across many machines, through crashes and restarts at 3 a.m., is not. So instead of starting containers yourself, you write down the result you want and let the cluster work it out.\n\n' +
        'A **Deployment** is that written-down wish: "three copies of `web:1.0`, please". Like the temperature on a thermostat, it is a setpoint, not a list of steps.',
      task:
        'Paste the manifest below into the **Desired state** editor and press **Apply**. Then watch the pods appear.\n\n' +
        '```\n' +
        deployment(3) +
        '```',
      goal: { kind: 'podsReady', selector: 'app=web', count: 3 },
      success:
        'Three pods are Ready. You never said which machine, or in what order: the scheduler picked nodes and each kubelet pulled the image and started the container.',
      hints: [
        'The editor wants the whole Deployment, from `apiVersion` down to the container.',
        'Pods go Pending, then ContainerCreating (pulling the image), then Running. Give it a few simulated seconds.',
      ],
      solution: [{ apply: deployment(3) }, { wait: '15s' }],
    },
    {
      id: 'move-the-setpoint',
      title: 'Turn the dial to five',
      ideas: [2, 3],
      text:
        'Traffic is growing and you want five copies. You do not add two pods yourself: you change the declaration, and the same loop that created three notices the gap and closes it.\n\n' +
        'Notice the moment in between: the Deployment already says 5 while only 3 pods exist. Declared is not yet converged.',
      task: 'Change `replicas` to `5` and apply, or run `kubectl scale deployment/web --replicas=5`.',
      goal: { kind: 'podsReady', selector: 'app=web', count: 5 },
      success:
        'Five Ready pods. The loop observed 3, compared with 5, created 2, and went back to watching. It never stops watching.',
      hints: [
        'Only the number changes; everything else in the manifest stays as it was.',
        'The kubectl way: `kubectl scale deployment/web --replicas=5`.',
      ],
      solution: [{ kubectl: 'scale deployment/web --replicas=5' }, { wait: '10s' }],
    },
    {
      id: 'one-level-down',
      title: 'Meddle one level down',
      ideas: [3, 5],
      text:
        'Objects stack. Your Deployment owns a **ReplicaSet**, whose only job is to keep N identical pods; the Deployment adds safe change between versions on top. Try `kubectl get replicasets` to see it.\n\n' +
        "What if you remove the ReplicaSet itself, pods and all, behind the Deployment's back?",
      task: 'Delete the ReplicaSet (not the Deployment): `kubectl delete replicaset -l app=web`. Watch what the Deployment does about it.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'podsReplaced', selector: 'app=web', count: 5 },
          { kind: 'podsReady', selector: 'app=web', count: 5 },
        ],
      },
      success:
        'The ReplicaSet went and its pods went with it (they were owned by it). The Deployment still declared five copies of the same template, so it made a fresh ReplicaSet, which made five fresh pods. Work at the Deployment level: it is the object whose wishes win.',
      hints: [
        '`kubectl get rs` shows the ReplicaSet with its generated name, such as `web-5d8c7f9b6`.',
        'A label selector saves typing the name: `kubectl delete rs -l app=web`.',
      ],
      solution: [{ kubectl: 'delete replicaset -l app=web' }, { wait: '20s' }],
    },
  ],
  quiz: [
    {
      id: 'declared-not-converged',
      type: 'single',
      ideas: [2, 3],
      prompt:
        'You apply `replicas: 5`, and a second later `kubectl get pods` shows only three Running pods. What does that tell you?',
      choices: [
        {
          id: 'converging',
          text: 'Nothing is wrong yet: the declaration is recorded and the loop is still closing the gap.',
          correct: true,
          explanation:
            'Right. Declaring a state does not make it true instantly. New pods need to be scheduled, pull an image and start; the loop converges over time, or shows why it cannot.',
        },
        {
          id: 'failed',
          text: 'The apply failed, so you should apply again.',
          correct: false,
          explanation:
            'Applying again changes nothing: the desired state already says 5. A failed apply prints an error and the Deployment would not say 5 at all.',
        },
        {
          id: 'steps',
          text: 'You still have to tell the cluster to start the two missing pods.',
          correct: false,
          explanation:
            "That is the imperative habit. You declare the end state; creating the missing pods is the controllers' job, not yours.",
        },
        {
          id: 'instant',
          text: 'The cluster only counts pods once all five exist, so the output is stale.',
          correct: false,
          explanation:
            '`kubectl get pods` shows what exists now. The gap between declared and actual is real and normal; it is what the loop works on.',
        },
      ],
    },
    {
      id: 'one-loop',
      type: 'multiple',
      ideas: [1, 3],
      prompt: 'Which of these are the same reconcile loop (observe, compare, act) meeting a different gap?',
      choices: [
        {
          id: 'replace',
          text: 'Creating a new pod after one was deleted.',
          correct: true,
          explanation:
            'Yes: observed 2, desired 3, so act by creating one. Self-healing is the loop, not a separate feature.',
        },
        {
          id: 'scale',
          text: 'Starting two more pods after `replicas` went from 3 to 5.',
          correct: true,
          explanation: 'Yes: scaling is a change of the setpoint, and the same comparison finds the gap.',
        },
        {
          id: 'rollout',
          text: 'Replacing old-version pods with new-version pods a few at a time.',
          correct: true,
          explanation:
            'Yes: a rollout is the loop closing the gap between the old and the new pod template, paced so the service stays up.',
        },
        {
          id: 'build',
          text: 'Building the container image from your source code.',
          correct: false,
          explanation:
            'No: images are built before anything reaches the cluster (in CI, for example). The cluster runs images; it does not make them.',
        },
      ],
    },
    {
      id: 'predict-delete-two',
      type: 'predict',
      ideas: [3],
      prompt:
        'Five copies are declared and running. You delete two pods at once. What will the cluster look like 15 seconds later?',
      choices: [
        {
          id: 'three',
          text: 'Three pods: you removed two, so the cluster now has three.',
          correct: false,
          explanation:
            'Deleting pods does not change the declaration. The Deployment still says 5, so the gap is closed again.',
        },
        {
          id: 'five-new',
          text: 'Five pods again, two of them brand new with different names.',
          correct: true,
          explanation:
            'Right. The ReplicaSet counts 3 where 5 are wanted and creates two new pods. They get new names: pods are disposable, the count is what is kept.',
        },
        {
          id: 'same-names',
          text: 'Five pods, and the two deleted ones come back with their old names.',
          correct: false,
          explanation:
            'Deployment pods have no identity to keep: replacements get fresh generated names. (Stable names are what a StatefulSet adds.)',
        },
      ],
      tryIt: {
        text: 'Delete two `app=web` pods, wait 15 seconds and count.',
        actions: [{ fault: { type: 'PodDelete', selector: 'app=web', count: 2 } }, { wait: '15s' }],
        expect: {
          kind: 'all',
          goals: [
            { kind: 'podsReplaced', selector: 'app=web', count: 2 },
            { kind: 'podsReady', selector: 'app=web', count: 5 },
          ],
        },
      },
    },
    {
      id: 'script-vs-declaration',
      type: 'single',
      ideas: [1, 2],
      prompt:
        'Your team used a script that starts 5 containers on chosen servers. Why does that go stale while a declaration does not?',
      choices: [
        {
          id: 'world-moves',
          text: 'The script ran once; when a server dies or a container crashes afterwards, nothing reruns it. A declaration is compared with reality again and again.',
          correct: true,
          explanation:
            'Right. The script encodes steps for the world as it was. The declared goal stays meaningful when the world moves, because a loop keeps acting on it.',
        },
        {
          id: 'speed',
          text: 'Declarations start containers faster than scripts.',
          correct: false,
          explanation:
            'Speed is not the difference: a container starts just as fast either way. What differs is who notices and fixes drift later.',
        },
        {
          id: 'yaml',
          text: 'Because YAML is more reliable than shell.',
          correct: false,
          explanation:
            'The file format is not the point. An imperative list of steps in YAML would go stale just the same.',
        },
      ],
    },
  ],
};

export default lesson;
