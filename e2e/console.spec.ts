import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { waitForShop } from './helpers';

async function openConsole(page: Page) {
  await page.getByRole('tab', { name: 'Console' }).click();
  const input = page.getByLabel('kubectl', { exact: true });
  await expect(input).toBeVisible();
  // The full console (not the plain stand-in shown while it loads) has the help button.
  await expect(page.getByRole('button', { name: 'kubectl commands' })).toBeVisible();
  return { input, log: page.getByRole('log', { name: 'Console output' }) };
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await waitForShop(page);
});

test('get pods prints a table; scale scales the Deployment', async ({ page }) => {
  const { input, log } = await openConsole(page);
  await expect(log).toHaveAttribute('aria-live', 'polite');
  await input.fill('get pods');
  await input.press('Enter');
  await expect(log).toContainText('$ kubectl get pods');
  await expect(log).toContainText(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
  await expect(log).toContainText(/shop-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running/);
  await input.fill('kubectl scale deployment/shop --replicas=5');
  await input.press('Enter');
  await expect(log).toContainText('deployment.apps/shop scaled');
  await expect(page.getByLabel(/^Pod shop-[a-z0-9]+-[a-z0-9]{5} Running ready$/)).toHaveCount(5, {
    timeout: 30_000,
  });
  await input.fill('get pods -o wide');
  await input.press('Enter');
  await expect(log).toContainText('NOMINATED NODE');
  await page.screenshot({ path: 'test-results/console-get-scale.png' });
});

test('errors go to stderr with their exit code; clear empties the log', async ({ page }) => {
  const { input, log } = await openConsole(page);
  await input.fill('get widgets');
  await input.press('Enter');
  await expect(log).toContainText(`error: the server doesn't have a resource type "widgets"`);
  await expect(log).toContainText('exit code 1');
  await input.fill('clear');
  await input.press('Enter');
  await expect(log).not.toContainText('widgets');
});

test('history with Up/Down, Tab completion from the cluster, and the help', async ({ page }) => {
  const { input, log } = await openConsole(page);
  await input.fill('get nodes');
  await input.press('Enter');
  await expect(log).toContainText('node-1');
  await input.fill('get deploy');
  await input.press('Enter');
  await input.press('ArrowUp');
  await expect(input).toHaveValue('get deploy');
  await input.press('ArrowUp');
  await expect(input).toHaveValue('get nodes');
  await input.press('ArrowDown');
  await input.press('ArrowDown');
  await expect(input).toHaveValue('');

  await input.pressSequentially('desc');
  await input.press('Tab');
  await expect(input).toHaveValue('describe ');
  await input.pressSequentially('deploym');
  await input.press('Tab');
  await expect(input).toHaveValue('describe deployment');
  await input.pressSequentially(' s');
  await input.press('Tab');
  await expect(input).toHaveValue('describe deployment shop ');
  await expect(input).toBeFocused();
  await input.fill('get pods shop');
  await input.press('Tab');
  await expect(page.getByText(/^Completions: shop-/)).toBeVisible();
  await page.screenshot({ path: 'test-results/console-completion.png' });

  await page.getByRole('button', { name: 'kubectl commands' }).click();
  const help = page.getByRole('region', { name: 'Commands this kubectl supports' });
  await expect(help).toContainText('rollout status');
  await expect(help).toContainText('Display one or many resources');
  await page.screenshot({ path: 'test-results/console-help.png' });
  await page.getByRole('button', { name: 'kubectl commands' }).click();
  await expect(help).toBeHidden();
  // Typing help opens it too; Escape closes it.
  await input.fill('help');
  await input.press('Enter');
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('apply -f - applies the Desired state YAML', async ({ page }) => {
  const { input, log } = await openConsole(page);
  await input.fill('apply -f -');
  await input.press('Enter');
  await expect(log).toContainText('deployment.apps/shop unchanged');
});
