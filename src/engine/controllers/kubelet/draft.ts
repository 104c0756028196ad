/**
 * What every part of the kubelet's pod sync shares: the kubelet's timing constants, the draft of one pod's
 * runtime entry being synced, and who its containers are (init containers, sidecars, restart policies).
 */
import type { Container, Node, Pod } from '../../api/types';
import { imageBehaviour } from '../../sim/config';
import type { ReconcileContext } from '../../sim/controller';
import type { BackoffEntry, ContainerRt, PodRt, Shown } from './runtime';
import type { ProcessContext } from './process';

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
/** A process that gets SIGTERM exits this long after it (the image key shutdownSeconds' default). */
export const SIGTERM_EXIT_SECONDS = 1;
/** The kubelet gives a container at least this long between SIGTERM and SIGKILL after a preStop hook. */
export const MIN_GRACE_SECONDS = 2;
export const MI = 2 ** 20;
export const EPS = 1e-9;

export type Mut<T> = { -readonly [K in keyof T]: T[K] };

export interface PendingEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
}

/** A flowcontrol.Backoff Next(): restart the delay at 10 s when expired, else double it up to 300 s. */
export function nextBackoff(e: BackoffEntry | undefined, eventTime: number, now: number): BackoffEntry {
  if (!e || eventTime - e.at > BACKOFF_RESET) return { backoff: BACKOFF_INITIAL, at: now };
  return { backoff: Math.min(e.backoff * 2, BACKOFF_MAX), at: now };
}

export function defaultPullPolicy(image: string): string {
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
export interface Due {
  readonly at: number;
  readonly act: () => void;
}

export const NEVER: Due = { at: Infinity, act: () => {} };

/**
 * One sync of one pod: a mutable draft of its runtime entry (the pod's facts and one entry per container,
 * init containers first), the events it produces and whether anything must be written. The kubelet's
 * managers build on it: volumes, images, the container runtime, the prober, and the pod worker on top.
 */
export abstract class PodDraft {
  readonly now: number;
  protected readonly key: string;
  protected readonly nodeName: string;
  protected base: Mut<Omit<PodRt, 'containers'>>;
  protected cs: Mut<ContainerRt>[];
  protected readonly events: PendingEvent[] = [];
  protected dirty = false;
  protected statusDirty = false;

  constructor(
    protected readonly ctx: ReconcileContext,
    protected readonly pod: Pod,
    protected readonly node: Node,
    protected readonly boot: number,
    protected readonly old: PodRt | undefined,
  ) {
    this.now = ctx.now;
    this.key = podKeyOf(pod);
    this.nodeName = node.metadata?.name ?? '';
    const { containers, ...base } = old ?? { containers: [], uid: '', node: '', boot, ip: '', admittedAt: 0 };
    this.base = { ...base };
    this.cs = containers.map((c) => ({ ...c }));
  }

  /** Get the image and start container i (the image manager). */
  protected abstract begin(i: number, t: number, show?: Shown): void;
  /** Create and start container i's process (the container runtime). */
  protected abstract startProcess(i: number, t: number): void;
  /** Start the container after i once i allows it (the container runtime). */
  protected abstract chain(i: number, t: number): void;

  /** Runtime containers are the init containers (in order), then the app containers. */
  protected spec(i: number): Container {
    const inits = this.pod.spec?.initContainers ?? [];
    return (i < inits.length ? inits[i] : this.pod.spec?.containers[i - inits.length]) as Container;
  }

  protected get initCount(): number {
    return this.pod.spec?.initContainers?.length ?? 0;
  }

  protected isInit(i: number): boolean {
    return i < this.initCount;
  }

  /** A restartable init container (restartPolicy Always): a sidecar that runs beside the app containers. */
  protected isSidecar(i: number): boolean {
    return this.isInit(i) && this.spec(i).restartPolicy === 'Always';
  }

  /** The restart policy that applies to container i (init containers never restart after success). */
  protected restartPolicy(i: number): string {
    const pod = this.pod.spec?.restartPolicy ?? 'Always';
    if (this.isSidecar(i)) return 'Always';
    if (this.isInit(i)) return pod === 'Never' ? 'Never' : 'OnFailure';
    return pod;
  }

  protected behaviour(i: number): ReturnType<typeof imageBehaviour> {
    return imageBehaviour(this.ctx.config, this.spec(i).image ?? '');
  }

  protected event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.events.push({ type, reason, message });
  }

  protected processContext(i: number, t: number): ProcessContext {
    return { store: this.ctx.store, pod: this.pod, spec: this.spec(i), now: t, vols: this.base.vols };
  }
}
