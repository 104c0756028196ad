/**
 * Pod spec defaulting (core/v1 SetDefaults_PodSpec, _Container, _Probe, _HTTPGetAction and the declarative
 * port protocol default) and ValidatePodSpec, shared by Pods and every PodTemplateSpec.
 */
import { parseQuantity } from '../quantity';
import type { Container, PodSpec, PodTemplateSpec, Probe, Toleration } from '../types';
import type { Errors } from './validation';
import {
  duplicate,
  forbidden,
  inclusiveRangeError,
  invalidErr,
  isDNS1123Label,
  isDNS1123Subdomain,
  isLabelValue,
  isQualifiedName,
  isValidPortName,
  isValidPortNum,
  nonNegative,
  notSupported,
  required,
  str,
  validateAnnotations,
  validateLabels,
  validatePortNumOrName,
  validateQuantity,
} from './validation';

// ---------------------------------------------------------------------------------------------------------
// Defaults.

/** The tag of an image reference: "latest" when there is neither a tag nor a digest. */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const colon = name.lastIndexOf(':');
  const tag = colon > name.lastIndexOf('/') ? name.slice(colon + 1) : '';
  if (tag) return tag;
  return at >= 0 ? '' : 'latest';
}

export function defaultProbe(p: Probe | undefined): Probe | undefined {
  if (!p) return p;
  const out: Probe = {
    ...p,
    timeoutSeconds: p.timeoutSeconds || 1,
    periodSeconds: p.periodSeconds || 10,
    successThreshold: p.successThreshold || 1,
    failureThreshold: p.failureThreshold || 3,
  };
  if (p.httpGet)
    out.httpGet = { ...p.httpGet, path: p.httpGet.path || '/', scheme: p.httpGet.scheme || 'HTTP' };
  return out;
}

export function defaultContainer(c: Container): Container {
  const out: Container = {
    ...c,
    imagePullPolicy: c.imagePullPolicy || (imageTag(str(c.image)) === 'latest' ? 'Always' : 'IfNotPresent'),
    terminationMessagePath: c.terminationMessagePath || '/dev/termination-log',
    terminationMessagePolicy: c.terminationMessagePolicy || 'File',
  };
  if (Array.isArray(c.ports)) out.ports = c.ports.map((p) => ({ ...p, protocol: p.protocol || 'TCP' }));
  for (const k of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const p = defaultProbe(c[k]);
    if (p) out[k] = p;
  }
  return out;
}

export function defaultPodSpec(spec: PodSpec | undefined): PodSpec {
  const s: Partial<PodSpec> = spec ?? {};
  const out = {
    ...s,
    restartPolicy: s.restartPolicy || 'Always',
    dnsPolicy: s.dnsPolicy || 'ClusterFirst',
    schedulerName: s.schedulerName || 'default-scheduler',
    terminationGracePeriodSeconds: s.terminationGracePeriodSeconds ?? 30,
    securityContext: s.securityContext ?? {},
    containers: Array.isArray(s.containers)
      ? s.containers.map(defaultContainer)
      : (s.containers as unknown as Container[]),
  } as PodSpec;
  if (Array.isArray(s.initContainers)) out.initContainers = s.initContainers.map(defaultContainer);
  return out;
}

export function defaultPodTemplate(t: PodTemplateSpec | undefined): PodTemplateSpec {
  return { ...t, spec: defaultPodSpec(t?.spec) };
}

// ---------------------------------------------------------------------------------------------------------
// Validation.

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const SCHEMES = ['HTTP', 'HTTPS'];

export function validateDNS1123Label(v: string, field: string): Errors {
  return isDNS1123Label(v).map((m) => invalidErr(field, v, m));
}

