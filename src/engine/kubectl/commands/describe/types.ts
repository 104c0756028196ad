/** What every describer gets besides its object: the store, the simulated time and the events switch. */
import type { Store } from '../../../api/store';
import type { Event, Kind, KindMap, KubeObject } from '../../../api/types';

export interface DescribeContext {
  readonly store: Store;
  /** Simulated seconds: ages ("5m") are measured against it. */
  readonly now: number;
  /** --show-events (default true). */
  readonly showEvents: boolean;
  events(obj: KubeObject): Event[];
}

/** One kind's describer: the text kubectl prints for one object. */
export type Describer<K extends Kind> = (obj: KindMap[K], ctx: DescribeContext) => string;
