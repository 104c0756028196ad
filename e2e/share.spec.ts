import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { AUTHOR_LESSON } from './authorLesson';
import { clock, guard, injectFault, waitForClock, waitForShop } from './helpers';

/** Every pod on screen by its accessible name ("Pod shop-… Running ready"), sorted. */
async function pods(page: Page): Promise<string[]> {
  const labels: string[] = [];
  for (const pod of await page.getByLabel(/^Pod \S+ /).all())
    labels.push((await pod.getAttribute('aria-label')) ?? '');
  return labels.sort();
}

test('a share link reopens the same cluster at the same time, paused', async ({ page, browser }) => {
  const g = guard(page);
  await page.goto('/');
  await waitForShop(page);
  await waitForClock(page, 5);
  await injectFault(page, 'Delete pod');
  await injectFault(page, 'Fail node', /^node-3/);
  await waitForClock(page, 25);

  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this moment' });
  await expect(dialog).toBeVisible();
  // Sharing pauses the run, so the link and the screen agree.
  await expect(page.getByRole('button', { name: 'Play' })).toBeAttached();
  const link = dialog.getByRole('textbox', { name: 'Link to this moment' });
  await expect(link).toHaveValue(/#share=v2\./);
  await page.waitForTimeout(300); // the last frame after the pause
  const url = await link.inputValue();
  const t = await clock(page);
  const before = await pods(page);
  expect(before.length).toBeGreaterThanOrEqual(3);
  expect(url.length).toBeLessThan(8 * 1024);
  await page.screenshot({ path: 'test-results/share-dialog.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // A fresh browser (no saved session) opens the link.
  const other = await browser.newContext();
  const viewer = await other.newPage();
  const g2 = guard(viewer);
  await viewer.goto(url);
  await expect(viewer.getByRole('status').filter({ hasText: 'You opened a shared link' })).toBeVisible();
  await expect.poll(() => clock(viewer)).toBe(t);
  await expect(viewer.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect.poll(() => pods(viewer)).toEqual(before);
  await expect(viewer.getByRole('button', { name: /Delete pod \(yours\)/ })).toBeVisible();
  await expect(viewer.getByRole('button', { name: /Fail node \(yours\)/ })).toBeVisible();
  // The fragment is dropped once read, so a reload restores the viewer's own session.
  expect(new URL(viewer.url()).hash).toBe('');
  await viewer.screenshot({ path: 'test-results/share-opened.png' });
  await viewer.waitForTimeout(500);
  expect(await clock(viewer)).toBe(t); // still paused
  await other.close();
  expect(g.errors).toEqual([]);
  expect(g2.errors).toEqual([]);
  expect([...g.outside, ...g2.outside]).toEqual([]);
});

test('a damaged share link explains itself and opens the default scenario', async ({ page }) => {
  const g = guard(page);
  await page.goto('/');
  await waitForShop(page);
  await page.getByRole('button', { name: 'Share' }).click();
  const url = await page.getByRole('textbox', { name: 'Link to this moment' }).inputValue();
  // Cut the link short, as a chat app might.
  await page.goto(`/?fresh=1#${new URL(url).hash.slice(1, -12)}`);
  await expect(
    page.getByRole('alert').or(page.getByRole('status')).filter({ hasText: 'damaged' }),
  ).toBeVisible();
  await waitForShop(page);
  expect(new URL(page.url()).hash).toBe('');
  await page.screenshot({ path: 'test-results/share-damaged.png' });
  expect(g.errors).toEqual([]);
});

test('a share link made inside a lesson reopens that lesson at the same step, cluster and time', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const g = guard(page);
  await page.goto('/?lesson=thermostat');
  const panel = page.getByRole('complementary', { name: 'Lesson' });
  await expect(panel.getByRole('heading', { name: 'Declare three copies' })).toBeVisible();
  await panel.getByRole('button', { name: 'Show solution' }).click();
  await panel.getByRole('button', { name: 'Next step' }).click({ timeout: 30_000 });
  await expect(panel.getByRole('heading', { name: 'Turn the dial to five' })).toBeVisible();
  await expect(panel.getByText('Watching the cluster for your goal…')).toBeVisible();
  await injectFault(page, 'Delete pod');
  await waitForClock(page, (await clock(page)) + 3);

  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this moment' });
  await expect(dialog).toContainText('also opens the lesson “The thermostat');
  const link = dialog.getByRole('textbox', { name: 'Link to this moment' });
  await expect(link).toHaveValue(/#share=v2\./);
  await page.waitForTimeout(300); // the last frame after the pause
  const url = await link.inputValue();
  const t = await clock(page);
  const before = await pods(page);
  expect(before.length).toBeGreaterThanOrEqual(3);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // A fresh browser: the same lesson at step 2, the same pods at the same time, paused.
  const other = await browser.newContext();
  const viewer = await other.newPage();
  const g2 = guard(viewer);
  await viewer.goto(url);
  const viewerPanel = viewer.getByRole('complementary', { name: 'Lesson' });
  await expect(viewerPanel.getByRole('heading', { name: 'Turn the dial to five' })).toBeVisible();
  await expect(viewerPanel.getByText('Step 2 of 3')).toBeVisible();
  await expect.poll(() => clock(viewer)).toBe(t);
  await expect.poll(() => pods(viewer)).toEqual(before);
  await expect(viewer.getByRole('button', { name: 'Play' })).toBeVisible();
  // The address is the lesson's, so a reload reopens it; the fragment is gone.
  expect(new URL(viewer.url()).search).toBe('?lesson=thermostat&step=2');
  expect(new URL(viewer.url()).hash).toBe('');
  await viewer.screenshot({ path: 'test-results/share-lesson-opened.png' });
  // The step's goal is live for the viewer: the solution completes it.
  await expect(viewerPanel.getByText('Watching the cluster for your goal…')).toBeVisible();
  await viewerPanel.getByRole('button', { name: 'Show solution' }).click();
  await expect(viewerPanel.getByText('Goal reached: the cluster is where this step wanted it.')).toBeVisible({
    timeout: 30_000,
  });
  await other.close();
  expect([...g.errors, ...g2.errors]).toEqual([]);
  expect([...g.outside, ...g2.outside]).toEqual([]);
});

test("a link made in an author's lesson reopens it from its address; one made from a file says why it cannot", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const lessonText = AUTHOR_LESSON.replace('GOAL', 'podsReady');
  const serve = (where: Page | BrowserContext) =>
    where.route(
      (url) => url.pathname.startsWith('/my-lessons/'),
      (route) => route.fulfill({ contentType: 'text/yaml', body: lessonText }),
    );
  const share = async (p: Page) => {
    await p.getByRole('button', { name: 'Share' }).click();
    const dialog = p.getByRole('dialog', { name: 'Share this moment' });
    await expect(dialog.getByRole('textbox', { name: 'Link to this moment' })).toHaveValue(/#share=v2\./);
    await p.waitForTimeout(300); // the last frame after the pause
    const shared = {
      url: await dialog.getByRole('textbox', { name: 'Link to this moment' }).inputValue(),
      note: (await dialog.textContent()) ?? '',
      t: await clock(p),
      pods: await pods(p),
    };
    await dialog.getByRole('button', { name: 'Close' }).click();
    return shared;
  };
  await serve(page);
  await page.goto('/?lessonUrl=/my-lessons/good.yaml');
  const panel = page.getByRole('complementary', { name: 'Lesson' });
  await expect(panel.getByRole('heading', { name: 'Five copies' })).toBeVisible();
  await waitForClock(page, 3);
  const byUrl = await share(page);
  expect(byUrl.note).toContain('also opens the lesson “Turn the dial”');

  const other = await browser.newContext();
  await serve(other);
  const viewer = await other.newPage();
  const g2 = guard(viewer);
  await viewer.goto(byUrl.url);
  const viewerPanel = viewer.getByRole('complementary', { name: 'Lesson' });
  await expect(viewerPanel.getByRole('heading', { name: 'Five copies' })).toBeVisible();
  await expect(viewerPanel.getByText('Your own lesson')).toBeVisible();
  await expect.poll(() => clock(viewer)).toBe(byUrl.t);
  await expect.poll(() => pods(viewer)).toEqual(byUrl.pods);
  expect(new URL(viewer.url()).search).toBe('?lessonUrl=%2Fmy-lessons%2Fgood.yaml');

  // The same lesson opened from a file on this computer: the link cannot carry it, and both sides are told.
  await page.evaluate(`localStorage.setItem('setpoint.own-lesson', ${JSON.stringify(lessonText)})`);
  await page.goto('/?ownLesson');
  await expect(panel.getByRole('heading', { name: 'Five copies' })).toBeVisible();
  await waitForClock(page, 3);
  const fromFile = await share(page);
  expect(fromFile.note).toContain('Your own lesson file is on this computer, so it cannot go into a link');
  await viewer.goto(fromFile.url);
  await expect(viewer.getByRole('alert').filter({ hasText: 'a lesson file on the sharer' })).toContainText(
    'Its cluster opens in the sandbox instead, without the lesson.',
  );
  await expect.poll(() => clock(viewer)).toBe(fromFile.t);
  await expect.poll(() => pods(viewer)).toEqual(fromFile.pods);
  await expect(viewer.getByRole('complementary', { name: 'Lesson' })).toHaveCount(0);
  await other.close();
  expect(g2.errors).toEqual([]);
});
