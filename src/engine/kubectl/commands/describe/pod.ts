/** kubectl describe pod (describePod). */
import { controllerOf } from '../../../api/meta';
import { qosClass } from '../../../api/qos';
import type { Pod } from '../../../api/types';
import { describeContainers, describeVolumes } from './containers';
import { describeEvents } from './events';
import { rfc1123z } from './format';
import { since } from '../../duration';
import type { DescribeContext } from './types';
import { PrefixWriter, printAnnotations, printLabels, printTolerations } from './writer';

/** The pod's QoS class: status.qosClass, set by the API server at create (kept for old objects). */
export const podQOS = (pod: Pod): string => pod.status?.qosClass ?? qosClass(pod);

export function describePod(pod: Pod, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec = pod.spec;
  const status = pod.status;
  const meta = pod.metadata ?? {};
  w.write(0, `Name:\t${meta.name ?? ''}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ''}\n`);
  if (spec?.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec?.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec?.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec?.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, spec?.nodeName ? `Node:\t${spec.nodeName}/${status?.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status?.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  printLabels(w, 'Labels', meta.labels);
  printAnnotations(w, 'Annotations', meta.annotations);
  // A pod the API server accepted is Pending until something says otherwise.
  const phase = status?.phase || 'Pending';
  if (meta.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, ctx.now)})\n`);
    w.write(0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else w.write(0, `Status:\t${phase}\n`);
  if (status?.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status?.message) w.write(0, `Message:\t${status.message}\n`);
  w.write(0, `IP:\t${status?.podIP ?? ''}\n`);
  if (status?.podIPs?.length) {
    w.write(0, 'IPs:\n');
    for (const ip of status.podIPs) w.write(1, `IP:\t${ip.ip}\n`);
  } else w.write(0, 'IPs:\t<none>\n');
  const owner = controllerOf(pod);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  if (status?.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if (spec?.initContainers?.length) {
    describeContainers(w, 'Init Containers', spec.initContainers, status?.initContainerStatuses ?? []);
  }
  describeContainers(w, 'Containers', spec?.containers ?? [], status?.containerStatuses ?? []);
  if (spec?.readinessGates?.length) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec.readinessGates) {
      const c = status?.conditions?.find((x) => x.type === g.conditionType);
      w.write(1, `${g.conditionType} \t${c?.status ?? '<none>'} \n`);
    }
  }
  if (status?.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec?.volumes);
  w.write(0, `QoS Class:\t${podQOS(pod)}\n`);
  printLabels(w, 'Node-Selectors', spec?.nodeSelector);
  printTolerations(w, 'Tolerations', spec?.tolerations);
  if (ctx.showEvents) describeEvents(w, ctx.events(pod), ctx.now);
  return w.toString();
}
