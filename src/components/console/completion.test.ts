import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine';
import { complete } from './completion';

const obj = (kind: string, name: string, namespace?: string) =>
  ({ kind, metadata: { name, ...(namespace ? { namespace } : {}) } }) as KubeObject;

const objects = new Map<string, KubeObject>([
  ['Namespace/default', obj('Namespace', 'default')],
  ['Namespace/shop', obj('Namespace', 'shop')],
  ['Node/node-1', obj('Node', 'node-1')],
  ['Node/node-2', obj('Node', 'node-2')],
  ['Deployment/default/shop', obj('Deployment', 'shop', 'default')],
  ['Deployment/default/search', obj('Deployment', 'search', 'default')],
  ['Deployment/shop/cart', obj('Deployment', 'cart', 'shop')],
  ['Pod/default/shop-6d9f7c8b5-abcde', obj('Pod', 'shop-6d9f7c8b5-abcde', 'default')],
  ['Pod/default/shop-6d9f7c8b5-fghij', obj('Pod', 'shop-6d9f7c8b5-fghij', 'default')],
]);

const c = (text: string) => complete(text, objects);

describe('console completion', () => {
  it('completes command names and subcommands', () => {
    expect(c('sc').text).toBe('scale ');
    expect(c('kubectl des').text).toBe('kubectl describe ');
    expect(c('ro').text).toBe('rollout ');
    expect(c('rollout st').text).toBe('rollout status ');
    expect(c('rollout r')).toEqual({ text: 'rollout res', options: ['restart', 'resume'] });
    expect(c('cl').text).toBe('clear ');
    expect(c('').options).toContain('get');
  });

  it('completes resource types, in any spelling', () => {
    expect(c('get po').options).toEqual(['po', 'pod', 'pods']);
    expect(c('get deploym').text).toBe('get deployment');
    expect(c('get nod').text).toBe('get node');
    expect(c('top ').options).toEqual(['nodes', 'pods']);
    expect(c('rollout status dep').text).toBe('rollout status deploy');
  });

  it('completes object names from the mirror, in the namespace asked for', () => {
    expect(c('get pods ')).toEqual({
      text: 'get pods shop-6d9f7c8b5-',
      options: ['shop-6d9f7c8b5-abcde', 'shop-6d9f7c8b5-fghij'],
    });
    expect(c('scale deployment/sh').text).toBe('scale deployment/shop ');
    expect(c('get deploy -n shop ').text).toBe('get deploy -n shop cart ');
    expect(c('get deploy --namespace=shop c').text).toBe('get deploy --namespace=shop cart ');
    expect(c('get deploy -A ').options).toEqual(['cart', 'search', 'shop']);
    expect(c('describe node n').text).toBe('describe node node-');
    expect(c('cordon node-2').text).toBe('cordon node-2 ');
    expect(c('logs shop-6d9f7c8b5-a').text).toBe('logs shop-6d9f7c8b5-abcde ');
  });

  it('completes namespaces after -n and formats after -o', () => {
    expect(c('get pods -n s').text).toBe('get pods -n shop ');
    expect(c('get pods -o y').text).toBe('get pods -o yaml ');
  });

  it('leaves the text alone when nothing fits', () => {
    expect(c('get widgets ')).toEqual({ text: 'get widgets ', options: [] });
    expect(c('frobnicate ')).toEqual({ text: 'frobnicate ', options: [] });
    expect(c('version ')).toEqual({ text: 'version ', options: [] });
  });
});
