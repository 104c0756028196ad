import { expect, test } from '@playwright/test';
import { guard, waitForShop } from './helpers';

for (const [what, value] of [
  ['unreadable', '{"version": 1, "source": '],
  [
    'tampered',
    JSON.stringify({
      version: 1,
      source: { kind: 'example', name: 'self-healing' },
      t: -50,
      inputs: [],
      yaml: '',
    }),
  ],
  ['from another version', JSON.stringify({ version: 99 })],
] as const) {
  test(`a ${what} saved session is discarded with a message, not a crash`, async ({ page }) => {
    const { errors } = guard(page);
    // Seed storage before the app's scripts run (once: a later reload must see what the app left).
    await page.addInitScript((v) => {
      type KV = { getItem(k: string): string | null; setItem(k: string, v: string): void };
      const w = globalThis as unknown as { localStorage: KV; sessionStorage: KV };
      if (!w.sessionStorage.getItem('seeded')) {
        w.localStorage.setItem('setpoint.session', v);
        w.sessionStorage.setItem('seeded', '1');
      }
    }, value);
    await page.goto('/');
    await expect(page.getByRole('alert').filter({ hasText: 'could not be read' })).toBeVisible();
    await waitForShop(page);
    if (what === 'unreadable') await page.screenshot({ path: 'test-results/corrupt-storage.png' });
    expect(errors).toEqual([]);
  });
}
