/**
 * Simulates kube-controller-manager's Job controller (job_controller.go) for NonIndexed jobs: up to
 * parallelism pods until completions succeed, finished pods counted once through the
 * batch.kubernetes.io/job-tracking finalizer, exponential back-off (10 s doubling, at most 10 min) before
 * replacing failed pods, backoffLimit (failed pods, or container restarts with restartPolicy OnFailure),
 * activeDeadlineSeconds, the SuccessCriteriaMet/Complete and FailureTarget/Failed conditions and events.
 * Left out: Indexed completion (treated as NonIndexed), pod failure/success policies, per-index limits,
 * suspend's conditions, ttlSecondsAfterFinished, orphan adoption and managedBy.
 */
import { ApiError } from '../api/errors';
import { createPodFor, deletePodFor } from './podcontrol';
import { controllerOf, ownerReference, seconds, splitNameKey, timestamp } from '../api/meta';
import { isPodReady } from '../api/podutil';
import type { Job, Pod } from '../api/types';
import type { JobCondition, JobStatus } from 'kubernetes-types/batch/v1';
import { stableJson } from '../api/kinds/common';
import type { Controller, ObjectWatch, ReconcileContext } from '../sim/controller';
import { watchOwned } from '../sim/controller';

export const JOB_CONTROLLER = 'job-controller';
const SOURCE = { component: JOB_CONTROLLER } as const;
export const TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const POD_FAILURE_BACKOFF = 10;
export const MAX_POD_FAILURE_BACKOFF = 600;
/** Runtime key `job-backoff/<namespace>/<name>`: consecutive failures since the last success, and when. */
export const BACKOFF_PREFIX = 'job-backoff/';

interface BackoffRecord {
  readonly failuresAfterLastSuccess: number;
  readonly lastFailureTime: number;
}

const BACKOFF_LIMIT_MESSAGE = 'Job has reached the specified backoff limit';
const DEADLINE_MESSAGE = 'Job was active longer than specified deadline';
const COMPLETIONS_MESSAGE = 'Reached expected number of succeeded pods';

function isTerminal(p: Pod): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

function hasCondition(job: Job, type: string): boolean {
  return (job.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

export function isJobFinished(job: Job): boolean {
  return hasCondition(job, 'Complete') || hasCondition(job, 'Failed');
}

function condition(type: string, reason: string, message: string, now: number): JobCondition {
  const t = timestamp(Math.floor(now));
  return { type, status: 'True', lastProbeTime: t, lastTransitionTime: t, reason, message };
}

/** Delay before the next pod after `n` consecutive failures: 10 s, 20 s, 40 s, ... at most 10 min. */
export function podFailureBackoff(n: number): number {
  if (n <= 0) return 0;
  return Math.min(MAX_POD_FAILURE_BACKOFF, POD_FAILURE_BACKOFF * 2 ** (n - 1));
}

/** pastBackoffLimitOnFailure: restarts of still-running containers count as failures with OnFailure. */
function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec?.template.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const s of [...(p.status.initContainerStatuses ?? []), ...(p.status.containerStatuses ?? [])])
      restarts += s.restartCount;
  }
  const limit = job.spec.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

