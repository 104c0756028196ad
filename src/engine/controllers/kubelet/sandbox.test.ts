/** Before any container: the pod sandbox's IP from the node's pod CIDR, and the image reference check. */
import { describe, expect, it } from 'vitest';
import { podStatusWord } from '../../api/podstatus';
import { nodeObject } from './register';
import { Simulation } from '../../sim/simulation';
import { kubelet, kubeletNodeStatus } from '../kubelet';
import { imageReferenceError, invalidImageMessage } from './imageref';
import { createPod, eventMessages, eventTimes, kubeletSim, podOf } from './testutil';

describe('image references (InvalidImageName)', () => {
  it('parses as distribution/reference does', () => {
    for (const ok of [
      'nginx',
      'nginx:1.27',
      'registry.k8s.io/busybox:1.27.2',
      'localhost:5000/a/b',
      'a@sha256:' + 'a'.repeat(64),
    ]) {
      expect(imageReferenceError(ok)).toBeUndefined();
    }
    expect(imageReferenceError('<your-private-image>')).toBe('invalid reference format');
    expect(imageReferenceError('gcr.io/<project>/job-wq-1')).toBe('invalid reference format');
    expect(imageReferenceError('Busybox')).toBe(
      'invalid reference format: repository name (library/Busybox) must be lowercase',
    );
    expect(imageReferenceError('nginx:')).toBe('invalid reference format');
  });

  it('a placeholder image: InspectFailed and Failed events, InvalidImageName, retried', () => {
    const sim = kubeletSim();
    const failed = eventTimes(sim, 'p', 'InspectFailed');
    createPod(sim, 'p', { image: '<your-private-image>' });
    sim.runUntil(25);
    const p = podOf(sim, 'p');
    expect(podStatusWord(p)).toBe('InvalidImageName');
    expect(p.status?.containerStatuses?.[0]?.state?.waiting).toEqual({
      reason: 'InvalidImageName',
      message:
        'Failed to apply default image tag "<your-private-image>": couldn\'t parse image name "<your-private-image>": invalid reference format',
    });
    expect(eventMessages(sim, 'p', 'Failed')).toEqual(['Error: InvalidImageName']);
    expect(eventMessages(sim, 'p', 'InspectFailed')).toEqual([invalidImageMessage('<your-private-image>')]);
    expect(eventMessages(sim, 'p', 'Pulling')).toEqual([]);
    expect(failed()).toEqual([0, 10, 20]);
  });
});

describe('pod IPs from the node pod CIDR', () => {
  it('never hands out an address in use, and reports an exhausted range as a real node does', () => {
    const sim = new Simulation({ seed: 1, images: {} }, [kubelet, kubeletNodeStatus]);
    sim.act('test', () => {
      for (const ns of ['default', 'kube-node-lease']) {
        sim.api.create('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      }
      const node = nodeObject({ name: 'node-1' }, 0);
      sim.api.create('Node', {
        ...node,
        spec: { ...node.spec, podCIDR: '10.244.0.0/29', podCIDRs: ['10.244.0.0/29'] },
      });
    });
    sim.start();
    // A /29 leaves .2 to .6 for pods (.1 is the bridge).
    for (let i = 0; i < 6; i++) createPod(sim, `p${i}`);
    sim.runUntil(2);
    const ips = [0, 1, 2, 3, 4].map((i) => podOf(sim, `p${i}`).status?.podIP);
    expect(ips).toEqual(['10.244.0.2', '10.244.0.3', '10.244.0.4', '10.244.0.5', '10.244.0.6']);
    expect(podOf(sim, 'p5').status?.podIP).toBeUndefined();
    expect(podStatusWord(podOf(sim, 'p5'))).toBe('ContainerCreating');
    expect(eventMessages(sim, 'p5', 'FailedCreatePodSandBox')[0]).toMatch(
      /^Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "[0-9a-f]{64}": plugin type="bridge" failed \(add\): failed to allocate for range 0: no IP addresses available in range set: 10\.244\.0\.1-10\.244\.0\.6$/,
    );
    // A pod goes: its address is free again, and the waiting pod gets it on its next try.
    sim.act('test', () => sim.api.delete('Pod', 'default', 'p2', { gracePeriodSeconds: 0 }));
    sim.runUntil(20);
    expect(podOf(sim, 'p5').status?.podIP).toBe('10.244.0.4');
    expect(podStatusWord(podOf(sim, 'p5'))).toBe('Running');
  });
});
