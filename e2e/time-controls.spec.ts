import { expect, test } from '@playwright/test';
import { clock, setSpeed, waitForClock, waitForShop } from './helpers';

test('pause, play, step and speed control simulated time', async ({ page }) => {
  await page.goto('/');
  await waitForShop(page);

  // Pause: time stops.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const paused = await clock(page);
  await page.waitForTimeout(1500);
  expect(await clock(page)).toBe(paused);

  // Step: runs to the next scheduled moment and stays paused.
  const before = await clock(page);
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => clock(page)).toBeGreaterThan(before);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

  // Speed: a keyboard-operable slider from 0.25x to 50x.
  const slider = page.getByRole('slider', { name: 'Simulation speed' });
  await setSpeed(page, 'Home');
  await expect(slider).toHaveAttribute('aria-valuetext', '0.25x');
  await setSpeed(page, 'End');
  await expect(slider).toHaveAttribute('aria-valuetext', '50x');
  await slider.press('ArrowLeft');
  await expect(slider).toHaveAttribute('aria-valuetext', '25x');
  await slider.press('ArrowRight');

  // Play at 50x: a simulated minute passes in a couple of seconds.
  const start = await clock(page);
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForClock(page, start + 60, 10_000);

  // Space toggles play/pause when focus is not in a control.
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

  // Skip ahead: runs until the next event is recorded.
  const t0 = await clock(page);
  await page.getByRole('button', { name: 'Skip ahead' }).click();
  await expect.poll(() => clock(page)).toBeGreaterThan(t0);
  await page.screenshot({ path: 'test-results/time-controls.png' });
});
