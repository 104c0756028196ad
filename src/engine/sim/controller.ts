/**
 * The one shape every simulated controller has, after controller-runtime: it is woken with a key, reads the
 * current state, and writes what closes the gap. It never trusts the change that woke it (level-based).
 * Controllers keep no private mutable state: anything they must remember lives in the store (objects and
 * their status) or in the store's runtime table, so a snapshot captures all of it and replay is exact.
 */
import type { ApiServer } from '../api/apiserver';
import type { Store } from '../api/store';
import type { Kind, KubeObject } from '../api/types';
import type { Rng } from '../base/rng';
import type { SimConfig } from './config';

/** Which part of the cluster runs a controller: the control plane ones stop during an outage. */
export type Component =
  'kube-apiserver' | 'etcd' | 'kube-scheduler' | 'kube-controller-manager' | 'kubelet' | 'simulation';

/**
 * The runtime entry that says which components cannot work now. The Simulation follows its `down` list
 * (parks their work, refuses API writes while kube-apiserver or etcd is down); world/controlplane.ts
 * writes it when a ControlPlaneOutage starts and ends.
 */
export const CONTROL_PLANE_KEY = 'control-plane';

export interface ComponentsDown {
  readonly down: readonly Component[];
}

export interface ReconcileContext {
  readonly now: number;
  readonly api: ApiServer;
  readonly store: Store;
  readonly rng: Rng;
  readonly config: SimConfig;
  /** Wake this controller again for `key` (default: the key being reconciled) after `seconds`. */
  requeueAfter(seconds: number, key?: string): void;
  /** Wake another controller for a key now (after the current reconcile). */
  enqueue(controller: string, key: string): void;
}

/** Maps a changed object to the keys of this controller to reconcile. */
export interface ObjectWatch {
  readonly kind: Kind;
  keys(obj: KubeObject, store: Store): Iterable<string>;
  /**
   * Optional, called once per change in addition to `keys`, with both sides of it (`from` undefined: added;
   * `to` undefined: removed), for watches that react only to some transitions (the scheduler's queueing hints).
   */
  changed?(from: KubeObject | undefined, to: KubeObject | undefined, store: Store): Iterable<string>;
}

/** Maps a changed runtime entry (see Store.setRuntime) to keys. */
export interface RuntimeWatch {
  readonly runtimePrefix: string;
  keys(key: string, store: Store): Iterable<string>;
}

export type WatchSpec = ObjectWatch | RuntimeWatch;

export interface Controller {
  /** The real component's name, e.g. 'replicaset-controller', used in events and the UI. */
  readonly name: string;
  readonly component: Component;
  readonly watches: readonly WatchSpec[];
  /** Called once when a simulation starts, to arm periodic timers (heartbeats, monitor periods). */
  start?(ctx: ReconcileContext): void;
  reconcile(key: string, ctx: ReconcileContext): void;
}

/** The usual watch: an object's own "namespace/name" is the key. */
export function watchSelf(kind: Kind): ObjectWatch {
  return {
    kind,
    keys: (obj) => [
      obj.metadata?.namespace
        ? `${obj.metadata.namespace}/${obj.metadata.name ?? ''}`
        : (obj.metadata?.name ?? ''),
    ],
  };
}

/** A dependent's change wakes its controlling owner of kind `ownerKind` ("namespace/ownerName"). */
export function watchOwned(kind: Kind, ownerKind: string): ObjectWatch {
  return {
    kind,
    keys: (obj) => {
      const ref = obj.metadata?.ownerReferences?.find((o) => o.controller === true && o.kind === ownerKind);
      return ref ? [`${obj.metadata?.namespace ?? ''}/${ref.name}`] : [];
    },
  };
}
