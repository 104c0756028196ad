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
import type { Container, Node, Pod } from '../../api/types';
import { imageBehaviour } from '../../sim/config';
import type { ReconcileContext } from '../../sim/controller';
import { msg, pullErrorText } from './messages';
import type { AppWindow, ProbeKind } from './probes';
import {
  answers,
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

  private spec(i: number): Container {
    return this.pod.spec?.containers[i] as Container;
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
      ip: allocatePodIP(store, this.nodeName, this.node.spec?.podCIDR),
      admittedAt: this.now,
    };
    this.cs = (this.pod.spec?.containers ?? []).map((c) => ({
      name: c.name,
      proc: { k: 'idle' },
      restarts: 0,
      ran: false,
      started: false,
    }));
    this.dirty = this.statusDirty = true;
    if (this.mountFails(this.now)) return;
    if (this.cs.length) this.begin(0, this.now);
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
      if (p.k !== 'configErr' || p.retry <= this.now) return;
      if (!('error' in resolveEnv(this.ctx.store, this.pod, this.spec(i)))) {
        c.proc = { ...p, retry: this.now };
        this.dirty = true;
      }
    });
  }

  private reboot(): void {
    const since = nodeRt(this.ctx.store, this.nodeName).downSince ?? this.now;
    const policy = this.pod.spec?.restartPolicy ?? 'Always';
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
        if (policy !== 'Never') this.begin(i, this.now);
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
    this.dirty = this.statusDirty = true;
    this.chain(i, t);
  }

  /** The kubelet starts a pod's containers one after another: the next one begins when this one is done. */
  private chain(i: number, t: number): void {
    const next = this.cs[i + 1];
    if (next && next.proc.k === 'idle' && !this.base.term) this.begin(i + 1, t);
  }

  private exit(i: number, t: number, exitCode: number, reason: string): void {
    const c = this.cs[i] as Mut<ContainerRt>;
    const p = c.proc;
    if (p.k !== 'run') return;
    c.prev = c.last;
    c.last = { exitCode, reason, startedAt: p.start, finishedAt: t, containerID: p.id };
    this.resetProcess(c);
    this.dirty = this.statusDirty = true;
    const policy = this.pod.spec?.restartPolicy ?? 'Always';
    if (this.base.term || policy === 'Never' || (policy === 'OnFailure' && exitCode === 0)) {
      c.proc = { k: 'exited' };
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

  private restart(i: number, t: number): void {
    const c = this.cs[i] as Mut<ContainerRt>;
    const show = currentShown(c, this.spec(i).image ?? '', this.pod);
    c.crash = nextBackoff(c.crash, c.last?.finishedAt ?? t, t);
    c.proc = { k: 'idle' };
    this.begin(i, t, show);
  }

  private kill(i: number, t: number, grace: number): void {
    const c = this.cs[i] as Mut<ContainerRt>;
    const p = c.proc;
    if (p.k !== 'run') return;
    const deadline = Math.min(p.kill?.deadline ?? Infinity, t + Math.max(0, grace));
    c.proc = { ...p, kill: { at: p.kill?.at ?? t, deadline } };
    this.dirty = true;
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
        if (!term) this.event('Normal', 'Killing', msg.stopping(c.name));
        this.kill(i, this.now, deadline - this.now);
      } else if (!(c.proc.k === 'exited' && c.proc.restartAt === undefined)) {
        c.proc = { k: 'exited' };
        this.statusDirty = true;
      }
    });
  }

  // -------------------------------------------------------------------------------------------------------
  // Time

  private window(i: number, start: number): AppWindow {
    const c = this.cs[i] as ContainerRt;
    const b = this.behaviour(i);
    const hang = b.hangAfterSeconds !== undefined ? start + b.hangAfterSeconds : Infinity;
    return { answersFrom: start + b.startupSeconds, hungAt: Math.min(c.hungAt ?? Infinity, hang) };
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
      const graceful = !(w.hungAt <= p.kill.at) && p.kill.at + SIGTERM_EXIT_SECONDS <= p.kill.deadline;
      const at = graceful ? p.kill.at + SIGTERM_EXIT_SECONDS : p.kill.deadline;
      consider(at, () => this.exit(i, at, graceful ? 143 : 137, 'Error'));
    }
    const oom = this.oomAt(i, p.start);
    consider(oom, () => this.exit(i, oom, 137, 'OOMKilled'));
    if (b.exitAfterSeconds !== undefined) {
      const at = p.start + b.exitAfterSeconds;
      const code = b.exitCode ?? 0;
      consider(at, () => this.exit(i, at, code, code === 0 ? 'Completed' : 'Error'));
    }
    if (p.kill || this.base.term) return best;
    const spec = this.spec(i);
    const kinds: ProbeKind[] = c.started ? ['liveness', 'readiness'] : ['startup'];
    for (const kind of kinds) {
      const probe = probeOf(spec, kind);
      const st = c[kind];
      if (!probe || !st) continue;
      const from = kind === 'startup' ? p.start : (c.probeFrom ?? p.start);
      const at = nextProbeTick(st, probe, p.start + (probe.initialDelaySeconds ?? 0), from, w);
      consider(at, () => this.probe(i, kind, at, w));
    }
    return best;
  }

  private probe(i: number, kind: ProbeKind, t: number, w: AppWindow): void {
    const c = this.cs[i] as Mut<ContainerRt>;
    const spec = this.spec(i);
    const probe = probeOf(spec, kind);
    const st = c[kind];
    if (!probe || !st) return;
    this.dirty = true;
    let next: ProbeState;
    if (answers(w, t)) {
      const ok = st.ok + 1;
      next = { result: ok >= successThreshold(probe) ? 'success' : st.result, ok, fail: 0, last: t };
    } else {
      const text = probeFailure(probe, spec, this.base.ip, t >= w.hungAt);
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
    } else if (kind !== 'readiness' && next.result === 'failure') {
      this.event('Normal', 'Killing', msg.probeKill(c.name, kind));
      const grace = probe.terminationGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30;
      this.kill(i, t, grace);
    }
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
    if (old) ctx.store.setRuntime(rkey, undefined);
    return;
  }
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) return;
  const node = ctx.store.get('Node', undefined, nodeName);
  if (!node) return;
  const boot = observeNode(ctx.store, nodeName, ctx.now);
  // A machine that is down runs nothing and reports nothing.
  if (boot === undefined) return;
  if (old && (old.uid !== pod.metadata?.uid || old.node !== nodeName)) old = undefined;
  new PodSync(ctx, pod, node, boot, old).run(action);
}
