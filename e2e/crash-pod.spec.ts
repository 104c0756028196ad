import { expect, test } from '@playwright/test';
import { waitForShop } from './helpers';

test('crash a pod from the fault toolbar and watch the kubelet restart it in place', async ({ page }) => {
  await page.goto('/');
  await waitForShop(page);
  const pod = page.getByLabel(/^Pod shop-[a-z0-9]+-[a-z0-9]{5} Running ready$/).first();
  const name = /^Pod (\S+)/.exec((await pod.getAttribute('aria-label')) ?? '')?.[1] ?? '';
  expect(name).not.toBe('');

  // Keyboard only: Tab to the toolbar's first button, open its picker, choose, inject.
  await page
    .getByRole('toolbar', { name: 'Break something' })
    .getByRole('button', { name: 'Crash pod' })
    .focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /Crash pod/ });
  await expect(dialog).toBeVisible();
  const label = (await dialog.locator('option', { hasText: name }).textContent()) ?? '';
  await dialog.getByRole('combobox', { name: 'Pod' }).selectOption({ label });
  await dialog.getByRole('button', { name: 'Inject' }).press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'container crashed' })).toBeVisible();

  // The same pod (same name: restarted, not replaced) is Running and ready again.
  await expect(page.getByLabel(new RegExp(`^Pod ${name} Running ready$`))).toBeVisible({ timeout: 20_000 });
  await waitForShop(page);
  // The event log shows the container started a second time.
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByLabel('Filter events by object').fill(name);
  await expect(
    page.getByRole('row').filter({ hasText: 'Started' }).filter({ hasText: '(x2)' }),
  ).toBeVisible();
  // A marker for the learner's fault is on the timeline.
  await expect(page.getByRole('button', { name: /Crash pod \(yours\)/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/crash-pod.png' });
});