function jobPod(job: Job): Pod {
  const tpl = job.spec?.template;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${job.metadata?.name ?? ''}-`,
      namespace: job.metadata?.namespace ?? 'default',
      ...(tpl?.metadata?.labels ? { labels: { ...tpl.metadata.labels } } : {}),
      ...(tpl?.metadata?.annotations ? { annotations: { ...tpl.metadata.annotations } } : {}),
      finalizers: [...(tpl?.metadata?.finalizers ?? []), TRACKING_FINALIZER],
      ownerReferences: [ownerReference(job)],
    },
    ...(tpl?.spec ? { spec: tpl.spec } : {}),
  };
}

/** Delete one of the Job's pods; a failure ends the sync (it is retried). */
function deletePod(ctx: ReconcileContext, job: Job, pod: Pod): void {
  const err = deletePodFor(ctx, job, pod, SOURCE);
  if (err) throw err;
}

/** Remove the tracking finalizer: the pod's outcome is now in the Job's status. */
function releasePod(ctx: ReconcileContext, pod: Pod): void {
  const rest = (pod.metadata?.finalizers ?? []).filter((f) => f !== TRACKING_FINALIZER);
  const { finalizers: _f, ...meta } = pod.metadata ?? {};
  ctx.api.update('Pod', { ...pod, metadata: rest.length ? { ...meta, finalizers: rest } : meta });
}

function syncJob(ctx: ReconcileContext, job: Job): void {
  const ns = job.metadata?.namespace ?? 'default';
  const name = job.metadata?.name ?? '';
  const uid = job.metadata?.uid ?? '';
  const spec = job.spec;
  const pods = ctx.store.listByOwner('Pod', uid).filter((p) => controllerOf(p)?.uid === uid);
  const tracked = (p: Pod) => (p.metadata?.finalizers ?? []).includes(TRACKING_FINALIZER);

  // Count each finished pod once, then let it go.
  let newSucceeded = 0;
  let newFailed = 0;
  for (const p of pods) {
    if (!tracked(p) || !isTerminal(p)) continue;
    if (p.status?.phase === 'Succeeded') newSucceeded++;
    else newFailed++;
    releasePod(ctx, p);
  }
  const succeeded = (job.status?.succeeded ?? 0) + newSucceeded;
  const failed = (job.status?.failed ?? 0) + newFailed;
  const backoffKey = `${BACKOFF_PREFIX}${ns}/${name}`;
  let backoff = ctx.store.getRuntime<BackoffRecord>(backoffKey);
  if (newSucceeded || newFailed) {
    const base = newSucceeded ? 0 : (backoff?.failuresAfterLastSuccess ?? 0);
    backoff = {
      failuresAfterLastSuccess: base + newFailed,
      lastFailureTime: newFailed ? ctx.now : (backoff?.lastFailureTime ?? ctx.now),
    };
    ctx.store.setRuntime(backoffKey, backoff);
  }

  const finished = isJobFinished(job);
  let active = pods.filter((p) => !isTerminal(p) && !p.metadata?.deletionTimestamp);
  const conditions = [...(job.status?.conditions ?? [])];
  const startTime = job.status?.startTime ?? timestamp(Math.floor(ctx.now));
  let completionTime = job.status?.completionTime;

  if (!finished) {
    const parallelism = spec?.parallelism ?? 1;
    const completions = spec?.completions;
    const limit = spec?.backoffLimit ?? 6;
    let failure: { reason: string; message: string } | undefined;
    const deadline = spec?.activeDeadlineSeconds;
    if (failed > limit || pastBackoffLimitOnFailure(job, active))
      failure = { reason: 'BackoffLimitExceeded', message: BACKOFF_LIMIT_MESSAGE };
    else if (deadline !== undefined && ctx.now - seconds(startTime) >= deadline)
      failure = { reason: 'DeadlineExceeded', message: DEADLINE_MESSAGE };
    const complete =
      !failure &&
      (completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0);
    const target = conditions.find((c) => c.type === 'FailureTarget' || c.type === 'SuccessCriteriaMet');
    if (failure && !target) {
      conditions.push(condition('FailureTarget', failure.reason, failure.message, ctx.now));
      ctx.api.recordEvent(job, 'Warning', failure.reason, failure.message, SOURCE);
    } else if (complete && !target) {
      conditions.push(condition('SuccessCriteriaMet', 'CompletionsReached', COMPLETIONS_MESSAGE, ctx.now));
    }
    const ending = conditions.find((c) => c.type === 'FailureTarget' || c.type === 'SuccessCriteriaMet');
    if (ending) {
      // Finishing: remaining pods go; the final condition waits until none is left running.
      for (const p of active) deletePod(ctx, job, p);
      active = [];
      const stillRunning = pods.some(
        (p) => !isTerminal(p) && ctx.store.get('Pod', ns, p.metadata?.name ?? '') !== undefined,
      );
      if (!stillRunning) {
        if (ending.type === 'FailureTarget') {
          conditions.push(condition('Failed', ending.reason ?? '', ending.message ?? '', ctx.now));
        } else {
          conditions.push(condition('Complete', 'CompletionsReached', COMPLETIONS_MESSAGE, ctx.now));
          completionTime = timestamp(Math.floor(ctx.now));
          ctx.api.recordEvent(job, 'Normal', 'Completed', 'Job completed', SOURCE);
        }
      }
    } else if (spec?.suspend) {
      for (const p of active) deletePod(ctx, job, p);
      active = [];
    } else {
      const want =
        completions !== undefined
          ? Math.max(0, Math.min(parallelism, completions - succeeded))
          : succeeded > 0
            ? 0
            : parallelism;
      if (active.length > want) {
        const extra = [...active].sort(
          (a, b) => seconds(b.metadata?.creationTimestamp) - seconds(a.metadata?.creationTimestamp),
        );
        for (const p of extra.slice(0, active.length - want)) deletePod(ctx, job, p);
        active = extra.slice(active.length - want);
      } else if (active.length < want) {
        const delay = podFailureBackoff(backoff?.failuresAfterLastSuccess ?? 0);
        const due = (backoff?.lastFailureTime ?? 0) + delay;
        if (delay > 0 && ctx.now < due) ctx.requeueAfter(due - ctx.now);
        else
          for (let i = active.length; i < want; i++) {
            const pod = createPodFor(ctx, job, jobPod(job), SOURCE);
            if (pod instanceof ApiError) break;
            active.push(pod);
          }
      }
      if (deadline !== undefined) {
        const left = seconds(startTime) + deadline - ctx.now;
        if (left > 0) ctx.requeueAfter(left);
      }
    }
  }

  const terminating = pods.filter((p) => {
    const cur = ctx.store.get('Pod', ns, p.metadata?.name ?? '');
    return cur?.metadata?.deletionTimestamp !== undefined && !isTerminal(cur);
  }).length;
  const status: JobStatus = {
    ...(conditions.length ? { conditions } : {}),
    startTime,
    ...(completionTime ? { completionTime } : {}),
    ...(active.length ? { active: active.length } : {}),
    ...(succeeded ? { succeeded } : {}),
    ...(failed ? { failed } : {}),
    terminating,
    uncountedTerminatedPods: {},
    ready: active.filter(isPodReady).length,
  };
  const fresh = ctx.store.get('Job', ns, name);
  if (fresh && stableJson(fresh.status ?? {}) !== stableJson(status))
    ctx.api.updateStatus('Job', { ...fresh, status });
}

const selfWatch: ObjectWatch = {
  kind: 'Job',
  keys: () => [],
  changed(from, to) {
    const obj = (to ?? from) as Job;
    if (from && to && (from as Job).spec === (to as Job).spec) return [];
    return [`${obj.metadata?.namespace ?? 'default'}/${obj.metadata?.name ?? ''}`];
  },
};

export const jobController: Controller = {
  name: JOB_CONTROLLER,
  component: 'kube-controller-manager',
  watches: [selfWatch, watchOwned('Pod', 'Job')],
  reconcile(key, ctx) {
    const { namespace, name } = splitNameKey(key);
    const job = ctx.store.get('Job', namespace, name);
    if (!job) {
      const bk = `${BACKOFF_PREFIX}${namespace}/${name}`;
      if (ctx.store.getRuntime(bk) !== undefined) ctx.store.setRuntime(bk, undefined);
      return;
    }
    syncJob(ctx, job);
  },
};
