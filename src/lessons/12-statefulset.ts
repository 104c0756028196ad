import type { Lesson } from './types';

/** Lesson 12: a StatefulSet's stable identity and storage, and why it is not a replicated database. */
const lesson: Lesson = {
  id: 'statefulset',
  title: 'Stateful workloads: names and disks that stick',
  summary:
    'Run three database pods with a StatefulSet, see them start in order, delete one and watch it come back with the same name and the same disk.',
  ideas: [14],
  scenario: `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata:
  name: statefulset
spec:
  seed: 14
  images:
    postgres:16: { pullSeconds: 3, startupSeconds: 4 }
---
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector: { app: db }
  ports:
    - port: 5432
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels: { app: db }
  template:
    metadata:
      labels: { app: db }
    spec:
      containers:
        - name: postgres
          image: postgres:16
          ports:
            - containerPort: 5432
          readinessProbe:
            tcpSocket: { port: 5432 }
            periodSeconds: 2
          volumeMounts:
            - { name: data, mountPath: /var/lib/postgresql/data }
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests: { storage: 1Gi }
`,
  steps: [
    {
      id: 'in-order',
      title: 'One at a time, in order',
      ideas: [14],
      text:
        "A Deployment's pods are interchangeable: random names, no disk of their own. A database is not like that. A **StatefulSet** gives each pod a fixed identity, `db-0`, `db-1`, `db-2`, and for each one a **PersistentVolumeClaim** made from its template (`data-db-0`, ...), bound to a volume of its own.\n\n" +
        'It also starts them in order: `db-1` is created only once `db-0` is running and ready.',
      task: 'The simulation is already running: watch the pods and claims appear (`kubectl get pods,pvc`).',
      goal: { kind: 'statefulSetReady', statefulSet: 'db', replicas: 3 },
      success:
        'Three pods, three claims, each bound to its own volume. The headless Service (`clusterIP: None`) gives each pod a DNS name of its own, such as `db-0.db`.',
      hints: ['Nothing to do but let about half a minute of simulated time pass.'],
      solution: [{ wait: '40s' }],
      facts: [
        {
          says: '`db-1` is created only once `db-0` is running and ready',
          check: {
            kind: 'all',
            goals: [
              { kind: 'objectExists', resource: 'Pod', name: 'db-0' },
              { kind: 'objectExists', resource: 'Pod', name: 'db-1', present: false },
              { kind: 'not', goal: { kind: 'podsReady', selector: 'app=db', count: 1 } },
            ],
          },
          when: 'sometime',
          until: '5s',
        },
        {
          says: 'Three pods, three claims, each bound to its own volume',
          check: {
            kind: 'all',
            goals: [
              { kind: 'pvcBound', claim: 'data-db-0' },
              { kind: 'pvcBound', claim: 'data-db-1' },
              { kind: 'pvcBound', claim: 'data-db-2' },
              { kind: 'statefulSetReady', statefulSet: 'db', replicas: 3 },
            ],
          },
        },
      ],
      mistakes: [
        {
          why: 'Look after ten seconds: only the first pods are up; the StatefulSet starts them one at a time.',
          actions: [{ wait: '10s' }],
        },
      ],
    },
    {
      id: 'same-name-same-disk',
      title: 'Same name, same disk',
      ideas: [14, 3],
      text: 'Now delete `db-1`. A Deployment would make a new pod with a new name. What does the StatefulSet do?',
      task: 'Delete pod `db-1`: `kubectl delete pod db-1`.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'podsReplaced', pod: 'db-1' },
          { kind: 'statefulSetReady', statefulSet: 'db', replicas: 3 },
          { kind: 'pvcBound', claim: 'data-db-1', sameVolume: true },
        ],
      },
      success:
        'A new pod, but named `db-1` again, and it mounted the same claim `data-db-1`, so the same volume: the storage follows the identity, not the pod object.',
      hints: ['The pod is gone for a moment; the replacement takes its name.'],
      solution: [{ kubectl: 'delete pod db-1' }, { wait: '40s' }],
      facts: [
        {
          says: 'it mounted the same claim `data-db-1`, so the same volume',
          check: { kind: 'pvcBound', claim: 'data-db-1', sameVolume: true },
          when: 'always',
        },
      ],
      mistakes: [
        {
          why: 'Delete db-2 instead: a StatefulSet brings it back the same way, but this step is about db-1.',
          actions: [{ kubectl: 'delete pod db-2' }, { wait: '40s' }],
        },
      ],
    },
    {
      id: 'scale-down-keeps-data',
      title: 'Scaling down keeps the data',
      ideas: [14],
      text: 'Scaling a StatefulSet down removes the highest ordinal first (`db-2`). Its claim is **kept**: with the default retention policy, `persistentVolumeClaimRetentionPolicy: {whenScaled: Retain, whenDeleted: Retain}`, a disk with data on it is not thrown away by a scale-down, nor when the StatefulSet is deleted. (A StatefulSet that sets `whenScaled: Delete` does delete the claims of the ordinals it removes.)',
      task: 'Run the database with two pods instead of three.',
      goal: {
        kind: 'all',
        goals: [
          { kind: 'statefulSetReady', statefulSet: 'db', replicas: 2 },
          { kind: 'pvcBound', claim: 'data-db-2' },
        ],
      },
      success:
        '`db-2` is gone, `data-db-2` is still Bound. Scale back to three and the new `db-2` finds its old disk again.',
      hints: [
        'Change `replicas` in the editor and apply, or use `kubectl scale` on the StatefulSet.',
        '`kubectl scale statefulset/db --replicas=2`. Afterwards `kubectl get pvc` still lists `data-db-2`.',
      ],
      solution: [{ kubectl: 'scale statefulset/db --replicas=2' }, { wait: '40s' }],
      facts: [
        {
          says: 'removes the highest ordinal first (`db-2`)',
          check: {
            kind: 'all',
            goals: [
              { kind: 'objectExists', resource: 'Pod', name: 'db-2', present: false },
              { kind: 'podsReady', selector: 'app=db', count: 2 },
            ],
          },
        },
        {
          says: '`persistentVolumeClaimRetentionPolicy: {whenScaled: Retain, whenDeleted: Retain}`',
          check: {
            kind: 'objectField',
            resource: 'StatefulSet',
            name: 'db',
            path: 'spec.persistentVolumeClaimRetentionPolicy',
            matches: { whenScaled: 'Retain', whenDeleted: 'Retain' },
          },
        },
        {
          says: 'Its claim is **kept**',
          check: { kind: 'pvcBound', claim: 'data-db-2', sameVolume: true },
          when: 'always',
        },
      ],
      mistakes: [
        {
          why: 'Delete the pod db-2: the StatefulSet still declares three, so db-2 comes back.',
          actions: [{ kubectl: 'delete pod db-2' }, { wait: '40s' }],
        },
      ],
    },
  ],
  quiz: [
    {
      id: 'not-a-cluster',
      type: 'single',
      ideas: [14],
      prompt:
        'You run PostgreSQL as a StatefulSet with 3 replicas and no replication configured. What do you have?',
      choices: [
        {
          id: 'three-dbs',
          text: 'Three separate databases, each with its own disk and its own data.',
          correct: true,
          explanation:
            "Right. A StatefulSet provides stable names and storage: scaffolding. Copying data between the pods, electing a primary and failing over are the database's job (or an operator's).",
        },
        {
          id: 'ha',
          text: 'One highly available database: if db-0 dies, db-1 takes over with the same data.',
          correct: false,
          explanation:
            "Nothing copies data between the pods. db-1's disk holds only what was written to db-1.",
        },
        {
          id: 'shared-disk',
          text: 'One database whose three pods share one disk.',
          correct: false,
          explanation: 'Each pod gets its own claim from the template; nothing is shared.',
        },
      ],
    },
    {
      id: 'statefulset-vs-deployment',
      type: 'multiple',
      ideas: [14, 5],
      prompt: 'What does a StatefulSet give its pods that a Deployment does not?',
      choices: [
        {
          id: 'names',
          text: 'Stable names with ordinals (db-0, db-1, ...) that survive replacement.',
          correct: true,
          explanation: 'Yes: a replacement takes the same name.',
        },
        {
          id: 'storage',
          text: "A volume per pod that follows the pod's identity.",
          correct: true,
          explanation: 'Yes: through volumeClaimTemplates, one claim per ordinal.',
        },
        {
          id: 'order',
          text: 'Ordered start-up and scale-down.',
          correct: true,
          explanation: 'Yes: by default one at a time, lowest first up, highest first down.',
        },
        {
          id: 'replication',
          text: 'Automatic data replication between the pods.',
          correct: false,
          explanation: "No: that is the application's job. A StatefulSet does not know what a database is.",
        },
      ],
    },
    {
      id: 'predict-scale-back-up',
      type: 'predict',
      ideas: [14],
      prompt:
        'With `data-db-2` left behind, you scale the StatefulSet back to 3. Which claim does the new `db-2` use?',
      choices: [
        {
          id: 'old-claim',
          text: 'The old `data-db-2`, bound to the same volume as before.',
          correct: true,
          explanation:
            'Right. The claim name comes from the template and the ordinal, so the new db-2 finds it.',
        },
        {
          id: 'new-claim',
          text: 'A brand-new empty claim.',
          correct: false,
          explanation: 'A new claim is only made when none with that name exists.',
        },
        {
          id: 'db-0-claim',
          text: 'It shares `data-db-0`.',
          correct: false,
          explanation: "Claims are per ordinal; db-2 never mounts db-0's disk.",
        },
      ],
      tryIt: {
        text: 'Scale back to 3 and wait.',
        actions: [{ kubectl: 'scale statefulset/db --replicas=3' }, { wait: '30s' }],
        expect: {
          kind: 'all',
          goals: [
            { kind: 'statefulSetReady', statefulSet: 'db', replicas: 3 },
            { kind: 'pvcBound', claim: 'data-db-2', sameVolume: true },
          ],
        },
      },
    },
  ],
};

export default lesson;
