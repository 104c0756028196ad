// Screenshots of the graph harness (not a test): start `npx vite --host 127.0.0.1 --port 4175` first, then
// `npx tsx e2e/harness/screens.ts [out-dir]`. Each shot runs an example to a moment and selects something.
import { chromium } from '@playwright/test';
import { existsSync, mkdirSync } from 'node:fs';

const out = process.argv[2] ?? 'test-results/graph';
mkdirSync(out, { recursive: true });
const base = process.env.HARNESS_URL ?? 'http://127.0.0.1:4175/e2e/harness/graph.html';
const shots = (process.env.SHOTS ?? '').split(',').filter(Boolean);
const all: readonly (readonly [string, string])[] = [
  ['self-healing', '?scenario=self-healing&until=62&select=Deployment/default/shop'],
  ['node-loss-80', '?scenario=node-loss&until=80&select=Node/node-2'],
  ['node-loss-400', '?scenario=node-loss&until=400&select=Node/node-2'],
  ['unschedulable', '?scenario=unschedulable&until=30&select=FIRST_PENDING'],
  ['bad-rollout', '?scenario=bad-rollout&until=120&select=Deployment/default/shop'],
  ['crash-loop', '?scenario=crash-loop&until=60&select=FIRST_CRASH'],
  ['big', '?nodes=50&pods=1000&until=30'],
  ['perf-200', '?nodes=10&pods=200&until=30&play=1&speed=2'],
  ['perf-1000', '?nodes=50&pods=1000&until=30&play=1&speed=2'],
];
const browser = await chromium.launch({
  ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
  ],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
const errors: string[] = [];
page.on('pageerror', (e) => errors.push(e.message));
page.on('crash', () => errors.push('page crashed'));
page.on('console', (m) => {
  if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  else if (process.env.VERBOSE) console.log('console', m.type(), m.text());
});
for (const [name, query] of all) {
  if (shots.length && !shots.includes(name)) continue;
  await page.goto(base + query.replace(/&select=FIRST_\w+/, ''));
  await page.waitForSelector('.react-flow__node', { timeout: 30000 });
  if (query.includes('FIRST_PENDING'))
    await page
      .getByLabel(/^Pod \S+ Pending/)
      .first()
      .click();
  if (query.includes('FIRST_CRASH'))
    await page
      .getByLabel(/^Pod \S+ CrashLoopBackOff/)
      .first()
      .click();
  await page.waitForTimeout(900);
  if (name.startsWith('perf')) {
    // Frame times while the simulation plays (rAF deltas over 4 s): average and p95.
    // A string, not a function: tsx would wrap a function with helpers the page does not have.
    const frames: number[] = await page.evaluate(`new Promise((resolve) => {
      const out = [];
      let last = performance.now();
      const end = last + 4000;
      const tick = (now) => {
        out.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(tick);
        else resolve(out);
      };
      requestAnimationFrame(tick);
    })`);
    frames.sort((a, b) => a - b);
    const avg = frames.reduce((a, b) => a + b, 0) / frames.length;
    const p95 = frames[Math.floor(frames.length * 0.95)] ?? 0;
    console.log(`${name}: ${frames.length} frames, average ${avg.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
  }
  await page.screenshot({ path: `${out}/${name}.png` });
  console.log('shot', name);
}
console.log(errors.length ? `errors:\n${[...new Set(errors)].join('\n')}` : 'no errors');
await browser.close();
