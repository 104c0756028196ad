/**
 * apps/v1 DaemonSet: SetDefaults_DaemonSet (RollingUpdate with maxUnavailable 1 and maxSurge 0,
 * revisionHistoryLimit 10), ValidateDaemonSetSpec (selector, template, update strategy) and the immutable
 * selector on update.
 */
import { registerAdmission } from '../admission';
import type { DaemonSet, DaemonSetSpec, DaemonSetUpdateStrategy } from 'kubernetes-types/apps/v1';
import { defaultPodTemplate, validatePodTemplateSpec } from './podspec';
import { validateSelectorUpdate } from './replicaset';
import {
  forbidden,
  goIntOrString,
  goLabelSelector,
  goStringMap,
  invalidErr,
  isDNS1123Subdomain,
  nonNegative,
  notSupported,
  percentValue,
  required,
  selectorIsEmpty,
  validateLabelSelector,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validatePositiveIntOrPercent,
} from './validation';
import type { Errors, IntOrString } from './validation';
import { selectorMatches } from '../meta';

export function defaultDaemonSet(ds: DaemonSet): DaemonSet {
  const spec = ds.spec ?? ({} as DaemonSetSpec);
  const type = spec.updateStrategy?.type || 'RollingUpdate';
  const updateStrategy: DaemonSetUpdateStrategy = { ...spec.updateStrategy, type };
  if (type === 'RollingUpdate') {
    const ru = spec.updateStrategy?.rollingUpdate;
    updateStrategy.rollingUpdate = {
      ...ru,
      maxUnavailable: ru?.maxUnavailable ?? 1,
      maxSurge: ru?.maxSurge ?? 0,
    };
  }
  return {
    ...ds,
    spec: {
      ...spec,
      updateStrategy,
      revisionHistoryLimit: spec.revisionHistoryLimit ?? 10,
      template: defaultPodTemplate(spec.template),
    },
  };
}

function nonZero(v: IntOrString | undefined): boolean {
  if (typeof v === 'number') return v !== 0;
  const p = percentValue(v);
  return p !== undefined && p !== 0;
}

function notOver100(v: IntOrString | undefined, field: string): Errors {
  const p = percentValue(v);
  return p !== undefined && p > 100
    ? [invalidErr(field, v, 'must not be greater than 100%', goIntOrString(v))]
    : [];
}

function validateUpdateStrategy(s: DaemonSetUpdateStrategy | undefined): Errors {
  const errs: Errors = [];
  const type = s?.type;
  if (type !== 'RollingUpdate' && type !== 'OnDelete')
    return [notSupported('spec.updateStrategy.type', type ?? '', ['OnDelete', 'RollingUpdate'])];
  if (type === 'OnDelete') return errs;
  const ru = s?.rollingUpdate;
  if (!ru) return [required('spec.updateStrategy.rollingUpdate')];
  const p = 'spec.updateStrategy.rollingUpdate';
  errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`));
  errs.push(...validatePositiveIntOrPercent(ru.maxSurge, `${p}.maxSurge`));
  errs.push(...notOver100(ru.maxUnavailable, `${p}.maxUnavailable`));
  errs.push(...notOver100(ru.maxSurge, `${p}.maxSurge`));
  const hasUnavailable = nonZero(ru.maxUnavailable);
  const hasSurge = nonZero(ru.maxSurge);
  if (hasUnavailable && hasSurge)
    errs.push(
      invalidErr(
        `${p}.maxSurge`,
        ru.maxSurge,
        'may not be set when maxUnavailable is non-zero',
        goIntOrString(ru.maxSurge),
      ),
    );
  else if (!hasUnavailable && !hasSurge)
    errs.push(required(`${p}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  return errs;
}

export function validateDaemonSet(ds: DaemonSet, old?: DaemonSet): Errors {
  const errs = validateObjectMeta(ds.metadata, true, isDNS1123Subdomain);
  const spec = ds.spec;
  if (!spec) return [...errs, required('spec.selector'), required('spec.template')];
  const selector = spec.selector as DaemonSetSpec['selector'] | undefined;
  if (!selector) errs.push(required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(selector, 'spec.selector'));
    if (selectorIsEmpty(selector))
      errs.push(
        invalidErr(
          'spec.selector',
          selector,
          'empty selector is invalid for daemonset',
          goLabelSelector(selector),
        ),
      );
  }
  const t = spec.template as DaemonSetSpec['template'] | undefined;
  if (!t) errs.push(required('spec.template'));
  else {
    const labels = t.metadata?.labels;
    if (selector && !selectorIsEmpty(selector) && !selectorMatches(selector, labels))
      errs.push(
        invalidErr(
          'spec.template.metadata.labels',
          labels ?? null,
          '`selector` does not match template `labels`',
          goStringMap(labels),
        ),
      );
    errs.push(...validatePodTemplateSpec(t, 'spec.template'));
    const rp = t.spec?.restartPolicy;
    if (rp && rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', rp, ['Always']));
    if (t.spec?.activeDeadlineSeconds !== undefined)
      errs.push(
        forbidden(
          'spec.template.spec.activeDeadlineSeconds',
          'activeDeadlineSeconds in DaemonSet is not Supported',
        ),
      );
  }
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  errs.push(...validateUpdateStrategy(spec.updateStrategy));
  if (old) {
    errs.push(...validateObjectMetaUpdate(ds.metadata, old.metadata));
    errs.push(...validateSelectorUpdate(spec.selector, old.spec?.selector));
  }
  return errs;
}

registerAdmission('DaemonSet', {
  default: (ds) => defaultDaemonSet(ds),
  validate: (ds, ctx) => validateDaemonSet(ds, ctx.old as DaemonSet | undefined),
});
