import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { waitForShop } from './helpers';

const shopPods = (page: Page, status = 'Running', ready = 'ready') =>
  page.getByLabel(new RegExp(`^Pod shop-[a-z0-9]+-[a-z0-9]{5} ${status} ${ready}$`));

/** Open the Desired state tab and wait for Monaco (not the plain stand-in) to hold the YAML. */
async function openEditor(page: Page): Promise<Locator> {
  await page.getByRole('tab', { name: 'Desired state' }).click();
  const editor = page.getByRole('textbox', { name: 'Desired state' });
  await expect(editor).toHaveAttribute('aria-roledescription', 'editor');
  await expect(editor).toHaveValue(/kind: Deployment/);
  return editor;
}

/** Replace the first line matching `pattern` (keeping its indentation) by typing, as a learner would. */
async function replaceLine(page: Page, editor: Locator, pattern: RegExp, text: string): Promise<number> {
  const lines = (await editor.inputValue()).split('\n');
  const index = lines.findIndex((l) => pattern.test(l));
  expect(index, `a line matching ${pattern}`).toBeGreaterThanOrEqual(0);
  await editor.press('Control+Home');
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
  return index + 1;
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await waitForShop(page);
});

test('editing replicas and pressing Apply scales the Deployment', async ({ page }) => {
  const editor = await openEditor(page);
  await replaceLine(page, editor, /^\s*replicas:\s*3\s*$/, 'replicas: 5');
  await expect(editor).toHaveValue(/replicas: 5/);
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Applied.' })).toContainText(
    'deployment.apps/shop configured',
  );
  await expect(shopPods(page)).toHaveCount(5, { timeout: 30_000 });
  await page.screenshot({ path: 'test-results/editor-apply.png' });
});

test('Ctrl+S in the editor applies', async ({ page }) => {
  const editor = await openEditor(page);
  await replaceLine(page, editor, /^\s*replicas:\s*3\s*$/, 'replicas: 4');
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status').filter({ hasText: 'Applied.' })).toBeVisible();
  await expect(shopPods(page)).toHaveCount(4, { timeout: 30_000 });
});

test('a bad value is marked at its line, and nothing changes', async ({ page }) => {
  const editor = await openEditor(page);
  const line = await replaceLine(page, editor, /^\s*replicas:\s*3\s*$/, 'replicas: -2');
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Not applied' })).toContainText('spec.replicas');
  // The cluster's diagnostic is a marker on that line (listed under the editor; the button jumps to it).
  const problems = page.getByRole('list', { name: 'Problems in the YAML' });
  const problem = problems.getByRole('button', {
    name: new RegExp(`^cluster Line ${line}, column \\d+: .*spec\\.replicas`),
  });
  await expect(problem).toBeVisible();
  await expect(page.locator('.monaco-editor .squiggly-error')).not.toHaveCount(0);
  await page.screenshot({ path: 'test-results/editor-bad-yaml.png' });
  await problem.click();
  await expect(editor).toBeFocused();
  // Atomic: still three pods, and the Deployment still asks for three.
  await page.waitForTimeout(1500);
  await expect(shopPods(page)).toHaveCount(3);
  await page.getByRole('tab', { name: 'Console' }).click();
  await expect(page.getByRole('button', { name: 'kubectl commands' })).toBeVisible();
  const cmd = page.getByLabel('kubectl', { exact: true });
  await cmd.fill('get deployment shop -o yaml');
  await cmd.press('Enter');
  await expect(page.getByRole('log', { name: 'Console output' })).toContainText('  replicas: 3');
});

test('the schema checks, documents and completes fields while typing', async ({ page }) => {
  const editor = await openEditor(page);
  const line = await replaceLine(page, editor, /^\s*replicas:\s*3\s*$/, 'replicaz: 3');
  const problems = page.getByRole('list', { name: 'Problems in the YAML' });
  await expect(
    problems.getByRole('button', {
      name: new RegExp(`^schema Line ${line}, column \\d+: Property replicaz is not allowed`),
    }),
  ).toBeVisible();
  // Completion offers the Deployment's spec fields on a new line there.
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('progress');
  await page.keyboard.press('Control+Space');
  await expect(page.getByRole('option', { name: /progressDeadlineSeconds/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/editor-completion.png' });
  await page.keyboard.press('Escape');
});

test('Review changes lists the change as a diff; a keyboard user can confirm it', async ({ page }) => {
  const editor = await openEditor(page);
  await replaceLine(page, editor, /^\s*replicas:\s*3\s*$/, 'replicas: 6');
  const review = page.getByRole('button', { name: 'Review changes' });
  await review.click();
  const dialog = page.getByRole('dialog', { name: 'Review changes before applying' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('0 to create, 1 to change');
  await expect(dialog.getByRole('listitem').filter({ hasText: 'deployment.apps/shop' })).toContainText(
    'changed',
  );
  await expect(dialog.getByRole('region', { name: 'deployment.apps/shop changed' })).toContainText(
    /-\s+replicas: 3\s+\+\s+replicas: 6/,
  );
  await page.screenshot({ path: 'test-results/editor-diff.png' });
  // Escape cancels and gives focus back; nothing was applied.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(review).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Applied.' })).toHaveCount(0);
  // Keyboard only: open, read (the diff scrolls), Tab to Apply, Enter.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('region', { name: 'Changes' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Apply' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Applied.' })).toBeVisible();
  await expect(shopPods(page)).toHaveCount(6, { timeout: 30_000 });
});

test('the editor fits 1280x720 and the scenario reset brings the YAML back', async ({ page }) => {
  const editor = await openEditor(page);
  await replaceLine(page, editor, /^\s*replicas:\s*3\s*$/, 'replicas: 9');
  const box = await page.getByRole('tabpanel').filter({ has: editor }).boundingBox();
  expect(box && box.y + box.height).toBeLessThanOrEqual(720);
  await page.screenshot({ path: 'test-results/editor-1280x720.png' });
  await page.getByRole('button', { name: "Use the scenario's YAML" }).click();
  await expect(editor).toHaveValue(/replicas: 3/);
  await expect(editor).not.toHaveValue(/replicas: 9/);
});
