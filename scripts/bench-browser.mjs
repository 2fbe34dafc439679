// Browser figures of issue 6, against the release build (`trunk build --release`, dist/) served on 127.0.0.1 by
// scripts/static-server.mjs, in headless Chromium (playwright-core, Debian's /usr/bin/chromium):
//   1. first render: median over 10 loads of a first visit (no saved session) of the time from navigation to the
//      app's input area and to its first paint, and to the first analysis of an example shown (the `examples`
//      select's `seed` when the page has it, else the seed example pasted); then 10 loads of a returning visit,
//      which restore that example as the last session;
//   2. the analysis in the browser's wasm (crates/bench-wasm, the page's release profile) of generated clusters of
//      10 … 10,000 nodes, `-o yaml` and table, median of runs, and the wasm linear memory after the largest;
//   3. responsiveness: main-thread long tasks (Long Tasks API) and long animation frames while a 10,000-node
//      `-o yaml` text is pasted (clipboard, Ctrl+V) into the app and analysed;
//   4. time to first result (issue 18): the seed example opened by its share link on a fresh profile, unthrottled
//      and through Chromium's network emulation (DevTools' Slow 4G; scripts/first-result.mjs), median over 10 loads
//      each of the bytes transferred before the first finding is shown, the first paint and that finding shown.
// Figures only (never pass/fail).
//
//   node scripts/bench-browser.mjs [runs=7]     BENCH_NO_BUILD=1 skips the two builds; BENCH_DIST=<dir> serves another
//                                               build than dist/ (A/B comparisons); BENCH_PARTS=13 runs parts 1
//                                               and 3 only (default 1234); BENCH_PROFILE=<file> records a CPU
//                                               profile of part 3 (a .cpuprofile for Chromium's DevTools) and
//                                               prints what each task over 50 ms spent its time in
import { execFileSync, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { timeLoad } from './first-render.mjs';
import { NETWORKS, shareFragment, timeFirstResult } from './first-result.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 7);
const LOADS = 10;
const SIZES = [10, 100, 1000, 10000];
const PARTS = process.env.BENCH_PARTS ?? '1234';
// Parts 2 and 3 need the bench module (crates/bench-wasm); parts 1 and 4 only the page.
const BENCH_MODULE = /[23]/.test(PARTS);

if (!process.env.BENCH_NO_BUILD) {
  execFileSync('bash', ['-c', '. scripts/env.sh && trunk build --release'], { cwd: root, stdio: 'inherit' });
  if (BENCH_MODULE) execFileSync(join(root, 'scripts/bench-wasm-build.sh'), { stdio: 'inherit' });
}

/** Starts the static server on dist/ and resolves to its URL and a stop function. */
function serve() {
  const server = spawn(process.execPath, [join(root, 'scripts/static-server.mjs'), process.env.BENCH_DIST ?? join(root, 'dist'), '127.0.0.1', '0']);
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.stdout.on('data', (chunk) => {
      const url = /listening (\S+)/.exec(String(chunk))?.[1];
      if (url) resolve({ url, stop: () => server.kill() });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;

const { url, stop } = await serve();
process.env.BASE_URL = url;
const { launch } = await import('../e2e/browser.mjs');
const { context, close } = await launch();
try {
  const version = context.browser()?.version() ?? 'chromium';
  console.log(`Chromium ${version}, page ${url}`);

  if (PARTS.includes('1')) await firstRender();
  const big = BENCH_MODULE ? await analysis() : null;
  if (PARTS.includes('3')) await longTasks(big);
  if (PARTS.includes('4')) await firstResult();
} catch (e) {
  // Playwright's messages can quote a whole 21 MB paste: the first line says what failed.
  console.error(`bench-browser: ${String(e.message ?? e).split('\n')[0]}`);
  process.exitCode = 1;
} finally {
  await close();
  stop();
}

async function firstRender() {
  const seed = await readFile(join(root, 'fixtures/examples/01-talos-10404-duplicate-iscsi-tools-table.txt'), 'utf8');
  const render = [];
  const example = [];
  let how = '';
  const painted = [];
  for (let i = 0; i < LOADS; i++) {
    const page = await context.newPage();
    // A first visit: the app restores the last session of the profile (local storage), which after the previous
    // load is the seed example with its findings; that load is timed separately below.
    await page.addInitScript(() => localStorage.removeItem('talos-ext-analyzer.session'));
    const { input: rendered, fcp } = await timeLoad(page, url);
    painted.push(fcp);
    const examples = page.getByTestId('examples');
    const start = await page.evaluate(() => performance.now());
    if (await examples.count()) {
      how = 'the examples select (seed)';
      await examples.selectOption('seed');
    } else {
      how = 'the seed example pasted (the page has no examples select yet)';
      await page.getByTestId('input').fill(seed);
    }
    await page.getByTestId('finding').first().waitFor({ timeout: 30_000 });
    const shown = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(performance.now()))));
    render.push(rendered);
    example.push({ fromLoad: shown, fromInput: shown - start });
    await page.close();
  }
  // A returning visit: the last session (the seed example) is restored and analysed as the page loads.
  const restored = [];
  for (let i = 0; i < LOADS; i++) {
    const page = await context.newPage();
    restored.push(await timeLoad(page, url));
    await page.close();
  }
  console.log(`\n1. First render, median of ${LOADS} loads (time from navigation start):`);
  console.log(`   app in the DOM (input area present)    ${ms(median(render))}`);
  console.log(`   app painted (first contentful paint)   ${ms(median(painted))}   (goal ≤ 300 ms)`);
  console.log(`   first analysis of an example shown     ${ms(median(example.map((e) => e.fromLoad)))}` +
    `   (${ms(median(example.map((e) => e.fromInput)))} after the input; via ${how})`);
  console.log(`   with the last session restored (seed): in the DOM ${ms(median(restored.map((r) => r.input)))}, ` +
    `painted ${ms(median(restored.map((r) => r.fcp)))}`);
}

async function firstResult() {
  // Each load in a new browser context (a fresh profile in memory: empty cache, no saved session), from one browser
  // started beside the persistent one of parts 1–3.
  const { chromium } = await import('playwright-core');
  const { ARGS } = await import('../e2e/browser.mjs');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS });
  const seed = await readFile(join(root, 'fixtures/examples/01-talos-10404-duplicate-iscsi-tools-table.txt'), 'utf8');
  const link = `${url}${shareFragment(seed)}`;
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`\n4. First result from a share link (the seed example, ${link.length - url.length} characters of fragment), ` +
    `a fresh profile per load, median of ${LOADS} loads (time from navigation start):`);
  console.log(`   ${'network'.padEnd(50)} ${'before result'.padStart(13)} ${'first paint'.padStart(11)} ` +
    `${'result shown'.padStart(12)} ${'whole load'.padStart(11)}`);
  try {
    for (const { name, conditions } of NETWORKS) {
      const loads = [];
      for (let i = 0; i < LOADS; i++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        loads.push(await timeFirstResult(page, link, conditions));
        await context.close();
      }
      if (process.env.BENCH_VERBOSE) console.log(`   files of the last load (path, bytes, ended at ms): ${loads.at(-1).files.join('; ')}`);
      const m = (key) => median(loads.map((l) => l[key]));
      console.log(`   ${name.padEnd(50)} ${kib(m('before')).padStart(13)} ${ms(m('fcp')).padStart(11)} ` +
        `${ms(m('result')).padStart(12)} ${kib(m('total')).padStart(11)}`);
    }
    console.log('   goals on Slow 4G: result shown ≤ 2.0 s, bytes before the result ≤ 256 KiB (brotli)');
  } finally {
    await browser.close();
  }
}

