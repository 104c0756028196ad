/**
 * apps/v1 StatefulSet: SetDefaults_StatefulSet (replicas 1, OrderedReady, RollingUpdate with partition 0,
 * revisionHistoryLimit 10, PVC retention Retain/Retain), ValidateStatefulSetSpec and ValidateStatefulSetUpdate.
 * As upstream, the pod template's spec is not validated here (a bad one fails when the pod is created).
 */
import { registerAdmission } from '../admission';
import { selectorMatches } from '../meta';
import type { StatefulSet, StatefulSetSpec } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim } from '../types';
import { stableJson } from './common';
import { defaultClaimSpec, validateClaimSpec } from './persistentvolumeclaim';
import { defaultPodTemplate } from './podspec';
import {
  forbidden,
  goLabelSelector,
  goStringMap,
  invalidErr,
  isDNS1123Subdomain,
  nonNegative,
  notSupported,
  required,
  selectorIsEmpty,
  validateAnnotations,
  validateLabels,
  validateLabelSelector,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './validation';
import type { Errors } from './validation';

const RETENTION = ['Retain', 'Delete'];

export const STATEFULSET_UPDATE_MESSAGE =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

function defaultClaimTemplate(t: PersistentVolumeClaim): PersistentVolumeClaim {
  return { ...t, apiVersion: 'v1', kind: 'PersistentVolumeClaim', spec: defaultClaimSpec(t.spec) };
}

export function defaultStatefulSet(s: StatefulSet): StatefulSet {
  const spec = s.spec ?? ({} as StatefulSetSpec);
  const type = spec.updateStrategy?.type || 'RollingUpdate';
  const updateStrategy: NonNullable<StatefulSetSpec['updateStrategy']> = { ...spec.updateStrategy, type };
  if (type === 'RollingUpdate') {
    updateStrategy.rollingUpdate = {
      ...spec.updateStrategy?.rollingUpdate,
      partition: spec.updateStrategy?.rollingUpdate?.partition ?? 0,
    };
  }
  const policy = spec.persistentVolumeClaimRetentionPolicy;
  const out: StatefulSetSpec = {
    ...spec,
    replicas: spec.replicas ?? 1,
    podManagementPolicy: spec.podManagementPolicy || 'OrderedReady',
    updateStrategy,
    revisionHistoryLimit: spec.revisionHistoryLimit ?? 10,
    persistentVolumeClaimRetentionPolicy: {
      whenDeleted: policy?.whenDeleted || 'Retain',
      whenScaled: policy?.whenScaled || 'Retain',
    },
    template: defaultPodTemplate(spec.template),
  };
  if (Array.isArray(spec.volumeClaimTemplates))
    out.volumeClaimTemplates = spec.volumeClaimTemplates.map(defaultClaimTemplate);
  return { ...s, spec: out };
}

function validateSpec(spec: StatefulSetSpec): Errors {
  const errs: Errors = [];
  const pmp = spec.podManagementPolicy;
  if (!pmp) errs.push(required('spec.podManagementPolicy'));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel')
    errs.push(invalidErr('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  const us = spec.updateStrategy;
  switch (us?.type) {
    case undefined:
    case '':
      errs.push(required('spec.updateStrategy'));
      break;
    case 'OnDelete':
      if (us.rollingUpdate)
        errs.push(
          invalidErr(
            'spec.updateStrategy.rollingUpdate',
            us.rollingUpdate,
            "only allowed for updateStrategy 'RollingUpdate'",
          ),
        );
      break;
    case 'RollingUpdate':
      errs.push(...nonNegative(us.rollingUpdate?.partition, 'spec.updateStrategy.rollingUpdate.partition'));
      break;
    default:
      errs.push(invalidErr('spec.updateStrategy', us, "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const policy = spec.persistentVolumeClaimRetentionPolicy;
  for (const k of ['whenDeleted', 'whenScaled'] as const) {
    const v = policy?.[k];
    if (v !== undefined && !RETENTION.includes(v))
      errs.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${k}`, v, RETENTION));
  }
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  if (spec.ordinals) errs.push(...nonNegative(spec.ordinals.start, 'spec.ordinals.start'));
  const selector = spec.selector as StatefulSetSpec['selector'] | undefined;
  if (!selector) errs.push(required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(selector, 'spec.selector'));
    if (selectorIsEmpty(selector))
      errs.push(
        invalidErr(
          'spec.selector',
          selector,
          'empty selector is invalid for statefulset',
          goLabelSelector(selector),
        ),
      );
  }
  const t = spec.template as StatefulSetSpec['template'] | undefined;
  if (!t) return [...errs, required('spec.template')];
  const labels = t.metadata?.labels;
  if (selector && !selectorIsEmpty(selector) && !selectorMatches(selector, labels)) {
    errs.push(
      invalidErr(
        'spec.template.metadata.labels',
        labels ?? null,
        '`selector` does not match template `labels`',
        goStringMap(labels),
      ),
    );
  }
  errs.push(...validateLabels(labels, 'spec.template.labels'));
  errs.push(...validateAnnotations(t.metadata?.annotations, 'spec.template.annotations'));
  const rp = t.spec?.restartPolicy;
  if (rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', rp ?? '', ['Always']));
  if (t.spec?.activeDeadlineSeconds !== undefined)
    errs.push(
      forbidden(
        'spec.template.spec.activeDeadlineSeconds',
        'activeDeadlineSeconds in StatefulSet is not Supported',
      ),
    );
  (spec.volumeClaimTemplates ?? []).forEach((c, i) => {
    const p = `spec.volumeClaimTemplates[${i}]`;
    const name = c.metadata?.name;
    if (!name) errs.push(required(`${p}.metadata.name`, 'name or generateName is required'));
    else for (const m of isDNS1123Subdomain(name)) errs.push(invalidErr(`${p}.metadata.name`, name, m));
    errs.push(...validateClaimSpec(c.spec, `${p}.spec`));
  });
  return errs;
}

/** The spec with every field an update may change replaced by the old one's: what must then be equal. */
function frozenSpec(spec: StatefulSetSpec, old: StatefulSetSpec): StatefulSetSpec {
  const out: Partial<StatefulSetSpec> = { ...spec };
  for (const k of [
    'replicas',
    'ordinals',
    'template',
    'updateStrategy',
    'revisionHistoryLimit',
    'persistentVolumeClaimRetentionPolicy',
    'minReadySeconds',
  ] as const) {
    if (old[k] === undefined) delete out[k];
    else (out as Record<string, unknown>)[k] = old[k];
  }
  return out as StatefulSetSpec;
}

export function validateStatefulSet(s: StatefulSet, old?: StatefulSet): Errors {
  const errs = validateObjectMeta(s.metadata, true, isDNS1123Subdomain);
  const spec = s.spec;
  if (!spec) return [...errs, required('spec.selector'), required('spec.template')];
  errs.push(...validateSpec(spec));
  if (old?.spec) {
    errs.push(...validateObjectMetaUpdate(s.metadata, old.metadata));
    if (stableJson(frozenSpec(spec, old.spec)) !== stableJson(old.spec))
      errs.push(forbidden('spec', STATEFULSET_UPDATE_MESSAGE));
  }
  return errs;
}

registerAdmission('StatefulSet', {
  default: (s) => defaultStatefulSet(s),
  validate: (s, ctx) => validateStatefulSet(s, ctx.old as StatefulSet | undefined),
});
