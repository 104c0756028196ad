/**
 * The served cluster: one scenario running in the same EngineHost the app's worker uses (pacing against the
 * wall clock by a speed factor, pause, step, skip, faults and kubectl inputs), plus what an API server adds
 * on top of the store: a log of watch events by resourceVersion, and the mapping between simulated time
 * and the wall clock that clients compute ages with.
 */
import type { Diagnostic, Kind, KubeObject, SimRecord, Simulation } from '../engine';
import { EPOCH_MS } from '../engine';
import { EngineHost } from '../worker/host';
import type { FromWorker, RunStatus, ToWorker, Unversioned } from '../worker/protocol';
import { PROTOCOL_VERSION } from '../worker/protocol';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change as a watch sees it: the object before (absent when added) and after (absent when deleted). */
export interface StoreEvent {
  readonly rv: number;
  readonly kind: Kind;
  readonly prev?: KubeObject;
  readonly object?: KubeObject;
}

/** How many store changes a watch can resume from (the watch cache's window); older is 410 Expired. */
export const WATCH_LOG_SIZE = 50_000;

export interface ServedClusterOptions {
  /** The scenario document's text and a name for it (its file name). */
  readonly text: string;
  readonly name: string;
  readonly speed?: number;
  /** Start paused (default: running). */
  readonly paused?: boolean;
  /** A monotonic wall clock in milliseconds (performance.now; a fake in tests). */
  readonly now?: () => number;
  /** The epoch clock in milliseconds that clients read (Date.now; a fake in tests). */
  readonly wallClock?: () => number;
  /** Milliseconds between watch bookmarks (default: a minute, as the watch cache). */
  readonly bookmarkMs?: number;
  /** How many store changes the watch log keeps (default WATCH_LOG_SIZE). */
  readonly watchLogSize?: number;
}

export class ScenarioLoadError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join('\n') || 'unknown scenario');
  }
}

type Message = Unversioned<FromWorker>;

export class ServedCluster {
  readonly host: EngineHost;
  readonly sim: Simulation;
  readonly name: string;
  private readonly log: StoreEvent[] = [];
  private logStart = 0;
  private readonly eventListeners = new Set<(e: StoreEvent) => void>();
  private readonly messageListeners = new Set<(m: Message) => void>();
  private readonly tickListeners = new Set<() => void>();
  private status: RunStatus | undefined;
  private loaded: Message | undefined;
  private readonly wallClock: () => number;
  private lastResult: Message | undefined;
  private readonly closeListeners = new Set<() => void>();
  readonly bookmarkMs: number | undefined;
  private readonly logSize: number;

  constructor(options: ServedClusterOptions) {
    this.name = options.name;
    this.wallClock = options.wallClock ?? Date.now;
    this.bookmarkMs = options.bookmarkMs;
    this.logSize = options.watchLogSize ?? WATCH_LOG_SIZE;
    let failed: readonly Diagnostic[] | undefined;
    this.host = new EngineHost({
      now: options.now ?? (() => performance.now()),
      examples: {},
      post: (m) => {
        if (m.type === 'loadFailed') failed = m.diagnostics;
        if (m.type === 'loaded') this.loaded = m;
        if (m.type === 'snapshot' || m.type === 'frame') this.status = m;
        if (m.type === 'inputResult') this.lastResult = m;
        for (const l of this.messageListeners) l(m);
      },
    });
    this.send({
      type: 'load',
      source: { kind: 'file', name: options.name, text: options.text },
      play: !options.paused,
      speed: options.speed ?? 1,
    });
    const sim = this.host.simulation;
    if (failed || !sim) throw new ScenarioLoadError(failed ?? []);
    this.sim = sim;
    this.logStart = sim.store.resourceVersion;
    sim.onRecord((r) => this.record(r));
  }

  /** Send the engine host a protocol message (play, pause, speed, step, skip, input). */
  send(message: Unversioned<ToWorker>): void {
    this.host.handle({ ...message, v: PROTOCOL_VERSION });
  }

