import { shop } from './fixtures';
import type { Lesson } from './types';

/** Lesson 13: what keeps running when the control plane is down, what waits for it, and what it all costs. */
const lesson: Lesson = {
  id: 'control-plane-outage',
  title: 'When the control plane goes dark',
  summary:
    'Take down the API server, etcd, the scheduler and the controllers for three minutes. The shop keeps serving; a dead machine goes unnoticed until they return.',
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
${shop()}`,
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
      facts: [
        {
          says: 'kubectl cannot connect',
          check: { kind: 'controlPlaneAvailable', available: false },
          from: '11s',
          when: 'always',
        },
        {
          says: 'Yet not one request failed',
          check: { kind: 'requestsFailed', service: 'shop' },
          from: '5s',
          when: 'never',
        },
      ],
      mistakes: [
        {
          why: 'Take down only the scheduler: the API server still answers, so this is not the outage the step is about.',
          actions: [
            { wait: '10s' },
            { fault: { type: 'ControlPlaneOutage', durationSeconds: 180, component: 'kube-scheduler' } },
            { wait: '25s' },
          ],
        },
      ],
    },
    {
      id: 'no-healing',
      title: 'Nobody to notice',
      ideas: [4, 15, 3],
      text:
        "Now a machine dies during the outage. Its kubelet goes silent, but the node lifecycle controller that would notice is part of the control plane, and it is down. So nothing marks the node, and nothing takes its pod out of the Service's endpoints: kube-proxy keeps sending that pod a third of the requests, and they fail for as long as the outage lasts. Nobody can step in by hand either: `kubectl delete pod` needs the API server too.\n\n" +
        'Compare that with a container crash: the kubelet restarts it on its own node, no control plane needed.',
      task: 'While the outage lasts, fail `node-2` (**Fail node** from its menu). Try `kubectl get pods`. Then let the outage run out and watch what the returning controllers do.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'controlPlaneAvailable', available: true },
          { kind: 'nodeCondition', node: 'node-2', status: 'Unknown' },
          { kind: 'serviceEndpoints', service: 'shop', count: 2 },
          { kind: 'noFailedRequests', service: 'shop', during: '10s' },
        ],
      },
      success:
        'When the controllers came back they looked at the whole cluster again. Level-based loops do not need to have seen the event; they compare states. The node lifecycle controller gives every node it finds on starting a fresh 50 s grace period, so node-2 was marked `Unknown` about 50 s after the outage ended: then its pod left the endpoints and the errors stopped. The lost pod is replaced after the usual 300 s toleration. That is also why etcd deserves protecting and backing up: lose it, and the declarations are gone.',
      hints: [
        'The outage ends by itself 3 minutes after it began.',
        "Fail the node from its menu, or from the toolbar's fault list.",
      ],
      solution: [{ fault: { type: 'NodeFailure', node: 'node-2' } }, { wait: '3m45s' }],
      facts: [
        {
          says: 'they fail for as long as the outage lasts',
          check: {
            kind: 'requestsFailed',
            service: 'shop',
            atLeast: 900,
            percentAtLeast: 30,
            percentAtMost: 37,
          },
          from: '1s',
          until: '2m35s',
        },
        {
          says: 'So nothing marks the node',
          check: { kind: 'nodeCondition', node: 'node-2', status: 'True' },
          when: 'always',
          until: '2m35s',
        },
        {
          says: 'node-2 was marked `Unknown` about 50 s after the outage ended',
          check: { kind: 'nodeCondition', node: 'node-2', status: 'Unknown' },
          when: 'never',
          until: '3m20s',
        },
        {
          says: 'node-2 was marked `Unknown`',
          check: { kind: 'nodeCondition', node: 'node-2', status: 'Unknown' },
          until: '3m35s',
        },
        {
          says: 'then its pod left the endpoints and the errors stopped',
          check: { kind: 'requestsFailed', service: 'shop' },
          from: '3m36s',
          when: 'never',
        },
        {
          says: 'The lost pod is replaced after the usual 300 s toleration',
          check: { kind: 'podsReplaced', selector: 'app=shop' },
          when: 'never',
        },
      ],
      mistakes: [
        {
          why: 'Crash a container instead: the kubelet restarts it on its own node, the node stays Ready, and nothing needs the control plane.',
          actions: [{ fault: { type: 'PodCrash', selector: 'app=shop' } }, { wait: '3m45s' }],
        },
      ],
    },
    {
      id: 'changes-need-it',
      title: 'Every change goes through the front door',
      ideas: [4, 16],
      text:
        'With the API server back, you can change the declaration again. Everything you did in this course, apply, scale, roll out, went through that one front door.\n\n' +
        'All of this machinery (API server, etcd, scheduler, controllers, kubelets, proxies, plus upgrades and monitoring for them) is a large fixed cost. It pays off when many services share it; for one small app on one server it is often overkill, and simpler tools (a managed platform, Docker Compose, or another orchestrator such as Nomad or Docker Swarm) may serve better.',
      task: 'Declare five shop pods.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'replicasAtLeast', deployment: 'shop', count: 5, of: 'spec' },
          { kind: 'podsReady', selector: 'app=shop', count: 4 },
        ],
      },
      success:
        'Five pods declared. Four run on the healthy machines: node-2 carries the `unreachable` taint, so the scheduler left it out. The fifth is still the lost pod on node-2, which counts as a replica until it is evicted. The loop was there all along; it only needed its control room.',
      hints: [
        'The same change you made in the first lesson: `replicas`, in the editor or with `kubectl scale`.',
      ],
      solution: [{ kubectl: 'scale deployment/shop --replicas=5' }, { wait: '10s' }],
      facts: [
        {
          says: 'Four run on the healthy machines',
          check: { kind: 'podsReady', selector: 'app=shop', count: 4 },
        },
        {
          says: 'node-2 carries the `unreachable` taint',
          check: {
            kind: 'objectField',
            resource: 'Node',
            name: 'node-2',
            path: 'spec.taints.*',
            matches: { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
          },
        },
        {
          says: 'The fifth is still the lost pod on node-2',
          check: { kind: 'podCount', selector: 'app=shop', atLeast: 5, atMost: 5 },
        },
      ],
      mistakes: [
        {
          why: 'Recover node-2 and wait: it comes back Ready, but the declaration still says three.',
          actions: [{ fault: { type: 'NodeRecovery', node: 'node-2' } }, { wait: '10s' }],
        },
      ],
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
          text: 'They keep running and serving, and kubelets still restart crashed containers; but nothing is rescheduled, replaced, scaled or changed until it returns.',
          correct: true,
          explanation:
            'Right. The data plane (kubelets, the container runtime, kube-proxy) keeps doing what it was last told, including restarting a crashed container in place. Everything that needs a decision (a new pod, a node marked dead, a new endpoint list) waits for the control plane.',
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
          text: 'Everything works as usual, including moving traffic away from a machine that dies.',
          correct: false,
          explanation:
            "Noticing a dead machine is the node lifecycle controller's job, part of the control plane. During the outage its pods stay in the Service's endpoints, and their share of the requests fails, as you saw.",
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
          id: 'ha-for-free',
          text: 'Yes: on Kubernetes the app becomes highly available by itself.',
          correct: false,
          explanation:
            'On one server there is nothing to fail over to, and the database is still one database. High availability comes from several machines and an app built for it; the orchestrator only automates the restarts and moves.',
        },
        {
          id: 'cheaper',
          text: 'Yes: packing containers tightly makes it cheaper than running the app directly.',
          correct: false,
          explanation:
            'Packing pays off across many services. For one small app the control plane, its upgrades and the know-how to run it cost more than they save.',
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
