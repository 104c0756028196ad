/** Shared steps of the journeys: reading the clock, waiting for the cluster, guarding the origin. */
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

export const PORT = Number(process.env.PW_PORT ?? 4173);
export const ORIGIN = `http://127.0.0.1:${PORT}`;

/** Simulated seconds shown by the header's clock ("t = 2m05s"). */
export async function clock(page: Page): Promise<number> {
  const text = (await page.getByRole('timer', { name: 'Simulated time' }).textContent()) ?? '';
  const m = /(?:(\d+)h)?(\d+)m(\d+)s/.exec(text);
  if (!m) throw new Error(`no time in "${text}"`);
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

export async function waitForClock(page: Page, atLeast: number, timeout = 30_000): Promise<void> {
  try {
    await expect.poll(() => clock(page), { timeout }).toBeGreaterThanOrEqual(atLeast);
  } catch (e) {
    // Say why the clock stopped (an engine restart notice, paused, speed) instead of only "timed out".
    const state = {
      notices: await page.locator('[role=alert], .notice').allTextContents(),
      play: await page.getByRole('button', { name: /^(Play|Pause)$/ }).allTextContents(),
      speed: await page.getByRole('slider', { name: 'Simulation speed' }).getAttribute('aria-valuetext'),
    };
    throw new Error(`clock did not reach ${atLeast}s: ${JSON.stringify(state)}`, { cause: e });
  }
}

/** The default scenario's three shop pods, Running and ready. */
export async function waitForShop(page: Page): Promise<void> {
  await expect(page.getByLabel(/^Pod shop-[a-z0-9]+-[a-z0-9]{5} Running ready$/)).toHaveCount(3, {
    timeout: 30_000,
  });
}

/** Record every request that leaves the origin, and every uncaught page error. */
export function guard(page: Page): { outside: string[]; errors: string[] } {
  const outside: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin !== ORIGIN && url.protocol !== 'data:' && url.protocol !== 'blob:') outside.push(r.url());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { outside, errors };
}

export async function setSpeed(page: Page, key: 'End' | 'Home'): Promise<void> {
  const slider = page.getByRole('slider', { name: 'Simulation speed' });
  await slider.focus();
  await slider.press(key);
}

/** Open a fault from the toolbar, choose a target whose option text matches, inject it. */
export async function injectFault(page: Page, fault: string, target?: RegExp): Promise<void> {
  await page.getByRole('toolbar', { name: 'Break something' }).getByRole('button', { name: fault }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  if (target) {
    const select = dialog.getByRole('combobox');
    const options = await select.locator('option').allTextContents();
    const match = options.find((o) => target.test(o));
    if (!match) throw new Error(`no target ${target} among ${options.join(', ')}`);
    await select.selectOption({ label: match });
  }
  await dialog.getByRole('button', { name: 'Inject' }).click();
  await expect(dialog).toBeHidden();
}
