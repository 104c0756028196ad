/**
 * Attach mode: the app draws a cluster served by `npm run serve` while the real kubectl changes it, as an
 * instructor does in front of a room; and an address that is not local is refused.
 */
import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { kubeconfig } from '../src/serve/kubeconfig';
import { pinnedKubectl } from '../src/serve/pinnedKubectl';
import { guard, ORIGIN, waitForShop } from './helpers';

let server: ChildProcess | undefined;
let url = '';
let dir = '';
let kubectl = '';

test.beforeAll(async () => {
  test.setTimeout(300_000);
  kubectl = await pinnedKubectl();
  dir = mkdtempSync(join(tmpdir(), 'setpoint-attach-'));
  const child = spawn(
    'npx',
    ['tsx', 'src/serve/main.ts', 'examples/self-healing.yaml', '--port', '0', '--speed', '2'],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  server = child;
  url = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
      const m = / at (http:\/\/127\.0\.0\.1:\d+) /.exec(err);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${String(code)}: ${err}`)));
  });
  writeFileSync(join(dir, 'config'), kubeconfig(url));
});

test.afterAll(() => {
  server?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function k(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      kubectl,
      ['--kubeconfig', join(dir, 'config'), ...args],
      { env: { HOME: dir, PATH: process.env.PATH ?? '' } },
      (e, out, err) => (e ? reject(new Error(`${e.message}\n${err}`)) : resolve(out)),
    ),
  );
}

test('the app draws the served cluster live while the real kubectl scales it', async ({ page }) => {
  const { errors } = guard(page);
  await page.goto(`/?attach=${encodeURIComponent(url)}`);
  await expect(page.getByText(`Attached to the cluster served at ${url}`)).toBeVisible();
  await waitForShop(page);
  await expect(page.getByLabel(/^Node node-1 .*Ready/)).toBeVisible();

  // In a terminal: kubectl scale. The room sees two more pods appear and start.
  expect(await k(['scale', 'deployment', 'shop', '--replicas=5'])).toBe('deployment.apps/shop scaled\n');
  await expect(page.getByLabel(/^Pod shop-[a-z0-9]+-[a-z0-9]{5} Running ready$/)).toHaveCount(5, {
    timeout: 30_000,
  });

  // The page's own time controls drive the served cluster: paused there, the server says so.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect
    .poll(
      async () => ((await (await fetch(`${url}/setpoint/v1/status`)).json()) as { playing: boolean }).playing,
    )
    .toBe(false);
  await page.getByRole('button', { name: 'Play' }).click();
  await page.screenshot({ path: 'test-results/attach.png' });
  expect(errors).toEqual([]);
});

test('an address that is not local is refused and the app runs its own cluster', async ({ page }) => {
  const { outside } = guard(page);
  await page.goto(`/?attach=${encodeURIComponent('http://example.com:6443')}`);
  await expect(page.getByText(/Not attaching to "http:\/\/example.com:6443"/)).toBeVisible();
  await waitForShop(page);
  expect(outside).toEqual([]);
  expect(ORIGIN).toContain('127.0.0.1');
});
