/**
 * The kubelet's pod worker (kubelet.go syncPod, kuberuntime_manager.go SyncPod, the image manager, the prober
 * and the status manager) for one pod: admit it, pull, start, probe, restart under CrashLoopBackOff, stop it
 * gracefully and confirm its deletion; configMap/secret volumes must mount first (FailedMount, retried with
 * the volume manager's back-off) and a container whose env source is missing waits in
 * CreateContainerConfigError. Left out: init and sidecar containers, other volume types, lifecycle hooks,
 * serialized image pulls across pods, eviction, resize, container definition changes.
 */
import { seconds, splitNameKey } from '../../api/meta';
import { bytes } from '../../api/quantity';
import type { PodStatus } from 'kubernetes-types/core/v1';
import type { Container, Node, Pod, Probe } from '../../api/types';
import { imageBehaviour } from '../../sim/config';
import type { ReconcileContext } from '../../sim/controller';
import { msg, pullErrorText } from './messages';
import type { AppWindow, ProbeKind } from './probes';
import {
  answers,
  hungAt,
  failureThreshold,
  initialProbe,
  nextProbeTick,
  PROBE_NAMES,
  probeFailure,
  probeOf,
  successThreshold,
} from './probes';
import type { BackoffEntry, ContainerRt, PodRt, ProbeState, Proc, Shown } from './runtime';
import {
  addImage,
  allocatePodIP,
  podRange,
  releasePodIP,
  imagePresent,
  nodeRt,
  normalizeImage,
  observeNode,
  podRuntimeKey,
} from './runtime';
import { hex64 } from '../../base/hash';
import { buildStatus, currentShown, samePlain } from './status';
import { resolveEnv, volumeProblems } from './config';
import { ApiError } from '../../api/errors';
import type { HttpPaths } from './app';
import { appStart, execInterpretable, httpChange, httpStatus, notReadyAt, notReadyChanges } from './app';
import type { ProcessContext } from './process';
import { defaultsOf, launchOf, runExec, runScript } from './process';
import { launch } from './shell/images';
import { invalidImageMessage } from './imageref';

/** Back-off of restarts and pulls (kubelet: 10 s doubling to MaxContainerBackOff 300 s; reset after 600 s). */
export const BACKOFF_INITIAL = 10;
export const BACKOFF_MAX = 300;
export const BACKOFF_RESET = 600;
/** A failure is reported as it is (Error, ErrImagePull) until the next pod sync shows the back-off. */
export const SYNC_AFTER_FAILURE = 1;
/** The pod worker's back-off after a failed sync (kubelet backOffPeriod): when a config error is retried. */
export const CONFIG_RETRY_SECONDS = 10;
/** The volume manager's exponential back-off: 500 ms doubling to 2m2s. */
export const MOUNT_RETRY_INITIAL = 0.5;
export const MOUNT_RETRY_MAX = 122;
/** The status manager's sync period: how soon a status write the API server refused is tried again. */
export const STATUS_RETRY_SECONDS = 10;
/** A process that gets SIGTERM exits this long after it. */
export const SIGTERM_EXIT_SECONDS = 1;
/** The kubelet gives a container at least this long between SIGTERM and SIGKILL after a preStop hook. */
export const MIN_GRACE_SECONDS = 2;
const MI = 2 ** 20;
const EPS = 1e-9;

type Mut<T> = { -readonly [K in keyof T]: T[K] };

interface PendingEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
}

/** A flowcontrol.Backoff Next(): restart the delay at 10 s when expired, else double it up to 300 s. */
export function nextBackoff(e: BackoffEntry | undefined, eventTime: number, now: number): BackoffEntry {
  if (!e || eventTime - e.at > BACKOFF_RESET) return { backoff: BACKOFF_INITIAL, at: now };
  return { backoff: Math.min(e.backoff * 2, BACKOFF_MAX), at: now };
}

