/**
 * Simulates kube-controller-manager's horizontal-pod-autoscaler (pkg/controller/podautoscaler): every 15 s each
 * HPA reads its target's scale, turns resource metrics from metrics-server into a proposal (./hpa/replicas.ts),
 * stabilises and limits it (./hpa/normalize.ts), writes the target's spec.replicas, and reports status,
 * conditions and events. Leaves out custom and external metrics (no adapter is installed), the AmbiguousSelector
 * check and the alpha per-direction tolerances. Its recommendation history lives in runtime `hpa/<ns>/<name>`.
 */
import type {
  HorizontalPodAutoscalerCondition,
  MetricSpec,
  MetricStatus,
  MetricValueStatus,
} from 'kubernetes-types/autoscaling/v2';
import { notFound } from '../api/errors';
import { selectorMatches, splitNameKey, timestamp } from '../api/meta';
import type { Store } from '../api/store';
import type { Deployment, HorizontalPodAutoscaler, Pod, ReplicaSet, StatefulSet } from '../api/types';
import { formatCpu } from '../api/quantity';
import { podMetrics } from '../api/metrics';
import type { PodMetricsSample } from '../api/metrics';
import type { Controller, ReconcileContext } from '../sim/controller';
import { watchSelf } from '../sim/controller';
import type { History, Normalized } from './hpa/normalize';
import { normalizeLegacy, normalizeWithBehavior, storeScaleEvent } from './hpa/normalize';
import { getRawResourceReplicas, getResourceReplicas, MetricError, milliValue } from './hpa/replicas';

export const HPA_CONTROLLER = 'horizontal-pod-autoscaler';
/** --horizontal-pod-autoscaler-sync-period. */
export const HPA_SYNC_SECONDS = 15;
export const HPA_RUNTIME_PREFIX = 'hpa/';

/** Runtime entry `hpa/<namespace>/<name>`: what the real controller keeps in memory between syncs. */
export interface HpaRt extends History {
  readonly uid: string;
  /** When the next sync is due (the work queue's fixed 15 s interval). */
  readonly nextSync: number;
}

export const hpaRuntimeKey = (namespace: string, name: string): string =>
  `${HPA_RUNTIME_PREFIX}${namespace}/${name}`;

type ScaleTarget = Deployment | ReplicaSet | StatefulSet;
type ScaleKind = 'Deployment' | 'ReplicaSet' | 'StatefulSet';
const SCALE_KINDS: Readonly<Record<string, ScaleKind>> = {
  'apps/Deployment': 'Deployment',
  'apps/ReplicaSet': 'ReplicaSet',
  'apps/StatefulSet': 'StatefulSet',
};

type ConditionType = 'AbleToScale' | 'ScalingActive' | 'ScalingLimited';

/** setConditionInList: update in place; lastTransitionTime changes only with the status. */
function setCondition(
  list: HorizontalPodAutoscalerCondition[],
  type: ConditionType,
  status: 'True' | 'False',
  reason: string,
  message: string,
  now: number,
): HorizontalPodAutoscalerCondition[] {
  const i = list.findIndex((c) => c.type === type);
  const prev = i >= 0 ? list[i] : undefined;
  const next: HorizontalPodAutoscalerCondition = {
    type,
    status,
    lastTransitionTime:
      prev && prev.status === status && prev.lastTransitionTime ? prev.lastTransitionTime : timestamp(now),
    reason,
    message,
  };
  return i >= 0 ? list.map((c, j) => (j === i ? next : c)) : [...list, next];
}

/** The scale subresource of a target: spec.replicas, status.replicas and the label selector. */
interface Scale {
  readonly kind: ScaleKind;
  readonly obj: ScaleTarget;
  readonly specReplicas: number;
}

function getScale(store: Store, hpa: HorizontalPodAutoscaler): Scale {
  const ref = hpa.spec?.scaleTargetRef;
  const apiVersion = ref?.apiVersion ?? '';
  const parts = apiVersion.split('/');
  if (parts.length > 2) throw new MetricError(`unexpected GroupVersion string: ${apiVersion}`);
  const group = parts.length === 2 ? (parts[0] ?? '') : '';
  const kind = SCALE_KINDS[`${group}/${ref?.kind ?? ''}`];
  if (!kind) throw new MetricError(`no matches for kind "${ref?.kind ?? ''}" in group "${group}"`);
  const obj = store.get(kind, hpa.metadata?.namespace, ref?.name ?? '');
  if (!obj) throw new MetricError(notFound(kind, ref?.name ?? '').message);
  return { kind, obj, specReplicas: obj.spec?.replicas ?? 1 };
}

