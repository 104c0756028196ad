import { expect, test } from '@playwright/test';
import { waitForShop } from './helpers';

test('the inspector explains a Deployment and opens it as live YAML', async ({ page }) => {
  await page.goto('/');
  await waitForShop(page);
  await page
    .getByLabel(/^Deployment shop, /)
    .first()
    .click();
  const inspector = page.getByRole('complementary', { name: 'Why: inspector' });
  await expect(inspector.getByRole('heading', { name: 'shop' })).toBeVisible();

  await inspector.getByRole('button', { name: 'Open Deployment shop as YAML (kubectl get -o yaml)' }).click();
  // The Desired state tab now shows the stored object, status included, read-only.
  await expect(page.getByText(/^Live deployment\.apps\/shop: kubectl get -o yaml, read-only/)).toBeVisible();
  const live = page.getByLabel('Live object deployment.apps/shop (read-only)');
  await expect(live).toContainText('kind: Deployment');
  await expect(live).toContainText('availableReplicas');
  await page.screenshot({ path: 'test-results/inspector-live-yaml.png' });

  // Back to the learner's own YAML, untouched.
  await page.getByRole('button', { name: 'Back to your YAML' }).click();
  await expect(page.getByRole('textbox', { name: 'Desired state' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Apply' })).toBeVisible();
});
