import { describe, expect, it } from 'vitest';
import type { HorizontalPodAutoscaler } from '../types';
import { errorsOf, newApi } from './testutil';

function hpa(spec: Record<string, unknown> = {}): HorizontalPodAutoscaler {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      maxReplicas: 5,
      ...spec,
    } as NonNullable<HorizontalPodAutoscaler['spec']>,
  };
}

describe('HorizontalPodAutoscaler defaults', () => {
  it('minReplicas 1 and CPU at 80 % when no metric is given; behavior stays nil', () => {
    const out = newApi().prepare('HorizontalPodAutoscaler', hpa());
    expect(out.spec?.minReplicas).toBe(1);
    expect(out.spec?.metrics).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
      },
    ]);
    expect(out.spec?.behavior).toBeUndefined();
  });

  it('behavior: {} is filled with both rule sets; the scale-down window stays unset', () => {
    const out = newApi().prepare('HorizontalPodAutoscaler', hpa({ behavior: {} }));
    expect(out.spec?.behavior).toEqual({
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
      scaleDown: { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
  });

  it('given rule fields win over the defaults, field by field', () => {
    const out = newApi().prepare(
      'HorizontalPodAutoscaler',
      hpa({ behavior: { scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Min' } } }),
    );
    expect(out.spec?.behavior?.scaleDown).toEqual({
      stabilizationWindowSeconds: 60,
      selectPolicy: 'Min',
      policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
    });
    expect(out.spec?.behavior?.scaleUp?.policies).toHaveLength(2);
  });
});

describe('HorizontalPodAutoscaler validation', () => {
  const errs = (spec: Record<string, unknown>) => errorsOf('HorizontalPodAutoscaler', hpa(spec));

  it('accepts a plain CPU autoscaler', () => {
    expect(errs({ minReplicas: 2 })).toEqual([]);
  });

  it('min and max replicas, with Kubernetes wording', () => {
    expect(errs({ minReplicas: 0 })).toEqual([
      'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
      'spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas',
    ]);
    // minReplicas defaults to 1 before validation, so 0 also fails the second rule.
    expect(errs({ maxReplicas: 0 })).toEqual([
      'spec.maxReplicas: Invalid value: 0: must be greater than 0',
      'spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`',
    ]);
    expect(errs({ minReplicas: 7, maxReplicas: 5 })).toEqual([
      'spec.maxReplicas: Invalid value: 5: must be greater than or equal to `minReplicas`',
    ]);
  });

  it('scaleTargetRef needs a kind and a name', () => {
    expect(errs({ scaleTargetRef: { apiVersion: 'apps/v1', kind: '', name: 'a/b' } })).toEqual([
      'spec.scaleTargetRef.kind: Required value',
      `spec.scaleTargetRef.name: Invalid value: "a/b": may not contain '/'`,
    ]);
  });

  it('metrics: source type, target type and values', () => {
    expect(errs({ metrics: [{ type: 'Resources' }] })).toEqual([
      'spec.metrics[0].type: Unsupported value: "Resources": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"',
    ]);
    expect(errs({ metrics: [{ type: 'Resource' }] })).toEqual([
      'spec.metrics[0].resource: Required value: must populate information for the given metric source',
    ]);
    expect(
      errs({
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0 } },
          },
        ],
      }),
    ).toEqual([
      'spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0',
    ]);
    expect(
      errs({ metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }] }),
    ).toEqual([
      'spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization',
    ]);
    expect(
      errs({
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Percent', averageUtilization: 50, averageValue: '100m' },
            },
          },
        ],
      }),
    ).toEqual([
      'spec.metrics[0].resource.target.type: Invalid value: "Percent": must be either Utilization, Value, or AverageValue',
      'spec.metrics[0].resource.target.averageValue: Forbidden: may not set both a target raw value and a target utilization',
    ]);
  });

  it('behavior: policies, periods, windows and selectPolicy', () => {
    expect(
      errs({
        behavior: {
          scaleUp: {
            selectPolicy: 'Fastest',
            stabilizationWindowSeconds: 4000,
            policies: [{ type: 'Replicas', value: 0, periodSeconds: 1801 }],
          },
          scaleDown: { policies: [] },
        },
      }),
    ).toEqual([
      'spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: 4000: must be less than or equal to 3600',
      'spec.behavior.scaleUp.selectPolicy: Unsupported value: "Fastest": supported values: "Disabled", "Max", "Min"',
      'spec.behavior.scaleUp.policies[0].type: Unsupported value: "Replicas": supported values: "Percent", "Pods"',
      'spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than zero',
      'spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 1801: must be less than or equal to 1800',
      'spec.behavior.scaleDown.policies: Required value: must specify at least one Policy',
    ]);
  });
});
