/**
 * Pod: core/v1 defaults (pod spec, requests from limits, enableServiceLinks), the admission plugins that
 * touch every new pod (ServiceAccount's default account, Priority, DefaultTolerationSeconds), validation,
 * and the update rule that a pod's spec is immutable apart from images, activeDeadlineSeconds, added
 * tolerations and the binding (spec.nodeName from unset to set, which the scheduler writes).
 */
import { registerAdmission } from '../admission';
import { qosClass } from '../qos';
import type { Pod, PodSpec, Taint, Toleration } from '../types';
import { stableJson } from './common';
import { defaultPodSpec, validatePodSpec } from './podspec';
import { forbidden, isDNS1123Subdomain, validateObjectMeta, validateObjectMetaUpdate } from './validation';
import type { Errors } from './validation';

export function defaultPod(pod: Pod): Pod {
  const spec = defaultPodSpec(pod.spec);
  if (Array.isArray(spec.containers)) {
    spec.containers = spec.containers.map((c) => {
      const limits = c.resources?.limits;
      if (!limits) return c;
      return { ...c, resources: { ...c.resources, requests: { ...limits, ...c.resources?.requests } } };
    });
  }
  if (spec.enableServiceLinks === undefined) spec.enableServiceLinks = true;
  return { ...pod, spec };
}

/** The taints DefaultTolerationSeconds covers, and the seconds it grants. */
export const DEFAULT_TOLERATION_SECONDS = 300;
const NOT_READY: Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' };
const UNREACHABLE: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };

/**
 * DefaultTolerationSeconds only asks whether some toleration already names the taint's key (or any key)
 * with effect NoExecute (or any effect), whatever its operator, value or seconds.
 */
function coversKey(t: Toleration, taint: Taint): boolean {
  return (!t.key || t.key === taint.key) && (!t.effect || t.effect === taint.effect);
}

/** The DefaultTolerationSeconds admission plugin. */
export function admitDefaultTolerations(pod: Pod): Pod {
  const existing = pod.spec?.tolerations ?? [];
  const added: Toleration[] = [];
  for (const taint of [NOT_READY, UNREACHABLE]) {
    if (existing.some((t) => coversKey(t, taint))) continue;
    added.push({
      key: taint.key,
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: DEFAULT_TOLERATION_SECONDS,
    });
  }
  if (!added.length) return pod;
  return { ...pod, spec: { ...(pod.spec as PodSpec), tolerations: [...existing, ...added] } };
}

/** The ServiceAccount (default account name) and Priority (priority 0, PreemptLowerPriority) plugins. */
export function admitServiceAccountAndPriority(pod: Pod): Pod {
  const spec = { ...(pod.spec as PodSpec) };
  const sa = spec.serviceAccountName || spec.serviceAccount || 'default';
  spec.serviceAccountName = sa;
  spec.serviceAccount = sa;
  if (spec.priority === undefined && !spec.priorityClassName) spec.priority = 0;
  if (!spec.preemptionPolicy) spec.preemptionPolicy = 'PreemptLowerPriority';
  return { ...pod, spec };
}

export const POD_UPDATE_MESSAGE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** The new spec with every field an update may change copied from the old one: what must then be equal. */
function maskMutable(spec: PodSpec, old: PodSpec): PodSpec {
  const out: PodSpec = { ...spec };
  const images = (from: PodSpec['containers'] | undefined, to: PodSpec['containers'] | undefined) =>
    to && from && to.length === from.length ? to.map((c, i) => ({ ...c, image: from[i]?.image })) : to;
  out.containers = images(old.containers, spec.containers) as PodSpec['containers'];
  if (spec.initContainers)
    out.initContainers = images(old.initContainers, spec.initContainers) as PodSpec['containers'];
  setOrDelete(out, 'activeDeadlineSeconds', old.activeDeadlineSeconds);
  setOrDelete(out, 'tolerations', old.tolerations);
  if (!old.nodeName) setOrDelete(out, 'nodeName', undefined);
  // Scheduling gates may only be removed.
  const gates = (spec.schedulingGates ?? []).map((g) => g.name);
  if (gates.every((g) => (old.schedulingGates ?? []).some((o) => o.name === g))) {
    setOrDelete(out, 'schedulingGates', old.schedulingGates);
  }
  return out;
}

function setOrDelete<K extends keyof PodSpec>(o: PodSpec, k: K, v: PodSpec[K] | undefined): void {
  if (v === undefined) delete o[k];
  else o[k] = v;
}

function sameToleration(a: Toleration, b: Toleration): boolean {
  return (
    a.key === b.key &&
    (a.operator ?? 'Equal') === (b.operator ?? 'Equal') &&
    (a.value ?? '') === (b.value ?? '') &&
    a.effect === b.effect
  );
}

export function validatePodUpdate(pod: Pod, old: Pod): Errors {
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata);
  const spec = pod.spec;
  const oldSpec = old.spec;
  if (!spec || !oldSpec) return errs;
  if (stableJson(maskMutable(spec, oldSpec)) !== stableJson(oldSpec))
    errs.push(forbidden('spec', POD_UPDATE_MESSAGE));
  (oldSpec.tolerations ?? []).forEach((t, i) => {
    const now = (spec.tolerations ?? []).find((n) => sameToleration(n, t));
    if (!now)
      errs.push(
        forbidden(
          `spec.tolerations[${i}]`,
          'existing toleration can not be modified except its tolerationSeconds',
        ),
      );
    else if (
      t.tolerationSeconds !== undefined &&
      (now.tolerationSeconds === undefined || now.tolerationSeconds > t.tolerationSeconds)
    ) {
      errs.push(
        forbidden(
          `spec.tolerations[${i}].tolerationSeconds`,
          'existing toleration can not be modified except its tolerationSeconds',
        ),
      );
    }
  });
  return errs;
}

export function validatePod(pod: Pod, old?: Pod): Errors {
  const errs = validateObjectMeta(pod.metadata, true, isDNS1123Subdomain);
  errs.push(...validatePodSpec(pod.spec, 'spec'));
  if (old) errs.push(...validatePodUpdate(pod, old));
  return errs;
}

/** PrepareForCreate: a new pod starts Pending with its QoS class, whatever status the client sent. */
function initialStatus(pod: Pod): Pod {
  return { ...pod, status: { phase: 'Pending', qosClass: qosClass(pod) } };
}

registerAdmission('Pod', {
  default: (p) => defaultPod(p),
  admit: (p, ctx) => (ctx.old === undefined ? admitDefaultTolerations(admitServiceAccountAndPriority(p)) : p),
  prepareForCreate: initialStatus,
  validate: (p, ctx) => validatePod(p, ctx.old as Pod | undefined),
});
