import { expect, test } from '@playwright/test';
import { clock, guard, waitForShop } from './helpers';

test('first load runs the engine in a worker and shows the default cluster healing itself', async ({
  page,
}) => {
  const { outside, errors } = guard(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('self-healing');
  await expect(page.getByLabel(/^Node node-1 Ready/)).toBeVisible();
  await expect(page.getByLabel(/^Node node-2 Ready/)).toBeVisible();
  await expect(page.getByLabel(/^Node node-3 Ready/)).toBeVisible();
  // The default scenario's Deployment reaches its desired count of Running, ready pods.
  await waitForShop(page);
  // Time runs, and is always visible.
  expect(await clock(page)).toBeGreaterThan(0);
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(page.getByRole('slider', { name: 'Simulation speed' })).toBeVisible();
  await expect(page.getByRole('slider', { name: 'Simulation time' })).toBeVisible();
  // The event log (closed at first, so the cluster has the room) reads like `kubectl get events`.
  await page.getByRole('tab', { name: 'Events' }).click();
  const events = page.getByRole('table');
  for (const column of ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'])
    await expect(events.getByRole('columnheader', { name: column })).toBeVisible();
  await expect(events.getByRole('cell', { name: 'ScalingReplicaSet' })).toBeVisible();
  await page.screenshot({ path: 'test-results/first-load.png' });
  // Selecting a pod explains it (the explanations are a chunk of their own, fetched on demand).
  const pod = page.getByLabel(/^Pod shop-[a-z0-9]+-[a-z0-9]{5} Running ready$/).first();
  const name = ((await pod.getAttribute('aria-label')) ?? '').split(' ')[1] ?? '';
  await pod.click();
  const inspector = page.getByRole('complementary', { name: 'Why: inspector' });
  await expect(inspector.getByRole('heading', { level: 2 })).toHaveText(name);

  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
});
