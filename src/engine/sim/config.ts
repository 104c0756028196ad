/**
 * What a scenario fixes for a whole run besides the objects: how each image behaves. Immutable, shared by
 * every controller through ReconcileContext.config.
 */

/** Image behaviour, contract 1 of architecture.md. All fields optional; absent means the default. */
export interface ImageBehaviour {
  readonly pullSeconds?: number;
  readonly startupSeconds?: number;
  readonly exitAfterSeconds?: number;
  readonly exitCode?: number;
  readonly hangAfterSeconds?: number;
  readonly pullError?: boolean;
  readonly cpuMillisPerRequest?: number;
  readonly baseCpuMillis?: number;
  readonly memoryMi?: number;
  readonly memoryLeakMiPerMinute?: number;
  readonly errorRate?: number;
  /** After hanging, the app answers again this long later (unless restarted first). */
  readonly hangForSeconds?: number;
  /** Alive but not ready: readiness probes fail from this long after start ... */
  readonly notReadyAfterSeconds?: number;
  /** ... for this long (absent: from then on). */
  readonly notReadyForSeconds?: number;
  /** Seconds from SIGTERM until the process exits (default 1); longer than the grace period means SIGKILL. */
  readonly shutdownSeconds?: number;
  /** HTTP paths: `status` (default 200) until `failAfterSeconds`, then `failStatus` (default 500). */
  readonly http?: Readonly<
    Record<
      string,
      { readonly status?: number; readonly failAfterSeconds?: number; readonly failStatus?: number }
    >
  >;
}

export interface SimConfig {
  readonly seed: number;
  readonly images: Readonly<Record<string, ImageBehaviour>>;
}

export const IMAGE_BEHAVIOUR_KEYS = [
  'pullSeconds',
  'startupSeconds',
  'exitAfterSeconds',
  'exitCode',
  'hangAfterSeconds',
  'pullError',
  'cpuMillisPerRequest',
  'baseCpuMillis',
  'memoryMi',
  'memoryLeakMiPerMinute',
  'errorRate',
  'hangForSeconds',
  'notReadyAfterSeconds',
  'notReadyForSeconds',
  'shutdownSeconds',
  'http',
] as const;

/** Resolved behaviour of an image: the scenario's entry, else the `-broken` / `-missing` tag conventions. */
export function imageBehaviour(
  config: SimConfig,
  image: string,
): Required<Pick<ImageBehaviour, 'pullSeconds' | 'startupSeconds'>> & ImageBehaviour {
  const listed = config.images[image];
  const tag = image.includes(':') ? image.slice(image.lastIndexOf(':') + 1) : 'latest';
  const convention: ImageBehaviour = listed
    ? {}
    : tag.endsWith('-broken')
      ? { exitAfterSeconds: 1, exitCode: 1 }
      : tag.endsWith('-missing')
        ? { pullError: true }
        : {};
  return { pullSeconds: 1, startupSeconds: 1, ...convention, ...listed };
}
