/**
 * The simulated API server: the single front door to the store. Create and update run defaulting,
 * admission and validation; every write gets uid, resourceVersion, generation and timestamps as a real
 * API server assigns them; pod deletion is graceful (deletionTimestamp, then the kubelet finishes it).
 * It also records Events, aggregated like client-go's event correlator (same object, reason and message
 * bump `count` and `lastTimestamp`).
 */
import './kinds';
import { admissionFor, createPlugins } from './admission';
import { alreadyExists, ApiError, invalid, notFound, qualifiedResource } from './errors';
import type { FieldError } from './errors';
import { timestamp } from './meta';
import type { Store } from './store';
import type { Event, Kind, KindMap, KubeObject, Namespace, Pod } from './types';
import { KIND_INFO } from './types';
import { fnv32a } from '../base/hash';
import type { Rng } from '../base/rng';

export interface DeleteOptions {
  /** Seconds of grace for a pod; 0 with `force` removes it at once, as `kubectl delete --grace-period=0 --force`. */
  readonly gracePeriodSeconds?: number;
}

export interface EventSource {
  readonly component: string;
  readonly host?: string;
}

/** Kinds whose spec changes bump metadata.generation (the controllers report observedGeneration). */
const GENERATION_KINDS: ReadonlySet<Kind> = new Set<Kind>([
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
]);

/** Kubernetes' limit on an object's serialised size (etcd's request limit is about 1.5 MiB). */
export const MAX_OBJECT_BYTES = 1024 * 1024;

/** kubectl's words when nothing answers at the API server's address (the in-cluster `kubernetes` Service). */
export const API_SERVER_ADDRESS = '10.96.0.1:6443';
export function connectionRefusedMessage(address = API_SERVER_ADDRESS): string {
  return `The connection to the server ${address} was refused - did you specify the right host or port?`;
}

/** Namespaces the NamespaceLifecycle plugin never lets anyone delete. */
const IMMORTAL_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public']);

export class ApiServer {
  /**
   * False while the simulated kube-apiserver (or etcd behind it) is down: every write fails with
   * ServiceUnavailable, except those made inside `asSimulation`. Reads keep coming from the store.
   */
  available = true;
  private simulationWrites = 0;

  constructor(
    readonly store: Store,
    private readonly clock: () => number,
    private readonly rng: Rng,
  ) {}

  get now(): number {
    return this.clock();
  }

  /** Run `fn` as the simulation itself (faults, bookkeeping): its writes succeed even during an outage. */
  asSimulation<T>(fn: () => T): T {
    this.simulationWrites++;
    try {
      return fn();
    } finally {
      this.simulationWrites--;
    }
  }

  /** Whether a write made now reaches the store. */
  get writable(): boolean {
    return this.available || this.simulationWrites > 0;
  }

  private checkAvailable(): void {
    if (!this.writable) throw new ApiError('ServiceUnavailable', connectionRefusedMessage());
  }

  get<K extends Kind>(kind: K, namespace: string | undefined, name: string): KindMap[K] | undefined {
    return this.store.get(kind, namespace, name);
  }

  /** Like `get`, but a missing object is a NotFound error, as from a real API server. */
  read<K extends Kind>(kind: K, namespace: string | undefined, name: string): KindMap[K] {
    const o = this.store.get(kind, namespace, name);
    if (!o) throw notFound(kind, name);
    return o;
  }

  /** Defaults, admits and validates `obj` without storing it (server-side dry run). */
  prepare<K extends Kind>(kind: K, input: KindMap[K], old?: KindMap[K]): KindMap[K] {
    const adm = admissionFor(kind);
    const ctx = { now: this.now, old, store: this.store };
    let obj = { ...input, kind, apiVersion: KIND_INFO[kind].apiVersion } as KindMap[K];
    const name = obj.metadata?.name ?? '';
    const errors: FieldError[] = [];
    if (!name && !obj.metadata?.generateName)
      errors.push({ type: 'Required', field: 'metadata.name', detail: 'name or generateName is required' });
    if (errors.length) throw invalid(kind, name, errors);
    if (adm?.default) obj = adm.default(obj, ctx);
    if (adm?.admit) obj = adm.admit(obj, ctx);
    const v = adm?.validate?.(obj, ctx) ?? [];
    if (v.length) throw invalid(kind, name, v);
    return obj;
  }

