import type { Lesson } from './types';

const model = (image: string, probes: 'none' | 'liveness' | 'all') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: model
spec:
  replicas: 3
  selector:
    matchLabels: { app: model }
  template:
    metadata:
      labels: { app: model }
    spec:
      containers:
        - name: model
          image: ${image}
          ports:
            - containerPort: 8080
          resources:
            requests: { cpu: 250m, memory: 256Mi }
${
  probes === 'none'
    ? ''
    : probes === 'liveness'
      ? `          livenessProbe:
            httpGet: { path: /healthz, port: 8080 }
            periodSeconds: 2
            failureThreshold: 2
`
      : `          startupProbe:
            httpGet: { path: /healthz, port: 8080 }
            periodSeconds: 2
            failureThreshold: 15
          readinessProbe:
            httpGet: { path: /ready, port: 8080 }
            periodSeconds: 2
          livenessProbe:
            httpGet: { path: /healthz, port: 8080 }
            periodSeconds: 2
            failureThreshold: 2
`
}`;

/** Lesson 9: the eight-second model loader: probes turn a rollout full of errors into a clean one. */
const lesson: Lesson = {
  id: 'probes',
  title: 'The eight-second model loader',
  summary:
    'A service needs eight seconds to load its model. Without probes every rollout serves errors; with the wrong probe it never starts. Fix it until a rollout drops zero requests.',
  ideas: [11, 12],
  scenario: `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata:
  name: model-loader
spec:
  seed: 12
  images:
    model:1.0: { pullSeconds: 2, startupSeconds: 8 }
    model:1.1: { pullSeconds: 2, startupSeconds: 8 }
    model:1.2: { pullSeconds: 2, startupSeconds: 8 }
    model:1.3: { pullSeconds: 2, startupSeconds: 8 }
  traffic:
    - { service: model, requestsPerSecond: 30 }
---
${model('model:1.0', 'none')}---
apiVersion: v1
kind: Service
metadata:
  name: model
spec:
  selector: { app: model }
  ports:
    - port: 80
      targetPort: 8080
