/**
 * The kubelet's prober manager for one pod (pkg/kubelet/prober): each container's startup, liveness and
 * readiness workers on their tick grid, what a probe sees (exec commands run in the container, HTTP paths
 * and not-ready windows from the image behaviour), and what a result changes (Unhealthy, Killing, Ready).
 */
import type { Mut } from './draft';
import { ContainerRuntime } from './containers';
import type { Probe } from '../../api/types';
import { msg } from './messages';
import type { AppWindow, ProbeKind } from './probes';
import {
  answers,
  hungAt,
  failureThreshold,
  nextProbeTick,
  PROBE_NAMES,
  probeFailure,
  probeOf,
  successThreshold,
} from './probes';
import type { ContainerRt, ProbeState, Proc } from './runtime';
import type { HttpPaths } from './app';
import { appStart, execInterpretable, httpChange, httpStatus, notReadyAt, notReadyChanges } from './app';
import { defaultsOf, launchOf, runExec } from './process';

export abstract class ProberManager extends ContainerRuntime {
  protected probe(i: number, kind: ProbeKind, t: number): void {
    const c = this.cs[i] as Mut<ContainerRt>;
    const spec = this.spec(i);
    const probe = probeOf(spec, kind);
    const st = c[kind];
    if (!probe || !st) return;
    this.dirty = true;
    let next: ProbeState;
    const failure = this.probeOutcome(i, kind, probe, t);
    if (failure === undefined) {
      const ok = st.ok + 1;
      next = { result: ok >= successThreshold(probe) ? 'success' : st.result, ok, fail: 0, last: t };
    } else {
      const text = failure;
      this.event('Warning', 'Unhealthy', `${PROBE_NAMES[kind]} probe failed: ${text}`);
      const fail = st.fail + 1;
      next = { result: fail >= failureThreshold(probe) ? 'failure' : st.result, ok: 0, fail, last: t };
    }
    c[kind] = next;
    if (next.result === st.result) return;
    this.statusDirty = true;
    if (kind === 'startup' && next.result === 'success') {
      c.started = true;
      c.probeFrom = t;
      this.chain(i, t);
    } else if (kind !== 'readiness' && next.result === 'failure') {
      this.event('Normal', 'Killing', msg.probeKill(c.name, kind));
      const grace = probe.terminationGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30;
      this.kill(i, t, grace);
    }
  }

  /**
   * The window a probe's outcome follows. An exec probe the runtime can interpret reads the container's
   * files, which change only when its script runs: its outcome holds until the script's next wake.
   */
  protected probeWindow(i: number, kind: ProbeKind, probe: Probe, w: AppWindow): AppWindow {
    const c = this.cs[i] as ContainerRt;
    const p = c.proc;
    const start = p.k === 'run' ? p.start : this.now;
    if (probe.exec && execInterpretable(probe.exec.command ?? [], this.spec(i))) {
      return {
        answersFrom: start,
        hungAt: Math.min(w.hungAt, c.sh?.wake ?? Infinity),
        recoversAt: w.recoversAt,
      };
    }
    // An HTTP path or a not-ready window changes the answer at a known time after the app starts.
    const from = appStart(c, start);
    const b = this.behaviour(i);
    const changes = [
      probe.httpGet ? httpChange(b, this.builtinHttp(i), probe.httpGet.path || '/') : undefined,
      ...(kind === 'readiness' ? notReadyChanges(b) : []),
    ].filter((x): x is number => x !== undefined);
    // The answer holds until the next change after the probe last looked.
    const last = c[kind]?.last ?? -Infinity;
    const next = Math.min(...changes.map((x) => from + x).filter((x) => x > last));
    return Number.isFinite(next) ? { ...w, hungAt: Math.min(w.hungAt, next) } : w;
  }

  /** undefined when the probe succeeds at `t`, else the failure text the prober reports. */
  protected probeOutcome(i: number, kind: ProbeKind, probe: Probe, t: number): string | undefined {
    const spec = this.spec(i);
    const c = this.cs[i] as ContainerRt;
    const p = c.proc;
    const start = p.k === 'run' ? p.start : t;
    const app = this.window(i, start);
    const hung = hungAt(app, t);
    if (probe.exec && !hung) {
      const r = runExec(this.processContext(i, t), c, probe.exec.command ?? []);
      if (!('unknown' in r)) return r.status === 0 ? undefined : r.output;
    }
    if (!answers(app, t)) return probeFailure(probe, spec, this.base.ip, hung);
    const b = this.behaviour(i);
    if (kind === 'readiness' && notReadyAt(b, t - appStart(c, start))) {
      return probe.httpGet ? 'HTTP probe failed with statuscode: 503' : probe.exec ? '' : undefined;
    }
    if (probe.httpGet) {
      const status = httpStatus(b, this.builtinHttp(i), probe.httpGet.path || '/', t - appStart(c, start));
      if (status < 200 || status >= 400) return `HTTP probe failed with statuscode: ${status}`;
    }
    return undefined;
  }

  /** HTTP paths the image's own program serves in a known way (agnhost liveness). */
  protected builtinHttp(i: number): HttpPaths | undefined {
    const spec = this.spec(i);
    if (!defaultsOf(spec)) return undefined;
    const c = this.cs[i] as ContainerRt;
    if (c.sh) return undefined;
    const l = launchOf(this.ctx.store, this.pod, spec);
    return l.k === 'app' ? l.http : undefined;
  }

  /** The next tick of each of container i's probe workers that can change something. */
  protected dueProbes(
    i: number,
    c: ContainerRt,
    p: Extract<Proc, { k: 'run' }>,
    w: AppWindow,
    consider: (at: number, act: () => void) => void,
  ): void {
    const spec = this.spec(i);
    const kinds: ProbeKind[] = c.started ? ['liveness', 'readiness'] : ['startup'];
    for (const kind of kinds) {
      const probe = probeOf(spec, kind);
      const st = c[kind];
      if (!probe || !st) continue;
      // The worker ticks every period from its start (the pod's admission), probing once the container
      // has run initialDelaySeconds (prober/worker.go), so the first probe may come up to a period later.
      const from = Math.max(
        p.start + (probe.initialDelaySeconds ?? 0),
        kind === 'startup' ? p.start : (c.probeFrom ?? p.start),
      );
      const pw = this.probeWindow(i, kind, probe, w);
      const exec = probe.exec !== undefined && pw !== w;
      const at = nextProbeTick(
        st,
        probe,
        this.base.admittedAt,
        from,
        pw,
        exec ? (this.base.fsAt ?? -Infinity) : -Infinity,
      );
      consider(at, () => this.probe(i, kind, at));
    }
  }
}
