import { deployment } from './fixtures';
import type { Lesson } from './types';

const report = (cpu: string, podSpec = '') =>
  deployment({
    name: 'report',
    image: 'report:1.0',
    replicas: 1,
    cpu: `'${cpu}'`,
    memory: '256Mi',
    port: 0,
    ...(podSpec ? { podSpec } : {}),
  });

const trainer = (tolerate: boolean, select = true) =>
  deployment({
    name: 'trainer',
    image: 'trainer:1.0',
    replicas: 1,
    cpu: "'1'",
    memory: '1Gi',
    port: 0,
    podSpec:
      (select ? 'nodeSelector: { accelerator: gpu }\n' : '') +
      (tolerate
        ? 'tolerations:\n  - { key: dedicated, operator: Equal, value: gpu, effect: NoSchedule }\n'
        : ''),
  });

/** Lesson 4: "why is my pod Pending?": requests against capacity, node selectors, taints, cordons. */
const lesson: Lesson = {
  id: 'why-pending',
  title: 'Why is my pod Pending?',
  summary:
    "Four pods, four reasons not to run: too big for the nodes they may use, asking for a label nobody has, repelled by a taint, and a node closed for maintenance. Read the scheduler's own words for each.",
  ideas: [6],
  scenario: `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata:
  name: why-pending
spec:
  seed: 11
  nodes:
    - name: node-1
      capacity: { cpu: '4', memory: 8Gi }
    - name: node-2
      capacity: { cpu: '4', memory: 8Gi }
    - name: gpu-1
      capacity: { cpu: '8', memory: 32Gi }
      labels: { accelerator: gpu }
      taints: [{ key: dedicated, value: gpu, effect: NoSchedule }]
  images:
    web:1.0: { pullSeconds: 1, startupSeconds: 1 }
---
${report('6')}---
${deployment({
  name: 'ml',
  image: 'ml:1.0',
  replicas: 1,
  cpu: '500m',
  memory: '512Mi',
  port: 0,
  podSpec: 'nodeSelector: { disktype: ssd }',
})}---
${trainer(false)}---
${deployment({ name: 'web', image: 'web:1.0', replicas: 4, port: 0 })}`,
  steps: [
    {
      id: 'too-big',
      title: 'Too big for the nodes it may use',
      ideas: [6],
      text:
        'Scheduling is a filter, then a ranking. First the scheduler drops every node that cannot take the pod; then it scores the rest and binds the pod to the best. If the filter leaves nothing, the pod waits in **Pending**. Pending is not a crash: nothing restarts, the pod just has nowhere to go yet.\n\n' +
        'The `report` pod asks for 6 CPUs. Run `kubectl describe pod -l app=report` and read its `FailedScheduling` event: `0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu.` It counts the nodes by the reason each was filtered out. node-1 and node-2 have 4 CPUs: too small. gpu-1 has 8, room enough, but it carries a taint the report does not tolerate. Two reasons at once, and each is a different kind of fix.',
      task: 'Make the report fit on the ordinary nodes. Leave the GPU node to the work it is meant for.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'podsReady', selector: 'app=report', count: 1 },
          { kind: 'podsOnNodes', selector: 'app=report', notNodes: ['gpu-1'] },
        ],
      },
      success:
        'The scheduler compares **requests** (what a pod reserves) with what each node has left, not with how busy the node is. Half a CPU fits on an ordinary node, so the filter let node-1 and node-2 through and the ranking picked one.',
      hints: [
        "What the filter compares with a node's 4 CPUs is the pod's request: `resources.requests.cpu` in the report Deployment.",
        "A report needs about half a CPU: change `cpu: '6'` to `cpu: 500m` in the report Deployment and apply it.",
      ],
      solution: [{ apply: report('500m') }, { wait: '15s' }],
      facts: [
        {
          says: '`0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu.`',
          check: {
            kind: 'eventRecorded',
            reason: 'FailedScheduling',
            type: 'Warning',
            selector: 'app=report',
            message: '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu.',
          },
          until: '0s',
        },
        {
          says: 'the pod waits in **Pending**',
          check: { kind: 'podStatus', selector: 'app=report', status: 'Pending' },
          until: '0s',
        },
        {
          says: 'Half a CPU fits on an ordinary node',
          check: { kind: 'podsOnNodes', selector: 'app=report', nodes: ['node-1', 'node-2'] },
        },
      ],
      mistakes: [
        {
          why: 'Tolerate the GPU taint instead: the report fits on gpu-1 (8 CPUs) and takes the machine meant for training.',
          actions: [
            {
              apply: report(
                '6',
                `tolerations:\n  - { key: dedicated, operator: Equal, value: gpu, effect: NoSchedule }\n`,
              ),
            },
            { wait: '15s' },
          ],
        },
        {
          why: 'Ask for 5 CPUs: still more than an ordinary node has.',
          actions: [{ apply: report('5') }, { wait: '15s' }],
        },
      ],
    },
    {
      id: 'no-such-label',
      title: 'Asking for a label nobody has',
      ideas: [6],
      text: "The `ml` pod has a `nodeSelector: {disktype: ssd}`: it may only run on nodes with that label. Its event reads `0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector.` There is plenty of free CPU, but free capacity is not enough: the node must also be **allowed**.",
      task: '`node-2` does have a fast disk; nobody has told the cluster. Get the `ml` pod running there.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'podsReady', selector: 'app=ml', count: 1 },
          { kind: 'podsOnNodes', selector: 'app=ml', nodes: ['node-2'] },
        ],
      },
      success:
        "A new label on a node is a cluster change, so the scheduler looked at the waiting pod again and found a match. The pod's declaration did not change; the world did.",
      hints: [
        'A nodeSelector matches node **labels**. Labels of any object, nodes included, are changed with `kubectl label`.',
        '`kubectl label node node-2 disktype=ssd`.',
      ],
      solution: [{ kubectl: 'label node node-2 disktype=ssd' }, { wait: '10s' }],
      facts: [
        {
          says: "`0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector.`",
          check: {
            kind: 'eventRecorded',
            reason: 'FailedScheduling',
            selector: 'app=ml',
            message:
              "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector.",
          },
          until: '0s',
        },
        {
          says: 'the scheduler looked at the waiting pod again and found a match',
          check: { kind: 'podsOnNodes', selector: 'app=ml', nodes: ['node-2'] },
        },
      ],
      mistakes: [
        {
          why: 'Label the wrong node: the pod runs, but on node-1, whose disk is slow.',
          actions: [{ kubectl: 'label node node-1 disktype=ssd' }, { wait: '10s' }],
        },
      ],
    },
    {
      id: 'repelled-by-a-taint',
      title: 'Repelled by a taint',
      ideas: [6],
      text: 'The `trainer` pod selects the GPU node (`accelerator: gpu`), and that node exists. But `gpu-1` carries a **taint**, `dedicated=gpu:NoSchedule`: it pushes away every pod that does not explicitly **tolerate** it. That keeps ordinary pods off expensive hardware.',
      task: 'Let the trainer onto gpu-1, and keep every other workload off it.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'podsReady', selector: 'app=trainer', count: 1 },
          { kind: 'podsOnNodes', selector: 'app=trainer', nodes: ['gpu-1'] },
          {
            kind: 'objectField',
            resource: 'Node',
            name: 'gpu-1',
            path: 'spec.taints.*',
            matches: { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
          },
        ],
      },
      success:
        'With the toleration the taint no longer filters the node out, and the selector points at it. A toleration only **allows**; the nodeSelector is what **attracts**.',
      hints: [
        '`kubectl describe node gpu-1` shows its taint. Removing it would let everything in; the pod has to say that it accepts the taint.',
        'A `tolerations` list sits in the pod spec, beside `nodeSelector` and `containers`.',
        "Add to the trainer's pod template and apply:\n\n```\ntolerations:\n  - { key: dedicated, operator: Equal, value: gpu, effect: NoSchedule }\n```",
      ],
      solution: [{ apply: trainer(true) }, { wait: '15s' }],
      facts: [
        {
          says: 'But `gpu-1` carries a **taint**, `dedicated=gpu:NoSchedule`',
          check: { kind: 'podStatus', selector: 'app=trainer', status: 'Pending' },
          until: '0s',
        },
        {
          says: 'the taint no longer filters the node out, and the selector points at it',
          check: { kind: 'podsOnNodes', selector: 'app=trainer', nodes: ['gpu-1'] },
        },
      ],
      mistakes: [
        {
          why: 'Drop the nodeSelector instead: the pod runs, but on an ordinary node without a GPU.',
          actions: [{ apply: trainer(false, false) }, { wait: '15s' }],
        },
      ],
    },
    {
      id: 'closed-for-maintenance',
      title: 'Closed for maintenance',
      ideas: [6, 3],
      text: '`node-1` needs a kernel update. **Cordon** marks a node unschedulable, so no new pods land there; **drain** cordons it and then evicts its pods, so their controllers recreate them elsewhere.',
      task: 'Take node-1 out for maintenance: no new pods may land there, and the pods it runs must move elsewhere. Watch where the web pods go.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'nodeSchedulable', node: 'node-1', schedulable: false },
          { kind: 'podsOnNodes', selector: 'app=web', notNodes: ['node-1'], count: 4 },
          { kind: 'podsReady', selector: 'app=web', count: 4 },
        ],
      },
      success:
        'Every web pod now runs on node-2: node-1 is cordoned and gpu-1 is tainted, so node-2 was the only place left. Once the update is done, `kubectl uncordon node-1` opens it again (existing pods do not move back by themselves).',
      hints: [
        '`kubectl cordon` only closes the node to new pods; the running ones stay. `kubectl drain` cordons and then evicts.',
        '`kubectl drain node-1 --ignore-daemonsets`. Afterwards `kubectl get nodes` shows `SchedulingDisabled` for it.',
      ],
      solution: [{ kubectl: 'drain node-1 --ignore-daemonsets' }, { wait: '45s' }],
      facts: [
        {
          says: 'Every web pod now runs on node-2',
          check: { kind: 'podsOnNodes', selector: 'app=web', nodes: ['node-2'], count: 4 },
        },
        {
          says: 'gpu-1 is tainted, so node-2 was the only place left',
          check: { kind: 'podsOnNodes', selector: 'app=web', notNodes: ['gpu-1'], count: 4 },
          when: 'always',
        },
      ],
      mistakes: [
        {
          why: 'Only cordon the node: nothing new lands there, but the pods it already runs stay.',
          actions: [{ kubectl: 'cordon node-1' }, { wait: '45s' }],
        },
      ],
    },
  ],
  quiz: [
    {
      id: 'free-cpu-still-pending',
      type: 'single',
      ideas: [6],
      prompt:
        'Every node has 3 free CPUs, and a pod asking for 1 CPU stays Pending. Which explanation is possible?',
      choices: [
        {
          id: 'constraints',
          text: 'A node selector, an untolerated taint or a cordon rules out every node.',
          correct: true,
          explanation:
            'Right. Resources are only one filter among several; a node must also match the selector and affinity, be tolerated, and be open for scheduling.',
        },
        {
          id: 'cpu-busy',
          text: 'The nodes are busy right now, so the CPU is not really free.',
          correct: false,
          explanation: 'The scheduler compares requests with allocatable capacity, not live CPU usage.',
        },
        {
          id: 'crash',
          text: 'The container crashed before it could be scheduled.',
          correct: false,
          explanation:
            'A Pending pod has no node yet, so no container was ever started. Crashes show as restarts or CrashLoopBackOff.',
        },
      ],
    },
    {
      id: 'filters',
      type: 'multiple',
      ideas: [6],
      prompt: 'Which of these can rule a node out for a pod?',
      choices: [
        {
          id: 'requests',
          text: "The pod's requests do not fit in what the node has left.",
          correct: true,
          explanation: 'Yes: "Insufficient cpu" or "Insufficient memory".',
        },
        {
          id: 'taint',
          text: 'A NoSchedule taint the pod does not tolerate.',
          correct: true,
          explanation: 'Yes: "node(s) had untolerated taint(s)".',
        },
        {
          id: 'cordon',
          text: 'The node is cordoned.',
          correct: true,
          explanation: 'Yes: "node(s) were unschedulable".',
        },
        {
          id: 'image',
          text: 'The node has not downloaded the image yet.',
          correct: false,
          explanation:
            "No: a missing image only lowers a node's score slightly; the kubelet pulls it after the pod is bound.",
        },
      ],
    },
    {
      id: 'predict-uncordon',
      type: 'predict',
      ideas: [6],
      prompt:
        'node-1 is drained and every web pod sits on node-2. You run `kubectl uncordon node-1`. What happens to the web pods?',
      choices: [
        {
          id: 'stay',
          text: 'Nothing: they stay on node-2. Only pods scheduled from now on may use node-1.',
          correct: true,
          explanation:
            'Right. Scheduling happens once, when a pod has no node. Running pods are never moved to rebalance the cluster.',
        },
        {
          id: 'rebalance',
          text: 'Two of them move back to node-1 to even things out.',
          correct: false,
          explanation:
            'Pods do not migrate. Rebalancing would mean deleting pods so that their replacements get scheduled afresh (some tools do that on purpose).',
        },
        {
          id: 'restart',
          text: 'They all restart so the scheduler can place them again.',
          correct: false,
          explanation: 'Uncordoning only flips a flag on the node; it does not touch pods.',
        },
      ],
      tryIt: {
        text: 'Uncordon node-1 and wait half a minute.',
        actions: [{ kubectl: 'uncordon node-1' }, { wait: '30s' }],
        expect: {
          kind: 'all',
          goals: [
            { kind: 'nodeSchedulable', node: 'node-1', schedulable: true },
            { kind: 'podsOnNodes', selector: 'app=web', nodes: ['node-2'], count: 4 },
          ],
        },
      },
    },
  ],
};

export default lesson;
