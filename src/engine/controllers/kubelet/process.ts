/**
 * The container runtime's process side for commands (CRI CreateContainer/StartContainer plus what runs
 * inside): the environment the kubelet gives a container, the argv Kubernetes composes, and the simulated
 * runtime that interprets shell scripts and known commands (./shell) in simulated time: their log lines,
 * their files, their exit. Exec probes and exec hooks run through the same interpreter.
 */
import type { Store } from '../../api/store';
import type { Container, Pod } from '../../api/types';
import { fnv32a } from '../../base/hash';
import { resolveEnv } from './config';
import type { ContainerRt, LogLine } from './runtime';
import { MAX_LOG_LINES } from './runtime';
import type { Volumes } from './shell/files';
import { FileSystem } from './shell/files';
import type { Launch, ImageDefaults } from './shell/images';
import { containerArgv, imageDefaults, launch } from './shell/images';
import type { ShellHost, ShellState } from './shell/interp';
import { initialState, runOnce, step } from './shell/interp';
import { ParseError, parseCached, programOf } from './shell/parse';

/** The kubernetes Service's address, as every pod's KUBERNETES_* variables carry it. */
const KUBERNETES_SERVICE_IP = '10.96.0.1';
const KUBE_DNS_IP = '10.96.0.10';

/** The environment a container's process sees: PATH, HOSTNAME, the kubernetes Service links, then env. */
export function processEnv(store: Store, pod: Pod, spec: Container): Map<string, string> {
  const env = new Map<string, string>([
    ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    ['HOSTNAME', pod.metadata?.name ?? ''],
    ['HOME', '/root'],
    ['KUBERNETES_SERVICE_HOST', KUBERNETES_SERVICE_IP],
    ['KUBERNETES_SERVICE_PORT', '443'],
    ['KUBERNETES_SERVICE_PORT_HTTPS', '443'],
    ['KUBERNETES_PORT', `tcp://${KUBERNETES_SERVICE_IP}:443`],
    ['KUBERNETES_PORT_443_TCP', `tcp://${KUBERNETES_SERVICE_IP}:443`],
    ['KUBERNETES_PORT_443_TCP_PROTO', 'tcp'],
    ['KUBERNETES_PORT_443_TCP_PORT', '443'],
    ['KUBERNETES_PORT_443_TCP_ADDR', KUBERNETES_SERVICE_IP],
  ]);
  const r = resolveEnv(store, pod, spec);
  if ('env' in r) for (const v of r.env) env.set(v.name, v.value);
  return env;
}

/** Cluster DNS as seen from a pod: Services by their short, namespaced or full names; outside names answer. */
export function resolveName(store: Store, namespace: string, name: string): string | undefined {
  const n = name.replace(/\.$/, '');
  if (!n) return undefined;
  const parts = n.split('.');
  let svc: string | undefined;
  let ns = namespace;
  if (n.endsWith('.svc.cluster.local') && parts.length === 5) [svc, ns] = [parts[0], parts[1] ?? ''];
  else if (n.endsWith('.cluster.local')) return undefined;
  else if (parts.length === 1) svc = parts[0];
  else if (parts.length === 3 && parts[2] === 'svc') [svc, ns] = [parts[0], parts[1] ?? ''];
  else if (parts.length === 2 && store.get('Namespace', undefined, parts[1] ?? ''))
    [svc, ns] = [parts[0], parts[1] ?? ''];
  if (svc === undefined) {
    // A name outside the cluster: the simulated world answers with a stable address.
    const h = fnv32a(n);
    return `93.184.${(h >>> 8) & 255}.${h & 255}`;
  }
  if (svc === 'kubernetes' && ns === 'default') return KUBERNETES_SERVICE_IP;
  if (svc === 'kube-dns' && ns === 'kube-system') return KUBE_DNS_IP;
  const s = store.get('Service', ns, svc ?? '');
  if (!s) return undefined;
  const ip = s.spec?.clusterIP;
  if (ip && ip !== 'None') return ip;
  // A headless Service answers with the address of a pod it selects.
  const sel = Object.entries(s.spec?.selector ?? {});
  if (!sel.length) return undefined;
  const pod = store
    .list('Pod', ns)
    .find((p) => p.status?.podIP && sel.every(([k, v]) => p.metadata?.labels?.[k] === v));
  return pod?.status?.podIP;
}

/** Everything a step of a container's script needs from the kubelet. */
export interface ProcessContext {
  readonly store: Store;
  readonly pod: Pod;
  readonly spec: Container;
  readonly now: number;
  readonly vols: Volumes | undefined;
}

export function defaultsOf(spec: Container): ImageDefaults | undefined {
  return imageDefaults(spec.image ?? '');
}

/** How this container's process runs, decided at its start. */
export function launchOf(store: Store, pod: Pod, spec: Container): Launch {
  const defaults = defaultsOf(spec);
  const env = processEnv(store, pod, spec);
  return launch(containerArgv(spec, defaults, env), defaults, !spec.command && !spec.args);
}

function host(pc: ProcessContext, fs: FileSystem, log: (t: string) => void, t = pc.now): ShellHost {
  const ns = pc.pod.metadata?.namespace ?? 'default';
  return {
    now: t,
    env: processEnv(pc.store, pc.pod, pc.spec),
    fs,
    flavour: defaultsOf(pc.spec)?.flavour ?? 'gnu',
    hostname: pc.pod.metadata?.name ?? '',
    resolve: (name) => resolveName(pc.store, ns, name),
    log,
  };
}

function fileSystem(pc: ProcessContext, c: Pick<ContainerRt, 'files'>): FileSystem {
  return new FileSystem(pc.store, pc.pod, pc.spec, c.files, pc.vols, defaultsOf(pc.spec)?.files ?? {});
}

/** The result of running a script until it pauses: the container's new facts and the pod's volumes. */
export interface ScriptStep {
  readonly sh: ShellState;
  readonly log: readonly LogLine[];
  readonly files: ContainerRt['files'];
  readonly vols: Volumes | undefined;
}

/** Run the container's script (or start it, with `sh` undefined) at `pc.now` until it pauses. */
export function runScript(
  pc: ProcessContext,
  c: ContainerRt,
  l: Extract<Launch, { k: 'script' }>,
  sh: ShellState | undefined,
): ScriptStep {
  const fs = fileSystem(pc, c);
  const log = [...(sh ? (c.log ?? []) : [])];
  const next = step(
    l.program,
    sh ?? initialState(l.args),
    host(pc, fs, (text) => log.push({ t: pc.now, text })),
  );
  return {
    sh: { ...next, wake: next.wake },
    log: log.length > MAX_LOG_LINES ? log.slice(log.length - MAX_LOG_LINES) : log,
    files: fs.changed ? fs.layer : c.files,
    vols: fs.changed ? fs.volumes : pc.vols,
  };
}

/** An exec probe's or hook's command, run once in the container: status and output, or unknown. */
export function runExec(
  pc: ProcessContext,
  c: ContainerRt,
  command: readonly string[],
): { status: number; output: string; seconds: number } | { unknown: string } {
  const l = launch(command, defaultsOf(pc.spec), false);
  if (l.k === 'app') return { unknown: command[0] ?? '' };
  const r = runOnce(
    l.program,
    l.args,
    host(pc, fileSystem(pc, c), () => {}),
  );
  if (r.unknown !== undefined) return { unknown: r.unknown };
  return { status: r.status, output: r.output, seconds: r.sleeps };
}

/** A program of the given script text, or a parse error (for tests and the docs). */
export function scriptProgram(text: string): ReturnType<typeof parseCached> {
  return parseCached(text);
}

export { ParseError, programOf };
