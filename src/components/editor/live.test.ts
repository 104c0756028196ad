import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine';
import { liveName, liveView } from './live';

describe('the live object view', () => {
  it('names objects as kubectl does', () => {
    expect(liveName('Deployment/default/shop')).toBe('deployment.apps/shop');
    expect(liveName('Node/node-1')).toBe('node/node-1');
  });

  it('prints the object as kubectl get -o yaml, keys sorted, and says when it is gone', () => {
    const pod = {
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: 'p', namespace: 'default' },
    } as KubeObject;
    expect(liveView('Pod/default/p', pod).text).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: default\n',
    );
    expect(liveView('Pod/default/q', undefined).text).toContain('pod/q no longer exists');
    expect(liveView('Pod/default/p', pod).label).toBe('Live object pod/p (read-only)');
  });
});
