/**
 * The container runtime side of a pod's sync (kuberuntime_container.go and the simulated runtime in
 * ./process): start a container in order (init containers, sidecars, app containers), run its command,
 * exit and restart it under CrashLoopBackOff, kill it (preStop, SIGTERM, SIGKILL at the deadline) and stop
 * sidecars after the app containers; when its app answers, hangs, runs out of memory.
 */
import type { Mut } from './draft';
import {
  MI,
  nextBackoff,
  BACKOFF_RESET,
  SYNC_AFTER_FAILURE,
  CONFIG_RETRY_SECONDS,
  SIGTERM_EXIT_SECONDS,
  MIN_GRACE_SECONDS,
} from './draft';
import { ImageManager } from './imagemanager';
import { seconds } from '../../api/meta';
import { bytes } from '../../api/quantity';
import { msg } from './messages';
import type { AppWindow } from './probes';
import { initialProbe } from './probes';
import type { ContainerRt } from './runtime';
import { nodeRt } from './runtime';
import { hex64 } from '../../base/hash';
import { currentShown } from './status';
import { resolveEnv } from './config';
import { appStart } from './app';
import { defaultsOf, launchOf, runExec, runScript } from './process';
import { launch } from './shell/images';

export abstract class ContainerRuntime extends ImageManager {
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

  protected reboot(): void {
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

  protected resetProcess(c: Mut<ContainerRt>): void {
    c.started = false;
    c.probeFrom = undefined;
    c.hungAt = undefined;
    c.startup = c.liveness = c.readiness = undefined;
  }

  protected startProcess(i: number, t: number): void {
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
    c.env = Object.fromEntries(env.env.map((v) => [v.name, v.value]));
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
  protected stepScript(i: number, t: number): void {
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

  /**
   * The kubelet starts a pod's containers in order: an init container after the one before it has
   * succeeded (a sidecar: once it has started), the app containers once every init container is done.
   */
  protected chain(i: number, t: number): void {
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
  protected stopSidecarsIfDone(t: number): void {
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

  protected exit(i: number, t: number, exitCode: number, reason: string): void {
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
  protected sidecarsRestart(): boolean {
    return this.cs
      .slice(this.initCount)
      .some((c) => !(c.proc.k === 'exited' && c.proc.restartAt === undefined));
  }

  protected restart(i: number, t: number): void {
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
  protected kill(i: number, t: number, grace: number): void {
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
  protected preStop(i: number, t: number, grace: number): number {
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
  protected terminate(): void {
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

  /**
   * When the app answers. The image's own program answers from start + startupSeconds; a script answers
   * only once it hands over to a program that listens (a server, or one the runtime cannot interpret).
   */
  protected window(i: number, start: number): AppWindow {
    const c = this.cs[i] as ContainerRt;
    const b = this.behaviour(i);
    const from = appStart(c, start);
    const hang = b.hangAfterSeconds !== undefined ? from + b.hangAfterSeconds : Infinity;
    const hungAt = Math.min(c.hungAt ?? Infinity, hang);
    const recoversAt = b.hangForSeconds !== undefined ? hungAt + b.hangForSeconds : undefined;
    return { answersFrom: from + b.startupSeconds, hungAt, recoversAt };
  }

  /** Seconds from SIGTERM to the process's exit, or undefined if it ignores SIGTERM (SIGKILL ends it). */
  protected sigterm(i: number): { seconds: number; code: number } | undefined {
    const c = this.cs[i] as ContainerRt;
    if (c.sh && !c.sh.blocked?.listens) {
      // A shell as PID 1 has no default handler for SIGTERM: it ignores it unless the script traps it.
      return c.sh.onTerm === undefined ? undefined : { seconds: 0, code: c.sh.onTerm };
    }
    const s = this.behaviour(i).shutdownSeconds;
    return { seconds: s ?? SIGTERM_EXIT_SECONDS, code: 143 };
  }

  protected oomAt(i: number, start: number): number {
    const limit = bytes(this.spec(i).resources?.limits?.memory);
    if (!limit) return Infinity;
    const b = this.behaviour(i);
    const base = (b.memoryMi ?? 0) * MI;
    if (base > limit) return start;
    const leakPerSecond = ((b.memoryLeakMiPerMinute ?? 0) * MI) / 60;
    return leakPerSecond > 0 ? start + (limit - base) / leakPerSecond : Infinity;
  }

  protected showCrashLoop(i: number): void {
    const c = this.cs[i] as Mut<ContainerRt>;
    if (c.proc.k !== 'exited') return;
    this.event('Warning', 'BackOff', msg.backOff(c.name, this.pod));
    c.proc = { ...c.proc, shown: true };
    this.dirty = this.statusDirty = true;
  }
}
