import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { clock, guard, injectFault, waitForClock, waitForShop } from './helpers';

/** Every pod on screen by its accessible name ("Pod shop-… Running ready"), sorted. */
async function pods(page: Page): Promise<string[]> {
  const labels: string[] = [];
  for (const pod of await page.getByLabel(/^Pod \S+ /).all())
    labels.push((await pod.getAttribute('aria-label')) ?? '');
  return labels.sort();
}

test('a share link reopens the same cluster at the same time, paused', async ({ page, browser }) => {
  const g = guard(page);
  await page.goto('/');
  await waitForShop(page);
  await waitForClock(page, 5);
  await injectFault(page, 'Delete pod');
  await injectFault(page, 'Fail node', /^node-3/);
  await waitForClock(page, 25);

  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this moment' });
  await expect(dialog).toBeVisible();
  // Sharing pauses the run, so the link and the screen agree.
  await expect(page.getByRole('button', { name: 'Play' })).toBeAttached();
  const link = dialog.getByRole('textbox', { name: 'Link to this moment' });
  await expect(link).toHaveValue(/#share=v1\./);
  await page.waitForTimeout(300); // the last frame after the pause
  const url = await link.inputValue();
  const t = await clock(page);
  const before = await pods(page);
  expect(before.length).toBeGreaterThanOrEqual(3);
  expect(url.length).toBeLessThan(8 * 1024);
  await page.screenshot({ path: 'test-results/share-dialog.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // A fresh browser (no saved session) opens the link.
  const other = await browser.newContext();
  const viewer = await other.newPage();
  const g2 = guard(viewer);
  await viewer.goto(url);
  await expect(viewer.getByRole('status').filter({ hasText: 'You opened a shared link' })).toBeVisible();
  await expect.poll(() => clock(viewer)).toBe(t);
  await expect(viewer.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect.poll(() => pods(viewer)).toEqual(before);
  await expect(viewer.getByRole('button', { name: /Delete pod \(yours\)/ })).toBeVisible();
  await expect(viewer.getByRole('button', { name: /Fail node \(yours\)/ })).toBeVisible();
  // The fragment is dropped once read, so a reload restores the viewer's own session.
  expect(new URL(viewer.url()).hash).toBe('');
  await viewer.screenshot({ path: 'test-results/share-opened.png' });
  await viewer.waitForTimeout(500);
  expect(await clock(viewer)).toBe(t); // still paused
  await other.close();
  expect(g.errors).toEqual([]);
  expect(g2.errors).toEqual([]);
  expect([...g.outside, ...g2.outside]).toEqual([]);
});

test('a damaged share link explains itself and opens the default scenario', async ({ page }) => {
  const g = guard(page);
  await page.goto('/');
  await waitForShop(page);
  await page.getByRole('button', { name: 'Share' }).click();
  const url = await page.getByRole('textbox', { name: 'Link to this moment' }).inputValue();
  // Cut the link short, as a chat app might.
  await page.goto(`/?fresh=1#${new URL(url).hash.slice(1, -12)}`);
  await expect(
    page.getByRole('alert').or(page.getByRole('status')).filter({ hasText: 'damaged' }),
  ).toBeVisible();
  await waitForShop(page);
  expect(new URL(page.url()).hash).toBe('');
  await page.screenshot({ path: 'test-results/share-damaged.png' });
  expect(g.errors).toEqual([]);
});