function validateProbe(p: Probe | undefined, field: string): Errors {
  if (!p) return [];
  const errs: Errors = [];
  const handlers = (['exec', 'httpGet', 'tcpSocket', 'grpc'] as const).filter((h) => p[h] !== undefined);
  if (handlers.length === 0) errs.push(required(field, 'must specify a handler type'));
  for (const h of handlers.slice(1))
    errs.push(forbidden(`${field}.${h}`, 'may not specify more than 1 handler type'));
  if (p.httpGet) {
    errs.push(...validatePortNumOrName(p.httpGet.port, `${field}.httpGet.port`));
    if (!p.httpGet.path) errs.push(required(`${field}.httpGet.path`));
    if (p.httpGet.scheme && !SCHEMES.includes(p.httpGet.scheme)) {
      errs.push(notSupported(`${field}.httpGet.scheme`, p.httpGet.scheme, SCHEMES));
    }
  }
  if (p.tcpSocket) errs.push(...validatePortNumOrName(p.tcpSocket.port, `${field}.tcpSocket.port`));
  if (p.grpc)
    errs.push(...isValidPortNum(p.grpc.port).map((m) => invalidErr(`${field}.grpc.port`, p.grpc?.port, m)));
  if (p.exec && !(p.exec.command ?? []).length) errs.push(required(`${field}.exec.command`));
  for (const k of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ] as const) {
    errs.push(...nonNegative(p[k], `${field}.${k}`));
  }
  if (p.terminationGracePeriodSeconds !== undefined && p.terminationGracePeriodSeconds <= 0) {
    errs.push(
      invalidErr(
        `${field}.terminationGracePeriodSeconds`,
        p.terminationGracePeriodSeconds,
        'must be greater than 0',
      ),
    );
  }
  return errs;
}

function validateResources(c: Container, field: string, checkRatio: boolean): Errors {
  const errs: Errors = [];
  const limits = c.resources?.limits ?? {};
  const requests = c.resources?.requests ?? {};
  for (const [k, q] of Object.entries(limits)) errs.push(...validateQuantity(q, `${field}.limits[${k}]`));
  for (const [k, q] of Object.entries(requests)) {
    const path = `${field}.requests[${k}]`;
    const qe = validateQuantity(q, path);
    errs.push(...qe);
    const lim = limits[k];
    if (!checkRatio || qe.length || lim === undefined) continue;
    const rv = parseQuantity(q);
    const lv = parseQuantity(lim);
    if (rv !== undefined && lv !== undefined && rv > lv) {
      errs.push(invalidErr(path, String(q), `must be less than or equal to ${k} limit of ${String(lim)}`));
    }
  }
  return errs;
}

