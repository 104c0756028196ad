import { describe, expect, it } from 'vitest';
import { podTone } from './model';

describe('podTone: the colour family of a STATUS word', () => {
  it('init containers in progress are creating; failing ones are failures', () => {
    expect(podTone('Init:0/2', false)).toBe('creating');
    expect(podTone('Init:1/2', false)).toBe('creating');
    expect(podTone('PodInitializing', false)).toBe('creating');
    expect(podTone('Init:Error', false)).toBe('failing');
    expect(podTone('Init:CrashLoopBackOff', false)).toBe('failing');
    expect(podTone('InvalidImageName', false)).toBe('failing');
  });
});
