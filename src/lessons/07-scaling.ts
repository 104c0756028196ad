import type { Lesson } from './types';

const memoryHpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web-memory
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 2
  maxReplicas: 6
  metrics:
    - type: Resource
      resource:
        name: memory
        target: { type: Utilization, averageUtilization: 60 }
`;

/** Lesson 7: scaling changes the number of copies: by hand, with an HPA, and with a cluster autoscaler. */
const lesson: Lesson = {
  id: 'scaling',
  title: 'Scaling: by hand, by load, and by machine',
  summary:
    'Scale a web app yourself, let a HorizontalPodAutoscaler follow a traffic spike, and watch the cluster autoscaler add machines when the pods no longer fit.',
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
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: web:1.0
          ports:
            - containerPort: 8080
          resources:
            requests: { cpu: 400m, memory: 128Mi }
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: { app: web }
  ports:
    - port: 80
      targetPort: 8080
`,
  steps: [
    {
      id: 'by-hand',
      title: 'Scale by hand',
      ideas: [9, 2],
      text: 'Two web pods share 100 requests per second. Scaling by hand is just a new setpoint: you change `replicas`, the loop does the rest. Each copy stays exactly as fast as before; there are simply more of them to share the requests.',
      task: 'Scale web to 4: `kubectl scale deployment/web --replicas=4`.',
      goal: { kind: 'podsReady', selector: 'app=web', count: 4 },
      success:
        'Four pods, each now getting about 25 requests per second instead of 50. Try `kubectl top pods`: each pod uses less CPU because it does less work, not because it got faster.',
      hints: ['Or edit `replicas: 4` in the editor and apply.'],
      solution: [{ wait: '10s' }, { kubectl: 'scale deployment/web --replicas=4' }, { wait: '15s' }],
    },
    {
      id: 'by-load',
      title: 'Let an autoscaler follow the load',
      ideas: [9, 3],
      text: "Nobody wants to sit and watch a traffic graph. A **HorizontalPodAutoscaler** (HPA) is one more control loop: every 15 s it measures the pods' average CPU as a share of their request, compares it with a target, and changes `replicas` to close the gap, between a minimum and a maximum.",
      task: 'Create an HPA: `kubectl autoscale deployment/web --cpu-percent=60 --min=2 --max=12`. Then send a spike: **Change traffic** on the web Service to 1500 requests per second.',
      goal: { kind: 'hpaScaledTo', hpa: 'web', atLeast: 8 },
      success:
        'CPU shot past the 60 % target and the HPA raised the replicas, at most doubling them per step. It does not make pods faster; it decides how many there should be.',
      hints: [
        "The traffic fault is in the toolbar (and in a Service's menu).",
        '`kubectl get hpa` shows TARGETS (current/target utilisation) and REPLICAS.',
      ],
      solution: [
        { kubectl: 'autoscale deployment/web --cpu-percent=60 --min=2 --max=12' },
        { fault: { type: 'TrafficChange', service: 'web', requestsPerSecond: 1500 } },
        { wait: '35s' },
      ],
    },
    {
      id: 'by-machine',
      title: 'When the pods no longer fit',
      ideas: [9, 6],
      text: 'The HPA asks for more pods, but two 2-CPU machines cannot hold twelve pods that each reserve 400m. The extra pods wait **Pending**. That is where the second level of scaling comes in: the **cluster autoscaler** notices pods that would fit on a new node of the pool and asks the cloud for machines.',
      task: 'Let time run and watch the nodes. (`kubectl get nodes`, and the `TriggeredScaleUp` events.)',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'podsReady', selector: 'app=web', count: 12 },
          { kind: 'nodeCount', atLeast: 3 },
        ],
      },
      success:
        'Pods scale in seconds; machines take a minute or more to boot. The HPA changes the number of pods, the cluster autoscaler the number of nodes: two loops, two levels, easy to mix up.',
      hints: ['Nothing to do but wait a few simulated minutes.'],
      solution: [{ wait: '4m' }],
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
      id: 'predict-memory-trap',
      type: 'predict',
      ideas: [9],
      prompt:
        "Back at the start (low traffic). Each web pod's garbage-collected runtime holds about 100 MiB of its 128 MiB request, whatever the load. You add an HPA that targets 60 % **memory**, with min 2 and max 6. Two minutes later?",
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
        actions: [{ apply: memoryHpa }, { wait: '2m' }],
        expect: { kind: 'hpaScaledTo', hpa: 'web-memory', atLeast: 6 },
      },
    },
  ],
};

export default lesson;
