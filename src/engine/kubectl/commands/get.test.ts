import { describe, expect, it } from 'vitest';
import { timestamp } from '../../api/meta';
import type { KubeObject } from '../../api/types';
import { bare, kubectl } from '../testkit';

function sim() {
  const s = bare(90);
  const pod = (name: string, ns: string, labels: Record<string, string>) =>
    ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: ns, labels, creationTimestamp: timestamp(0), uid: `u-${name}` },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
      status: { phase: 'Pending' },
    }) as KubeObject;
  s.store.put(pod('web-1', 'default', { app: 'web' }));
  s.store.put(pod('db-1', 'default', { app: 'db' }));
  s.store.put(pod('dns-1', 'kube-system', { app: 'dns' }));
  s.store.put({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: timestamp(30) },
    spec: { clusterIP: '10.96.0.10', type: 'ClusterIP', ports: [{ port: 80, protocol: 'TCP' }] },
  } as KubeObject);
  return s;
}

describe('kubectl get: outputs', () => {
  it('-o name prefixes kind (and group)', () => {
    expect(kubectl(sim(), 'get pods,svc -o name').stdout).toBe('pod/db-1\npod/web-1\nservice/web');
  });

  it('-o yaml of one named object: the object itself, keys sorted, timestamps quoted', () => {
    expect(kubectl(sim(), 'get svc web -o yaml').stdout).toBe(
      `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: "2026-01-01T09:00:30Z"
  name: web
  namespace: default
  resourceVersion: "4"
spec:
  clusterIP: 10.96.0.10
  ports:
  - port: 80
    protocol: TCP
  type: ClusterIP`,
    );
  });

  it('-o json of a list query: a List with four-space indentation', () => {
    expect(kubectl(sim(), 'get svc -o json').stdout).toBe(`{
    "apiVersion": "v1",
    "items": [
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {
                "creationTimestamp": "2026-01-01T09:00:30Z",
                "name": "web",
                "namespace": "default",
                "resourceVersion": "4"
            },
            "spec": {
                "clusterIP": "10.96.0.10",
                "ports": [
                    {
                        "port": 80,
                        "protocol": "TCP"
                    }
                ],
                "type": "ClusterIP"
            }
        }
    ],
    "kind": "List",
    "metadata": {
        "resourceVersion": ""
    }
}`);
  });

  it('-o yaml with nothing found prints an empty List and no "No resources" line', () => {
    const r = kubectl(sim(), 'get deploy -o yaml');
    expect(r).toEqual({
      stdout: 'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""',
      stderr: '',
      exitCode: 0,
    });
  });

  it('several kinds: one table each, names prefixed, a blank line between', () => {
    expect(kubectl(sim(), 'get po,svc').stdout).toBe(
      `NAME        READY   STATUS    RESTARTS   AGE
pod/db-1    0/1     Pending   0          90s
pod/web-1   0/1     Pending   0          90s

NAME          TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
service/web   ClusterIP   10.96.0.10   <none>        80/TCP    60s`,
    );
  });

  it('-A adds NAMESPACE; -n picks a namespace', () => {
    expect(kubectl(sim(), 'get pods -A').stdout).toBe(
      `NAMESPACE     NAME    READY   STATUS    RESTARTS   AGE
default       db-1    0/1     Pending   0          90s
default       web-1   0/1     Pending   0          90s
kube-system   dns-1   0/1     Pending   0          90s`,
    );
    expect(kubectl(sim(), 'get pods -n kube-system -o name').stdout).toBe('pod/dns-1');
  });

  it('-l selects by label; --field-selector by field; --sort-by orders', () => {
    expect(kubectl(sim(), 'get pods -l app!=web -A -o name').stdout).toBe('pod/db-1\npod/dns-1');
    expect(kubectl(sim(), "get pods -A -l 'app in (web,dns)' -o name").stdout).toBe('pod/web-1\npod/dns-1');
    expect(kubectl(sim(), 'get pods --field-selector metadata.name=web-1 -o name').stdout).toBe('pod/web-1');
    expect(kubectl(sim(), 'get pods -A --sort-by=.metadata.namespace -o name').stdout).toBe(
      'pod/db-1\npod/web-1\npod/dns-1',
    );
  });

  it('"No resources found" on stderr, naming the namespace when all kinds are namespaced', () => {
    expect(kubectl(sim(), 'get deploy')).toEqual({
      stdout: '',
      stderr: 'No resources found in default namespace.',
      exitCode: 0,
    });
    expect(kubectl(sim(), 'get pods -n dev').stderr).toBe('No resources found in dev namespace.');
    expect(kubectl(sim(), 'get deploy -A').stderr).toBe('No resources found');
    expect(kubectl(sim(), 'get nodes').stderr).toBe('No resources found');
  });

  it('errors: not found (other objects still print), missing type, unknown type, bad -o', () => {
    const r = kubectl(sim(), 'get pods web-1 nope');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^NAME {4}READY/);
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found');
    expect(kubectl(sim(), 'get deployment/web').stderr).toBe(
      'Error from server (NotFound): deployments.apps "web" not found',
    );
    expect(kubectl(sim(), 'get').stderr).toMatch(
      /^You must specify the type of resource to get\. Use "kubectl api-resources" for a complete list of supported resources\.\n\nerror: Required resource not specified\./,
    );
    expect(kubectl(sim(), 'get podz').stderr).toBe('error: the server doesn\'t have a resource type "podz"');
    expect(kubectl(sim(), 'get pods -o table').stderr).toMatch(
      /^error: unable to match a printer suitable for the output format "table"/,
    );
    expect(kubectl(sim(), 'get pods nope --ignore-not-found')).toEqual({
      stdout: '',
      stderr: '',
      exitCode: 0,
    });
  });
});

describe('kubectl api-resources', () => {
  it('lists every kind with short names, core group first', () => {
    const lines = kubectl(bare(), 'api-resources').stdout.split('\n');
    expect(lines[0]).toBe(
      'NAME                       SHORTNAMES   APIVERSION               NAMESPACED   KIND',
    );
    expect(lines[1]).toBe(
      'configmaps                 cm           v1                       true         ConfigMap',
    );
    expect(lines).toContain(
      'deployments                deploy       apps/v1                  true         Deployment',
    );
    // metrics-server's metrics.k8s.io is part of the API, as on a cluster that runs it.
    expect(lines).toContain(
      'pods                                    metrics.k8s.io/v1beta1   true         PodMetrics',
    );
    expect(lines).toHaveLength(23);
    expect(kubectl(bare(), 'api-resources --namespaced=false -o name').stdout).toBe(
      'namespaces\nnodes\npersistentvolumes\nnodes.metrics.k8s.io',
    );
  });
});
