import { describe, expect, it } from 'vitest';
import { readsStdin } from './KubectlConsole';

describe('which commands read the editor’s YAML', () => {
  it('finds -f - and --filename=- in any position', () => {
    expect(readsStdin('apply -f -')).toBe(true);
    expect(readsStdin('apply --filename=-')).toBe(true);
    expect(readsStdin('delete -f - --wait=false')).toBe(true);
    expect(readsStdin('apply -f manifest.yaml')).toBe(false);
    expect(readsStdin('get pods -o wide')).toBe(false);
  });
});
