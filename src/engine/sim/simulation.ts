/**
 * The simulation loop: a discrete-event clock over the API store. Timers wake controllers with keys; a
 * change to the store wakes every controller that watches it; each instant is drained (every queued
 * reconcile runs, in FIFO order) before the clock jumps to the next timer. A quiet cluster costs nothing.
 * Everything that influences the future (store, runtime table, timers, random state) is snapshotted.
 */
import { ApiServer } from '../api/apiserver';
import type { Diff, StoreSnapshot } from '../api/store';
import type { Kind } from '../api/types';
import { Store } from '../api/store';
import type {
  Component,
  ComponentsDown,
  Controller,
  ObjectWatch,
  ReconcileContext,
  RuntimeWatch,
} from './controller';
import { CONTROL_PLANE_KEY } from './controller';
import type { SimConfig } from './config';
import type { RngState } from '../base/rng';
import { Rng, seedRng } from '../base/rng';
import type { Timer } from './timers';
import { TimerQueue } from './timers';
import { ApiError } from '../api/errors';

/** A diff with when it happened and who caused it: what the UI animates and the runner prints. */
export interface SimRecord {
  readonly t: number;
  /** The controller that wrote it ('replicaset-controller', 'kubelet', ...) or 'input' for the learner. */
  readonly actor: string;
  readonly diff: Diff;
}

export interface SimSnapshot {
  readonly now: number;
  readonly store: StoreSnapshot;
  readonly timers: { heap: readonly Timer[]; seq: number };
  readonly rng: RngState;
  readonly parked: readonly string[];
  readonly componentsDown: readonly Component[];
}

/** Guard against a controller bug that would spin forever inside one instant. */
const MAX_RECONCILES_PER_INSTANT = 5_000_000;

export class Simulation {
  readonly store = new Store();
  readonly rng: Rng;
  readonly api: ApiServer;
  private readonly timers = new TimerQueue();
  private readonly controllers = new Map<string, Controller>();
  private readonly objectWatches = new Map<string, { controller: Controller; watch: ObjectWatch }[]>();
  private readonly runtimeWatches: { controller: Controller; watch: RuntimeWatch }[] = [];
  private queue: string[] = [];
  private queueHead = 0;
  private readonly queued = new Set<string>();
  private parked = new Set<string>();
  private componentsDown = new Set<Component>();
  private actor = 'input';
  private listeners: ((r: SimRecord) => void)[] = [];
  private _now = 0;
  private started = false;

  constructor(
    readonly config: SimConfig,
    controllers: readonly Controller[],
  ) {
    this.rng = new Rng(seedRng(config.seed));
    this.api = new ApiServer(this.store, () => this._now, this.rng);
    for (const c of controllers) {
      this.controllers.set(c.name, c);
      for (const w of c.watches) {
        if ('kind' in w) {
          let list = this.objectWatches.get(w.kind);
          if (!list) this.objectWatches.set(w.kind, (list = []));
          list.push({ controller: c, watch: w });
        } else this.runtimeWatches.push({ controller: c, watch: w });
      }
    }
    this.store.onDiff((d) => this.dispatch(d));
  }

  get now(): number {
    return this._now;
  }

