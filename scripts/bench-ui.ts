/**
 * UI benchmark: frame times while a rollout runs at 10x speed on three cluster sizes, the gzipped JS of
 * the first load (before Monaco), and the time from navigation to a drawn cluster. It serves the
 * production build with `vite preview` (building first if dist/ is missing) and drives Chromium (Debian's
 * /usr/bin/chromium, CHROMIUM_PATH, or else Playwright's own browser). Figures go in docs/benchmarks.md.
 *
 *   npm run bench:ui                    three runs, median of each figure
 *   npm run bench:ui -- --quick         one run
 *   npm run bench:ui -- --runs=5 --seconds=10 --size=200 --json
 *   npm run bench:ui -- --trace=out.json   a Chromium performance trace of the largest measured size
 *   npm run bench:ui -- --profile=out      a CPU profile per size (out-<pods>.cpuprofile)
 *   npm run bench:ui -- --dist=/tmp/d   serve another build (e.g. `vite build --minify false --outDir /tmp/d`)
 *   npm run bench:ui -- --print-scenario=200   print a generated scenario (20, 200 or 1000 pods)
 */
import type { Browser } from '@playwright/test';
import { chromium } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------------------
// Options

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const RUNS = flag('quick') ? 1 : Number(option('runs') ?? 3);
const SECONDS = Number(option('seconds') ?? 10);
const SPEED_LABEL = '10x';
const JSON_OUT = flag('json');
const TRACE = option('trace');
const PROFILE = option('profile');
const ONLY = option('size');
/** Another build to serve (for example one built with --minify false, to read a profile). */
const DIST = path.resolve(option('dist') ?? path.join(ROOT, 'dist'));

interface Size {
  readonly label: string;
  readonly nodes: number;
  readonly pods: number;
}

const SIZES: readonly Size[] = [
  { label: '3 nodes / 20 pods', nodes: 3, pods: 20 },
  { label: '20 nodes / 200 pods', nodes: 20, pods: 200 },
  { label: '50 nodes / 1,000 pods', nodes: 50, pods: 1000 },
].filter((s) => !ONLY || String(s.pods) === ONLY);

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

// ---------------------------------------------------------------------------------------------------------
// The scenario: N nodes, a Deployment per 100 pods, every Deployment rolls out a new image at 10 s.

