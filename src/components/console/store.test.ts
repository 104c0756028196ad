import { describe, expect, it, vi } from 'vitest';
import type { Input } from '../../engine';
import { createAppStore } from '../../state/store';
import { checkInput } from '../../worker/host';

function storeWith(result: { ok: boolean; message: string; exitCode: number }) {
  const s = createAppStore();
  const input = vi.fn(async (_i: Input) => result);
  s.getState().setEngine({ send: vi.fn(), input, load: vi.fn() });
  return { s, input };
}

describe('the console’s store actions', () => {
  it('sends stdin with the command and records a failure’s exit code', async () => {
    const { s, input } = storeWith({ ok: false, message: 'error: boom', exitCode: 1 });
    await s.getState().runKubectl('kubectl apply -f -', 'kind: Pod');
    expect(input).toHaveBeenCalledWith({ type: 'kubectl', command: 'apply -f -', stdin: 'kind: Pod' });
    expect(s.getState().consoleLines.map((l) => [l.kind, l.text, l.exitCode])).toEqual([
      ['command', '$ kubectl apply -f -', undefined],
      ['stderr', 'error: boom', 1],
    ]);
    s.getState().clearConsole();
    expect(s.getState().consoleLines).toEqual([]);
  });

  it('sends no stdin field when there is none', async () => {
    const { s, input } = storeWith({ ok: true, message: 'ok', exitCode: 0 });
    await s.getState().runKubectl('get pods');
    expect(input.mock.calls[0]?.[0]).toEqual({ type: 'kubectl', command: 'get pods' });
  });

  it('the worker keeps a kubectl input’s stdin', () => {
    expect(checkInput({ type: 'kubectl', command: 'apply -f -', stdin: 'a: 1' }).input).toEqual({
      type: 'kubectl',
      command: 'apply -f -',
      stdin: 'a: 1',
    });
    expect(checkInput({ type: 'kubectl', command: 'get pods', stdin: 3 }).input).toEqual({
      type: 'kubectl',
      command: 'get pods',
    });
  });
});
