import { expect, test } from '@playwright/test';

test('first load runs the engine in a worker and shows the default cluster healing itself', async ({
  page,
}) => {
  const outside: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin !== 'http://127.0.0.1:4173' && url.protocol !== 'data:' && url.protocol !== 'blob:')
      outside.push(r.url());
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto('/');
  await expect(page.getByLabel(/^Node node-1 Ready/)).toBeVisible();
  await expect(page.getByLabel(/^Node node-3 Ready/)).toBeVisible();
  // The default scenario's Deployment reaches its desired count of Running, ready pods.
  await expect(page.getByLabel(/^Pod shop-[a-z0-9]+-[a-z0-9]{5} Running ready$/)).toHaveCount(3, {
    timeout: 30_000,
  });
  await page.screenshot({ path: 'test-results/first-load.png' });

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
});
