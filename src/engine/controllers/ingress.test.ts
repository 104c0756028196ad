import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import type { Ingress } from '../api/types';
import { loadSimulation } from '../scenario/build';
import { ScenarioError } from '../base/diagnostics';
import { observe } from '../world/observe';
import type { Simulation } from '../sim/simulation';
import { routeIngress } from './ingress';
import type { IngressTraffic, RequestRing } from '../world/traffic';

function app(name: string, replicas = 2): string {
  return `---
apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name} }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers: [{ name: ${name}, image: '${name}:1.0', resources: { requests: { cpu: 10m } } }]
---
apiVersion: v1
kind: Service
metadata: { name: ${name} }
spec:
  selector: { app: ${name} }
  ports: [{ name: http, port: 80, targetPort: 8080 }]
`;
}

const INGRESS = `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: shop }
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - { path: /cart, pathType: Prefix, backend: { service: { name: cart, port: { number: 80 } } } }
          - { path: /, pathType: Prefix, backend: { service: { name: web, port: { name: http } } } }
          - { path: /cart/checkout, pathType: Exact, backend: { service: { name: empty, port: { number: 80 } } } }
    - host: '*.example.com'
      http:
        paths:
          - { path: /, pathType: Prefix, backend: { service: { name: cart, port: { number: 80 } } } }
    - host: api.example.org
      http:
        paths:
          - { path: /v1, pathType: Exact, backend: { service: { name: web, port: { number: 80 } } } }
`;

function world(traffic = '[]'): Simulation {
  return loadSimulation(`apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata: { name: t }
spec:
  traffic: ${traffic}
${app('web')}${app('cart')}${app('empty', 0)}${INGRESS}`).sim;
}

const stream = (sim: Simulation, address: string) =>
  sim.store.getRuntime<IngressTraffic>(`ingress-traffic/${address}`) as IngressTraffic;

describe('ingress-nginx', () => {
  it('publishes its address in the Ingress status', () => {
    const sim = world();
    const ing = sim.store.get('Ingress', 'default', 'shop') as Ingress;
    expect(ing.status?.loadBalancer?.ingress).toEqual([{ ip: '172.18.255.200' }]);
    expect(sim.store.list('Event').some((e) => e.reason === 'Sync' && e.involvedObject.name === 'shop')).toBe(
      true,
    );
  });

  it('routes by host, then the longest path (Exact over Prefix), else 404', () => {
    const sim = world();
    const route = (host: string, path: string) => routeIngress(sim.store, host, path)?.service ?? '404';
    expect(route('shop.example.com', '/cart')).toBe('cart');
    expect(route('shop.example.com', '/cart/items')).toBe('cart');
    // Prefix matches whole path elements: /cartoon is not under /cart.
    expect(route('shop.example.com', '/cartoon')).toBe('web');
    expect(route('shop.example.com', '/cart/checkout')).toBe('empty');
    expect(route('shop.example.com', '/cart/checkout/x')).toBe('cart');
    expect(route('SHOP.example.com', '/')).toBe('web');
    // The wildcard covers one label; an exact host wins over it.
    expect(route('blog.example.com', '/')).toBe('cart');
    expect(route('a.b.example.com', '/')).toBe('404');
    expect(route('api.example.org', '/v1')).toBe('web');
    expect(route('api.example.org', '/v1/users')).toBe('404');
    expect(route('unknown.test', '/')).toBe('404');
  });

  it('uses a defaultBackend when no rule matches', () => {
    const sim = world();
    sim.act('test', () =>
      sim.api.create('Ingress', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'fallback', namespace: 'default' },
        spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } } },
      }),
    );
    expect(routeIngress(sim.store, 'unknown.test', '/')?.service).toBe('web');
    expect(routeIngress(sim.store, 'shop.example.com', '/cart')?.service).toBe('cart');
  });

  it('sends outside traffic through the rules: 200 to a backend, 404 without a rule, 503 without endpoints', () => {
    const sim = world(`
    - { ingress: shop.example.com/cart/items, requestsPerSecond: 10 }
    - { host: shop.example.com, path: /, requestsPerSecond: 4 }
    - { ingress: nowhere.test/, requestsPerSecond: 3 }
    - { ingress: shop.example.com/cart/checkout, requestsPerSecond: 2 }`);
    sim.runUntil(20);
    const cart = stream(sim, 'shop.example.com/cart/items');
    expect(cart).toMatchObject({
      requestsPerSecond: 10,
      errorsPerSecond: 0,
      backend: 'default/cart',
      endpoints: 2,
    });
    const ring =
      sim.store.getRuntime<RequestRing>('ingress-requests/shop.example.com/cart/items')?.samples ?? [];
    expect(ring.slice(-10).every((r) => r.ok && (r.pod ?? '').startsWith('cart-'))).toBe(true);
    expect(stream(sim, 'shop.example.com/')).toMatchObject({ errorsPerSecond: 0, backend: 'default/web' });
    expect(stream(sim, 'nowhere.test/')).toMatchObject({ errorsPerSecond: 3, errors: { 'no-route': 3 } });
    const nowhere = sim.store.getRuntime<RequestRing>('ingress-requests/nowhere.test/')?.samples.at(-1);
    expect(nowhere).toMatchObject({ code: 404, ok: false, pod: null });
    expect(stream(sim, 'shop.example.com/cart/checkout')).toMatchObject({
      errorsPerSecond: 2,
      errors: { 'no-endpoints': 2 },
    });
    // Per-pod rates add the outside traffic; the state lines list the ingress streams after the Services'.
    const cartPod = observe(sim.store).services.find((s) => s.name === 'cart')?.endpoints[0] ?? '';
    expect(sim.store.getRuntime(`podtraffic/default/${cartPod}`)).toEqual({ requestsPerSecond: 5 });
    expect(observe(sim.store).traffic.map((t) => [t.service, t.errorsPerSecond])).toEqual([
      ['nowhere.test/', 3],
      ['shop.example.com/', 0],
      ['shop.example.com/cart/checkout', 2],
      ['shop.example.com/cart/items', 0],
    ]);
  });

  it('checks traffic entries: one target, a DNS host, an absolute path', () => {
    const bad = (entry: string) => {
      try {
        world(`[${entry}]`);
      } catch (e) {
        if (e instanceof ScenarioError) return e.diagnostics.map((d) => d.message).join('\n');
        throw e;
      }
      return '';
    };
    expect(bad('{ service: web, ingress: a.test/, requestsPerSecond: 1 }')).toMatch(
      /give one of service, ingress/,
    );
    expect(bad('{ ingress: Shop_X/, requestsPerSecond: 1 }')).toMatch(
      /spec\.traffic\[0\]\.ingress: Invalid value/,
    );
    expect(bad('{ host: a.test, path: cart, requestsPerSecond: 1 }')).toMatch(/must be an absolute path/);
    expect(bad('{ ingress: a.test/, namespace: x, requestsPerSecond: 1 }')).toMatch(/namespace: Forbidden/);
  });
});

