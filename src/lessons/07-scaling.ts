import { deployment, service } from './fixtures';
import type { Lesson } from './types';

const memoryHpa = (name: string, min: number, max: number) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: ${min}
  maxReplicas: ${max}
  metrics:
    - type: Resource
      resource:
        name: memory
        target: { type: Utilization, averageUtilization: 60 }
`;

const readiness = `readinessProbe:
  httpGet: { path: /ready, port: 8080 }
  periodSeconds: 1
`;

/** Lesson 7: scaling changes the number of copies: by hand, with an HPA, and with a cluster autoscaler. */
const lesson: Lesson = {
  id: 'scaling',
  title: 'Scaling: by hand, by load, and by machine',
  summary:
    'Scale a web app yourself, let a HorizontalPodAutoscaler follow a traffic spike, watch the cluster autoscaler add machines when the pods no longer fit, and fall into the memory trap.',
  ideas: [9],
  scenario: `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata:
  name: scaling
spec:
  seed: 9
  nodes: []
  autoscaler:
    nodeGroups:
      - name: pool
        min: 2
        max: 5
        capacity: { cpu: '2', memory: 4Gi, pods: '110' }
        labels: { topology.kubernetes.io/zone: zone-a }
  images:
    web:1.0: { pullSeconds: 2, startupSeconds: 2, baseCpuMillis: 10, cpuMillisPerRequest: 2, memoryMi: 100 }
  traffic:
    - { service: web, requestsPerSecond: 100 }
