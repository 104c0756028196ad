/**
 * The kubelet's volume manager and sandbox set-up for one pod: the pod IP from the node's pod CIDR
 * (FailedCreatePodSandBox when it is used up), configMap/secret volumes mounted before anything starts
 * (FailedMount, retried with the volume manager's back-off), and config errors retried when a source appears.
 */
import { PodDraft, CONFIG_RETRY_SECONDS, MOUNT_RETRY_INITIAL, MOUNT_RETRY_MAX } from './draft';
import { msg } from './messages';
import { allocatePodIP, podRange } from './runtime';
import { hex64 } from '../../base/hash';
import { resolveEnv, volumeProblems } from './config';

export abstract class VolumeManager extends PodDraft {
  /**
   * RunPodSandbox: the CNI plugin needs an address from the node's pod CIDR. With the range exhausted the
   * sandbox fails (FailedCreatePodSandBox) and is tried again on a later sync; true while the pod waits.
   */
  protected sandboxFails(t: number): boolean {
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

  protected retrySandbox(t: number): void {
    this.base.ip = allocatePodIP(this.ctx.store, this.nodeName, this.node.spec?.podCIDR, this.key) ?? '';
    if (this.sandboxFails(t) || this.mountFails(t)) return;
    if (this.cs.length && this.cs[0]?.proc.k === 'idle') this.begin(0, t);
  }

  /**
   * The volume manager: set up the pod's configMap and secret volumes. On failure a FailedMount event per
   * volume and the next attempt after the back-off; true while the pod must wait.
   */
  protected mountFails(t: number): boolean {
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

  protected retryMount(t: number): void {
    if (this.mountFails(t)) return;
    if (this.cs.length && this.cs[0]?.proc.k === 'idle') this.begin(0, t);
  }

  /** A sync that finds a missing source present again retries at once (the kubelet retries on every sync). */
  protected retryConfigNow(): void {
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
}
