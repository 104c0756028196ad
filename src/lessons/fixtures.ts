/**
 * Manifests the lessons share: a Deployment of one container with requests, the Service in front of it,
 * and the shop that several lessons break. One place for the shape, so a lesson says only what differs
 * (its image, replicas, probes, placement) and a change to the common part is made once.
 */

/** YAML lines indented by `n` spaces (for the blocks a lesson adds to a manifest). */
export function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .trimEnd()
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}

export interface AppOptions {
  readonly name: string;
  readonly image: string;
  readonly replicas: number;
  readonly namespace?: string;
  /** Requests of the one container (default 250m CPU, 128Mi memory). */
  readonly cpu?: string;
  readonly memory?: string;
  /** The port the container listens on (default 8080; 0 for none). */
  readonly port?: number;
  /** Lines under the Deployment's spec, before the selector (strategy, minReadySeconds). */
  readonly spec?: string;
  /** Lines under the pod template's spec, before the containers (placement, tolerations). */
  readonly podSpec?: string;
  /** Lines under the container, after the image and port (env, probes). */
  readonly container?: string;
}

/** A Deployment of `replicas` pods labelled `app: <name>`, one container named like the Deployment. */
export function deployment(o: AppOptions): string {
  const port = o.port ?? 8080;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${o.name}
${o.namespace ? `  namespace: ${o.namespace}\n` : ''}spec:
  replicas: ${o.replicas}
${o.spec ? `${indent(o.spec, 2)}\n` : ''}  selector:
    matchLabels: { app: ${o.name} }
  template:
    metadata:
      labels: { app: ${o.name} }
    spec:
${o.podSpec ? `${indent(o.podSpec, 6)}\n` : ''}      containers:
        - name: ${o.name}
          image: ${o.image}
${port ? `          ports:\n            - containerPort: ${port}\n` : ''}${o.container ? `${indent(o.container, 10)}\n` : ''}          resources:
            requests: { cpu: ${o.cpu ?? '250m'}, memory: ${o.memory ?? '128Mi'} }
`;
}

/** A Service named `name` selecting `app: <app>` (default the same name), port 80 to the pods' 8080. */
export function service(name: string, app = name): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector: { app: ${app} }
  ports:
    - port: 80
      targetPort: 8080
`;
}

/** The shop several lessons run: three `shop:1.0` pods behind the `shop` Service. */
export function shop(o: Partial<AppOptions> = {}): string {
  return `${deployment({ name: 'shop', image: 'shop:1.0', replicas: 3, ...o })}---\n${service('shop')}`;
}
