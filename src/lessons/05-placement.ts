import { deployment } from './fixtures';
import type { GoalSpec, Lesson } from './types';

const SPREAD = `topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: DoNotSchedule
    labelSelector:
      matchLabels: { app: web }
`;

const web = (podSpec: string) =>
  deployment({ name: 'web', image: 'web:1.0', replicas: 3, port: 0, ...(podSpec ? { podSpec } : {}) });

const APART = `affinity:
  podAntiAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      - topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels: { app: cache }
`;

const cache = (podSpec: string) =>
  deployment({
    name: 'cache',
    image: 'cache:1.0',
    replicas: 2,
    memory: '256Mi',
    port: 0,
    ...(podSpec ? { podSpec } : {}),
  });

const TOLERATE = 'tolerations:\n  - { key: dedicated, operator: Equal, value: gpu, effect: NoSchedule }\n';
const GPU_AFFINITY = `affinity:
  nodeAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      nodeSelectorTerms:
        - matchExpressions:
            - { key: accelerator, operator: In, values: [gpu] }
`;

const trainer = (podSpec: string) =>
  deployment({
    name: 'trainer',
    image: 'trainer:1.0',
    replicas: 2,
    cpu: '500m',
    memory: '512Mi',
    port: 0,
    podSpec,
  });

/** The Deployment's pod template declares `matches` at `path` under the template's spec (a rule, not luck). */
const declares = (name: string, path: string, matches: Record<string, string | number>): GoalSpec => ({
  kind: 'objectField',
  resource: 'Deployment',
  name,
  path: `spec.template.spec.${path}`,
  matches,
});

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
${web('nodeSelector: { topology.kubernetes.io/zone: zone-a }')}---
${cache('nodeSelector: { kubernetes.io/hostname: node-b1 }')}---
${trainer(TOLERATE)}`,
  steps: [
    {
      id: 'spread-over-zones',
      title: 'Spread over zones',
      ideas: [6],
      text:
        'Someone pinned the web app to zone-a with a `nodeSelector`. It runs, but if zone-a loses power (a whole data centre), every copy goes at once. Copies are only a safety net when they fail **independently**.\n\n' +
        'A **topology spread constraint** tells the scheduler to keep the count of matching pods per zone within `maxSkew` of each other.',
      task: 'Unpin the web app and declare a rule that keeps its pods spread evenly over the three zones, however many there are.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'rolloutComplete', deployment: 'web' },
          { kind: 'spreadAcrossZones', selector: 'app=web' },
          {
            kind: 'any',
            goals: [
              declares('web', 'topologySpreadConstraints.*', {
                topologyKey: 'topology.kubernetes.io/zone',
                whenUnsatisfiable: 'DoNotSchedule',
              }),
              declares('web', 'affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution.*', {
                topologyKey: 'topology.kubernetes.io/zone',
              }),
            ],
          },
        ],
      },
      success:
        'One web pod per zone. For each new pod the scheduler counted the web pods per zone and only allowed the zones that kept the difference within 1. Without the rule the pods might spread by luck of the scoring, but nothing would promise it.',
      hints: [
        "Remove the `nodeSelector` lines entirely: a pod keeps to zone-a as long as they are there. The rule goes in the pod template's `spec`, beside `containers`, under the name `topologySpreadConstraints`.",
        '`whenUnsatisfiable: ScheduleAnyway` is only a preference; `DoNotSchedule` makes it a rule the scheduler must keep.',
        'The whole rule:\n\n```\n' + SPREAD + '```',
      ],
      solution: [{ apply: web(SPREAD) }, { wait: '30s' }],
      facts: [
        {
          says: 'Someone pinned the web app to zone-a',
          check: {
            kind: 'podsOnNodes',
            selector: 'app=web',
            nodeLabels: { 'topology.kubernetes.io/zone': 'zone-a' },
            count: 3,
          },
          when: 'sometime',
          until: '0s',
        },
        {
          says: 'One web pod per zone',
          check: { kind: 'spreadAcrossZones', selector: 'app=web', maxSkew: 0 },
        },
      ],
      mistakes: [
        {
          why: 'Only delete the nodeSelector: the pods may happen to spread, but no rule says they must.',
          actions: [{ apply: web('') }, { wait: '30s' }],
        },
        {
          why: '`whenUnsatisfiable: ScheduleAnyway`: a preference the scheduler may break when it is inconvenient.',
          actions: [{ apply: web(SPREAD.replace('DoNotSchedule', 'ScheduleAnyway')) }, { wait: '30s' }],
        },
      ],
    },
    {
      id: 'keep-apart',
      title: 'Keep the replicas apart',
      ideas: [6],
      text: 'Both cache replicas sit on `node-b1`. One machine failure takes out the whole cache. **Pod anti-affinity** says "never on the same node (`kubernetes.io/hostname`) as another pod with these labels".',
      task: "Replace the cache's pinning with a rule that never lets two cache pods share a machine.",
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
          {
            kind: 'any',
            goals: [
              declares('cache', 'affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution.*', {
                topologyKey: 'kubernetes.io/hostname',
              }),
              declares('cache', 'topologySpreadConstraints.*', {
                topologyKey: 'kubernetes.io/hostname',
                whenUnsatisfiable: 'DoNotSchedule',
                maxSkew: 1,
              }),
            ],
          },
        ],
      },
      success:
        'Two caches, two machines. "Required" is a hard filter: with more replicas than nodes, the extra ones would stay Pending rather than double up. `preferredDuringScheduling...` is the soft version.',
      hints: [
        '**Pod anti-affinity** keeps a pod away from nodes that already run pods with given labels; the topology key `kubernetes.io/hostname` makes every node its own domain.',
        'Use the `required...` form: the `preferred...` one is only a wish.',
        'Replace the `nodeSelector` with:\n\n```\n' + APART + '```',
      ],
      solution: [{ apply: cache(APART) }, { wait: '30s' }],
      facts: [
        {
          says: 'Both cache replicas sit on `node-b1`',
          check: { kind: 'podsOnNodes', selector: 'app=cache', nodes: ['node-b1'], count: 2 },
          when: 'sometime',
          until: '0s',
        },
        {
          says: 'Two caches, two machines',
          check: {
            kind: 'spreadAcrossZones',
            selector: 'app=cache',
            topologyKey: 'kubernetes.io/hostname',
            minDomains: 2,
          },
        },
      ],
      mistakes: [
        {
          why: 'Only delete the nodeSelector: the two may land apart today and together tomorrow.',
          actions: [{ apply: cache('') }, { wait: '30s' }],
        },
        {
          why: 'A preferred anti-affinity: a wish, not a rule.',
          actions: [
            {
              apply: cache(`affinity:
  podAntiAffinity:
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname
          labelSelector:
            matchLabels: { app: cache }
