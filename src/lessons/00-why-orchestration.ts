import { deployment, service } from './fixtures';
import type { Lesson } from './types';

/** A pod started by hand on a chosen machine, the way a deploy script does it. */
const handPod = (n: number) => `apiVersion: v1
kind: Pod
metadata:
  name: web-${n}
  labels: { app: web }
spec:
  nodeName: node-${n}
  containers:
    - name: web
      image: web:1.0
      ports:
        - containerPort: 8080
`;

const BY_HAND = [1, 2, 3].map(handPod).join('---\n');
const DECLARED = deployment({ name: 'web', image: 'web:1.0', replicas: 3 });

/**
 * Lesson 0: why orchestration at all. The same three copies started by hand (as a script would) and then
 * declared: what happens at 3 a.m. in each case, and when all this machinery is not worth having.
 */
const lesson: Lesson = {
  id: 'why-orchestration',
  title: 'Why orchestration? By hand, then declared',
  summary:
    'Start three copies of a web app by hand, the way a deploy script does, and see what happens when one disappears at night. Then declare them instead, and decide when a cluster is worth its cost.',
  ideas: [1, 2, 16],
  scenario: `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata:
  name: why-orchestration
spec:
  seed: 21
  images:
    web:1.0: { pullSeconds: 2, startupSeconds: 1 }
  traffic:
    - { service: web, requestsPerSecond: 30 }
---
${service('web')}`,
  steps: [
    {
      id: 'by-hand',
      title: 'Three copies by hand',
      ideas: [1],
      text:
        'A small company runs its web app the way many start: a deploy script logs in to each of three servers and starts one copy there. One container is easy. Keeping dozens of them right, across many machines, through crashes, dead machines and traffic spikes, is what the problems with names are about: scheduling, self-healing, fault tolerance, scaling, load balancing, service discovery, deployment.\n\n' +
        'Do what the script does. Each copy below is a **Pod** pinned to a machine with `nodeName`. The `web` Service already exists and spreads requests over whatever runs with the label `app: web`; right now nothing does, so every request fails.',
      task:
        'Paste these three pods into the **Desired state** editor and press **Apply**:\n\n```\n' +
        BY_HAND +
        '```',
      goal: { kind: 'podsReady', selector: 'app=web', count: 3 },
      success:
        'Three copies, one per machine, and the Service sends each a third of the requests. It works, today. Nothing anywhere says that three should exist: only you, and the script, know that.',
      hints: ['Paste all three, with the `---` lines between them, and apply once.'],
      solution: [{ wait: '5s' }, { apply: BY_HAND }, { wait: '10s' }],
      facts: [
        {
          says: 'right now nothing does, so every request fails',
          check: { kind: 'requestsFailed', service: 'web', atLeast: 100, percentAtLeast: 100 },
          until: '5s',
        },
        {
          says: 'one per machine, and the Service sends each a third of the requests',
          check: {
            kind: 'all',
            goals: [
              { kind: 'serviceEndpoints', service: 'web', count: 3 },
              { kind: 'podUsage', selector: 'app=web', metric: 'requestsPerSecond', atLeast: 10, atMost: 10 },
            ],
          },
        },
      ],
      mistakes: [
        {
          why: 'Start one copy only: the app runs, with no copy to spare.',
          actions: [{ wait: '5s' }, { apply: handPod(1) }, { wait: '10s' }],
        },
      ],
    },
    {
      id: 'three-a-m',
      title: '3 a.m.',
      ideas: [1, 2],
      text: 'In the night one copy disappears: an eviction, a mistaken clean-up, a machine being emptied. The script ran yesterday; it is not watching. Nobody wrote down anywhere that three copies should exist, so nothing in the cluster compares what runs with what was meant.',
      task: 'Delete the pod `web-2` (**Delete pod** from its menu, or `kubectl delete pod web-2`). Watch for a minute.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'podsReplaced', pod: 'web-2' },
          {
            kind: 'sustained',
            for: '60s',
            goal: { kind: 'podCount', selector: 'app=web', atLeast: 2, atMost: 2 },
          },
        ],
      },
      success:
        'A minute later, still two. Nothing brings the third back: the cluster did exactly what it was told, start these three pods, and nobody told it to keep three. The Service quietly carries on with two, until the next one goes. Someone has to notice, at 3 a.m., and run the script again.',
      hints: ["The fault is in the pod's menu; `kubectl delete pod web-2` does the same."],
      solution: [{ fault: { type: 'PodDelete', pod: 'web-2' } }, { wait: '65s' }],
      facts: [
        {
          says: 'Nothing brings the third back',
          check: { kind: 'podCount', selector: 'app=web', atMost: 2 },
          from: '1s',
          when: 'always',
        },
        {
          says: 'The Service quietly carries on with two',
          check: { kind: 'serviceEndpoints', service: 'web', count: 2 },
        },
      ],
      mistakes: [
        {
          why: "Crash web-2's container instead: even a pod made by hand is restarted in place by its kubelet. The pod is not gone, so this is not the 3 a.m. story.",
          actions: [{ fault: { type: 'PodCrash', pod: 'web-2' } }, { wait: '65s' }],
        },
      ],
    },
    {
      id: 'declare-it',
      title: 'Declare it instead',
      ideas: [2],
      text:
        'Now write down what you want instead of what to do: a **Deployment** that says "three copies of `web:1.0`", with no machine named. It is recorded in the cluster, and a controller compares it with reality, again and again, for as long as it exists.\n\n' +
        'One thing to know: a Deployment only counts pods it made itself (it marks them with a label of its own), so your hand-made pods are not its pods. Clean them up.',
      task:
        'Apply this Deployment, then delete the hand-made pods `web-1` and `web-3`:\n\n```\n' +
        DECLARED +
        '```',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'replicasAtLeast', deployment: 'web', count: 3, of: 'spec' },
          { kind: 'objectExists', resource: 'Pod', name: 'web-1', present: false },
          { kind: 'objectExists', resource: 'Pod', name: 'web-3', present: false },
          { kind: 'podsReady', selector: 'app=web', count: 3 },
        ],
      },
      success:
        'Three pods again, and this time the cluster knows that three is the goal. You did not say which machines: the scheduler chose. The next step shows what that buys at 3 a.m.',
      hints: [
        'Apply the Deployment first, then `kubectl delete pod web-1 web-3` (or **Delete pod** on each).',
        "For a moment there are five `app: web` pods: your two and the Deployment's three. The Service sends requests to all of them.",
      ],
      solution: [
        { apply: DECLARED },
        { wait: '10s' },
        { kubectl: 'delete pod web-1 web-3' },
        { wait: '10s' },
      ],
      facts: [
        {
          says: 'For a moment there are five `app: web` pods',
          check: { kind: 'podCount', selector: 'app=web', atLeast: 5, atMost: 5 },
          when: 'sometime',
          until: '10s',
        },
        {
          says: 'You did not say which machines: the scheduler chose',
          check: {
            kind: 'eventRecorded',
            reason: 'Scheduled',
            selector: 'app=web',
            message: 'Successfully assigned',
          },
        },
      ],
      mistakes: [
        {
          why: 'Apply the Deployment and leave the hand-made pods: five copies run, two of them nobody manages.',
          actions: [{ apply: DECLARED }, { wait: '20s' }],
        },
      ],
    },
    {
      id: 'three-a-m-again',
      title: '3 a.m., declared',
      ideas: [1, 2],
      text: 'The same night, the same accident. This time a controller holds the declaration: three copies.',
      task: "Delete one of the Deployment's pods and watch.",
      goal: {
        kind: 'all',
        goals: [
          { kind: 'podsReplaced', selector: 'app=web' },
          { kind: 'podsReady', selector: 'app=web', count: 3 },
        ],
      },
      success:
        'Replaced within seconds, by a new pod with a new name, and nobody woke up. That is the whole idea of the course: you declare the result, and a loop keeps comparing and acting. Every other lesson is that loop meeting a different gap.',
      hints: ['Any `web-...` pod will do: **Delete pod** from its menu.'],
      solution: [{ fault: { type: 'PodDelete', selector: 'app=web' } }, { wait: '10s' }],
      facts: [
        {
          says: 'Replaced within seconds',
          check: { kind: 'podsReady', selector: 'app=web', count: 3 },
          from: '5s',
          when: 'always',
        },
      ],
      mistakes: [
        {
          why: 'Scale the Deployment down to two: one pod goes, and by the declaration nothing is missing.',
          actions: [{ kubectl: 'scale deployment/web --replicas=2' }, { wait: '10s' }],
        },
      ],
    },
  ],
  quiz: [
    {
      id: 'what-the-script-lacks',
      type: 'single',
      ideas: [1, 2],
      prompt: 'The hand-started pod was gone for good; the declared one came back. What made the difference?',
      choices: [
        {
          id: 'recorded-goal',
          text: 'The declaration is recorded in the cluster, and a controller keeps comparing it with what runs.',
          correct: true,
          explanation:
            'Right. The script ran once and held its intent in a file and in your head. The Deployment keeps the intent where a loop can act on it, at any hour.',
        },
        {
          id: 'better-pods',
          text: 'Pods made by a Deployment are sturdier than pods made by hand.',
          correct: false,
          explanation:
            'They are the same kind of pod, run the same way by the same kubelet. Both were deleted just as easily; only one had a controller to replace it.',
        },
        {
          id: 'yaml',
          text: 'The Deployment was written in YAML, which the cluster reads again every few seconds.',
          correct: false,
          explanation:
            'Your hand-made pods were YAML too. What the cluster keeps re-reading is the declared state stored in it; the format it arrived in does not matter.',
        },
      ],
    },
    {
      id: 'who-should-adopt',
      type: 'multiple',
      ideas: [16, 1],
      prompt:
        'A cluster is a large fixed cost (machines, upgrades, people who know it) with a small cost per extra service. Which of these teams would you advise to adopt Kubernetes now?',
      choices: [
        {
          id: 'many-services',
          text: 'Forty services on thirty machines, deployed several times a day, with a team to run the platform.',
          correct: true,
          explanation:
            'Yes: the fixed cost is shared by many services, and scheduling, healing and rollouts at that size are daily work a person should not do by hand.',
        },
        {
          id: 'spiky',
          text: 'A shop of a dozen services whose traffic is ten times higher on sale days.',
          correct: true,
          explanation:
            'Probably yes: autoscaling pods and machines for the spikes, and rolling out without downtime, pay for the machinery. (A managed cluster keeps the fixed cost lower.)',
        },
        {
          id: 'one-app',
          text: 'Two people, one web app and its database, on one server.',
          correct: false,
          explanation:
            'Probably not yet: there is nothing to schedule and nowhere to fail over to, and the cluster would cost more to run than the app. A single server, a managed platform or Docker Compose fits better.',
        },
        {
          id: 'monthly-job',
          text: 'A report that one analyst runs once a month on a laptop.',
          correct: false,
          explanation:
            'No: nothing has to stay running, and a loop that keeps a count of copies has nothing to keep.',
        },
      ],
    },
    {
      id: 'predict-dead-machine-by-hand',
      type: 'predict',
      ideas: [1, 8],
      prompt:
        'Three pods started by hand, one per machine, and no Deployment. node-2 loses power. Seven minutes later, how many `web` pods are running?',
      choices: [
        {
          id: 'two',
          text: 'Two. The lost pod is eventually removed, and nothing makes a new one.',
          correct: true,
          explanation:
            "Right. The control plane notices the dead machine after 50 s and evicts its pod about 5 minutes later, but eviction only deletes: making a replacement is a controller's job, and no controller owns a pod made by hand.",
        },
        {
          id: 'three',
          text: 'Three. The cluster moves the pod to a healthy machine.',
          correct: false,
          explanation:
            'Pods never move. A replacement is a new pod, and only a controller (a ReplicaSet, a StatefulSet...) creates one. A pod made by hand has none.',
        },
        {
          id: 'three-waiting',
          text: 'Three: the pod waits on node-2 until the machine is back.',
          correct: false,
          explanation:
            'Pods on a dead machine are evicted after the 300 s toleration. They do stay listed as Terminating, but they are not running.',
        },
      ],
      tryIt: {
        text: 'From the start, apply the three hand-made pods, power off node-2 and let seven minutes pass.',
        from: 'start',
        actions: [
          { apply: BY_HAND },
          { wait: '10s' },
          { fault: { type: 'NodeFailure', node: 'node-2' } },
          { wait: '7m' },
        ],
        expect: {
          kind: 'all',
          goals: [
            { kind: 'podCount', selector: 'app=web', atLeast: 2, atMost: 2 },
            { kind: 'podStatus', pod: 'web-2', status: 'Terminating' },
          ],
        },
      },
    },
  ],
};

export default lesson;
