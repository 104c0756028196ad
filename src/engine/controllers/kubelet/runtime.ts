/**
 * The kubelet's container-runtime facts (what containerd and the kubelet's memory hold in a real node), kept
 * as immutable plain data in the store's runtime table so that snapshots and replays capture them exactly.
 * Left out: sandboxes, cgroups, volumes, log files; one process per container.
 */
import type { PodStatus } from 'kubernetes-types/core/v1';
import type { Store } from '../../api/store';
import { hex64 } from '../../base/hash';
import type { Layer, Volumes } from './shell/files';
import type { ShellState } from './shell/interp';

/** A line a container wrote to its log, and when. */
export interface LogLine {
  readonly t: number;
  readonly text: string;
}

/** A container's end, as `state.terminated` / `lastState.terminated` report it. */
export interface Termination {
  readonly exitCode: number;
  readonly reason: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly containerID: string;
}

/** One probe worker: its current result and the run of identical outcomes (prober/worker.go resultRun). */
export interface ProbeState {
  readonly result: 'success' | 'failure' | 'unknown';
  readonly ok: number;
  readonly fail: number;
  /** The last tick this worker evaluated. */
  readonly last?: number | undefined;
}

/** A flowcontrol.Backoff entry: current delay and when it was last bumped (lastUpdate). */
export interface BackoffEntry {
  readonly backoff: number;
  readonly at: number;
}

/** What the status shows for a container that is not running: a Waiting reason, or its last termination. */
export type Shown = { readonly reason: string; readonly message?: string | undefined } | 'terminated';

/** The process side of a container. Every future moment is a field here, so a stale timer is harmless. */
export type Proc =
  /** Not begun yet: waits for the container before it (the kubelet starts containers in order). */
  | { readonly k: 'idle' }
  /** Pulling its image; done (or failed, `fail`) at `done`. `show` is what the status keeps showing meanwhile. */
  | {
      readonly k: 'pull';
      readonly start: number;
      readonly done: number;
      readonly fail: boolean;
      readonly show?: Shown | undefined;
    }
  /** The pull failed at `at`: ErrImagePull, ImagePullBackOff once `shown`, the next pull at `retry`. */
  | {
      readonly k: 'pullErr';
      readonly at: number;
      readonly retry: number;
      readonly msg: string;
      readonly shown: boolean;
    }
  /**
   * The container could not be created from its spec (a ConfigMap or Secret it needs is missing):
   * CreateContainerConfigError since `at`, tried again at `retry` (or as soon as a sync finds the source).
   */
  | {
      readonly k: 'configErr';
      readonly at: number;
      readonly retry: number;
      readonly msg: string;
      /** InvalidImageName: the image reference does not parse (else CreateContainerConfigError). */
      readonly reason?: 'InvalidImageName' | undefined;
    }
  /** Cannot start and will not retry by itself (imagePullPolicy Never without the image). */
  | { readonly k: 'stuck'; readonly reason: string; readonly msg: string }
  /** A live process. `kill`: SIGTERM sent at `at`, SIGKILL at `deadline`. */
  | { readonly k: 'run'; readonly start: number; readonly id: string; readonly kill?: Kill | undefined }
  /** No process. With `restartAt` it restarts then (CrashLoopBackOff from `waitFrom`); without, it stays down. */
  | {
      readonly k: 'exited';
      readonly restartAt?: number | undefined;
      readonly waitFrom?: number | undefined;
      readonly backoff?: number | undefined;
      readonly shown?: boolean | undefined;
    };

export interface Kill {
  readonly at: number;
  readonly deadline: number;
}

