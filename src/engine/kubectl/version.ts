/** The Kubernetes version the simulated cluster reports (its nodes' kubelets say the same). */
export const KUBERNETES_VERSION = 'v1.34.2';
