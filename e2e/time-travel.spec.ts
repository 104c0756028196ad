import { expect, test } from '@playwright/test';
import { clock, injectFault, waitForClock, waitForShop } from './helpers';

test('scrub back in time, then act: the old future is discarded (a branch)', async ({ page }) => {
  await page.goto('/');
  await waitForShop(page);
  const slider = page.getByRole('slider', { name: 'Simulation speed' });
  await slider.focus();
  await slider.press('End');
  await slider.press('ArrowLeft');
  await slider.press('ArrowLeft'); // 10x

  await waitForClock(page, 40);
  await page.getByRole('button', { name: 'Pause' }).click();
  await injectFault(page, 'Delete pod');
  const deletedAt = await clock(page);
  const oldMarker = page.getByRole('button', { name: /Delete pod \(yours\)/ });
  await expect(oldMarker).toBeVisible();
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForClock(page, deletedAt + 30);
  await page.getByRole('button', { name: 'Pause' }).click();

  // Seek back before the deletion: the deletion is still logged, ahead of now.
  const time = page.getByRole('slider', { name: 'Simulation time' });
  await time.fill('20');
  await expect.poll(() => clock(page)).toBe(20);
  await expect(oldMarker).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

  // Act now: a new branch starts here and the old future (the deletion) disappears.
  await injectFault(page, 'Crash pod');
  await expect(page.getByRole('button', { name: /Crash pod \(yours\)/ })).toBeVisible();
  await expect(oldMarker).toHaveCount(0);
  await expect(time).toHaveAttribute('aria-valuetext', /0m20s of 0m20s/);
  await page.screenshot({ path: 'test-results/time-travel.png' });

  // The branch runs on from here.
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForClock(page, 25);
});