export interface ContainerRt {
  readonly name: string;
  readonly proc: Proc;
  readonly restarts: number;
  /** A process of this container has run before (the next start counts as a restart). */
  readonly ran: boolean;
  readonly last?: Termination | undefined;
  /** The termination before `last` (shown as lastState while `last` is the current state). */
  readonly prev?: Termination | undefined;
  /** Crash-loop back-off entry (kubelet's per-container flowcontrol.Backoff). */
  readonly crash?: BackoffEntry | undefined;
  /** Image pull back-off entry (per pod and image). */
  readonly pullBackoff?: BackoffEntry | undefined;
  /** The app stopped answering at this time (AppHang fault), until the process ends. */
  readonly hungAt?: number | undefined;
  /**
   * The container's own environment (env and envFrom) as resolved when its process started: what the process
   * reads, whatever its ConfigMaps and Secrets say now.
   */
  readonly env?: Readonly<Record<string, string>> | undefined;
  /** The startup probe has succeeded (or there is none). */
  readonly started: boolean;
  /** When liveness and readiness probing may begin (start, or the startup probe's success). */
  readonly probeFrom?: number | undefined;
  readonly startup?: ProbeState | undefined;
  readonly liveness?: ProbeState | undefined;
  readonly readiness?: ProbeState | undefined;
  /** The current run's argv when the runtime interprets it (a script or a known command). */
  readonly argv?: readonly string[] | undefined;
  /** The current run's script state; absent for the image's own program. */
  readonly sh?: ShellState | undefined;
  /** What the current (or last) run wrote, newest MAX_LOG_LINES lines; absent for the image's own program. */
  readonly log?: readonly LogLine[] | undefined;
  /** The run before it (kubectl logs --previous). */
  readonly prevLog?: readonly LogLine[] | undefined;
  /** The container's writable layer (lost on restart). */
  readonly files?: Layer | undefined;
  /** Why the runtime cannot tell what the current run does (shown in the pod's explanation). */
  readonly note?: string | undefined;
  /** The current run's preStop hook ends at this time (SIGTERM follows it). */
  readonly preStopUntil?: number | undefined;
}

/** Lines of a run the runtime keeps, as the kubelet's log rotation would. */
export const MAX_LOG_LINES = 200;

/** Runtime entry `pod/<namespace>/<name>`. */
export interface PodRt {
  readonly uid: string;
  readonly node: string;
  /** The node's boot the containers belong to; a different boot means the machine restarted under them. */
  readonly boot: number;
  readonly ip: string;
  readonly admittedAt: number;
  readonly containers: readonly ContainerRt[];
  /** When a container of the pod last changed a file (exec probes read them). */
  readonly fsAt?: number | undefined;
  /** No pod IP could be allocated (range exhausted): the sandbox is created again at `retry`. */
  readonly sandbox?: { readonly retry: number } | undefined;
  /** The pod's address went back to the node's range (the pod finished). */
  readonly ipReleased?: boolean | undefined;
  /** The pod's emptyDir volumes' files, shared by its containers. */
  readonly vols?: Volumes | undefined;
  /** configMap/secret volumes could not be set up: nothing starts; the next attempt is at `retry`. */
  readonly mount?: { readonly retry: number; readonly backoff: number } | undefined;
  /** Termination started (deletionTimestamp seen) at `at`, processes killed by `deadline`. */
  readonly term?: { readonly at: number; readonly deadline: number } | undefined;
  /** Time of the earliest timer this pod has pending (so repeated syncs do not pile up timers). */
  readonly wake?: number | undefined;
  /** The status object last written (or found equal): a pod whose status is still this one needs no rebuild. */
  readonly written?: PodStatus | undefined;
}

/** Runtime entry `kubelet/<node>`: the kubelet process of one machine. */
export interface NodeRt {
  readonly boot: number;
  readonly down: boolean;
  readonly downSince?: number | undefined;
  readonly wake?: number | undefined;
  readonly renewedAt?: number | undefined;
}

export const podRuntimeKey = (podKey: string): string => `pod/${podKey}`;
export const nodeKubeletKey = (node: string): string => `kubelet/${node}`;
export const ipamKey = (node: string): string => `ipam/${node}`;
export const imagesKey = (node: string): string => `images/${node}`;
export const nodeDownKey = (node: string): string => `node/${node}`;

/**
 * The machine's state as the kubelet on it would know it: undefined while it is down, else its boot number.
 * The first observer of a power-off or power-on records it, so every kubelet loop agrees on the boot.
 */
export function observeNode(store: Store, node: string, now: number): number | undefined {
  const power = store.getRuntime<{ down?: boolean; since?: number }>(nodeDownKey(node));
  const down = power?.down === true;
  const k = store.getRuntime<NodeRt>(nodeKubeletKey(node)) ?? { boot: 0, down: false };
  if (down && !k.down) {
    store.setRuntime<NodeRt>(nodeKubeletKey(node), {
      boot: k.boot,
      down: true,
      downSince: power?.since ?? now,
    });
  } else if (!down && k.down) {
    const { boot, downSince, renewedAt } = k;
    store.setRuntime<NodeRt>(nodeKubeletKey(node), { boot: boot + 1, down: false, downSince, renewedAt });
  }
  return down ? undefined : down === k.down ? k.boot : k.boot + 1;
}

