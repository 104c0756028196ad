/** Pod counts of a controller, as describe's "Pods Status" line reports them (getPodStatusForController). */
import { controllerOf, selectorMatches } from '../../../api/meta';
import type { Store } from '../../../api/store';
import type { KubeObject, LabelSelector } from '../../../api/types';

export function podsStatusLine(store: Store, owner: KubeObject, selector: LabelSelector | undefined): string {
  const uid = owner.metadata?.uid;
  let running = 0;
  let waiting = 0;
  let succeeded = 0;
  let failed = 0;
  for (const pod of store.list('Pod', owner.metadata?.namespace)) {
    if (!selectorMatches(selector, pod.metadata?.labels) || controllerOf(pod)?.uid !== uid) continue;
    const phase = pod.status?.phase;
    if (phase === 'Running') running++;
    else if (phase === 'Pending') waiting++;
    else if (phase === 'Succeeded') succeeded++;
    else if (phase === 'Failed') failed++;
  }
  return `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed`;
}
