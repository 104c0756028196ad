/** A course author's lesson file, as YAML; `GOAL` stands for the first step's goal kind. */
export const AUTHOR_LESSON = `id: scale-the-shop
title: Turn the dial
summary: Change the number of copies and watch the loop follow.
ideas: [2, 3]
scenario: |
  apiVersion: setpoint.dev/v1alpha1
  kind: Scenario
  spec:
    images:
      shop:1.0: { pullSeconds: 2, startupSeconds: 1 }
  ---
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: shop }
  spec:
    replicas: 2
    selector: { matchLabels: { app: shop } }
    template:
      metadata: { labels: { app: shop } }
      spec:
        containers:
          - name: shop
            image: shop:1.0
steps:
  - id: five-copies
    title: Five copies
    text: The shop runs two copies. You change the declaration; the loop closes the gap.
    task: Run \`kubectl scale deployment/shop --replicas=5\`.
    goal: { kind: GOAL, selector: app=shop, count: 5 }
    hints: [Or edit \`replicas\` in the editor and apply.]
    solution:
      - wait: 10s
      - kubectl: scale deployment/shop --replicas=5
      - wait: 10s
quiz:
  - id: q1
    type: single
    prompt: What did you change?
    choices:
      - { id: goal, text: The declared number of copies., correct: true, explanation: Right. }
      - { id: steps, text: The steps., correct: false, explanation: You wrote no steps. }
  - id: q2
    type: multiple
    prompt: Which are true?
    choices:
      - { id: more, text: More copies., correct: true, explanation: Yes. }
      - { id: quicker, text: Each is faster., correct: false, explanation: No. }
  - id: q3
    type: predict
    prompt: You delete one pod. What happens?
    choices:
      - { id: replaced, text: It is replaced., correct: true, explanation: Right. }
      - { id: four, text: Four remain., correct: false, explanation: No. }
    tryIt:
      text: Delete one pod and wait.
      actions:
        - fault: { type: PodDelete, selector: app=shop }
        - wait: 10s
      expect: { kind: podsReplaced, selector: app=shop }
`;