function scenarioYaml(size: Size): string {
  const deployments = Math.max(1, Math.ceil(size.pods / 100));
  const out: string[] = [
    `# UI benchmark: ${size.nodes} nodes, ${size.pods} pods in ${deployments} Deployment(s); a rollout at 10s.`,
    'apiVersion: setpoint.dev/v1alpha1',
    'kind: Scenario',
    'metadata:',
    `  name: bench-${size.pods}`,
    'spec:',
    '  images:',
    "    'shop:1.0': { pullSeconds: 1, startupSeconds: 2 }",
    "    'shop:2.0': { pullSeconds: 2, startupSeconds: 2 }",
    '  nodes:',
  ];
  for (let i = 1; i <= size.nodes; i++)
    out.push(`    - { name: node-${i}, capacity: { cpu: '16', memory: 64Gi, pods: '110' } }`);
  out.push('  timeline:');
  for (let d = 1; d <= deployments; d++)
    out.push('    - at: 10s', `      kubectl: set image deployment/app-${d} app=shop:2.0`);
  let left = size.pods;
  for (let d = 1; d <= deployments; d++) {
    const replicas = Math.min(100, left);
    left -= replicas;
    out.push(
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      `  name: app-${d}`,
      'spec:',
      `  replicas: ${replicas}`,
      '  selector:',
      `    matchLabels: { app: app-${d} }`,
      '  template:',
      '    metadata:',
      `      labels: { app: app-${d} }`,
      '    spec:',
      '      containers:',
      '        - name: app',
      '          image: shop:1.0',
      '          resources:',
      '            requests: { cpu: 100m, memory: 128Mi }',
      '          readinessProbe:',
      '            httpGet: { path: /healthz, port: 8080 }',
    );
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// Build and serve

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function ensureBuild(): void {
  if (existsSync(path.join(DIST, 'index.html'))) return;
  console.error('dist/ is missing: building…');
  const r = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build failed');
}

async function serve(): Promise<{ url: string; server: ChildProcess }> {
  const port = await freePort();
  const server = spawn(
    path.join(ROOT, 'node_modules', '.bin', 'vite'),
    ['preview', '--host', '127.0.0.1', '--strictPort', '--port', String(port), '--outDir', DIST],
    { cwd: ROOT, stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(url);
      if (r.ok) return { url, server };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error('vite preview did not start');
}

async function launch(): Promise<Browser> {
  const exe =
    process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return chromium.launch({ ...(exe ? { executablePath: exe } : {}), args: LAUNCH_ARGS });
}

// ---------------------------------------------------------------------------------------------------------
// In-page probes

/**
 * Installed before any script runs: notes when the first node card named "Node node-1 …" is in the
 * document with a size (then one more frame, so it has been painted), and offers a frame-time recorder.
 */
const PROBE = `(() => {
  const w = window;
  w.__bench = { drawnAt: null };
  const check = () => {
    const el = document.querySelector('[aria-label^="Node node-1 "]');
    if (!el) return false;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    requestAnimationFrame(() => { w.__bench.drawnAt = performance.now(); });
    return true;
  };
  const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
  mo.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
  const clock = () => {
    const m = /(?:(\\d+)h)?(\\d+)m(\\d+)s/.exec(document.querySelector('[role="timer"]')?.textContent ?? '');
    return m ? Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) : 0;
  };
  // Frame deltas for ms milliseconds, from the first frame at which the clock shows fromSim seconds.
  w.__benchFrames = (ms, fromSim) => new Promise((resolve) => {
    const deltas = [];
    let last = 0;
    let end = Infinity;
    let t0 = 0;
    const tick = (now) => {
      if (end === Infinity) {
        if (clock() >= fromSim) { end = now + ms; t0 = clock(); last = now; }
        requestAnimationFrame(tick);
        return;
      }
      deltas.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick); else resolve({ deltas, simSeconds: clock() - t0 });
    };
    requestAnimationFrame(tick);
  });
})();`;

interface FrameStats {
  readonly median: number;
  readonly p95: number;
  /** Frames of three refreshes or more (over 40 ms): p95 moves in whole refreshes, this shows finer change. */
  readonly over40: number;
  readonly max: number;
  readonly frames: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

function frameStats(deltas: readonly number[]): FrameStats {
  const s = [...deltas].sort((a, b) => a - b);
  return {
    median: quantile(s, 0.5),
    p95: quantile(s, 0.95),
    max: s[s.length - 1] ?? 0,
    frames: s.length,
    over40: s.filter((d) => d > 40).length,
  };
}

function median(xs: readonly number[]): number {
  return quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );
}

async function waitFor(what: string, test: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await test()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// ---------------------------------------------------------------------------------------------------------
// Measurements

interface LoadResult {
  readonly drawnMs: number;
  readonly entryKiB: number;
  readonly workerKiB: number;
  readonly files: readonly string[];
}

function gzipKiB(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length / 1024;
}

/** A fresh profile opens the app: how long until node-1 is drawn, and which JS it fetched. */
async function measureLoad(browser: Browser, url: string): Promise<LoadResult> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  const scripts = new Set<string>();
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.endsWith('.js')) scripts.add(u.pathname);
  });
  await page.goto(url);
  await waitFor('node-1 to be drawn', async () =>
    page.evaluate(
      () => (globalThis as unknown as { __bench: { drawnAt: number | null } }).__bench.drawnAt !== null,
    ),
  );
  const drawnMs = await page.evaluate(
    () => (globalThis as unknown as { __bench: { drawnAt: number } }).__bench.drawnAt,
  );
  await page.waitForLoadState('networkidle');
  let entryKiB = 0;
  let workerKiB = 0;
  const files = [...scripts].sort();
  for (const p of files) {
    const file = path.join(DIST, p);
    if (!existsSync(file)) continue;
    // The engine runs in its own worker thread; it is reported apart from the page's JS.
    if (/engine\.worker/.test(p)) workerKiB += gzipKiB(file);
    else if (!/monaco|editor|DesiredState|yaml\.worker/i.test(p)) entryKiB += gzipKiB(file);
  }
  await context.close();
  return { drawnMs, entryKiB, workerKiB, files };
}

/** Open the app, load the generated scenario through "Open file", run it at 10x, record frames. */
async function measureFrames(
  browser: Browser,
  url: string,
  size: Size,
  dir: string,
  trace?: string,
): Promise<FrameStats & { readonly simSeconds: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('group', { name: /^Node node-1 / }).waitFor();
  // Speed 10x first (a load keeps the speed): the slider steps through the offered speeds.
  const slider = page.getByRole('slider', { name: 'Simulation speed' });
  for (let i = 0; i < 20; i++) {
    const v = await slider.getAttribute('aria-valuetext');
    if (v?.startsWith(SPEED_LABEL)) break;
    await slider.focus();
    await slider.press(Number.parseFloat(v ?? '0') < 10 ? 'ArrowRight' : 'ArrowLeft');
    await page.waitForTimeout(50);
  }
  if (!(await slider.getAttribute('aria-valuetext'))?.startsWith(SPEED_LABEL))
    throw new Error('could not set 10x');
  const file = path.join(dir, `bench-${size.pods}.yaml`);
  writeFileSync(file, scenarioYaml(size));
  await page.getByLabel('Open a scenario file from your computer').setInputFiles(file);
  await waitFor('the scenario to load', async () =>
    ((await page.locator('.scenario-name').textContent()) ?? '').includes(`bench-${size.pods}`),
  );
  await page.getByRole('group', { name: new RegExp(`^Node node-${size.nodes} `) }).waitFor();
  if (await page.getByRole('button', { name: 'Play', exact: true }).isVisible())
    await page.getByRole('button', { name: 'Play', exact: true }).click();
  // Start a little before the rollout (at 10 s) so the measured window covers it.
  const profiler = PROFILE ? await context.newCDPSession(page) : undefined;
  if (profiler) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.setSamplingInterval', { interval: 200 });
    await profiler.send('Profiler.start');
  }
  if (trace) await browser.startTracing(page, { path: trace, screenshots: false });
  const { deltas, simSeconds } = await page.evaluate(
    ([ms, from]) =>
      (
        globalThis as unknown as {
          __benchFrames(ms: number, from: number): Promise<{ deltas: number[]; simSeconds: number }>;
        }
      ).__benchFrames(ms, from),
    [SECONDS * 1000, 5] as const,
  );
  if (trace) await browser.stopTracing();
  if (profiler && PROFILE) {
    const { profile } = await profiler.send('Profiler.stop');
    writeFileSync(PROFILE.replace(/(\.cpuprofile)?$/, `-${size.pods}.cpuprofile`), JSON.stringify(profile));
  }
  await context.close();
  return { ...frameStats(deltas), simSeconds };
}

