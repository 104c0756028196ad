/**
 * batch/v1 Job: SetDefaults_Job (completions and parallelism 1, backoffLimit 6, NonIndexed, not suspended,
 * podReplacementPolicy TerminatingOrFailed), the strategy's generated selector (controller-uid and job-name
 * labels; needs the uid, which the API server assigns a Job before admission), ValidateJob and the immutable
 * fields on update. Left out: pod failure and success policies, per-index back-off limits.
 */
import { registerAdmission } from '../admission';
import { selectorMatches } from '../meta';
import type { Job, JobSpec } from 'kubernetes-types/batch/v1';
import { stableJson } from './common';
import { defaultPodTemplate, validatePodTemplateSpec } from './podspec';
import { validateSelectorUpdate } from './replicaset';
import {
  goLabelSelector,
  goStringMap,
  IMMUTABLE,
  invalidErr,
  isDNS1123Subdomain,
  nonNegative,
  notSupported,
  required,
  validateLabelSelector,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './validation';
import type { Errors } from './validation';

export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_JOB_NAME_LABEL = 'job-name';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';

/** The batch strategy's generateSelector: the job-name and controller-uid labels, selected by controller-uid. */
function generateSelector(job: Job, spec: JobSpec): JobSpec {
  const uid = job.metadata?.uid;
  const name = job.metadata?.name ?? '';
  if (spec.manualSelector === true || !uid) return spec;
  const labels = { ...spec.template.metadata?.labels };
  for (const k of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) labels[k] ??= name;
  for (const k of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) labels[k] ??= uid;
  const matchLabels = { ...spec.selector?.matchLabels };
  matchLabels[CONTROLLER_UID_LABEL] ??= uid;
  return {
    ...spec,
    selector: { ...spec.selector, matchLabels },
    template: { ...spec.template, metadata: { ...spec.template.metadata, labels } },
  };
}

/** Defaults; `creating` adds the generated selector (PrepareForCreate), which an update never changes. */
export function defaultJob(job: Job, creating = true): Job {
  const spec = job.spec ?? ({} as JobSpec);
  const both = spec.completions === undefined && spec.parallelism === undefined;
  let out: JobSpec = {
    ...spec,
    ...(both ? { completions: 1 } : {}),
    parallelism: spec.parallelism ?? 1,
    backoffLimit: spec.backoffLimit ?? 6,
    completionMode: spec.completionMode || 'NonIndexed',
    suspend: spec.suspend ?? false,
    manualSelector: spec.manualSelector ?? false,
    podReplacementPolicy: spec.podReplacementPolicy || 'TerminatingOrFailed',
    template: defaultPodTemplate(spec.template),
  };
  if (creating) out = generateSelector(job, out);
  const labels = out.template.metadata?.labels;
  const meta =
    labels && Object.keys(job.metadata?.labels ?? {}).length === 0
      ? { ...job.metadata, labels: { ...labels } }
      : job.metadata;
  return { ...job, ...(meta ? { metadata: meta } : {}), spec: out };
}

const RESTART = ['OnFailure', 'Never'];

export function validateJob(job: Job, old?: Job): Errors {
  const errs = validateObjectMeta(job.metadata, true, isDNS1123Subdomain);
  const spec = job.spec;
  if (!spec) return [...errs, required('spec.template')];
  errs.push(...nonNegative(spec.parallelism, 'spec.parallelism'));
  errs.push(...nonNegative(spec.completions, 'spec.completions'));
  errs.push(...nonNegative(spec.activeDeadlineSeconds, 'spec.activeDeadlineSeconds'));
  errs.push(...nonNegative(spec.backoffLimit, 'spec.backoffLimit'));
  errs.push(...nonNegative(spec.ttlSecondsAfterFinished, 'spec.ttlSecondsAfterFinished'));
  const mode = spec.completionMode;
  if (mode && mode !== 'NonIndexed' && mode !== 'Indexed')
    errs.push(notSupported('spec.completionMode', mode, ['NonIndexed', 'Indexed']));
  // Before the uid exists (a dry run), the generated selector is not there yet: only a manual one is checked.
  const selector = spec.selector;
  if (!selector) {
    if (spec.manualSelector === true || job.metadata?.uid) errs.push(required('spec.selector'));
  } else errs.push(...validateLabelSelector(selector, 'spec.selector'));
  const t = spec.template as JobSpec['template'] | undefined;
  if (!t) return [...errs, required('spec.template')];
  const labels = t.metadata?.labels;
  if (selector && !selectorMatches(selector, labels))
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
  if (rp === 'Always' || !rp)
    errs.push(required('spec.template.spec.restartPolicy', `valid values: "OnFailure", "Never"`));
  else if (!RESTART.includes(rp)) errs.push(notSupported('spec.template.spec.restartPolicy', rp, RESTART));
  if (old?.spec) {
    errs.push(...validateObjectMetaUpdate(job.metadata, old.metadata));
    if (selector || old.spec.selector) {
      const e = validateSelectorUpdate(selector, old.spec.selector);
      errs.push(...e.map((x) => ({ ...x, printed: goLabelSelector(selector) })));
    }
    if (spec.completions !== old.spec.completions)
      errs.push(invalidErr('spec.completions', spec.completions, IMMUTABLE));
    if (stableJson(t) !== stableJson(old.spec.template)) errs.push(invalidErr('spec.template', t, IMMUTABLE));
  }
  return errs;
}

registerAdmission('Job', {
  default: (j, ctx) => defaultJob(j, ctx.old === undefined),
  validate: (j, ctx) => validateJob(j, ctx.old as Job | undefined),
});