/** Part 2 (skipped unless asked); returns the largest generated -o yaml text for part 3. */
async function analysis() {
  // 2. The analysis in the browser's wasm. The bench module is served under /__bench/ by the test harness itself.
  const page = await context.newPage();
  await page.route('**/__bench/**', async (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop() || 'index.html';
    if (name === 'index.html') {
      await route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' });
      return;
    }
    const body = await readFile(join(root, 'target/bench-wasm/web', name));
    const type = name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
    await route.fulfill({ contentType: type, body });
  });
  await page.goto(`${url}__bench/index.html`);
  const sizes = PARTS.includes('2') ? SIZES : [];
  const wasm = await page.evaluate(
    async ({ sizes, runs }) => {
      const m = await import('/__bench/talos_ext_bench_wasm.js');
      await m.default({ module_or_path: '/__bench/talos_ext_bench_wasm_bg.wasm' });
      const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const rows = [];
      for (const nodes of sizes) {
        for (const format of ['yaml', 'table']) {
          const text = format === 'yaml' ? m.cluster_yaml(nodes) : m.cluster_table(nodes);
          const times = [];
          // One untimed run first: the sizes go in ascending order, and V8 would otherwise still be optimising the
          // module during the small ones (the 100-node row came out slower than the 1,000-node one).
          m.analyze_paste(text);
          for (let i = 0; i < runs; i++) {
            const t = performance.now();
            m.analyze_paste(text);
            times.push(performance.now() - t);
          }
          rows.push({ nodes, format, bytes: text.length, median: median(times), memory: m.memory_bytes() });
        }
      }
      return rows;
    },
    { sizes, runs },
  );
  if (PARTS.includes('2')) report(wasm);
  const big = await page.evaluate(async (nodes) => {
    const m = await import('/__bench/talos_ext_bench_wasm.js');
    return m.cluster_yaml(nodes);
  }, SIZES.at(-1));
  await page.close();
  return big;
}