`,
  steps: [
    {
      id: 'errors-on-rollout',
      title: 'A rollout that hurts',
      ideas: [11, 12],
      text: 'Each model pod spends its first eight seconds loading a model before it can answer. With no probes, the kubelet calls a container **ready** the moment its process starts, so the Service sends it requests at once, and they fail until the model is loaded. Every rollout repeats that.',
      task: 'Roll out the next version: `kubectl set image deployment/model model=model:1.1`. Watch the error rate on the Service.',
      goal: { kind: 'requestsFailed', service: 'model', during: 'rollout' },
      success:
        'Requests failed although nothing crashed: the new pods were counted as ready before they could serve, and the old ones were removed because of it.',
      hints: ['The container is named `model`.'],
      solution: [{ wait: '20s' }, { kubectl: 'set image deployment/model model=model:1.1' }, { wait: '40s' }],
    },
    {
      id: 'liveness-too-early',
      title: 'A liveness probe that kills',
      ideas: [11, 7],
      text: 'Someone adds a **liveness probe**: "restart the container if `/healthz` fails twice in a row, checking every 2 s". It sounds safe. But a model still loading does not answer `/healthz` either, so the kubelet kills it after about four seconds, long before the eight it needs. The slow start has become a restart loop.',
      task: 'Apply version 1.2 with this liveness probe (the manifest is in the hint), and watch the RESTARTS column.',
      goal: { kind: 'podRestarted', selector: 'app=model', count: 2 },
      success:
        'Liveness answers one question: "is this container wedged, so that a restart would help?" Asked during a slow start, it gets the wrong answer. Worse: with no readiness probe, each new pod looked ready for a moment after it started, so the rollout went ahead and replaced every 1.1 pod. The whole service is down, in a restart loop.',
      hints: [
        'Add under the container:\n\n```\nlivenessProbe:\n  httpGet: { path: /healthz, port: 8080 }\n  periodSeconds: 2\n  failureThreshold: 2\n```\n\nand set `image: model:1.2`.',
      ],
      solution: [{ apply: model('model:1.2', 'liveness') }, { wait: '40s' }],
    },
    {
      id: 'zero-failed-requests',
      title: 'A rollout with zero failed requests',
      ideas: [11, 10, 12],
      text:
        'Three probes, three questions:\n\n' +
        '- **startup**: "has it finished starting?" Until it succeeds, the other probes wait. Here: up to 15 × 2 s = 30 s.\n' +
        '- **readiness**: "may it receive traffic now?" Failing it takes the pod out of the Service **without** restarting it.\n' +
        '- **liveness**: "is it wedged?" Failing it restarts the container.\n\n' +
        'With readiness, a new pod gets no requests, and counts as unavailable, until the model is loaded, so the rollout waits for it before removing an old pod.',
      task: 'First roll back the crash-looping 1.2 (`kubectl rollout undo deployment/model`). Then apply version 1.3 with a startup, a readiness and a liveness probe (see the hint), and keep the error rate at zero for the whole rollout.',
      goal: { kind: 'noFailedRequests', service: 'model', during: 'rollout' },
      success:
        'A whole rollout, not one failed request. The loop was always willing to wait; the probes told it what to wait for.',
      hints: [
        'Under the container:\n\n```\nstartupProbe:\n  httpGet: { path: /healthz, port: 8080 }\n  periodSeconds: 2\n  failureThreshold: 15\nreadinessProbe:\n  httpGet: { path: /ready, port: 8080 }\n  periodSeconds: 2\nlivenessProbe:\n  httpGet: { path: /healthz, port: 8080 }\n  periodSeconds: 2\n  failureThreshold: 2\n```',
        'If the counter shows errors, roll out again: each new rollout starts a fresh count.',
      ],
      solution: [
        { kubectl: 'rollout undo deployment/model' },
        { wait: '30s' },
        { apply: model('model:1.3', 'all') },
        { wait: '90s' },
      ],
    },
  ],
  quiz: [
    {
      id: 'liveness-vs-readiness',
      type: 'single',
      ideas: [11],
      prompt: "A pod's **readiness** probe starts failing. What happens?",
      choices: [
        {
          id: 'no-traffic',
          text: "The pod is taken out of its Services' endpoints; it keeps running and is not restarted.",
          correct: true,
          explanation:
            'Right. Readiness only decides whether traffic may reach the pod. When the probe passes again, the pod gets requests again.',
        },
        {
          id: 'restart',
          text: 'The kubelet restarts the container.',
          correct: false,
          explanation:
            'That is liveness. Readiness and liveness are different questions with different consequences.',
        },
        {
          id: 'replaced',
          text: 'The ReplicaSet replaces the pod with a new one.',
          correct: false,
          explanation: 'An unready pod still counts as a replica; nothing is created or deleted.',
        },
      ],
    },
    {
      id: 'which-probe',
      type: 'multiple',
      ideas: [11],
      prompt: 'A service takes 8 seconds to start. Which of these help it roll out without failed requests?',
      choices: [
        {
          id: 'readiness',
          text: 'A readiness probe that passes only once the model is loaded.',
          correct: true,
          explanation:
            'Yes: no traffic until ready, and the rollout waits for availability before removing old pods.',
        },
        {
          id: 'startup',
          text: 'A startup probe that gives it enough time before liveness checks begin.',
          correct: true,
          explanation: 'Yes: it keeps an eager liveness probe from killing a slow start.',
        },
        {
          id: 'early-liveness',
          text: 'A liveness probe that checks every second from the start.',
          correct: false,
          explanation:
            'No: that kills the container while it loads, turning a slow start into CrashLoopBackOff.',
        },
        {
          id: 'more-replicas',
          text: 'More replicas.',
          correct: false,
          explanation:
            'No: every new pod still receives requests too early. More copies do not change what each one does on start.',
        },
      ],
    },
    {
      id: 'predict-hang',
      type: 'predict',
      ideas: [11],
      prompt:
        "The probes are in place. One model pod's application hangs: it stops answering but its process stays alive. A minute later?",
      choices: [
        {
          id: 'restarted',
          text: 'Liveness failed, so the kubelet restarted it; after its startup it is ready again.',
          correct: true,
          explanation:
            'Right. This is what liveness is for: a wedged process that would never recover by itself. Readiness took it out of the Service meanwhile. (A hung process ignores the polite stop signal, so it is killed at the end of its 30 s grace period.)',
        },
        {
          id: 'out-forever',
          text: 'Readiness took it out of the Service, and it stays out until someone deletes it.',
          correct: false,
          explanation:
            'Readiness alone would do that. The liveness probe notices the hang too and restarts it.',
        },
        {
          id: 'nothing',
          text: 'Nothing: the process is still running, so the pod counts as healthy.',
          correct: false,
          explanation: 'Probes check answers, not processes. A hung process fails them.',
        },
      ],
      tryIt: {
        text: 'Hang one model pod (**Hang app** from its menu) and wait a minute.',
        actions: [{ fault: { type: 'AppHang', selector: 'app=model' } }, { wait: '60s' }],
        expect: {
          kind: 'all',
          goals: [
            { kind: 'podRestarted', selector: 'app=model' },
            { kind: 'podsReady', selector: 'app=model', count: 3 },
          ],
        },
      },
    },
  ],
};

export default lesson;
