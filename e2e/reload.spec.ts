import { expect, test } from '@playwright/test';
import { clock, injectFault, waitForClock, waitForShop } from './helpers';

test("a reload keeps the simulated position, the input log and the learner's YAML", async ({ page }) => {
  await page.goto('/');
  await waitForShop(page);
  await waitForClock(page, 12);
  await injectFault(page, 'Crash pod');
  await waitForClock(page, 16);
  await page.getByRole('button', { name: 'Pause' }).click();

  await page.getByRole('tab', { name: 'Desired state' }).click();
  const yaml = page.getByRole('textbox', { name: 'Desired state' });
  await expect(yaml).toHaveValue(/kind: Deployment/);
  await yaml.press('Control+End');
  await yaml.pressSequentially('\n# my note: try 5 replicas');
  const t = await clock(page);
  await page.waitForTimeout(1500); // the session is saved at most once a second

  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Welcome back' })).toBeVisible();
  await expect.poll(() => clock(page)).toBe(t);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Crash pod \(yours\)/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Desired state' }).click();
  await expect(page.getByRole('textbox', { name: 'Desired state' })).toHaveValue(/# my note: try 5 replicas/);
  await page.screenshot({ path: 'test-results/reload.png' });
});
