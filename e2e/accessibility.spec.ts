import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { waitForShop } from './helpers';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    );
}

test('axe finds no serious or critical violations (desktop, dialog, tablet)', async ({ page }) => {
  await page.goto('/');
  await waitForShop(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('tab', { name: 'Desired state' }).click();
  await page.getByRole('tab', { name: 'Console' }).click();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Fail node' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  // Focus returns to the button that opened the dialog.
  await expect(page.getByRole('button', { name: 'Fail node' })).toBeFocused();

  await page.setViewportSize({ width: 820, height: 1180 });
  await page.screenshot({ path: 'test-results/tablet.png', fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
});
