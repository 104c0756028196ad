import type { Lesson } from './types';

const report = (cpu: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: report
spec:
  replicas: 1
  selector:
    matchLabels: { app: report }
  template:
    metadata:
      labels: { app: report }
    spec:
      containers:
        - name: report
          image: report:1.0
          resources:
            requests: { cpu: '${cpu}', memory: 256Mi }
`;

const trainer = (tolerate: boolean) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: trainer
spec:
  replicas: 1
  selector:
    matchLabels: { app: trainer }
  template:
    metadata:
      labels: { app: trainer }
    spec:
      nodeSelector: { accelerator: gpu }
${
  tolerate
    ? `      tolerations:
        - { key: dedicated, operator: Equal, value: gpu, effect: NoSchedule }
`
    : ''
}      containers:
        - name: trainer
          image: trainer:1.0
          resources:
            requests: { cpu: '1', memory: 1Gi }
`;

/** Lesson 4: "why is my pod Pending?": requests against capacity, node selectors, taints, cordons. */
const lesson: Lesson = {
  id: 'why-pending',
  title: 'Why is my pod Pending?',
  summary:
    'Four pods, four reasons not to run: too big for any node, asking for a label nobody has, repelled by a taint, and a node closed for maintenance.',
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
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ml
spec:
  replicas: 1
  selector:
    matchLabels: { app: ml }
  template:
    metadata:
      labels: { app: ml }
    spec:
      nodeSelector: { disktype: ssd }
      containers:
        - name: ml
          image: ml:1.0
          resources:
            requests: { cpu: 500m, memory: 512Mi }
---
${trainer(false)}---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 4
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
`,
  steps: [
    {
      id: 'too-big',
      title: 'Too big for any node',
      ideas: [6],
      text:
        'Scheduling is a filter, then a ranking. First the scheduler drops every node that cannot take the pod; then it scores the rest and binds the pod to the best. If the filter leaves nothing, the pod waits in **Pending**. Pending is not a crash: nothing restarts, the pod just has nowhere to go yet.\n\n' +
        'The `report` pod asks for 6 CPUs. Run `kubectl describe pod -l app=report` and read the `FailedScheduling` event: it says, node by node, why not.',
      task: "Lower the report's CPU request to `500m` and apply.",
      goal: { kind: 'podsReady', selector: 'app=report', count: 1 },
      success:
        'The scheduler compares **requests** (what a pod reserves) with what each node has left, not with how busy the node is. 6 CPUs fit nowhere; half a CPU fits anywhere.',
      hints: [
        'The message reads like `0/3 nodes are available: 2 Insufficient cpu, 1 node(s) had untolerated taint(s)`.',
        "Change `cpu: '6'` to `cpu: 500m` in the report Deployment and apply it.",
      ],
      solution: [{ apply: report('500m') }, { wait: '15s' }],
    },
    {
      id: 'no-such-label',
      title: 'Asking for a label nobody has',
      ideas: [6],
      text: 'The `ml` pod has a `nodeSelector: {disktype: ssd}`: it may only run on nodes with that label. No node has it, so the filter removes all of them, although there is plenty of free CPU. Free capacity is not enough; the node must also be **allowed**.',
      task: 'Node `node-2` does have a fast disk. Label it: `kubectl label node node-2 disktype=ssd`.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'podsReady', selector: 'app=ml', count: 1 },
          { kind: 'podsOnNodes', selector: 'app=ml', nodes: ['node-2'] },
        ],
      },
      success:
        'A new label on a node is a cluster change, so the scheduler looked at the waiting pod again and found a match.',
      hints: ["Node labels are changed like any object's labels: `kubectl label node <name> key=value`."],
      solution: [{ kubectl: 'label node node-2 disktype=ssd' }, { wait: '10s' }],
    },
    {
      id: 'repelled-by-a-taint',
      title: 'Repelled by a taint',
      ideas: [6],
      text: 'The `trainer` pod selects the GPU node (`accelerator: gpu`), and that node exists. But `gpu-1` carries a **taint**, `dedicated=gpu:NoSchedule`: it pushes away every pod that does not explicitly **tolerate** it. That keeps ordinary pods off expensive hardware.',
      task:
        "Add a toleration to the trainer's pod template and apply:\n\n" +
        '```\ntolerations:\n  - { key: dedicated, operator: Equal, value: gpu, effect: NoSchedule }\n```',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'podsReady', selector: 'app=trainer', count: 1 },
          { kind: 'podsOnNodes', selector: 'app=trainer', nodes: ['gpu-1'] },
        ],
      },
      success:
        'With the toleration the taint no longer filters the node out, and the selector points at it. A toleration only **allows**; the nodeSelector is what **attracts**.',
      hints: [
        '`tolerations` sits in the pod spec, beside `nodeSelector` and `containers`.',
        '`kubectl describe node gpu-1` shows its taint.',
      ],
      solution: [{ apply: trainer(true) }, { wait: '15s' }],
    },
    {
      id: 'closed-for-maintenance',
      title: 'Closed for maintenance',
      ideas: [6, 3],
      text: '`node-1` needs a kernel update. **Cordon** marks a node unschedulable, so no new pods land there; **drain** cordons it and then evicts its pods, so their controllers recreate them elsewhere.',
      task: 'Drain node-1: `kubectl drain node-1 --ignore-daemonsets`. Watch where the web pods go.',
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
      hints: ['`kubectl get nodes` shows `SchedulingDisabled` for a cordoned node.'],
      solution: [{ kubectl: 'drain node-1 --ignore-daemonsets' }, { wait: '45s' }],
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
