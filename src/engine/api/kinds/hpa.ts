/**
 * autoscaling/v2 HorizontalPodAutoscaler: the API defaults (pkg/apis/autoscaling/v2/defaults.go: minReplicas 1,
 * CPU at 80 % when no metric is given, behavior rules filled in only when spec.behavior is present) and the
 * validation of pkg/apis/autoscaling/validation with Kubernetes' messages. Leaves out the alpha HPAScaleToZero
 * gate and the per-rule tolerance field (HPAConfigurableTolerance, alpha).
 */
import type {
  HPAScalingPolicy,
  HPAScalingRules,
  MetricSpec,
  MetricTarget,
} from 'kubernetes-types/autoscaling/v2';
import { registerAdmission } from '../admission';
import { parseQuantity } from '../quantity';
import type { HorizontalPodAutoscaler } from '../types';
import {
  forbidden,
  invalidErr,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  notSupported,
  QUANTITY_MESSAGE,
  required,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './validation';
import type { Errors } from './validation';

/** autoscaling.DefaultCPUUtilization. */
export const DEFAULT_CPU_UTILIZATION = 80;
export const MAX_PERIOD_SECONDS = 1800;
export const MAX_STABILIZATION_WINDOW_SECONDS = 3600;

type Spec = NonNullable<HorizontalPodAutoscaler['spec']>;

/** GenerateHPAScaleUpRules: 0 s window, selectPolicy Max, 4 pods or 100 % per 15 s; set fields win. */
export function scaleUpRules(from: HPAScalingRules | undefined): HPAScalingRules {
  return {
    stabilizationWindowSeconds: from?.stabilizationWindowSeconds ?? 0,
    selectPolicy: from?.selectPolicy ?? 'Max',
    policies: from?.policies ?? [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

/** GenerateHPAScaleDownRules: window left unset (the controller's 300 s flag), selectPolicy Max, 100 % per 15 s. */
export function scaleDownRules(from: HPAScalingRules | undefined): HPAScalingRules {
  return {
    ...(from?.stabilizationWindowSeconds !== undefined
      ? { stabilizationWindowSeconds: from.stabilizationWindowSeconds }
      : {}),
    selectPolicy: from?.selectPolicy ?? 'Max',
    policies: from?.policies ?? [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  };
}

export function defaultHpa(hpa: HorizontalPodAutoscaler): HorizontalPodAutoscaler {
  const spec = (hpa.spec ?? {}) as Spec;
  const metrics: MetricSpec[] =
    spec.metrics && spec.metrics.length > 0
      ? spec.metrics
      : [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION },
            },
          },
        ];
  const out: Spec = { ...spec, minReplicas: spec.minReplicas ?? 1, metrics };
  if (spec.behavior) {
    out.behavior = {
      scaleUp: scaleUpRules(spec.behavior.scaleUp),
      scaleDown: scaleDownRules(spec.behavior.scaleDown),
    };
  }
  return { ...hpa, spec: out };
}

// ---------------------------------------------------------------------------------------------------------
// Validation (pkg/apis/autoscaling/validation/validation.go).

/** IsValidPathSegmentName: what a name must be to appear in a URL path. */
function pathSegmentErrors(name: string): string[] {
  if (name === '.') return ["may not be '.'"];
  if (name === '..') return ["may not be '..'"];
  const out: string[] = [];
  if (name.includes('/')) out.push("may not contain '/'");
  if (name.includes('%')) out.push("may not contain '%'");
  return out;
}

function validateCrossVersionObjectReference(
  ref: { kind?: string; name?: string } | undefined,
  field: string,
): Errors {
  const errs: Errors = [];
  const kind = ref?.kind ?? '';
  const name = ref?.name ?? '';
  if (!kind) errs.push(required(`${field}.kind`));
  else for (const m of pathSegmentErrors(kind)) errs.push(invalidErr(`${field}.kind`, kind, m));
  if (!name) errs.push(required(`${field}.name`));
  else for (const m of pathSegmentErrors(name)) errs.push(invalidErr(`${field}.name`, name, m));
  return errs;
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

/** ValidateContainerResourceName: a qualified name; without a domain prefix, a standard container resource. */
function validateContainerResourceName(name: string, field: string): Errors {
  const errs: Errors = [];
  for (const m of isQualifiedName(name)) errs.push(invalidErr(field, name, m));
  if (errs.length) return errs;
  if (!name.includes('/') && !STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith('hugepages-')) {
    errs.push(invalidErr(field, name, 'must be a standard resource for containers'));
  }
  return errs;
}

function quantitySign(q: unknown): number | undefined {
  const v = typeof q === 'string' || typeof q === 'number' ? parseQuantity(q) : undefined;
  return v === undefined ? undefined : Math.sign(v);
}

function validateMetricTarget(mt: MetricTarget | undefined, field: string): Errors {
  const errs: Errors = [];
  const type = mt?.type ?? '';
  if (!type) errs.push(required(`${field}.type`, 'must specify a metric target type'));
  if (type !== 'Utilization' && type !== 'Value' && type !== 'AverageValue') {
    errs.push(invalidErr(`${field}.type`, type, 'must be either Utilization, Value, or AverageValue'));
  }
  for (const k of ['value', 'averageValue'] as const) {
    const q = mt?.[k];
    if (q === undefined) continue;
    const sign = quantitySign(q);
    if (sign === undefined) errs.push(invalidErr(`${field}.${k}`, q, QUANTITY_MESSAGE));
    else if (sign !== 1) errs.push(invalidErr(`${field}.${k}`, String(q), 'must be positive'));
  }
  if (mt?.averageUtilization !== undefined && mt.averageUtilization < 1) {
    errs.push(invalidErr(`${field}.averageUtilization`, mt.averageUtilization, 'must be greater than 0'));
  }
  return errs;
}

function validateMetricIdentifier(id: { name?: string } | undefined, field: string): Errors {
  const name = id?.name ?? '';
  if (!name) return [required(`${field}.name`, 'must specify a metric name')];
  return pathSegmentErrors(name).map((m) => invalidErr(`${field}.name`, name, m));
}

function validateUtilizationOrValue(target: MetricTarget | undefined, field: string): Errors {
  const errs: Errors = [];
  if (target?.averageUtilization === undefined && target?.averageValue === undefined) {
    errs.push(
      required(
        `${field}.target.averageUtilization`,
        'must set either a target raw value or a target utilization',
      ),
    );
  }
  if (target?.averageUtilization !== undefined && target.averageValue !== undefined) {
    errs.push(
      forbidden(
        `${field}.target.averageValue`,
        'may not set both a target raw value and a target utilization',
      ),
    );
  }
  return errs;
}

function validateSource(spec: MetricSpec, kind: string, field: string): Errors {
  const errs: Errors = [];
  switch (kind) {
    case 'object': {
      const src = spec.object;
      errs.push(...validateCrossVersionObjectReference(src?.describedObject, `${field}.describedObject`));
      errs.push(...validateMetricIdentifier(src?.metric, `${field}.metric`));
      errs.push(...validateMetricTarget(src?.target, `${field}.target`));
      if (src?.target?.value === undefined && src?.target?.averageValue === undefined) {
        errs.push(required(`${field}.target.averageValue`, 'must set either a target value or averageValue'));
      }
      break;
    }
    case 'external': {
      const src = spec.external;
      errs.push(...validateMetricIdentifier(src?.metric, `${field}.metric`));
      errs.push(...validateMetricTarget(src?.target, `${field}.target`));
      if (src?.target?.value === undefined && src?.target?.averageValue === undefined) {
        errs.push(
          required(
            `${field}.target.averageValue`,
            'must set either a target value for metric or a per-pod target',
          ),
        );
      }
      if (src?.target?.value !== undefined && src.target.averageValue !== undefined) {
        errs.push(
          forbidden(
            `${field}.target.value`,
            'may not set both a target value for metric and a per-pod target',
          ),
        );
      }
      break;
    }
    case 'pods': {
      const src = spec.pods;
      errs.push(...validateMetricIdentifier(src?.metric, `${field}.metric`));
      errs.push(...validateMetricTarget(src?.target, `${field}.target`));
      if (src?.target?.averageValue === undefined) {
        errs.push(required(`${field}.target.averageValue`, 'must specify a positive target averageValue'));
      }
      break;
    }
    case 'resource': {
      const src = spec.resource;
      if (!src?.name) errs.push(required(`${field}.name`, 'must specify a resource name'));
      errs.push(...validateMetricTarget(src?.target, `${field}.target`));
      errs.push(...validateUtilizationOrValue(src?.target, field));
      break;
    }
    case 'containerResource': {
      const src = spec.containerResource;
      if (!src?.name) errs.push(required(`${field}.name`, 'must specify a resource name'));
      else errs.push(...validateContainerResourceName(src.name, `${field}.name`));
      if (!src?.container) errs.push(required(`${field}.container`, 'must specify a container'));
      else
        for (const m of isDNS1123Label(src.container))
          errs.push(invalidErr(`${field}.container`, src.container, m));
      errs.push(...validateMetricTarget(src?.target, `${field}.target`));
      errs.push(...validateUtilizationOrValue(src?.target, field));
      break;
    }
  }
  return errs;
}

/** The metric source types, sorted as sets.String.List() prints them in "supported values". */
const METRIC_SOURCE_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const SOURCE_FIELD: Readonly<Record<string, string>> = {
  Object: 'object',
  Pods: 'pods',
  Resource: 'resource',
  External: 'external',
  ContainerResource: 'containerResource',
};
const SOURCE_ORDER = ['object', 'external', 'pods', 'resource', 'containerResource'] as const;

function validateMetricSpec(spec: MetricSpec, field: string): Errors {
  const errs: Errors = [];
  const type = spec.type ?? '';
  if (!type) errs.push(required(`${field}.type`, 'must specify a metric source type'));
  if (!METRIC_SOURCE_TYPES.includes(type))
    errs.push(notSupported(`${field}.type`, type, METRIC_SOURCE_TYPES));
  const present: string[] = [];
  for (const k of SOURCE_ORDER) {
    if (spec[k] === undefined) continue;
    present.push(k);
    // Only the first source present is validated in depth, as upstream does.
    if (present.length === 1) errs.push(...validateSource(spec, k, `${field}.${k}`));
  }
  const expected = SOURCE_FIELD[type];
  if (expected !== undefined && spec[expected as (typeof SOURCE_ORDER)[number]] === undefined) {
    errs.push(required(`${field}.${expected}`, 'must populate information for the given metric source'));
  }
  if (present.length !== 1) {
    for (const k of present) {
      if (k !== expected) errs.push(forbidden(`${field}.${k}`, 'must populate the given metric source only'));
    }
  }
  return errs;
}

function validateScalingPolicy(p: HPAScalingPolicy, field: string): Errors {
  const errs: Errors = [];
  if (p.type !== 'Pods' && p.type !== 'Percent') {
    errs.push(notSupported(`${field}.type`, p.type ?? '', ['Percent', 'Pods']));
  }
  if (!(p.value > 0)) errs.push(invalidErr(`${field}.value`, p.value ?? 0, 'must be greater than zero'));
  if (!(p.periodSeconds > 0)) {
    errs.push(invalidErr(`${field}.periodSeconds`, p.periodSeconds ?? 0, 'must be greater than zero'));
  }
  if (p.periodSeconds > MAX_PERIOD_SECONDS) {
    errs.push(
      invalidErr(
        `${field}.periodSeconds`,
        p.periodSeconds,
        `must be less than or equal to ${MAX_PERIOD_SECONDS}`,
      ),
    );
  }
  return errs;
}

function validateScalingRules(rules: HPAScalingRules | undefined, field: string): Errors {
  if (!rules) return [];
  const errs: Errors = [];
  const w = rules.stabilizationWindowSeconds;
  if (w !== undefined && w < 0) {
    errs.push(invalidErr(`${field}.stabilizationWindowSeconds`, w, 'must be greater than or equal to zero'));
  }
  if (w !== undefined && w > MAX_STABILIZATION_WINDOW_SECONDS) {
    errs.push(
      invalidErr(
        `${field}.stabilizationWindowSeconds`,
        w,
        `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`,
      ),
    );
  }
  if (rules.selectPolicy !== undefined && !['Disabled', 'Max', 'Min'].includes(rules.selectPolicy)) {
    errs.push(notSupported(`${field}.selectPolicy`, rules.selectPolicy, ['Disabled', 'Max', 'Min']));
  }
  const policies = rules.policies ?? [];
  if (policies.length === 0) errs.push(required(`${field}.policies`, 'must specify at least one Policy'));
  policies.forEach((p, i) => errs.push(...validateScalingPolicy(p, `${field}.policies[${i}]`)));
  return errs;
}

/** Messages are deduplicated, as field.ErrorList.ToAggregate does before the API server reports them. */
function dedupe(errs: Errors): Errors {
  const seen = new Set<string>();
  return errs.filter((e) => {
    const k = JSON.stringify([e.type, e.field, e.value, e.detail]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function validateHpa(hpa: HorizontalPodAutoscaler, old?: HorizontalPodAutoscaler): Errors {
  const errs = validateObjectMeta(hpa.metadata, true, isDNS1123Subdomain);
  const spec = (hpa.spec ?? {}) as Partial<Spec>;
  // On update an object that already has minReplicas 0 may keep it (HPAScaleToZero was on when it was made).
  const lowerBound = old?.spec?.minReplicas === 0 ? 0 : 1;
  if (spec.minReplicas !== undefined && spec.minReplicas < lowerBound) {
    errs.push(
      invalidErr('spec.minReplicas', spec.minReplicas, `must be greater than or equal to ${lowerBound}`),
    );
  }
  const max = spec.maxReplicas ?? 0;
  if (max < 1) errs.push(invalidErr('spec.maxReplicas', max, 'must be greater than 0'));
  if (spec.minReplicas !== undefined && max < spec.minReplicas) {
    errs.push(invalidErr('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  }
  errs.push(...validateCrossVersionObjectReference(spec.scaleTargetRef, 'spec.scaleTargetRef'));
  const metrics = spec.metrics ?? [];
  metrics.forEach((m, i) => errs.push(...validateMetricSpec(m, `spec.metrics[${i}]`)));
  if (spec.minReplicas === 0 && !metrics.some((m) => m.type === 'Object' || m.type === 'External')) {
    errs.push(
      forbidden(
        'spec.metrics',
        'must specify at least one Object or External metric to support scaling to zero replicas',
      ),
    );
  }
  if (spec.behavior) {
    errs.push(...validateScalingRules(spec.behavior.scaleUp, 'spec.behavior.scaleUp'));
    errs.push(...validateScalingRules(spec.behavior.scaleDown, 'spec.behavior.scaleDown'));
  }
  if (old) errs.push(...validateObjectMetaUpdate(hpa.metadata, old.metadata));
  return dedupe(errs);
}

registerAdmission('HorizontalPodAutoscaler', {
  default: (hpa) => defaultHpa(hpa),
  validate: (hpa, ctx) => validateHpa(hpa, ctx.old as HorizontalPodAutoscaler | undefined),
});
