import { shop } from './fixtures';
import type { Lesson } from './types';

/** Lesson 2: what "self-healing" really does: a deleted pod is replaced, a crashed container is restarted. */
const lesson: Lesson = {
  id: 'self-healing',
  title: 'Break it: replaced or restarted?',
  summary:
    'Delete a pod and crash a container, and see the two different ways the cluster restores what you declared.',
  ideas: [1, 3, 7],
  scenario: `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata:
  name: self-healing
spec:
  seed: 3
  images:
    shop:1.0: { pullSeconds: 2, startupSeconds: 1 }
  traffic:
    - { service: shop, requestsPerSecond: 20 }
---
${shop()}`,
  steps: [
    {
      id: 'delete-a-pod',
      title: 'Delete a pod',
      ideas: [1, 3],
      text: 'A shop runs as three pods. Without an orchestrator, a process that disappears at night stays gone until someone notices. Here, the ReplicaSet controller counts the pods that match its selector, all day, every day.',
      task: "Delete one shop pod: use **Delete pod** from a pod's menu, or `kubectl delete pod <name>` (find a name with `kubectl get pods`).",
      goal: {
        kind: 'all',
        goals: [
          { kind: 'podsReplaced', selector: 'app=shop', count: 1 },
          { kind: 'podsReady', selector: 'app=shop', count: 3 },
        ],
      },
      success:
        'The deleted pod went Terminating and a new pod with a **new name** took its place. The old one is gone for good: a replacement is a different pod, scheduled afresh, possibly on another node. The shop kept serving: the Service stopped sending requests to the terminating pod at once, and two pods carried them until the third was ready.',
      hints: [
        'Any of the three pods will do.',
        'Watch the event log for `SuccessfulCreate` from the replicaset-controller.',
      ],
      solution: [{ wait: '20s' }, { fault: { type: 'PodDelete', selector: 'app=shop' } }, { wait: '10s' }],
      facts: [
        {
          says: 'The deleted pod went Terminating',
          check: { kind: 'podStatus', selector: 'app=shop', status: 'Terminating' },
          when: 'sometime',
        },
        {
          says: 'a new pod with a **new name** took its place',
          check: {
            kind: 'all',
            goals: [
              { kind: 'podsReplaced', selector: 'app=shop' },
              { kind: 'podsReady', selector: 'app=shop', count: 3 },
            ],
          },
        },
        {
          says: 'the ReplicaSet controller counts the pods',
          check: { kind: 'podCount', selector: 'app=shop', atLeast: 3, atMost: 3 },
          from: '21s',
          when: 'always',
        },
        {
          says: 'The shop kept serving',
          check: { kind: 'requestsFailed', service: 'shop' },
          from: '5s',
          when: 'never',
        },
      ],
      mistakes: [
        {
          why: "Crash the pod's container instead: the same pod restarts, and nothing is replaced.",
          actions: [{ wait: '20s' }, { fault: { type: 'PodCrash', selector: 'app=shop' } }, { wait: '10s' }],
        },
      ],
    },
    {
      id: 'crash-a-container',
      title: 'Crash a container',
      ideas: [7],
      text: 'Deleting a pod asks the API server to remove it. A crash is different: the process inside the container dies, but the pod object is still there, bound to its node. Who reacts this time?',
      task: "Crash one shop pod's container: **Crash container** from a pod's menu. Then look at its RESTARTS column.",
      goal: {
        kind: 'all',
        goals: [
          { kind: 'podRestarted', selector: 'app=shop' },
          { kind: 'podsReady', selector: 'app=shop', count: 3 },
        ],
      },
      success:
        'Same pod, same name, same node; RESTARTS went from 0 to 1. The **kubelet** on that node restarted the container in place (restartPolicy: Always). No controller had to create anything, because the count never changed.',
      hints: [
        "A crash is a fault, not a kubectl command: look in the pod's menu or the toolbar.",
        '`kubectl get pods` shows the RESTARTS column.',
      ],
      solution: [{ fault: { type: 'PodCrash', selector: 'app=shop' } }, { wait: '10s' }],
      facts: [
        {
          says: 'Same pod, same name, same node; RESTARTS went from 0 to 1',
          check: {
            kind: 'all',
            goals: [
              { kind: 'podRestarted', selector: 'app=shop', count: 1 },
              { kind: 'not', goal: { kind: 'podRestarted', selector: 'app=shop', count: 2 } },
              { kind: 'not', goal: { kind: 'podsReplaced', selector: 'app=shop' } },
            ],
          },
        },
        {
          says: 'No controller had to create anything, because the count never changed',
          check: { kind: 'podCount', selector: 'app=shop', atLeast: 3, atMost: 3 },
          when: 'always',
        },
      ],
      mistakes: [
        {
          why: 'Delete the pod instead: that is a replacement, not a restart.',
          actions: [{ fault: { type: 'PodDelete', selector: 'app=shop' } }, { wait: '10s' }],
        },
      ],
    },
    {
      id: 'the-goal-is-yours',
      title: 'Healing follows the declaration',
      ideas: [2, 3],
      text: 'Self-healing is not a memory of how things were. The loop compares the pods with what you declare **now**. Declare fewer copies, and removing pods is exactly what it should do; delete one of those fewer copies, and it brings back only what is declared.',
      task: 'Declare **two** shop replicas instead of three. Then delete one of the two remaining shop pods, and see how many come back.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'replicasAtLeast', deployment: 'shop', count: 2, of: 'spec' },
          { kind: 'not', goal: { kind: 'replicasAtLeast', deployment: 'shop', count: 3, of: 'spec' } },
          { kind: 'podsReplaced', selector: 'app=shop', count: 2 },
          { kind: 'podsReady', selector: 'app=shop', count: 2 },
        ],
      },
      success:
        'Two pods. The scale-down removed one and nothing healed it back; the one you deleted was replaced, because two are declared. The loop has no memory of "three": observed 1, desired 2, create 1.',
      hints: [
        'Either edit `replicas` in the editor and apply, or use `kubectl scale`.',
        '`kubectl scale deployment/shop --replicas=2`, then **Delete pod** on one of the two that are left.',
      ],
      solution: [
        { kubectl: 'scale deployment/shop --replicas=2' },
        { wait: '5s' },
        { fault: { type: 'PodDelete', selector: 'app=shop' } },
        { wait: '10s' },
      ],
      facts: [
        {
          says: 'The scale-down removed one',
          check: {
            kind: 'eventRecorded',
            reason: 'ScalingReplicaSet',
            message: 'from 3 to 2',
            resource: 'Deployment',
            name: 'shop',
          },
        },
        {
          says: 'the one you deleted was replaced, because two are declared',
          check: { kind: 'podCount', selector: 'app=shop', atLeast: 2, atMost: 2 },
          from: '6s',
          when: 'always',
        },
      ],
      mistakes: [
        {
          why: 'Only scale down: nothing is deleted afterwards, so the loop is never seen bringing a pod back to the new count.',
          actions: [{ kubectl: 'scale deployment/shop --replicas=2' }, { wait: '20s' }],
        },
        {
          why: 'Only delete a pod: three are still declared, so three come back.',
          actions: [{ fault: { type: 'PodDelete', selector: 'app=shop' } }, { wait: '20s' }],
        },
      ],
    },
  ],
  quiz: [
    {
      id: 'who-restarts',
      type: 'single',
      ideas: [4, 7],
      prompt: 'A container crashes. Which component brings it back, and what happens to the pod?',
      choices: [
        {
          id: 'kubelet',
          text: 'The kubelet on that node restarts the container; the pod keeps its name and its restart count goes up.',
          correct: true,
          explanation:
            "Right. Restarting containers is the node agent's job. The pod object is unchanged apart from its status.",
        },
        {
          id: 'replicaset',
          text: 'The ReplicaSet controller deletes the pod and creates a new one.',
          correct: false,
          explanation:
            'The ReplicaSet only acts when the number of pods is wrong. A crashed container inside a live pod leaves the count at 3.',
        },
        {
          id: 'scheduler',
          text: 'The scheduler moves the pod to a healthier node.',
          correct: false,
          explanation:
            'The scheduler only places pods that have no node yet. A bound pod never moves; at most it is replaced by a new one.',
        },
      ],
    },
    {
      id: 'replaced-vs-restarted',
      type: 'multiple',
      ideas: [3, 7],
      prompt: 'Which statements about a pod that was **deleted** (not crashed) are true?',
      choices: [
        {
          id: 'new-name',
          text: 'Its replacement has a different name.',
          correct: true,
          explanation: 'Yes: the ReplicaSet creates a brand-new pod with a generated name.',
        },
        {
          id: 'rescheduled',
          text: 'The replacement goes through scheduling again and may land on another node.',
          correct: true,
          explanation: 'Yes: a new pod has no node until the scheduler binds it.',
        },
        {
          id: 'restarts',
          text: 'The RESTARTS count of the old pod goes up by one.',
          correct: false,
          explanation: 'No: restarts count container restarts inside one pod. A deleted pod is simply gone.',
        },
        {
          id: 'fixes-bugs',
          text: 'If the pod was deleted because of a bug, the replacement no longer has it.',
          correct: false,
          explanation:
            'No: the replacement runs the same image with the same configuration. Replacing a copy never fixes the code inside it.',
        },
      ],
    },
    {
      id: 'predict-crash-two',
      type: 'predict',
      ideas: [7],
      prompt:
        "Two shop pods' containers crash at the same moment. Ten seconds later, how many shop pods are there, and are any new?",
      choices: [
        {
          id: 'same-two-restarted',
          text: 'The same pods as before, all Ready; the two that crashed show one restart each.',
          correct: true,
          explanation:
            'Right: each kubelet restarts its own container at once (the first restart is immediate). Nothing is created or deleted.',
        },
        {
          id: 'two-new',
          text: 'Two new pods replace the crashed ones.',
          correct: false,
          explanation:
            'A crash does not remove the pod, so no replacement is needed. Restart happens in place.',
        },
        {
          id: 'down',
          text: 'The shop is down until someone restarts it.',
          correct: false,
          explanation:
            'That is life without an orchestrator. Here the kubelet notices the exit and restarts the container by itself.',
        },
      ],
      tryIt: {
        text: 'Crash two shop containers and wait ten seconds.',
        actions: [{ fault: { type: 'PodCrash', selector: 'app=shop', count: 2 } }, { wait: '10s' }],
        expect: {
          kind: 'all',
          goals: [
            { kind: 'podRestarted', selector: 'app=shop' },
            { kind: 'podsReady', selector: 'app=shop', count: 2 },
            { kind: 'not', goal: { kind: 'podsReplaced', selector: 'app=shop' } },
          ],
        },
      },
    },
  ],
};

export default lesson;
