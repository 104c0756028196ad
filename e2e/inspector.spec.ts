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
  // Monaco draws only the lines in view (its text box holds none of them); the plain stand-in holds all.
  // Either way the top of the stored object shows: the server's fields, which the learner's YAML lacks.
  const editor = page.locator('.dse-editor');
  await expect(editor).toContainText('kind: Deployment');
  await expect(editor).toContainText('resourceVersion');
  await page.screenshot({ path: 'test-results/inspector-live-yaml.png' });

  // Back to the learner's own YAML, untouched.
  await page.getByRole('button', { name: 'Back to your YAML' }).click();
  await expect(page.getByRole('textbox', { name: 'Desired state' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Apply' })).toBeVisible();
});
