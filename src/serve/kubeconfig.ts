/** The kubeconfig that points kubectl (or any client) at a served cluster: one cluster, one context. */
import { stringify } from 'yaml';

export const CONTEXT_NAME = 'setpoint';

export function kubeconfig(serverUrl: string, namespace = 'default'): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: CONTEXT_NAME, cluster: { server: serverUrl } }],
    contexts: [{ name: CONTEXT_NAME, context: { cluster: CONTEXT_NAME, user: CONTEXT_NAME, namespace } }],
    'current-context': CONTEXT_NAME,
    users: [{ name: CONTEXT_NAME, user: {} }],
    preferences: {},
  });
}
