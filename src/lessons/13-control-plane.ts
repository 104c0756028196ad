import type { Lesson } from './types';

/** Lesson 13: what keeps running when the control plane is down, what waits for it, and what it all costs. */
const lesson: Lesson = {
  id: 'control-plane-outage',
  title: 'When the control plane goes dark',
  summary:
    'Take down the API server, etcd, the scheduler and the controllers for three minutes. The shop keeps serving; nothing heals until they return.',
  ideas: [4, 15, 16],
  scenario: `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata:
  name: control-plane-outage
spec:
  seed: 15
  images:
    shop:1.0: { pullSeconds: 2, startupSeconds: 1 }
  traffic:
    - { service: shop, requestsPerSecond: 20 }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  replicas: 3
  selector:
    matchLabels: { app: shop }
  template:
    metadata:
      labels: { app: shop }
    spec:
      containers:
        - name: shop
          image: shop:1.0
          ports:
            - containerPort: 8080
          resources:
            requests: { cpu: 250m, memory: 128Mi }
---
apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  selector: { app: shop }
  ports:
    - port: 80
      targetPort: 8080
`,
  steps: [
    {
      id: 'lights-out',
      title: 'Lights out in the control room',
      ideas: [4, 15],
      text:
        'Two halves make a cluster. The **control plane** decides: the API server (the single front door every change goes through), etcd (the database holding the desired state), the scheduler, and the controller manager (one controller per kind of object). The **data plane** does: on every worker node a kubelet runs the pods through a container runtime and reports back, and kube-proxy routes Service traffic.\n\n' +
        'What happens to your shop when the deciding half disappears?',
      task: "Start a **control-plane outage** of 3 minutes from the toolbar. Then try `kubectl get pods`, and watch the shop's error rate.",
      goal: {
        kind: 'all',
        goals: [
          { kind: 'controlPlaneAvailable', available: false },
          { kind: 'noFailedRequests', service: 'shop', during: '20s' },
        ],
      },
      success:
        'kubectl cannot connect: there is no API server to answer. Yet not one request failed. The kubelets keep running the containers they have, and kube-proxy keeps routing with the endpoints it last saw. Running workloads do not need the control plane; **changes** do.',
      hints: ['The outage fault asks for a duration: 180 seconds.'],
      solution: [
        { wait: '10s' },
        { fault: { type: 'ControlPlaneOutage', durationSeconds: 180 } },
        { wait: '25s' },
      ],
    },
    {
      id: 'no-healing',
      title: 'Nobody to heal it',
      ideas: [4, 15, 3],
      text: "Now a pod dies during the outage. Its kubelet stops it, but creating a replacement is the ReplicaSet controller's job, scheduling it is the scheduler's, and both are down. The shop runs on two pods until the control plane returns.",
      task: 'Delete a shop pod (**Delete pod** from its menu), then let the outage run out and watch the controllers catch up.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'controlPlaneAvailable', available: true },
          { kind: 'podsReplaced', selector: 'app=shop', count: 1 },
          { kind: 'podsReady', selector: 'app=shop', count: 3 },
        ],
      },
      success:
        'When the controllers came back they looked at the whole cluster again, found 2 pods where 3 are declared, and closed the gap at once. Level-based loops do not need to have seen the event; they compare states. That is also why etcd deserves protecting and backing up: lose it, and the declarations are gone.',
      hints: ['The outage ends by itself after 3 minutes of simulated time.'],
      solution: [{ fault: { type: 'PodDelete', selector: 'app=shop' } }, { wait: '3m' }],
    },
    {
      id: 'changes-need-it',
      title: 'Every change goes through the front door',
      ideas: [4, 16],
      text:
        'With the API server back, you can change the declaration again. Everything you did in this course, apply, scale, roll out, went through that one front door.\n\n' +
        'All of this machinery (API server, etcd, scheduler, controllers, kubelets, proxies, plus upgrades and monitoring for them) is a large fixed cost. It pays off when many services share it; for one small app on one server it is often overkill, and simpler tools (a managed platform, Docker Compose, or another orchestrator such as Nomad or Docker Swarm) may serve better.',
      task: 'Scale the shop to 5: `kubectl scale deployment/shop --replicas=5`.',
      goal: { kind: 'podsReady', selector: 'app=shop', count: 5 },
      success: 'Five pods. The loop was there all along; it only needed its control room.',
      hints: ['The same command you used in the first lesson.'],
      solution: [{ kubectl: 'scale deployment/shop --replicas=5' }, { wait: '10s' }],
    },
  ],
  quiz: [
    {
      id: 'outage-what-runs',
      type: 'single',
      ideas: [15, 4],
      prompt:
        'The whole control plane is down for ten minutes. What happens to the applications already running?',
      choices: [
        {
          id: 'keep-serving',
          text: 'They keep running and serving; only changes, healing, scheduling and scaling wait.',
          correct: true,
          explanation:
            'Right. The data plane (kubelets, runtime, kube-proxy) keeps doing what it was last told. The control plane is needed to change anything.',
        },
        {
          id: 'all-down',
          text: 'They stop, because the control plane runs them.',
          correct: false,
          explanation:
            'The control plane decides; the kubelets on the nodes run the containers, and they carry on alone.',
        },
        {
          id: 'normal',
          text: 'Everything works as usual, including replacing crashed pods.',
          correct: false,
          explanation:
            'A kubelet can restart a crashed container in place, but replacing a deleted pod needs the ReplicaSet controller and the scheduler, which are down.',
        },
      ],
    },
    {
      id: 'who-does-what',
      type: 'multiple',
      ideas: [4],
      prompt: 'Which pairings of component and job are right?',
      choices: [
        {
          id: 'etcd',
          text: "etcd stores the cluster's objects, the desired state included.",
          correct: true,
          explanation: "Yes: it is the cluster's database; everything else is stateless around it.",
        },
        {
          id: 'scheduler',
          text: 'The scheduler picks a node for each new pod.',
          correct: true,
          explanation: 'Yes: it only binds pods to nodes; it never starts them.',
        },
        {
          id: 'kubelet',
          text: 'The kubelet on each node starts the pods bound to it and reports their status.',
          correct: true,
          explanation: "Yes: it is the data plane's agent, talking to the container runtime.",
        },
        {
          id: 'apiserver-runs',
          text: 'The API server starts containers on the nodes.',
          correct: false,
          explanation:
            'No: the API server only stores and serves objects (and checks them). Everyone else watches it and acts.',
        },
      ],
    },
    {
      id: 'when-not',
      type: 'single',
      ideas: [16, 1],
      prompt:
        'A two-person startup runs one small web app with a database on a single server. Is a Kubernetes cluster a good fit?',
      choices: [
        {
          id: 'overkill',
          text: 'Probably not yet: its fixed operational cost is large, and the benefits grow with the number of services and machines.',
          correct: true,
          explanation:
            'Right. The marginal cost of one more service on a cluster is tiny, but the first one pays for all of the machinery. Simpler hosting often wins at this size.',
        },
        {
          id: 'always',
          text: 'Yes: every application should run on Kubernetes.',
          correct: false,
          explanation:
            'It is a tool with a price. For small, stable setups that price can outweigh what it buys.',
        },
        {
          id: 'never-db',
          text: 'No, because Kubernetes cannot run databases.',
          correct: false,
          explanation:
            'It can (StatefulSets, operators). The question is whether the operational cost is worth it here.',
        },
      ],
    },
    {
      id: 'predict-crash-during-outage',
      type: 'predict',
      ideas: [15, 7],
      prompt:
        'From the start of the lesson, the control plane goes down and then one shop container crashes. Will the container be restarted while the control plane is still down?',
      choices: [
        {
          id: 'kubelet-restarts',
          text: "Yes: restarting a container is the kubelet's job, on the node itself.",
          correct: true,
          explanation:
            "Right. The kubelet needs no one's permission to restart its own container. Its status (RESTARTS) reaches the API server once it is back.",
        },
        {
          id: 'waits',
          text: 'No: it waits for the control plane, like a deleted pod does.',
          correct: false,
          explanation:
            'A deleted pod needs controllers to make a new one; a crashed container inside a live pod only needs its kubelet.',
        },
        {
          id: 'node-dies',
          text: 'No, and its node is marked NotReady too.',
          correct: false,
          explanation:
            'The node lifecycle controller is part of the control plane: it is down too, so nothing marks nodes during the outage.',
        },
      ],
      tryIt: {
        text: 'From the start, run a 60-second outage, crash one shop container, and wait until the control plane is back.',
        from: 'start',
        actions: [
          { wait: '10s' },
          { fault: { type: 'ControlPlaneOutage', durationSeconds: 60 } },
          { fault: { type: 'PodCrash', selector: 'app=shop' } },
          { wait: '90s' },
        ],
        expect: {
          kind: 'all',
          goals: [
            { kind: 'podRestarted', selector: 'app=shop' },
            { kind: 'not', goal: { kind: 'podsReplaced', selector: 'app=shop' } },
            { kind: 'podsReady', selector: 'app=shop', count: 3 },
          ],
        },
      },
    },
  ],
};

export default lesson;
