import { describe, expect, it } from 'vitest';
import { KINDS } from '../api/types';
import { resolveResource, resolveTargets, slashName, quotedName } from './resources';

describe('resource names', () => {
  it.each([
    ['po', 'Pod'],
    ['pod', 'Pod'],
    ['pods', 'Pod'],
    ['Pods', 'Pod'],
    ['deploy', 'Deployment'],
    ['deployment.apps', 'Deployment'],
    ['deployments.v1.apps', 'Deployment'],
    ['rs', 'ReplicaSet'],
    ['sts', 'StatefulSet'],
    ['ds', 'DaemonSet'],
    ['svc', 'Service'],
    ['ep', 'Endpoints'],
    ['no', 'Node'],
    ['ns', 'Namespace'],
    ['cm', 'ConfigMap'],
    ['pvc', 'PersistentVolumeClaim'],
    ['pv', 'PersistentVolume'],
    ['hpa', 'HorizontalPodAutoscaler'],
    ['horizontalpodautoscalers.autoscaling', 'HorizontalPodAutoscaler'],
    ['ing', 'Ingress'],
    ['ev', 'Event'],
    ['quota', 'ResourceQuota'],
    ['job', 'Job'],
    ['jobs.batch', 'Job'],
    ['secret', 'Secret'],
    ['pods.v1', 'Pod'],
  ])('%s is %s', (word, kind) => {
    expect(resolveResource(word)?.kind).toBe(kind);
  });

  it('resolves every served kind by plural, singular and kind name', () => {
    for (const k of KINDS) {
      const t = resolveResource(k);
      expect(t?.kind).toBe(k);
      expect(resolveResource(t?.plural ?? '')?.kind).toBe(k);
    }
  });

  it('refuses unknown words and wrong groups', () => {
    expect(resolveResource('podz')).toBeUndefined();
    expect(resolveResource('deployments.batch')).toBeUndefined();
  });

  it('names objects as kubectl prints them', () => {
    expect(slashName('Deployment', 'web')).toBe('deployment.apps/web');
    expect(slashName('Pod', 'web-1')).toBe('pod/web-1');
    expect(slashName('HorizontalPodAutoscaler', 'web')).toBe('horizontalpodautoscaler.autoscaling/web');
    expect(quotedName('Deployment', 'web')).toBe('deployment.apps "web"');
  });
});

describe('resource arguments', () => {
  const kinds = (args: string[]) => {
    const r = resolveTargets(args, true);
    if ('error' in r) return r.error;
    return r.targets.map((t) => (t.name ? `${t.type.kind}/${t.name}` : t.type.kind));
  };

  it('reads comma lists, names, type/name forms and "all"', () => {
    expect(kinds(['pods,svc'])).toEqual(['Pod', 'Service']);
    expect(kinds(['po', 'a', 'b'])).toEqual(['Pod/a', 'Pod/b']);
    expect(kinds(['deployments.apps/web', 'svc/web'])).toEqual(['Deployment/web', 'Service/web']);
    expect(kinds(['all'])).toEqual([
      'Pod',
      'Service',
      'DaemonSet',
      'Deployment',
      'ReplicaSet',
      'StatefulSet',
      'HorizontalPodAutoscaler',
      'Job',
    ]);
  });

  it('reports an unknown type and a mixed form', () => {
    expect(kinds(['pods,podz'])).toBe('error: the server doesn\'t have a resource type "podz"');
    expect(kinds(['pod/a', 'b'])).toMatch(
      /^error: there is no need to specify a resource type as a separate argument/,
    );
    expect(resolveTargets(['all'])).toEqual({
      error: 'error: the server doesn\'t have a resource type "all"',
    });
  });
});
