import { expect, test } from '@playwright/test';
import { guard, injectFault, waitForShop } from './helpers';

test('no request leaves the origin, whatever the learner does', async ({ page }) => {
  const { outside, errors } = guard(page);
  await page.goto('/');
  await waitForShop(page);
  await injectFault(page, 'Delete pod');
  await page.getByRole('tab', { name: 'Console' }).click();
  await page.getByLabel('kubectl', { exact: true }).fill('get pods');
  await page.getByLabel('kubectl', { exact: true }).press('Enter');
  await expect(page.getByRole('log', { name: 'Console output' })).toContainText('$ kubectl get pods');
  await page.getByRole('tab', { name: 'Desired state' }).click();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Applied|Not applied/ })).toBeVisible();
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('rolling-update');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('rolling-update');
  await page.waitForTimeout(1000);
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
});
