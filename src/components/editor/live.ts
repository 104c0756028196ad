/** The read-only live object view: an object from the mirror as `kubectl get <type>/<name> -o yaml` prints it. */
import type { KubeObject } from '../../engine';
import { toYaml } from '../../engine';
import { S } from '../../strings';
import { liveName } from './liveName';

export { liveName };

export interface LiveView {
  /** "deployment.apps/shop" */
  readonly name: string;
  /** The editor's accessible name. */
  readonly label: string;
  readonly text: string;
}

export function liveView(key: string, object: KubeObject | undefined): LiveView {
  const name = liveName(key);
  return { name, label: S.liveLabel(name), text: object ? `${toYaml(object)}\n` : `${S.liveGone(name)}\n` };
}
