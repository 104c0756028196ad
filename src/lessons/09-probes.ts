import { deployment, service } from './fixtures';
import type { Lesson } from './types';

const LIVENESS = `livenessProbe:
  httpGet: { path: /healthz, port: 8080 }
  periodSeconds: 2
  failureThreshold: 2
`;

const STARTUP = `startupProbe:
  httpGet: { path: /healthz, port: 8080 }
  periodSeconds: 2
  failureThreshold: 15
`;

const READINESS = `readinessProbe:
  httpGet: { path: /ready, port: 8080 }
  periodSeconds: 2
`;

const model = (image: string, probes = '') =>
  deployment({
    name: 'model',
    image,
    replicas: 3,
    memory: '256Mi',
    ...(probes ? { container: probes } : {}),
  });

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
    model:1.3: { pullSeconds: 2, startupSeconds: 8, notReadyAfterSeconds: 8, notReadyForSeconds: 20 }
  traffic:
    - { service: model, requestsPerSecond: 30 }
---
${model('model:1.0')}---
${service('model')}`,
  steps: [
    {
      id: 'errors-on-rollout',
      title: 'A rollout that hurts',
      ideas: [11, 12],
      text: 'Each model pod spends its first eight seconds loading a model before it can answer. With no probes, the kubelet calls a container **ready** the moment its process starts, so the Service sends it requests at once, and they fail until the model is loaded. You saw it when the lesson started: every request failed for the first eight seconds. Every rollout repeats that.',
      task: 'Roll out the next version, `model:1.1`. Watch the error rate on the Service.',
      goal: { kind: 'requestsFailed', service: 'model', during: 'rollout' },
      success:
        'Requests failed although nothing crashed: the new pods were counted as ready before they could serve, and the old ones were removed because of it.',
      hints: [
        'Change the image in the editor and apply, or use `kubectl set image`.',
        '`kubectl set image deployment/model model=model:1.1` (the container is named `model`).',
      ],
      solution: [{ wait: '20s' }, { kubectl: 'set image deployment/model model=model:1.1' }, { wait: '40s' }],
      facts: [
        {
          says: 'every request failed for the first eight seconds',
          check: { kind: 'requestsFailed', service: 'model', atLeast: 240, percentAtLeast: 100 },
          until: '8s',
        },
        {
          says: 'the new pods were counted as ready before they could serve, and the old ones were removed because of it',
          check: { kind: 'requestsFailed', service: 'model', atLeast: 150, percentAtLeast: 15 },
          from: '20s',
        },
      ],
      mistakes: [
        {
          why: 'Scale up instead of rolling out: new pods fail requests the same way, but no rollout happened.',
          actions: [{ wait: '20s' }, { kubectl: 'scale deployment/model --replicas=5' }, { wait: '40s' }],
        },
      ],
    },
    {
      id: 'liveness-too-early',
      title: 'A liveness probe that kills',
      ideas: [11, 7],
      text: 'Someone adds a **liveness probe**: "restart the container if `/healthz` fails twice in a row, checking every 2 s". It sounds safe. But a model still loading does not answer `/healthz` either, so the kubelet kills it after about four seconds, long before the eight it needs. The slow start has become a restart loop.',
      task: 'Ship version `model:1.2` with that liveness probe (HTTP GET `/healthz` on port 8080, every 2 s, failing after 2 failures), and watch the RESTARTS column.',
      goal: { kind: 'podRestarted', selector: 'app=model', count: 2 },
      success:
        'Liveness answers one question: "is this container wedged, so that a restart would help?" Asked during a slow start, it gets the wrong answer. Worse: with no readiness probe, each new pod looked ready for a moment after it started, so the rollout went ahead and replaced every 1.1 pod. The whole service is down, in a restart loop.',
      hints: [
        'A `livenessProbe` sits under the container, beside `image`, with an `httpGet` (path and port), `periodSeconds` and `failureThreshold`.',
        'Under the container, with `image: model:1.2`:\n\n```\n' + LIVENESS + '```',
      ],
      solution: [{ apply: model('model:1.2', LIVENESS) }, { wait: '40s' }],
      facts: [
        {
          says: 'the kubelet kills it after about four seconds',
          check: {
            kind: 'eventRecorded',
            reason: 'Killing',
            selector: 'app=model',
            message: 'failed liveness probe, will be restarted',
          },
          when: 'sometime',
          until: '5s',
        },
        {
          says: 'The whole service is down, in a restart loop',
          check: {
            kind: 'all',
            goals: [
              { kind: 'podsReady', selector: 'app=model', count: 0 },
              { kind: 'podStatus', selector: 'app=model', status: 'CrashLoopBackOff' },
            ],
          },
        },
        {
          says: 'The whole service is down',
          check: { kind: 'requestsFailed', service: 'model', atLeast: 500, percentAtLeast: 95 },
          from: '10s',
        },
      ],
      mistakes: [
        {
          why: 'A liveness probe that waits 15 s before its first check: the model loads in time, and nothing restarts.',
          actions: [
            {
              apply: model(
                'model:1.2',
                LIVENESS.replace('periodSeconds: 2', 'initialDelaySeconds: 15\n  periodSeconds: 2'),
              ),
            },
            { wait: '40s' },
          ],
        },
      ],
    },
    {
      id: 'zero-failed-requests',
      title: 'A rollout with zero failed requests',
      ideas: [11, 10, 12],
      text:
        'Three probes, three questions:\n\n' +
        '- **startup**: "has it finished starting?" Until it succeeds, the other probes wait, and the container does not count as ready. Here: up to 15 × 2 s = 30 s.\n' +
        '- **readiness**: "may it receive traffic now?" Failing it takes the pod out of the Service **without** restarting it.\n' +
        '- **liveness**: "is it wedged?" Failing it restarts the container.\n\n' +
        'Version 1.3 has one more habit: once its process answers `/healthz` (after 8 s) it warms its cache for another 20 s. It is alive, so liveness passes, but until the cache is warm it answers requests, and `/ready`, with 503s.\n\n' +
        'A new pod that gets no requests until it can serve also counts as unavailable until then, so the rollout waits for it before removing an old pod.',
      task: 'Roll back the crash-looping 1.2. Then ship `model:1.3` so that its rollout fails **no** request and no container restarts, while a liveness probe still guards against a wedged process.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'noFailedRequests', service: 'model', during: 'rollout' },
          { kind: 'deploymentImage', deployment: 'model', image: 'model:1.3' },
          {
            kind: 'objectField',
            resource: 'Deployment',
            name: 'model',
            path: 'spec.template.spec.containers.0.livenessProbe',
          },
          { kind: 'not', goal: { kind: 'podRestarted', selector: 'app=model' } },
        ],
      },
      success:
        'A whole rollout, not one failed request, and no restart. The loop was always willing to wait; the probes told it what to wait for. Each probe did its own job: the startup probe held liveness off while the model loaded (a container counts as ready only after its startup probe passes, too), liveness kept passing while the cache warmed, and only readiness knew the pod could not serve yet.',
      hints: [
        '`kubectl rollout undo deployment/model` goes back to 1.1. Then keep the liveness probe, and add a `startupProbe` (the same check, but allowed to fail 15 times) and a `readinessProbe` on `/ready`.',
        'If the counter shows errors, roll out again: each new rollout starts a fresh count.',
        'Under the container, with `image: model:1.3`:\n\n```\n' + STARTUP + READINESS + LIVENESS + '```',
      ],
      solution: [
        { kubectl: 'rollout undo deployment/model' },
        { wait: '30s' },
        { apply: model('model:1.3', STARTUP + READINESS + LIVENESS) },
        { wait: '90s' },
      ],
      facts: [
        {
          says: 'Here: up to 15 × 2 s = 30 s',
          check: {
            kind: 'eventRecorded',
            reason: 'Unhealthy',
            selector: 'app=model',
            message: 'Startup probe failed',
          },
        },
        {
          says: 'It is alive, so liveness passes',
          check: { kind: 'podRestarted', selector: 'app=model' },
          from: '30s',
          when: 'never',
        },
        {
          says: 'answers requests, and `/ready`, with 503s',
          check: {
            kind: 'eventRecorded',
            reason: 'Unhealthy',
            selector: 'app=model',
            message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
          },
        },
        {
          says: 'so the rollout waits for it before removing an old pod',
          check: { kind: 'replicasAtLeast', deployment: 'model', count: 3, of: 'available' },
          from: '30s',
          when: 'always',
        },
      ],
      mistakes: [
        {
          why: 'A startup probe and liveness, but no readiness probe: the pod counts as ready once `/healthz` answers, and gets requests while its cache warms.',
          actions: [
            { kubectl: 'rollout undo deployment/model' },
            { wait: '30s' },
            { apply: model('model:1.3', STARTUP + LIVENESS) },
            { wait: '90s' },
          ],
        },
        {
          why: 'Drop the liveness probe and add only a readiness probe: no errors, but nothing restarts a wedged process any more.',
          actions: [
            { kubectl: 'rollout undo deployment/model' },
            { wait: '30s' },
            { apply: model('model:1.3', READINESS) },
            { wait: '90s' },
          ],
        },
        {
          why: 'Keep the early liveness probe and add a readiness probe: the rollout waits, but every new pod is killed while it loads.',
          actions: [
            { kubectl: 'rollout undo deployment/model' },
            { wait: '30s' },
            { apply: model('model:1.3', READINESS + LIVENESS) },
            { wait: '90s' },
          ],
        },
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
            'Right. This is what liveness is for: a wedged process that would never recover by itself. Readiness took it out of the Service meanwhile. (This hung process did not react to the stop signal either, so the kubelet killed it when its 30 s grace period ran out; a process that still handles signals stops sooner.)',
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