  create<K extends Kind>(kind: K, input: KindMap[K]): KindMap[K] {
    this.checkAvailable();
    const ns = KIND_INFO[kind].namespaced ? (input.metadata?.namespace ?? 'default') : undefined;
    let name = input.metadata?.name ?? '';
    if (!name && input.metadata?.generateName) {
      do name = input.metadata.generateName + this.rng.suffix(5);
      while (this.store.get(kind, ns, name));
    }
    const withName = {
      ...input,
      metadata: { ...input.metadata, name, ...(ns ? { namespace: ns } : {}) },
    } as KindMap[K];
    if (ns && kind !== 'Event' && !this.store.get('Namespace', undefined, ns)) {
      throw new ApiError('NotFound', `namespaces "${ns}" not found`);
    }
    if (ns && kind !== 'Event') {
      // NamespaceLifecycle (a mutating plugin: the name is not generated yet, so generateName shows).
      const nsObj = this.store.get('Namespace', undefined, ns);
      if (nsObj?.status?.phase === 'Terminating') {
        throw new ApiError(
          'Forbidden',
          `${qualifiedResource(kind)} "${input.metadata?.name || input.metadata?.generateName || 'Unknown'}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
        );
      }
    }
    if (this.store.get(kind, ns, name)) throw alreadyExists(kind, name);
    // A Job's defaulting builds its selector from the uid (the batch strategy's generateSelector), so a Job
    // gets its uid before admission; every other kind draws it afterwards, as before.
    const early = kind === 'Job' ? this.rng.uuid() : undefined;
    const obj = this.prepare(
      kind,
      early ? ({ ...withName, metadata: { ...withName.metadata, uid: early } } as KindMap[K]) : withName,
    );
    const created = admissionFor(kind)?.prepareForCreate?.(obj) ?? obj;
    const meta = created.metadata ?? {};
    const { resourceVersion: _rv, deletionTimestamp: _dt, ...rest } = meta;
    const stored = {
      ...created,
      metadata: {
        ...rest,
        uid: early ?? this.rng.uuid(),
        creationTimestamp: timestamp(this.now),
        ...(GENERATION_KINDS.has(kind) ? { generation: 1 } : {}),
      },
    } as KindMap[K];
    this.checkSize(kind, stored);
    // Validating plugins that see the whole cluster (ResourceQuota); they may record what they admitted.
    const admitted = createPlugins().map((p) => p(kind, stored, { now: this.now, store: this.store }));
    const out = this.store.put(stored);
    for (const commit of admitted) commit?.();
    return out;
  }

  /**
   * Replace an object's spec and metadata (not its status). `resourceVersion`, when given, must match:
   * a stale write is a Conflict, exactly as optimistic concurrency works in Kubernetes.
   */
  update<K extends Kind>(kind: K, input: KindMap[K]): KindMap[K] {
    this.checkAvailable();
    const ns = input.metadata?.namespace;
    const name = input.metadata?.name ?? '';
    const cur = this.read(kind, ns, name);
    this.checkVersion(kind, input, cur);
    const obj = this.prepare(
      kind,
      { ...input, status: (cur as { status?: unknown }).status } as KindMap[K],
      cur,
    );
    const specChanged =
      JSON.stringify((obj as { spec?: unknown }).spec) !== JSON.stringify((cur as { spec?: unknown }).spec);
    const gen = cur.metadata?.generation;
    const next = {
      ...obj,
      metadata: {
        ...obj.metadata,
        uid: cur.metadata?.uid,
        creationTimestamp: cur.metadata?.creationTimestamp,
        ...(cur.metadata?.deletionTimestamp
          ? {
              deletionTimestamp: cur.metadata.deletionTimestamp,
              deletionGracePeriodSeconds: cur.metadata.deletionGracePeriodSeconds,
            }
          : {}),
        ...(gen !== undefined ? { generation: specChanged ? gen + 1 : gen } : {}),
      },
    } as KindMap[K];
    this.checkSize(kind, next);
    return this.store.put(next);
  }

  /** Write only `status` (the /status subresource): spec and metadata stay as stored. */
  updateStatus<K extends Kind>(kind: K, input: KindMap[K]): KindMap[K] {
    this.checkAvailable();
    const cur = this.read(kind, input.metadata?.namespace, input.metadata?.name ?? '');
    this.checkVersion(kind, input, cur);
    return this.store.put({ ...cur, status: (input as { status?: unknown }).status } as KindMap[K]);
  }

  /**
   * Delete an object. A pod bound to a node and not yet finished is deleted gracefully: it gets a
   * deletionTimestamp `grace` seconds ahead and stays (Terminating) until its kubelet confirms with a
   * zero-grace delete. Dependents are left to the garbage collector (background propagation).
   */
  delete(kind: Kind, namespace: string | undefined, name: string, opts: DeleteOptions = {}): void {
    this.checkAvailable();
    const cur = this.read(kind, namespace, name);
    if (kind === 'Namespace') {
      // A namespace with finalizers turns Terminating; the namespace controller empties and finalizes it.
      const ns = cur as Namespace;
      if (IMMORTAL_NAMESPACES.has(name)) {
        throw new ApiError(
          'Forbidden',
          `namespaces "${name}" is forbidden: this namespace may not be deleted`,
        );
      }
      if ((ns.spec?.finalizers ?? []).length > 0) {
        if (ns.metadata?.deletionTimestamp) return;
        this.store.put({
          ...ns,
          metadata: { ...ns.metadata, deletionTimestamp: timestamp(this.now), deletionGracePeriodSeconds: 0 },
          status: { ...ns.status, phase: 'Terminating' },
        });
        return;
      }
    }
    if (kind === 'Pod') {
      const pod = cur as Pod;
      const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
      let grace = opts.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
      if (!pod.spec?.nodeName || terminal) grace = 0;
      if (grace > 0) {
        const prev = pod.metadata?.deletionGracePeriodSeconds;
        // A second delete may shorten the grace period, never lengthen it.
        if (pod.metadata?.deletionTimestamp && prev !== undefined && prev <= grace) return;
        this.store.put({
          ...pod,
          metadata: {
            ...pod.metadata,
            deletionTimestamp: timestamp(this.now + grace),
            deletionGracePeriodSeconds: grace,
          },
        });
        return;
      }
    }
    this.store.remove(kind, namespace, name);
  }

  /** Record an Event about `involved`, aggregating repeats into one Event with a growing count. */
  recordEvent(
    involved: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    source: EventSource,
  ): Event {
    const kind = involved.kind as Kind;
    // client-go's event broadcaster drops what it cannot write; the caller never sees the failure.
    const dropped = !this.writable;
    const meta = involved.metadata ?? {};
    const namespace = KIND_INFO[kind].namespaced ? (meta.namespace ?? 'default') : 'default';
    const aggKey = `${kind}|${meta.uid ?? ''}|${type}|${reason}|${message}|${source.component}|${source.host ?? ''}`;
    const name = `${meta.name ?? ''}.${fnv32a(aggKey).toString(16).padStart(8, '0')}${fnv32a(`${aggKey}#`).toString(16).padStart(8, '0')}`;
    const now = timestamp(this.now);
    const existing = this.store.get('Event', namespace, name);
    if (dropped && existing) return existing;
    if (existing) {
      return this.store.put({ ...existing, count: (existing.count ?? 1) + 1, lastTimestamp: now });
    }
    const event: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace, uid: dropped ? '' : this.rng.uuid(), creationTimestamp: now },
      involvedObject: {
        kind,
        ...(KIND_INFO[kind].namespaced ? { namespace } : {}),
        name: meta.name ?? '',
        ...(meta.uid ? { uid: meta.uid } : {}),
        apiVersion: KIND_INFO[kind].apiVersion,
        ...(meta.resourceVersion ? { resourceVersion: meta.resourceVersion } : {}),
      },
      reason,
      message,
      type,
      source: source.host
        ? { component: source.component, host: source.host }
        : { component: source.component },
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
    };
    if (dropped) return event;
    return this.store.put(event);
  }

  private checkVersion(kind: Kind, input: KubeObject, cur: KubeObject): void {
    const rv = input.metadata?.resourceVersion;
    if (rv !== undefined && rv !== cur.metadata?.resourceVersion) {
      throw new ApiError(
        'Conflict',
        `Operation cannot be fulfilled on ${KIND_INFO[kind].plural} "${cur.metadata?.name ?? ''}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
  }

  private checkSize(kind: Kind, obj: KubeObject): void {
    if (kind === 'Event') return;
    // Only large objects could exceed the limit; a quick estimate avoids serialising every pod write.
    if (
      (obj.metadata?.annotations && Object.keys(obj.metadata.annotations).length > 0) ||
      kind === 'Deployment'
    ) {
      if (JSON.stringify(obj).length > MAX_OBJECT_BYTES) {
        throw new ApiError(
          'BadRequest',
          `${KIND_INFO[kind].plural} "${obj.metadata?.name ?? ''}" is too large: the object may not be larger than 1 MiB`,
        );
      }
    }
  }
}
