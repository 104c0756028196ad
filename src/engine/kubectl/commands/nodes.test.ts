/** cordon, uncordon, drain, delete, label and annotate: output and effect. */
import { describe, expect, it } from 'vitest';
import { timestamp } from '../../api/meta';
import type { KubeObject, Node, Pod } from '../../api/types';
import type { Simulation } from '../../sim/simulation';
import { bare, cluster, kubectl } from '../testkit';

function podsOn(sim: Simulation, node: string): Pod[] {
  return sim.store.podsOnNode(node);
}

function node(sim: Simulation, name: string): Node {
  return sim.store.get('Node', undefined, name) as Node;
}

describe('kubectl cordon / uncordon', () => {
  it('marks a node unschedulable and back, saying so when nothing changes', () => {
    const sim = cluster();
    expect(kubectl(sim, 'cordon node-1').stdout).toBe('node/node-1 cordoned');
    expect(node(sim, 'node-1').spec?.unschedulable).toBe(true);
    expect(kubectl(sim, 'cordon node-1').stdout).toBe('node/node-1 already cordoned');
    expect(kubectl(sim, 'get nodes node-1').stdout).toMatch(
      /\nnode-1 {3}Ready,SchedulingDisabled {3}<none> {3}60s {3}v1\.34\.2$/,
    );
    expect(kubectl(sim, 'uncordon node-1').stdout).toBe('node/node-1 uncordoned');
    expect(node(sim, 'node-1').spec?.unschedulable).toBeUndefined();
    expect(kubectl(sim, 'uncordon node-1').stdout).toBe('node/node-1 already uncordoned');
    expect(kubectl(sim, 'cordon node-9').stderr).toBe(
      'Error from server (NotFound): nodes "node-9" not found',
    );
  });
});

describe('kubectl drain', () => {
  it('cordons, evicts every pod (graceful), and the Deployment replaces them elsewhere', () => {
    const sim = cluster();
    const victims = podsOn(sim, 'node-2')
      .map((p) => p.metadata?.name ?? '')
      .sort();
    expect(victims.length).toBeGreaterThan(0);
    const r = kubectl(sim, 'drain node-2 --ignore-daemonsets');
    expect(r).toEqual({
      stdout: [
        'node/node-2 cordoned',
        ...victims.map((v) => `evicting pod default/${v}`),
        ...victims.map((v) => `pod/${v} evicted`),
        'node/node-2 drained',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    });
    expect(node(sim, 'node-2').spec?.unschedulable).toBe(true);
    expect(podsOn(sim, 'node-2').every((p) => p.metadata?.deletionTimestamp !== undefined)).toBe(true);
    sim.runUntil(sim.now + 60);
    expect(podsOn(sim, 'node-2')).toHaveLength(0);
    const running = sim.store.list('Pod', 'default').filter((p) => p.status?.phase === 'Running');
    expect(running).toHaveLength(3);
  });

  it("refuses DaemonSet pods and bare pods with kubectl's messages; --force and --ignore-daemonsets warn", () => {
    const sim = bare(10);
    sim.store.put({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-1', creationTimestamp: timestamp(0) },
      spec: {},
    } as KubeObject);
    const pod = (name: string, owner?: string) =>
      ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace: 'default',
          creationTimestamp: timestamp(0),
          ...(owner
            ? {
                ownerReferences: [
                  { apiVersion: 'apps/v1', kind: owner, name: 'x', uid: 'u', controller: true },
                ],
              }
            : {}),
        },
        spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'i' }] },
        status: { phase: 'Running' },
      }) as KubeObject;
    sim.store.put(pod('agent-x', 'DaemonSet'));
    sim.store.put(pod('bare'));
    sim.store.put(pod('web-1', 'ReplicaSet'));
    const refused = kubectl(sim, 'drain node-1');
    expect(refused.exitCode).toBe(1);
    expect(refused.output).toBe(
      [
        'node/node-1 cordoned',
        'error: unable to drain node "node-1" due to error: [cannot delete Pods declare no controller (use --force to override): default/bare, cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/agent-x], continuing command...',
        'There are pending nodes to be drained:',
        ' node-1',
        'cannot delete Pods declare no controller (use --force to override): default/bare',
        'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/agent-x',
      ].join('\n'),
    );
    expect(sim.store.list('Pod').every((p) => !p.metadata?.deletionTimestamp)).toBe(true);
    const forced = kubectl(sim, 'drain node-1 --ignore-daemonsets --force');
    expect(forced.output).toBe(
      [
        'node/node-1 already cordoned',
        'Warning: deleting Pods that declare no controller: default/bare; ignoring DaemonSet-managed Pods: default/agent-x',
        'evicting pod default/bare',
        'evicting pod default/web-1',
        'pod/bare evicted',
        'pod/web-1 evicted',
        'node/node-1 drained',
      ].join('\n'),
    );
    expect(forced.stderr).toBe(
      'Warning: deleting Pods that declare no controller: default/bare; ignoring DaemonSet-managed Pods: default/agent-x',
    );
    expect(sim.store.get('Pod', 'default', 'agent-x')?.metadata?.deletionTimestamp).toBeUndefined();
    expect(sim.store.get('Pod', 'default', 'web-1')?.metadata?.deletionTimestamp).toBe(timestamp(40));
  });
});