function report(wasm) {
  console.log(`\n2. Analysis in the browser's wasm (crates/bench-wasm, release profile), median of ${runs} runs:`);
  console.log('   nodes  format       bytes      median    MB/s');
  for (const r of wasm) {
    console.log(`   ${String(r.nodes).padStart(5)}  ${r.format.padEnd(6)} ${String(r.bytes).padStart(10)} ` +
      `${r.median.toFixed(1).padStart(8)} ms ${(r.bytes / 1e6 / (r.median / 1000)).toFixed(1).padStart(7)}`);
  }
  const biggest = wasm.filter((r) => r.nodes === SIZES.at(-1) && r.format === 'yaml')[0];
  const table = wasm.filter((r) => r.nodes === SIZES.at(-1) && r.format === 'table')[0];
  console.log(`   wasm linear memory after the ${SIZES.at(-1)}-node yaml: ${biggest.memory} bytes = ` +
    `${(biggest.memory / biggest.bytes).toFixed(2)}× its input (goal ≤ 4×); after the table too: ${table.memory} bytes`);
}

async function longTasks(big) {
  // 3. Long tasks while the app takes and analyses a 10,000-node paste: a real paste (the clipboard, Ctrl+V in the
  // input area), main-thread tasks over 50 ms (Long Tasks API) and long animation frames (which also count the
  // rendering work a task leaves for the frame, such as the layout of a textarea holding the text).
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const app = await context.newPage();
  await app.addInitScript(() => {
    window.__longTasks = [];
    window.__frames = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const scripts = e.scripts.map((s) => `${s.invoker} ${Math.round(s.duration)} ms`).join(', ');
        window.__frames.push({ start: e.startTime, duration: e.duration, scripts });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  });
  await app.goto(url);
  await app.getByTestId('input').waitFor({ timeout: 30_000 });
  await app.evaluate((text) => navigator.clipboard.writeText(text), big);
  const pasted = await app.evaluate(() => {
    window.__longTasks.length = 0;
    window.__frames.length = 0;
    return performance.now();
  });
  const profiler = process.env.BENCH_PROFILE ? await context.newCDPSession(app) : null;
  if (profiler) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.setSamplingInterval', { interval: 200 });
    await profiler.send('Profiler.start');
  }
  await app.locator('#paste').focus();
  await app.keyboard.press('Control+V');
  // Done: the summary shows the new input's report: its node count (the restored session's report shows until
  // then, with no stale note while the paste is still being read), and no stale note or progress.
  await app.waitForFunction(
    (nodes) =>
      [...document.querySelectorAll('[data-testid="summary"] .tile.count dd')].some((d) => d.textContent === nodes) &&
      !document.querySelector('[data-testid="results-stale"], [data-testid="progress"]'),
    String(SIZES.at(-1)),
    { timeout: 300_000, polling: 100 },
  );
  const done = await app.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(performance.now()))));
  await app.waitForTimeout(1000);
  const { tasks, frames } = await app.evaluate(() => ({ tasks: window.__longTasks, frames: window.__frames }));
  const over = (xs) => xs.filter((t) => t.duration > 50);
  if (profiler) {
    const { profile } = await profiler.send('Profiler.stop');
    await writeFile(process.env.BENCH_PROFILE, JSON.stringify(profile));
    printProfile(profile);
  }
  const longest = (xs) => xs.reduce((m, t) => Math.max(m, t.duration), 0);
  console.log(`\n3. A ${SIZES.at(-1)}-node -o yaml paste (${big.length} bytes, Ctrl+V) in the app: results shown ` +
    `${ms(done - pasted)} after the paste began;`);
  console.log(`   main-thread long tasks over 50 ms: ${over(tasks).length}, longest ${ms(longest(tasks))}, ` +
    `total ${ms(over(tasks).reduce((s, t) => s + t.duration, 0))}   (goal: none over 50 ms)`);
  console.log(`   long animation frames over 50 ms: ${over(frames).length}, longest ${ms(longest(frames))}`);
  for (const f of over(frames)) {
    console.log(`     at ${ms(f.start - pasted)}: ${ms(f.duration)}${f.scripts ? ` (${f.scripts})` : ''}`);
  }
  await app.close();
}

/**
 * The main thread's busy stretches over 50 ms in the profile (samples not idle, with no idle gap over 2 ms) and, for
 * each, the functions its samples were in (self time, the 12 largest).
 */
function printProfile(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const name = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').at(-1)}`.trim();
  const stretches = [];
  let t = profile.startTime;
  let current = null;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const node = byId.get(profile.samples[i]);
    const idle = node.callFrame.functionName === '(idle)';
    if (idle) {
      if (current && t - current.end > 2000) current = null;
      continue;
    }
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (!current) {
      current = { start: t, end: t, counts: new Map(), total: 0 };
      stretches.push(current);
    }
    current.end = t;
    current.total += dt;
    current.counts.set(name(node), (current.counts.get(name(node)) ?? 0) + dt);
  }
  for (const s of stretches.filter((x) => (x.end - x.start) / 1000 > 50)) {
    console.log(`   busy ${ms((s.end - s.start) / 1000)} at ${ms((s.start - profile.startTime) / 1000)} of the profile:`);
    for (const [key, v] of [...s.counts].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`     ${ms(v)}  ${key}`);
  }
}