---
${deployment({ name: 'web', image: 'web:1.0', replicas: 2, cpu: '400m', container: readiness })}---
${service('web')}`,
  steps: [
    {
      id: 'by-hand',
      title: 'Scale by hand',
      ideas: [9, 2],
      text: 'Two web pods share 100 requests per second: 50 each. Scaling by hand is just a new setpoint: you change `replicas`, the loop does the rest. Each copy stays exactly as fast as before; there are simply more of them to share the requests.',
      task: 'Run four web pods.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'replicasAtLeast', deployment: 'web', count: 4, of: 'spec' },
          { kind: 'podsReady', selector: 'app=web', count: 4 },
        ],
      },
      success:
        'Four pods, each now getting 25 requests per second instead of 50. `kubectl top pods` shows each using less CPU: not because it got faster, but because it does half the work.',
      hints: [
        'The number of copies is `replicas` in the Deployment: edit it and apply, or use `kubectl scale`.',
        '`kubectl scale deployment/web --replicas=4`.',
      ],
      solution: [{ wait: '10s' }, { kubectl: 'scale deployment/web --replicas=4' }, { wait: '20s' }],
      facts: [
        {
          says: 'Two web pods share 100 requests per second: 50 each',
          check: {
            kind: 'podUsage',
            selector: 'app=web',
            metric: 'requestsPerSecond',
            atLeast: 50,
            atMost: 50,
          },
          from: '5s',
          until: '10s',
        },
        {
          says: 'each now getting 25 requests per second instead of 50',
          check: {
            kind: 'podUsage',
            selector: 'app=web',
            metric: 'requestsPerSecond',
            atLeast: 25,
            atMost: 25,
          },
        },
        {
          says: '`kubectl top pods` shows each using less CPU',
          check: { kind: 'podUsage', selector: 'app=web', metric: 'cpu', atMost: 60 },
        },
      ],
      mistakes: [
        {
          why: 'Give each pod more CPU instead (a bigger request): the same two copies, each reserving more.',
          actions: [
            {
              apply: deployment({
                name: 'web',
                image: 'web:1.0',
                replicas: 2,
                cpu: '800m',
                container: readiness,
              }),
            },
            { wait: '20s' },
          ],
        },
      ],
    },
    {
      id: 'by-load',
      title: 'Let an autoscaler follow the load',
      ideas: [9, 3],
      text: "Nobody wants to sit and watch a traffic graph. A **HorizontalPodAutoscaler** (HPA) is one more control loop: every 15 s it measures the pods' average CPU as a share of their request, compares it with a target, and sets `replicas` to `ceil(replicas × current ÷ target)`, kept between a minimum and a maximum.",
      task: 'Create an autoscaler for web: target 60 % CPU, between 2 and 12 pods. Then send a spike: **Change traffic** on the web Service to 1500 requests per second.',
      goal: { kind: 'hpaScaledTo', hpa: 'web', atLeast: 8 },
      success:
        'CPU shot past the 60 % target and the HPA raised the replicas in rounds, 4 to 8 to 12. With no `behavior` section (as `kubectl autoscale` makes it), one round may at most double the count, or go up to 4 when there are fewer; so a spike is met over a few 15-second rounds. The HPA does not make pods faster: it decides how many there should be. `kubectl get hpa` shows the TARGETS it compares.',
      hints: [
        '`kubectl autoscale deployment/web` makes an HPA; its flags `--cpu-percent`, `--min` and `--max` set the target and the bounds.',
        "`kubectl autoscale deployment/web --cpu-percent=60 --min=2 --max=12`. The traffic fault is in the toolbar (and in a Service's menu).",
      ],
      solution: [
        { kubectl: 'autoscale deployment/web --cpu-percent=60 --min=2 --max=12' },
        { fault: { type: 'TrafficChange', service: 'web', requestsPerSecond: 1500 } },
        { wait: '35s' },
      ],
      facts: [
        {
          says: 'raised the replicas in rounds, 4 to 8 to 12',
          check: {
            kind: 'all',
            goals: [
              {
                kind: 'eventRecorded',
                reason: 'SuccessfulRescale',
                message: 'New size: 8;',
                resource: 'HorizontalPodAutoscaler',
                name: 'web',
              },
              {
                kind: 'eventRecorded',
                reason: 'SuccessfulRescale',
                message: 'New size: 12;',
                resource: 'HorizontalPodAutoscaler',
                name: 'web',
              },
            ],
          },
        },
        {
          says: 'one round may at most double the count',
          check: { kind: 'hpaScaledTo', hpa: 'web', atLeast: 8, atMost: 8 },
          when: 'sometime',
        },
      ],
      mistakes: [
        {
          why: 'An autoscaler with a maximum of 6: it follows the load, but stops far short of what the spike needs.',
          actions: [
            { kubectl: 'autoscale deployment/web --cpu-percent=60 --min=2 --max=6' },
            { fault: { type: 'TrafficChange', service: 'web', requestsPerSecond: 1500 } },
            { wait: '35s' },
          ],
        },
      ],
    },
    {
      id: 'by-machine',
      title: 'When the pods no longer fit',
      ideas: [9, 6],
      text: 'The HPA asks for twelve pods, but two 2-CPU machines cannot hold twelve pods that each reserve 400m: five fit on each. The other two wait **Pending**. That is where the second level of scaling comes in: the **cluster autoscaler** notices pods that would fit on a new node of the pool and asks the cloud for machines.',
      task: 'Let time run and watch the nodes. (`kubectl get nodes`, and the `TriggeredScaleUp` events on the Pending pods.)',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'podsReady', selector: 'app=web', count: 12 },
          { kind: 'nodeCount', atLeast: 3 },
        ],
      },
      success:
        'Pods scale in seconds; machines take much longer to boot and join (about 40 s here, often minutes in a real cloud). The HPA changes the number of pods, the cluster autoscaler the number of nodes: two loops, two levels, easy to mix up.',
      hints: ['Nothing to do but wait a few simulated minutes.'],
      solution: [{ wait: '4m' }],
      facts: [
        {
          says: 'The other two wait **Pending**',
          check: { kind: 'podStatus', selector: 'app=web', status: 'Pending', count: 2 },
          when: 'sometime',
          until: '5s',
        },
        {
          says: 'five fit on each',
          check: {
            kind: 'all',
            goals: [
              { kind: 'podsReady', selector: 'app=web', count: 10 },
              {
                kind: 'spreadAcrossZones',
                selector: 'app=web',
                topologyKey: 'kubernetes.io/hostname',
                maxSkew: 0,
              },
            ],
          },
          until: '5s',
        },
        {
          says: 'the `TriggeredScaleUp` events on the Pending pods',
          check: { kind: 'eventRecorded', reason: 'TriggeredScaleUp', selector: 'app=web' },
        },
        {
          says: 'about 40 s here',
          check: { kind: 'nodeCount', atLeast: 3 },
          when: 'never',
          until: '35s',
        },
      ],
      mistakes: [
        {
          why: 'Scale the Deployment down to what fits: the pods run, but the HPA sets `replicas` back to 12 on its next round.',
          actions: [{ kubectl: 'scale deployment/web --replicas=8' }, { wait: '20s' }],
        },
      ],
    },
    {
      id: 'memory-trap',
      title: 'The memory trap',
      ideas: [9],
      text:
        'The spike is over. A colleague proposes to scale on memory instead of CPU: "memory is what runs out". But this web app runs on a garbage-collected runtime that grabs about 100 MiB of its 128 MiB request at start and keeps it, busy or idle (`kubectl top pods`). That is 78 %, above a 60 % target, whatever the load.\n\n' +
        "An HPA only ever sees the average. Adding pods does not lower each pod's memory, so the average never falls and the autoscaler never finds a reason to scale down.",
      task: 'Set the traffic back to 100 requests per second. Replace the CPU autoscaler `web` with one named `web-memory` that targets 60 % **memory** utilisation, between 2 and 12 pods. Then let six quiet minutes pass and watch REPLICAS in `kubectl get hpa`.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'objectExists', resource: 'HorizontalPodAutoscaler', name: 'web', present: false },
          {
            kind: 'objectField',
            resource: 'HorizontalPodAutoscaler',
            name: 'web-memory',
            path: 'spec.metrics.*.resource.name',
            matches: 'memory',
          },
          {
            kind: 'sustained',
            for: '6m',
            goal: {
              kind: 'all',
              goals: [
                { kind: 'hpaScaledTo', hpa: 'web-memory', atLeast: 12 },
                { kind: 'podUsage', selector: 'app=web', metric: 'requestsPerSecond', atMost: 10 },
              ],
            },
          },
        ],
      },
      success:
        'Six quiet minutes, twelve pods, and the cluster autoscaler keeps its extra machine for them: you pay for the spike forever. A CPU autoscaler would have scaled down once its 5-minute window had passed. Scale on something that follows the load (CPU, requests per second, queue length), and size memory with requests and limits instead.',
      hints: [
        'The traffic fault is in the toolbar. Delete the old autoscaler with `kubectl delete hpa web`.',
        'The memory autoscaler as a manifest (apply it in the editor):\n\n```\n' +
          memoryHpa('web-memory', 2, 12) +
          '```',
      ],
      solution: [
        { fault: { type: 'TrafficChange', service: 'web', requestsPerSecond: 100 } },
        { kubectl: 'delete hpa web' },
        { apply: memoryHpa('web-memory', 2, 12) },
        { wait: '6m30s' },
      ],
      facts: [
        {
          says: 'grabs about 100 MiB of its 128 MiB request',
          check: { kind: 'podUsage', selector: 'app=web', metric: 'memory', atLeast: 95, atMost: 105 },
          when: 'always',
          from: '30s',
        },
        {
          says: 'the cluster autoscaler keeps its extra machine for them',
          check: { kind: 'nodeCount', atLeast: 3 },
          when: 'always',
        },
      ],
      mistakes: [
        {
          why: 'Keep the CPU autoscaler and only lower the traffic: CPU falls with the load, and after its 5-minute window it scales down.',
          actions: [
            { fault: { type: 'TrafficChange', service: 'web', requestsPerSecond: 100 } },
            { wait: '6m30s' },
          ],
        },
      ],
    },
  ],
  quiz: [
    {
      id: 'faster-copies',
      type: 'single',
      ideas: [9],
      prompt: 'Requests take 2 seconds each. You scale from 3 to 6 replicas. What changes?',
      choices: [
        {
          id: 'more-parallel',
          text: 'Twice as many requests can be handled at once; each one still takes about 2 seconds.',
          correct: true,
          explanation:
            'Right. Horizontal scaling adds copies. It raises throughput, not the speed of one request (unless the copies were overloaded).',
        },
        {
          id: 'faster',
          text: 'Each request now takes about 1 second.',
          correct: false,
          explanation: 'Scaling changes the number of copies, not how fast each copy runs.',
        },
        {
          id: 'nothing',
          text: 'Nothing until the pods are restarted.',
          correct: false,
          explanation:
            'Existing pods keep running; new ones start and join the Service as soon as they are ready.',
        },
      ],
    },
    {
      id: 'two-levels',
      type: 'multiple',
      ideas: [9],
      prompt: 'Which statements about the two autoscalers are true?',
      choices: [
        {
          id: 'hpa-pods',
          text: "The HorizontalPodAutoscaler changes a workload's number of pods.",
          correct: true,
          explanation: 'Yes: it writes `replicas` on the Deployment, from measured load.',
        },
        {
          id: 'ca-nodes',
          text: 'The cluster autoscaler adds nodes when pods are Pending because nothing fits.',
          correct: true,
          explanation: 'Yes: it reacts to unschedulable pods, not to CPU usage.',
        },
        {
          id: 'hpa-nodes',
          text: 'The HPA adds nodes when CPU is high.',
          correct: false,
          explanation: 'No: the HPA only knows about pods. Without room for them, the new pods stay Pending.',
        },
        {
          id: 'instant-nodes',
          text: 'New nodes arrive as quickly as new pods.',
          correct: false,
          explanation:
            'No: a machine has to boot and register, which takes a minute or more; a pod on an existing node starts in seconds.',
        },
      ],
    },
    {
      id: 'hpa-arithmetic',
      type: 'single',
      ideas: [9],
      prompt:
        'An HPA targets 50 % CPU. Its three pods average 90 % of their request. How many replicas does it ask for on this round (min 1, max 10)?',
      choices: [
        {
          id: 'six',
          text: 'Six: ceil(3 × 90 ÷ 50) = ceil(5.4).',
          correct: true,
          explanation:
            'Right. The HPA scales the count by how far the average is from the target, and rounds up so the target is met. (From three pods it may go as far as six in one round anyway: at most double.)',
        },
        {
          id: 'four',
          text: 'Four: it adds one pod per round and looks again.',
          correct: false,
          explanation:
            'It does not step by one. It computes the count that would bring the average to the target, then limits how far one round may go (double, or up to 4).',
        },
        {
          id: 'five',
          text: 'Five: 3 × 90 ÷ 50 = 5.4, rounded to the nearest whole pod.',
          correct: false,
          explanation:
            'Rounding down would leave the average above the target. The HPA rounds up: ceil(5.4) = 6.',
        },
      ],
    },
    {
      id: 'scale-down-window',
      type: 'single',
      ideas: [9],
      prompt:
        'The spike ends and CPU drops to 10 % at once. How soon does a CPU autoscaler with default settings remove the extra pods?',
      choices: [
        {
          id: 'five-minutes',
          text: 'After about five minutes: it scales down to the highest count it recommended over the last 5 minutes.',
          correct: true,
          explanation:
            'Right. Scaling up is fast; scaling down waits out a 300-second stabilization window, so that a short dip between two bursts does not throw pods away only to start them again.',
        },
        {
          id: 'at-once',
          text: 'On its next round, 15 seconds later.',
          correct: false,
          explanation:
            'That would make the pod count flap with every dip in traffic. Scale-down is held back by a 5-minute window of recommendations.',
        },
        {
          id: 'never',
          text: 'Never: an HPA only scales up, and scaling down is done by hand.',
          correct: false,
          explanation:
            'A CPU-based HPA does scale down, after its window. It is a memory-based one whose metric never falls that seems to scale only up.',
        },
      ],
    },
    {
      id: 'predict-memory-trap',
      type: 'predict',
      ideas: [9],
      prompt:
        "Back at the start: two pods, low traffic. Each web pod's garbage-collected runtime holds about 100 MiB of its 128 MiB request, whatever the load. You add an HPA that targets 60 % **memory**, with min 2 and max 6. Two minutes later?",
      choices: [
        {
          id: 'max',
          text: 'The HPA scales to its maximum of 6 and stays there.',
          correct: true,
          explanation:
            "Right. Adding pods does not lower each pod's memory, so the average never drops below the target. Memory that never falls is a poor scaling signal; CPU or request rate follows load.",
        },
        {
          id: 'two',
          text: 'It stays at 2, because traffic is low.',
          correct: false,
          explanation:
            'The HPA does not look at traffic here, only at memory, and memory is above the target.',
        },
        {
          id: 'settles',
          text: 'It adds a pod or two until the average falls to 60 %.',
          correct: false,
          explanation:
            'The average would only fall if each pod used less memory with less load. A garbage-collected heap rarely gives memory back.',
        },
      ],
      tryIt: {
        text: "From the lesson's start, apply a memory-based HPA and wait two minutes.",
        from: 'start',
        actions: [{ apply: memoryHpa('web-memory', 2, 6) }, { wait: '2m' }],
        expect: { kind: 'hpaScaledTo', hpa: 'web-memory', atLeast: 6 },
      },
    },
  ],
};

export default lesson;
