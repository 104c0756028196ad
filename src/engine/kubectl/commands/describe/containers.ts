/**
 * The container sections shared by pods and pod templates (describeContainers, describeStatus,
 * DescribeProbe, describeVolumes, DescribePodTemplate), level for level as kubectl writes them.
 */
import type { ContainerPort, ContainerState, PodTemplateSpec, Volume } from 'kubernetes-types/core/v1';
import type { Container, ContainerStatus, Probe } from '../../../api/types';
import { canonicalQuantity, rfc1123z } from './format';
import type { PrefixWriter } from './writer';
import { compare, printAnnotations, printLabels, printTolerations } from './writer';

function ports(list: readonly ContainerPort[] | undefined, host: boolean): string {
  return (list ?? [])
    .map((p) => {
      const s = `${host ? (p.hostPort ?? 0) : p.containerPort}/${p.protocol ?? 'TCP'}`;
      return p.name ? `${s} (${p.name})` : s;
    })
    .join(', ');
}

function describeResources(w: PrefixWriter, r: Container['resources'], level: number): void {
  for (const [title, list] of [
    ['Limits', r?.limits],
    ['Requests', r?.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort(compare);
    if (names.length) w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${canonicalQuantity(list?.[n])}\n`);
  }
}

function describeState(w: PrefixWriter, name: string, s: ContainerState | undefined): void {
  if (s?.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(s.running.startedAt)}\n`);
  } else if (s?.waiting) {
    w.write(2, `${name}:\tWaiting\n`);
    if (s.waiting.reason) w.write(3, `Reason:\t${s.waiting.reason}\n`);
  } else if (s?.terminated) {
    const t = s.terminated;
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode}\n`);
    if (t.signal) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else w.write(2, `${name}:\tWaiting\n`);
}

/** DescribeProbe: "http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3". */
export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const scheme = (p.httpGet.scheme ?? 'HTTP').toLowerCase();
    const host = p.httpGet.host ?? '';
    const port = String(p.httpGet.port);
    const hostPort = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
    return `http-get ${scheme}://${hostPort}${p.httpGet.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${String(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeEnv(w: PrefixWriter, c: Container): void {
  if (c.envFrom?.length) {
    w.write(2, 'Environment Variables from:\n');
    for (const e of c.envFrom) {
      const [from, ref] = e.configMapRef
        ? ['ConfigMap', e.configMapRef]
        : e.secretRef
          ? ['Secret', e.secretRef]
          : ['', undefined];
      const optional = ref?.optional === true;
      const what = e.prefix ? `${from} with prefix '${e.prefix}'` : from;
      w.write(3, `${ref?.name ?? ''}\t${what}\tOptional: ${optional}\n`);
    }
  }
  w.write(2, `Environment:${c.env?.length ? '' : '\t<none>'}\n`);
  for (const e of c.env ?? []) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '').split('\n').forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
    } else if (from.fieldRef) {
      w.write(3, `${e.name}:\t (${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath})\n`);
    } else if (from.resourceFieldRef) {
      w.write(3, `${e.name}:\t (${from.resourceFieldRef.resource})\n`);
    } else if (from.secretKeyRef) {
      const r = from.secretKeyRef;
      w.write(
        3,
        `${e.name}:\t<set to the key '${r.key}' in secret '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`,
      );
    } else if (from.configMapKeyRef) {
      const r = from.configMapKeyRef;
      w.write(
        3,
        `${e.name}:\t<set to the key '${r.key}' of config map '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`,
      );
    }
  }
}

