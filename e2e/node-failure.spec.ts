import { expect, test } from '@playwright/test';
import { clock, injectFault, setSpeed, waitForClock, waitForShop } from './helpers';

// kubernetes-behaviour.md section 7: last heartbeat T, Unknown and pods NotReady at about T+50..55 s, pods
// evicted at about T+350 s and replaced on healthy nodes.
test('fail a node at 50x: its pods go not ready, then are replaced elsewhere', async ({ page }) => {
  await page.goto('/');
  await setSpeed(page, 'End');
  // After the scenario's own timeline (a crash at 30s, a deletion at 60s) so only this fault acts.
  await waitForClock(page, 70);
  await waitForShop(page);
  const node2 = page.getByLabel(/^Node node-2 /);
  const onNode2 = node2.getByLabel(/^Pod /);
  await expect(onNode2).toHaveCount(1);
  const victim = /^Pod (\S+)/.exec((await onNode2.first().getAttribute('aria-label')) ?? '')?.[1] ?? '';

  await injectFault(page, 'Fail node', /^node-2/);
  const failedAt = await clock(page);

  // The control plane notices the silence: node Unknown, its pod not ready.
  await expect(page.getByLabel(/^Node node-2 Unknown/)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByLabel(new RegExp(`^Pod ${victim} \\S+ not ready$`))).toBeVisible();
  const noticed = await clock(page);
  expect(noticed - failedAt).toBeGreaterThanOrEqual(40);
  // Polling at 50x adds up to a simulated minute of slack.
  expect(noticed - failedAt).toBeLessThanOrEqual(130);
  await expect(page.getByRole('log', { name: 'What just happened' })).toContainText(
    /node-2|Unknown|evicted|created/,
  );
  await page.screenshot({ path: 'test-results/node-failure-notready.png' });

  // After the 300 s toleration the pod is evicted and the ReplicaSet replaces it on a healthy node.
  await expect(page.getByLabel(new RegExp(`^Pod ${victim} Terminating`))).toBeVisible({ timeout: 30_000 });
  const evicted = await clock(page);
  expect(evicted - failedAt).toBeGreaterThanOrEqual(330);
  await waitForShop(page);
  for (const other of ['node-1', 'node-3']) {
    await expect(page.getByLabel(new RegExp(`^Node ${other} Ready`))).toBeVisible();
  }
  await expect(node2.getByLabel(/Running ready$/)).toHaveCount(0);
  await page.screenshot({ path: 'test-results/node-failure-replaced.png' });
});
