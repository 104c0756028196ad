/**
 * One container's log as the kubelet serves it through the API server (pods/log): shared by `kubectl logs`
 * and the served API. Free of side effects, so the engine's front door can name it.
 */
import type { Pod } from '../../../api/types';
import { nodeDownKey, podRuntimeKey } from '../../../controllers/kubelet/runtime';
import type { ContainerRt, PodRt } from '../../../controllers/kubelet/runtime';
import { imageBehaviour } from '../../../sim/config';
import type { Simulation } from '../../../sim/simulation';
import { podRequestsPerSecond } from '../../../world/metrics';
import { runToRead } from './select';
import type { LogLine } from './synth';
import { runLogs } from './synth';

/** What the API server answers for a container's log that cannot be read: its status code, reason and message. */
export interface LogRefusal {
  readonly code: number;
  /** The Status reason ("BadRequest"), or "" when the kubelet could not be reached at all. */
  readonly reason: string;
  readonly message: string;
}

/**
 * Every line of the run a container's log reads (the current one, or with `previous` the last terminated one), whether that run is still writing,
 * or the refusal. Used by `kubectl logs` here and by the served API.
 */
export function readContainerLog(
  sim: Simulation,
  pod: Pod,
  container: string,
  previous: boolean,
): { readonly lines: readonly LogLine[]; readonly live: boolean } | LogRefusal {
  const ns = pod.metadata?.namespace ?? 'default';
  const podName = pod.metadata?.name ?? '';
  const spec = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find(
    (c) => c.name === container,
  );
  if (!spec) {
    return {
      code: 400,
      reason: 'BadRequest',
      message: `container ${container} is not valid for pod ${podName}`,
    };
  }
  const node = pod.spec?.nodeName;
  if (!node) return { lines: [], live: false };
  if (sim.store.getRuntime<{ down?: boolean }>(nodeDownKey(node))?.down) {
    const host = pod.status?.hostIP ?? node;
    return {
      code: 500,
      reason: '',
      message: `Get "https://${host}:10250/containerLogs/${ns}/${podName}/${container}": dial tcp ${host}:10250: connect: no route to host`,
    };
  }
  const ref = runToRead(pod, container, previous);
  if ('error' in ref) return { code: 400, reason: 'BadRequest', message: ref.error };
  const behaviour = imageBehaviour(sim.config, spec.image ?? '');
  const rt = sim.store.getRuntime<PodRt>(podRuntimeKey(`${ns}/${podName}`));
  // A container that runs a program the runtime interprets has the log that program wrote.
  const own = interpretedLog(
    rt?.containers.find((c) => c.name === container),
    ref.start,
  );
  if (own) return { lines: own, live: ref.live };
  const liveHang = ref.live ? rt?.containers.find((c) => c.name === container)?.hungAt : undefined;
  const hang = behaviour.hangAfterSeconds !== undefined ? ref.start + behaviour.hangAfterSeconds : undefined;
  const lines = runLogs({
    pod,
    container: spec,
    behaviour,
    run: {
      start: ref.start,
      end: ref.end ?? sim.now,
      exit: ref.exit,
      hungAt: Math.min(liveHang ?? Infinity, hang ?? Infinity),
    },
    requestsPerSecond: podRequestsPerSecond(sim.store, ns, podName),
  });
  return { lines, live: ref.live };
}

/** The interpreted program's log of the run that started at `start` (the current or the previous one). */
function interpretedLog(c: ContainerRt | undefined, start: number): readonly LogLine[] | undefined {
  if (!c) return undefined;
  const latest = c.proc.k === 'run' ? c.proc.start : c.last?.startedAt;
  return latest !== undefined && Math.abs(latest - start) < 1e-6 ? c.log : c.prevLog;
}
