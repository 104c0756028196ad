import { describe, expect, it } from 'vitest';
import { toYaml } from './serialize';

describe('-o yaml as kubectl prints it (sigs.k8s.io/yaml over go-yaml v2)', () => {
  it('double-quotes only strings that would read as another type, single-quotes the rest that cannot be plain', () => {
    expect(
      toYaml({
        a: 'containers with unready status: [worker]',
        b: 'true',
        c: '2026-01-01T09:00:00Z',
        d: 'has [brackets]',
        e: '80',
      }),
    ).toBe(
      [
        "a: 'containers with unready status: [worker]'",
        'b: "true"',
        'c: "2026-01-01T09:00:00Z"',
        'd: has [brackets]',
        'e: "80"',
      ].join('\n'),
    );
  });

  it('never folds long lines', () => {
    const message = `back-off 5m0s restarting failed container=worker pod=${'w'.repeat(60)}_default(uid)`;
    expect(toYaml({ status: { message } })).toBe(`status:\n  message: ${message}`);
  });
});
