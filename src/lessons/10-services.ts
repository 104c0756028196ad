import { deployment, service as serviceOf } from './fixtures';
import type { Lesson } from './types';

const readiness = `readinessProbe:
  httpGet: { path: /ready, port: 8080 }
  periodSeconds: 2
`;

const service = serviceOf('web');

const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port: { number: 80 }
`;

/** Lesson 10: Services give moving pods a stable name; endpoints follow readiness; Ingress routes from outside. */
const lesson: Lesson = {
  id: 'services',
  title: 'Services over moving pods',
  summary:
    'Pods come and go with new addresses. Give them one stable name with a Service, watch it follow readiness, and route outside traffic to it with an Ingress.',
  ideas: [12],
  scenario: `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata:
  name: services
spec:
  seed: 10
  images:
    web:1.0: { pullSeconds: 2, startupSeconds: 2 }
  traffic:
    - { service: web, requestsPerSecond: 20 }
    - { ingress: shop.example.com/, requestsPerSecond: 10 }
---
${deployment({
  name: 'web',
  image: 'web:1.0',
  replicas: 3,
  container: readiness,
})}`,
  steps: [
    {
      id: 'one-stable-name',
      title: 'One stable name',
      ideas: [12],
      text:
        'Other programs in the cluster want to call "web". But pods are mortal: each replacement gets a new name and a new IP address. Nobody should have to track them.\n\n' +
        'A **Service** is a stable name (`web`, resolvable in DNS) and a stable virtual IP. It selects pods by label and spreads requests over the ones that are **ready**. Right now requests to `web` fail: there is no such Service.',
      task: 'Apply this Service:\n\n```\n' + service + '```',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'serviceEndpoints', service: 'web', count: 3 },
          { kind: 'noFailedRequests', service: 'web', during: '10s' },
        ],
      },
      success:
        'The Service found the three pods through its selector, and its endpoints list follows them automatically. `kubectl get endpointslices` shows the pod addresses behind the stable IP.',
      hints: [
        "`selector` must match the pods' labels (`app: web`); `targetPort` is the port the container listens on.",
      ],
      solution: [{ wait: '10s' }, { apply: service }, { wait: '15s' }],
      facts: [
        {
          says: 'Right now requests to `web` fail',
          check: { kind: 'requestsFailed', service: 'web', atLeast: 100, percentAtLeast: 100 },
          until: '10s',
        },
        {
          says: 'The Service found the three pods through its selector',
          check: { kind: 'serviceEndpoints', service: 'web', count: 3 },
        },
        {
          says: 'The Service found the three pods',
          check: { kind: 'not', goal: { kind: 'requestsFailed', service: 'web' } },
          from: '12s',
          when: 'always',
        },
      ],
      mistakes: [
        {
          why: 'A selector that matches no pod (`app: website`): the name exists, but it has nothing behind it.',
          actions: [
            { apply: service.replace('selector: { app: web }', 'selector: { app: website }') },
            { wait: '15s' },
          ],
        },
      ],
    },
    {
      id: 'follow-readiness',
      title: 'Endpoints follow readiness',
      ideas: [12, 11],
      text: 'The web pods have a **readiness probe**. When one stops answering it, the kubelet marks it not ready, and the Service stops sending it requests. There is no liveness probe, so nobody restarts it.',
      task: "Hang one web pod's application (**Hang app** from its menu) and watch the Service's endpoints.",
      goal: {
        kind: 'all',
        goals: [
          { kind: 'serviceEndpoints', service: 'web', count: 2 },
          { kind: 'podsReady', selector: 'app=web', count: 2 },
          { kind: 'noFailedRequests', service: 'web', during: '10s' },
        ],
      },
      success:
        'A few requests to the hung pod timed out before three failed probes took it out; since then every request went to the two healthy pods. The pod is still there, unready: readiness withholds traffic, it does not heal.',
      hints: [
        '`kubectl get endpointslices -l kubernetes.io/service-name=web` lists which addresses are ready.',
      ],
      solution: [{ fault: { type: 'AppHang', selector: 'app=web' } }, { wait: '30s' }],
      facts: [
        {
          says: 'A few requests to the hung pod timed out before three failed probes took it out',
          check: { kind: 'requestsFailed', service: 'web', atLeast: 20, atMost: 50 },
          until: '8s',
        },
        {
          says: 'since then every request went to the two healthy pods',
          check: { kind: 'requestsFailed', service: 'web' },
          from: '8s',
          when: 'never',
        },
        {
          says: 'There is no liveness probe, so nobody restarts it',
          check: { kind: 'podRestarted', selector: 'app=web' },
          when: 'never',
        },
        {
          says: 'The pod is still there, unready',
          check: {
            kind: 'all',
            goals: [
              { kind: 'podCount', selector: 'app=web', atLeast: 3, atMost: 3 },
              { kind: 'podsReady', selector: 'app=web', count: 2 },
            ],
          },
        },
      ],
      mistakes: [
        {
          why: "Crash the pod's container instead: the kubelet restarts it at once, and it is back in the Service a few seconds later.",
          actions: [{ fault: { type: 'PodCrash', selector: 'app=web' } }, { wait: '30s' }],
        },
        {
          why: 'Delete the pod instead: a replacement joins the Service as soon as it is ready.',
          actions: [{ fault: { type: 'PodDelete', selector: 'app=web' } }, { wait: '30s' }],
        },
      ],
    },
    {
      id: 'from-outside',
      title: 'Traffic from outside',
      ideas: [12],
      text: "Browsers outside the cluster ask for `http://shop.example.com/`. A Service's virtual IP only exists inside the cluster. An **Ingress** is a set of HTTP routing rules (host and path to Service) that an ingress controller (here ingress-nginx) applies at the edge. Right now it answers 404: no rule matches.",
      task: 'Apply this Ingress:\n\n```\n' + ingress + '```',
      goal: { kind: 'noFailedRequests', ingress: 'shop.example.com/', during: '10s' },
      success:
        'Outside requests now reach the ready web pods through the Ingress, then the Service. Add more rules to send `/api` to one Service and `/` to another.',
      hints: ['The backend names the Service `web` and its port 80, not the pods.'],
      solution: [{ wait: '5s' }, { apply: ingress }, { wait: '15s' }],
      facts: [
        {
          says: 'Right now it answers 404: no rule matches',
          check: { kind: 'requestsFailed', ingress: 'shop.example.com/', atLeast: 40, percentAtLeast: 100 },
          until: '5s',
        },
        {
          says: 'Outside requests now reach the ready web pods through the Ingress, then the Service',
          check: { kind: 'requestsFailed', ingress: 'shop.example.com/' },
          from: '7s',
          when: 'never',
        },
      ],
      mistakes: [
        {
          why: 'A rule for another host (`www.example.com`): requests for `shop.example.com` still match nothing.',
          actions: [
            { apply: ingress.replace('host: shop.example.com', 'host: www.example.com') },
            { wait: '15s' },
          ],
        },
        {
          why: 'A backend that names a Service that does not exist (`shop`).',
          actions: [{ apply: ingress.replace('name: web', 'name: shop') }, { wait: '15s' }],
        },
      ],
    },
  ],
  quiz: [
    {
      id: 'why-service',
      type: 'single',
      ideas: [12],
      prompt: "Why do clients call a Service instead of a pod's IP address?",
      choices: [
        {
          id: 'stable',
          text: "Pods are replaced with new addresses all the time; the Service's name and virtual IP stay put and follow the ready pods.",
          correct: true,
          explanation:
            "Right. Discovery is the Service's job: its selector keeps its endpoints up to date as pods come and go.",
        },
        {
          id: 'dns-pins-a-pod',
          text: "Looking up the name `web` gives a client one pod's IP, and the client keeps talking to that pod.",
          correct: false,
          explanation:
            "Not for an ordinary Service: its name resolves to the Service's own virtual IP, which never changes, and each connection to it goes to one of the ready pods at that moment. (A headless Service, `clusterIP: None`, does hand out pod IPs: the StatefulSet lesson uses one.)",
        },
        {
          id: 'proxy-pod',
          text: 'A Service is a proxy pod that forwards every request, so it must be scaled like any other app.',
          correct: false,
          explanation:
            'A Service runs no pod of its own. The virtual IP is implemented by kube-proxy on every node, which routes each connection straight to a ready pod; there is no extra hop to scale.',
        },
      ],
    },
    {
      id: 'ingress-vs-service',
      type: 'multiple',
      ideas: [12],
      prompt: 'Which statements about Services and Ingress are true?',
      choices: [
        {
          id: 'ingress-http',
          text: 'An Ingress routes outside HTTP requests by host and path to Services.',
          correct: true,
          explanation: 'Yes: it is layer-7 routing at the edge of the cluster.',
        },
        {
          id: 'ready-only',
          text: 'A Service sends requests only to pods whose readiness says they can serve.',
          correct: true,
          explanation: 'Yes: unready pods are left out of its endpoints.',
        },
        {
          id: 'ingress-pods',
          text: 'An Ingress rule names the pods it sends traffic to.',
          correct: false,
          explanation: 'No: it names a Service; the Service knows the pods.',
        },
        {
          id: 'service-restarts',
          text: 'A Service restarts pods that fail their readiness probe.',
          correct: false,
          explanation:
            "No: Services never restart anything. Restarting is the kubelet's job, on liveness failure.",
        },
      ],
    },
    {
      id: 'predict-replace-all',
      type: 'predict',
      ideas: [12, 3],
      prompt:
        'You delete all three web pods at once. Twenty seconds later, what does the `web` Service look like?',
      choices: [
        {
          id: 'same-service-new-pods',
          text: 'Same name, same virtual IP, now pointing at three brand-new pods.',
          correct: true,
          explanation:
            'Right. The Service object was never touched; its endpoints moved to the replacements as they became ready.',
        },
        {
          id: 'deleted',
          text: 'It is gone too, and must be created again.',
          correct: false,
          explanation:
            'Services and pods are separate objects; deleting pods never deletes the Service that selects them.',
        },
        {
          id: 'old-ips',
          text: "It keeps the old pods' addresses, so requests fail until you update it.",
          correct: false,
          explanation: 'The endpoints are updated for you from the selector. Nobody edits them by hand.',
        },
      ],
      tryIt: {
        text: 'Delete all three web pods and wait twenty seconds.',
        actions: [{ fault: { type: 'PodDelete', selector: 'app=web', count: 3 } }, { wait: '20s' }],
        expect: {
          kind: 'all',
          goals: [
            { kind: 'objectExists', resource: 'Service', name: 'web' },
            { kind: 'podsReplaced', selector: 'app=web', count: 3 },
            { kind: 'serviceEndpoints', service: 'web', count: 3 },
          ],
        },
      },
    },
  ],
};

export default lesson;
