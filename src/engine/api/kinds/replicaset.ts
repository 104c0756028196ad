/** apps/v1 ReplicaSet: replicas default to 1; a selector that matches the template; an immutable selector. */
import { registerAdmission } from '../admission';
import { selectorMatches } from '../meta';
import type { LabelSelector, PodTemplateSpec, ReplicaSet } from '../types';
import { stableJson } from './common';
import { defaultPodTemplate, validatePodTemplateSpec } from './podspec';
import {
  forbidden,
  goLabelSelector,
  goStringMap,
  IMMUTABLE,
  invalidErr,
  isDNS1123Subdomain,
  nonNegative,
  notSupported,
  required,
  selectorIsEmpty,
  validateLabelSelector,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './validation';
import type { Errors } from './validation';

export function defaultReplicaSet(rs: ReplicaSet): ReplicaSet {
  const spec = rs.spec;
  if (!spec) return { ...rs, spec: { replicas: 1 } as NonNullable<ReplicaSet['spec']> };
  return {
    ...rs,
    spec: { ...spec, replicas: spec.replicas ?? 1, template: defaultPodTemplate(spec.template) },
  };
}

/** Selector presence and shape (shared by ReplicaSet and Deployment, both say "for deployment"). */
export function validateSelector(selector: LabelSelector | undefined, field: string): Errors {
  if (!selector) return [required(field)];
  const errs = validateLabelSelector(selector, field);
  if (selectorIsEmpty(selector)) {
    errs.push(
      invalidErr(field, selector, 'empty selector is invalid for deployment', goLabelSelector(selector)),
    );
  }
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet: the selector must match the template, which must restart Always. */
export function validateTemplateForReplicaSet(
  template: PodTemplateSpec | undefined,
  selector: LabelSelector | undefined,
  field: string,
): Errors {
  if (!template) return [required(field)];
  const errs: Errors = [];
  const labels = template.metadata?.labels;
  if (selector && !selectorIsEmpty(selector) && !selectorMatches(selector, labels)) {
    errs.push(
      invalidErr(
        `${field}.metadata.labels`,
        labels ?? null,
        '`selector` does not match template `labels`',
        goStringMap(labels),
      ),
    );
  }
  errs.push(...validatePodTemplateSpec(template, field));
  const rp = template.spec?.restartPolicy;
  if (rp && rp !== 'Always') {
    errs.push(notSupported(`${field}.spec.restartPolicy`, rp, ['Always']));
  }
  if (template.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(
      forbidden(
        `${field}.spec.activeDeadlineSeconds`,
        'activeDeadlineSeconds in ReplicaSet is not Supported',
      ),
    );
  }
  return errs;
}

export function validateSelectorUpdate(
  selector: LabelSelector | undefined,
  old: LabelSelector | undefined,
): Errors {
  if (stableJson(selector ?? null) === stableJson(old ?? null)) return [];
  return [invalidErr('spec.selector', selector ?? null, IMMUTABLE, goLabelSelector(selector))];
}

export function validateReplicaSet(rs: ReplicaSet, old?: ReplicaSet): Errors {
  const errs = validateObjectMeta(rs.metadata, true, isDNS1123Subdomain);
  const spec = rs.spec;
  if (!spec) return [...errs, required('spec.selector'), required('spec.template')];
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateSelector(spec.selector, 'spec.selector'));
  errs.push(...validateTemplateForReplicaSet(spec.template, spec.selector, 'spec.template'));
  if (old) {
    errs.push(...validateObjectMetaUpdate(rs.metadata, old.metadata));
    errs.push(...validateSelectorUpdate(spec.selector, old.spec?.selector));
  }
  return errs;
}

registerAdmission('ReplicaSet', {
  default: (rs) => defaultReplicaSet(rs),
  validate: (rs, ctx) => validateReplicaSet(rs, ctx.old as ReplicaSet | undefined),
});