/** Milli-units back to the quantity the API prints (NewMilliQuantity, DecimalSI). */
function milliQuantity(resource: string, milli: number): string {
  if (resource === 'cpu') return formatCpu(milli);
  if (milli % 1000 !== 0) return `${milli}m`;
  let v = milli / 1000;
  for (const suffix of ['', 'k', 'M', 'G', 'T']) {
    if (v % 1000 !== 0 || v === 0) return `${v}${suffix}`;
    v /= 1000;
  }
  return `${v}P`;
}

interface MetricResult {
  readonly replicas: number;
  readonly name: string;
  readonly status: MetricStatus;
}

interface MetricFailure {
  readonly reason: string;
  /** The error as the condition and the event print it. */
  readonly inner: string;
  /** The error as computeReplicasForMetrics aggregates it. */
  readonly outer: string;
}

/** computeReplicasForMetric for one metric spec. */
function computeMetric(
  spec: MetricSpec,
  specReplicas: number,
  pods: readonly Pod[],
  samples: readonly PodMetricsSample[],
  now: number,
): MetricResult | MetricFailure {
  const isContainer = spec.type === 'ContainerResource';
  if (spec.type === 'Resource' || isContainer) {
    const src = isContainer ? spec.containerResource : spec.resource;
    const resource = src?.name ?? '';
    const container = isContainer ? (spec.containerResource?.container ?? '') : '';
    const reason = isContainer ? 'FailedGetContainerResourceMetric' : 'FailedGetResourceMetric';
    const outerPrefix = isContainer
      ? `failed to get ${container} container metric value: `
      : `failed to get ${resource} resource metric value: `;
    const target = src?.target;
    try {
      let current: MetricValueStatus;
      let replicas: number;
      let name: string;
      if (target?.averageValue !== undefined) {
        let r;
        try {
          r = getRawResourceReplicas(
            specReplicas,
            milliValue(resource, target.averageValue),
            resource,
            pods,
            samples,
            container,
            now,
          );
        } catch (e) {
          if (e instanceof MetricError)
            throw new MetricError(`failed to get ${resource} usage: ${e.message}`);
          throw e;
        }
        replicas = r.replicas;
        current = { averageValue: milliQuantity(resource, r.rawAverage) };
        name = `${resource} resource`;
      } else if (target?.averageUtilization !== undefined) {
        let r;
        try {
          r = getResourceReplicas(
            specReplicas,
            target.averageUtilization,
            resource,
            pods,
            samples,
            container,
            now,
          );
        } catch (e) {
          if (e instanceof MetricError)
            throw new MetricError(`failed to get ${resource} utilization: ${e.message}`);
          throw e;
        }
        replicas = r.replicas;
        current = {
          averageUtilization: r.utilization ?? 0,
          averageValue: milliQuantity(resource, r.rawAverage),
        };
        name = isContainer
          ? `${resource} container resource utilization (percentage of request)`
          : `${resource} resource utilization (percentage of request)`;
      } else {
        throw new MetricError(
          'invalid resource metric source: neither an average utilization target nor an average value (usage) target was set',
        );
      }
      const status: MetricStatus = isContainer
        ? { type: 'ContainerResource', containerResource: { name: resource, container, current } }
        : { type: 'Resource', resource: { name: resource, current } };
      return { replicas, name, status };
    } catch (e) {
      if (!(e instanceof MetricError)) throw e;
      return { reason, inner: e.message, outer: outerPrefix + e.message };
    }
  }
  // No custom or external metrics adapter runs in the simulated cluster.
  const noApi = 'no custom metrics API (custom.metrics.k8s.io) registered';
  switch (spec.type) {
    case 'Pods': {
      const inner = `unable to get metric ${spec.pods?.metric.name ?? ''}: unable to fetch metrics from custom metrics API: ${noApi}`;
      return { reason: 'FailedGetPodsMetric', inner, outer: `failed to get pods metric value: ${inner}` };
    }
    case 'Object': {
      const inner = `unable to get metric ${spec.object?.metric.name ?? ''}: unable to fetch metrics from custom metrics API: ${noApi}`;
      return { reason: 'FailedGetObjectMetric', inner, outer: `failed to get object metric value: ${inner}` };
    }
    case 'External': {
      const n = spec.external?.metric.name ?? '';
      const inner = `unable to get external metric ${n}: no external metrics API (external.metrics.k8s.io) registered`;
      return {
        reason: 'FailedGetExternalMetric',
        inner,
        outer: `failed to get ${n} external metric: ${inner}`,
      };
    }
    default: {
      const inner = `unknown metric source type "${spec.type}"`;
      return { reason: 'InvalidMetricSourceType', inner, outer: inner };
    }
  }
}

