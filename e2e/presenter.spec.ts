import { expect, test } from '@playwright/test';
import { clock, guard, waitForShop } from './helpers';

test('presenter mode: large type, shortcuts and captions', async ({ page }) => {
  const g = guard(page);
  await page.goto('/?present=1');
  await waitForShop(page);
  const html = page.locator('html');
  await expect(html).toHaveClass(/\bpresenter\b/);
  const toggle = page.getByRole('button', { name: 'Present' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const fontSize = await page.evaluate<number>(
    'parseFloat(getComputedStyle(document.documentElement).fontSize)',
  );
  expect(fontSize).toBeGreaterThanOrEqual(18);

  // Space pauses, "." steps.
  await page
    .locator('body')
    .click({ position: { x: 5, y: 700 } })
    .catch(() => {});
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const t0 = await clock(page);
  await page.keyboard.press('.');
  await expect.poll(() => clock(page)).toBeGreaterThan(t0);

  // C crashes a random running pod; the kubelet restarts it and the caption says so.
  const caption = page.getByRole('status', { name: 'What the control plane just did' });
  await page.keyboard.press('c');
  await expect(caption).toContainText(/The kubelet restarted the container of shop-\S+ in place/);
  await expect(page.getByRole('button', { name: /Crash pod \(yours\)/ })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.screenshot({ path: 'test-results/presenter-crash.png' });

  // K kills a random node: its machine goes off, and the control plane notices.
  // Every caption shown from now on (the scenario's own faults can replace one quickly).
  await page.evaluate(`(() => {
    const seen = (window.captions = []);
    const el = document.querySelector('.presenter-caption');
    new MutationObserver(() => seen.push(el.textContent)).observe(el, { subtree: true, childList: true, characterData: true });
  })()`);
  const captions = () => page.evaluate<string>("window.captions.join('\\n')");
  await page.keyboard.press('k');
  await expect(page.getByRole('button', { name: /Fail node \(yours\)/ })).toBeVisible();
  await expect(page.getByText('machine off')).toHaveCount(1);
  await expect.poll(captions).toMatch(/node\/node-\d powered off/);
  await expect
    .poll(captions, { timeout: 45_000 })
    .toMatch(/node-\d stopped reporting; the control plane marked it Unknown/);
  await page.screenshot({ path: 'test-results/presenter-node.png' });

  // Typing in a field never triggers a shortcut. (Presenter mode folds the events panel away.)
  await page.getByRole('button', { name: 'Show' }).click();
  const markers = page.getByRole('button', { name: /\(yours\)/ });
  const before = await markers.count();
  await page.getByLabel('Filter events by object').fill('');
  await page.getByLabel('Filter events by object').pressSequentially('ck?');
  await expect(page.getByLabel('Filter events by object')).toHaveValue('ck?');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(await markers.count()).toBe(before);
  await page.getByLabel('Filter events by object').fill('');

  // ? lists the shortcuts in a modal dialog; Escape closes it and focus comes back.
  await page.locator('h1').click();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('definition')).toHaveCount(7);
  await expect(help).toContainText('Crash a random pod');
  await page.screenshot({ path: 'test-results/presenter-help.png' });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // R restarts the scenario.
  await page.keyboard.press('r');
  await expect(page.getByRole('button', { name: /\(yours\)/ })).toHaveCount(0);
  await expect.poll(() => clock(page)).toBeLessThan(10);

  // The toggle turns it off again.
  await toggle.click();
  await expect(html).not.toHaveClass(/\bpresenter\b/);
  await expect(caption).toHaveCount(0);
  expect(g.errors).toEqual([]);
  expect(g.outside).toEqual([]);
});