function defaultPullPolicy(image: string): string {
  if (image.includes('@')) return 'IfNotPresent';
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  const tag = colon > slash ? image.slice(colon + 1) : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

export function podKeyOf(pod: Pod): string {
  return `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;
}

/** One due moment of a container: when, and what happens then. */
interface Due {
  readonly at: number;
  readonly act: () => void;
}

const NEVER: Due = { at: Infinity, act: () => {} };

/** One sync of one pod: a mutable draft of its runtime entry, the events it produces, and the writes. */
export class PodSync {
  readonly now: number;
  private readonly key: string;
  private readonly nodeName: string;
  private base: Mut<Omit<PodRt, 'containers'>>;
  private cs: Mut<ContainerRt>[];
  private readonly events: PendingEvent[] = [];
  private dirty = false;
  private statusDirty = false;

  constructor(
    private readonly ctx: ReconcileContext,
    private readonly pod: Pod,
    private readonly node: Node,
    private readonly boot: number,
    private readonly old: PodRt | undefined,
  ) {
    this.now = ctx.now;
    this.key = podKeyOf(pod);
    this.nodeName = node.metadata?.name ?? '';
    const { containers, ...base } = old ?? { containers: [], uid: '', node: '', boot, ip: '', admittedAt: 0 };
    this.base = { ...base };
    this.cs = containers.map((c) => ({ ...c }));
  }

  /** Everything one sync does. `action` (a fault) applies after due work, before the writes. */
  run(action?: (s: PodSync) => void): void {
    const deleting = this.pod.metadata?.deletionTimestamp !== undefined;
    if (!this.old) {
      if (deleting) return this.remove();
      const phase = this.pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return;
      this.admit();
    } else if (this.old.boot !== this.boot) {
      // The machine restarted under this pod: its processes are gone.
      if (deleting) return this.remove();
      this.reboot();
    }
    if (!deleting) this.retryConfigNow();
    this.advance();
    if (action) {
      action(this);
      this.advance();
    }
    if (deleting) {
      this.terminate();
      this.advance();
      if (this.cs.every((c) => c.proc.k !== 'run')) return this.finish();
    }
    this.commit();
  }

  // -------------------------------------------------------------------------------------------------------
  // Faults

  /** Every running process of the pod dies now with `exitCode`. */
  crash(exitCode: number): void {
    this.cs.forEach((c, i) => {
      if (c.proc.k === 'run') this.exit(i, this.now, exitCode, exitCode === 0 ? 'Completed' : 'Error');
    });
  }

  /** Every running app of the pod stops answering now. */
  hang(): void {
    for (const c of this.cs) {
      if (c.proc.k === 'run' && !(c.hungAt !== undefined && c.hungAt <= this.now)) {
        c.hungAt = this.now;
        this.dirty = true;
      }
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Lifecycle steps

  /** Runtime containers are the init containers (in order), then the app containers. */
  private spec(i: number): Container {
    const inits = this.pod.spec?.initContainers ?? [];
    return (i < inits.length ? inits[i] : this.pod.spec?.containers[i - inits.length]) as Container;
  }

  private get initCount(): number {
    return this.pod.spec?.initContainers?.length ?? 0;
  }

  private isInit(i: number): boolean {
    return i < this.initCount;
  }

  /** A restartable init container (restartPolicy Always): a sidecar that runs beside the app containers. */
  private isSidecar(i: number): boolean {
    return this.isInit(i) && this.spec(i).restartPolicy === 'Always';
  }

  /** The restart policy that applies to container i (init containers never restart after success). */
  private restartPolicy(i: number): string {
    const pod = this.pod.spec?.restartPolicy ?? 'Always';
    if (this.isSidecar(i)) return 'Always';
    if (this.isInit(i)) return pod === 'Never' ? 'Never' : 'OnFailure';
    return pod;
  }

  private behaviour(i: number): ReturnType<typeof imageBehaviour> {
    return imageBehaviour(this.ctx.config, this.spec(i).image ?? '');
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.events.push({ type, reason, message });
  }

  private admit(): void {
    const { store } = this.ctx;
    this.base = {
      uid: this.pod.metadata?.uid ?? '',
      node: this.nodeName,
      boot: this.boot,
      ip: allocatePodIP(store, this.nodeName, this.node.spec?.podCIDR, this.key) ?? '',
      admittedAt: this.now,
    };
    this.cs = [...(this.pod.spec?.initContainers ?? []), ...(this.pod.spec?.containers ?? [])].map((c) => ({
      name: c.name,
      proc: { k: 'idle' },
      restarts: 0,
      ran: false,
      started: false,
    }));
    this.dirty = this.statusDirty = true;
    if (this.sandboxFails(this.now)) return;
    if (this.mountFails(this.now)) return;
    if (this.cs.length) this.begin(0, this.now);
  }

  /**
   * RunPodSandbox: the CNI plugin needs an address from the node's pod CIDR. With the range exhausted the
   * sandbox fails (FailedCreatePodSandBox) and is tried again on a later sync; true while the pod waits.
   */
  private sandboxFails(t: number): boolean {
    if (this.base.ip) {
      if (this.base.sandbox) this.base.sandbox = undefined;
      return false;
    }
    const range = podRange(this.node.spec?.podCIDR);
    const id = hex64(`${this.base.uid}/sandbox/${t}`);
    this.event('Warning', 'FailedCreatePodSandBox', msg.sandboxNoIP(id, range.text));
    this.base.sandbox = { retry: t + CONFIG_RETRY_SECONDS };
    this.dirty = this.statusDirty = true;
    return true;
  }

  private retrySandbox(t: number): void {
    this.base.ip = allocatePodIP(this.ctx.store, this.nodeName, this.node.spec?.podCIDR, this.key) ?? '';
    if (this.sandboxFails(t) || this.mountFails(t)) return;
    if (this.cs.length && this.cs[0]?.proc.k === 'idle') this.begin(0, t);
  }

  /**
   * The volume manager: set up the pod's configMap and secret volumes. On failure a FailedMount event per
   * volume and the next attempt after the back-off; true while the pod must wait.
   */
  private mountFails(t: number): boolean {
    const problems = volumeProblems(this.ctx.store, this.pod);
    if (!problems.length) {
      if (this.base.mount) {
        this.base.mount = undefined;
        this.dirty = this.statusDirty = true;
      }
      return false;
    }
    for (const p of problems) this.event('Warning', 'FailedMount', p.message);
    const prev = this.base.mount?.backoff;
    const backoff = prev === undefined ? MOUNT_RETRY_INITIAL : Math.min(prev * 2, MOUNT_RETRY_MAX);
    this.base.mount = { retry: t + backoff, backoff };
    this.dirty = this.statusDirty = true;
    return true;
  }

  private retryMount(t: number): void {
    if (this.mountFails(t)) return;
    if (this.cs.length && this.cs[0]?.proc.k === 'idle') this.begin(0, t);
  }

  /** A sync that finds a missing source present again retries at once (the kubelet retries on every sync). */
  private retryConfigNow(): void {
    const m = this.base.mount;
    if (m && m.retry > this.now && !volumeProblems(this.ctx.store, this.pod).length) {
      this.base.mount = { ...m, retry: this.now };
    }
    this.cs.forEach((c, i) => {
      const p = c.proc;
      if (p.k !== 'configErr' || p.reason !== undefined || p.retry <= this.now) return;
      if (!('error' in resolveEnv(this.ctx.store, this.pod, this.spec(i)))) {
        c.proc = { ...p, retry: this.now };
        this.dirty = true;
      }
    });
  }

  private reboot(): void {
    const since = nodeRt(this.ctx.store, this.nodeName).downSince ?? this.now;
    this.base.boot = this.boot;
    this.base.wake = undefined;
    this.dirty = this.statusDirty = true;
    this.cs.forEach((c, i) => {
      const p = c.proc;
      // The kubelet's memory (back-off entries, probe results) is gone with the machine.
      c.crash = undefined;
      c.pullBackoff = undefined;
      if (p.k === 'run') {
        c.prev = c.last;
        c.last = {
          exitCode: 255,
          reason: 'Unknown',
          startedAt: p.start,
          finishedAt: Math.max(since, p.start),
          containerID: p.id,
        };
        this.resetProcess(c);
        c.proc = { k: 'exited' };
        if (this.restartPolicy(i) !== 'Never') this.begin(i, this.now);
      } else if (p.k === 'exited' && p.restartAt === undefined) {
        // Finished for good (restartPolicy): stays so.
      } else if (!this.base.mount && (i === 0 || this.cs[i - 1]?.proc.k !== 'idle')) {
        c.proc = { k: 'idle' };
        this.begin(i, this.now);
      }
    });
  }

  private resetProcess(c: Mut<ContainerRt>): void {
    c.started = false;
    c.probeFrom = undefined;
    c.hungAt = undefined;
    c.startup = c.liveness = c.readiness = undefined;
  }

  /** Get the image (per imagePullPolicy) and start the container; `show` is what the status shows meanwhile. */
  private begin(i: number, t: number, show?: Shown): void {
    const c = this.cs[i] as Mut<ContainerRt>;
    const image = this.spec(i).image ?? '';
    const ref = normalizeImage(image);
    const policy = this.spec(i).imagePullPolicy || defaultPullPolicy(image);
    this.dirty = this.statusDirty = true;
    // The image manager parses the reference first: a placeholder or malformed one never gets pulled.
    const invalid = invalidImageMessage(image);
    if (invalid !== undefined) {
      this.event('Warning', 'InspectFailed', invalid);
      this.event('Warning', 'Failed', 'Error: InvalidImageName');
      c.proc = {
        k: 'configErr',
        at: t,
        retry: t + CONFIG_RETRY_SECONDS,
        msg: invalid,
        reason: 'InvalidImageName',
      };
      this.chain(i, t);
      return;
    }
    if (policy !== 'Always' && imagePresent(this.ctx.store, this.nodeName, ref)) {
      this.event('Normal', 'Pulled', msg.present(image));
      this.startProcess(i, t);
      return;
    }
    if (policy === 'Never') {
      this.event('Warning', 'ErrImageNeverPull', msg.neverPull(image));
      c.proc = { k: 'stuck', reason: 'ErrImageNeverPull', msg: msg.neverPull(image) };
      this.chain(i, t);
      return;
    }
    const b = this.behaviour(i);
    this.event('Normal', 'Pulling', msg.pulling(image));
    c.proc = { k: 'pull', start: t, done: t + b.pullSeconds, fail: b.pullError === true, show };
  }

  private pullDone(i: number, t: number): void {
    const c = this.cs[i] as Mut<ContainerRt>;
    const p = c.proc;
    if (p.k !== 'pull') return;
    const image = this.spec(i).image ?? '';
    this.dirty = this.statusDirty = true;
    if (p.fail) {
      const err = pullErrorText(image);
      this.event('Warning', 'Failed', msg.failedPull(image, err));
      this.event('Warning', 'Failed', 'Error: ErrImagePull');
      c.pullBackoff = nextBackoff(c.pullBackoff, t, t);
      c.proc = { k: 'pullErr', at: t, retry: t + c.pullBackoff.backoff, msg: err, shown: false };
      this.chain(i, t);
      return;
    }
    addImage(this.ctx.store, this.nodeName, normalizeImage(image));
    this.event('Normal', 'Pulled', msg.pulled(image, t - p.start));
    this.startProcess(i, t);
  }

  private startProcess(i: number, t: number): void {
    const c = this.cs[i] as Mut<ContainerRt>;
    const spec = this.spec(i);
    // generateContainerConfig: the environment must resolve before the container can be created.
    const env = resolveEnv(this.ctx.store, this.pod, spec);
    if ('error' in env) {
      this.event('Warning', 'Failed', `Error: ${env.error}`);
      c.proc = { k: 'configErr', at: t, retry: t + CONFIG_RETRY_SECONDS, msg: env.error };
      this.dirty = this.statusDirty = true;
      this.chain(i, t);
      return;
    }
    if (c.ran) c.restarts++;
    c.ran = true;
    this.resetProcess(c);
    c.started = !spec.startupProbe;
    c.probeFrom = c.started ? t : undefined;
    if (spec.startupProbe) c.startup = initialProbe('startup');
    if (spec.livenessProbe) c.liveness = initialProbe('liveness');
    if (spec.readinessProbe) c.readiness = initialProbe('readiness');
    const id = `containerd://${hex64(`${this.base.uid}/${c.name}/${c.restarts}/${this.boot}`)}`;
    this.event('Normal', 'Created', msg.created(c.name));
    this.event('Normal', 'Started', msg.started(c.name));
    c.proc = { k: 'run', start: t, id };
    // The new container: a fresh writable layer; the last run's log becomes the previous one.
    const l = launchOf(this.ctx.store, this.pod, spec);
    c.prevLog = c.log;
    c.log = c.files = c.sh = c.preStopUntil = undefined;
    c.note = l.k === 'app' ? l.note : undefined;
    c.argv = l.k === 'script' ? l.argv : undefined;
    this.dirty = this.statusDirty = true;
    if (l.k === 'script') this.stepScript(i, t);
    this.chain(i, t);
  }

  /** Run the container's script at `t` until it sleeps, blocks or ends (then the container exits). */
  private stepScript(i: number, t: number): void {
    const c = this.cs[i] as Mut<ContainerRt>;
    if (c.proc.k !== 'run' || !c.argv) return;
    const l = launch(c.argv, defaultsOf(this.spec(i)), false);
    if (l.k !== 'script') return;
    const r = runScript(this.processContext(i, t), c, l, c.sh && { ...c.sh, wake: undefined });
    if (r.files !== c.files || r.vols !== this.base.vols) this.base.fsAt = t;
    c.sh = r.sh;
    c.log = r.log;
    c.files = r.files;
    this.base.vols = r.vols;
    this.dirty = true;
    if (r.sh.blocked?.note) c.note = r.sh.blocked.note;
    if (r.sh.exited !== undefined) {
      const code = r.sh.exited;
      this.exit(i, t, code, code === 0 ? 'Completed' : 'Error');
    }
  }

  private processContext(i: number, t: number): ProcessContext {
    return { store: this.ctx.store, pod: this.pod, spec: this.spec(i), now: t, vols: this.base.vols };
  }

  /**
   * The kubelet starts a pod's containers in order: an init container after the one before it has
   * succeeded (a sidecar: once it has started), the app containers once every init container is done.
   */
  private chain(i: number, t: number): void {
    if (this.base.term) return;
    const c = this.cs[i] as ContainerRt;
    if (this.isInit(i)) {
      const done = this.isSidecar(i)
        ? c.proc.k === 'run' && c.started
        : c.proc.k === 'exited' && c.proc.restartAt === undefined && c.last?.exitCode === 0;
      if (!done) return;
    }
    const next = this.cs[i + 1];
    if (next && next.proc.k === 'idle') this.begin(i + 1, t);
  }

  /**
   * Sidecars stop after the app containers: once every app container has exited for good (a Job's pod,
   * or a pod being deleted), the kubelet kills the restartable init containers.
   */
  private stopSidecarsIfDone(t: number): void {
    const n = this.initCount;
    if (!n) return;
    const apps = this.cs.slice(n);
    const finished = (c: ContainerRt) => c.proc.k === 'exited' && c.proc.restartAt === undefined;
    const failedInit = this.cs.some(
      (c, i) => this.isInit(i) && !this.isSidecar(i) && finished(c) && (c.last?.exitCode ?? 0) !== 0,
    );
    const due = this.base.term
      ? apps.every((c) => c.proc.k === 'idle' || finished(c))
      : failedInit || (apps.length > 0 && apps.every(finished));
    if (!due) return;
    const grace = this.base.term
      ? this.base.term.deadline - t
      : (this.pod.spec?.terminationGracePeriodSeconds ?? 30);
    for (let i = n - 1; i >= 0; i--) {
      const c = this.cs[i] as ContainerRt;
      if (!this.isSidecar(i) || c.proc.k !== 'run' || c.proc.kill) continue;
      this.event('Normal', 'Killing', msg.stopping(c.name));
      this.kill(i, t, grace);
    }
  }

  private exit(i: number, t: number, exitCode: number, reason: string): void {
    const c = this.cs[i] as Mut<ContainerRt>;
    const p = c.proc;
    if (p.k !== 'run') return;
    c.prev = c.last;
    c.last = { exitCode, reason, startedAt: p.start, finishedAt: t, containerID: p.id };
    this.resetProcess(c);
    this.dirty = this.statusDirty = true;
    const policy = this.restartPolicy(i);
    const stopping = p.kill !== undefined && this.isSidecar(i) && !this.sidecarsRestart();
    if (this.base.term || stopping || policy === 'Never' || (policy === 'OnFailure' && exitCode === 0)) {
      c.proc = { k: 'exited' };
      this.chain(i, t);
      this.stopSidecarsIfDone(t);
      return;
    }
    const e = c.crash;
    // kubelet doBackOff: in back-off while now - finishedAt < backoff, unless the entry expired (reset rule).
    if (e && !(t - e.at > BACKOFF_RESET)) {
      const restartAt = t + e.backoff;
      const waitFrom = t + SYNC_AFTER_FAILURE < restartAt ? t + SYNC_AFTER_FAILURE : undefined;
      c.proc = { k: 'exited', restartAt, waitFrom, backoff: e.backoff, shown: false };
    } else {
      c.proc = { k: 'exited', restartAt: t };
    }
  }

  /** Sidecars restart while the app containers still run (not once they are being stopped). */
  private sidecarsRestart(): boolean {
    return this.cs
      .slice(this.initCount)
      .some((c) => !(c.proc.k === 'exited' && c.proc.restartAt === undefined));
  }

  private restart(i: number, t: number): void {
    const c = this.cs[i] as Mut<ContainerRt>;
    const show = currentShown(c, this.spec(i).image ?? '', this.pod);
    c.crash = nextBackoff(c.crash, c.last?.finishedAt ?? t, t);
    c.proc = { k: 'idle' };
    this.begin(i, t, show);
  }

  /**
   * killContainer: run the preStop hook (at most the grace period), then SIGTERM, then SIGKILL when the
   * rest of the grace period is over (at least 2 s after a hook, as the kubelet's minimum grace period).
   */
  private kill(i: number, t: number, grace: number): void {
    const c = this.cs[i] as Mut<ContainerRt>;
    const p = c.proc;
    if (p.k !== 'run') return;
    if (p.kill) {
      const deadline = Math.min(p.kill.deadline, Math.max(p.kill.at, t + Math.max(0, grace)));
      c.proc = { ...p, kill: { ...p.kill, deadline } };
    } else {
      const hook = grace > 0 ? this.preStop(i, t, grace) : 0;
      const at = t + hook;
      const deadline = hook > 0 ? at + Math.max(grace - hook, MIN_GRACE_SECONDS) : t + Math.max(0, grace);
      c.proc = { ...p, kill: { at, deadline } };
    }
    this.dirty = true;
  }

  /** Run the container's preStop hook at `t`: how long it takes (capped at the grace period). */
  private preStop(i: number, t: number, grace: number): number {
    const h = this.spec(i).lifecycle?.preStop;
    const c = this.cs[i] as Mut<ContainerRt>;
    if (!h) return 0;
    let seconds = 0;
    if (h.sleep) seconds = h.sleep.seconds;
    else if (h.exec) {
      const r = runExec(this.processContext(i, t), c, h.exec.command ?? []);
      if ('unknown' in r) seconds = 0;
      else {
        seconds = r.seconds;
        if (r.status !== 0) {
          const why = `command '${(h.exec.command ?? []).join(' ')}' exited with ${r.status}: ${r.output}`;
          this.event('Warning', 'FailedPreStopHook', msg.preStopFailed(c.name, this.pod, why));
        }
      }
    }
    const took = Math.min(seconds, grace);
    c.preStopUntil = t + took;
    return took;
  }

  /** deletionTimestamp: SIGTERM every process now, SIGKILL at the deadline; nothing restarts any more. */
  private terminate(): void {
    const deadline = Math.max(seconds(this.pod.metadata?.deletionTimestamp), this.now);
    const term = this.base.term;
    if (term && term.deadline <= deadline) return;
    this.base.term = { at: term?.at ?? this.now, deadline };
    this.dirty = true;
    this.cs.forEach((c, i) => {
      if (c.proc.k === 'run') {
        // Sidecars are stopped after the app containers have exited (stopSidecarsIfDone).
        if (this.isSidecar(i) && this.cs.slice(this.initCount).some((x) => x.proc.k === 'run')) {
          if (term && c.proc.kill) this.kill(i, this.now, deadline - this.now);
          return;
        }
        if (!term) this.event('Normal', 'Killing', msg.stopping(c.name));
        this.kill(i, this.now, deadline - this.now);
      } else if (!(c.proc.k === 'exited' && c.proc.restartAt === undefined)) {
        c.proc = { k: 'exited' };
        this.statusDirty = true;
      }
    });
    this.stopSidecarsIfDone(this.now);
  }

  // -------------------------------------------------------------------------------------------------------
  // Time

  /**
   * When the app answers. The image's own program answers from start + startupSeconds; a script answers
   * only once it hands over to a program that listens (a server, or one the runtime cannot interpret).
   */
  private window(i: number, start: number): AppWindow {
    const c = this.cs[i] as ContainerRt;
    const b = this.behaviour(i);
    const from = appStart(c, start);
    const hang = b.hangAfterSeconds !== undefined ? from + b.hangAfterSeconds : Infinity;
    const hungAt = Math.min(c.hungAt ?? Infinity, hang);
    const recoversAt = b.hangForSeconds !== undefined ? hungAt + b.hangForSeconds : undefined;
    return { answersFrom: from + b.startupSeconds, hungAt, recoversAt };
  }

  /** Seconds from SIGTERM to the process's exit, or undefined if it ignores SIGTERM (SIGKILL ends it). */
  private sigterm(i: number): { seconds: number; code: number } | undefined {
    const c = this.cs[i] as ContainerRt;
    if (c.sh && !c.sh.blocked?.listens) {
      // A shell as PID 1 has no default handler for SIGTERM: it ignores it unless the script traps it.
      return c.sh.onTerm === undefined ? undefined : { seconds: 0, code: c.sh.onTerm };
    }
    const s = this.behaviour(i).shutdownSeconds;
    return { seconds: s ?? SIGTERM_EXIT_SECONDS, code: 143 };
  }

  private oomAt(i: number, start: number): number {
    const limit = bytes(this.spec(i).resources?.limits?.memory);
    if (!limit) return Infinity;
    const b = this.behaviour(i);
    const base = (b.memoryMi ?? 0) * MI;
    if (base > limit) return start;
    const leakPerSecond = ((b.memoryLeakMiPerMinute ?? 0) * MI) / 60;
    return leakPerSecond > 0 ? start + (limit - base) / leakPerSecond : Infinity;
  }

  /** The earliest moment something happens to container i, and what. */
  private due(i: number): Due {
    const c = this.cs[i] as ContainerRt;
    const p: Proc = c.proc;
    switch (p.k) {
      case 'idle':
      case 'stuck':
        return NEVER;
      case 'configErr':
        return { at: p.retry, act: () => this.retryConfig(i, p.retry) };
      case 'pull':
        return { at: p.done, act: () => this.pullDone(i, p.done) };
      case 'pullErr':
        if (!p.shown && p.at + SYNC_AFTER_FAILURE < p.retry) {
          return { at: p.at + SYNC_AFTER_FAILURE, act: () => this.showPullBackOff(i) };
        }
        return { at: p.retry, act: () => this.retryPull(i, p.retry) };
      case 'exited':
        if (p.restartAt === undefined) return NEVER;
        if (!p.shown && p.waitFrom !== undefined) return { at: p.waitFrom, act: () => this.showCrashLoop(i) };
        return { at: p.restartAt, act: () => this.restart(i, p.restartAt ?? this.now) };
      case 'run':
        return this.dueRunning(i, c, p);
    }
  }

  private dueRunning(i: number, c: ContainerRt, p: Extract<Proc, { k: 'run' }>): Due {
    const b = this.behaviour(i);
    const w = this.window(i, p.start);
    let best: Due = NEVER;
    const consider = (at: number, act: () => void) => {
      if (at < best.at) best = { at, act };
    };
    if (p.kill) {
      const { at: termAt, deadline } = p.kill;
      const term = hungAt(w, termAt) ? undefined : this.sigterm(i);
      const graceful = term !== undefined && termAt + term.seconds <= deadline;
      const at = graceful ? termAt + term.seconds : deadline;
      const code = graceful ? term.code : 137;
      consider(at, () => this.exit(i, at, code, code === 0 ? 'Completed' : 'Error'));
    }
    const oom = this.oomAt(i, p.start);
    consider(oom, () => this.exit(i, oom, 137, 'OOMKilled'));
    const app = appStart(c, p.start);
    if (b.exitAfterSeconds !== undefined && Number.isFinite(app)) {
      const at = app + b.exitAfterSeconds;
      const code = b.exitCode ?? 0;
      consider(at, () => this.exit(i, at, code, code === 0 ? 'Completed' : 'Error'));
    }
    const wake = c.sh?.wake;
    if (wake !== undefined) consider(wake, () => this.stepScript(i, wake));
    if (p.kill || this.base.term) return best;
    const spec = this.spec(i);
    const kinds: ProbeKind[] = c.started ? ['liveness', 'readiness'] : ['startup'];
    for (const kind of kinds) {
      const probe = probeOf(spec, kind);
      const st = c[kind];
      if (!probe || !st) continue;
      // The worker ticks every period from its start (the pod's admission), probing once the container
      // has run initialDelaySeconds (prober/worker.go), so the first probe may come up to a period later.
      const from = Math.max(
        p.start + (probe.initialDelaySeconds ?? 0),
        kind === 'startup' ? p.start : (c.probeFrom ?? p.start),
      );
      const pw = this.probeWindow(i, kind, probe, w);
      const exec = probe.exec !== undefined && pw !== w;
      const at = nextProbeTick(
        st,
        probe,
        this.base.admittedAt,
        from,
        pw,
        exec ? (this.base.fsAt ?? -Infinity) : -Infinity,
      );
      consider(at, () => this.probe(i, kind, at));
    }
    return best;
  }

  private probe(i: number, kind: ProbeKind, t: number): void {
    const c = this.cs[i] as Mut<ContainerRt>;
    const spec = this.spec(i);
    const probe = probeOf(spec, kind);
    const st = c[kind];
    if (!probe || !st) return;
    this.dirty = true;
    let next: ProbeState;
    const failure = this.probeOutcome(i, kind, probe, t);
    if (failure === undefined) {
      const ok = st.ok + 1;
      next = { result: ok >= successThreshold(probe) ? 'success' : st.result, ok, fail: 0, last: t };
    } else {
      const text = failure;
      this.event('Warning', 'Unhealthy', `${PROBE_NAMES[kind]} probe failed: ${text}`);
      const fail = st.fail + 1;
      next = { result: fail >= failureThreshold(probe) ? 'failure' : st.result, ok: 0, fail, last: t };
    }
    c[kind] = next;
    if (next.result === st.result) return;
    this.statusDirty = true;
    if (kind === 'startup' && next.result === 'success') {
      c.started = true;
      c.probeFrom = t;
      this.chain(i, t);
    } else if (kind !== 'readiness' && next.result === 'failure') {
      this.event('Normal', 'Killing', msg.probeKill(c.name, kind));
      const grace = probe.terminationGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30;
      this.kill(i, t, grace);
    }
  }

  /**
   * The window a probe's outcome follows. An exec probe the runtime can interpret reads the container's
   * files, which change only when its script runs: its outcome holds until the script's next wake.
   */
  private probeWindow(i: number, kind: ProbeKind, probe: Probe, w: AppWindow): AppWindow {
    const c = this.cs[i] as ContainerRt;
    const p = c.proc;
    const start = p.k === 'run' ? p.start : this.now;
    if (probe.exec && execInterpretable(probe.exec.command ?? [], this.spec(i))) {
      return {
        answersFrom: start,
        hungAt: Math.min(w.hungAt, c.sh?.wake ?? Infinity),
        recoversAt: w.recoversAt,
      };
    }
    // An HTTP path or a not-ready window changes the answer at a known time after the app starts.
    const from = appStart(c, start);
    const b = this.behaviour(i);
    const changes = [
      probe.httpGet ? httpChange(b, this.builtinHttp(i), probe.httpGet.path || '/') : undefined,
      ...(kind === 'readiness' ? notReadyChanges(b) : []),
    ].filter((x): x is number => x !== undefined);
    // The answer holds until the next change after the probe last looked.
    const last = c[kind]?.last ?? -Infinity;
    const next = Math.min(...changes.map((x) => from + x).filter((x) => x > last));
    return Number.isFinite(next) ? { ...w, hungAt: Math.min(w.hungAt, next) } : w;
  }

  /** undefined when the probe succeeds at `t`, else the failure text the prober reports. */
  private probeOutcome(i: number, kind: ProbeKind, probe: Probe, t: number): string | undefined {
    const spec = this.spec(i);
    const c = this.cs[i] as ContainerRt;
    const p = c.proc;
    const start = p.k === 'run' ? p.start : t;
    const app = this.window(i, start);
    const hung = hungAt(app, t);
    if (probe.exec && !hung) {
      const r = runExec(this.processContext(i, t), c, probe.exec.command ?? []);
      if (!('unknown' in r)) return r.status === 0 ? undefined : r.output;
    }
    if (!answers(app, t)) return probeFailure(probe, spec, this.base.ip, hung);
    const b = this.behaviour(i);
    if (kind === 'readiness' && notReadyAt(b, t - appStart(c, start))) {
      return probe.httpGet ? 'HTTP probe failed with statuscode: 503' : probe.exec ? '' : undefined;
    }
    if (probe.httpGet) {
      const status = httpStatus(b, this.builtinHttp(i), probe.httpGet.path || '/', t - appStart(c, start));
      if (status < 200 || status >= 400) return `HTTP probe failed with statuscode: ${status}`;
    }
    return undefined;
  }

  /** HTTP paths the image's own program serves in a known way (agnhost liveness). */
  private builtinHttp(i: number): HttpPaths | undefined {
    const spec = this.spec(i);
    if (!defaultsOf(spec)) return undefined;
    const c = this.cs[i] as ContainerRt;
    if (c.sh) return undefined;
    const l = launchOf(this.ctx.store, this.pod, spec);
    return l.k === 'app' ? l.http : undefined;
  }

  private showPullBackOff(i: number): void {
    const c = this.cs[i] as Mut<ContainerRt>;
    if (c.proc.k !== 'pullErr') return;
    const image = this.spec(i).image ?? '';
    this.event('Normal', 'BackOff', msg.pullBackOff(image));
    this.event('Warning', 'Failed', 'Error: ImagePullBackOff');
    c.proc = { ...c.proc, shown: true };
    this.dirty = this.statusDirty = true;
  }

  private retryPull(i: number, t: number): void {
    const c = this.cs[i] as Mut<ContainerRt>;
    const show = currentShown(c, this.spec(i).image ?? '', this.pod);
    c.proc = { k: 'idle' };
    this.begin(i, t, show);
  }

  private retryConfig(i: number, t: number): void {
    const c = this.cs[i] as Mut<ContainerRt>;
    const show = currentShown(c, this.spec(i).image ?? '', this.pod);
    c.proc = { k: 'idle' };
    this.begin(i, t, show);
  }

  /** The pod-level due moment: the next volume set-up attempt. */
  private podDue(): Due {
    const sb = this.base.sandbox;
    if (sb && !this.base.term) return { at: sb.retry, act: () => this.retrySandbox(sb.retry) };
    const m = this.base.mount;
    if (!m || this.base.term) return NEVER;
    return { at: m.retry, act: () => this.retryMount(m.retry) };
  }

  private showCrashLoop(i: number): void {
    const c = this.cs[i] as Mut<ContainerRt>;
    if (c.proc.k !== 'exited') return;
    this.event('Warning', 'BackOff', msg.backOff(c.name, this.pod));
    c.proc = { ...c.proc, shown: true };
    this.dirty = this.statusDirty = true;
  }

  /** Apply every transition due by now, in time order (container order breaks ties). */
  private advance(): void {
    for (let guard = 0; ; guard++) {
      if (guard > 100_000) throw new Error(`kubelet: pod ${this.key} did not settle at t=${this.now}`);
      let best: Due = this.podDue();
      for (let i = 0; i < this.cs.length; i++) {
        const d = this.due(i);
        if (d.at < best.at) best = d;
      }
      if (best.at > this.now + EPS) return;
      best.act();
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Writes

  private runtime(): PodRt {
    return { ...this.base, containers: this.cs };
  }

  private emitEvents(): void {
    const source = { component: 'kubelet', host: this.nodeName };
    for (const e of this.events) this.ctx.api.recordEvent(this.pod, e.type, e.reason, e.message, source);
  }

  /** Processes are gone: the kubelet confirms the deletion (grace 0 removes the pod). */
  private remove(): void {
    const { namespace, name } = splitNameKey(this.key);
    if (this.apiDown()) return;
    this.emitEvents();
    this.ctx.api.delete('Pod', namespace, name, { gracePeriodSeconds: 0 });
    this.ctx.store.setRuntime(podRuntimeKey(this.key), undefined);
    if (this.old && !this.old.ipReleased)
      releasePodIP(this.ctx.store, this.nodeName, this.node.spec?.podCIDR, this.old.ip);
  }

  /** Every container has stopped: post the terminal status, then confirm the deletion. */
  private finish(): void {
    if (this.apiDown()) return;
    const status = buildStatus(this.pod, this.node, this.runtime(), this.now, true);
    this.ctx.api.updateStatus('Pod', { ...this.pod, status });
    this.remove();
  }

  /**
   * The API server cannot be reached: keep what the runtime knows, and let the status manager try again on
   * its next sync (the pod's processes carry on regardless).
   */
  private apiDown(): boolean {
    if (this.ctx.api.writable) return false;
    if (this.old || this.dirty) this.ctx.store.setRuntime(podRuntimeKey(this.key), this.runtime());
    this.emitEvents();
    this.ctx.requeueAfter(STATUS_RETRY_SECONDS, this.key);
    return true;
  }

  private writeStatus(status: PodStatus): void {
    try {
      this.ctx.api.updateStatus('Pod', { ...this.pod, status });
    } catch (e) {
      if (!(e instanceof ApiError) || e.reason !== 'ServiceUnavailable') throw e;
      this.ctx.requeueAfter(STATUS_RETRY_SECONDS, this.key);
    }
  }

  private commit(): void {
    const { ctx, pod } = this;
    let written = this.base.written;
    let toWrite: PodStatus | undefined;
    if (this.statusDirty || pod.status !== written) {
      const status = buildStatus(pod, this.node, this.runtime(), this.now);
      if (samePlain(status, pod.status)) written = pod.status;
      else if (written !== undefined && samePlain(status, written)) toWrite = written;
      else written = toWrite = status;
      // A finished pod's sandbox is torn down: its address goes back to the node's range.
      if (
        (status.phase === 'Succeeded' || status.phase === 'Failed') &&
        !this.base.ipReleased &&
        this.base.ip
      ) {
        releasePodIP(ctx.store, this.nodeName, this.node.spec?.podCIDR, this.base.ip);
        this.base.ipReleased = true;
        this.dirty = true;
      }
    }
    let next = this.podDue().at;
    for (let i = 0; i < this.cs.length; i++) next = Math.min(next, this.due(i).at);
    let wake = this.base.wake !== undefined && this.base.wake > this.now ? this.base.wake : undefined;
    if (Number.isFinite(next) && (wake === undefined || next < wake)) {
      ctx.requeueAfter(next - this.now, this.key);
      wake = next;
    }
    // The runtime entry goes first: it names the status about to be written, so that the pod watch
    // recognises the kubelet's own write and does not wake it again for nothing.
    if (this.dirty || wake !== this.base.wake || written !== this.base.written || !this.old) {
      this.base.wake = wake;
      this.base.written = written;
      ctx.store.setRuntime(podRuntimeKey(this.key), this.runtime());
    }
    this.emitEvents();
    if (toWrite) this.writeStatus(toWrite);
  }
}

/** A status write the kubelet made itself (see commit): no need to sync the pod again for it. */
export function isOwnStatusWrite(from: Pod, to: Pod, rt: PodRt | undefined): boolean {
  return (
    rt !== undefined &&
    to.status === rt.written &&
    to.status !== from.status &&
    to.spec === from.spec &&
    to.metadata?.deletionTimestamp === from.metadata?.deletionTimestamp
  );
}

/** Reconcile one pod (key "namespace/name") on its node's kubelet. */
export function syncPod(ctx: ReconcileContext, key: string, action?: (s: PodSync) => void): void {
  const { namespace, name } = splitNameKey(key);
  const pod = ctx.store.get('Pod', namespace, name);
  const rkey = podRuntimeKey(key);
  let old = ctx.store.getRuntime<PodRt>(rkey);
  if (!pod) {
    if (old) {
      ctx.store.setRuntime(rkey, undefined);
      if (!old.ipReleased)
        releasePodIP(ctx.store, old.node, ctx.store.get('Node', undefined, old.node)?.spec?.podCIDR, old.ip);
    }
    return;
  }
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) return;
  const node = ctx.store.get('Node', undefined, nodeName);
  if (!node) return;
  const boot = observeNode(ctx.store, nodeName, ctx.now);
  // A machine that is down runs nothing and reports nothing.
  if (boot === undefined) return;
  if (old && (old.uid !== pod.metadata?.uid || old.node !== nodeName)) {
    if (!old.ipReleased)
      releasePodIP(ctx.store, old.node, ctx.store.get('Node', undefined, old.node)?.spec?.podCIDR, old.ip);
    old = undefined;
  }
  new PodSync(ctx, pod, node, boot, old).run(action);
}
