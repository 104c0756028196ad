import { describe, expect, it } from 'vitest';
import { commands } from '../../engine/kubectl';
import { KUBECTL_COMMANDS } from './commands';

describe('the console’s command list', () => {
  it('matches the engine’s kubectl exactly (paths, aliases, summaries)', () => {
    expect(KUBECTL_COMMANDS).toEqual(
      commands().map((c) => ({
        path: c.path.join(' '),
        ...(c.aliases ? { aliases: c.aliases } : {}),
        summary: c.summary,
      })),
    );
  });
});
