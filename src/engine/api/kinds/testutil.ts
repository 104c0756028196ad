/** Test helpers: a fresh API server with the default namespace, and the formatted errors of a dry run. */
import { ApiServer } from '../apiserver';
import { ApiError, formatFieldError } from '../errors';
import { Store } from '../store';
import type { Deployment, Kind, KindMap, Pod } from '../types';
import { Rng, seedRng } from '../../base/rng';

export function newApi(): ApiServer {
  const api = new ApiServer(new Store(), () => 0, new Rng(seedRng(1)));
  api.create('Namespace', { metadata: { name: 'default' } });
  return api;
}

/** The field errors a dry run of `obj` yields, as kubectl prints each one. */
export function errorsOf<K extends Kind>(
  kind: K,
  obj: KindMap[K],
  old?: KindMap[K],
  api = newApi(),
): string[] {
  try {
    api.prepare(kind, obj, old);
    return [];
  } catch (e) {
    if (e instanceof ApiError) return e.fieldErrors.map(formatFieldError);
    throw e;
  }
}

export function pod(spec: Partial<NonNullable<Pod['spec']>> = {}, name = 'web'): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...spec },
  };
}

export function deployment(spec: Partial<NonNullable<Deployment['spec']>> = {}, name = 'web'): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
      },
      ...spec,
    },
  };
}
