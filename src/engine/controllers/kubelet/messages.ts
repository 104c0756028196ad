/**
 * The kubelet's own words: event messages and container waiting messages as kubelet v1.34 writes them
 * (pkg/kubelet/images/image_manager.go, kuberuntime_container.go, kuberuntime_manager.go, prober).
 * v1.35 shortened "Created container: web" / "Started container web" to "Container created" / "Container started".
 */
import type { Pod } from '../../api/types';
import { fnv32a } from '../../base/hash';
import { normalizeImage } from './runtime';

/** Go's time.Duration String(): 10s, 1m20s, 5m0s, 1.5s, 300ms. */
export function goDuration(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`;
  if (h > 0) return `${h}h${m}m${sec}`;
  if (m > 0) return `${m}m${sec}`;
  return sec;
}

/** format.Pod: "name_namespace(uid)". */
export function formatPod(pod: Pod): string {
  return `${pod.metadata?.name ?? ''}_${pod.metadata?.namespace ?? 'default'}(${pod.metadata?.uid ?? ''})`;
}

export const msg = {
  pulling: (image: string) => `Pulling image "${image}"`,
  pulled: (image: string, seconds: number) => {
    const d = goDuration(seconds);
    return `Successfully pulled image "${image}" in ${d} (${d} including waiting). Image size: ${imageSize(image)} bytes.`;
  },
  present: (image: string) => `Container image "${image}" already present on machine`,
  neverPull: (image: string) => `Container image "${image}" is not present with pull policy of Never`,
  failedPull: (image: string, err: string) => `Failed to pull image "${image}": ${err}`,
  pullBackOff: (image: string) => `Back-off pulling image "${image}"`,
  created: (name: string) => `Created container: ${name}`,
  started: (name: string) => `Started container ${name}`,
  stopping: (name: string) => `Stopping container ${name}`,
  probeKill: (name: string, probe: string) => `Container ${name} failed ${probe} probe, will be restarted`,
  backOff: (name: string, pod: Pod) =>
    `Back-off restarting failed container ${name} in pod ${formatPod(pod)}`,
  crashLoop: (backoff: number, name: string, pod: Pod) =>
    `back-off ${goDuration(backoff)} restarting failed container=${name} pod=${formatPod(pod)}`,
  preStopFailed: (name: string, pod: Pod, err: string) =>
    `PreStopHook failed: ${err} (container ${name} in pod ${formatPod(pod)})`,
  sandboxNoIP: (id: string, range: string) =>
    `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${id}": plugin type="bridge" failed (add): failed to allocate for range 0: no IP addresses available in range set: ${range}`,
  containersNotInitialized: (names: readonly string[]) =>
    `containers with incomplete status: [${names.join(' ')}]`,
  containersNotReady: (names: readonly string[]) => `containers with unready status: [${names.join(' ')}]`,
};

/** containerd's answer for an image that does not exist in its registry. */
export function pullErrorText(image: string): string {
  const ref = normalizeImage(image);
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
}

/** A stable, plausible compressed size for an image (20-200 MB). */
export function imageSize(image: string): number {
  return 20_000_000 + (fnv32a(normalizeImage(image)) % 180_000_000);
}
