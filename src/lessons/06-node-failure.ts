import { deployment, service } from './fixtures';
import type { Lesson } from './types';

/** Lesson 6: a machine dies at 3 a.m.: 50 s of silence, then NotReady, then eviction 300 s later. */
const lesson: Lesson = {
  id: 'node-failure',
  title: 'A node dies at 3 a.m.',
  summary:
    'Pull the plug on a machine and follow the timeline: 50 s in which a third of the requests fail, then Unknown and traffic moved away, and replacements five minutes later.',
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
${deployment({ name: 'api', image: 'api:1.0', replicas: 6, memory: '256Mi' })}---
${service('api')}`,
  steps: [
    {
      id: 'pull-the-plug',
      title: 'Pull the plug',
      ideas: [8, 4],
      text:
        'Six api pods run on three machines, two on each, behind the `api` Service. A dead machine does not announce its death: its kubelet simply stops reporting. The control plane cannot tell a crashed machine from a slow network, so it waits for a grace period (50 s) before it believes anything is wrong.\n\n' +
        'During that wait nothing in the cluster has changed: node-2 still looks Ready, its two pods are still endpoints of the Service, and the Service keeps sending them their share of the requests. Nobody answers them. About one request in three fails.',
      task: "Fail `node-2` (**Fail node** from its menu). Then watch the Service's error rate and the node's condition for about a minute.",
      goal: {
        kind: 'all',
        goals: [
          { kind: 'nodeCondition', node: 'node-2', status: 'Unknown' },
          { kind: 'serviceEndpoints', service: 'api', count: 4 },
        ],
      },
      success:
        'After 50 s without a heartbeat the node lifecycle controller set node-2 to `Unknown`, tainted it, and marked its pods not ready. The Service dropped them from its endpoints, and the errors stopped. Those 50 s of failed requests are the price of not trusting one missed heartbeat. The pods themselves still exist: nobody knows whether they are running.',
      hints: [
        "Faults live in a node's menu and in the toolbar. Then let about a minute of simulated time pass.",
        "`kubectl get nodes` shows the condition; the Service's error rate is on the Service in the picture.",
      ],
      solution: [{ wait: '20s' }, { fault: { type: 'NodeFailure', node: 'node-2' } }, { wait: '70s' }],
      facts: [
        {
          says: 'two on each',
          check: {
            kind: 'spreadAcrossZones',
            selector: 'app=api',
            topologyKey: 'kubernetes.io/hostname',
            maxSkew: 0,
          },
          until: '20s',
        },
        {
          says: 'About one request in three fails',
          check: {
            kind: 'requestsFailed',
            service: 'api',
            atLeast: 400,
            percentAtLeast: 30,
            percentAtMost: 37,
          },
          from: '20s',
          until: '74s',
        },
        {
          says: 'node-2 still looks Ready, its two pods are still endpoints of the Service',
          check: {
            kind: 'all',
            goals: [
              { kind: 'nodeCondition', node: 'node-2', status: 'True' },
              { kind: 'serviceEndpoints', service: 'api', count: 6 },
            ],
          },
          when: 'always',
          from: '20s',
          until: '65s',
        },
        {
          says: 'After 50 s without a heartbeat the node lifecycle controller set node-2 to `Unknown`',
          check: { kind: 'nodeCondition', node: 'node-2', status: 'Unknown' },
          until: '76s',
        },
        {
          says: 'the errors stopped',
          check: { kind: 'requestsFailed', service: 'api' },
          from: '76s',
          when: 'never',
        },
        {
          says: 'The pods themselves still exist',
          check: { kind: 'podCount', selector: 'app=api', atLeast: 6, atMost: 6 },
          when: 'always',
        },
      ],
      mistakes: [
        {
          why: 'Drain node-2 instead: a planned move. The node stays Ready and its pods are evicted at once; nothing goes silent.',
          actions: [{ kubectl: 'drain node-2 --ignore-daemonsets' }, { wait: '70s' }],
        },
      ],
    },
    {
      id: 'wait-for-eviction',
      title: 'Wait for the eviction',
      ideas: [8, 3],
      text: 'Every pod tolerates the `unreachable` taint for 300 s by default: a short network blip should not reshuffle the whole cluster. Only when that time is up are the pods evicted, and their ReplicaSet creates replacements on the healthy nodes. Meanwhile four pods carry all the requests.',
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
      facts: [
        {
          says: 'Only when that time is up are the pods evicted',
          check: { kind: 'podsReplaced', selector: 'app=api' },
          when: 'never',
          until: '280s',
        },
        {
          says: 'Meanwhile four pods carry all the requests',
          check: { kind: 'requestsFailed', service: 'api' },
          when: 'never',
        },
        {
          says: 'They stay `Terminating`',
          check: { kind: 'podStatus', selector: 'app=api', status: 'Terminating', count: 2 },
        },
      ],
      mistakes: [
        {
          why: 'Bring node-2 back before the eviction: its pods were never replaced, they simply serve again from node-2.',
          actions: [{ fault: { type: 'NodeRecovery', node: 'node-2' } }, { wait: '5m' }],
        },
      ],
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
      facts: [
        {
          says: 'node-2 is Ready and empty',
          check: {
            kind: 'all',
            goals: [
              { kind: 'nodeCondition', node: 'node-2', status: 'True' },
              { kind: 'not', goal: { kind: 'podStatus', selector: 'app=api', status: 'Terminating' } },
            ],
          },
        },
        {
          says: 'The replacements stay where they are',
          check: { kind: 'podsOnNodes', selector: 'app=api', notNodes: ['node-2'], count: 6 },
          when: 'always',
        },
      ],
      mistakes: [
        {
          why: 'Uncordon node-2: it was never cordoned. The machine is still off, so it stays Unknown.',
          actions: [{ kubectl: 'uncordon node-2' }, { wait: '30s' }],
        },
      ],
    },
  ],
  quiz: [
    {
      id: 'first-fifty-seconds',
      type: 'single',
      ideas: [8, 12],
      prompt:
        'A machine running two of six replicas loses power. For the next 50 seconds, what happens to the requests the Service sends to its two pods?',
      choices: [
        {
          id: 'they-fail',
          text: 'They fail: nothing has marked the node yet, so its pods are still endpoints and get their share.',
          correct: true,
          explanation:
            'Right. Until the grace period runs out the control plane still trusts the last report, so about a third of the requests go to pods that are gone. Clients that retry a failed request soften it: the retry most likely lands on a live pod.',
        },
        {
          id: 'rerouted',
          text: 'They are sent to the other pods at once, because the Service notices the machine is gone.',
          correct: false,
          explanation:
            'A Service does not watch machines. It follows endpoints, and endpoints change only when the control plane marks the pods not ready, 50 s later.',
        },
        {
          id: 'queued',
          text: 'They wait in a queue until the node is marked, then go to the healthy pods.',
          correct: false,
          explanation:
            'Nothing holds requests back. Each one goes to an endpoint chosen now; the ones sent to the dead machine simply get no answer.',
        },
      ],
    },
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
