/** kubectl explain at several depths, --recursive, and its errors, in the v3 plaintext template's layout. */
import { describe, expect, it } from 'vitest';
import { runExplain } from './explain';
import { wrapString } from './explain/wordwrap';

describe('explain', () => {
  it('a kind: GROUP, KIND, VERSION, DESCRIPTION and the FIELDS list with types and descriptions', () => {
    const r = runExplain(['deployments'], false, '');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`GROUP:      apps
KIND:       Deployment
VERSION:    v1

DESCRIPTION:
    Deployment enables declarative updates for Pods and ReplicaSets.
    
FIELDS:
  apiVersion\t<string>
    APIVersion defines the versioned schema of this representation of an object.
    Servers should convert recognized schemas to the latest internal value, and
    may reject unrecognized values. More info:
    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources

  kind\t<string>
    Kind is a string value representing the REST resource this object
    represents. Servers may infer this from the endpoint the client submits
    requests to. Cannot be updated. In CamelCase. More info:
    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds

  metadata\t<ObjectMeta>
    Standard object's metadata. More info:
    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata

  spec\t<DeploymentSpec>
    Specification of the desired behavior of the Deployment.

  status\t<DeploymentStatus>
    Most recently observed status of the Deployment.

`);
  });

  it('a scalar field: FIELD with its type, then its description', () => {
    expect(runExplain(['deploy.spec.replicas'], false, '').stdout).toBe(`GROUP:      apps
KIND:       Deployment
VERSION:    v1

FIELD: replicas <integer>


DESCRIPTION:
    Number of desired pods. This is a pointer to distinguish between explicit
    zero and not specified. Defaults to 1.
    
`);
  });

  it('an object field reached through an array: the field and type descriptions, then its fields; core kinds have no GROUP', () => {
    const text = runExplain(['pod.spec.containers.resources'], false, '').stdout;
    expect(
      text.startsWith(
        'KIND:       Pod\nVERSION:    v1\n\nFIELD: resources <ResourceRequirements>\n\n\nDESCRIPTION:\n',
      ),
    ).toBe(true);
    expect(text).toContain(
      '    https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/\n    ResourceRequirements describes the compute resource requirements.\n    \nFIELDS:\n',
    );
    expect(text).toContain('  limits\t<map[string]Quantity>\n');
    expect(text).toContain('  claims\t<[]ResourceClaim>\n');
    expect(runExplain(['svc.spec.ports.targetPort'], false, '').stdout).toContain(
      'FIELD: targetPort <IntOrString>\n',
    );
    expect(runExplain(['deployment.spec'], false, '').stdout).toContain(
      '  selector\t<LabelSelector> -required-\n',
    );
  });

  it('--recursive lists nested field names only, indented by depth', () => {
    expect(runExplain(['deployment.spec.strategy'], true, '').stdout).toBe(`GROUP:      apps
KIND:       Deployment
VERSION:    v1

FIELD: strategy <DeploymentStrategy>


DESCRIPTION:
    The deployment strategy to use to replace existing pods with new ones.
    DeploymentStrategy describes how to replace existing pods with new ones.
    
FIELDS:
  rollingUpdate\t<RollingUpdateDeployment>
    maxSurge\t<IntOrString>
    maxUnavailable\t<IntOrString>
  type\t<string>
`);
  });

  it('errors: an unknown field names the last path element; an unknown resource; no argument', () => {
    expect(runExplain(['deployment.spec.replicass'], false, '')).toEqual({
      stdout: '',
      stderr: 'error: field "replicass" does not exist',
      exitCode: 1,
    });
    expect(runExplain(['deployment.spek.replicas'], false, '').stderr).toBe(
      'error: field "replicas" does not exist',
    );
    expect(runExplain(['deployment.spec.replicas.foo'], false, '').stderr).toBe(
      'error: field "foo" does not exist',
    );
    expect(runExplain(['widgets'], false, '').stderr).toBe(
      'error: the server doesn\'t have a resource type "widgets"',
    );
    expect(runExplain([], false, '').stderr).toMatch(
      /^error: You must specify the type of resource to explain\./,
    );
    expect(runExplain(['deployments.apps.spec'], false, 'apps/v1').stdout).toContain(
      'FIELD: spec <DeploymentSpec>',
    );
  });
});

describe('wrapString (go-wordwrap)', () => {
  it('breaks at spaces within the limit, keeps long words whole and existing newlines', () => {
    expect(wrapString('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(wrapString('aaa https://very-long-url.example/x bbb', 10)).toBe(
      'aaa\nhttps://very-long-url.example/x\nbbb',
    );
    expect(wrapString('one\n\ntwo three', 5)).toBe('one\n\ntwo\nthree');
  });
});