function describeMounts(w: PrefixWriter, c: Container): void {
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => compare(a.mountPath, b.mountPath));
  w.write(2, `Mounts:${mounts.length ? '' : '\t<none>'}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
}

/** describeContainers: "Containers:" then each container; `statuses` undefined for a pod template. */
export function describeContainers(
  w: PrefixWriter,
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  space = '',
): void {
  w.write(0, `${space}${label}:${containers.length ? '' : ' <none>'}\n`);
  const byName = new Map((statuses ?? []).map((s) => [s.name, s] as const));
  for (const c of containers) {
    const st = byName.get(c.name);
    w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
    if (st) w.write(2, `Container ID:\t${st.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (st) w.write(2, `Image ID:\t${st.imageID}\n`);
    const p = ports(c.ports, false);
    w.write(2, p.includes(',') ? `Ports:\t${p}\n` : `Port:\t${p || '<none>'}\n`);
    const hp = ports(c.ports, true);
    w.write(2, hp.includes(',') ? `Host Ports:\t${hp}\n` : `Host Port:\t${hp || '<none>'}\n`);
    for (const [title, list] of [
      ['Command', c.command],
      ['Args', c.args],
    ] as const) {
      if (!list?.length) continue;
      w.write(2, `${title}:\n`);
      for (const a of list) for (const s of a.split('\n')) w.write(3, `${s}\n`);
    }
    if (st) {
      describeState(w, 'State', st.state);
      if (st.lastState?.terminated) describeState(w, 'Last State', st.lastState);
      w.write(2, `Ready:\t${st.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${st.restartCount}\n`);
    }
    describeResources(w, c.resources, 2);
    if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    describeEnv(w, c);
    describeMounts(w, c);
  }
}

/** describeVolumes for the volume sources the simulation uses; others print their source kind. */
export function describeVolumes(w: PrefixWriter, volumes: readonly Volume[] | undefined, space = ''): void {
  if (!volumes?.length) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space ? ' ' : ''}${v.name}:\n`);
    if (v.emptyDir) {
      const limit = v.emptyDir.sizeLimit ? canonicalQuantity(v.emptyDir.sizeLimit) : '<unset>';
      w.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n`);
      w.write(2, `Medium:\t${v.emptyDir.medium ?? ''}\n`);
      w.write(2, `SizeLimit:\t${limit}\n`);
    } else if (v.configMap) {
      w.write(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n`);
      w.write(2, `Name:\t${v.configMap.name ?? ''}\n`);
      w.write(2, `Optional:\t${v.configMap.optional === true}\n`);
    } else if (v.secret) {
      w.write(2, `Type:\tSecret (a volume populated by a Secret)\n`);
      w.write(2, `SecretName:\t${v.secret.secretName ?? ''}\n`);
      w.write(2, `Optional:\t${v.secret.optional === true}\n`);
    } else if (v.persistentVolumeClaim) {
      w.write(
        2,
        `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n`,
      );
      w.write(2, `ClaimName:\t${v.persistentVolumeClaim.claimName}\n`);
      w.write(2, `ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`);
    } else if (v.hostPath) {
      w.write(2, `Type:\tHostPath (bare host directory volume)\n`);
      w.write(2, `Path:\t${v.hostPath.path}\n`);
      w.write(2, `HostPathType:\t${v.hostPath.type || '<none>'}\n`);
    } else w.write(1, '<unknown>\n');
  }
}

/** DescribePodTemplate: the template's labels, annotations, containers, volumes and scheduling hints. */
export function describePodTemplate(w: PrefixWriter, t: PodTemplateSpec | undefined): void {
  w.write(0, 'Pod Template:\n');
  if (!t) {
    w.write(1, '<unset>');
    return;
  }
  printLabels(w, '  Labels', t.metadata?.labels);
  if (Object.keys(t.metadata?.annotations ?? {}).length) {
    printAnnotations(w, '  Annotations', t.metadata?.annotations);
  }
  const spec = t.spec;
  if (spec?.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec?.initContainers?.length)
    describeContainers(w, 'Init Containers', spec.initContainers, undefined, '  ');
  describeContainers(w, 'Containers', spec?.containers ?? [], undefined, '  ');
  describeVolumes(w, spec?.volumes, '  ');
  if (spec?.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabels(w, '  Node-Selectors', spec?.nodeSelector);
  printTolerations(w, '  Tolerations', spec?.tolerations);
}
