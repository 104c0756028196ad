/**
 * The typed, versioned messages between the UI and the engine worker. Both sides check `v` so that a stale
 * tab talking to a newer worker fails loudly instead of misreading fields.
 */
export const PROTOCOL_VERSION = 1;

export interface PodSummary {
  readonly name: string;
  readonly namespace: string;
  readonly node: string | null;
  readonly status: string;
  readonly ready: boolean;
  readonly restarts: number;
}

export interface NodeSummary {
  readonly name: string;
  readonly ready: string;
}

export type ToWorker =
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'start'; readonly speed: number }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'pause' }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'speed'; readonly speed: number };

export type FromWorker =
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'frame';
      readonly t: number;
      readonly nodes: readonly NodeSummary[];
      readonly pods: readonly PodSummary[];
    }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'error'; readonly message: string };
