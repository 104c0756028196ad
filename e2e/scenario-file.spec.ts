import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { waitForShop } from './helpers';

test('open a scenario file: a bad one shows line:column diagnostics and changes nothing', async ({
  page,
}) => {
  await page.goto('/');
  await waitForShop(page);
  const file = page.getByLabel('Open a scenario file from your computer');

  const bad =
    'apiVersion: setpoint.dev/v1alpha1\nkind: Scenario\nmetadata:\n  name: broken\nspec:\n  seed: many\n';
  await file.setInputFiles({ name: 'broken.yaml', mimeType: 'text/yaml', buffer: Buffer.from(bad) });
  const alert = page.getByRole('alert').filter({ hasText: 'broken.yaml could not be opened' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/\b6:\d+: /);
  await page.screenshot({ path: 'test-results/scenario-file-bad.png' });
  // The running cluster is untouched.
  await expect(page.getByRole('heading', { level: 1 })).toContainText('self-healing');
  await waitForShop(page);

  const good = readFileSync('examples/crash-loop.yaml');
  await file.setInputFiles({ name: 'my-crash-loop.yaml', mimeType: 'text/yaml', buffer: good });
  await expect(page.getByRole('heading', { level: 1 })).toContainText('crash-loop');
  await expect(page.getByLabel(/^Pod worker-/).first()).toBeVisible({ timeout: 20_000 });
});
