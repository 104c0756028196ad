import type { Lesson } from './types';

const web = (spread: boolean) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
${
  spread
    ? `      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule
          labelSelector:
            matchLabels: { app: web }
`
    : `      nodeSelector: { topology.kubernetes.io/zone: zone-a }
`
}      containers:
        - name: web
          image: web:1.0
          resources:
            requests: { cpu: 250m, memory: 128Mi }
`;

const cache = (apart: boolean) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cache
spec:
  replicas: 2
  selector:
    matchLabels: { app: cache }
  template:
    metadata:
      labels: { app: cache }
    spec:
${
  apart
    ? `      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - topologyKey: kubernetes.io/hostname
              labelSelector:
                matchLabels: { app: cache }
`
    : `      nodeSelector: { kubernetes.io/hostname: node-b1 }
`
}      containers:
        - name: cache
          image: cache:1.0
          resources:
            requests: { cpu: 250m, memory: 256Mi }
`;

const trainer = (affinity: boolean) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: trainer
spec:
  replicas: 2
  selector:
    matchLabels: { app: trainer }
  template:
    metadata:
      labels: { app: trainer }
    spec:
      tolerations:
        - { key: dedicated, operator: Equal, value: gpu, effect: NoSchedule }
${
  affinity
    ? `      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions:
                  - { key: accelerator, operator: In, values: [gpu] }
`
    : ''
}      containers:
        - name: trainer
          image: trainer:1.0
          resources:
            requests: { cpu: 500m, memory: 512Mi }
`;

/** Lesson 5: choosing where pods run: spread over zones, keep replicas apart, pin work to special nodes. */
const lesson: Lesson = {
  id: 'placement',
  title: 'Taints, affinity and zone spread',
  summary:
    'Put all your eggs in three baskets: spread a web app over zones, keep two cache replicas on different machines, and send training jobs only to GPU nodes.',
  ideas: [6],
  scenario: `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata:
  name: placement
spec:
  seed: 4
  nodes:
    - name: node-a1
      labels: { topology.kubernetes.io/zone: zone-a }
    - name: node-a2
      labels: { topology.kubernetes.io/zone: zone-a }
    - name: node-b1
      labels: { topology.kubernetes.io/zone: zone-b }
    - name: node-c1
      labels: { topology.kubernetes.io/zone: zone-c }
    - name: gpu-1
      capacity: { cpu: '8', memory: 32Gi }
      labels: { topology.kubernetes.io/zone: zone-c, accelerator: gpu }
      taints: [{ key: dedicated, value: gpu, effect: NoSchedule }]