  /** Apply an input through the host (logged like the app's console and fault menu) and return its result. */
  input(input: Unversioned<ToWorker> & { type: 'input' }): Message | undefined {
    this.lastResult = undefined;
    this.send(input);
    return this.lastResult;
  }

  /** Run `fn` as an outside actor at the current instant; the controllers react before it returns. */
  act<T>(actor: string, fn: () => T): T {
    return this.sim.act(actor, fn);
  }

  /** Advance simulated time for the wall time since the last tick (call about 60 times a second). */
  tick(): void {
    this.host.tick();
    for (const l of this.tickListeners) l();
  }

  /** The latest run status the host reported (time, speed, playing). */
  get run(): RunStatus {
    return (
      this.status ?? { t: this.sim.now, horizon: this.sim.now, playing: false, skipping: false, speed: 1 }
    );
  }

  /** The `loaded` message of this scenario (an attached app needs it before a snapshot). */
  get loadedMessage(): Message | undefined {
    return this.loaded;
  }

  /**
   * Milliseconds to add to a simulated timestamp so that "now" in simulated time reads as the wall clock's
   * now: clients (kubectl describe, kubectl get -w's ages) compute ages against their own clock. Whole
   * seconds, so timestamps keep their form; rounded down, so a client's clock (which reads a little after
   * the answer was made) never sees an age younger than the simulated one.
   */
  clockShift(): number {
    const simNow = EPOCH_MS + this.sim.now * 1000;
    return Math.floor((this.wallClock() - simNow) / 1000) * 1000;
  }

  /** The store's current resourceVersion (what a list returns). */
  get resourceVersion(): number {
    return this.sim.store.resourceVersion;
  }

  /** The oldest resourceVersion a watch may resume from. */
  get oldestResourceVersion(): number {
    return this.logStart;
  }

  /** Store events after `rv`, or undefined when some of them have left the log (410 Expired). */
  eventsSince(rv: number): readonly StoreEvent[] | undefined {
    if (rv < this.logStart) return undefined;
    // The log is ordered by rv: find the first entry after rv.
    let lo = 0;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.log[mid] as StoreEvent).rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    return this.log.slice(lo);
  }

  onEvent(listener: (e: StoreEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Every protocol message the host posts (frames, snapshots, input results), for attached apps. */
  onMessage(listener: (m: Message) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  /** A full snapshot goes to every attached app with the next tick. */
  requestSnapshot(): void {
    this.host.resync();
  }

  /** Send a message to every attached app as if the host had posted it. */
  broadcast(m: Message): void {
    for (const l of this.messageListeners) l(m);
  }

  /** Called after every tick (log streams that follow a container check for new lines). */
  onTick(listener: () => void): () => void {
    this.tickListeners.add(listener);
    return () => this.tickListeners.delete(listener);
  }

  /** Called once when the server shuts down (open watches and log streams end). */
  onClose(listener: () => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): void {
    for (const l of [...this.closeListeners]) l();
    this.closeListeners.clear();
  }

  private record(r: SimRecord): void {
    const d = r.diff;
    if (d.type === 'runtime') return;
    let e: StoreEvent;
    if (d.type === 'removed') {
      // A delete has its own resourceVersion, which the DELETED event's object carries.
      const rv = this.sim.store.resourceVersion;
      const object = {
        ...d.from,
        metadata: { ...d.from.metadata, resourceVersion: String(rv) },
      } as KubeObject;
      e = { rv, kind: d.kind, prev: object };
    } else {
      const rv = Number(d.to.metadata?.resourceVersion ?? 0);
      e =
        d.type === 'added'
          ? { rv, kind: d.kind, object: d.to }
          : { rv, kind: d.kind, prev: d.from, object: d.to };
    }
    this.log.push(e);
    if (this.log.length > this.logSize) {
      const dropped = this.log.splice(0, this.log.length - this.logSize);
      this.logStart = (dropped[dropped.length - 1] as StoreEvent).rv;
    }
    for (const l of this.eventListeners) l(e);
  }
}