`),
            },
            { wait: '30s' },
          ],
        },
      ],
    },
    {
      id: 'only-on-gpus',
      title: 'Only on GPU nodes',
      ideas: [6],
      text: "The trainer tolerates the GPU node's taint, yet one of its pods landed on an ordinary node. A toleration lets a pod **onto** a tainted node; it does not send it **there**. To require GPU nodes, add a node affinity for the `accelerator=gpu` label.",
      task: 'Make the trainer run **only** on GPU nodes, and keep the toleration that lets it onto them.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'rolloutComplete', deployment: 'trainer' },
          { kind: 'podsOnNodes', selector: 'app=trainer', nodeLabels: { accelerator: 'gpu' }, count: 2 },
        ],
      },
      success:
        'Taint on the node to keep others out, toleration plus affinity on the pod to get in and stay in: that pairing is how dedicated nodes are usually set up.',
      hints: [
        'The GPU node carries the label `accelerator=gpu`. A node affinity (or a nodeSelector) on that label **requires** it.',
        "Affinity and tolerations both belong to the pod template's `spec`. Add:\n\n```\n" +
          GPU_AFFINITY +
          '```',
      ],
      solution: [{ apply: trainer(TOLERATE + GPU_AFFINITY) }, { wait: '30s' }],
      facts: [
        {
          says: 'yet one of its pods landed on an ordinary node',
          check: {
            kind: 'not',
            goal: {
              kind: 'podsOnNodes',
              selector: 'app=trainer',
              nodeLabels: { accelerator: 'gpu' },
              count: 2,
            },
          },
          when: 'sometime',
          until: '0s',
        },
        {
          says: 'toleration plus affinity on the pod to get in and stay in',
          check: { kind: 'podsOnNodes', selector: 'app=trainer', nodes: ['gpu-1'], count: 2 },
        },
      ],
      mistakes: [
        {
          why: 'Swap the toleration for the affinity: the pods must go to gpu-1, but the taint keeps them off it, so they stay Pending.',
          actions: [{ apply: trainer(GPU_AFFINITY) }, { wait: '30s' }],
        },
      ],
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
          id: 'bad-release',
          text: 'So that a bad release only breaks the copies in one zone.',
          correct: false,
          explanation:
            'No: every copy runs the same image, wherever it is placed, so a bug breaks them all alike. Spreading protects against failures of places (a machine, a zone), not of code; careful rollouts protect against bad code.',
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
