/**
 * Discovery documents: /version, the legacy /api, /apis, /api/v1 and /apis/<group>[/<version>] lists, and
 * aggregated discovery (apidiscovery.k8s.io/v2 APIGroupDiscoveryList, one request for every group), which
 * kubectl asks for first with `Accept: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList`.
 */
import { KUBERNETES_VERSION } from '../engine';
import type { ServedResource } from './resources';
import { groupVersion, SERVED, servedGroups } from './resources';

export const AGGREGATED_MEDIA_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** /version, as `kubectl version` reads it. Build facts a simulator does not have are left empty. */
export function versionInfo(): Record<string, string> {
  const [major = '1', minor = '34'] = KUBERNETES_VERSION.slice(1).split('.');
  return {
    major,
    minor,
    emulationMajor: major,
    emulationMinor: minor,
    minCompatibilityMajor: major,
    minCompatibilityMinor: String(Number(minor) - 1),
    gitVersion: KUBERNETES_VERSION,
    gitCommit: '',
    gitTreeState: '',
    buildDate: '',
    goVersion: '',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

function inGroup(group: string): ServedResource[] {
  return SERVED.filter((r) => r.group === group);
}

/** The legacy APIResourceList of one group version: each resource, then each of its subresources. */
export function resourceList(group: string, version: string): Record<string, unknown> {
  const resources: Record<string, unknown>[] = [];
  for (const r of inGroup(group).filter((x) => x.version === version)) {
    resources.push({
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      ...(r.categories.length ? { categories: r.categories } : {}),
    });
    for (const s of r.subresources) {
      resources.push({
        name: `${r.plural}/${s.name}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(s.kind && s.kind.group !== group ? { group: s.kind.group, version: s.kind.version } : {}),
        kind: s.kind?.kind ?? r.kind,
        verbs: s.verbs,
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersion(group, version), resources };
}

/** The legacy /api document. */
export function coreVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(group: string, version: string): Record<string, unknown> {
  const gv = { groupVersion: groupVersion(group, version), version };
  return { name: group, versions: [gv], preferredVersion: gv };
}

/** The legacy /apis/<group> document, or undefined for a group not served. */
export function groupDocument(group: string): Record<string, unknown> | undefined {
  const g = servedGroups().find((x) => x.group === group && group !== '');
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g.group, g.version) } : undefined;
}

/** The legacy /apis document. */
export function groupList(): Record<string, unknown> {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: servedGroups()
      .filter((g) => g.group !== '')
      .map((g) => apiGroup(g.group, g.version)),
  };
}

function discoveryResource(r: ServedResource): Record<string, unknown> {
  return {
    resource: r.plural,
    responseKind: { group: '', version: '', kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs,
    ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
    ...(r.categories.length ? { categories: r.categories } : {}),
    ...(r.subresources.length
      ? {
          subresources: r.subresources.map((s) => ({
            subresource: s.name,
            responseKind: s.kind ?? { group: '', version: '', kind: r.kind },
            verbs: s.verbs,
          })),
        }
      : {}),
  };
}

/** Aggregated discovery for /api (core only) or /apis (every named group). */
export function aggregated(core: boolean): Record<string, unknown> {
  const groups = servedGroups().filter((g) => (g.group === '') === core);
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: groups.map((g) => ({
      metadata: { ...(g.group ? { name: g.group } : {}), creationTimestamp: null },
      versions: [
        {
          version: g.version,
          resources: inGroup(g.group).map(discoveryResource),
          freshness: 'Current',
        },
      ],
    })),
  };
}
