/**
 * apps/v1 Deployment: SetDefaults_Deployment (replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10,
 * progressDeadlineSeconds 600) and ValidateDeploymentSpec / ValidateDeploymentUpdate.
 */
import { registerAdmission } from '../admission';
import type { Deployment, DeploymentStrategy } from 'kubernetes-types/apps/v1';
import { defaultPodTemplate } from './podspec';
import { validateSelector, validateSelectorUpdate, validateTemplateForReplicaSet } from './replicaset';
import {
  forbidden,
  goIntOrString,
  invalidErr,
  isDNS1123Subdomain,
  nonNegative,
  notSupported,
  percentValue,
  required,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validatePositiveIntOrPercent,
} from './validation';
import type { Errors, IntOrString } from './validation';

export function defaultDeployment(d: Deployment): Deployment {
  const spec = d.spec ?? ({} as NonNullable<Deployment['spec']>);
  const type = spec.strategy?.type || 'RollingUpdate';
  const strategy: DeploymentStrategy = { ...spec.strategy, type };
  if (type === 'RollingUpdate') {
    const ru = spec.strategy?.rollingUpdate;
    strategy.rollingUpdate = {
      ...ru,
      maxUnavailable: ru?.maxUnavailable ?? '25%',
      maxSurge: ru?.maxSurge ?? '25%',
    };
  }
  return {
    ...d,
    spec: {
      ...spec,
      replicas: spec.replicas ?? 1,
      strategy,
      revisionHistoryLimit: spec.revisionHistoryLimit ?? 10,
      progressDeadlineSeconds: spec.progressDeadlineSeconds ?? 600,
      template: defaultPodTemplate(spec.template),
    },
  };
}

/** getIntOrPercentValue: the integer, or the percentage's number. */
function intOrPercentValue(v: IntOrString | undefined): number {
  if (typeof v === 'number') return v;
  return percentValue(v) ?? Number.NaN;
}

export function validateStrategy(strategy: DeploymentStrategy | undefined, field: string): Errors {
  const errs: Errors = [];
  const type = strategy?.type;
  if (type === 'Recreate') {
    if (strategy?.rollingUpdate)
      errs.push(
        forbidden(`${field}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'"),
      );
  } else if (type === 'RollingUpdate') {
    const ru = strategy?.rollingUpdate;
    if (!ru) return [required(`${field}.rollingUpdate`, 'this should be defaulted and never be nil')];
    const p = `${field}.rollingUpdate`;
    errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`));
    errs.push(...validatePositiveIntOrPercent(ru.maxSurge, `${p}.maxSurge`));
    if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
      errs.push(
        invalidErr(
          `${p}.maxUnavailable`,
          ru.maxUnavailable,
          'may not be 0 when `maxSurge` is 0',
          goIntOrString(ru.maxUnavailable),
        ),
      );
    }
    const pct = percentValue(ru.maxUnavailable);
    if (pct !== undefined && pct > 100) {
      errs.push(
        invalidErr(
          `${p}.maxUnavailable`,
          ru.maxUnavailable,
          'must not be greater than 100%',
          goIntOrString(ru.maxUnavailable),
        ),
      );
    }
  } else {
    errs.push(notSupported(`${field}.type`, type ?? '', ['Recreate', 'RollingUpdate']));
  }
  return errs;
}

export function validateDeployment(d: Deployment, old?: Deployment): Errors {
  const errs = validateObjectMeta(d.metadata, true, isDNS1123Subdomain);
  const spec = d.spec;
  if (!spec) return [...errs, required('spec.selector'), required('spec.template')];
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...validateSelector(spec.selector, 'spec.selector'));
  errs.push(...validateTemplateForReplicaSet(spec.template, spec.selector, 'spec.template'));
  errs.push(...validateStrategy(spec.strategy, 'spec.strategy'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  const pds = spec.progressDeadlineSeconds;
  if (pds !== undefined) {
    errs.push(...nonNegative(pds, 'spec.progressDeadlineSeconds'));
    if (pds <= (spec.minReadySeconds ?? 0)) {
      errs.push(invalidErr('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds'));
    }
  }
  if (old) {
    errs.push(...validateObjectMetaUpdate(d.metadata, old.metadata));
    errs.push(...validateSelectorUpdate(spec.selector, old.spec?.selector));
  }
  return errs;
}

registerAdmission('Deployment', {
  default: (d) => defaultDeployment(d),
  validate: (d, ctx) => validateDeployment(d, ctx.old as Deployment | undefined),
});
