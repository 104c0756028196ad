import { expect, test } from '@playwright/test';
import { ORIGIN, waitForShop } from './helpers';

/** The policy from docs (toolchain): anything loaded from elsewhere would be refused and reported. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'";

test('Monaco, its workers and its font load from this origin only, under a strict CSP', async ({
  page,
  context,
  baseURL,
}) => {
  const origin = new URL(baseURL ?? ORIGIN).origin;
  const requests: string[] = [];
  const outside: string[] = [];
  const problems: string[] = [];
  context.on('request', (r) => {
    const url = new URL(r.url());
    requests.push(r.url());
    if (url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:') outside.push(r.url());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  // Serve the page with the CSP header, as a deployment should.
  await page.route(`${origin}/`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });

  await page.goto('/');
  await waitForShop(page);
  await page.getByRole('tab', { name: 'Desired state' }).click();
  const editor = page.getByRole('textbox', { name: 'Desired state' });
  await expect(editor).toHaveAttribute('aria-roledescription', 'editor');
  // Make the YAML worker and the editor worker do work: a schema warning needs both.
  await editor.press('Control+End');
  await page.keyboard.type('\nbogus: 1');
  await expect(page.getByRole('list', { name: 'Problems in the YAML' })).toContainText('schema');
  await page.waitForTimeout(500);

  expect(outside).toEqual([]);
  expect(problems).toEqual([]);
  const loaded = (re: RegExp) => requests.some((u) => re.test(u));
  expect(loaded(/\/assets\/MonacoYamlEditor-[^/]+\.js$/), 'the Monaco chunk').toBe(true);
  expect(loaded(/\/assets\/yaml\.worker-[^/]+\.js$/), 'the YAML worker').toBe(true);
  expect(loaded(/\/assets\/editor\.worker-[^/]+\.js$/), 'the editor worker').toBe(true);
  expect(loaded(/\/assets\/codicon-[^/]+\.ttf$/), 'the codicon font').toBe(true);
});

test('if Monaco cannot load, a plain labelled text box says so and still applies', async ({ page }) => {
  await page.route(/\/assets\/MonacoYamlEditor-[^/]+\.js$/, (route) => route.abort());
  await page.goto('/');
  await waitForShop(page);
  await page.getByRole('tab', { name: 'Desired state' }).click();
  await expect(page.getByText('The code editor could not be loaded')).toBeVisible();
  const yaml = page.getByRole('textbox', { name: 'Desired state' });
  await expect(yaml).not.toHaveAttribute('aria-roledescription', 'editor');
  await yaml.fill((await yaml.inputValue()).replace(/replicas: 3/, 'replicas: 4'));
  await yaml.press('Control+s');
  await expect(page.getByRole('status').filter({ hasText: 'Applied.' })).toBeVisible();
  await expect(page.getByLabel(/^Pod shop-[a-z0-9]+-[a-z0-9]{5} Running ready$/)).toHaveCount(4, {
    timeout: 30_000,
  });
  await page.screenshot({ path: 'test-results/editor-fallback.png' });
});
