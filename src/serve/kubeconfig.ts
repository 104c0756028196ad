/**
 * The kubeconfig that points kubectl (or any client) at a served cluster: one cluster, one context. The
 * server speaks plain HTTP on a loopback address; `insecure-skip-tls-verify` says so to clients such as
 * @kubernetes/client-node, which refuse an http:// server unless it is set (kubectl needs nothing).
 */
import { stringify } from 'yaml';

export const CONTEXT_NAME = 'setpoint';

export function kubeconfig(serverUrl: string, namespace = 'default'): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: CONTEXT_NAME, cluster: { server: serverUrl, 'insecure-skip-tls-verify': true } }],
    contexts: [{ name: CONTEXT_NAME, context: { cluster: CONTEXT_NAME, user: CONTEXT_NAME, namespace } }],
    'current-context': CONTEXT_NAME,
    users: [{ name: CONTEXT_NAME, user: {} }],
    preferences: {},
  });
}
