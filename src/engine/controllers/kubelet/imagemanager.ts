/**
 * The kubelet's image manager for one pod's containers (pkg/kubelet/images): the reference check
 * (InvalidImageName), imagePullPolicy, pulls, ErrImagePull and ImagePullBackOff with back-off.
 */
import type { Mut } from './draft';
import { defaultPullPolicy, nextBackoff, CONFIG_RETRY_SECONDS } from './draft';
import { VolumeManager } from './volumes';
import { msg, pullErrorText } from './messages';
import type { ContainerRt, Shown } from './runtime';
import { addImage, imagePresent, normalizeImage } from './runtime';
import { currentShown } from './status';
import { invalidImageMessage } from './imageref';

export abstract class ImageManager extends VolumeManager {
  /** Get the image (per imagePullPolicy) and start the container; `show` is what the status shows meanwhile. */
  protected begin(i: number, t: number, show?: Shown): void {
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

  protected pullDone(i: number, t: number): void {
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

  protected showPullBackOff(i: number): void {
    const c = this.cs[i] as Mut<ContainerRt>;
    if (c.proc.k !== 'pullErr') return;
    const image = this.spec(i).image ?? '';
    this.event('Normal', 'BackOff', msg.pullBackOff(image));
    this.event('Warning', 'Failed', 'Error: ImagePullBackOff');
    c.proc = { ...c.proc, shown: true };
    this.dirty = this.statusDirty = true;
  }

  protected retryPull(i: number, t: number): void {
    const c = this.cs[i] as Mut<ContainerRt>;
    const show = currentShown(c, this.spec(i).image ?? '', this.pod);
    c.proc = { k: 'idle' };
    this.begin(i, t, show);
  }

  protected retryConfig(i: number, t: number): void {
    const c = this.cs[i] as Mut<ContainerRt>;
    const show = currentShown(c, this.spec(i).image ?? '', this.pod);
    c.proc = { k: 'idle' };
    this.begin(i, t, show);
  }
}
