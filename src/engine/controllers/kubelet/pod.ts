/**
 * The kubelet's pod worker (kubelet.go syncPod, kuberuntime_manager.go SyncPod and the status manager) for
 * one pod: admit it, advance every container to now in time order, post the status and confirm a deletion.
 * The parts it drives live beside it, along the kubelet's own seams: volumes.ts (sandbox and volume
 * manager), imagemanager.ts, containers.ts (container runtime), prober.ts, on draft.ts. Left out: static
 * pods, serialized image pulls across pods, eviction, resize, container definition changes.
 */
import { ProberManager } from './prober';
import type { Due } from './draft';
import { NEVER, EPS, STATUS_RETRY_SECONDS, SYNC_AFTER_FAILURE } from './draft';
import { splitNameKey } from '../../api/meta';
import type { PodStatus } from 'kubernetes-types/core/v1';
import type { Pod } from '../../api/types';
import type { ReconcileContext } from '../../sim/controller';
import { hungAt } from './probes';
import type { ContainerRt, PodRt, Proc } from './runtime';
import { allocatePodIP, releasePodIP, observeNode, podRuntimeKey } from './runtime';
import { buildStatus, samePlain } from './status';
import { ApiError } from '../../api/errors';
import { appStart } from './app';

export class PodSync extends ProberManager {
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
    this.dueProbes(i, c, p, w, consider);
    return best;
  }

  /** The pod-level due moment: the next volume set-up attempt. */
  private podDue(): Due {
    const sb = this.base.sandbox;
    if (sb && !this.base.term) return { at: sb.retry, act: () => this.retrySandbox(sb.retry) };
    const m = this.base.mount;
    if (!m || this.base.term) return NEVER;
    return { at: m.retry, act: () => this.retryMount(m.retry) };
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

export {
  BACKOFF_INITIAL,
  BACKOFF_MAX,
  BACKOFF_RESET,
  CONFIG_RETRY_SECONDS,
  MIN_GRACE_SECONDS,
  MOUNT_RETRY_INITIAL,
  MOUNT_RETRY_MAX,
  SIGTERM_EXIT_SECONDS,
  STATUS_RETRY_SECONDS,
  SYNC_AFTER_FAILURE,
  nextBackoff,
  podKeyOf,
} from './draft';
