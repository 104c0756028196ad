/**
 * The kubelet's view of a pod's configuration sources (kubelet_pods.go makeEnvironmentVariables, the
 * configmap and secret volume plugins): the environment a container gets from env, envFrom and valueFrom
 * (ConfigMap and Secret keys, downward API fields), and which configMap/secret volumes cannot be set up.
 * Pure functions of the store. Left out: service link variables, resourceFieldRef, projected and
 * downwardAPI volumes, invalid variable names in envFrom (the real kubelet skips them with an event).
 */
import { decodeBase64, utf8String } from '../../api/base64';
import type { Store } from '../../api/store';
import type { ConfigMap, Container, Pod, Secret } from '../../api/types';

export interface EnvVarValue {
  readonly name: string;
  readonly value: string;
}

export type EnvResult = { readonly env: readonly EnvVarValue[] } | { readonly error: string };

function secretValue(secret: Secret, key: string): string | undefined {
  const v = secret.data?.[key];
  if (v === undefined) return undefined;
  const r = decodeBase64(v);
  return 'bytes' in r ? utf8String(r.bytes) : v;
}

/** ObjectFieldSelector values the downward API offers to env. */
function fieldValue(pod: Pod, path: string): string | undefined {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? pod.metadata?.labels : pod.metadata?.annotations)?.[m[2] ?? ''] ?? '';
  switch (path) {
    case 'metadata.name':
      return pod.metadata?.name ?? '';
    case 'metadata.namespace':
      return pod.metadata?.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata?.uid ?? '';
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.podIP':
      return pod.status?.podIP ?? '';
    case 'status.hostIP':
      return pod.status?.hostIP ?? '';
    default:
      return undefined;
  }
}

/** $(VAR) references to variables defined earlier; $$ escapes; unknown references stay as written. */
export function expandEnv(value: string, vars: ReadonlyMap<string, string>): string {
  return value.replace(/\$\$|\$\(([^)]*)\)/g, (whole, name: string | undefined) => {
    if (whole === '$$') return '$';
    return name !== undefined && vars.has(name) ? (vars.get(name) ?? '') : whole;
  });
}

/**
 * The environment of `container` in `pod` as the kubelet builds it: envFrom sources in order, then env
 * (later definitions win). A missing non-optional source or key is the error the container start reports.
 */
export function resolveEnv(store: Store, pod: Pod, container: Container): EnvResult {
  const ns = pod.metadata?.namespace ?? 'default';
  const vars = new Map<string, string>();
  const configMaps = new Map<string, ConfigMap>();
  const secrets = new Map<string, Secret>();
  const getConfigMap = (name: string) => {
    let cm = configMaps.get(name);
    if (!cm) {
      cm = store.get('ConfigMap', ns, name);
      if (cm) configMaps.set(name, cm);
    }
    return cm;
  };
  const getSecret = (name: string) => {
    let s = secrets.get(name);
    if (!s) {
      s = store.get('Secret', ns, name);
      if (s) secrets.set(name, s);
    }
    return s;
  };
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const name = from.configMapRef.name ?? '';
      const cm = getConfigMap(name);
      if (!cm) {
        if (from.configMapRef.optional === true) continue;
        return { error: `configmap "${name}" not found` };
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) vars.set(prefix + k, v);
    } else if (from.secretRef) {
      const name = from.secretRef.name ?? '';
      const s = getSecret(name);
      if (!s) {
        if (from.secretRef.optional === true) continue;
        return { error: `secret "${name}" not found` };
      }
      for (const k of Object.keys(s.data ?? {})) vars.set(prefix + k, secretValue(s, k) ?? '');
    }
  }
  for (const e of container.env ?? []) {
    const from = e.valueFrom;
    if (!from) {
      vars.set(e.name, expandEnv(e.value ?? '', vars));
      continue;
    }
    if (from.configMapKeyRef) {
      const { key, optional } = from.configMapKeyRef;
      const name = from.configMapKeyRef.name ?? '';
      const cm = getConfigMap(name);
      if (!cm) {
        if (optional === true) continue;
        return { error: `configmap "${name}" not found` };
      }
      const v = cm.data?.[key];
      if (v === undefined) {
        if (optional === true) continue;
        return { error: `couldn't find key ${key} in ConfigMap ${ns}/${name}` };
      }
      vars.set(e.name, v);
    } else if (from.secretKeyRef) {
      const { key, optional } = from.secretKeyRef;
      const name = from.secretKeyRef.name ?? '';
      const s = getSecret(name);
      if (!s) {
        if (optional === true) continue;
        return { error: `secret "${name}" not found` };
      }
      const v = secretValue(s, key);
      if (v === undefined) {
        if (optional === true) continue;
        return { error: `couldn't find key ${key} in Secret ${ns}/${name}` };
      }
      vars.set(e.name, v);
    } else if (from.fieldRef) {
      vars.set(e.name, fieldValue(pod, from.fieldRef.fieldPath) ?? '');
    }
  }
  return { env: [...vars].map(([name, value]) => ({ name, value })) };
}

