/** One entry point: the explanation for a selected store key ("Pod/default/web-1", "Node/node-1", ...). */
import type { ClusterMirror } from '../../../state/mirror';
import type { Explanation } from './common';
import { explainPart } from './controlplane';
import { explainDeployment, explainReplicaSet } from './deployment';
import { explainNode } from './node';
import { explainPod } from './pod';
import { explainService } from './service';

export type { Countdown, Explanation, Section, StoryItem, Tone } from './common';

export function explain(mirror: ClusterMirror, key: string): Explanation | null {
  const [kind, a = '', ...rest] = key.split('/');
  const b = rest.join('/');
  switch (kind) {
    case 'Pod':
      return explainPod(mirror, a, b);
    case 'Deployment':
      return explainDeployment(mirror, a, b);
    case 'ReplicaSet':
      return explainReplicaSet(mirror, a, b);
    case 'Node':
      return explainNode(mirror, a);
    case 'Service':
      return explainService(mirror, a, b);
    case 'ControlPlane':
      return explainPart(a);
    default:
      return null;
  }
}
