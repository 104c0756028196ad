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

/** Two pods made by hand with the Deployment's label, the way a script would add copies. */
const barePods = [1, 2]
  .map(
    (n) => `apiVersion: v1
kind: Pod
metadata:
  name: web-extra-${n}
  labels: { app: web }
spec:
  containers:
    - name: web
      image: web:1.0
`,
  )
  .join('---\n');

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
  nodes:
    - { name: node-1 }
    - { name: node-2 }
    - { name: node-3 }
    - { name: node-4 }
    - { name: node-5 }
  images:
    web:1.0: { pullSeconds: 3, startupSeconds: 2 }
`,
  steps: [
    {
      id: 'declare-three',
      title: 'Declare three copies',
      ideas: [1, 2],
      text:
        'Five empty machines wait for work. Running one container by hand is easy; keeping dozens alive across many machines, through crashes and restarts at 3 a.m., is not. So instead of starting containers yourself, you write down the result you want and let the cluster work it out.\n\n' +
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
        'Each pod shows `ContainerCreating` while its node pulls the image (3 s here), then `Running`. Give it a few simulated seconds.',
      ],
      solution: [{ apply: deployment(3) }, { wait: '15s' }],
      facts: [
        { says: 'Three pods are Ready', check: { kind: 'podsReady', selector: 'app=web', count: 3 } },
        {
          says: 'Each pod shows `ContainerCreating` while its node pulls the image (3 s here), then `Running`',
          check: { kind: 'podStatus', selector: 'app=web', status: 'ContainerCreating', count: 3 },
          when: 'sometime',
          until: '2s',
        },
        {
          says: 'then `Running`',
          check: { kind: 'podStatus', selector: 'app=web', status: 'Running', count: 3 },
          when: 'sometime',
          until: '4s',
        },
        {
          says: 'the scheduler picked nodes',
          check: {
            kind: 'podsOnNodes',
            selector: 'app=web',
            nodes: ['node-1', 'node-2', 'node-3', 'node-4', 'node-5'],
            count: 3,
          },
        },
      ],
      mistakes: [
        {
          why: 'Apply the Deployment with the default of one replica (no `replicas` line).',
          actions: [{ apply: deployment(1) }, { wait: '15s' }],
        },
      ],
    },
    {
      id: 'move-the-setpoint',
      title: 'Turn the dial to five',
      ideas: [2, 3],
      text:
        'Traffic is growing and you want five copies. You do not add two pods yourself: you change the declaration, and the same loop that created three notices the gap and closes it.\n\n' +
        'Notice the moment in between: the Deployment already says 5 while only 3 pods are Ready. The two new pods went to the two idle machines, which first have to pull the image. Declared is not yet converged.',
      task: 'Change `replicas` to `5` and apply, or run `kubectl scale deployment/web --replicas=5`.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'replicasAtLeast', deployment: 'web', count: 5, of: 'spec' },
          { kind: 'podsReady', selector: 'app=web', count: 5 },
        ],
      },
      success:
        'Five Ready pods. The loop observed 3, compared with 5, created 2, and went back to watching. It never stops watching.',
      hints: [
        'Only the number changes; everything else in the manifest stays as it was.',
        'The kubectl way: `kubectl scale deployment/web --replicas=5`.',
      ],
      solution: [{ kubectl: 'scale deployment/web --replicas=5' }, { wait: '10s' }],
      facts: [
        {
          says: 'the Deployment already says 5 while only 3 pods are Ready',
          check: {
            kind: 'all',
            goals: [
              { kind: 'replicasAtLeast', deployment: 'web', count: 5, of: 'spec' },
              { kind: 'podsReady', selector: 'app=web', count: 3 },
            ],
          },
          when: 'sometime',
          until: '2s',
        },
        {
          says: 'The two new pods went to the two idle machines, which first have to pull the image',
          check: { kind: 'podStatus', selector: 'app=web', status: 'ContainerCreating', count: 2 },
          when: 'sometime',
          until: '2s',
        },
        {
          says: 'the two idle machines',
          check: {
            kind: 'spreadAcrossZones',
            selector: 'app=web',
            topologyKey: 'kubernetes.io/hostname',
            maxSkew: 0,
          },
        },
        {
          says: 'created 2',
          check: {
            kind: 'eventRecorded',
            reason: 'ScalingReplicaSet',
            message: 'from 3 to 5',
            resource: 'Deployment',
            name: 'web',
          },
        },
        { says: 'Five Ready pods', check: { kind: 'podsReady', selector: 'app=web', count: 5 } },
      ],
      mistakes: [
        {
          why: 'Add two pods yourself, with the same label, instead of changing the declaration: the ReplicaSet adopts them and deletes the two extra copies.',
          actions: [{ apply: barePods }, { wait: '10s' }],
        },
      ],
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
          {
            kind: 'eventRecorded',
            reason: 'ScalingReplicaSet',
            message: 'from 0 to 5',
            resource: 'Deployment',
            name: 'web',
          },
          { kind: 'podsReplaced', selector: 'app=web', count: 5 },
          { kind: 'podsReady', selector: 'app=web', count: 5 },
        ],
      },
      success:
        'The ReplicaSet went and its pods went with it: they were owned by it, so the garbage collector removed them. The Deployment still declared five copies of the same template, so it made a new ReplicaSet (with the same name: the name ends in a hash of the pod template) and scaled it from 0 to 5, which made five fresh pods. Work at the Deployment level: it is the object whose wishes win.',
      hints: [
        '`kubectl get rs` shows the ReplicaSet with its generated name, such as `web-5d8c7f9b6`.',
        'A label selector saves typing the name: `kubectl delete rs -l app=web`.',
      ],
      solution: [{ kubectl: 'delete replicaset -l app=web' }, { wait: '20s' }],
      facts: [
        {
          says: 'scaled it from 0 to 5',
          check: {
            kind: 'eventRecorded',
            reason: 'ScalingReplicaSet',
            message: 'from 0 to 5',
            resource: 'Deployment',
            name: 'web',
          },
        },
        {
          says: 'five fresh pods',
          check: {
            kind: 'all',
            goals: [
              { kind: 'podsReplaced', selector: 'app=web', count: 5 },
              { kind: 'podsReady', selector: 'app=web', count: 5 },
            ],
          },
        },
      ],
      mistakes: [
        {
          why: 'Delete the pods instead of the ReplicaSet: the same ReplicaSet replaces them, and no new one is made.',
          actions: [{ kubectl: 'delete pods -l app=web' }, { wait: '20s' }],
        },
        {
          why: 'Delete the Deployment itself: then nothing declares any copies, and nothing comes back.',
          actions: [{ kubectl: 'delete deployment web' }, { wait: '20s' }],
        },
      ],
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
      prompt:
        'Which of these are a controller doing what every controller does: observe the cluster, compare it with what is declared, act on the difference?',
      choices: [
        {
          id: 'replace',
          text: 'Creating a new pod after one was deleted.',
          correct: true,
          explanation:
            'Yes: the ReplicaSet controller observed 2 pods, compared with 3, and created one. Self-healing is that loop, not a separate feature.',
        },
        {
          id: 'scale',
          text: 'Starting two more pods after `replicas` went from 3 to 5.',
          correct: true,
          explanation:
            'Yes: the same ReplicaSet loop meets a different gap. You moved the setpoint; it found 3 where 5 are declared.',
        },
        {
          id: 'rollout',
          text: 'Replacing old-version pods with new-version pods a few at a time.',
          correct: true,
          explanation:
            'Yes, with a different controller running the same pattern: the Deployment controller compares its pod template with its ReplicaSets and moves replicas from the old one to the new, paced so the service stays up. The ReplicaSet controller then makes and removes the pods.',
        },
        {
          id: 'nightly-restart',
          text: 'A job that restarts every pod at 3 a.m., whether anything is wrong or not.',
          correct: false,
          explanation:
            'No: that is a script on a timer. It acts without comparing anything, and between its runs nobody notices what breaks. A controller acts only on a difference it observed, and it keeps observing.',
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
          id: 'yaml-script',
          text: 'It does go stale the same way: applying a manifest runs its steps once, like the script, only written in YAML.',
          correct: false,
          explanation:
            'Applying a manifest runs no steps. It records the desired state in the cluster, and controllers compare reality with it again and again, long after you pressed Apply. That repeated comparison is what a script lacks.',
        },
      ],
    },
  ],
};

export default lesson;