// ---------------------------------------------------------------------------------------------------------
// Main

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

async function main(): Promise<void> {
  ensureBuild();
  const { url, server } = await serve();
  const browser = await launch();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'setpoint-bench-'));
  try {
    const loads: LoadResult[] = [];
    const frames = new Map<string, (FrameStats & { simSeconds: number })[]>();
    for (let run = 0; run < RUNS; run++) {
      const load = await measureLoad(browser, url);
      loads.push(load);
      console.error(
        `run ${run + 1}: drawn ${fmt(load.drawnMs, 0)} ms, first-load JS ${fmt(load.entryKiB)} KiB gz (+ worker ${fmt(load.workerKiB)} KiB)`,
      );
      for (const size of SIZES) {
        const last = run === RUNS - 1 && size === SIZES[SIZES.length - 1];
        const r = await measureFrames(browser, url, size, dir, last ? TRACE : undefined);
        frames.set(size.label, [...(frames.get(size.label) ?? []), r]);
        console.error(
          `run ${run + 1}: ${size.label}: median ${fmt(r.median)} ms, p95 ${fmt(r.p95)} ms, max ${fmt(r.max)} ms, ${r.frames} frames (${r.over40} over 40 ms), ${r.simSeconds} simulated s`,
        );
      }
    }
    const summary = {
      loadAverage: os.loadavg()[0] ?? 0,
      runs: RUNS,
      seconds: SECONDS,
      speed: SPEED_LABEL,
      machine: `${os.cpus().length} vCPU ${os.cpus()[0]?.model ?? ''}, Node ${process.versions.node}`,
      drawnMs: median(loads.map((l) => l.drawnMs)),
      firstLoadKiB: median(loads.map((l) => l.entryKiB)),
      workerKiB: median(loads.map((l) => l.workerKiB)),
      firstLoadFiles: loads[0]?.files ?? [],
      frames: SIZES.map((s) => {
        const rs = frames.get(s.label) ?? [];
        return {
          size: s.label,
          median: median(rs.map((r) => r.median)),
          p95: median(rs.map((r) => r.p95)),
          max: median(rs.map((r) => r.max)),
          simSeconds: median(rs.map((r) => r.simSeconds)),
        };
      }),
    };
    if (JSON_OUT) {
      console.log(JSON.stringify(summary, null, 2));
      return;
    }
    console.log(
      `\nUI benchmark (${summary.machine}); medians of ${RUNS} run(s); load average ${fmt(summary.loadAverage)} at the end\n`,
    );
    console.log(
      `| cluster (rollout at ${SPEED_LABEL}, ${SECONDS} s) | median frame | p95 frame | worst frame | simulated s |`,
    );
    console.log('|---|---|---|---|---|');
    for (const f of summary.frames)
      console.log(
        `| ${f.size} | ${fmt(f.median)} ms | ${fmt(f.p95)} ms | ${fmt(f.max)} ms | ${fmt(f.simSeconds, 0)} |`,
      );
    console.log('');
    console.log('| first load | figure |');
    console.log('|---|---|');
    console.log(`| JS before Monaco, gzipped | ${fmt(summary.firstLoadKiB)} KiB |`);
    console.log(`| engine worker, gzipped (own thread) | ${fmt(summary.workerKiB)} KiB |`);
    console.log(`| navigation to a drawn cluster | ${fmt(summary.drawnMs, 0)} ms |`);
    console.log(`\nfirst-load files: ${summary.firstLoadFiles.join(', ')}`);
  } finally {
    await browser.close();
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

const print = option('print-scenario');
const printed = SIZES.find((s) => String(s.pods) === print);
if (print !== undefined) {
  if (!printed) throw new Error(`no size with ${print} pods`);
  process.stdout.write(scenarioYaml(printed));
} else await main();
