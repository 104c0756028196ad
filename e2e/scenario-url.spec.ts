import { expect, test } from '@playwright/test';

test('?scenario=node-loss opens that example', async ({ page }) => {
  await page.goto('/?scenario=node-loss');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('node-loss');
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('node-loss');
  await expect(page.getByLabel(/^Pod api-[a-z0-9]+-[a-z0-9]{5} Running ready$/).first()).toBeVisible({
    timeout: 30_000,
  });
  // The scenario's own timeline (node-2 fails at 30s) shows on the timeline once reached.
  await page.screenshot({ path: 'test-results/scenario-url.png' });
});

test('an unknown ?scenario= name says so and opens the default scenario', async ({ page }) => {
  await page.goto('/?scenario=no-such-lesson');
  await expect(page.getByRole('alert')).toContainText('no example scenario called "no-such-lesson"');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('self-healing');
  await expect(page.getByLabel(/^Node node-1 Ready/)).toBeVisible();
});