function validateContainer(c: Container, field: string, allNames: Set<string>): Errors {
  const errs: Errors = [];
  const name = str(c.name);
  if (!name) errs.push(required(`${field}.name`));
  else errs.push(...validateDNS1123Label(name, `${field}.name`));
  if (name && allNames.has(name)) errs.push(duplicate(`${field}.name`, name));
  allNames.add(name);
  if (!str(c.image)) errs.push(required(`${field}.image`));
  if (c.imagePullPolicy === undefined || c.imagePullPolicy === '')
    errs.push(required(`${field}.imagePullPolicy`));
  else if (!PULL_POLICIES.includes(c.imagePullPolicy))
    errs.push(notSupported(`${field}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
  if (c.terminationMessagePolicy && !MESSAGE_POLICIES.includes(c.terminationMessagePolicy)) {
    errs.push(
      notSupported(`${field}.terminationMessagePolicy`, c.terminationMessagePolicy, MESSAGE_POLICIES),
    );
  }
  const portNames = new Set<string>();
  (c.ports ?? []).forEach((p, i) => {
    const pp = `${field}.ports[${i}]`;
    if (p.name) {
      const msgs = isValidPortName(p.name);
      if (msgs.length) for (const m of msgs) errs.push(invalidErr(`${pp}.name`, p.name, m));
      else if (portNames.has(p.name)) errs.push(duplicate(`${pp}.name`, p.name));
      else portNames.add(p.name);
    }
    if (!p.containerPort) errs.push(required(`${pp}.containerPort`));
    else
      for (const m of isValidPortNum(p.containerPort))
        errs.push(invalidErr(`${pp}.containerPort`, p.containerPort, m));
    if (p.hostPort)
      for (const m of isValidPortNum(p.hostPort)) errs.push(invalidErr(`${pp}.hostPort`, p.hostPort, m));
    if (!p.protocol) errs.push(required(`${pp}.protocol`));
    else if (!PROTOCOLS.includes(p.protocol))
      errs.push(notSupported(`${pp}.protocol`, p.protocol, PROTOCOLS));
  });
  errs.push(...validateProbe(c.livenessProbe, `${field}.livenessProbe`));
  errs.push(...validateProbe(c.readinessProbe, `${field}.readinessProbe`));
  errs.push(...validateProbe(c.startupProbe, `${field}.startupProbe`));
  if (c.livenessProbe && c.livenessProbe.successThreshold !== 1) {
    errs.push(
      invalidErr(`${field}.livenessProbe.successThreshold`, c.livenessProbe.successThreshold, 'must be 1'),
    );
  }
  if (c.startupProbe && c.startupProbe.successThreshold !== 1) {
    errs.push(
      invalidErr(`${field}.startupProbe.successThreshold`, c.startupProbe.successThreshold, 'must be 1'),
    );
  }
  errs.push(...validateResources(c, `${field}.resources`, true));
  return errs;
}

export function validateTolerations(tolerations: readonly Toleration[] | undefined, field: string): Errors {
  const errs: Errors = [];
  (tolerations ?? []).forEach((t, i) => {
    const p = `${field}[${i}]`;
    const key = str(t.key);
    if (key) for (const m of isQualifiedName(key)) errs.push(invalidErr(`${p}.key`, key, m));
    if (!key && t.operator !== 'Exists') {
      errs.push(
        invalidErr(
          `${p}.operator`,
          t.operator ?? '',
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
      errs.push(
        invalidErr(
          `${p}.effect`,
          t.effect ?? '',
          "effect must be 'NoExecute' when `tolerationSeconds` is set",
        ),
      );
    }
    switch (t.operator) {
      case 'Equal':
      case '':
      case undefined: {
        const msgs = isLabelValue(str(t.value));
        if (msgs.length) errs.push(invalidErr(`${p}.operator`, str(t.value), msgs.join(';')));
        break;
      }
      case 'Exists':
        if (t.value)
          errs.push(invalidErr(`${p}.operator`, t, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(`${p}.operator`, t.operator, ['Equal', 'Exists']));
    }
    if (t.effect && !TAINT_EFFECTS.includes(t.effect))
      errs.push(notSupported(`${p}.effect`, t.effect, TAINT_EFFECTS));
  });
  return errs;
}

/** ValidatePodSpec: the rules the simulator's learners can meet. */
export function validatePodSpec(spec: PodSpec | undefined, field: string): Errors {
  const errs: Errors = [];
  if (!spec) return [required(field)];
  const names = new Set<string>();
  if (!Array.isArray(spec.containers) || spec.containers.length === 0)
    errs.push(required(`${field}.containers`));
  else
    spec.containers.forEach((c, i) => errs.push(...validateContainer(c, `${field}.containers[${i}]`, names)));
  (spec.initContainers ?? []).forEach((c, i) =>
    errs.push(...validateContainer(c, `${field}.initContainers[${i}]`, names)),
  );
  if (!spec.restartPolicy) errs.push(required(`${field}.restartPolicy`));
  else if (!RESTART_POLICIES.includes(spec.restartPolicy)) {
    errs.push(notSupported(`${field}.restartPolicy`, spec.restartPolicy, RESTART_POLICIES));
  }
  if (!spec.dnsPolicy) errs.push(required(`${field}.dnsPolicy`));
  else if (!DNS_POLICIES.includes(spec.dnsPolicy))
    errs.push(notSupported(`${field}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES));
  errs.push(...validateLabels(spec.nodeSelector, `${field}.nodeSelector`));
  if (spec.nodeName)
    for (const m of isDNS1123Subdomain(spec.nodeName))
      errs.push(invalidErr(`${field}.nodeName`, spec.nodeName, m));
  errs.push(...validateTolerations(spec.tolerations, `${field}.tolerations`));
  errs.push(...nonNegative(spec.terminationGracePeriodSeconds, `${field}.terminationGracePeriodSeconds`));
  const ads = spec.activeDeadlineSeconds;
  if (ads !== undefined && (ads < 1 || ads > 2147483647)) {
    errs.push(invalidErr(`${field}.activeDeadlineSeconds`, ads, inclusiveRangeError(1, 2147483647)));
  }
  if (spec.serviceAccountName) {
    for (const m of isDNS1123Subdomain(spec.serviceAccountName))
      errs.push(invalidErr(`${field}.serviceAccountName`, spec.serviceAccountName, m));
  }
  if (spec.priorityClassName) {
    for (const m of isDNS1123Subdomain(spec.priorityClassName))
      errs.push(invalidErr(`${field}.priorityClassName`, spec.priorityClassName, m));
  }
  return errs;
}

/** ValidatePodTemplateSpec: template labels and annotations (at `<field>.labels`, as Kubernetes names them) and the spec. */
export function validatePodTemplateSpec(t: PodTemplateSpec | undefined, field: string): Errors {
  if (!t) return [required(field)];
  return [
    ...validateLabels(t.metadata?.labels, `${field}.labels`),
    ...validateAnnotations(t.metadata?.annotations, `${field}.annotations`),
    ...validatePodSpec(t.spec, `${field}.spec`),
  ];
}