describe('kubectl delete', () => {
  it('deletes a pod gracefully; the ReplicaSet replaces it at once', () => {
    const sim = cluster();
    const name = sim.store.list('Pod', 'default')[0]?.metadata?.name ?? '';
    expect(kubectl(sim, `delete pod ${name}`)).toEqual({
      stdout: `pod "${name}" deleted`,
      stderr: '',
      exitCode: 0,
    });
    expect(kubectl(sim, `get pod ${name} --no-headers`).stdout).toMatch(/ {3}Terminating {3}/);
    expect(sim.store.list('Pod', 'default').filter((p) => !p.metadata?.deletionTimestamp)).toHaveLength(3);
  });

  it('--force --grace-period=0 warns and removes at once; -l and several names; not found', () => {
    const sim = cluster();
    const names = sim.store
      .list('Pod', 'default')
      .map((p) => p.metadata?.name ?? '')
      .sort();
    const r = kubectl(sim, 'delete pods -l app=web --force --grace-period=0');
    expect(r.stderr).toBe(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
    );
    expect(r.stdout).toBe(names.map((n) => `pod "${n}" force deleted`).join('\n'));
    for (const n of names) expect(sim.store.get('Pod', 'default', n)).toBeUndefined();
    const mixed = kubectl(sim, 'delete deployment web nope');
    expect(mixed.output).toBe(
      'deployment.apps "web" deleted\nError from server (NotFound): deployments.apps "nope" not found',
    );
    expect(mixed.exitCode).toBe(1);
    expect(kubectl(sim, 'delete pods -l app=nothing').stdout).toBe('No resources found');
    expect(kubectl(sim, 'delete pods').stderr).toBe(
      'error: resource(s) were provided, but no name was specified',
    );
    expect(kubectl(sim, 'delete ns default').stderr).toBe(
      'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted',
    );
  });
});

describe('kubectl delete namespace', () => {
  it('marks it Terminating; the namespace controller empties it, then it is gone', () => {
    const sim = cluster();
    expect(kubectl(sim, 'create namespace shop').stdout).toBe('namespace/shop created');
    kubectl(sim, 'create deployment cart --image=shop:1.0 --replicas=2 -n shop');
    sim.runUntil(sim.now + 5);
    expect(kubectl(sim, 'get pods -n shop --no-headers').stdout.split('\n')).toHaveLength(2);
    expect(kubectl(sim, 'delete namespace shop').stdout).toBe('namespace "shop" deleted');
    const ns = sim.store.get('Namespace', undefined, 'shop');
    expect(ns === undefined || ns.status?.phase === 'Terminating').toBe(true);
    sim.runUntil(sim.now + 60);
    expect(sim.store.get('Namespace', undefined, 'shop')).toBeUndefined();
    expect(sim.store.list('Pod', 'shop')).toEqual([]);
  });
});

describe('kubectl label and annotate', () => {
  it('adds, refuses to overwrite, overwrites, removes', () => {
    const sim = cluster();
    const labels = () => sim.store.get('Deployment', 'default', 'web')?.metadata?.labels;
    expect(kubectl(sim, 'label deploy web tier=front').stdout).toBe('deployment.apps/web labeled');
    expect(labels()).toEqual({ app: 'web', tier: 'front' });
    expect(kubectl(sim, 'label deploy web tier=back')).toEqual({
      stdout: '',
      stderr: "error: 'tier' already has a value (front), and --overwrite is false",
      exitCode: 1,
    });
    expect(kubectl(sim, 'label deploy/web tier=back --overwrite').stdout).toBe('deployment.apps/web labeled');
    expect(labels()?.tier).toBe('back');
    expect(kubectl(sim, 'label deploy web tier-').stdout).toBe('deployment.apps/web unlabeled');
    expect(labels()).toEqual({ app: 'web' });
    expect(kubectl(sim, 'label deploy web tier-').stdout).toBe(
      'label "tier" not found.\ndeployment.apps/web not labeled',
    );
    expect(kubectl(sim, 'label deploy web').stderr).toBe('error: at least one label update is required');
  });

  it('labels every pod a selector matches, and annotates', () => {
    const sim = cluster();
    const out = kubectl(sim, 'label pods -l app=web canary=true').stdout.split('\n');
    expect(out).toHaveLength(3);
    expect(out.every((l) => /^pod\/web-\w+-\w+ labeled$/.test(l))).toBe(true);
    expect(kubectl(sim, 'get pods -l canary=true -o name').stdout.split('\n')).toHaveLength(3);
    expect(kubectl(sim, 'annotate deploy web note="hello world"').stdout).toBe(
      'deployment.apps/web annotated',
    );
    expect(sim.store.get('Deployment', 'default', 'web')?.metadata?.annotations?.note).toBe('hello world');
  });
});
