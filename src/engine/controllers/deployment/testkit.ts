/**
 * Test support for the Deployment controller: an API server over a fresh store, one reconcile at a time,
 * and the ReplicaSet controller's part (status) played by hand. Used only by the *.test.ts files.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { ApiServer } from '../../api/apiserver';
import { Store } from '../../api/store';
import type { Pod } from '../../api/types';
import { Rng, seedRng } from '../../base/rng';
import type { ReconcileContext } from '../../sim/controller';
import { deploymentController } from '../deployment';
import { splitReplicaSets } from './history';
import { specReplicas, sumSpec } from './util';

export interface DeploymentOpts {
  readonly replicas?: number;
  readonly image?: string;
  readonly strategy?: 'RollingUpdate' | 'Recreate';
  readonly maxSurge?: number | string;
  readonly maxUnavailable?: number | string;
  readonly revisionHistoryLimit?: number;
  readonly progressDeadlineSeconds?: number;
  readonly minReadySeconds?: number;
  readonly paused?: boolean;
}

export function deploymentObject(name: string, o: DeploymentOpts = {}): Deployment {
  const rolling =
    o.maxSurge !== undefined || o.maxUnavailable !== undefined
      ? {
          rollingUpdate: {
            ...(o.maxSurge !== undefined ? { maxSurge: o.maxSurge } : {}),
            ...(o.maxUnavailable !== undefined ? { maxUnavailable: o.maxUnavailable } : {}),
          },
        }
      : {};
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas: o.replicas ?? 3,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image: o.image ?? 'web:1' }] },
      },
      strategy: o.strategy === 'Recreate' ? { type: 'Recreate' } : { type: 'RollingUpdate', ...rolling },
      ...(o.revisionHistoryLimit !== undefined ? { revisionHistoryLimit: o.revisionHistoryLimit } : {}),
      ...(o.progressDeadlineSeconds !== undefined
        ? { progressDeadlineSeconds: o.progressDeadlineSeconds }
        : {}),
      ...(o.minReadySeconds !== undefined ? { minReadySeconds: o.minReadySeconds } : {}),
      ...(o.paused ? { paused: true } : {}),
    },
  };
}

export class Harness {
  now = 0;
  readonly store = new Store();
  readonly api = new ApiServer(this.store, () => this.now, new Rng(seedRng(7)));
  readonly requeues: { at: number; key: string }[] = [];

  constructor() {
    this.api.create('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  }

  context(key: string): ReconcileContext {
    const now = this.now;
    return {
      now,
      api: this.api,
      store: this.store,
      rng: new Rng(seedRng(1)),
      config: { seed: 1, images: {} },
      requeueAfter: (seconds, k = key) => this.requeues.push({ at: now + seconds, key: k }),
      enqueue: () => {},
    };
  }

  /** One reconcile of the deployment controller. */
  sync(name = 'web'): void {
    deploymentController.reconcile(`default/${name}`, this.context(`default/${name}`));
  }

  create(name: string, o: DeploymentOpts = {}): Deployment {
    return this.api.create('Deployment', deploymentObject(name, o));
  }

  d(name = 'web'): Deployment {
    return this.api.read('Deployment', 'default', name);
  }

  /** Edit the Deployment's spec (a user's `kubectl edit`). */
  edit(
    fn: (spec: NonNullable<Deployment['spec']>) => NonNullable<Deployment['spec']>,
    name = 'web',
  ): Deployment {
    const d = this.d(name);
    return this.api.update('Deployment', { ...d, spec: fn(d.spec as NonNullable<Deployment['spec']>) });
  }

  setImage(image: string, name = 'web'): Deployment {
    return this.edit(
      (spec) => ({
        ...spec,
        template: { ...spec.template, spec: { ...spec.template.spec, containers: [{ name: 'app', image }] } },
      }),
      name,
    );
  }

  rss(name = 'web'): ReplicaSet[] {
    const uid = this.d(name).metadata?.uid ?? '';
    return this.store.listByOwner('ReplicaSet', uid);
  }

  rs(rsName: string): ReplicaSet {
    return this.api.read('ReplicaSet', 'default', rsName);
  }

  /** The new ReplicaSet and the old ones, as the controller splits them. */
  split(name = 'web'): { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] } {
    return splitReplicaSets(this.d(name), this.rss(name));
  }

  /** (Σ old spec, new spec). */
  sizes(name = 'web'): [number, number] {
    const { newRS, oldRSs } = this.split(name);
    return [sumSpec(oldRSs), specReplicas(newRS)];
  }

  setStatus(rs: ReplicaSet, replicas: number, ready: number, available: number): ReplicaSet {
    const cur = this.rs(rs.metadata?.name ?? '');
    return this.api.updateStatus('ReplicaSet', {
      ...cur,
      status: {
        replicas,
        readyReplicas: ready,
        availableReplicas: available,
        observedGeneration: cur.metadata?.generation ?? 0,
      },
    });
  }

  /**
   * The ReplicaSet controller catching up: every ReplicaSet has spec.replicas pods; they are available unless
   * `broken` says that ReplicaSet's pods never become ready.
   */
  catchUp(broken: (rs: ReplicaSet) => boolean = () => false, name = 'web'): void {
    for (const rs of this.rss(name)) {
      const n = specReplicas(rs);
      const ok = broken(rs) ? 0 : n;
      this.setStatus(rs, n, ok, ok);
    }
  }

  /** ScalingReplicaSet (and other) event messages from the deployment controller, oldest first. */
  events(reason = 'ScalingReplicaSet'): string[] {
    return this.store
      .list('Event')
      .filter((e) => e.reason === reason && e.source?.component === 'deployment-controller')
      .map((e) => e.message ?? '');
  }

  condition(type: string, name = 'web') {
    return this.d(name).status?.conditions?.find((c) => c.type === type);
  }

  /** A pod owned by `rs`, put straight into the store (no kubelet or scheduler here). */
  addPod(rs: ReplicaSet, suffix: string, phase = 'Running'): Pod {
    return this.store.put({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${rs.metadata?.name ?? ''}-${suffix}`,
        namespace: 'default',
        uid: `pod-${rs.metadata?.name ?? ''}-${suffix}`,
        labels: { ...rs.spec?.template?.metadata?.labels },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: rs.metadata?.name ?? '',
            uid: rs.metadata?.uid ?? '',
            controller: true,
          },
        ],
      },
      spec: { containers: [{ name: 'app', image: 'x' }] },
      status: { phase },
    });
  }

  /**
   * Reconcile, let statuses catch up, and repeat until a reconcile changes no ReplicaSet size. Returns every
   * distinct (old, new) pair seen after each size write, starting with the state before.
   */
  rollout(
    broken: (rs: ReplicaSet) => boolean = () => false,
    name = 'web',
    maxSyncs = 60,
  ): [number, number][] {
    const seen: [number, number][] = [this.sizes(name)];
    const off = this.store.onDiff((diff) => {
      if (diff.type === 'runtime' || diff.kind !== 'ReplicaSet') return;
      if (
        diff.type === 'updated' &&
        specReplicas(diff.from as ReplicaSet) === specReplicas(diff.to as ReplicaSet)
      )
        return;
      const s = this.sizes(name);
      const last = seen[seen.length - 1];
      if (!last || last[0] !== s[0] || last[1] !== s[1]) seen.push(s);
    });
    try {
      for (let i = 0; i < maxSyncs; i++) {
        const before = seen.length;
        this.sync(name);
        this.catchUp(broken, name);
        if (seen.length === before) {
          // One more pass so status and conditions settle on the final state.
          this.sync(name);
          break;
        }
      }
    } finally {
      off();
    }
    return seen;
  }
}
