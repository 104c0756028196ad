/**
 * The inspector's explanations: sentences, headings and labels for each kind, so a translation can come
 * later. Kubernetes' own words (STATUS values, condition types, reasons, field and flag names, messages)
 * come in as values or stay verbatim inside a sentence: they are never translated. Loaded with the
 * explanations (a chunk of their own), not with the page.
 */

/** "1 pod", "3 pods": English plurals, kept with the English sentences that use them. */
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

type Field = 'maxSurge' | 'maxUnavailable';

export const explainStrings = {
  unknownTime: '?',

  // Section headings and table columns shared by several kinds
  headings: {
    whereItStands: 'Where it stands',
    conditions: 'Conditions',
    events: 'Events',
  },
  conditionColumns: ['Type', 'Status', 'Reason', 'Message'],
  yes: 'yes',
  no: 'no',

  pod: {
    headings: {
      facts: 'Facts',
      whyNoNodeFits: 'Why no node fits',
      lifeStory: 'Life story (events)',
      containers: 'Containers',
      simulationNotes: 'What the simulation cannot tell',
    },
    simulationNote: (container: string, note: string) => `${container}: ${note}.`,
    containerColumns: ['Name', 'State', 'Ready', 'Restarts', 'Last exit'],

    // Headlines
    deletingNodeSilent: (node: string) =>
      `Being deleted, but its node ${node} is not reporting, so nobody can confirm its containers stopped: it stays Terminating until the node comes back. Its ReplicaSet has already made a replacement.`,
    deleting:
      'Being deleted: the kubelet is stopping its containers (SIGTERM, then SIGKILL after the grace period).',
    noNodeFits: (nodes: number) =>
      `No node can take this pod, so it waits Pending: the scheduler checked ${count(nodes, 'node')} and each one failed a filter.`,
    waitingForScheduler: 'Waiting for the scheduler to choose a node.',
    scheduledOn: (node: string) =>
      `Scheduled on ${node}; the kubelet there is pulling the image and starting the container.`,
    crashLoop: (lastExit: { reason: string; exitCode: number } | null, nextRestart: string | null) =>
      `Its container keeps exiting${lastExit ? ` (last exit: ${lastExit.reason}, exit code ${lastExit.exitCode})` : ''}. The kubelet restarts it in place, waiting longer each time (10s, 20s, 40s … up to 5m).${nextRestart !== null ? ` Next restart in ${nextRestart}.` : ''} Restarting does not fix a bug.`,
    imagePull:
      'The kubelet cannot pull the image, and retries with a growing delay. Check the image name and tag.',
    oomKilled:
      'The container used more memory than its limit, so the kernel killed it (OOMKilled). The kubelet will restart it.',
    error: 'The container exited with an error. The kubelet will restart it (restartPolicy Always).',
    evicted: 'Evicted from its node; its controller creates a replacement elsewhere.',
    completed: 'Its containers finished successfully.',
    runningReady: (node: string) => `Running and ready on ${node}: Services that select it send it traffic.`,
    runningNodeSilent: (node: string) =>
      `Still Running as far as the API knows, but its node ${node} stopped reporting, so the node controller marked it not ready and Services stopped sending it traffic.`,
    runningNotReady:
      'Running, but not ready yet: until its readiness check passes, Services send it no traffic.',
    status: (status: string) => `Status ${status}.`,

    // Facts
    facts: (status: string, ready: boolean, restarts: number) =>
      `STATUS ${status}, ${ready ? 'ready' : 'not ready'}, ${count(restarts, 'restart')}.`,
    ownedBy: (kind: string, name: string) => `Owned by ${kind} ${name}.`,
    runsOn: (node: string) => `Runs on ${node}.`,
    notBound: 'Not bound to a node yet.',
    requests: (amounts: readonly string[]) => `It requests ${amounts.join(' and ')}.`,
    cpuAmount: (cpu: string) => `${cpu} CPU`,
    memoryAmount: (memory: string) => `${memory} memory`,

    // Why no node fits: the scheduler's filter reasons in plain words
    nodeVerdict: (node: string, plain: readonly string[], reasons: readonly string[]) =>
      `${node}: ${plain.join('; ')} (${reasons.join(', ')}).`,
    cpu: 'CPU',
    notEnough: (resource: string) => `not enough free ${resource}`,
    notEnoughWithNumbers: (resource: string, requested: string, free: string) =>
      `not enough free ${resource}: the pod requests ${requested}, the node has ${free} free`,
    tooManyPods: 'it already runs as many pods as it allows',
    cordoned: 'it is cordoned (marked unschedulable)',
    untoleratedTaint: 'it has a taint the pod does not tolerate',
    untoleratedTaints: (taints: readonly string[]) =>
      `it has a taint the pod does not tolerate (${taints.join(', ')})`,
    nodeSelector: "its labels do not match the pod's node selector or affinity",
    hostPort: 'the host port the pod asks for is already taken there',
    topologySpread: "placing it there would break the pod's topology spread constraint",
    podAffinity: 'no pod the affinity rule asks for runs there',
    antiAffinity: 'an anti-affinity rule keeps the pod away from it',
    schedulerRetry: (attempts: number, when: string) =>
      `The scheduler has tried ${count(attempts, 'time')}; it tries again as soon as something in the cluster changes, and at the latest ${when}.`,
    fixResources:
      'What would help: ask for less (lower the requests), free room by removing other pods, or add a node with more capacity.',
    fixTaint: 'What would help: give the pod a toleration for the taint, or remove the taint from a node.',
    fixCordon: 'What would help: uncordon a node.',
    fixNodeSelector: "What would help: label a node to match, or relax the pod's node selector.",

    // Containers table
    runningSince: (startedAt: string) => `Running since ${startedAt}`,
    waiting: (reason: string) => `Waiting: ${reason}`,
    terminated: (reason: string, exitCode: number) => `Terminated: ${reason} (exit code ${exitCode})`,
    notStarted: 'not started',
    lastExit: (reason: string, exitCode: number, at: string) => `${reason} (${exitCode}) at ${at}`,
  },

  node: {
    headings: {
      heartbeats: 'Heartbeats',
      afterSilent: 'After it went silent',
      taints: 'Taints',
      scheduling: 'Scheduling',
    },
    taintColumns: ['Key', 'Value', 'Effect', 'Added'],

    // Headlines
    ready: (node: string, renewSeconds: number) =>
      `Ready: the kubelet on ${node} renews its Lease every ${renewSeconds}s, so the control plane knows it is alive.`,
    silentButReady: (node: string, since: string, machineOff: boolean, graceSeconds: number, marks: string) =>
      `${node} has been silent for ${since}${machineOff ? ' (its machine is off)' : ''}, but still counts as Ready: the node controller waits ${graceSeconds}s before it believes a node is gone. It marks it Unknown ${marks}.`,
    unknown: (node: string, since: string, then: string) =>
      `${node} stopped reporting ${since} ago, so the node controller marked it Unknown and its pods not ready. ${then}`,
    evictionHeldBack: 'Its pods are not evicted while the whole zone is down.',
    evictedIn: (when: string) => `Its pods are evicted ${when} and replaced on healthy nodes.`,
    evictedAlready: 'Its pods have been evicted and replaced on healthy nodes.',
    notReady: (node: string) =>
      `The kubelet on ${node} reports the node NotReady, so no new pods are scheduled there.`,

    // Countdowns
    markedUnknown: 'Marked Unknown',
    markedUnknownDetail: (graceSeconds: number) =>
      `${graceSeconds}s (node-monitor-grace-period) after the last heartbeat, the node controller sets Ready to Unknown, taints the node unreachable and marks its pods not ready, so Services stop sending them traffic.`,
    podsEvicted: 'Pods evicted',
    evictionHeldDetail: (zoneState: string) =>
      `Not now: the zone is in ${zoneState} (too many of its nodes are down), so the node controller holds back evictions rather than move everything at once.`,
    evictionDetail: (evictionSeconds: number, estimated: boolean) =>
      `${evictionSeconds}s after the NoExecute taint (the tolerationSeconds every pod gets by default), its pods are evicted and their controllers create replacements on healthy nodes${estimated ? ' (estimated from the last heartbeat)' : ''}.`,

    // Heartbeats and scheduling
    leaseRenewed: (clock: string, ago: string) => `Lease renewTime ${clock} (${ago} ago).`,
    readyHeartbeat: (clock: string, ago: string) =>
      `Ready condition lastHeartbeatTime ${clock} (${ago} ago).`,
    heartbeatRule: (renewSeconds: number, graceSeconds: number) =>
      `The kubelet renews the Lease every ${renewSeconds}s; after ${graceSeconds}s without one the node controller marks the node Unknown.`,
    machineOff: 'The machine is off: no heartbeats will come until it is recovered.',
    podsBound: (pods: number) => `${count(pods, 'pod')} bound to it.`,
    cordoned: 'Cordoned (spec.unschedulable): the scheduler places no new pods here.',
  },

  deployment: {
    headings: {
      rolloutArithmetic: 'Rollout arithmetic',
      deadline: 'Deadline',
      replicaSets: 'ReplicaSets',
    },
    replicaSetColumns: ['Name', 'Revision', 'Role', 'Desired', 'Current', 'Ready', 'Available', 'Image'],
    roleNew: 'new',
    roleOld: 'old',

    // Rollout arithmetic: maxSurge and maxUnavailable as pod counts
    recreate:
      'Strategy Recreate: every old pod is stopped before any new pod starts, so the app is unavailable for a moment during each rollout.',
    fixed: (field: Field, spec: number | string) => `${field} ${spec}`,
    percentExact: (field: Field, spec: string, replicas: number, value: number) =>
      `${field} ${spec} of ${count(replicas, 'replica')} = ${value}`,
    percentRounded: (field: Field, spec: string, replicas: number, exact: string, value: number) =>
      `${field} ${spec} of ${count(replicas, 'replica')} = ${exact}, ${field === 'maxSurge' ? 'rounded up' : 'rounded down'} to ${value}`,
    limits: (surge: string, unavailable: string) => `${surge}; ${unavailable}.`,
    bothZero: 'Both came out as 0, so maxUnavailable becomes 1: a rollout must be able to move.',
    atMost: (replicas: number, surge: number) =>
      `${replicas + surge} pods at most = ${replicas} + maxSurge ${surge}.`,
    atLeast: (replicas: number, unavailable: number) =>
      `At least ${replicas - unavailable} must stay available = ${replicas} - maxUnavailable ${unavailable}.`,
    surgeOnly: (surge: number) =>
      `So no old pod goes until a new one is available: the rollout adds up to ${count(surge, 'new pod')}, waits for ${surge === 1 ? 'it' : 'them'} to become available, then removes as many old ones.`,
    unavailableOnly: (unavailable: number) =>
      `So the rollout first removes up to ${count(unavailable, 'old pod')}, then creates new ones in their place.`,
    surgeAndUnavailable: (surge: number, replicas: number, unavailable: number) =>
      `So the rollout may add up to ${count(surge, 'new pod')} beyond ${replicas} and take down up to ${count(unavailable, 'old pod')} at a time.`,

    // Where it stands
    wants: (replicas: number, ready: number, updated: number, revision: number, available: number) =>
      `Wants ${count(replicas, 'pod')}: ${ready} ready, ${updated} up to date (revision ${revision}), ${available} available.`,
    /** Pods by STATUS word: "2 Running, 1 ContainerCreating". */
    statusCounts: (counts: readonly (readonly [status: string, n: number])[]) =>
      counts.map(([status, n]) => `${n} ${status}`).join(', '),
    newReplicaSet: (name: string, counts: string) => `New ReplicaSet ${name}: ${counts}.`,
    oldReplicaSet: (name: string, revision: number, wanted: number, counts: string) =>
      `Old ReplicaSet ${name} (revision ${revision}): ${wanted} wanted${counts ? `, ${counts}` : ''}.`,
    paused: (name: string) =>
      `Paused: the Deployment controller only scales ${name}, it does not roll out changes.`,
    noRollback: (name: string) =>
      `Kubernetes does not roll back by itself: the rollout keeps waiting. Roll back with kubectl rollout undo deployment/${name}, or fix the template.`,
    stalled: (deadlineSeconds: number, newReplicaSet: string) =>
      `Stalled: no progress for ${deadlineSeconds}s, so the rollout is marked ProgressDeadlineExceeded. New pods of ${newReplicaSet} are not becoming available.`,
    converged: (replicas: number, revision: number) =>
      `Converged: all ${count(replicas, 'pod')} run revision ${revision} and are available.`,
    /** `full` when the pods already fill replicas + maxSurge. */
    oldGoWhenNewAvailable: (full: { pods: number; limit: number } | null) =>
      `Old pods go only when new ones become available${full ? `, and ${count(full.pods, 'pod')} already fill the limit of ${full.limit}, so no more new pods can start` : ''}.`,
    waitingForNew: (newReplicaSet: string, wanted: number, available: number) =>
      `Rolling out, waiting for new pods: ${newReplicaSet} has ${count(wanted, 'pod')} wanted, ${available} available.`,
    rollingOut: (revision: number) =>
      `Rolling out: replacing old pods with revision ${revision}, a few at a time.`,
    closingGap: (ready: number, replicas: number) =>
      `Closing the gap: ${ready} of ${replicas} ready; the ReplicaSet controller and the scheduler are working on the rest.`,

    // The progress deadline
    progressDeadline: 'Progress deadline',
    progressDeadlineDetail: (deadlineSeconds: number) =>
      `If no pod becomes available or ready for ${deadlineSeconds}s, Kubernetes marks the rollout ProgressDeadlineExceeded. It does not roll back.`,
  },

  replicaSet: {
    keeps: (desired: number, revision: number, owner: { kind: string; name: string } | undefined) =>
      `Keeps ${count(desired, 'identical pod')} running (revision ${revision}${owner ? ` of ${owner.kind} ${owner.name}` : ''}).`,
    now: (current: number, ready: number, available: number) =>
      `Now ${current} current, ${ready} ready, ${available} available.`,
    itsPods: (counts: string) => `Its pods: ${counts}.`,
    closingGap: (current: number, desired: number, ready: number) =>
      `Closing the gap: ${current} of ${desired} pods exist, ${ready} ready. A missing pod is created at once; an extra one is deleted.`,
    scaledToZero: 'Scaled to 0: kept as rollout history, so a rollback can reuse it.',
    allReady: (desired: number) => `All ${count(desired, 'pod')} exist and are ready.`,
  },

  service: {
    headings: {
      whereRequestsGo: 'Where requests go',
      endpoints: 'Endpoints',
    },
    endpointColumns: ['Pod', 'Node', 'Ready', 'Pod STATUS'],
    selects: (selector: string) =>
      `Selects pods with ${selector}; it balances requests over the ready ones only.`,
    endpoints: (ready: number, notReady: number) =>
      `${count(ready, 'ready endpoint')}${notReady ? `, ${notReady} not ready (no traffic until their readiness passes)` : ''}.`,
    traffic: (requestsPerSecond: number, successPercent: number) =>
      `${requestsPerSecond} requests per second, ${successPercent}% answered without error.`,
    noRequests: 'No requests right now.',
    noReadyEndpoints: (service: string, selector: string) =>
      `No ready endpoints: requests to ${service} fail, because no pod matching ${selector} is ready.`,
    failing: (readyPods: number, failPercent: number) =>
      `Serving over ${count(readyPods, 'ready pod')}, but ${failPercent}% of requests fail.`,
    serving: (readyPods: number) => `Serving: requests are spread over ${count(readyPods, 'ready pod')}.`,
  },

  /** What each part of the control plane does, keyed by the graph's part id. */
  controlPlane: {
    kind: 'Control plane',
    heading: 'In the loop',
    parts: {
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
    },
  },
} as const;