export function nodeRt(store: Store, node: string): NodeRt {
  return store.getRuntime<NodeRt>(nodeKubeletKey(node)) ?? { boot: 0, down: false };
}

/** Runtime entry `ipam/<node>`: the host-local IPAM's allocations (address offset -> pod key) and last offset. */
export interface Ipam {
  readonly last: number;
  readonly used: Readonly<Record<string, string>>;
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, p) => n * 256 + (Number(p) & 255), 0);
}

function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** The node's pod CIDR as host-local IPAM uses it: network, and the usable offsets (.1 is the bridge). */
export function podRange(podCIDR: string | undefined): {
  network: number;
  first: number;
  last: number;
  text: string;
} {
  const [addr = '10.244.0.0', bits = '24'] = (podCIDR ?? '10.244.0.0/24').split('/');
  const prefix = Math.min(30, Math.max(8, Number(bits) || 24));
  const size = 2 ** (32 - prefix);
  const network = ipToInt(addr) - (ipToInt(addr) % size);
  return {
    network,
    first: 2,
    last: size - 2,
    text: `${intToIp(network + 1)}-${intToIp(network + size - 2)}`,
  };
}

/**
 * The next free pod IP from the node's podCIDR (host-local IPAM: sequential from the last one handed out,
 * wrapping, never an address in use); undefined when the range is exhausted.
 */
export function allocatePodIP(
  store: Store,
  node: string,
  podCIDR: string | undefined,
  podKey: string,
): string | undefined {
  const r = podRange(podCIDR);
  const ipam = store.getRuntime<Ipam>(ipamKey(node)) ?? { last: r.first - 1, used: {} };
  const span = r.last - r.first + 1;
  for (let k = 1; k <= span; k++) {
    const off = r.first + ((((ipam.last - r.first + k) % span) + span) % span);
    if (ipam.used[off] !== undefined) continue;
    store.setRuntime<Ipam>(ipamKey(node), { last: off, used: { ...ipam.used, [off]: podKey } });
    return intToIp(r.network + off);
  }
  return undefined;
}

/** Give a pod's address back to its node's range (the sandbox is gone). */
export function releasePodIP(store: Store, node: string, podCIDR: string | undefined, ip: string): void {
  if (!ip) return;
  const ipam = store.getRuntime<Ipam>(ipamKey(node));
  const off = ipToInt(ip) - podRange(podCIDR).network;
  if (!ipam || ipam.used[off] === undefined) return;
  const used = { ...ipam.used };
  delete used[off];
  store.setRuntime<Ipam>(ipamKey(node), { ...ipam, used });
}

export function imagePresent(store: Store, node: string, ref: string): boolean {
  return store.getRuntime<readonly string[]>(imagesKey(node))?.includes(ref) ?? false;
}

export function addImage(store: Store, node: string, ref: string): void {
  const list = store.getRuntime<readonly string[]>(imagesKey(node)) ?? [];
  if (!list.includes(ref)) store.setRuntime<readonly string[]>(imagesKey(node), [...list, ref].sort());
}

const refCache = new Map<string, { ref: string; imageID: string }>();

/** The normalized reference of an image and its imageID (pure functions of the name, so cached). */
export function imageRefs(image: string): { ref: string; imageID: string } {
  let r = refCache.get(image);
  if (!r) {
    const ref = normalizeImage(image);
    r = { ref, imageID: `${imageRepository(ref)}@sha256:${hex64(ref)}` };
    if (refCache.size > 10_000) refCache.clear();
    refCache.set(image, r);
  }
  return r;
}

/** The fully qualified reference containerd reports: "nginx" -> "docker.io/library/nginx:latest". */
export function normalizeImage(image: string): string {
  const at = image.indexOf('@');
  let name = at >= 0 ? image.slice(0, at) : image;
  const digest = at >= 0 ? image.slice(at) : '';
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  const hasDomain = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasDomain) name = slash >= 0 ? `docker.io/${name}` : `docker.io/library/${name}`;
  const colon = name.lastIndexOf(':');
  if (!digest && colon <= name.lastIndexOf('/')) name += ':latest';
  return name + digest;
}

/** The image's repository without tag: what an imageID's "@sha256:..." hangs off. */
export function imageRepository(ref: string): string {
  const at = ref.indexOf('@');
  const name = at >= 0 ? ref.slice(0, at) : ref;
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
}
