/** What each part of the control plane does, in plain words, for the inspector's control-plane entries. */
import type { PartId } from '../../graph/model';
import type { Explanation } from './common';

const PARTS: Readonly<Record<PartId, { name: string; what: string; loop: string }>> = {
  'api-server': {
    name: 'API server',
    what: 'The single front door: every controller, the scheduler, every kubelet and kubectl read and write cluster state through it.',
    loop: 'It validates each change, stores it in etcd, and tells the watchers that something changed.',
  },
  etcd: {
    name: 'etcd',
    what: 'The database that holds the desired state you declared and the status the cluster reports.',
    loop: 'Lose it and the cluster forgets what it should look like: protect and back it up.',
  },
  scheduler: {
    name: 'Scheduler',
    what: 'Chooses a node for every pod that has none: filters out nodes that cannot take it, scores the rest, binds to the best.',
    loop: 'A pod that fits nowhere stays Pending, and the scheduler says why for every node (select the pod).',
  },
  deployment: {
    name: 'Deployment controller',
    what: 'Turns a Deployment into ReplicaSets: one per pod template, scaled up and down to roll out a change safely.',
    loop: 'It paces a rollout with maxSurge and maxUnavailable and waits for new pods to become available.',
  },
  replicaset: {
    name: 'ReplicaSet controller',
    what: 'Keeps the number of pods equal to spec.replicas: creates a pod when one is missing, deletes one when there are too many.',
    loop: 'This is the self-healing loop: a deleted or evicted pod is replaced within moments.',
  },
  statefulset: {
    name: 'StatefulSet controller',
    what: 'Keeps pods with stable names (db-0, db-1) and creates them one at a time, in order.',
    loop: 'Pod N+1 waits until pod N is running and ready.',
  },
  hpa: {
    name: 'Horizontal Pod Autoscaler',
    what: 'Changes a workload\u2019s replicas to keep average CPU utilisation near its target.',
    loop: 'More copies, not faster ones: scaling changes the count.',
  },
  endpoints: {
    name: 'Endpoints controller',
    what: 'Lists, for each Service, the pods that match its selector, and which of them are ready.',
    loop: 'A pod that turns not ready leaves the list, so traffic stops going to it.',
  },
  'node-lifecycle': {
    name: 'Node lifecycle controller',
    what: 'Watches node heartbeats; marks a silent node Unknown after 50 s and taints it.',
    loop: 'It also marks the pods on a silent node not ready, so Services stop sending them traffic.',
  },
  'taint-eviction': {
    name: 'Taint eviction controller',
    what: 'Evicts pods from nodes with NoExecute taints they do not tolerate, after their tolerationSeconds (300 s by default).',
    loop: 'Eviction is what finally moves work off a dead node.',
  },
  'garbage-collector': {
    name: 'Garbage collector',
    what: 'Deletes objects whose owner is gone: delete a Deployment and its ReplicaSets and pods follow.',
    loop: 'It follows ownerReferences.',
  },
};

export function explainPart(id: string): Explanation | null {
  const p = PARTS[id as PartId];
  if (!p) return null;
  return {
    kind: 'Control plane',
    name: p.name,
    headline: p.what,
    tone: 'info',
    sections: [{ type: 'text', heading: 'In the loop', lines: [p.loop] }],
  };
}
