/** kubectl describe namespace (describeNamespace, DescribeResourceQuotas) and configmap. */
import type { ConfigMap, Namespace } from '../../../api/types';
import { describeEvents } from './events';
import { canonicalQuantity, rfc1123z } from './format';
import type { DescribeContext } from './types';
import { compare, PrefixWriter, printAnnotations, printLabels } from './writer';

export function describeNamespace(ns: Namespace, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const name = ns.metadata?.name ?? '';
  w.write(0, `Name:\t${name}\n`);
  printLabels(w, 'Labels', ns.metadata?.labels);
  printAnnotations(w, 'Annotations', ns.metadata?.annotations);
  w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`);
  if (ns.status?.conditions?.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t------------------\t------\t-------\n');
    for (const c of ns.status.conditions) {
      w.write(
        1,
        `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`,
      );
    }
  }
  w.write(0, '\n');
  const quotas = ctx.store
    .list('ResourceQuota', name)
    .sort((a, b) => compare(a.metadata?.name ?? '', b.metadata?.name ?? ''));
  if (quotas.length === 0) w.write(0, 'No resource quota.\n');
  else {
    w.write(0, 'Resource Quotas\n');
    for (const rq of quotas) {
      w.write(1, `Name:\t${rq.metadata?.name ?? ''}\n`);
      if (rq.spec?.scopes?.length) w.write(1, `Scopes:\t${[...rq.spec.scopes].sort(compare).join(', ')}\n`);
      w.write(1, 'Resource\tUsed\tHard\n');
      w.write(1, '--------\t---\t---\n');
      const hard = rq.status?.hard ?? {};
      for (const r of Object.keys(hard).sort(compare)) {
        w.write(
          1,
          `${r}\t${canonicalQuantity(rq.status?.used?.[r] ?? '0')}\t${canonicalQuantity(hard[r])}\n`,
        );
      }
    }
  }
  w.write(0, '\n');
  w.write(0, 'No LimitRange resource.\n');
  return w.toString();
}

export function describeConfigMap(cm: ConfigMap, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${cm.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${cm.metadata?.namespace ?? ''}\n`);
  printLabels(w, 'Labels', cm.metadata?.labels);
  printAnnotations(w, 'Annotations', cm.metadata?.annotations);
  w.write(0, '\nData\n====\n');
  for (const k of Object.keys(cm.data ?? {}).sort(compare)) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${cm.data?.[k] ?? ''}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  for (const k of Object.keys(cm.binaryData ?? {}).sort(compare)) {
    const b64 = cm.binaryData?.[k] ?? '';
    const size = Math.floor((b64.replace(/=+$/, '').length * 3) / 4);
    w.write(0, `${k}: ${size} bytes\n`);
  }
  w.write(0, '\n');
  if (ctx.showEvents) describeEvents(w, ctx.events(cm), ctx.now);
  return w.toString();
}
