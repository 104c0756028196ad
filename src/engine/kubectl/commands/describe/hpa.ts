/** kubectl describe hpa (describeHorizontalPodAutoscalerV2). */
import type { HorizontalPodAutoscaler } from '../../../api/types';
import { describeEvents } from './events';
import { canonicalQuantity, rfc1123z } from './format';
import type { DescribeContext } from './types';
import { PrefixWriter, printAnnotations, printLabels } from './writer';

type Spec = NonNullable<HorizontalPodAutoscaler['spec']>;
type MetricSpec = NonNullable<Spec['metrics']>[number];
type Status = NonNullable<HorizontalPodAutoscaler['status']>;
type MetricStatus = NonNullable<Status['currentMetrics']>[number];

const q = (v: string | number | undefined): string => (v === undefined ? '<unknown>' : canonicalQuantity(v));

function describeMetric(w: PrefixWriter, m: MetricSpec, cur: MetricStatus | undefined): void {
  switch (m.type) {
    case 'Resource':
    case 'ContainerResource': {
      const src = m.type === 'Resource' ? m.resource : m.containerResource;
      const now = m.type === 'Resource' ? cur?.resource?.current : cur?.containerResource?.current;
      const name = src?.name ?? '';
      const container = m.containerResource?.container ?? '';
      w.write(
        1,
        m.type === 'Resource'
          ? `resource ${name} on pods`
          : `resource ${name} of container "${container}" on pods`,
      );
      if (src?.target.averageValue !== undefined) {
        w.write(
          0,
          `:\t${now?.averageValue === undefined ? '<unknown>' : q(now.averageValue)} / ${q(src.target.averageValue)}\n`,
        );
      } else {
        const current =
          now?.averageUtilization !== undefined
            ? `${now.averageUtilization}% (${q(now.averageValue)})`
            : '<unknown>';
        const target =
          src?.target.averageUtilization !== undefined ? `${src.target.averageUtilization}%` : '<auto>';
        w.write(1, `(as a percentage of request):\t${current} / ${target}\n`);
      }
      return;
    }
    case 'Pods': {
      const current = cur?.pods ? q(cur.pods.current.averageValue) : '<unknown>';
      w.write(1, `"${m.pods?.metric.name ?? ''}" on pods:\t${current} / ${q(m.pods?.target.averageValue)}\n`);
      return;
    }
    case 'Object': {
      const o = m.object;
      w.write(
        1,
        `"${o?.metric.name ?? ''}" on ${o?.describedObject.kind ?? ''}/${o?.describedObject.name ?? ''} `,
      );
      if (o?.target.type === 'AverageValue') {
        const current = cur?.object ? q(cur.object.current.averageValue) : '<unknown>';
        w.write(0, `(target average value):\t${current} / ${q(o.target.averageValue)}\n`);
      } else {
        const current = cur?.object ? q(cur.object.current.value) : '<unknown>';
        w.write(0, `(target value):\t${current} / ${q(o?.target.value)}\n`);
      }
      return;
    }
    case 'External': {
      const e = m.external;
      if (e?.target.averageValue !== undefined) {
        const v = cur?.external?.current.averageValue;
        w.write(
          1,
          `"${e.metric.name}" (target average value):\t${v === undefined ? '<unknown>' : q(v)} / ${q(e.target.averageValue)}\n`,
        );
      } else {
        const current = cur?.external ? q(cur.external.current.value) : '<unknown>';
        w.write(1, `"${e?.metric.name ?? ''}" (target value):\t${current} / ${q(e?.target.value)}\n`);
      }
      return;
    }
    default:
      w.write(1, `<unknown metric type "${m.type}">\n`);
  }
}

export function describeHPA(hpa: HorizontalPodAutoscaler, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec = hpa.spec;
  const st = hpa.status;
  w.write(0, `Name:\t${hpa.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${hpa.metadata?.namespace ?? ''}\n`);
  printLabels(w, 'Labels', hpa.metadata?.labels);
  printAnnotations(w, 'Annotations', hpa.metadata?.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(hpa.metadata?.creationTimestamp)}\n`);
  w.write(0, `Reference:\t${spec?.scaleTargetRef.kind ?? ''}/${spec?.scaleTargetRef.name ?? ''}\n`);
  w.write(0, 'Metrics:\t( current / target )\n');
  (spec?.metrics ?? []).forEach((m, i) => describeMetric(w, m, st?.currentMetrics?.[i]));
  w.write(0, `Min replicas:\t${spec?.minReplicas ?? '<unset>'}\n`);
  w.write(0, `Max replicas:\t${spec?.maxReplicas ?? 0}\n`);
  const b = spec?.behavior;
  if (b) {
    w.write(0, 'Behavior:\n');
    for (const [title, rules] of [
      ['Scale Up', b.scaleUp],
      ['Scale Down', b.scaleDown],
    ] as const) {
      if (!rules) continue;
      w.write(1, `${title}:\n`);
      if (rules.stabilizationWindowSeconds !== undefined) {
        w.write(2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
      }
      if (rules.policies?.length) {
        w.write(2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
        w.write(2, 'Policies:\n');
        for (const p of rules.policies) {
          w.write(3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
        }
      }
    }
  }
  w.write(0, `${spec?.scaleTargetRef.kind ?? ''} pods:\t`);
  w.write(0, `${st?.currentReplicas ?? 0} current / ${st?.desiredReplicas ?? 0} desired\n`);
  if (st?.conditions?.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tReason\tMessage\n');
    w.write(1, '----\t------\t------\t-------\n');
    for (const c of st.conditions)
      w.write(1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  if (ctx.showEvents) describeEvents(w, ctx.events(hpa), ctx.now);
  return w.toString();
}
