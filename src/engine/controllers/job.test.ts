import { describe, expect, it } from 'vitest';
import type { Job } from '../api/types';
import type { Simulation } from '../sim/simulation';
import { events, timeline, workloadSim } from './statefulset/testkit';

function job(spec: Partial<NonNullable<Job['spec']>> = {}, image = 'pi:ok', restartPolicy = 'Never'): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default' },
    spec: {
      template: { spec: { restartPolicy, containers: [{ name: 'pi', image }] } },
      ...spec,
    },
  };
}

const IMAGES = {
  'pi:ok': { exitAfterSeconds: 5, exitCode: 0 },
  'pi:bad': { exitAfterSeconds: 2, exitCode: 1 },
};

function get(sim: Simulation): Job {
  return sim.store.get('Job', 'default', 'pi') as Job;
}

function activePods(sim: Simulation): number {
  return sim.store
    .list('Pod')
    .filter(
      (p) =>
        p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata?.deletionTimestamp,
    ).length;
}

describe('Job', () => {
  it('runs pods until completions succeed, never more than parallelism at once', () => {
    const sim = workloadSim(IMAGES);
    sim.act('test', () => sim.api.create('Job', job({ completions: 3, parallelism: 2 })));
    let peak = 0;
    for (let s = 0; s <= 60; s++) {
      sim.runUntil(s);
      peak = Math.max(peak, activePods(sim));
    }
    expect(peak).toBe(2);
    const j = get(sim);
    expect(j.status).toMatchObject({ succeeded: 3, terminating: 0, ready: 0 });
    expect(j.status?.active).toBeUndefined();
    expect(j.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
      ['Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
    ]);
    expect(j.status?.completionTime).toBeDefined();
    expect(sim.store.list('Pod')).toHaveLength(3);
    const created = events(sim, 'SuccessfulCreate').map((e) => e.message);
    expect(created).toHaveLength(3);
    for (const m of created) expect(m).toMatch(/^Created pod: pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(events(sim, 'Completed').map((e) => e.message)).toEqual(['Job completed']);
    // Each finished pod was counted once and released from the tracking finalizer.
    expect(sim.store.list('Pod').every((p) => !(p.metadata?.finalizers ?? []).length)).toBe(true);
  });

  it('generates its selector from the uid and labels its pods', () => {
    const sim = workloadSim(IMAGES);
    const j = sim.act('test', () => sim.api.create('Job', job()));
    const uid = j.metadata?.uid ?? '';
    expect(j.spec?.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    expect(j.spec?.template.metadata?.labels).toEqual({
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': uid,
      'job-name': 'pi',
    });
    expect(j.spec).toMatchObject({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
    });
    expect(sim.store.list('Pod')[0]?.metadata?.labels).toMatchObject({ 'job-name': 'pi' });
  });

  it('restartPolicy Never: replaces failed pods after 10 s, 20 s, ... and fails past backoffLimit', () => {
    const sim = workloadSim(IMAGES);
    const t = timeline(sim);
    sim.act('test', () => sim.api.create('Job', job({ backoffLimit: 2 }, 'pi:bad')));
    sim.runUntil(200);
    const j = get(sim);
    expect(j.status).toMatchObject({ failed: 3 });
    expect(j.status?.conditions?.map((c) => [c.type, c.reason, c.message])).toEqual([
      ['FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
      ['Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    ]);
    expect(events(sim, 'BackoffLimitExceeded').map((e) => [e.type, e.message])).toEqual([
      ['Warning', 'Job has reached the specified backoff limit'],
    ]);
    const starts = [...t.created.values()].map((v) => v[0] as number).sort((a, b) => a - b);
    expect(starts).toHaveLength(3);
    const gaps = [
      (starts[1] as number) - (starts[0] as number),
      (starts[2] as number) - (starts[1] as number),
    ];
    // Each pod fails a few seconds after it starts; the next waits 10 s, then 20 s, after that failure.
    expect(gaps[0]).toBeGreaterThanOrEqual(10);
    expect(gaps[0]).toBeLessThan(20);
    expect(gaps[1]).toBeGreaterThanOrEqual(20);
    expect(gaps[1]).toBeLessThan(30);
  });

  it('restartPolicy OnFailure: container restarts count toward backoffLimit', () => {
    const sim = workloadSim(IMAGES);
    sim.act('test', () => sim.api.create('Job', job({ backoffLimit: 2 }, 'pi:bad', 'OnFailure')));
    sim.runUntil(300);
    const j = get(sim);
    expect(j.status?.conditions?.find((c) => c.type === 'Failed')?.reason).toBe('BackoffLimitExceeded');
    expect(events(sim, 'SuccessfulCreate')).toHaveLength(1);
    expect(events(sim, 'SuccessfulDelete')).toHaveLength(1);
  });

  it('activeDeadlineSeconds fails a job that runs too long', () => {
    const sim = workloadSim({ 'pi:slow': { exitAfterSeconds: 1000, exitCode: 0 } });
    sim.act('test', () => sim.api.create('Job', job({ activeDeadlineSeconds: 30 }, 'pi:slow')));
    sim.runUntil(100);
    expect(get(sim).status?.conditions?.find((c) => c.type === 'Failed')).toMatchObject({
      reason: 'DeadlineExceeded',
      message: 'Job was active longer than specified deadline',
    });
  });
});