/** What `kubectl exec <pod> -- env` would print for a container's own variables ("NAME=value" lines). */
export function containerEnvLines(store: Store, pod: Pod, containerName?: string): string[] | string {
  const c =
    containerName === undefined
      ? pod.spec?.containers[0]
      : pod.spec?.containers.find((x) => x.name === containerName);
  if (!c) return `container ${containerName ?? ''} not found in pod ${pod.metadata?.name ?? ''}`;
  const r = resolveEnv(store, pod, c);
  if ('error' in r) return r.error;
  return r.env.map((v) => `${v.name}=${v.value}`);
}

/** A configMap or secret volume that cannot be set up, with the kubelet's MountVolume.SetUp message. */
export interface VolumeProblem {
  readonly volume: string;
  readonly message: string;
}

/** The configMap and secret volumes of `pod` that cannot be mounted now (missing source or item key). */
export function volumeProblems(store: Store, pod: Pod): VolumeProblem[] {
  const ns = pod.metadata?.namespace ?? 'default';
  const out: VolumeProblem[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    const fail = (why: string) =>
      out.push({ volume: v.name, message: `MountVolume.SetUp failed for volume "${v.name}" : ${why}` });
    if (v.configMap) {
      const name = v.configMap.name ?? '';
      const cm = store.get('ConfigMap', ns, name);
      const optional = v.configMap.optional === true;
      if (!cm) {
        if (!optional) fail(`configmap "${name}" not found`);
        continue;
      }
      for (const item of v.configMap.items ?? []) {
        const has = cm.data?.[item.key] !== undefined || cm.binaryData?.[item.key] !== undefined;
        if (!has && !optional) {
          fail(`configmap references non-existent config key: ${item.key}`);
          break;
        }
      }
    } else if (v.secret) {
      const name = v.secret.secretName ?? '';
      const s = store.get('Secret', ns, name);
      const optional = v.secret.optional === true;
      if (!s) {
        if (!optional) fail(`secret "${name}" not found`);
        continue;
      }
      for (const item of v.secret.items ?? []) {
        if (s.data?.[item.key] === undefined && !optional) {
          fail(`references non-existent secret key: ${item.key}`);
          break;
        }
      }
    }
  }
  return out;
}

/** The ConfigMaps and Secrets a pod refers to (env, envFrom, volumes), for the kubelet's watch. */
export function referencesConfig(pod: Pod, kind: 'ConfigMap' | 'Secret', name: string): boolean {
  for (const v of pod.spec?.volumes ?? []) {
    if (kind === 'ConfigMap' && v.configMap?.name === name) return true;
    if (kind === 'Secret' && v.secret?.secretName === name) return true;
  }
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    for (const f of c.envFrom ?? []) {
      if (kind === 'ConfigMap' && f.configMapRef?.name === name) return true;
      if (kind === 'Secret' && f.secretRef?.name === name) return true;
    }
    for (const e of c.env ?? []) {
      if (kind === 'ConfigMap' && e.valueFrom?.configMapKeyRef?.name === name) return true;
      if (kind === 'Secret' && e.valueFrom?.secretKeyRef?.name === name) return true;
    }
  }
  return false;
}
