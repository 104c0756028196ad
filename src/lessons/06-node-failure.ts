import type { Lesson } from './types';

/** Lesson 6: a machine dies at 3 a.m.: 50 s of silence, then NotReady, then eviction 300 s later. */
const lesson: Lesson = {
  id: 'node-failure',
  title: 'A node dies at 3 a.m.',
  summary:
    'Pull the plug on a machine and follow the timeline: silence, Unknown after 50 s, traffic moved away, and replacements five minutes later.',
  ideas: [8, 3],
  scenario: `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata:
  name: node-failure
spec:
  seed: 2
  nodes:
    - { name: node-1, capacity: { cpu: '4', memory: 8Gi }, labels: { topology.kubernetes.io/zone: zone-a } }
    - { name: node-2, capacity: { cpu: '4', memory: 8Gi }, labels: { topology.kubernetes.io/zone: zone-b } }
    - { name: node-3, capacity: { cpu: '4', memory: 8Gi }, labels: { topology.kubernetes.io/zone: zone-c } }
  images:
    api:1.0: { pullSeconds: 2, startupSeconds: 1 }
  traffic:
    - { service: api, requestsPerSecond: 30 }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 6
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
      containers:
        - name: api
          image: api:1.0
          ports:
            - containerPort: 8080
          resources:
            requests: { cpu: 250m, memory: 256Mi }
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector: { app: api }
  ports:
    - port: 80
      targetPort: 8080
`,
  steps: [
    {
      id: 'pull-the-plug',
      title: 'Pull the plug',
      ideas: [8, 4],
      text: 'Six api pods run on three machines. A dead machine does not announce its death: its kubelet simply stops reporting. The control plane cannot tell a crashed machine from a slow network, so it waits for a grace period (50 s) before it believes anything is wrong.',
      task: 'Fail `node-2` (**Fail node** from its menu). Then watch the clock: nothing visible happens for almost a minute.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'nodeCondition', node: 'node-2', status: 'Unknown' },
          { kind: 'serviceEndpoints', service: 'api', count: 4 },
        ],
      },
      success:
        'After 50 s without a heartbeat the node lifecycle controller set node-2 to `Unknown`, tainted it, and marked its pods not ready, so the Service stopped sending them requests. The pods themselves still exist: nobody knows whether they are running.',
      hints: [
        "Faults live in a node's menu and in the toolbar. Then let about a minute of simulated time pass.",
      ],
      solution: [{ wait: '20s' }, { fault: { type: 'NodeFailure', node: 'node-2' } }, { wait: '70s' }],
    },
    {
      id: 'wait-for-eviction',
      title: 'Wait for the eviction',
      ideas: [8, 3],
      text: 'Every pod tolerates the `unreachable` taint for 300 s by default: a short network blip should not reshuffle the whole cluster. Only when that time is up are the pods evicted, and their ReplicaSet creates replacements on the healthy nodes.',
      task: 'Let simulated time run (speed it up if you like) until six api pods are Ready again, none of them on node-2.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'podsReady', selector: 'app=api', count: 6 },
          { kind: 'podsOnNodes', selector: 'app=api', notNodes: ['node-2'], count: 6 },
        ],
      },
      success:
        'About 350 s after the last heartbeat, the old pods were evicted. They stay `Terminating` (no kubelet can confirm they stopped), but the ReplicaSet ignores terminating pods and made two new ones elsewhere. At 3 a.m., nobody had to wake up.',
      hints: ['Nothing to do: this step is about waiting five minutes of simulated time.'],
      solution: [{ wait: '5m' }],
    },
    {
      id: 'bring-it-back',
      title: 'Bring the machine back',
      ideas: [8],
      text: 'The machine is repaired and powered on. Its kubelet starts reporting again; it also finds the old pods it was running, which have been deleted in the meantime, and stops them.',
      task: 'Recover node-2 (**Recover node** from its menu).',
      goal: { kind: 'nodeCondition', node: 'node-2', status: 'True' },
      success:
        'node-2 is Ready and empty. The replacements stay where they are: the cluster does not move running pods back to rebalance.',
      hints: ['The recovery fault is next to the failure fault.'],
      solution: [{ fault: { type: 'NodeRecovery', node: 'node-2' } }, { wait: '30s' }],
    },
  ],
  quiz: [
    {
      id: 'timeline',
      type: 'single',
      ideas: [8],
      prompt: "A node's machine dies. With default settings, roughly when are its pods replaced elsewhere?",
      choices: [
        {
          id: 'six-minutes',
          text: 'After about six minutes: 50 s until the node is marked, then 300 s of toleration.',
          correct: true,
          explanation:
            'Right. The grace period avoids reacting to a hiccup; the toleration avoids evicting on a short outage. Pods stop getting traffic much earlier, at the 50 s mark.',
        },
        {
          id: 'instantly',
          text: 'Instantly: the control plane sees the machine go down.',
          correct: false,
          explanation:
            'A dead machine just goes quiet. Silence is only trusted after the grace period, because a slow network looks the same.',
        },
        {
          id: 'never',
          text: 'Never: the pods wait for the node to come back.',
          correct: false,
          explanation:
            'Deployment pods are evicted after the toleration and replaced. (Pods that tolerate the taint forever, such as DaemonSet pods, do wait.)',
        },
      ],
    },
    {
      id: 'during-the-wait',
      type: 'multiple',
      ideas: [8, 12],
      prompt: 'Between the 50 s mark and the eviction, what is true of the pods on the dead node?',
      choices: [
        {
          id: 'no-traffic',
          text: 'They are marked not ready, so the Service sends them no requests.',
          correct: true,
          explanation: 'Yes: endpoints follow readiness, so traffic goes to the pods on healthy nodes.',
        },
        {
          id: 'still-listed',
          text: 'They still appear in `kubectl get pods`.',
          correct: true,
          explanation: 'Yes: the API objects remain; only their status changed.',
        },
        {
          id: 'replaced-already',
          text: 'Replacements are already running elsewhere.',
          correct: false,
          explanation: 'Not yet: replacements are created at eviction, about five minutes later.',
        },
        {
          id: 'restarting',
          text: 'The kubelet on the dead node keeps restarting them.',
          correct: false,
          explanation: 'That kubelet is dead with its machine; nothing runs there.',
        },
      ],
    },
    {
      id: 'predict-first-forty-seconds',
      type: 'predict',
      ideas: [8],
      prompt:
        "From the lesson's start, node-3 fails. What does `kubectl get nodes` say about node-3 forty seconds later?",
      choices: [
        {
          id: 'still-ready',
          text: 'Still `Ready`: the grace period has not run out.',
          correct: true,
          explanation:
            'Right. For 50 s the control plane keeps trusting the last report. Inside that window the cluster looks healthy.',
        },
        {
          id: 'not-ready',
          text: '`NotReady`, with its pods already evicted.',
          correct: false,
          explanation: 'Too early on both counts: Unknown comes after 50 s, eviction about 300 s after that.',
        },
        {
          id: 'gone',
          text: 'It disappears from the list.',
          correct: false,
          explanation:
            'A failed node is never deleted automatically here; it stays listed with its condition.',
        },
      ],
      tryIt: {
        text: 'Fail node-3 and check the node list after 40 seconds.',
        from: 'start',
        actions: [{ fault: { type: 'NodeFailure', node: 'node-3' } }, { wait: '40s' }],
        expect: { kind: 'nodeCondition', node: 'node-3', status: 'True' },
      },
    },
  ],
};

export default lesson;
