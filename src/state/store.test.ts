import { describe, expect, it, vi } from 'vitest';
import type { ApplyResult, KubeObject } from '../engine';
import { PROTOCOL_VERSION } from '../worker/protocol';
import type { EnginePort } from './simulation';
import { createAppStore } from './store';

const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } } as KubeObject;
const base = { v: PROTOCOL_VERSION, horizon: 5, playing: true, skipping: false, speed: 2 } as const;

function port(result: ApplyResult = { ok: true, message: 'deployment.apps/shop configured', exitCode: 0 }) {
  const sent: unknown[] = [];
  const p: EnginePort = {
    send: (m) => sent.push(m),
    input: vi.fn(async () => result),
    load: vi.fn(),
  };
  return { p, sent };
}

describe('app store', () => {
  it('builds the mirror from a snapshot and then from frames', () => {
    const s = createAppStore();
    s.getState().receiveSnapshot({
      ...base,
      type: 'snapshot',
      t: 5,
      objects: [['Namespace/default', ns]],
      runtime: [['node/n', 1]],
      inputs: [],
    });
    expect(s.getState().mirror.objects.get('Namespace/default')).toBe(ns);
    expect(s.getState().mirror.runtime.get('node/n')).toBe(1);
    const before = s.getState().receiveFrame({
      ...base,
      type: 'frame',
      t: 6,
      horizon: 6,
      diffs: [{ type: 'removed', kind: 'Namespace', key: 'Namespace/default' }],
      activity: [['kubelet', 6]],
    });
    expect(before.objects.size).toBe(1);
    const st = s.getState();
    expect(st.mirror.objects.size).toBe(0);
    expect([st.t, st.horizon, st.playing]).toEqual([6, 6, true]);
    expect(st.activity.get('kubelet')).toBe(6);
    // A frame without an input log keeps the one known.
    expect(st.inputs).toEqual([]);
  });

  it('keeps the speed the learner chose while frames sent before it still report the old one', () => {
    const s = createAppStore();
    s.getState().setEngine(port().p);
    const frame = (t: number, speed: number) =>
      s.getState().receiveFrame({ ...base, type: 'frame', t, horizon: t, speed, diffs: [] });
    s.getState().setSpeed(50);
    frame(1, 2); // sent by the worker before it read the new speed
    expect(s.getState().speed).toBe(50);
    s.getState().setSpeed(25); // the next arrow key counts from 50, not from 2
    frame(2, 50);
    expect(s.getState().speed).toBe(25);
    frame(3, 25); // the worker caught up: from now on its reports count again
    frame(4, 10);
    expect(s.getState().speed).toBe(10);
  });

  it('applies frames that arrived together as they would be one by one', () => {
    const cm = (name: string): KubeObject =>
      ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } }) as KubeObject;
    const frames = [
      {
        ...base,
        type: 'frame' as const,
        t: 1,
        horizon: 1,
        diffs: [
          { type: 'added' as const, kind: 'ConfigMap' as const, key: 'ConfigMap/default/a', to: cm('a') },
        ],
        activity: [['kubelet', 1]] as [string, number][],
        inputs: [],
      },
      {
        ...base,
        type: 'frame' as const,
        t: 2,
        horizon: 2,
        diffs: [
          { type: 'removed' as const, kind: 'ConfigMap' as const, key: 'ConfigMap/default/a' },
          { type: 'added' as const, kind: 'ConfigMap' as const, key: 'ConfigMap/default/b', to: cm('b') },
        ],
        activity: [['replicaset-controller', 2]] as [string, number][],
      },
    ];
    const one = createAppStore();
    for (const f of frames) one.getState().receiveFrame(f);
    const together = createAppStore();
    together.getState().receiveFrames(frames);
    for (const s of [one, together]) {
      const st = s.getState();
      expect([...st.mirror.objects.keys()]).toEqual(['ConfigMap/default/b']);
      expect([st.t, st.horizon, st.inputs]).toEqual([2, 2, []]);
      expect([...st.activity]).toEqual([
        ['kubelet', 1],
        ['replicaset-controller', 2],
      ]);
    }
  });

  it('sends time-control commands to the engine', () => {
    const s = createAppStore();
    const { p, sent } = port();
    s.getState().setEngine(p);
    s.setState({ playing: true, horizon: 100 });
    s.getState().togglePlay();
    expect(s.getState().playing).toBe(false);
    s.getState().step();
    s.getState().setSpeed(500);
    s.getState().skipAhead();
    s.getState().seek(150);
    s.getState().reset();
    expect(sent).toEqual([
      { type: 'pause' },
      { type: 'step' },
      { type: 'speed', speed: 50 },
      { type: 'skip' },
      { type: 'seek', t: 150 },
      { type: 'reset' },
    ]);
    expect(s.getState().speed).toBe(50);
    expect(s.getState().t).toBe(100);
  });

  it('applies the YAML and keeps it whatever the result', async () => {
    const s = createAppStore();
    const bad: ApplyResult = {
      ok: false,
      message: '3:5: bad',
      exitCode: 1,
      diagnostics: [{ line: 3, column: 5, message: 'bad' }],
    };
    const { p } = port(bad);
    s.getState().setEngine(p);
    s.getState().setYaml('kind: Deployment\n');
    const r = await s.getState().applyYaml();
    expect(r).toBe(bad);
    expect(p.input).toHaveBeenCalledWith({ type: 'apply', manifests: 'kind: Deployment\n' });
    expect(s.getState().lastApply).toBe(bad);
    expect(s.getState().yaml).toBe('kind: Deployment\n');
    // A restored scenario does not replace the learner's YAML; a newly chosen one does.
    s.getState().setScenarioYaml('kind: Service\n', false);
    expect(s.getState().yaml).toBe('kind: Deployment\n');
    s.getState().setScenarioYaml('kind: Service\n', true);
    expect(s.getState().yaml).toBe('kind: Service\n');
  });

  it('answers inputs without an engine', async () => {
    const s = createAppStore();
    expect((await s.getState().sendInput({ type: 'kubectl', command: 'get pods' })).ok).toBe(false);
  });

  it('keeps the console transcript and the fault status', async () => {
    const s = createAppStore();
    const { p } = port({ ok: false, message: 'error: unknown command', exitCode: 1 });
    s.getState().setEngine(p);
    await s.getState().runKubectl('kubectl frobnicate');
    expect(s.getState().consoleLines.map((l) => [l.kind, l.text])).toEqual([
      ['command', '$ kubectl frobnicate'],
      ['stderr', 'error: unknown command'],
    ]);
    await s.getState().injectFault({ type: 'fault', fault: { type: 'NodeFailure', node: 'n' } });
    expect(s.getState().faultResult).toEqual({ ok: false, text: 'error: unknown command' });
  });

  it('narrates only when narration is on, and collapses a busy frame', () => {
    const s = createAppStore();
    s.getState().narrate(['a', 'b', 'c', 'd', 'e']);
    expect(s.getState().narration.at(-1)?.text).toBe('a b c (+2 more)');
    s.getState().setNarrationOn(false);
    s.getState().narrate(['x']);
    expect(s.getState().narration).toEqual([]);
  });

  it('shows the same notice once and dismisses it', () => {
    const s = createAppStore();
    const id = s.getState().notify('error', 'boom');
    s.getState().notify('error', 'boom');
    expect(s.getState().notices).toHaveLength(1);
    s.getState().dismiss(s.getState().notices[0]?.id ?? id);
    expect(s.getState().notices).toEqual([]);
  });
});