describe('Ingress admission', () => {
  const create = (spec: unknown): string => {
    const sim = world();
    try {
      sim.act('test', () =>
        sim.api.create('Ingress', {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'Ingress',
          metadata: { name: 'x', namespace: 'default' },
          spec,
        } as Ingress),
      );
    } catch (e) {
      if (e instanceof ApiError) return e.message;
      throw e;
    }
    return 'created';
  };
  const backend = { service: { name: 'web', port: { number: 80 } } };

  it('rejects what the API server rejects, with its field paths and words', () => {
    expect(create({})).toBe(
      'Ingress.networking.k8s.io "x" is invalid: spec: Invalid value: null: either `defaultBackend` or `rules` must be specified',
    );
    expect(create({ rules: [{ http: { paths: [{ path: '/', backend }] } }] })).toBe(
      'Ingress.networking.k8s.io "x" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
    );
    expect(create({ rules: [{ http: { paths: [{ path: '/', pathType: 'Regex', backend }] } }] })).toMatch(
      /spec\.rules\[0\]\.http\.paths\[0\]\.pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"/,
    );
    expect(create({ rules: [{ http: { paths: [{ path: 'cart', pathType: 'Prefix', backend }] } }] })).toMatch(
      /spec\.rules\[0\]\.http\.paths\[0\]\.path: Invalid value: "cart": must be an absolute path/,
    );
    expect(create({ rules: [{ http: { paths: [{ path: '/a//b', pathType: 'Exact', backend }] } }] })).toMatch(
      /must not contain '\/\/'/,
    );
    expect(
      create({
        rules: [{ host: '10.0.0.1', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }],
      }),
    ).toMatch(/spec\.rules\[0\]\.host: Invalid value: "10\.0\.0\.1": must be a DNS name, not an IP address/);
    expect(create({ rules: [{ host: '*.*.example.com' }] })).toMatch(
      /spec\.rules\[0\]\.host: Invalid value: "\*\.\*\.example\.com": a wildcard DNS-1123 subdomain must start with '\*\.'/,
    );
    expect(create({ defaultBackend: { service: { name: 'web', port: {} } } })).toBe(
      'Ingress.networking.k8s.io "x" is invalid: spec.defaultBackend: Required value: port name or number is required',
    );
    expect(
      create({ defaultBackend: { service: { name: 'web', port: { name: 'http', number: 80 } } } }),
    ).toMatch(/spec\.defaultBackend: Invalid value: "": cannot set both port name & port number/);
    expect(create({ defaultBackend: { service: { name: '', port: { number: 80 } } } })).toMatch(
      /spec\.defaultBackend\.service\.name: Required value/,
    );
    expect(create({ defaultBackend: {} })).toMatch(
      /spec\.defaultBackend: Invalid value: "": resource or service backend is required/,
    );
    expect(
      create({
        rules: [{ host: '*.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }],
      }),
    ).toBe('created');
  });
});