  /** Listen to every change with its time and actor. Returns an unsubscribe function. */
  onRecord(listener: (r: SimRecord) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Arm every controller's periodic timers. Call once, after the initial objects exist. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const c of this.controllers.values()) {
      if (c.start) this.withActor(c.name, () => c.start?.(this.context(c, '')));
    }
    this.drain();
  }

  /** Run `fn` as an outside actor (the learner, a scenario timeline, a fault) at the current instant. */
  act<T>(actor: string, fn: () => T): T {
    const result = this.withActor(actor, fn);
    this.drain();
    return result;
  }

  /** Time of the next scheduled thing, or undefined when nothing will ever happen again. */
  nextEventTime(): number | undefined {
    return this.timers.peek()?.at;
  }

  /** Advance to the next instant at which something is scheduled and process it. False when idle. */
  step(): boolean {
    const next = this.timers.peek();
    if (!next) return false;
    this.runUntil(next.at);
    return true;
  }

  /** Process every timer due at or before `t`, then leave the clock at `t`. */
  runUntil(t: number): void {
    this.drain();
    for (let next = this.timers.peek(); next && next.at <= t; next = this.timers.peek()) {
      this._now = Math.max(this._now, next.at);
      while (this.timers.peek()?.at === next.at) {
        const timer = this.timers.pop() as Timer;
        this.enqueue(timer.controller, timer.key);
      }
      this.drain();
    }
    this._now = Math.max(this._now, t);
  }

  isDown(component: Component): boolean {
    return this.componentsDown.has(component);
  }

  /** Stop or restart a component. Keys that arrive while it is down are parked and run on recovery. */
  setComponentDown(component: Component, down: boolean): void {
    this.markComponent(component, down);
    if (!down) this.drain();
  }

  /**
   * The bookkeeping of setComponentDown without draining (safe inside a reconcile). On recovery the parked
   * keys run, and every object its controllers watch is offered again (an informer's relist), so the loops
   * catch up level-based on whatever changed meanwhile. The API server takes writes only while both
   * kube-apiserver and etcd are up.
   */
  private markComponent(component: Component, down: boolean): void {
    if (down) this.componentsDown.add(component);
    else if (this.componentsDown.delete(component)) {
      const parked = [...this.parked];
      this.parked = new Set();
      for (const entry of parked) {
        const [name = '', key = ''] = entry.split('\u0000');
        if (this.controllers.get(name)?.component === component) this.enqueue(name, key);
        else this.parked.add(entry);
      }
      this.resync(component);
    }
    this.api.available = !this.componentsDown.has('kube-apiserver') && !this.componentsDown.has('etcd');
  }

  private resync(component: Component): void {
    for (const [kind, watchers] of this.objectWatches) {
      const mine = watchers.filter((w) => w.controller.component === component);
      if (!mine.length) continue;
      for (const obj of this.store.list(kind as Kind)) {
        for (const { controller, watch } of mine) {
          for (const k of watch.keys(obj, this.store)) this.enqueue(controller.name, k);
          if (watch.changed)
            for (const k of watch.changed(obj, obj, this.store)) this.enqueue(controller.name, k);
        }
      }
    }
  }

  /** The runtime entry `control-plane` (world/controlplane.ts writes it) decides which control-plane components run. */
  private followControlPlane(state: ComponentsDown | undefined): void {
    const down = new Set<Component>(state?.down ?? []);
    for (const c of ['kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager'] as const) {
      if (down.has(c) !== this.componentsDown.has(c)) this.markComponent(c, down.has(c));
    }
  }

  /** Wake a controller for a key at a later simulated time. */
  schedule(at: number, controller: string, key: string): void {
    this.timers.add(Math.max(at, this._now), controller, key);
  }

  enqueue(controller: string, key: string): void {
    const entry = `${controller}\u0000${key}`;
    if (this.queued.has(entry)) return;
    this.queued.add(entry);
    this.queue.push(entry);
  }

  snapshot(): SimSnapshot {
    this.drain();
    return {
      now: this._now,
      store: this.store.snapshot(),
      timers: this.timers.snapshot(),
      rng: this.rng.snapshot,
      parked: [...this.parked],
      componentsDown: [...this.componentsDown],
    };
  }

  restore(s: SimSnapshot): void {
    this._now = s.now;
    this.store.restore(s.store);
    this.timers.restore(s.timers);
    this.rng.restore(s.rng);
    this.parked = new Set(s.parked);
    this.componentsDown = new Set(s.componentsDown);
    this.api.available = !this.componentsDown.has('kube-apiserver') && !this.componentsDown.has('etcd');
    this.queue = [];
    this.queueHead = 0;
    this.queued.clear();
    this.started = true;
  }

  private withActor<T>(actor: string, fn: () => T): T {
    const prev = this.actor;
    this.actor = actor;
    try {
      return fn();
    } finally {
      this.actor = prev;
    }
  }

  private drain(): void {
    let count = 0;
    while (this.queueHead < this.queue.length) {
      const entry = this.queue[this.queueHead++] as string;
      this.queued.delete(entry);
      const sep = entry.indexOf('\u0000');
      const c = this.controllers.get(entry.slice(0, sep));
      if (!c) continue;
      const key = entry.slice(sep + 1);
      if (this.componentsDown.has(c.component)) {
        this.parked.add(entry);
        continue;
      }
      if (++count > MAX_RECONCILES_PER_INSTANT) {
        throw new Error(`controllers did not settle at t=${this._now}s (last: ${c.name} ${key})`);
      }
      this.withActor(c.name, () => {
        try {
          c.reconcile(key, this.context(c, key));
        } catch (e) {
          // A failed write is retried later, as a real controller's rate-limited work queue would.
          if (e instanceof ApiError) this.schedule(this._now + 1, c.name, key);
          else throw e;
        }
      });
      if (this.queueHead > 4096 && this.queueHead * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.queueHead);
        this.queueHead = 0;
      }
    }
    this.queue = [];
    this.queueHead = 0;
  }

  /**
   * A context acting for `controller` outside a reconcile: faults and inputs use it so that their follow-up
   * timers wake the right controller. Writes made through it are attributed to the current actor.
   */
  contextFor(controller: string, key = ''): ReconcileContext {
    const c = this.controllers.get(controller);
    if (!c) throw new Error(`unknown controller ${controller}`);
    return this.context(c, key);
  }

  private context(c: Controller, key: string): ReconcileContext {
    return {
      now: this._now,
      api: this.api,
      store: this.store,
      rng: this.rng,
      config: this.config,
      requeueAfter: (seconds, k = key) => this.schedule(this._now + seconds, c.name, k),
      enqueue: (controller, k) => this.enqueue(controller, k),
    };
  }

  private dispatch(d: Diff): void {
    const r: SimRecord = { t: this._now, actor: this.actor, diff: d };
    for (const l of this.listeners) l(r);
    if (d.type === 'runtime') {
      if (d.key === CONTROL_PLANE_KEY) this.followControlPlane(d.to as ComponentsDown | undefined);
      for (const { controller, watch } of this.runtimeWatches) {
        if (d.key.startsWith(watch.runtimePrefix))
          for (const k of watch.keys(d.key, this.store)) this.enqueue(controller.name, k);
      }
      return;
    }
    const watchers = this.objectWatches.get(d.kind);
    if (!watchers) return;
    for (const { controller, watch } of watchers) {
      if (watch.changed) {
        const from = d.type === 'added' ? undefined : d.from;
        for (const k of watch.changed(from, d.type === 'removed' ? undefined : d.to, this.store))
          this.enqueue(controller.name, k);
      }
      if (d.type === 'updated') {
        const a = [...watch.keys(d.from, this.store)];
        for (const k of a) this.enqueue(controller.name, k);
        for (const k of watch.keys(d.to, this.store)) if (!a.includes(k)) this.enqueue(controller.name, k);
      } else {
        for (const k of watch.keys(d.type === 'added' ? d.to : d.from, this.store))
          this.enqueue(controller.name, k);
      }
    }
  }
}