---
${web(false)}---
${cache(false)}---
${trainer(false)}`,
  steps: [
    {
      id: 'spread-over-zones',
      title: 'Spread over zones',
      ideas: [6],
      text:
        'Someone pinned the web app to zone-a with a `nodeSelector`. It runs, but if zone-a loses power (a whole data centre), every copy goes at once. Copies are only a safety net when they fail **independently**.\n\n' +
        'A **topology spread constraint** tells the scheduler to keep the count of matching pods per zone within `maxSkew` of each other.',
      task:
        "Replace the web Deployment's `nodeSelector` with this and apply:\n\n" +
        '```\ntopologySpreadConstraints:\n  - maxSkew: 1\n    topologyKey: topology.kubernetes.io/zone\n    whenUnsatisfiable: DoNotSchedule\n    labelSelector:\n      matchLabels: { app: web }\n```',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'rolloutComplete', deployment: 'web' },
          { kind: 'spreadAcrossZones', selector: 'app=web' },
        ],
      },
      success:
        'One web pod per zone. The scheduler counted web pods per zone for each new pod and only allowed zones that kept the difference within 1.',
      hints: [
        'Remove the `nodeSelector` lines entirely; a pod keeps to zone-a as long as it is there.',
        "The constraint goes in the pod template's `spec`, beside `containers`.",
      ],
      solution: [{ apply: web(true) }, { wait: '30s' }],
    },
    {
      id: 'keep-apart',
      title: 'Keep the replicas apart',
      ideas: [6],
      text: 'Both cache replicas sit on `node-b1`. One machine failure takes out the whole cache. **Pod anti-affinity** says "never on the same node (`kubernetes.io/hostname`) as another pod with these labels".',
      task:
        "Replace the cache's `nodeSelector` with a required anti-affinity and apply:\n\n" +
        '```\naffinity:\n  podAntiAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      - topologyKey: kubernetes.io/hostname\n        labelSelector:\n          matchLabels: { app: cache }\n```',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'rolloutComplete', deployment: 'cache' },
          {
            kind: 'spreadAcrossZones',
            selector: 'app=cache',
            topologyKey: 'kubernetes.io/hostname',
            minDomains: 2,
          },
        ],
      },
      success:
        'Two caches, two machines. "Required" is a hard filter: with more replicas than nodes, the extra ones would stay Pending rather than double up. `preferred...` is the soft version.',
      hints: ['The topology key `kubernetes.io/hostname` makes every node its own domain.'],
      solution: [{ apply: cache(true) }, { wait: '30s' }],
    },
    {
      id: 'only-on-gpus',
      title: 'Only on GPU nodes',
      ideas: [6],
      text: "The trainer tolerates the GPU node's taint, yet one of its pods landed on an ordinary node. A toleration lets a pod **onto** a tainted node; it does not send it **there**. To require GPU nodes, add a node affinity for the `accelerator=gpu` label.",
      task:
        "Add this to the trainer's pod spec (keep the toleration) and apply:\n\n" +
        '```\naffinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n        - matchExpressions:\n            - { key: accelerator, operator: In, values: [gpu] }\n```',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'rolloutComplete', deployment: 'trainer' },
          { kind: 'podsOnNodes', selector: 'app=trainer', nodeLabels: { accelerator: 'gpu' }, count: 2 },
        ],
      },
      success:
        'Taint on the node to keep others out, toleration plus affinity on the pod to get in and stay in: that pairing is how dedicated nodes are usually set up.',
      hints: ["Affinity and tolerations both belong to the pod template's `spec`."],
      solution: [{ apply: trainer(true) }, { wait: '30s' }],
    },
  ],
  quiz: [
    {
      id: 'toleration-vs-affinity',
      type: 'single',
      ideas: [6],
      prompt: 'A pod tolerates the taint `dedicated=gpu:NoSchedule`. Where can it run?',
      choices: [
        {
          id: 'anywhere',
          text: 'On the GPU nodes and on any untainted node.',
          correct: true,
          explanation:
            'Right. A toleration removes one reason to reject a node; it does not add a preference. Add node affinity (or a nodeSelector) to require the GPU nodes.',
        },
        {
          id: 'only-gpu',
          text: 'Only on the GPU nodes.',
          correct: false,
          explanation:
            'That needs node affinity or a nodeSelector as well. Tolerations allow, they do not attract.',
        },
        {
          id: 'nowhere',
          text: 'Nowhere until the taint is removed.',
          correct: false,
          explanation: 'Tolerating the taint is exactly what makes the tainted node acceptable.',
        },
      ],
    },
    {
      id: 'why-spread',
      type: 'multiple',
      ideas: [6, 8],
      prompt: 'Why spread the replicas of one app over zones and nodes?',
      choices: [
        {
          id: 'independent',
          text: 'So that one failure (a machine, a power feed, a zone) cannot take out every copy at once.',
          correct: true,
          explanation: 'Yes: redundancy only helps when the copies fail independently.',
        },
        {
          id: 'capacity',
          text: 'So that the surviving copies can carry the load while replacements start.',
          correct: true,
          explanation:
            'Yes: replacing pods after a node loss takes minutes; the other zones serve meanwhile.',
        },
        {
          id: 'faster',
          text: 'Because each pod runs faster when it is alone in its zone.',
          correct: false,
          explanation:
            'Placement does not make a copy faster; spreading is about failure domains, not speed.',
        },
      ],
    },
    {
      id: 'predict-fourth-zone-pod',
      type: 'predict',
      ideas: [6],
      prompt:
        'The web app is spread one pod per zone with `maxSkew: 1` and `DoNotSchedule`. You scale it to 6. Where do the new pods go?',
      choices: [
        {
          id: 'one-more-each',
          text: 'One more in each zone: two per zone.',
          correct: true,
          explanation:
            'Right. Each new pod may only go where it keeps the per-zone counts within 1 of each other, which fills the zones evenly.',
        },
        {
          id: 'all-a',
          text: 'All three in zone-a, because it has the most nodes.',
          correct: false,
          explanation:
            'Three in zone-a would make the counts 4, 1, 1: a skew of 3, which the constraint forbids.',
        },
        {
          id: 'pending',
          text: 'They stay Pending, because each zone already has its pod.',
          correct: false,
          explanation: 'The constraint limits the difference between zones, not the number per zone.',
        },
      ],
      tryIt: {
        text: 'Scale web to 6 and wait.',
        actions: [{ kubectl: 'scale deployment/web --replicas=6' }, { wait: '20s' }],
        expect: {
          kind: 'all',
          goals: [
            { kind: 'podsReady', selector: 'app=web', count: 6 },
            { kind: 'spreadAcrossZones', selector: 'app=web', maxSkew: 0 },
          ],
        },
      },
    },
  ],
};

export default lesson;
