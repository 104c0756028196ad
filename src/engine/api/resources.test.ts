import { describe, expect, it } from 'vitest';
import type { Container, Node, Pod } from './types';
import { isBestEffort, nodeAllocatable, podNonZeroRequests, podRequests } from './resources';

const MI = 1024 * 1024;

function c(
  name: string,
  requests?: Record<string, string>,
  limits?: Record<string, string>,
  restartPolicy?: string,
): Container {
  return {
    name,
    image: 'x',
    ...(requests || limits
      ? { resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } }
      : {}),
    ...(restartPolicy ? { restartPolicy } : {}),
  };
}

function pod(
  containers: Container[],
  initContainers: Container[] = [],
  overhead?: Record<string, string>,
): Pod {
  return {
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers, initContainers, ...(overhead ? { overhead } : {}) },
  };
}

describe('podRequests', () => {
  it('sums app containers in millicores and bytes', () => {
    const r = podRequests(
      pod([c('a', { cpu: '250m', memory: '64Mi' }), c('b', { cpu: '0.5', memory: '1Gi' })]),
    );
    expect(r.cpu).toBe(750);
    expect(r.memory).toBe(64 * MI + 1024 * MI);
  });

  it('takes the largest init container when it exceeds the sum, per resource', () => {
    const r = podRequests(
      pod(
        [c('a', { cpu: '100m', memory: '100Mi' }), c('b', { cpu: '100m', memory: '100Mi' })],
        [c('i', { cpu: '1', memory: '50Mi' })],
      ),
    );
    expect(r.cpu).toBe(1000);
    expect(r.memory).toBe(200 * MI);
  });

  it('adds overhead on top', () => {
    const r = podRequests(pod([c('a', { cpu: '100m' })], [], { cpu: '250m', memory: '120Mi' }));
    expect(r.cpu).toBe(350);
    expect(r.memory).toBe(120 * MI);
  });

  it('counts a limit as the request when no request is given (API defaulting)', () => {
    expect(podRequests(pod([c('a', undefined, { cpu: '2' })])).cpu).toBe(2000);
  });

  it('adds sidecars (restartable init containers) to the app containers', () => {
    const r = podRequests(
      pod(
        [c('a', { cpu: '100m' })],
        [c('side', { cpu: '200m' }, undefined, 'Always'), c('init', { cpu: '250m' })],
      ),
    );
    // running: 100 + 200 = 300; during 'init': 200 + 250 = 450
    expect(r.cpu).toBe(450);
  });

  it('is zero for a pod with no requests', () => {
    expect(podRequests(pod([c('a')])).cpu ?? 0).toBe(0);
  });
});

describe('podNonZeroRequests', () => {
  it('gives 100m and 200Mi to each container that sets no request', () => {
    expect(podNonZeroRequests(pod([c('a'), c('b', { cpu: '300m' })]))).toEqual({
      cpu: 400,
      memory: 400 * MI,
    });
  });

  it('keeps an explicit zero request at zero', () => {
    expect(podNonZeroRequests(pod([c('a', { cpu: '0', memory: '0' })]))).toEqual({ cpu: 0, memory: 0 });
  });
});

describe('isBestEffort / nodeAllocatable', () => {
  it('best effort means no cpu and no memory request', () => {
    expect(isBestEffort(pod([c('a')]))).toBe(true);
    expect(isBestEffort(pod([c('a', { memory: '1Mi' })]))).toBe(false);
  });

  it('reads allocatable in base units and defaults pods to 110', () => {
    const node: Node = {
      kind: 'Node',
      metadata: { name: 'n' },
      status: { allocatable: { cpu: '3500m', memory: '2Gi' } },
    };
    expect(nodeAllocatable(node)).toEqual({ cpu: 3500, memory: 2048 * MI, pods: 110 });
  });
});
