import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../state/store';

describe('openLiveObject', () => {
  it('shows the object in the Desired state tab, and closes again', () => {
    const s = createAppStore();
    s.getState().openLiveObject('Deployment/default/shop');
    expect(s.getState().liveObjectKey).toBe('Deployment/default/shop');
    expect(s.getState().sideTab).toBe('desired');
    s.getState().closeLiveObject();
    expect(s.getState().liveObjectKey).toBeNull();
  });
});