function isFailure(r: MetricResult | MetricFailure): r is MetricFailure {
  return 'reason' in r;
}

/** The pods a target's selector picks, and metrics-server's samples of them. */
function podsAndSamples(
  store: Store,
  namespace: string,
  target: ScaleTarget,
): { pods: Pod[]; samples: PodMetricsSample[] } {
  const selector = target.spec?.selector;
  const pods = store
    .list('Pod', namespace)
    .filter((p) => selectorMatches(selector, p.metadata?.labels))
    .sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
  const samples: PodMetricsSample[] = [];
  for (const p of pods) {
    const s = podMetrics(store, namespace, p.metadata?.name ?? '');
    if (s) samples.push(s);
  }
  return { pods, samples };
}

/** The scale subresource's update: only spec.replicas changes. */
function writeReplicas(ctx: ReconcileContext, scale: Scale, replicas: number): void {
  const o = scale.obj;
  if (scale.kind === 'Deployment') {
    const d = o as Deployment;
    ctx.api.update('Deployment', {
      ...d,
      spec: { ...(d.spec as NonNullable<Deployment['spec']>), replicas },
    });
  } else if (scale.kind === 'ReplicaSet') {
    const rs = o as ReplicaSet;
    ctx.api.update('ReplicaSet', {
      ...rs,
      spec: { ...(rs.spec as NonNullable<ReplicaSet['spec']>), replicas },
    });
  } else {
    const ss = o as StatefulSet;
    ctx.api.update('StatefulSet', {
      ...ss,
      spec: { ...(ss.spec as NonNullable<StatefulSet['spec']>), replicas },
    });
  }
}

function statusEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** reconcileAutoscaler: one sync of one HPA. Returns the updated history. */
export function syncHpa(ctx: ReconcileContext, hpa: HorizontalPodAutoscaler, rt: HpaRt): HpaRt {
  const { api, now } = ctx;
  const namespace = hpa.metadata?.namespace ?? 'default';
  const source = { component: HPA_CONTROLLER };
  const oldStatus = hpa.status;
  let conditions = [...(hpa.status?.conditions ?? [])];
  const cond = (type: ConditionType, status: 'True' | 'False', reason: string, message: string) => {
    conditions = setCondition(conditions, type, status, reason, message, now);
  };
  const writeStatus = (status: NonNullable<HorizontalPodAutoscaler['status']>) => {
    if (statusEqual(oldStatus, status)) return;
    api.updateStatus('HorizontalPodAutoscaler', { ...hpa, status });
  };

  let scale: Scale;
  try {
    scale = getScale(ctx.store, hpa);
  } catch (e) {
    if (!(e instanceof MetricError)) throw e;
    api.recordEvent(hpa, 'Warning', 'FailedGetScale', e.message, source);
    cond(
      'AbleToScale',
      'False',
      'FailedGetScale',
      `the HPA controller was unable to get the target's current scale: ${e.message}`,
    );
    writeStatus({ ...hpa.status, desiredReplicas: hpa.status?.desiredReplicas ?? 0, conditions });
    return rt;
  }
  cond(
    'AbleToScale',
    'True',
    'SucceededGetScale',
    "the HPA controller was able to get the target's current scale",
  );
  const current = scale.specReplicas;
  let history: History = rt;
  if (rt.recommendations.length === 0) history = { ...rt, recommendations: [{ replicas: current, t: now }] };

  const spec = hpa.spec;
  const min = spec?.minReplicas ?? 1;
  const max = spec?.maxReplicas ?? 1;
  let desired = 0;
  let rescaleReason = '';
  let rescale = true;
  let metricStatuses: MetricStatus[] | undefined;

  if (current === 0 && min !== 0) {
    desired = 0;
    rescale = false;
    cond(
      'ScalingActive',
      'False',
      'ScalingDisabled',
      'scaling is disabled since the replica count of the target is zero',
    );
  } else if (current > max) {
    rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
    desired = max;
  } else if (current < min) {
    rescaleReason = 'Current number of replicas below Spec.MinReplicas';
    desired = min;
  } else {
    const metrics = spec?.metrics ?? [];
    const { pods, samples } = podsAndSamples(ctx.store, namespace, scale.obj);
    metricStatuses = metrics.map(() => ({ type: '' }));
    let proposal = 0;
    let metricName = '';
    let invalid = 0;
    let firstFailure: MetricFailure | undefined;
    metrics.forEach((m, i) => {
      const r = computeMetric(m, current, pods, samples, now);
      if (isFailure(r)) {
        api.recordEvent(hpa, 'Warning', r.reason, r.inner, source);
        if (!firstFailure) firstFailure = r;
        invalid++;
        return;
      }
      (metricStatuses as MetricStatus[])[i] = r.status;
      if (proposal === 0 || r.replicas > proposal) {
        proposal = r.replicas;
        metricName = r.name;
      }
    });
    if (firstFailure && (invalid >= metrics.length || proposal < current)) {
      cond(
        'ScalingActive',
        'False',
        firstFailure.reason,
        `the HPA was unable to compute the replica count: ${firstFailure.inner}`,
      );
      writeStatus({
        currentReplicas: current,
        desiredReplicas: hpa.status?.desiredReplicas ?? 0,
        ...(hpa.status?.lastScaleTime ? { lastScaleTime: hpa.status.lastScaleTime } : {}),
        currentMetrics: metricStatuses,
        conditions,
      });
      api.recordEvent(
        hpa,
        'Warning',
        'FailedComputeMetricsReplicas',
        `invalid metrics (${invalid} invalid out of ${metrics.length}), first error is: ${firstFailure.outer}`,
        source,
      );
      return { ...rt, ...history };
    }
    cond(
      'ScalingActive',
      'True',
      'ValidMetricFound',
      `the HPA was able to successfully calculate a replica count from ${metricName}`,
    );
    if (proposal > desired) desired = proposal;
    if (desired > current) rescaleReason = `${metricName} above target`;
    if (desired < current) rescaleReason = 'All metrics below target';
    const n: Normalized = spec?.behavior
      ? normalizeWithBehavior(spec.behavior, history, current, desired, min, max, now)
      : normalizeLegacy(history, current, desired, min, max, now);
    cond('AbleToScale', n.ableToScale.status, n.ableToScale.reason, n.ableToScale.message);
    cond('ScalingLimited', n.scalingLimited.status, n.scalingLimited.reason, n.scalingLimited.message);
    history = { ...history, recommendations: n.recommendations };
    desired = n.replicas;
    rescale = desired !== current;
  }

  let lastScaleTime = hpa.status?.lastScaleTime;
  if (rescale) {
    writeReplicas(ctx, scale, desired);
    cond(
      'AbleToScale',
      'True',
      'SucceededRescale',
      `the HPA controller was able to update the target scale to ${desired}`,
    );
    api.recordEvent(
      hpa,
      'Normal',
      'SuccessfulRescale',
      `New size: ${desired}; reason: ${rescaleReason}`,
      source,
    );
    if (spec?.behavior)
      history = { ...history, ...storeScaleEvent(spec.behavior, history, current, desired, now) };
    lastScaleTime = timestamp(now);
  } else {
    desired = current;
  }
  writeStatus({
    currentReplicas: current,
    desiredReplicas: desired,
    ...(lastScaleTime ? { lastScaleTime } : {}),
    ...(metricStatuses ? { currentMetrics: metricStatuses } : {}),
    conditions,
  });
  return { ...rt, ...history };
}

export const horizontalPodAutoscaler: Controller = {
  name: HPA_CONTROLLER,
  component: 'kube-controller-manager',
  watches: [watchSelf('HorizontalPodAutoscaler')],
  reconcile(key, ctx) {
    const { namespace, name } = splitNameKey(key);
    const rtKey = hpaRuntimeKey(namespace, name);
    const hpa = ctx.store.get('HorizontalPodAutoscaler', namespace, name);
    const rt = ctx.store.getRuntime<HpaRt>(rtKey);
    if (!hpa) {
      if (rt) ctx.store.setRuntime(rtKey, undefined);
      return;
    }
    const uid = hpa.metadata?.uid ?? '';
    if (!rt || rt.uid !== uid) {
      // A new HPA is first synced one period after it appears (the queue's fixed-interval rate limiter).
      const fresh: HpaRt = {
        uid,
        nextSync: ctx.now + HPA_SYNC_SECONDS,
        recommendations: [],
        scaleUpEvents: [],
        scaleDownEvents: [],
      };
      ctx.store.setRuntime(rtKey, fresh);
      ctx.requeueAfter(HPA_SYNC_SECONDS);
      return;
    }
    if (ctx.now < rt.nextSync) return;
    const next = syncHpa(ctx, hpa, rt);
    ctx.store.setRuntime<HpaRt>(rtKey, { ...next, nextSync: ctx.now + HPA_SYNC_SECONDS });
    ctx.requeueAfter(HPA_SYNC_SECONDS);
  },
};
